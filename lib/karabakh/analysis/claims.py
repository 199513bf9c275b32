"""Verdicts on the article's claims: pure judges of small frames, and one shell over a snapshot.

Methods (column `method` of claims.csv):
- quantity: the claimed number against every source's interval (see `evidence.spread`), widened
  by `tolerance` percent; consistent if every source allows it, "consistent with some sources" if
  some do, inconsistent if none does;
- ratio: the claimed ratio against the range the numerator's and denominator's intervals allow
  (lowest numerator over highest denominator to highest numerator over lowest denominator),
  within `tolerance` percent; open ends give 0 or infinity, never NaN;
- date: the claimed date against a recorded event's, statement's or election's date, within
  `tolerance` days (inclusive);
- record: every cited event or statement is on record;
- assessed: a reasoned verdict recorded in the data, shown once all its sources were published.
An unknown method is an error. Only figures whose reference date lies in the claim's window
[`ref_from`, `ref_to`] (inclusive, either end optional) are compared.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from ..errors import DataError
from ..evidence import spread
from ..evidence.dates import day, stamp
from ..evidence.snapshot import Snapshot

CONSISTENT = "consistent"
SOME = "consistent with some sources"
INCONSISTENT = "inconsistent"
NO_DATA = "no data yet"
SUPPORTED = "supported"
METHODS = ("quantity", "ratio", "date", "record", "assessed")
VERDICT_COLUMNS = ["claim_id", "paragraph", "claim", "method", "claimed", "evidence", "verdict"]


def in_window(obs: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Figures whose `ref_date` lies in [start, end]; a missing end is no bound."""
    if start is not None and not pd.isna(start):
        obs = obs[obs["ref_date"] >= stamp(start)]
    if end is not None and not pd.isna(end):
        obs = obs[obs["ref_date"] <= stamp(end)]
    return obs


def describe_figures(spans: pd.DataFrame, publishers: dict[str, str] | None = None) -> str:
    """Every source's figure: 'Publisher: about 2,000 (2023-10-01); ...' (no min-max summary)."""
    names = publishers or {}
    parts = []
    for r in spans.sort_values(["ref_date", "source_id"]).itertuples():
        when = f" ({r.ref_date:%Y-%m-%d})" if not pd.isna(r.ref_date) else ""
        parts.append(f"{names.get(r.source_id, r.source_id)}: {r.figure}{when}")
    return "; ".join(parts)


def judge_quantity(
    claimed: float, spans: pd.DataFrame, tolerance_pct: float, publishers=None
) -> tuple[str, str]:
    """Compare a number with each source's interval widened by `tolerance_pct` percent."""
    if spans.empty:
        return NO_DATA, "no figure reported yet"
    hits = spread.contains(spans, claimed, tolerance_pct or 0)
    n, k = len(spans), int(hits.sum())
    evidence = f"{k} of {n} figures within {tolerance_pct or 0:g}%: " + describe_figures(
        spans, publishers
    )
    if k == n:
        return CONSISTENT, evidence
    return (SOME if k else INCONSISTENT), evidence


def _div(a: float, b: float) -> float:
    """a / b for non-negative bounds: x / 0 is infinity (0 / 0 is 0), x / infinity is 0."""
    if b == 0:
        return 0.0 if a == 0 else math.inf
    if math.isinf(b):
        return 0.0 if math.isfinite(a) else math.inf
    return a / b


def ratio_range(top: pd.DataFrame, bottom: pd.DataFrame) -> tuple[float, float]:
    """Lowest and highest ratio that the numerator's and denominator's intervals allow."""
    low = _div(top["low"].min(), bottom["high"].max())
    high = _div(top["high"].max(), bottom["low"].min())
    return low, high


def judge_ratio(
    claimed: float, top: pd.DataFrame, bottom: pd.DataFrame, tolerance_pct: float
) -> tuple[str, str]:
    """Compare a ratio with the range the two quantities' intervals allow, within tolerance."""
    if top.empty or bottom.empty:
        return NO_DATA, "a figure is not reported yet"
    low, high = ratio_range(top, bottom)
    s = (tolerance_pct or 0) / 100
    ok = low * (1 - s) <= claimed <= high * (1 + s)
    evidence = (
        f"the figures allow {low:,.2f} to {high:,.2f} "
        f"(numerator: {describe_figures(top)}; denominator: {describe_figures(bottom)})"
    )
    return (CONSISTENT if ok else INCONSISTENT), evidence


