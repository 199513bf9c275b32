"""Qualifiers as intervals, interval membership and the spread summary, on hand-made rows."""

import math

import pandas as pd
import pytest

from karabakh.errors import DataError
from karabakh.evidence import spread


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("exact", (100, 100, False, False)),
        ("about", (95, 105, False, False)),
        ("at_least", (100, math.inf, False, True)),
        ("more_than", (100, math.inf, True, True)),
        ("up_to", (0, 100, False, False)),
        ("fewer_than", (0, 100, False, True)),
        ("nearly", (95, 100, False, True)),
        ("range_low", (100, math.inf, False, True)),
        ("range_high", (0, 100, False, False)),
    ],
)
def test_each_qualifier_has_its_interval(qualifier, expected):
    assert spread.interval(100.0, qualifier) == pytest.approx(expected)


def test_about_band_is_a_parameter():
    assert spread.interval(24.0, "about", about_pct=10) == pytest.approx((21.6, 26.4, False, False))
    assert spread.interval(24.0, "about", about_pct=0) == (24.0, 24.0, False, False)


def test_nearly_band_follows_the_about_parameter():
    assert spread.interval(24.0, "nearly", about_pct=10) == pytest.approx((21.6, 24.0, False, True))
    assert spread.interval(2000.0, "nearly", about_pct=0) == (2000.0, 2000.0, False, True)


def test_unknown_qualifier_is_an_error():
    with pytest.raises(DataError, match="unknown qualifier 'roughly'"):
        spread.interval(1.0, "roughly")


def _obs(rows):
    return pd.DataFrame(
        rows, columns=["quantity", "source_id", "ref_date", "value", "qualifier"]
    ).assign(ref_date=lambda f: pd.to_datetime(f["ref_date"]))


def test_a_range_of_one_source_and_date_is_one_interval():
    obs = _obs(
        [
            ("q", "a", "2023-10-01", 1000, "range_low"),
            ("q", "a", "2023-10-01", 1200, "range_high"),
            ("q", "b", "2023-10-01", 1100, "about"),
        ]
    )
    spans = spread.intervals(obs)
    assert list(spans["source_id"]) == ["a", "b"]
    assert list(spans["low"]) == [1000, pytest.approx(1045)]
    assert list(spans["high"]) == [1200, pytest.approx(1155)]
    assert list(spans["figure"]) == ["1,000 to 1,200", "about 1,100"]


def test_a_nearly_figure_is_named_and_stops_short_of_its_value():
    spans = spread.intervals(_obs([("q", "a", "2023-09-20", 2000, "nearly")]))
    assert list(spans["figure"]) == ["nearly 2,000"]
    assert (spans["low"][0], spans["high"][0]) == (pytest.approx(1900), 2000)
    assert (bool(spans["low_open"][0]), bool(spans["high_open"][0])) == (False, True)


def test_intervals_come_by_quantity_source_and_date_with_an_undated_row_last():
    obs = _obs(
        [
            ("q", "b", None, 7, "exact"),
            ("q", "b", "2023-10-02", 6, "exact"),
            ("q", "a", "2023-10-03", 5, "exact"),
            ("p", "z", "2023-10-04", 4, "exact"),
            ("q", "b", "2023-10-01", 3, "exact"),
            ("q", "a", "2023-10-03", 2, "at_least"),
        ]
    )
    spans = spread.intervals(obs)
    assert list(spans["figure"]) == ["4", "5", "at least 2", "3", "6", "7"]
    assert list(spans["source_id"]) == ["z", "a", "a", "b", "b", "b"]
    assert spans["ref_date"].isna().tolist() == [False] * 5 + [True]


def _spans(rows):
    return pd.DataFrame(rows, columns=["low", "high", "low_open", "high_open"])


def test_contains_honours_open_and_closed_ends_and_slack():
    spans = _spans([(50, math.inf, True, True), (50, math.inf, False, True), (0, 50, False, True)])
    assert list(spread.contains(spans, 50)) == [False, True, False]
    assert list(spread.contains(spans, 50.5)) == [True, True, False]
    assert list(spread.contains(spans, 49.9)) == [False, False, True]
    # a 1 % tolerance widens the bounds and closes the ends at the old bound
    assert list(spread.contains(spans, 50, slack_pct=1)) == [True, True, True]
    assert list(spread.contains(spans, 50.6, slack_pct=1)) == [True, True, False]
    assert list(spread.contains(_spans([(10, 20, False, False)]), 20)) == [True]
    assert list(spread.contains(_spans([(10, 20, False, False)]), 10)) == [True]
    assert list(spread.contains(_spans([(10, 20, False, False)]), 20.01)) == [False]


def test_summary_keeps_change_over_time_apart_from_disagreement():
    rising = _obs(
        [
            ("arrivals", "gov", "2023-09-25", 1000, "exact"),
            ("arrivals", "un", "2023-09-25", 1000, "exact"),
            ("arrivals", "gov", "2023-09-30", 100000, "exact"),
            ("arrivals", "un", "2023-09-30", 100000, "exact"),
        ]
    )
    split = _obs(
        [
            ("size", "a", "2020-11-10", 1960, "exact"),
            ("size", "b", "2020-11-10", 1970, "exact"),
            ("size", "c", "2020-11-10", 2000, "at_least"),
        ]
    )
    out = spread.summary(spread.intervals(pd.concat([rising, split]))).set_index("quantity")
    assert out.loc["arrivals", "disagreement_pct"] == 0.0
    assert out.loc["arrivals", "change_pct"] == 9900.0
    assert out.loc["arrivals", "sources"] == 2
    assert out.loc["size", "disagreement_pct"] == 2.0  # 2000 / 1960 - 1, the open end ignored
    assert out.loc["size", "change_pct"] == 0.0
    assert (out.loc["size", "lowest"], out.loc["size", "highest"]) == (1960, 2000)
