"""Presence over time: date precision as day spans, the gap as a range, the timeline's frames."""

import datetime as dt

import pandas as pd
import pytest

from karabakh.analysis import presence
from karabakh.errors import DataError


def _events(*rows):
    return pd.DataFrame(
        [(i, pd.Timestamp(d), p, [s]) for i, d, p, s in rows],
        columns=["event_id", "date", "date_precision", "source_ids"],
    )


def test_day_span_by_precision():
    assert presence.day_span("1993-05-01", "month") == (dt.date(1993, 5, 1), dt.date(1993, 5, 31))
    assert presence.day_span("1993-12-01", "month") == (dt.date(1993, 12, 1), dt.date(1993, 12, 31))
    assert presence.day_span("1992-01-01", "year") == (dt.date(1992, 1, 1), dt.date(1992, 12, 31))
    assert presence.day_span("2020-11-10", "day") == (dt.date(2020, 11, 10), dt.date(2020, 11, 10))
    with pytest.raises(DataError, match="unknown date precision 'week'"):
        presence.day_span("2020-11-10", "week")


def test_gap_years_spans_every_dating():
    dep = presence.spans(
        _events(("a", "1993-05-01", "month", "s1"), ("b", "1992-01-01", "year", "s2"))
    )
    gap = presence.gap_years(dep, "2020-11-10")
    assert gap["earliest_departure"] == dt.date(1992, 1, 1)
    assert gap["latest_departure"] == dt.date(1993, 5, 31)
    assert gap["low_years"] == round(
        (pd.Timestamp("2020-11-10") - pd.Timestamp("1993-05-31")).days / 365.25, 2
    )
    assert gap["high_years"] == 28.86
    assert gap["datings"] == 2
    assert presence.within(gap, 30, 1.5) and not presence.within(gap, 30, 1)
    with pytest.raises(DataError):
        presence.gap_years(dep.iloc[:0], "2020-11-10")


def test_scheduled_ends_add_whole_years():
    terms = pd.DataFrame(
        {
            "source_id": ["k"],
            "publisher": ["K"],
            "ref_date": [pd.Timestamp("2002-01-25")],
            "value": [10],
        }
    )
    assert presence.scheduled_ends(terms)["scheduled_end"].tolist() == [pd.Timestamp("2012-01-25")]


def test_timeline_skips_missing_ids_and_stops_at_as_of():
    events = _events(
        ("dep", "1993-05-01", "month", "s1"),
        ("lease", "2002-01-25", "day", "s2"),
        ("closed", "2012-12-10", "day", "s3"),
        ("airlift", "2020-11-10", "day", "s4"),
    )
    ends = pd.DataFrame(columns=["source_id", "publisher", "scheduled_end"])
    t = presence.timeline(
        events, ["dep", "gone"], ["lease", "closed"], ["airlift", "done"], ends, "2023-11-06"
    )
    bars = t["bars"].set_index("lane")
    assert bars.loc["peacekeeping contingent", "end"] == pd.Timestamp("2023-11-06")
    assert "still present" in bars.loc["peacekeeping contingent", "label"]
    assert bars.loc["Gabala (Qabala) radar", "end"] == pd.Timestamp("2012-12-10")
    assert t["ranges"]["last"].tolist() == [pd.Timestamp("1993-05-31")]
    assert len(t["points"]) == 4
