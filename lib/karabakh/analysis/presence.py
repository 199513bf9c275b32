"""Russian military presence in Azerbaijan over time: spans of dates and the gaps between them.

A dated record (events.csv) carries a `date` and a `date_precision`; a month- or year-level date
stands for every day of that month or year. `day_span` turns one record into the first and last
day it allows, and `gap_years` measures the years between a departure whose day is uncertain
(several sources, each with its own date and precision) and a later arrival, as a range.
All functions are pure: frames and dates in, frames and numbers out.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..errors import DataError
from ..evidence.dates import day

DAYS_PER_YEAR = 365.25
PRECISIONS = ("day", "month", "year")


def day_span(date, precision: str) -> tuple[dt.date, dt.date]:
    """First and last day a date of `precision` (day, month or year) allows."""
    d = day(date)
    if precision == "day":
        return d, d
    if precision == "month":
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return dt.date(d.year, d.month, 1), nxt - dt.timedelta(days=1)
    if precision == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    raise DataError(f"unknown date precision {precision!r}; known: {', '.join(PRECISIONS)}")


def spans(records: pd.DataFrame) -> pd.DataFrame:
    """`records` (columns event_id, date, date_precision, source_ids) with `first`/`last` day."""
    out = records.copy()
    pairs = [day_span(d, p) for d, p in zip(out["date"], out["date_precision"], strict=True)]
    out["first"] = [pd.Timestamp(a) for a, _ in pairs]
    out["last"] = [pd.Timestamp(b) for _, b in pairs]
    return out.sort_values(["first", "event_id"]).reset_index(drop=True)


def gap_years(departures: pd.DataFrame, arrival) -> dict:
    """Years from a departure (any of `departures`' day spans) to `arrival`, as a range.

    `departures` has columns `first` and `last` (see `spans`), one row per source's dating.
    Returns low (from the latest possible departure day), high (from the earliest), both in
    years of 365.25 days rounded to 0.01, and the departure days used.
    """
    if departures.empty:
        raise DataError("no departure on record to measure the gap from")
    until = pd.Timestamp(day(arrival))
    earliest, latest = departures["first"].min(), departures["last"].max()
    return {
        "earliest_departure": earliest.date(),
        "latest_departure": latest.date(),
        "arrival": until.date(),
        "low_years": round((until - latest).days / DAYS_PER_YEAR, 2),
        "high_years": round((until - earliest).days / DAYS_PER_YEAR, 2),
        "datings": len(departures),
    }


def scheduled_ends(terms: pd.DataFrame) -> pd.DataFrame:
    """When a lease would have ended by each source: `ref_date` plus `value` whole years.

    `terms` holds observations of a lease term in years (columns source_id, ref_date, value).
    """
    out = terms[["source_id", "publisher", "ref_date", "value"]].copy()
    out["scheduled_end"] = [
        r + pd.DateOffset(years=int(v)) for r, v in zip(out["ref_date"], out["value"], strict=True)
    ]
    return out.sort_values(["ref_date", "source_id"]).reset_index(drop=True)


def within(gap: dict, claimed_years: float, tolerance_years: float) -> bool:
    """Whether `claimed_years` +- `tolerance_years` overlaps the gap's [low, high] range."""
    return (
        claimed_years - tolerance_years <= gap["high_years"]
        and claimed_years + tolerance_years >= gap["low_years"]
    )


def timeline(
    events: pd.DataFrame,
    departures: list[str],
    gabala: list[str],
    contingent: list[str],
    lease_ends: pd.DataFrame,
    as_of,
    start="1990-01-01",
) -> dict[str, pd.DataFrame]:
    """The frames `figures.presence_charts.presence_timeline` draws, from the ids a notebook names.

    - `departures`: event ids dating the last Soviet/Russian departure (one per dating); the
      forces' bar runs from `start` to the earliest possible day, the uncertain span to the latest;
    - `gabala`: [lease signed, station closed] event ids; `lease_ends`: `scheduled_ends` rows;
    - `contingent`: [deployment begins, withdrawal completed] event ids; when the second is not on
      record the bar ends at `as_of` and its label says the contingent was still present.
    Ids not on record are skipped. Returns {"bars", "ranges", "points"} frames.
    """
    known = events.set_index("event_id")
    found = [i for i in departures if i in known.index]
    bars, ranges, points = [], [], []
    forces = "Soviet/Russian forces"
    if found:
        dated = spans(events[events["event_id"].isin(found)])
        first, last = dated["first"].min(), dated["last"].max()
        bars.append([forces, pd.Timestamp(start), first, "stationed since Soviet times"])
        label = f"last departure: {first:%b %Y} to {last:%b %Y} ({len(dated)} datings)"
        ranges.append([forces, first, last, label])
        points += [[forces, r.first, "", r.source_ids] for r in dated.itertuples()]
    radar = "Gabala (Qabala) radar"
    on = [i for i in gabala if i in known.index]
    if len(on) == 2:
        a, b = (known.loc[i, "date"] for i in on)
        bars.append([radar, a, b, f"lease {a:%Y} to closure {b:%b %Y}"])
    for i in on:
        points.append([radar, known.loc[i, "date"], "", known.loc[i, "source_ids"]])
    for r in lease_ends.itertuples():
        points.append([radar, r.scheduled_end, "", [r.source_id]])
    mission = "peacekeeping contingent"
    on = [i for i in contingent if i in known.index]
    if on:
        a = known.loc[on[0], "date"]
        done = len(on) > 1
        b = known.loc[on[1], "date"] if done else pd.Timestamp(day(as_of))
        label = f"{a:%b %Y} to {b:%b %Y}" + ("" if done else " (still present at as_of)")
        bars.append([mission, a, b, label])
        points += [[mission, known.loc[i, "date"], "", known.loc[i, "source_ids"]] for i in on]
    return {
        "bars": pd.DataFrame(bars, columns=["lane", "start", "end", "label"]),
        "ranges": pd.DataFrame(ranges, columns=["lane", "first", "last", "label"]),
        "points": pd.DataFrame(points, columns=["lane", "date", "label", "source_ids"]),
    }
