"""Signals of the drawdown: dated events sorted into kinds, the sources behind each, post counts.

The events table has no column saying what kind of drawdown step an event was, so `classify`
sorts events by their titles (and, for ceremonies, descriptions) with the ordered rules in
KIND_RULES; the first rule that matches wins. `source_kinds` says what kind of voice reported each
signal (the original's `original_origin_type`, counting only sources published by `as_of`).
`post_segments` turns every sourced count of posts into steps that hold a count until the next
one, but never across more than `gap_days`: a longer silence stays a gap.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

# Event categories whose rows can be drawdown signals.
SIGNAL_CATEGORIES = ("withdrawal", "monitoring_centre")

# (kind, regular expression, fields searched): the first match wins, so order matters.
KIND_RULES: list[tuple[str, str, tuple[str, ...]]] = [
    ("completion", r"\bcomplet", ("title",)),
    ("monitoring centre", r"monitoring cent(re|er)|joint[- ]cent(re|er)", ("title",)),
    ("posts closed", r"\bposts?\b.*(clos|dismantl)|(clos|dismantl).*\bposts?\b", ("title",)),
    ("rotation or repair", r"rotation|repair", ("title",)),
    ("ceremony", r"ceremon", ("title", "description")),
    ("announcement or report", r"confirm|announc|report|agree|decid", ("title",)),
]
# Kind given when no rule matches, by category.
FALLBACK = {"withdrawal": "units leave", "monitoring_centre": "other"}
# Order of the kinds on a timeline (bottom to top).
KIND_ORDER = [
    "rotation or repair",
    "posts closed",
    "announcement or report",
    "units leave",
    "monitoring centre",
    "ceremony",
    "completion",
    "other",
]


def kind_of(row) -> str:
    """The signal kind of one event row (a mapping with title, description and category)."""
    for kind, pattern, fields in KIND_RULES:
        text = " ".join(str(row[f]) for f in fields).lower()
        if re.search(pattern, text):
            return kind
    return FALLBACK.get(row["category"], "other")


def classify(events: pd.DataFrame) -> pd.DataFrame:
    """`events` with a `kind` column (see KIND_RULES), sorted by date and id."""
    out = events.sort_values(["date", "event_id"]).reset_index(drop=True)
    out["kind"] = [kind_of(r) for _, r in out.iterrows()] if len(out) else []
    return out


def signals(events: pd.DataFrame, since: dt.date) -> pd.DataFrame:
    """Events of SIGNAL_CATEGORIES dated on or after `since`, classified by kind."""
    chosen = events[
        events["category"].isin(SIGNAL_CATEGORIES) & (events["date"] >= pd.Timestamp(since))
    ]
    return classify(chosen)


def source_kinds(signals: pd.DataFrame, sources: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """One row per signal and kind of source that reported it: event_id, date, kind, source_kind,
    n_sources (how many of its sources of that kind were published by `as_of`; undated sources
    count, since their date cannot exclude them)."""
    cols = ["event_id", "date", "kind", "source_kind", "n_sources"]
    if signals.empty:
        return pd.DataFrame(columns=cols)
    src = sources.set_index("source_id")
    long = signals[["event_id", "date", "kind", "source_ids"]].explode("source_ids")
    long = long[long["source_ids"].isin(src.index)]
    published = pd.to_datetime(src.loc[long["source_ids"], "published"]).to_numpy()
    long = long[pd.isna(published) | (published <= pd.Timestamp(as_of))]
    long["source_kind"] = src.loc[long["source_ids"], "original_origin_type"].to_numpy()
    out = (
        long.groupby(["event_id", "date", "kind", "source_kind"], as_index=False)
        .size()
        .rename(columns={"size": "n_sources"})
    )
    return out.sort_values(["date", "event_id", "source_kind"]).reset_index(drop=True)[cols]


def post_segments(obs: pd.DataFrame, gap_days: int) -> pd.DataFrame:
    """Steps of every sourced count: quantity, start, end, low, high, n_sources.

    Per quantity and reference date, `low`/`high` are the lowest and highest count reported
    (equal when the sources agree; a repeated row of the same source and figure counts once).
    A step runs from its date to the next count's date when that is at most `gap_days` days later;
    otherwise (and for the last count) `end` equals `start`, and the figure shows a gap.
    """
    cols = ["quantity", "start", "end", "low", "high", "n_sources"]
    rows = []
    once = obs.drop_duplicates(["quantity", "ref_date", "value", "source_id"])
    for quantity, part in once.groupby("quantity", sort=True):
        by_day = part.groupby("ref_date").agg(
            low=("value", "min"), high=("value", "max"), n_sources=("source_id", "nunique")
        )
        days = list(by_day.index)
        for i, start in enumerate(days):
            nxt = days[i + 1] if i + 1 < len(days) else None
            end = nxt if nxt is not None and (nxt - start).days <= gap_days else start
            r = by_day.loc[start]
            rows.append([quantity, start, end, r["low"], r["high"], int(r["n_sources"])])
    return pd.DataFrame(rows, columns=cols)


def gaps(segments: pd.DataFrame) -> pd.DataFrame:
    """The silences longer than the step rule allows: quantity, last count's day, next count's
    day and the days between them."""
    rows = []
    for quantity, part in segments.groupby("quantity", sort=True):
        part = part.sort_values("start").reset_index(drop=True)
        for i in range(len(part) - 1):
            if part.loc[i, "end"] == part.loc[i, "start"]:
                a, b = part.loc[i, "start"], part.loc[i + 1, "start"]
                rows.append([quantity, a, b, (b - a).days])
    return pd.DataFrame(rows, columns=["quantity", "from", "to", "days"])


def summary(signals: pd.DataFrame, as_of: dt.date, term_end: dt.date) -> dict:
    """Counts and dates for the section's sentence: signals on record, the first and the latest,
    the completion's day (None when not on record) and how many days before `term_end` it came."""
    done = signals[signals["kind"] == "completion"]
    completed = done["date"].max().date() if len(done) else None
    return {
        "as_of": as_of,
        "n_signals": len(signals),
        "n_kinds": signals["kind"].nunique(),
        "first": signals["date"].min().date() if len(signals) else None,
        "latest": signals["date"].max().date() if len(signals) else None,
        "completed_on": completed,
        "days_before_term_end": (term_end - completed).days if completed else None,
    }


