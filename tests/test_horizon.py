"""Statements about the term: the stance mapping, the year named, days to the term's end."""

import datetime as dt

import pandas as pd

from karabakh.analysis import horizon

TERM_END = dt.date(2025, 11, 10)


def _statements(*rows):
    cols = ["statement_id", "date", "speaker", "country", "topic", "position", "summary"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


ROWS = _statements(
    (
        "s1",
        "2023-10-13",
        "Putin",
        "RU",
        "contingent_future",
        "temporary",
        "formally to November 2025",
    ),
    ("s2", "2023-07-12", "Erdogan", "TR", "contingent_future", "leave_by_2025", "leave in 2025"),
    ("s3", "2023-10-09", "Galuzin", "RU", "contingent_future", "stay", "still needed"),
    ("s4", "2020-11-12", "Council", "AZ", "contingent_future", "leave", "go now"),
    ("s5", "2023-10-05", "Putin", "RU", "contingent_future", "neutral", "status to be agreed"),
    ("s6", "2023-10-01", "X", "AM", "transport_corridor", "stay", "about a road in 2025"),
    ("s7", "2026-01-01", "Y", "AZ", "contingent_temporary", "temporary", "it was temporary"),
)


def test_coded_maps_positions_and_drops_the_rest():
    got = horizon.coded(ROWS, TERM_END)
    assert list(got["statement_id"]) == ["s4", "s2", "s3", "s1", "s7"]  # by date
    assert list(got["stance"]) == [
        horizon.EARLY,
        horizon.TERM_END,
        horizon.STAY,
        horizon.TERM_END,
        horizon.TERM_END,
    ]
    assert list(got["names_year"]) == [False, True, False, True, False]
    assert list(got["days_to_term_end"]) == [1824, 852, 763, 759, -52]


def test_tally_by_stance_and_side():
    table = horizon.tally(horizon.coded(ROWS, TERM_END))
    assert list(zip(table["stance"], table["country"], table["n"], strict=True)) == [
        (horizon.EARLY, "AZ", 1),
        (horizon.TERM_END, "AZ", 1),
        (horizon.TERM_END, "RU", 1),
        (horizon.TERM_END, "TR", 1),
        (horizon.STAY, "RU", 1),
    ]
    assert horizon.tally(horizon.coded(ROWS.iloc[:0], TERM_END)).empty


def test_by_speaker_and_month():
    got = horizon.by_speaker(horizon.coded(ROWS, TERM_END), "Putin", "2023-10")
    assert list(got["statement_id"]) == ["s1"]
