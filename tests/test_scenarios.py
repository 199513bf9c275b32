"""Analyses of notebooks 04-05 on hand-made rows: ratio, stages, positions coding, routes."""

import math

import pandas as pd
import pytest

from karabakh import evidence
from karabakh.analysis import claims, positions, ratio, routes, trust
from karabakh.evidence import spread
from karabakh.evidence.dates import ARTICLE_AS_OF, TODAY

T = pd.Timestamp


def _spans(quantity, *rows):
    obs = pd.DataFrame(
        [(quantity, s, T("2023-10-01"), v, q) for s, v, q in rows],
        columns=["quantity", "source_id", "ref_date", "value", "qualifier"],
    )
    return spread.intervals(obs)


# ratio -----------------------------------------------------------------------------------------
def test_per_resident_and_its_edges():
    assert ratio.per_resident(2000, 1000) == 2.0
    assert ratio.per_resident(5, 0) == math.inf
    assert ratio.per_resident(0, 0) == 0.0


def test_sweep_is_every_pair():
    grid = ratio.sweep([1000, 2000], [10, 1000])
    assert list(grid["ratio"]) == [100.0, 1.0, 200.0, 2.0]


def test_judge_pair_needs_both_numbers_on_record():
    pk = _spans("pk", ("a", 2000, "about"))  # 1,900 .. 2,100
    rs = _spans("rs", ("u", 50, "range_low"), ("u", 1000, "range_high"))
    verdict, why = ratio.judge_pair(2000, 1000, pk, rs)
    assert verdict == claims.CONSISTENT
    assert "2.00 per resident" in why and "1.90 to 42.00" in why
    assert ratio.judge_pair(2000, 1001, pk, rs)[0] == claims.INCONSISTENT
    assert ratio.judge_pair(2200, 1000, pk, rs)[0] == claims.INCONSISTENT
    assert ratio.judge_pair(2200, 1000, pk, rs, slack_pct=5)[0] == claims.CONSISTENT
    assert ratio.judge_pair(2000, 1000, pk.iloc[:0], rs)[0] == claims.NO_DATA


def test_finite_range_ignores_open_ends():
    rs = _spans("rs", ("a", 50, "at_least"), ("b", 900, "up_to"))
    assert ratio.finite_range(rs) == (50, 900)
    assert all(math.isnan(v) for v in ratio.finite_range(rs.iloc[:0]))


# stages ----------------------------------------------------------------------------------------
EVENTS = pd.DataFrame(
    {
        "event_id": ["e1", "e2", "e3", "e4"],
        "date": [T("2023-01-01"), T("2023-01-11"), T("2023-02-01"), T("2023-03-01")],
        "title": ["a", "b", "c", "d"],
        "actors": [["RU"], ["AZ"], ["RU", "AZ"], []],
        "source_ids": [["s1"], ["s2"], ["s3"], ["s4"]],
    }
)


def test_stages_run_from_mark_to_mark_and_skip_unknown_marks():
    table = trust.stages(EVENTS, [("one", "e1"), ("gone", "ex"), ("two", "e2")], end_id="e4")
    assert list(table["stage"]) == ["one", "two"]
    assert list(table["days"]) == [10, 49]
    alone = trust.stages(EVENTS, [("one", "e3")], end_id="missing")
    assert alone["days"].iloc[0] == 0


def test_assign_end_exclusive_except_the_last():
    table = trust.stages(EVENTS, [("one", "e1"), ("two", "e2")], end_id="e4")
    days = pd.Series([T("2022-12-31"), T("2023-01-10"), T("2023-01-11"), T("2023-03-01")])
    assert list(trust.assign(days, table)) == ["", "one", "two", "two"]
    assert list(trust.in_stages(EVENTS, table)["event_id"]) == ["e1", "e2", "e3", "e4"]


def test_span_counts_three_ways():
    assert trust.span("2022-12-12", "2023-04-28") == {
        "days": 137,
        "days_inclusive": 138,
        "months": 4.5,
    }
    assert trust.span("2022-12-12", "2023-09-19")["months"] == 9.2


def test_involving_and_lanes():
    assert list(trust.involving(EVENTS, "RU")["event_id"]) == ["e1", "e3"]
    lanes = trust.lanes({"x": (EVENTS.iloc[2:], "title"), "y": (EVENTS.iloc[:1], "event_id")})
    assert list(lanes["label"]) == ["e1", "c", "d"]
    assert list(lanes["lane"]) == ["y", "x", "x"]
    assert trust.lanes({"x": (EVENTS.iloc[:0], "title")}).empty