def describe(s: dict) -> str:
    """The summary as a sentence built from its numbers."""
    if not s["n_signals"]:
        return f"By {s['as_of']} no drawdown signal is on record."
    head = (
        f"By {s['as_of']} the evidence holds {s['n_signals']} drawdown signals of "
        f"{s['n_kinds']} kinds, from {s['first']} to {s['latest']}"
    )
    if s["completed_on"] is None:
        return head + "; no completion of the withdrawal is on record yet."
    return (
        head + f"; the withdrawal was reported complete on {s['completed_on']}, "
        f"{s['days_before_term_end']:,} days before the first mandate term would have ended."
    )


def centre_events(events: pd.DataFrame) -> pd.DataFrame:
    """The monitoring centre's record: events of category monitoring_centre whose kind is
    "monitoring centre" (KIND_RULES), whatever their date, oldest first."""
    part = classify(events[events["category"] == "monitoring_centre"])
    return part[part["kind"] == "monitoring centre"].reset_index(drop=True)


def centre_life(centre: pd.DataFrame, as_of: dt.date) -> dict:
    """Opening and closing day of the centre (titles saying it opens / closes) and the days it
    worked; while no closure is on record, the days are counted to `as_of`."""
    titles = centre["title"].str.lower()
    opened = centre.loc[titles.str.contains(r"\bopens?\b|\bopened\b"), "date"]
    closed = centre.loc[titles.str.contains(r"\bcloses\b|\bclosed\b"), "date"]
    first = opened.min().date() if len(opened) else None
    last = closed.max().date() if len(closed) else None
    end = last or as_of
    return {
        "opened": first,
        "closed": last,
        "days_working": (end - first).days if first else None,
        "n_events": len(centre),
        "n_after_closure": int((centre["date"] > pd.Timestamp(last)).sum()) if last else 0,
    }
