"""All of the article's claims at two dates, and how their verdicts moved month by month.

`glance` sets every claim's verdict at the article's vantage beside its verdict at the outcome date;
`history` recomputes all verdicts at each month end from one snapshot (rows reported after the
month end hidden again, in-process, no reruns). Verdicts come from `analysis.claims`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..evidence import spread
from ..evidence.dates import day
from ..evidence.snapshot import Snapshot
from . import claims

# Verdicts from strongest support to none; `order` puts unknown verdicts last, alphabetically.
VERDICT_ORDER = [
    claims.SUPPORTED,
    claims.CONSISTENT,
    "partly supported",
    claims.SOME,
    claims.INCONSISTENT,
    "unverifiable",
    claims.NO_DATA,
]


def order(verdicts) -> list[str]:
    """The distinct `verdicts` in VERDICT_ORDER, others after them in alphabetical order."""
    present = set(verdicts)
    known = [v for v in VERDICT_ORDER if v in present]
    return known + sorted(present - set(VERDICT_ORDER))


def glance(then: Snapshot, now: Snapshot, about_pct: float = spread.ABOUT_PCT) -> pd.DataFrame:
    """Every claim of `now` with its section (notebook), its verdict at `then` and at `now`."""
    late = claims.verdicts(now, about_pct=about_pct)
    early = claims.verdicts(then, about_pct=about_pct)[["claim_id", "verdict"]]
    sections = now["claims"][["claim_id", "section"]].astype({"section": str})
    out = late.merge(sections, on="claim_id").merge(
        early.rename(columns={"verdict": "verdict_then"}), on="claim_id", how="left"
    )
    out["verdict_then"] = out["verdict_then"].fillna(claims.NO_DATA)
    cols = ["claim_id", "section", "paragraph", "claim", "claimed", "evidence"]
    return out[cols + ["verdict_then", "verdict"]]


def counts(table: pd.DataFrame, by: str = "section", column: str = "verdict") -> pd.DataFrame:
    """Claims per `by` value and verdict: one row per `by` value, one column per verdict."""
    out = pd.crosstab(table[by], table[column])
    return out[order(out.columns)]


def month_ends(start: dt.date | str, end: dt.date | str) -> list[dt.date]:
    """`start`, then the last day of every month after it up to `end`, then `end` itself.

    Each day appears once: a `start` or `end` that falls on a month end is not repeated.
    """
    first, last = day(start), day(end)
    days = [first] + [
        d.date()
        for d in pd.date_range(pd.Timestamp(first), pd.Timestamp(last), freq="ME")
        if d.date() > first
    ]
    if days[-1] != last:
        days.append(last)
    return days


def history(
    ev: Snapshot, start: dt.date | str, about_pct: float = spread.ABOUT_PCT
) -> pd.DataFrame:
    """Claims by verdict at each month end from `start` to `ev.as_of`: date, verdict, claims."""
    tables = {name: ev[name] for name in ev.names}
    rows = []
    seen: dict[tuple, pd.Series] = {}  # verdicts are recomputed only when their inputs change
    for when in month_ends(start, ev.as_of):
        snap = Snapshot.of(when, tables)
        key = claims.verdict_inputs(snap)
        if key not in seen:
            seen[key] = claims.verdicts(snap, about_pct=about_pct)["verdict"].value_counts()
        rows += [[pd.Timestamp(when), v, int(n)] for v, n in seen[key].items()]
    out = pd.DataFrame(rows, columns=["date", "verdict", "claims"])
    return out.sort_values(["date", "verdict"]).reset_index(drop=True)
