"""The project's fixed dates and the one way a date is read (`day`), so `as_of` has one type."""

from __future__ import annotations

import datetime as dt

import pandas as pd

# The latest event the article (Caucasus Watch, Ziya Kazimzada) refers to: the Russian defence
# ministry's 6 Nov 2023 report of a completed rotation with equipment sent home for repair.
# Its publication date was not found; see data/README.md.
ARTICLE_AS_OF = "2023-11-06"
# The fixed "today" of the `today` preset: the day the evidence base was last extended. It is a
# constant, not the clock, so that reruns on any later day give the same bytes.
TODAY = "2026-11-27"
# The trilateral statement; nothing in the notebooks is earlier.
EARLIEST = "2020-11-10"


def day(value: str | dt.date | pd.Timestamp) -> dt.date:
    """`value` (ISO text, a date or a timestamp) as a `datetime.date`; ValueError otherwise."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def stamp(value: str | dt.date | pd.Timestamp) -> pd.Timestamp:
    """`value` as a midnight pandas Timestamp, for comparison with date columns."""
    return pd.Timestamp(day(value))