def judge_date(
    claimed: dt.date | str, dates: pd.Series, record_ids: list[str], tolerance_days: float
) -> tuple[str, str]:
    """The claimed day against the first of `record_ids` on record in `dates` (id -> day)."""
    known = [r for r in record_ids if r in dates.index]
    if not known:
        return NO_DATA, "not on record yet"
    on_record = day(dates[known[0]])
    gap = abs((on_record - day(claimed)).days)
    evidence = (
        f"on record: {on_record:%Y-%m-%d} ({gap} day{'' if gap == 1 else 's'} from the claim)"
    )
    return (CONSISTENT if gap <= (tolerance_days or 0) else INCONSISTENT), evidence


def judge_record(known_ids, record_ids: list[str]) -> tuple[str, str]:
    """Supported when every one of `record_ids` is among `known_ids`."""
    known = set(known_ids)
    found = [r for r in record_ids if r in known]
    if len(found) < len(record_ids):
        return NO_DATA, f"{len(found)} of {len(record_ids)} records on file"
    return SUPPORTED, f"on record: {', '.join(found)}"


def judge_assessed(assessment: str, published: pd.Series, as_of: dt.date | str) -> tuple[str, str]:
    """The recorded assessment, once every source (its `published` day) is public by `as_of`."""
    late = published[pd.to_datetime(published) > stamp(as_of)]
    if len(late):
        return NO_DATA, f"rests on {len(late)} source(s) published after as_of"
    return assessment, f"assessed from {len(published)} source(s)"


def judge(claim, ev: Snapshot, about_pct: float = spread.ABOUT_PCT) -> tuple[str, str]:
    """The verdict of one claims.csv row (a namedtuple with NA as None) against snapshot `ev`."""
    keys = claim.check_keys or []
    if claim.method in ("quantity", "ratio"):
        obs = in_window(ev.figures(keys), claim.ref_from, claim.ref_to)
        pubs = dict(zip(obs["source_id"], obs["publisher"], strict=True))
        if claim.method == "quantity":
            spans = spread.intervals(obs, about_pct)
            return judge_quantity(float(claim.claimed_value), spans, claim.tolerance, pubs)
        top = spread.intervals(obs[obs["quantity"] == keys[0]], about_pct)
        bottom = spread.intervals(obs[obs["quantity"] == keys[1]], about_pct)
        return judge_ratio(float(claim.claimed_value), top, bottom, claim.tolerance)
    if claim.method == "date":
        return judge_date(claim.claimed_value, ev.dated, keys, claim.tolerance)
    if claim.method == "record":
        return judge_record(ev.dated.index, keys)
    if claim.method == "assessed":
        published = ev["sources"].set_index("source_id").loc[claim.source_ids, "published"]
        return judge_assessed(claim.assessment, published, ev.as_of)
    raise DataError(f"claim {claim.claim_id}: unknown method {claim.method!r}; known: {METHODS}")


def verdict_inputs(ev: Snapshot) -> tuple:
    """Everything `verdicts` reads from `ev`, as a hashable key.

    Two snapshots with equal keys give equal verdicts: the visible claims, the visible figures
    (observation ids) of the quantities they name, which of their record ids are on record and on
    which day, and which sources of the claims are published by `ev.as_of` (the only use of the
    date itself, in `judge_assessed`). Keep it in step with `judge` when a method reads more.
    """
    table = ev["claims"]
    keys = sorted({k for ks in table["check_keys"] if isinstance(ks, list) for k in ks})
    figures, public = (), ()
    if "observations" in ev and "sources" in ev:
        figures = tuple(sorted(ev.figures(keys)["obs_id"]))
    dated = ev.dated
    records = tuple((k, str(dated[k])) for k in keys if k in dated.index)
    if "sources" in ev:
        cited = {s for ids in table["source_ids"] if isinstance(ids, list) for s in ids}
        sources = ev["sources"]
        sources = sources[sources["source_id"].isin(cited)]
        shown = pd.to_datetime(sources["published"]) <= stamp(ev.as_of)
        public = tuple(sorted(sources["source_id"][shown]))
    return (tuple(table["claim_id"]), figures, records, public)


def verdicts(
    ev: Snapshot, section: str | None = None, about_pct: float = spread.ABOUT_PCT
) -> pd.DataFrame:
    """One row per claim visible in `ev` (optionally of one section) with its verdict."""
    table = ev["claims"]
    if section is not None:
        table = table[table["section"] == section]
    plain = table.astype(object).where(table.notna(), None)  # NA -> None for plain truth tests
    rows = []
    for claim in plain.itertuples():
        verdict, evidence = judge(claim, ev, about_pct)
        rows.append(
            [
                claim.claim_id,
                claim.paragraph,
                claim.claim,
                claim.method,
                claim.claimed_value or "",
                evidence,
                verdict,
            ]
        )
    return pd.DataFrame(rows, columns=VERDICT_COLUMNS)
