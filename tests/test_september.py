"""Notebook 03's analyses: length in hours, exodus points and final range, bilateral framing."""

import math

import pandas as pd

from karabakh.analysis import bilateral, exodus, operation
from karabakh.evidence import spread


def _lengths(*rows):
    return pd.DataFrame(
        [("q", s, pd.Timestamp("2023-09-20"), v, qual, unit) for s, v, qual, unit in rows],
        columns=["quantity", "source_id", "ref_date", "value", "qualifier", "unit"],
    )


def test_days_become_hours_and_tolerance_widens():
    obs = _lengths(
        ("a", 23, "exact", "hours"), ("b", 24, "fewer_than", "hours"), ("c", 2, "about", "days")
    )
    spans = operation.in_hours(obs, about_pct=5)
    c = spans.set_index("source_id").loc["c"]
    assert (round(c["low"], 6), round(c["high"], 6)) == (45.6, 50.4)
    judged = operation.judge_hours(spans, 23, 0).set_index("source_id")["within"]
    assert judged.to_dict() == {"a": True, "b": True, "c": False}
    assert not operation.judge_hours(spans, 24, 0).set_index("source_id")["within"]["b"]
    assert operation.judge_hours(spans, 24, 0.5).set_index("source_id")["within"]["b"]
    assert operation.judge_hours(spans, 23, 22.7).set_index("source_id")["within"]["c"]
    assert not operation.judge_hours(spans, 23, 22.5).set_index("source_id")["within"]["c"]


def test_from_clock():
    assert operation.from_clock(pd.Series([13.0, 13.25]), pd.Series([12.0, 13.0])) == (22.75, 24.0)
    assert all(
        math.isnan(v) for v in operation.from_clock(pd.Series([], dtype=float), pd.Series([1.0]))
    )


def _counts():
    rows = [
        ("a", "2023-09-25", "17:00", 6650, "exact", "government", None),
        ("b", "2023-09-25", None, 4850, "exact", "independent_media", "government"),
        ("c", "2023-09-30", None, 100417, "exact", "independent_media", None),
        ("d", "2023-10-02", None, 100000, "more_than", "international_body", None),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "source_id",
            "ref_date",
            "ref_time",
            "value",
            "qualifier",
            "origin_type",
            "original_origin_type",
        ],
    )
    frame["quantity"] = "arrived"
    frame["ref_date"] = pd.to_datetime(frame["ref_date"])
    return frame


def test_points_use_the_hour_when_given_and_the_original_voice():
    pts = exodus.points(_counts())
    assert pts["source_id"].tolist() == ["b", "a", "c", "d"]
    assert pts.loc[0, "at"] == pd.Timestamp("2023-09-25 12:00")
    assert pts.loc[1, "at"] == pd.Timestamp("2023-09-25 17:00")
    assert pts["hour_given"].tolist() == [False, True, False, False]
    assert pts["voice"].tolist() == [
        "government",
        "government",
        "independent_media",
        "international_body",
    ]


def test_final_range_uses_finite_bounds_from_the_day_on():
    final = exodus.final_range(_counts(), "2023-09-30")
    assert final == {"lowest": 100000, "highest": 100417, "n": 2, "sources": 2}
    assert math.isnan(exodus.final_range(_counts(), "2024-01-01")["lowest"])


def test_frames_and_turn():
    assert bilateral.frame("bilateral_matter", "anything") == "bilateral"
    assert bilateral.frame("contingent_future", "to be settled only with Baku") == "bilateral"
    assert bilateral.frame("contingent_future", "needs both Armenia and Azerbaijan to agree") == (
        "involves_armenia"
    )
    assert bilateral.frame("contingent_future", "will stay") == "other"
    rows = pd.DataFrame(
        {
            "statement_id": ["s1", "s2", "s3", "s4"],
            "date": pd.to_datetime(["2022-12-29", "2023-09-25", "2023-10-05", "2023-10-05"]),
            "country": ["RU", "RU", "RU", "AZ"],
            "topic": [
                "contingent_future",
                "bilateral_matter",
                "contingent_future",
                "bilateral_matter",
            ],
            "summary": ["if both Armenia and Azerbaijan agreed", "x", "stays", "x"],
        }
    )
    framed = bilateral.framed(rows)
    assert framed["frame"].tolist() == ["involves_armenia", "bilateral", "other"]
    turn = bilateral.turn(framed, "2023-09-19")
    assert turn.loc["before"].tolist() == [1, 0, 0]
    assert turn.loc["after"].tolist() == [0, 1, 1]


def test_in_hours_returns_exactly_this_frame():
    """Every column of the result on three figures in two units, with publishers; the order is by
    interval, then source; the index is fresh; the default band is spread.ABOUT_PCT."""
    obs = _lengths(
        ("b", 1, "about", "days"), ("a", 23, "exact", "hours"), ("c", 24, "up_to", "hours")
    )
    obs["publisher"] = ["Pub B", "Pub A", "Pub C"]
    got = operation.in_hours(obs)  # default about_pct: 5
    assert list(got.columns) == [*spread.COLUMNS, "unit", "publisher"]
    assert list(got.index) == [0, 1, 2]
    rows = [
        (r.source_id, round(r.low, 6), round(r.high, 6), r.unit, r.publisher)
        for r in got.itertuples()
    ]
    assert rows == [  # "up to 24" starts at 0: a length is never negative
        ("c", 0.0, 24.0, "hours", "Pub C"),
        ("b", 22.8, 25.2, "days", "Pub B"),
        ("a", 23.0, 23.0, "hours", "Pub A"),
    ]
    assert list(got["quantity"]) == ["q"] * 3
    assert list(operation.in_hours(obs.drop(columns="publisher")).columns)[-1] == "unit"


def test_in_hours_of_nothing_and_of_an_unknown_unit():
    empty = operation.in_hours(_lengths())
    assert empty.empty and list(empty.columns) == [*spread.COLUMNS, "unit"]
    bad = _lengths(("a", 3, "exact", "weeks"))
    try:
        operation.in_hours(bad)
    except ValueError as exc:
        assert str(exc) == "unit 'weeks' cannot be read as a length; known: hours, days"
    else:
        raise AssertionError("weeks accepted")
