"""The evidence at a date: filtered once, immutable, one date type, shared views."""

import datetime as dt

import pandas as pd
import pytest

from karabakh import evidence
from karabakh.errors import DataError
from karabakh.evidence import package


def _tables():
    events = pd.DataFrame(
        {
            "event_id": ["ev-1", "ev-2", "ev-3"],
            "date": pd.to_datetime(["2023-09-19", "2023-09-20", "2024-04-17"]),
            "reported_on": pd.to_datetime(["2023-09-19", "2023-09-21", "2024-04-17"]),
        }
    )
    statements = pd.DataFrame(
        {
            "statement_id": ["st-1"],
            "date": pd.to_datetime(["2023-09-20"]),
            "reported_on": pd.to_datetime(["2023-09-20"]),
        }
    )
    sources = pd.DataFrame(
        {
            "source_id": ["s1", "s2"],
            "publisher": ["TASS", "Reuters"],
            "published": pd.to_datetime(["2023-09-19", None]),
        }
    )
    return {"events": events, "statements": statements, "sources": sources}


def test_rows_reported_after_as_of_are_hidden_inclusive_of_the_day():
    ev = evidence.Snapshot.of("2023-09-20", _tables())
    assert ev.as_of == dt.date(2023, 9, 20)
    assert list(ev["events"]["event_id"]) == ["ev-1"]  # ev-2 became public on the 21st
    assert list(evidence.Snapshot.of("2023-09-21", _tables())["events"]["event_id"]) == [
        "ev-1",
        "ev-2",
    ]
    assert len(ev["sources"]) == 2  # no as-of field: the whole table


def test_dated_view_has_every_record_by_id():
    ev = evidence.Snapshot.of(dt.date(2024, 5, 1), _tables())
    assert ev.dated.to_dict() == {
        "ev-1": pd.Timestamp("2023-09-19"),
        "ev-2": pd.Timestamp("2023-09-20"),
        "ev-3": pd.Timestamp("2024-04-17"),
        "st-1": pd.Timestamp("2023-09-20"),
    }


def test_a_table_taken_from_the_snapshot_cannot_change_the_snapshot():
    ev = evidence.Snapshot.of("2024-05-01", _tables())
    frame = ev["events"]
    frame.loc[0, "event_id"] = "changed"
    assert list(ev["events"]["event_id"]) == ["ev-1", "ev-2", "ev-3"]
    with pytest.raises(TypeError):
        ev._tables["events"] = frame
    with pytest.raises(AttributeError):
        ev.as_of = dt.date(2020, 1, 1)


def test_unknown_table_and_source_are_errors():
    ev = evidence.Snapshot.of("2024-05-01", _tables())
    with pytest.raises(DataError, match="no table named 'event' in the snapshot"):
        ev["event"]
    with pytest.raises(DataError, match="unknown source id 'nope'"):
        ev.source_line(["nope"])
    assert ev.source_line(["s2", "s1", "s1"]) == "Sources: TASS 2023-09-19; Reuters"


def test_source_line_shortens_long_lists():
    tables = _tables()
    tables["sources"] = pd.DataFrame(
        {
            "source_id": [f"s{i}" for i in range(10)],
            "publisher": [f"P{i}" for i in range(10)],
            "published": pd.to_datetime(["2023-01-01"] * 10),
        }
    )
    line = evidence.Snapshot.of("2024-01-01", tables).source_line([f"s{i}" for i in range(10)])
    assert line.endswith("P7 2023-01-01; +2 more (see table)")


def test_at_loads_each_table_once_per_process():
    before = package.LOADS["validated"]
    first = evidence.at("2023-11-06")
    second = evidence.at("2026-11-27")
    loaded = package.LOADS["validated"] - before
    assert loaded <= len(package.table_names())  # cached: zero if another test loaded them
    assert len(first["events"]) < len(second["events"])
    assert first["events"]["reported_on"].max() <= pd.Timestamp("2023-11-06")
