"""Claim verdicts computed from the data at a date."""

from karabakh import claims
from karabakh.asof import ARTICLE_AS_OF, TODAY


def test_quantity_verdicts_follow_the_sources():
    verdict, evidence = claims.judge_quantity(1960, ["peacekeepers_authorized"], 0, ARTICLE_AS_OF)
    assert verdict in (claims.CONSISTENT, claims.SOME)
    assert "1,960" in evidence
    assert claims.judge_quantity(3000, ["peacekeepers_authorized"], 0, ARTICLE_AS_OF)[0] == (
        claims.INCONSISTENT
    )
    assert claims.judge_quantity(3000, ["peacekeepers_authorized"], 60, ARTICLE_AS_OF)[0] in (
        claims.CONSISTENT,
        claims.SOME,
    )


def test_nothing_is_known_before_it_was_reported():
    assert claims.judge_quantity(44, ["war_2020_duration_days"], 0, "2021-01-01")[0] == (
        claims.NO_DATA
    )
    assert claims.judge_record(["ev-a037"], ARTICLE_AS_OF)[0] == claims.NO_DATA  # 2024 event
    assert claims.judge_record(["ev-a037"], TODAY)[0] == claims.SUPPORTED


def test_date_tolerance_is_inclusive():
    # the statement was signed on 9 Nov 2020 (ev-a001)
    assert claims.judge_date("2020-11-10", ["ev-a001"], 1, TODAY)[0] == claims.CONSISTENT
    assert claims.judge_date("2020-11-10", ["ev-a001"], 0, TODAY)[0] == claims.INCONSISTENT


def test_ratio_uses_the_range_the_figures_allow():
    window = ("2023-09-01", "2023-11-06")
    keys = ["peacekeepers_present", "armenians_remaining_nk"]
    assert claims.judge_ratio(2, keys, 0, ARTICLE_AS_OF, window)[0] == claims.CONSISTENT
    assert claims.judge_ratio(500, keys, 0, ARTICLE_AS_OF, window)[0] == claims.INCONSISTENT


def test_every_claim_gets_a_verdict_from_the_vantage_date_on():
    table = claims.verdicts(ARTICLE_AS_OF)
    assert len(table) >= 30 and table["verdict"].ne("").all()
    assert claims.verdicts("2023-11-05").empty  # the article's claims are not made yet
    assert set(claims.verdicts(ARTICLE_AS_OF, section="01")["claim_id"]) == {
        c for c in table["claim_id"] if c.startswith("cl-01-")
    }


def test_assessed_verdicts_wait_for_their_sources():
    late = claims.verdicts(ARTICLE_AS_OF).set_index("claim_id").loc["cl-10-early-votes-discussed"]
    assert late["verdict"] == claims.NO_DATA
    now = claims.verdicts(TODAY).set_index("claim_id").loc["cl-10-early-votes-discussed"]
    assert now["verdict"] == "unverifiable"
