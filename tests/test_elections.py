"""Elections moved: windows by precision, days early as a range, early votes in a horizon."""

import datetime as dt

import pandas as pd

from karabakh.analysis import elections


def _elections(*rows):
    cols = [
        "election_id",
        "kind",
        "originally_due",
        "due_precision",
        "called_on",
        "held_on",
        "snap",
    ]
    frame = pd.DataFrame(rows, columns=cols)
    for c in ("originally_due", "called_on", "held_on"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


ROWS = _elections(
    ("a", "parliamentary", "2020-11-01", "month", "2019-12-05", "2020-02-09", True),
    ("b", "presidential", "2025-01-01", "year", "2023-12-07", "2024-02-07", True),
    ("c", "parliamentary", "2024-11-03", "day", None, "2024-09-01", True),
    ("d", "parliamentary", "2028-11-01", "month", "2028-09-01", "2028-11-05", False),
)


def test_window_by_precision():
    day = pd.Timestamp("2020-11-17")
    assert elections.window(day, "day") == (day, day)
    assert elections.window(day, "month") == (
        pd.Timestamp("2020-11-01"),
        pd.Timestamp("2020-11-30"),
    )
    assert elections.window(day, "year") == (pd.Timestamp("2020-01-01"), pd.Timestamp("2020-12-31"))
    assert elections.window(pd.Timestamp("2024-02-01"), "month")[1] == pd.Timestamp("2024-02-29")


def test_days_moved_and_call_to_vote():
    got = elections.moved(ROWS)
    assert list(got["election_id"]) == ["a", "b", "c", "d"]  # by voting day
    by = got.set_index("election_id")
    assert (by.loc["a", "days_early_min"], by.loc["a", "days_early_max"]) == (266, 295)
    assert (by.loc["b", "days_early_min"], by.loc["b", "days_early_max"]) == (329, 693)
    assert (by.loc["c", "days_early_min"], by.loc["c", "days_early_max"]) == (63, 63)
    assert by.loc["a", "call_to_vote_days"] == 66
    assert pd.isna(by.loc["c", "call_to_vote_days"])
    assert by.loc["d", "days_early_max"] == 25  # a regular vote inside its window


def test_early_between_needs_snap_call_after_and_held_before():
    moved = elections.moved(ROWS)
    got = elections.early_between(moved, dt.date(2023, 11, 6), dt.date(2025, 11, 10))
    assert list(got["election_id"]) == ["b"]  # c has no call date: not counted as called after
    assert elections.early_between(moved, dt.date(2023, 12, 7), dt.date(2025, 11, 10)).empty
    assert list(
        elections.early_between(moved, dt.date(2019, 1, 1), dt.date(2024, 3, 1))["election_id"]
    ) == ["a", "b"]


def test_reading_table():
    table = elections.reading(elections.moved(ROWS))
    assert list(table["originally due"]) == ["November 2020", "2025", "2024-11-03", "November 2028"]
    assert list(table["days early"]) == ["266 to 295", "329 to 693", "63", "-4 to 25"]
    assert elections.held_in_month(elections.moved(ROWS), "a") == "February 2020"
    assert elections.held_in_month(elections.moved(ROWS), "zz") is None