# positions -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("topic", "position", "expected"),
    [
        ("transport_corridor", "tripp_conditional", ("tripp", "conditional")),
        ("transport_corridor", "zangezur_route_support", ("fsb_route", "support")),
        ("transport_corridor", "zangezur_oppose", ("fsb_route", "oppose")),
        ("fsb_role", "guard_armenia_only", ("fsb_route", "oppose")),
        ("contingent_future", "leave_by_2025", ("stay", "conditional")),
        ("contingent_future", "stay", ("stay", "support")),
        ("contingent_future", "leave", ("stay", "oppose")),
        ("relocation_border_syunik", "leave", ("move_border", "oppose")),
        ("fsb_role", "support", ("fsb_route", "support")),
        ("transport_corridor", "support", None),  # which route? not said
        ("contingent_future", "neutral", None),
        ("transport_corridor", "moon_route_support", None),
    ],
)
def test_code(topic, position, expected):
    assert positions.code(topic, position) == expected


STATEMENTS = pd.DataFrame(
    {
        "statement_id": ["s1", "s2", "s3", "s4", "s5", "s6"],
        "date": [T("2023-09-01"), T("2024-04-17"), T("2023-10-10"), T("2023-10-10"),
                 T("2023-10-01"), T("2023-01-01")],
        "reported_on": [T("2023-09-01"), T("2024-04-17"), T("2023-10-10"), T("2023-10-10"),
                        T("2023-10-01"), T("2023-01-01")],
        "role": ["spokesman", "spokesman", "minister", "minister", "Chairman, X party", "PM"],
        "country": ["RU", "RU", "AM", "AM", "AZ", "AM"],
        "topic": ["contingent_future", "contingent_future", "fsb_role", "fsb_role",
                  "contingent_future", "transport_corridor"],
        "position": ["stay", "leave", "oppose", "support", "leave", "other"],
        "source_ids": [["a"], ["b"], ["c"], ["d"], ["e"], ["f"]],
    }
)  # fmt: skip


def test_officials_drop_parties():
    assert list(positions.officials(STATEMENTS)["statement_id"]) == ["s1", "s2", "s3", "s4", "s6"]


def test_matrix_latest_wins_and_same_day_disagreement_is_mixed():
    coded = positions.coded(positions.officials(STATEMENTS), {"s6": "iran_route_support"})
    table = positions.matrix(coded)
    assert positions.cell(table, "RU", "stay") == "oppose"
    assert positions.cell(table, "AM", "fsb_route") == positions.MIXED
    assert positions.cell(table, "AM", "iran_route") == "support"
    assert positions.cell(table, "AZ", "stay") == ""
    assert list(table["actor"]) == ["RU", "AM", "AM"]  # RU first, then AM's options in order
    ru = table[table["actor"] == "RU"].iloc[0]
    assert ru["statements"] == 2 and ru["statement_ids"] == ["s2"]


def test_changes_lists_moved_and_new_cells():
    coded = positions.coded(STATEMENTS)
    before = positions.matrix(coded[coded["reported_on"] <= "2023-09-30"])
    after = positions.matrix(coded)
    moved = positions.changes(before, after)
    got = {(r.actor, r.option, r.stance_before, r.stance_after) for r in moved.itertuples()}
    assert got == {
        ("RU", "stay", "support", "oppose"),
        ("AM", "fsb_route", "", "mixed"),
        ("AZ", "stay", "", "oppose"),  # s5 was reported on 1 Oct, after the cut
    }


def test_live_russia_on_staying_moved_between_the_article_and_today():
    def cell(as_of):
        st = positions.officials(evidence.at(as_of)["statements"])
        return positions.cell(positions.matrix(positions.coded(st)), "RU", "stay")

    assert cell(ARTICLE_AS_OF) in ("support", "conditional")
    assert cell(TODAY) == "oppose"


# routes ----------------------------------------------------------------------------------------
PLACES = pd.DataFrame(
    {
        "place_id": ["a", "b", "c", "d"],
        "name_en": ["Alpha / Alfa", "Beta", "Gamma", "Delta"],
        "name_hy": ["Ալֆա", None, None, None],
        "name_az": ["Alfa", "Betə", None, None],
        "lat": [0.0, 0.0, 1.0, None],
        "lon": [0.0, 1.0, 1.0, None],
        "source_ids": [["s"], ["t"], ["u"], ["v"]],
    }
)


def test_haversine_one_degree_on_the_equator():
    assert routes.haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.001)
    assert routes.haversine_km(10, 20, 10, 20) == 0.0


def test_lengths_skip_and_name_unlocated_waypoints():
    table = routes.lengths(PLACES, {"r": ["a", "d", "b", "c"], "s": ["a", "z"]})
    r = table.iloc[0]
    assert r["missing"] == ["d"] and not r["complete"]
    assert r["km_along"] == pytest.approx(222.4, abs=0.05)
    assert r["km_end_to_end"] == pytest.approx(157.2, abs=0.05)
    assert math.isnan(table.iloc[1]["km_along"])


def test_labels_carry_every_name_once():
    got = list(routes.located(PLACES, ["a", "b", "c"])["label"])
    assert got == ["Alpha / Alfa / Ալֆա", "Beta / Betə", "Gamma"]
