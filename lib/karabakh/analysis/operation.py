"""The length of the September 2023 operation: every source's figure in hours, and a judge.

Sources give the length in hours ("about 24 hours", "less than a day") or in days ("two days").
`in_hours` turns each figure into an interval of hours (days x 24; qualifiers as in
`evidence.spread`), `from_clock` computes the length the sourced start and ceasefire hours allow,
and `judge_hours` compares a claimed number of hours with every interval widened by an absolute
tolerance in hours. Pure functions of small frames.
"""

from __future__ import annotations

import math

import pandas as pd

from ..evidence import spread

HOURS_PER = {"hours": 1.0, "days": 24.0}


def in_hours(obs: pd.DataFrame, about_pct: float = spread.ABOUT_PCT) -> pd.DataFrame:
    """One interval in hours per source figure; `obs` has a `unit` column ('hours' or 'days').

    Columns of `spread.intervals` plus unit, factor and publisher (when given).
    """
    parts = []
    for unit, part in obs.groupby("unit", sort=True):
        if unit not in HOURS_PER:
            raise ValueError(f"unit {unit!r} cannot be read as a length; known: hours, days")
        spans = spread.intervals(part, about_pct)
        factor = HOURS_PER[unit]
        spans["low"] = spans["low"] * factor
        spans["high"] = spans["high"] * factor
        spans["unit"] = unit
        parts.append(spans)
    if not parts:
        return pd.DataFrame(columns=[*spread.COLUMNS, "unit"])
    out = pd.concat(parts, ignore_index=True)
    if "publisher" in obs:
        names = dict(zip(obs["source_id"], obs["publisher"], strict=False))
        out["publisher"] = out["source_id"].map(names)
    return out.sort_values(["low", "high", "source_id"]).reset_index(drop=True)


def from_clock(start_hours: pd.Series, end_hours: pd.Series, days_between: int = 1) -> tuple:
    """(shortest, longest) length in hours from any sourced start hour to any end hour."""
    if start_hours.empty or end_hours.empty:
        return math.nan, math.nan
    base = 24.0 * days_between
    return base + end_hours.min() - start_hours.max(), base + end_hours.max() - start_hours.min()


def judge_hours(spans: pd.DataFrame, claimed: float, tolerance_hours: float) -> pd.DataFrame:
    """`spans` with `within`: whether `claimed` +- `tolerance_hours` meets each interval.

    An open end (fewer than 24) excludes its bound only when the tolerance is 0.
    """
    out = spans.copy()
    t = tolerance_hours
    low, high = out["low"] - t, out["high"] + t
    above = (claimed > low) | ((claimed == low) & ~(out["low_open"] & (t == 0)))
    below = (claimed < high) | ((claimed == high) & ~(out["high_open"] & (t == 0)))
    out["within"] = above & below
    return out
