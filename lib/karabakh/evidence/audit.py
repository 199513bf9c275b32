"""Evidence audit: checks that the rows of data/ rest on their sources the way the rules say.

Pure functions over the CSV tables, read as text (``dtype=str, keep_default_na=False``); nothing
here depends on the package loader, so the audit can run on a copy or a half-edited data folder.

Relay-date rule
    A source is a *relay* when ``sources.relay`` is ``true``: the page read is not the original
    publication of its content (a wire copy on a client site, a reprint, repost, mirror, archived
    or proxy copy, an official text reproduced by another site, or a report presented as another
    outlet's, "citing X"). ``relay_of`` names the original publisher where the page does.
    A row of ``events`` or ``statements`` (column ``date``) or ``observations`` (``ref_date``) is a
    *relay-date hit* when all of these hold:

    1. it cites exactly one source (``source_ids`` has one id; observations always cite one);
    2. that source is a relay;
    3. the row's date equals that source's ``published`` date;
    4. the row is not excused by the register (``data/relay_date_register.csv``: table, row id,
       status and reason). Status ``verified`` (re-read; the reason says what the page shows),
       ``dateline_recorded`` (the copy carries the original's dateline, equal to ``published``) and
       ``undated_page`` (the page shows no date; ``published`` was set from the event in its text)
       excuse a row; ``open`` (registered, not yet re-read) does not.

    Such a row may carry the relay's publication day instead of the day the thing was said,
    happened or was measured; each hit is re-read and either corrected or listed as an exception.

Overlap rule
    ``shared_runs(ours, theirs, n=8)`` lists the runs of ``n`` or more consecutive words that two
    texts share after ``normalise``: lower case, punctuation dropped, digits kept, and British
    spellings folded to one form (centre/center, -ise/-ize, -our/-or, defence/defense, ...).

Date-basis rule
    ``date_basis`` says where a row's date comes from (empty: not yet re-read). ``report_day``:
    the date equals the ``published`` day of a cited source. ``relative`` ("today", "yesterday",
    "on Tuesday"): the date is that day or up to ``RELATIVE_DAYS`` days before a cited source's
    ``published`` day, never after it. ``inferred``: the row's ``notes`` say how the date was set,
    so they are not empty. ``stated`` (the page prints the day) has no mechanical check.

Publisher rule
    Every ``sources.publisher`` and non-empty ``sources.relay_of`` is a name in ``publishers.csv``;
    no host name is claimed by two publishers; each source's ``origin_type``/``origin_country``
    are its publisher's, and a relay's ``original_origin_type``/``original_origin_country`` are
    those of its ``relay_of`` publisher; every ``source_id`` whose middle part is a date
    (``yyyymmdd``, ``yyyymm`` or ``yyyy``) agrees with ``published``.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import unicodedata
from pathlib import Path

import pandas as pd

DATED_TABLES = {"events": "date", "statements": "date", "observations": "ref_date"}
ID_COLUMNS = {"events": "event_id", "statements": "statement_id", "observations": "obs_id"}
TEXT_COLUMNS = {
    "events": ["title", "description", "notes"],
    "statements": ["summary", "notes"],
    "observations": ["notes"],
}

# British -> one folded form (American spelling); whole words, after lower-casing.
_WORDS = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "programme": "program",
    "programmes": "programs",
    "travelled": "traveled",
    "travelling": "traveling",
    "cancelled": "canceled",
    "labelled": "labeled",
    "modelling": "modeling",
    "enrol": "enroll",
    "grey": "gray",
    "towards": "toward",
    "whilst": "while",
    "amongst": "among",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "judgement": "judgment",
    "ageing": "aging",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "fulfil": "fulfill",
    "kilometre": "kilometer",
    "kilometres": "kilometers",
    "metre": "meter",
    "metres": "meters",
}
# -our words that take -or in American spelling (a closed list: "four", "hour", "your" stay).
_OUR = (
    "behaviour colour favour harbour honour humour labour neighbour rumour vigour endeavour "
    "armour saviour valour odour splendour parlour"
).split()
_SUFFIXES = ("", "s", "ed", "ing", "ite", "ites", "able", "ably", "ers", "er", "hood")


def _fold(word: str) -> str:
    if word in _WORDS:
        return _WORDS[word]
    for stem in _OUR:
        if word.startswith(stem):
            rest = word[len(stem) :]
            if rest in _SUFFIXES or rest in ("ful", "less", "ly", "ous"):
                return stem[:-3] + "or" + rest
    # centre/center, theatre, metre, fibre, calibre: -tre/-bre -> -ter/-ber
    m = re.fullmatch(r"([a-z]{2,}[tb])re(s|d)?", word)
    if m:
        return m.group(1)[:-1] + m.group(1)[-1] + "er" + (m.group(2) or "")
    # -ise/-yse forms -> -ize/-yze; folding a word that is -ise in both spellings (advise) is
    # harmless, because both texts are folded the same way
    m = re.fullmatch(r"([a-z]{2,})([iy])s(e|es|ed|ing|ation|ations|er|ers)", word)
    if m:
        return m.group(1) + m.group(2) + "z" + m.group(3)
    return word


def normalise(text: str) -> list[str]:
    """The words of `text`, lower-cased, without punctuation or accents, spelling folded."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(?<=\d)[,.](?=\d)", "", text)  # 1,960 -> 1960; 2.5 -> 25 on both sides
    text = re.sub(r"['’`]", "", text)  # peacekeepers' / don't: apostrophes join
    words = re.findall(r"[a-z0-9]+", text)
    return [_fold(w) for w in words]


