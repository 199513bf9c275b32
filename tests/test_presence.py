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


def test_timeline_frames_exactly():
    """Every row of the three frames for two datings of the departure, a lease with a scheduled
    end, and a contingent that left (so its bar ends on the withdrawal, with no 'still' label)."""
    T = pd.Timestamp
    events = _events(
        ("dep-a", "1993-05-01", "month", "s1"),
        ("dep-b", "1992-01-01", "year", "s2"),
        ("lease", "2002-01-25", "day", "s3"),
        ("closed", "2012-12-10", "day", "s4"),
        ("in", "2020-11-10", "day", "s5"),
        ("out", "2024-06-12", "day", "s6"),
    )
    ends = pd.DataFrame(
        {"source_id": ["s7"], "publisher": ["P"], "scheduled_end": [T("2012-01-25")]}
    )
    t = presence.timeline(
        events,
        ["dep-a", "dep-b"],
        ["lease", "closed"],
        ["in", "out"],
        ends,
        "2025-01-01",
        start="1991-01-01",
    )
    forces, radar, mission = (
        "Soviet/Russian forces",
        "Gabala (Qabala) radar",
        "peacekeeping contingent",
    )
    assert t["bars"].values.tolist() == [
        [forces, T("1991-01-01"), T("1992-01-01"), "stationed since Soviet times"],
        [radar, T("2002-01-25"), T("2012-12-10"), "lease 2002 to closure Dec 2012"],
        [mission, T("2020-11-10"), T("2024-06-12"), "Nov 2020 to Jun 2024"],
    ]
    assert t["ranges"].values.tolist() == [
        [
            forces,
            T("1992-01-01"),
            T("1993-05-31"),
            "last departure: Jan 1992 to May 1993 (2 datings)",
        ]
    ]
    assert t["points"].values.tolist() == [
        [forces, T("1992-01-01"), "", ["s2"]],
        [forces, T("1993-05-01"), "", ["s1"]],
        [radar, T("2002-01-25"), "", ["s3"]],
        [radar, T("2012-12-10"), "", ["s4"]],
        [radar, T("2012-01-25"), "", ["s7"]],
        [mission, T("2020-11-10"), "", ["s5"]],
        [mission, T("2024-06-12"), "", ["s6"]],
    ]
    assert list(t["bars"].columns) == ["lane", "start", "end", "label"]
    assert list(t["ranges"].columns) == ["lane", "first", "last", "label"]
    assert list(t["points"].columns) == ["lane", "date", "label", "source_ids"]


def test_timeline_with_nothing_on_record_is_three_empty_frames():
    t = presence.timeline(
        _events(),
        ["x"],
        ["y", "z"],
        ["w"],
        pd.DataFrame(columns=["source_id", "publisher", "scheduled_end"]),
        "2025-01-01",
    )
    assert [len(t[k]) for k in ("bars", "ranges", "points")] == [0, 0, 0]
    one = _events(("lease", "2002-01-25", "day", "s3"))
    t = presence.timeline(
        one,
        [],
        ["lease", "closed"],
        [],
        pd.DataFrame(columns=["source_id", "publisher", "scheduled_end"]),
        "2025-01-01",
    )
    assert t["bars"].empty  # one end of the lease is not a bar
    assert t["points"].values.tolist() == [
        ["Gabala (Qabala) radar", pd.Timestamp("2002-01-25"), "", ["s3"]]
    ]
