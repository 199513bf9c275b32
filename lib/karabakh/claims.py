"""Verdicts on the article's claims, computed from what the evidence base holds at `as_of`.

Methods (column `method` of claims.csv):
- quantity: the claimed number against every source's figure, within `tolerance` percent;
- date: the claimed date against the cited event's date, within `tolerance` days;
- event: the cited events are on record;
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
    for claim in table.itertuples():
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
    if claim.method == "quantity":
        return judge_quantity(float(claim.claimed_value), claim.check_keys, claim.tolerance, as_of)
    if claim.method == "date":
        return judge_date(claim.claimed_value, claim.check_keys, claim.tolerance, as_of)
    if claim.method == "event":
        return judge_events(claim.check_keys, as_of)
    return judge_assessed(claim.assessment, claim.source_ids, as_of)


def judge_quantity(claimed: float, quantities: list[str], tolerance_pct: float, as_of):
    """Compare a number with each source's interval, widened by the tolerance."""
    spans = intervals(figures(quantities, as_of))
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


def judge_date(claimed: str, event_ids: list[str], tolerance_days: float, as_of):
    events = load("events", as_of=as_of).set_index("event_id")
    known = [e for e in event_ids if e in events.index]
    if not known:
        return NO_DATA, "event not on record yet"
    day = events.loc[known[0], "date"]
    gap = abs((day - as_timestamp(claimed)).days)
    evidence = f"on record: {day:%Y-%m-%d} ({gap} days from the claim)"
    return (CONSISTENT if gap <= (tolerance_days or 0) else INCONSISTENT), evidence


def judge_events(event_ids: list[str], as_of):
    events = set(load("events", as_of=as_of)["event_id"])
    found = [e for e in event_ids if e in events]
    if len(found) < len(event_ids):
        return NO_DATA, f"{len(found)} of {len(event_ids)} events on record"
    return SUPPORTED, f"{len(found)} event(s) on record: {', '.join(found)}"


def judge_assessed(assessment: str, source_ids: list[str], as_of):
    published = load("sources").set_index("source_id").loc[source_ids, "published"]
    late = published[published > as_timestamp(as_of)]
    if len(late):
        return NO_DATA, f"rests on {len(late)} source(s) published after as_of"
    return assessment, f"assessed from {len(source_ids)} source(s)"
