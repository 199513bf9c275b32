"""What the sources say about one quantity: every source's figure, and the spread between them.

Where sources disagree the evidence base keeps one row per source; these functions show all of
them side by side and never pick one.
"""

from __future__ import annotations

import math

import pandas as pd

from .data import load

# How each qualifier turns a figure into an interval of values the source allows.
_LOW_HIGH = {
    "exact": (1.0, 1.0),
    "about": (1.0, 1.0),
    "at_least": (1.0, math.inf),
    "more_than": (1.0, math.inf),
    "up_to": (0.0, 1.0),
    "fewer_than": (0.0, 1.0),
}


def figures(quantities: list[str], as_of) -> pd.DataFrame:
    """Every visible figure of `quantities`, with its source's publisher and origin."""
    obs = load("observations", as_of=as_of)
    obs = obs[obs["quantity"].isin(quantities)]
    src = load("sources")[["source_id", "publisher", "origin_type", "origin_country"]]
    out = obs.merge(src, on="source_id", how="left")
    return out.sort_values(["quantity", "ref_date", "value", "source_id"]).reset_index(drop=True)


def intervals(obs: pd.DataFrame) -> pd.DataFrame:
    """One interval [low, high] per source and reference date (ranges are joined)."""
    rows = []
    for (quantity, source, ref), group in obs.groupby(["quantity", "source_id", "ref_date"]):
        lows, highs = [], []
        for r in group.itertuples():
            if r.qualifier == "range_low":
                lows.append(r.value)
            elif r.qualifier == "range_high":
                highs.append(r.value)
            else:
                lo, hi = _LOW_HIGH[r.qualifier]
                lows.append(r.value * lo)
                highs.append(r.value * hi)
        low = min(lows) if lows else 0.0
        high = max(highs) if highs else math.inf
        rows.append(
            {"quantity": quantity, "source_id": source, "ref_date": ref, "low": low, "high": high}
        )
    return pd.DataFrame(rows, columns=["quantity", "source_id", "ref_date", "low", "high"])


def summary(quantities: list[str], as_of) -> pd.DataFrame:
    """Per quantity: how many sources, the lowest and highest figure, and the spread."""
    obs = figures(quantities, as_of)
    if obs.empty:
        return pd.DataFrame(columns=["quantity", "sources", "lowest", "highest", "spread_pct"])
    grouped = obs.groupby("quantity")
    out = pd.DataFrame(
        {
            "sources": grouped["source_id"].nunique(),
            "lowest": grouped["value"].min(),
            "highest": grouped["value"].max(),
        }
    )
    out["spread_pct"] = ((out["highest"] - out["lowest"]) / out["lowest"] * 100).round(1)
    return out.reset_index()
