"""What the sources say about one quantity: each figure as an interval, and the spread between them.

Where sources disagree the evidence base keeps one row per source; these functions show all of
them side by side and never pick one. Each qualifier turns a reported figure v into an interval
of values the source allows (documented in data/README.md, "Qualifiers"):

| qualifier   | interval                     |
|-------------|------------------------------|
| exact       | [v, v]                       |
| about       | [v(1-b), v(1+b)], b = `about_pct` / 100 (default ABOUT_PCT) |
| at_least    | [v, inf)                     |
| more_than   | (v, inf)                     |
| up_to       | [0, v]                       |
| fewer_than  | [0, v)                       |
| nearly      | [v(1-b), v): close to v and below it ("nearly", "almost", "just under") |
| range_low + range_high | [low, high] of one source and reference date |
| a lone range end        | [low, inf) or [0, high]      |

All functions here are pure: they take frames, not dates or files.
"""

from __future__ import annotations

import math

import pandas as pd

from ..errors import DataError

# "About X" in a news report or an official's remark usually rounds to X's last significant digit;
# 5 % covers rounding of two-significant-digit figures ("about 24 hours" -> 22.8..25.2 h,
# "about 2,000" -> 1,900..2,100). A parameter wherever it matters, so the choice is visible.
ABOUT_PCT = 5.0

COLUMNS = ["quantity", "source_id", "ref_date", "low", "high", "low_open", "high_open", "figure"]


def interval(value: float, qualifier: str, about_pct: float = ABOUT_PCT) -> tuple:
    """(low, high, low_open, high_open) that a figure `value` with `qualifier` allows."""
    b = about_pct / 100
    if qualifier == "exact":
        return value, value, False, False
    if qualifier == "about":
        return value * (1 - b), value * (1 + b), False, False
    if qualifier == "at_least":
        return value, math.inf, False, True
    if qualifier == "more_than":
        return value, math.inf, True, True
    if qualifier == "up_to":
        return 0.0, value, False, False
    if qualifier == "fewer_than":
        return 0.0, value, False, True
    if qualifier == "nearly":
        return value * (1 - b), value, False, True
    if qualifier == "range_low":
        return value, math.inf, False, True
    if qualifier == "range_high":
        return 0.0, value, False, False
    raise DataError(
        f"unknown qualifier {qualifier!r}; known: exact, about, at_least, more_than, up_to, "
        "fewer_than, nearly, range_low, range_high"
    )


WORDS = {
    "exact": "",
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "up_to": "up to ",
    "fewer_than": "fewer than ",
    "nearly": "nearly ",
}


def intervals(obs: pd.DataFrame, about_pct: float = ABOUT_PCT) -> pd.DataFrame:
    """One interval per source and reference date; a range's two ends make one interval.

    `obs` needs columns quantity, source_id, ref_date, value, qualifier. Column `figure` is the
    source's figure in words ("about 2,000", "1,000 to 1,200").
    """
    # Plain Python over the few rows a claim or a figure needs: a pandas groupby costs more than
    # the work here, and `claims.verdicts` calls this once per claim and snapshot. Groups come in
    # the order groupby(sort=True, dropna=False) gives: by quantity, source, then reference date,
    # a missing date last; rows keep their order within a group.
    groups: dict[tuple, list[tuple[float, str]]] = {}
    columns = (obs[c] for c in ("quantity", "source_id", "ref_date", "value", "qualifier"))
    for quantity, source, ref, value, qual in zip(*columns, strict=True):
        groups.setdefault((quantity, source, ref), []).append((value, qual))

    def order(key: tuple) -> tuple:
        quantity, source, ref = key
        return (quantity, source, pd.isna(ref), 0 if pd.isna(ref) else ref)

    rows = []
    for key in sorted(groups, key=order):
        quantity, source, ref = key
        values = [v for v, _ in groups[key]]
        quals = [q for _, q in groups[key]]
        if {"range_low", "range_high"} <= set(quals):
            lo = min(v for v, q in zip(values, quals, strict=True) if q == "range_low")
            hi = max(v for v, q in zip(values, quals, strict=True) if q == "range_high")
            rows.append([quantity, source, ref, lo, hi, False, False, f"{lo:,.6g} to {hi:,.6g}"])
            quals_values = [
                (v, q) for v, q in zip(values, quals, strict=True) if not q.startswith("range")
            ]
        else:
            quals_values = list(zip(values, quals, strict=True))
        for v, q in quals_values:
            lo, hi, lo_open, hi_open = interval(v, q, about_pct)
            word = WORDS.get(q, "from " if q == "range_low" else "up to ")
            rows.append([quantity, source, ref, lo, hi, lo_open, hi_open, f"{word}{v:,.6g}"])
    return pd.DataFrame(rows, columns=COLUMNS)


def contains(spans: pd.DataFrame, value: float, slack_pct: float = 0.0) -> pd.Series:
    """Whether each interval of `spans`, widened by `slack_pct` percent at both ends, holds value.

    The widening multiplies the bounds (low * (1 - s), high * (1 + s)); open ends stay open, so
    "more than 50" does not hold 50 unless a tolerance widens it.
    """
    s = slack_pct / 100
    low = spans["low"] * (1 - s)
    high = spans["high"] * (1 + s)
    above = (value > low) | ((value == low) & ~(spans["low_open"] & (s == 0)))
    below = (value < high) | ((value == high) & ~(spans["high_open"] & (s == 0)))
    return above & below


def summary(spans: pd.DataFrame) -> pd.DataFrame:
    """Per quantity: sources, reference dates, the range of figures, and two kinds of spread.

    `disagreement_pct` is the widest gap between sources that refer to the same date (the
    largest finite bound over the smallest positive one, minus 1); `change_pct` is the change of
    the midpoint of all sources' figures from the first reference date to the last. A figure
    that only rose over time therefore shows change, not disagreement.
    """
    cols = ["quantity", "sources", "first_ref", "last_ref", "lowest", "highest"]
    cols += ["disagreement_pct", "change_pct"]
    rows = []
    for quantity, part in spans.groupby("quantity", sort=True):
        finite = _finite(part)
        same_day = [_gap(day_part) for _, day_part in part.groupby("ref_date")]
        by_day = part.groupby("ref_date").apply(_mid, include_groups=False).dropna()
        change = (
            round((by_day.iloc[-1] / by_day.iloc[0] - 1) * 100, 1)
            if len(by_day) > 1 and by_day.iloc[0] > 0
            else 0.0
        )
        rows.append(
            [
                quantity,
                part["source_id"].nunique(),
                part["ref_date"].min(),
                part["ref_date"].max(),
                min(finite) if finite else math.nan,
                max(finite) if finite else math.nan,
                max(same_day),
                change,
            ]
        )
    return pd.DataFrame(rows, columns=cols)


def _finite(part: pd.DataFrame) -> list[float]:
    values = list(part["low"]) + list(part["high"])
    return [v for v in values if v > 0 and math.isfinite(v)]


def _gap(part: pd.DataFrame) -> float:
    finite = _finite(part)
    if part["source_id"].nunique() < 2 or not finite:
        return 0.0
    return round((max(finite) / min(finite) - 1) * 100, 1)


def _mid(part: pd.DataFrame) -> float:
    finite = _finite(part)
    return (min(finite) + max(finite)) / 2 if finite else math.nan
