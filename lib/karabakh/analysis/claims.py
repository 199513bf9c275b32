"""Verdicts on the article's claims, computed from what the evidence base holds at `as_of`.

Methods (column `method` of claims.csv):
- quantity: the claimed number against every source's figure, within `tolerance` percent;
- ratio: the claimed ratio against the range the two quantities' figures allow, within `tolerance`;
- date: the claimed date against a recorded event's, statement's or election's date, within
  `tolerance` days;
- record: the cited events or statements are on record;
- assessed: a reasoned verdict recorded in the data, shown once all its sources were public.
"""

from __future__ import annotations

import pandas as pd

from .asof import as_timestamp
from .data import load
from .spread import figures, intervals

CONSISTENT = "consistent"
SOME = "consistent with some sources"
INCONSISTENT = "inconsistent"
NO_DATA = "no data yet"
SUPPORTED = "supported"


def verdicts(as_of, section: str | None = None) -> pd.DataFrame:
    """One row per claim visible at `as_of` (optionally of one section) with its verdict."""
    table = load("claims", as_of=as_of)
    if section is not None:
        table = table[table["section"] == section]
    rows = []
    plain = table.astype(object).where(table.notna(), None)  # NA -> None for plain truth tests
    for claim in plain.itertuples():
        verdict, evidence = _judge(claim, as_of)
        rows.append(
            {
                "claim_id": claim.claim_id,
                "paragraph": claim.paragraph,
                "claim": claim.claim,
                "method": claim.method,
                "claimed": claim.claimed_value or "",
                "evidence": evidence,
                "verdict": verdict,
            }
        )
    return pd.DataFrame(
        rows, columns=["claim_id", "paragraph", "claim", "method", "claimed", "evidence", "verdict"]
    )


def _judge(claim, as_of) -> tuple[str, str]:
    window = (claim.ref_from, claim.ref_to)
    if claim.method == "quantity":
        return judge_quantity(
            float(claim.claimed_value), claim.check_keys, claim.tolerance, as_of, window
        )
    if claim.method == "ratio":
        return judge_ratio(
            float(claim.claimed_value), claim.check_keys, claim.tolerance, as_of, window
        )
    if claim.method == "date":
        return judge_date(claim.claimed_value, claim.check_keys, claim.tolerance, as_of)
    if claim.method == "record":
        return judge_record(claim.check_keys, as_of)
    return judge_assessed(claim.assessment, claim.source_ids, as_of)


def _in_window(obs: pd.DataFrame, window) -> pd.DataFrame:
    """Figures whose reference date lies in `window` (either end may be missing)."""
    start, end = window if window else (None, None)
    if start is not None and not pd.isna(start):
        obs = obs[obs["ref_date"] >= start]
    if end is not None and not pd.isna(end):
        obs = obs[obs["ref_date"] <= end]
    return obs


def judge_quantity(claimed: float, quantities: list[str], tolerance_pct: float, as_of, window=None):
    """Compare a number with each source's interval, widened by the tolerance."""
    spans = intervals(_in_window(figures(quantities, as_of), window))
    if spans.empty:
        return NO_DATA, "no figure reported yet"
    slack = (tolerance_pct or 0) / 100
    hits = (spans["low"] * (1 - slack) <= claimed) & (claimed <= spans["high"] * (1 + slack))
    n, k = len(spans), int(hits.sum())
    evidence = f"{k} of {n} source figures within {tolerance_pct:g}%; " + _range(spans)
    if k == n:
        return CONSISTENT, evidence
    return (SOME if k else INCONSISTENT), evidence


def _range(spans: pd.DataFrame) -> str:
    finite = pd.concat([spans["low"], spans["high"]])
    finite = finite[(finite > 0) & (finite != float("inf"))]
    return f"sources give {finite.min():,.0f} to {finite.max():,.0f}"


def judge_ratio(claimed: float, quantities: list[str], tolerance_pct: float, as_of, window=None):
    """Compare a ratio with the range the numerator's and denominator's figures allow."""
    top, bottom = (intervals(_in_window(figures([q], as_of), window)) for q in quantities)
    if top.empty or bottom.empty:
        return NO_DATA, "a figure is not reported yet"
    finite = bottom["high"].replace(float("inf"), float("nan"))
    low = top["low"].min() / finite.max()
    high = top["high"].replace(float("inf"), float("nan")).max() / bottom["low"].clip(1).min()
    slack = (tolerance_pct or 0) / 100
    evidence = f"the figures allow {low:,.2f} to {high:,.2f}"
    ok = low * (1 - slack) <= claimed <= high * (1 + slack)
    return (CONSISTENT if ok else INCONSISTENT), evidence


def dated_records(as_of) -> pd.Series:
    """Dates of every event, statement and election on record at `as_of`, by id."""
    parts = [
        load("events", as_of=as_of).set_index("event_id")["date"],
        load("statements", as_of=as_of).set_index("statement_id")["date"],
        load("elections", as_of=as_of).set_index("election_id")["held_on"],
    ]
    return pd.concat(parts)


def judge_date(claimed: str, record_ids: list[str], tolerance_days: float, as_of):
    dates = dated_records(as_of)
    known = [r for r in record_ids if r in dates.index]
    if not known:
        return NO_DATA, "not on record yet"
    day = dates[known[0]]
    gap = abs((day - as_timestamp(claimed)).days)
    evidence = f"on record: {day:%Y-%m-%d} ({gap} day{'' if gap == 1 else 's'} from the claim)"
    return (CONSISTENT if gap <= (tolerance_days or 0) else INCONSISTENT), evidence


def judge_record(record_ids: list[str], as_of):
    known = dated_records(as_of).index
    found = [r for r in record_ids if r in known]
    if len(found) < len(record_ids):
        return NO_DATA, f"{len(found)} of {len(record_ids)} records on file"
    return SUPPORTED, f"on record: {', '.join(found)}"


def judge_assessed(assessment: str, source_ids: list[str], as_of):
    published = load("sources").set_index("source_id").loc[source_ids, "published"]
    late = published[published > as_timestamp(as_of)]
    if len(late):
        return NO_DATA, f"rests on {len(late)} source(s) published after as_of"
    return assessment, f"assessed from {len(source_ids)} source(s)"
