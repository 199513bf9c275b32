"""Peacekeepers per remaining resident: the ratio, a sweep over contingent sizes and
populations, and a check of a chosen pair of numbers against what the sources report.

Units: persons for both numbers; the ratio is peacekeepers per resident. Pure functions of numbers
and of interval frames from `evidence.spread.intervals` (columns low, high, low_open, high_open).
"""

from __future__ import annotations

import math

import pandas as pd

from ..evidence import spread
from .claims import CONSISTENT, INCONSISTENT, NO_DATA, ratio_range


def per_resident(peacekeepers: float, residents: float) -> float:
    """Peacekeepers per resident; no residents left gives infinity (0 over 0 gives 0)."""
    if residents == 0:
        return 0.0 if peacekeepers == 0 else math.inf
    return peacekeepers / residents


def sweep(contingents, residents) -> pd.DataFrame:
    """Every pair of a contingent size and a resident count, with its ratio (long format)."""
    rows = [
        (float(c), float(r), per_resident(float(c), float(r)))
        for c in contingents
        for r in residents
    ]
    return pd.DataFrame(rows, columns=["contingent", "residents", "ratio"])


def finite_range(spans: pd.DataFrame) -> tuple[float, float]:
    """Lowest positive and highest finite bound over all sources' intervals (NaN, NaN if none)."""
    values = [v for v in list(spans["low"]) + list(spans["high"]) if v > 0 and math.isfinite(v)]
    if not values:
        return math.nan, math.nan
    return min(values), max(values)


def judge_pair(
    peacekeepers: float,
    residents: float,
    contingent_spans: pd.DataFrame,
    resident_spans: pd.DataFrame,
    slack_pct: float = 0.0,
) -> tuple[str, str]:
    """Whether a pair of numbers is one the sources allow: each number must lie in at least one
    source's interval of its quantity (widened by `slack_pct` percent); the evidence names the
    ratio of the pair and the range of ratios the sources allow."""
    if contingent_spans.empty or resident_spans.empty:
        return NO_DATA, "a figure is not reported yet"
    pk = spread.contains(contingent_spans, peacekeepers, slack_pct)
    rs = spread.contains(resident_spans, residents, slack_pct)
    low, high = ratio_range(contingent_spans, resident_spans)
    evidence = (
        f"{peacekeepers:,.0f} peacekeepers lie within {int(pk.sum())} of {len(pk)} figures; "
        f"{residents:,.0f} residents within {int(rs.sum())} of {len(rs)} figures; "
        f"{per_resident(peacekeepers, residents):,.2f} per resident, "
        f"where the figures allow {low:,.2f} to {high:,.2f}"
    )
    return (CONSISTENT if pk.any() and rs.any() else INCONSISTENT), evidence