def shared_runs(ours: str, theirs: str, n: int = 8) -> list[str]:
    """Maximal runs of at least `n` consecutive normalised words that both texts contain.

    Each run is returned once, as the normalised words joined by single spaces, in the order
    it appears in `ours`.
    """
    a, b = normalise(ours), normalise(theirs)
    if len(a) < n or len(b) < n:
        return []
    grams = {tuple(b[i : i + n]) for i in range(len(b) - n + 1)}
    hit = [tuple(a[i : i + n]) in grams for i in range(len(a) - n + 1)]
    runs, i = [], 0
    while i < len(hit):
        if not hit[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(hit) and hit[j + 1]:
            j += 1
        run = " ".join(a[i : j + n])
        if run not in runs:
            runs.append(run)
        i = j + 1
    return runs


def shingle_hashes(text: str, n: int = 8) -> set[str]:
    """Hashes of every run of `n` consecutive normalised words of `text` (10 hex digits each).

    The overlap check keeps these, not the sources' words: `data/excerpt_shingles.txt.gz` holds the
    hashes of every 8-word run of the page excerpts the last overlap pass compared, so `make test`
    can repeat the comparison without the excerpts (which quote the sources and are not published).
    Ten hex digits (40 bits) make a chance collision between ~40,000 of our runs and ~10^6 of
    theirs unlikely (expected under 0.04).
    """
    words = normalise(text)
    grams = (" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return {hashlib.blake2b(g.encode(), digest_size=5).hexdigest() for g in grams}


def shingle_hits(texts: pd.DataFrame, hashes: set[str], n: int = 8) -> pd.DataFrame:
    """Our texts (`text_rows`) that contain a run of `n` words whose hash is in `hashes`."""
    out = []
    for _, t in texts.iterrows():
        words = normalise(t["text"])
        for i in range(len(words) - n + 1):
            run = " ".join(words[i : i + n])
            if hashlib.blake2b(run.encode(), digest_size=5).hexdigest() in hashes:
                out.append((t["table"], t["row_id"], t["column"], run))
    return pd.DataFrame(out, columns=["table", "row_id", "column", "run"])


def read_shingles(path: Path | str) -> set[str]:
    """The hash set written by `write_shingles` (gzip, one hash per line, sorted)."""
    with gzip.open(path, "rt", encoding="ascii") as f:
        return {line.strip() for line in f if line.strip()}


def write_shingles(path: Path | str, excerpts: list[str], n: int = 8) -> int:
    """Hash every `n`-word run of `excerpts` into `path`, reproducibly (sorted, no gzip time)."""
    hashes: set[str] = set()
    for text in excerpts:
        hashes |= shingle_hashes(text, n)
    data = "".join(h + "\n" for h in sorted(hashes)).encode("ascii")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as f:
        f.write(data)
    return len(hashes)


def read_table(data_dir: Path | str, name: str) -> pd.DataFrame:
    """Table `name` of `data_dir` as text, empty cells as ''."""
    return pd.read_csv(Path(data_dir) / f"{name}.csv", dtype=str, keep_default_na=False)


def _cited(row: pd.Series, table: str) -> list[str]:
    if table == "observations":
        return [row["source_id"]] if row["source_id"] else []
    return [x for x in row["source_ids"].split(";") if x]


def relay_date_hits(
    tables: dict[str, pd.DataFrame], sources: pd.DataFrame, exceptions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Rows dated on the publication day of their sole source while that source is a relay.

    `tables` maps table names (events, statements, observations) to frames; `exceptions` has
    columns table, row_id (and reason). Returns columns table, row_id, date, source_id, relay_of.
    """
    src = sources.set_index("source_id")
    relays = set(src.index[src["relay"].str.lower() == "true"])
    excused = set()
    if exceptions is not None and len(exceptions):
        ok = exceptions
        if "status" in exceptions:
            ok = exceptions[exceptions["status"] != "open"]
        excused = set(zip(ok["table"], ok["row_id"], strict=True))
    out = []
    for table, frame in tables.items():
        date_col, id_col = DATED_TABLES[table], ID_COLUMNS[table]
        for _, row in frame.iterrows():
            cited = _cited(row, table)
            if len(cited) != 1 or cited[0] not in relays:
                continue
            sid = cited[0]
            if row[date_col] != src.at[sid, "published"] or (table, row[id_col]) in excused:
                continue
            out.append((table, row[id_col], row[date_col], sid, src.at[sid, "relay_of"]))
    return pd.DataFrame(out, columns=["table", "row_id", "date", "source_id", "relay_of"])


def relay_only_rows(tables: dict[str, pd.DataFrame], sources: pd.DataFrame) -> pd.DataFrame:
    """Rows whose every source is a relay and whose notes do not say so ("rests on a relay")."""
    relays = set(sources.loc[sources["relay"].str.lower() == "true", "source_id"])
    out = []
    for table, frame in tables.items():
        id_col = ID_COLUMNS[table]
        for _, row in frame.iterrows():
            cited = _cited(row, table)
            note = row.get("notes", "") + " " + row.get("description", "") + row.get("summary", "")
            if cited and set(cited) <= relays and "rests on a relay" not in note.lower():
                out.append((table, row[id_col], ";".join(cited)))
    return pd.DataFrame(out, columns=["table", "row_id", "source_ids"])


def exception_problems(tables: dict[str, pd.DataFrame], exceptions: pd.DataFrame) -> list[str]:
    """Register entries that name no existing row, give no reason, or no longer match a hit."""
    problems = []
    for _, ex in exceptions.iterrows():
        frame = tables.get(ex["table"])
        if frame is None or ex["row_id"] not in set(frame[ID_COLUMNS[ex["table"]]]):
            problems.append(f"{ex['table']} {ex['row_id']}: no such row")
        if not ex.get("reason", "").strip():
            problems.append(f"{ex['table']} {ex['row_id']}: no reason given")
    return problems


def unregistered_hits(
    tables: dict[str, pd.DataFrame], sources: pd.DataFrame, exceptions: pd.DataFrame
) -> pd.DataFrame:
    """Relay-date hits that the register does not list at all (not even as open)."""
    hits = relay_date_hits(tables, sources, None)
    listed = set(zip(exceptions["table"], exceptions["row_id"], strict=True))
    keep = [(t, r) not in listed for t, r in zip(hits["table"], hits["row_id"], strict=True)]
    return hits[keep].reset_index(drop=True)


def stale_entries(
    tables: dict[str, pd.DataFrame], sources: pd.DataFrame, exceptions: pd.DataFrame
) -> list[tuple[str, str]]:
    """Register entries for rows that are no longer hits, except `corrected` ones.

    A `corrected` entry records a fix (from what to what, by which source) and stays as the audit
    trail; any other entry for a row that is no longer a hit is stale and must go.
    """
    hits = relay_date_hits(tables, sources, None)
    now = set(zip(hits["table"], hits["row_id"], strict=True))
    return [
        (t, r)
        for t, r, s in zip(
            exceptions["table"], exceptions["row_id"], exceptions["status"], strict=True
        )
        if (t, r) not in now and s != "corrected"
    ]


def host(url: str) -> str:
    """Host name of `url` without a leading www., en., m., amp. or mail. and a trailing dot."""
    h = re.split(r"[/?#:]", re.sub(r"^[a-z]+://", "", url.lower()))[0].rstrip(".")
    for prefix in ("www.", "en.", "m.", "amp.", "mail.", "m2."):
        if h.startswith(prefix):
            h = h[len(prefix) :]
    return h


def _id_date_ok(source_id: str, published: str) -> bool:
    m = re.search(r"-((?:19|20)\d{2})(\d{2})?(\d{2})?(?=-|$)", source_id)
    if not m:
        return True  # undated ids (reference works) carry no date to disagree with
    if not published:
        return False
    y, mo, d = m.groups()
    want = y + ("-" + mo if mo else "") + ("-" + d if d else "")
    return published.startswith(want)


def publisher_problems(sources: pd.DataFrame, publishers: pd.DataFrame) -> list[str]:
    """Breaches of the publisher rule (see the module docstring), one message each."""
    problems = []
    pub = publishers.set_index("publisher")
    names = set(pub.index)
    folded: dict[str, str] = {}
    for name in names:
        key = re.sub(r"[^a-z0-9]", "", name.lower())
        if key in folded:
            problems.append(f"publishers {name!r} and {folded[key]!r} differ only in spelling")
        folded[key] = name
    owner: dict[str, str] = {}
    for name, domains in pub["domains"].items():
        for d in filter(None, domains.split(";")):
            if d in owner and owner[d] != name:
                problems.append(f"host {d} belongs to {owner[d]!r} and {name!r}")
            owner[d] = name
    for _, s in sources.iterrows():
        sid, p = s["source_id"], s["publisher"]
        if p not in names:
            problems.append(f"{sid}: publisher {p!r} is not in publishers.csv")
            continue
        h = host(s["url"])
        if owner.get(h, p) != p:
            problems.append(f"{sid}: host {h} belongs to {owner[h]!r}, not {p!r}")
        if h not in pub.at[p, "domains"].split(";"):
            problems.append(f"{sid}: host {h} is not listed for {p!r}")
        for col in ("origin_type", "origin_country"):
            if s[col] != pub.at[p, col]:
                problems.append(f"{sid}: {col} {s[col]!r} but {p!r} is {pub.at[p, col]!r}")
        relay = s["relay"].lower() == "true"
        orig = s["relay_of"]
        if orig and not relay:
            problems.append(f"{sid}: relay_of {orig!r} on a source that is not a relay")
        if orig and orig not in names:
            problems.append(f"{sid}: relay_of {orig!r} is not in publishers.csv")
        elif orig:
            for col in ("origin_type", "origin_country"):
                if s["original_" + col] != pub.at[orig, col]:
                    problems.append(f"{sid}: original_{col} is not that of {orig!r}")
        elif not relay:
            for col in ("origin_type", "origin_country"):
                if s["original_" + col] != s[col]:
                    problems.append(f"{sid}: original_{col} differs on a non-relay")
        if not _id_date_ok(sid, s["published"]):
            problems.append(f"{sid}: id date disagrees with published {s['published']!r}")
    return problems


def text_rows(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Our texts to check for overlap: table, row id, column, text, the sources it cites."""
    out = []
    for table, cols in TEXT_COLUMNS.items():
        if table not in tables:
            continue
        for _, row in tables[table].iterrows():
            for col in cols:
                if row[col].strip():
                    cited = ";".join(_cited(row, table))
                    out.append((table, row[ID_COLUMNS[table]], col, row[col], cited))
    return pd.DataFrame(out, columns=["table", "row_id", "column", "text", "source_ids"])


def overlap_hits(texts: pd.DataFrame, excerpts: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """Runs of `n`+ words shared by our texts and source excerpts (columns url, excerpt)."""
    out = []
    for _, t in texts.iterrows():
        for _, e in excerpts.iterrows():
            for run in shared_runs(t["text"], e["excerpt"], n):
                out.append((t["table"], t["row_id"], t["column"], e["url"], run))
    return pd.DataFrame(out, columns=["table", "row_id", "column", "url", "run"])


RELATIVE_DAYS = 7
DATE_BASES = ("stated", "relative", "report_day", "inferred")


def date_basis_problems(tables: dict[str, pd.DataFrame], sources: pd.DataFrame) -> list[str]:
    """Rows whose ``date_basis`` disagrees with their dates, sources or notes (see the rule)."""
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    problems = []
    for table, column in DATED_TABLES.items():
        frame = tables[table]
        if "date_basis" not in frame:
            continue
        for _, row in frame.iterrows():
            basis, rid, day = row["date_basis"], row[ID_COLUMNS[table]], row[column]
            if not basis:
                continue
            if basis not in DATE_BASES:
                problems.append(f"{table} {rid}: unknown date_basis {basis!r}")
                continue
            days = [published.get(s, "") for s in _cited(row, table)]
            days = [d for d in days if d]
            if basis == "report_day" and day not in days:
                problems.append(f"{table} {rid}: report_day, but {day} is no cited source's day")
            elif basis == "relative":
                when = pd.Timestamp(day)
                gaps = [(pd.Timestamp(d) - when).days for d in days]
                if not any(0 <= g <= RELATIVE_DAYS for g in gaps):
                    problems.append(
                        f"{table} {rid}: relative, but {day} is not within {RELATIVE_DAYS} days "
                        "before a cited source's day"
                    )
            elif basis == "inferred" and not row["notes"].strip():
                problems.append(f"{table} {rid}: inferred date, but the notes do not say how")
    return problems


def reported_on_problems(tables: dict[str, pd.DataFrame], sources: pd.DataFrame) -> list[str]:
    """Rows whose ``reported_on`` is not the day their cited pages made them public.

    The rule (``data/README.md``): ``reported_on`` is the earliest publication day among the cited
    pages dated on or after the row's own date (a page from before the event is background, not
    its report); when every cited page is older, the earliest of them. Rows whose notes say why
    their ``reported_on`` differs (the word ``reported_on`` in the notes) and rows without a dated
    page are left alone.
    """
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    problems = []
    for table, column in DATED_TABLES.items():
        frame = tables[table]
        for _, row in frame.iterrows():
            days = sorted(d for d in (published.get(s, "") for s in _cited(row, table)) if d)
            if not days or "reported_on" in row["notes"]:
                continue
            later = [d for d in days if d >= row[column]]
            want = later[0] if later else days[0]
            if row["reported_on"] != want:
                problems.append(
                    f"{table} {row[ID_COLUMNS[table]]}: reported_on {row['reported_on']}, "
                    f"but the cited pages made it public on {want}"
                )
    return problems


# Quantities recorded once per person or item named in the notes (the first sentence of the notes
# names them): one page gives several rows of the same figure, which are not duplicates.
PER_SUBJECT_QUANTITIES = frozenset({"sentence_years_main_trial"})
FIGURE_KEY = ("source_id", "quantity", "value", "unit", "qualifier")


def _subject(notes: str) -> str:
    return notes.split(".", 1)[0].strip()


def duplicate_figures(observations: pd.DataFrame) -> list[str]:
    """Observations that record one source's figure twice (same source, quantity, value, unit and
    qualifier), whatever their dates: a duplicate counts one source twice in every spread.

    For a quantity in ``PER_SUBJECT_QUANTITIES`` the first sentence of the notes (the person or item
    the figure is about) is part of the key."""
    frame = observations.copy()
    frame["_subject"] = [
        _subject(n) if q in PER_SUBJECT_QUANTITIES else ""
        for q, n in zip(frame["quantity"], frame["notes"], strict=True)
    ]
    key = [*FIGURE_KEY, "_subject"]
    problems = []
    for _, group in frame[frame.duplicated(key, keep=False)].groupby(key, sort=True):
        ids = ", ".join(group["obs_id"])
        first = group.iloc[0]
        problems.append(
            f"observations {ids}: the same figure ({first['quantity']} {first['qualifier']} "
            f"{first['value']} {first['unit']}) from {first['source_id']} twice"
        )
    return problems


def load_all(data_dir: Path | str) -> dict[str, pd.DataFrame]:
    """The tables the audit reads: sources, publishers, the dated tables and the exceptions."""
    names = ["sources", "publishers", *DATED_TABLES, "relay_date_register"]
    return {name: read_table(data_dir, name) for name in names}


def run(data_dir: Path | str) -> dict[str, object]:
    """Every check on `data_dir`: relay-date hits, unmarked relay-only rows, publisher problems."""
    t = load_all(data_dir)
    dated = {k: t[k] for k in DATED_TABLES}
    return {
        "relay_date_hits": relay_date_hits(dated, t["sources"], t["relay_date_register"]),
        "relay_only_unmarked": relay_only_rows(dated, t["sources"]),
        "exception_problems": exception_problems(dated, t["relay_date_register"]),
        "unregistered_hits": unregistered_hits(dated, t["sources"], t["relay_date_register"]),
        "stale_entries": stale_entries(dated, t["sources"], t["relay_date_register"]),
        "publisher_problems": publisher_problems(t["sources"], t["publishers"]),
        "date_basis_problems": date_basis_problems(dated, t["sources"]),
        "reported_on_problems": reported_on_problems(dated, t["sources"]),
        "duplicate_figures": duplicate_figures(t["observations"]),
    }
