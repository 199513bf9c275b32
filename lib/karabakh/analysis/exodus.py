"""The exodus of September-October 2023 as curves: cumulative counts by who published them.

Each observation of a cumulative count (e.g. `displaced_arrived_armenia`) becomes a point in
time: its `ref_date` plus its `ref_time` (HH:MM, local time) where the source gives one, else
`default_hour` (the hour is then marked as not given). Series are grouped by the kind of voice
that published the figure (`original_origin_type`, falling back to `origin_type`). Pure functions.
"""

from __future__ import annotations

import pandas as pd

from ..evidence import spread

DEFAULT_HOUR = 12  # a count without an hour is drawn at midday of its day


def points(obs: pd.DataFrame, default_hour: int = DEFAULT_HOUR) -> pd.DataFrame:
    """`obs` with `at` (timestamp of the count), `hour_given` and `voice`, sorted by time."""
    out = obs.copy()
    times = out["ref_time"] if "ref_time" in out else pd.Series(pd.NA, index=out.index)
    given = times.notna() & (times.astype(str).str.len() > 0)
    hours = [
        pd.Timedelta(hours=int(t[:2]), minutes=int(t[3:5]))
        if g
        else pd.Timedelta(hours=default_hour)
        for t, g in zip(times.astype(str), given, strict=True)
    ]
    out["at"] = pd.to_datetime(out["ref_date"]) + pd.to_timedelta(hours)
    out["hour_given"] = given.to_numpy()
    voice = out["original_origin_type"] if "original_origin_type" in out else out["origin_type"]
    out["voice"] = voice.fillna(out["origin_type"]) if "origin_type" in out else voice
    return out.sort_values(["at", "value", "source_id"]).reset_index(drop=True)


def final_range(obs: pd.DataFrame, since, about_pct: float = spread.ABOUT_PCT) -> dict:
    """The range of the counts referring to `since` or later: lowest bound, highest finite bound.

    Open-ended figures ('more than 100,000') contribute their finite bound. Returns lowest,
    highest, n (figures) and sources; NaN bounds when there is no figure yet.
    """
    late = obs[pd.to_datetime(obs["ref_date"]) >= pd.Timestamp(since)]
    spans = spread.intervals(late, about_pct)
    values = [v for v in list(spans["low"]) + list(spans["high"]) if 0 < v < float("inf")]
    return {
        "lowest": min(values) if values else float("nan"),
        "highest": max(values) if values else float("nan"),
        "n": len(spans),
        "sources": spans["source_id"].nunique(),
    }
