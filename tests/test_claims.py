"""Claim verdicts: each judge on a few hand-made rows with an exact answer, then the live data."""

import datetime as dt
import math
from types import SimpleNamespace

import pandas as pd
import pytest

from karabakh import evidence
from karabakh.analysis import claims
from karabakh.errors import DataError
from karabakh.evidence import spread
from karabakh.evidence.dates import ARTICLE_AS_OF, TODAY


def _spans(*rows):
    """Intervals from (source, value, qualifier) rows of one quantity and date."""
    obs = pd.DataFrame(
        [("q", s, pd.Timestamp("2023-09-20"), v, q) for s, v, q in rows],
        columns=["quantity", "source_id", "ref_date", "value", "qualifier"],
    )
    return spread.intervals(obs)


def test_quantity_consistent_some_and_inconsistent():
    spans = _spans(("a", 1960, "exact"), ("b", 1970, "exact"))
    assert claims.judge_quantity(1960, spans, 0)[0] == claims.SOME
    assert claims.judge_quantity(1965, spans, 0)[0] == claims.INCONSISTENT
    assert claims.judge_quantity(1965, spans, 1)[0] == claims.CONSISTENT
    assert claims.judge_quantity(1960, spans.iloc[:1], 0)[0] == claims.CONSISTENT
    assert claims.judge_quantity(1, spans.iloc[:0], 0)[0] == claims.NO_DATA


def test_about_24_hours_is_a_band_not_a_point():
    spans = _spans(("a", 24, "about"))
    assert claims.judge_quantity(23, spans, 0)[0] == claims.CONSISTENT  # 22.8 .. 25.2
    assert claims.judge_quantity(22, spans, 0)[0] == claims.INCONSISTENT
    exact = _spans(("a", 24, "exact"))
    assert claims.judge_quantity(23, exact, 0)[0] == claims.INCONSISTENT


def test_at_least_is_not_exact():
    spans = _spans(("a", 100, "at_least"))
    assert claims.judge_quantity(150, spans, 0)[0] == claims.CONSISTENT
    assert claims.judge_quantity(99, spans, 0)[0] == claims.INCONSISTENT
    assert claims.judge_quantity(100, _spans(("a", 100, "more_than")), 0)[0] == (
        claims.INCONSISTENT
    )


def test_quantity_evidence_names_every_source_figure():
    spans = _spans(("a", 1960, "exact"), ("b", 2000, "about"), ("c", 1500, "at_least"))
    _, text = claims.judge_quantity(1960, spans, 0, {"a": "MFA", "b": "TASS"})
    assert text == (
        "3 of 3 figures within 0%: MFA: 1,960 (2023-09-20); "
        "TASS: about 2,000 (2023-09-20); c: at least 1,500 (2023-09-20)"
    )


def test_ratio_range_and_open_denominators_never_nan():
    top = _spans(("a", 1800, "exact"), ("b", 2000, "exact"))
    bottom = _spans(("c", 1000, "up_to"))
    assert claims.ratio_range(top, bottom) == (1.8, math.inf)
    assert claims.judge_ratio(2, top, bottom, 0)[0] == claims.CONSISTENT
    assert claims.judge_ratio(1.7, top, bottom, 0)[0] == claims.INCONSISTENT
    assert claims.judge_ratio(1.7, top, bottom, 6)[0] == claims.CONSISTENT
    open_bottom = _spans(("c", 50, "more_than"))
    low, high = claims.ratio_range(top, open_bottom)
    assert (low, high) == (0.0, 40.0)
    verdict, text = claims.judge_ratio(10, top, open_bottom, 0)
    assert verdict == claims.CONSISTENT and "nan" not in text
    exact = _spans(("c", 1000, "exact"))
    assert claims.ratio_range(top, exact) == (1.8, 2.0)
    assert claims.judge_ratio(2, top, exact, 0)[0] == claims.CONSISTENT
    assert claims.judge_ratio(2.01, top, exact, 0)[0] == claims.INCONSISTENT
    assert claims.judge_ratio(1, top.iloc[:0], exact, 0)[0] == claims.NO_DATA


def test_date_tolerance_is_inclusive_and_uses_the_first_record_on_file():
    dates = pd.Series(pd.to_datetime(["2020-11-09", "2021-01-30"]), index=["ev-1", "ev-2"])
    assert claims.judge_date("2020-11-10", dates, ["ev-1"], 1)[0] == claims.CONSISTENT
    assert claims.judge_date("2020-11-10", dates, ["ev-1"], 0)[0] == claims.INCONSISTENT
    verdict, text = claims.judge_date(dt.date(2021, 1, 31), dates, ["ev-x", "ev-2"], 0)
    assert (verdict, text) == (claims.INCONSISTENT, "on record: 2021-01-30 (1 day from the claim)")
    assert claims.judge_date("2020-11-10", dates, ["ev-x"], 5)[0] == claims.NO_DATA


def test_record_needs_every_record():
    assert claims.judge_record(["a", "b"], ["a", "b"]) == (claims.SUPPORTED, "on record: a, b")
    assert claims.judge_record(["a"], ["a", "b"]) == (claims.NO_DATA, "1 of 2 records on file")


def test_assessment_waits_until_every_source_is_published():
    published = pd.Series(pd.to_datetime(["2023-01-01", "2024-04-17"]))
    assert claims.judge_assessed("supported", published, "2024-04-16")[0] == claims.NO_DATA
    assert claims.judge_assessed("supported", published, "2024-04-17")[0] == "supported"


def test_window_is_inclusive_at_both_ends():
    obs = pd.DataFrame({"ref_date": pd.to_datetime(["2023-09-01", "2023-09-15", "2023-10-01"])})
    assert len(claims.in_window(obs, "2023-09-01", "2023-10-01")) == 3
    assert len(claims.in_window(obs, "2023-09-02", None)) == 2
    assert len(claims.in_window(obs, None, "2023-09-30")) == 2
    assert len(claims.in_window(obs, pd.NaT, pd.NaT)) == 3


def _snapshot(as_of="2024-01-01"):
    src = pd.DataFrame(
        {
            "source_id": ["s1", "s2", "s3"],
            "publisher": ["MFA", "TASS", "UN"],
            "origin_type": ["government", "state_affiliated_media", "international_body"],
            "origin_country": ["AZ", "RU", "INT"],
            "published": pd.to_datetime(["2020-11-10", "2023-10-01", "2024-06-01"]),
        }
    )
    obs = pd.DataFrame(
        {
            "quantity": ["size", "size", "size", "left"],
            "value": [1960.0, 2000.0, 3000.0, 1000.0],
            "qualifier": ["exact", "about", "exact", "up_to"],
            "ref_date": pd.to_datetime(["2020-11-10", "2023-09-30", "2023-09-30", "2023-10-01"]),
            "source_id": ["s1", "s2", "s3", "s3"],
            "reported_on": pd.to_datetime(["2020-11-10", "2023-10-01", "2024-06-01", "2023-10-01"]),
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["ev-1"],
            "date": pd.to_datetime(["2020-11-09"]),
            "reported_on": pd.to_datetime(["2020-11-10"]),
        }
    )
    claims_table = pd.DataFrame(
        {
            "claim_id": ["cl-01-size", "cl-01-old", "cl-04-ratio", "cl-01-date", "cl-02-view"],
            "paragraph": [1, 1, 6, 1, 2],
            "section": ["01", "01", "04", "01", "02"],
            "claim": ["size", "old size", "ratio", "date", "view"],
            "method": ["quantity", "quantity", "ratio", "date", "assessed"],
            "check_keys": [["size"], ["size"], ["size", "left"], ["ev-1"], None],
            "claimed_value": ["1960", "1960", "2", "2020-11-10", None],
            "ref_from": pd.to_datetime([None, None, "2023-09-01", None, None]),
            "ref_to": pd.to_datetime([None, "2021-01-01", None, None, None]),
            "tolerance": [0.0, 0.0, 0.0, 1.0, None],
            "assessment": [None, None, None, None, "supported"],
            "source_ids": [["s1"], ["s1"], ["s2"], ["s1"], ["s1", "s3"]],
            "reported_on": pd.to_datetime(["2023-11-06"] * 5),
        }
    )
    tables = {"sources": src, "observations": obs, "events": events, "claims": claims_table}
    return evidence.Snapshot.of(as_of, tables)


def test_verdicts_on_a_hand_made_snapshot():
    early = claims.verdicts(_snapshot("2024-01-01")).set_index("claim_id")["verdict"]
    assert early.to_dict() == {
        "cl-01-size": claims.CONSISTENT,  # 1,960 (MFA) and about 2,000 (1,900..2,100)
        "cl-01-old": claims.CONSISTENT,  # the window keeps the 2020 figure only
        "cl-04-ratio": claims.CONSISTENT,  # about 2,000 over up to 1,000: 1.9 .. inf
        "cl-01-date": claims.CONSISTENT,
        "cl-02-view": claims.NO_DATA,  # s3 is published in June 2024
    }
    late = claims.verdicts(_snapshot("2024-06-01")).set_index("claim_id")["verdict"]
    assert late["cl-02-view"] == "supported"
    assert late["cl-01-size"] == claims.SOME  # 3,000 (UN) joins, still not all agree
    assert list(claims.verdicts(_snapshot(), section="04")["claim_id"]) == ["cl-04-ratio"]
    assert claims.verdicts(_snapshot("2023-11-05")).empty  # claims are made on 2023-11-06
    narrow_band = claims.verdicts(_snapshot(), about_pct=1).set_index("claim_id")["verdict"]
    assert narrow_band["cl-01-size"] == claims.SOME  # 1,980 .. 2,020 leaves 1,960 out
    narrow = _snapshot()
    row = SimpleNamespace(**{**claims_table_row(narrow, "cl-01-size"), "claimed_value": "1990"})
    assert claims.judge(row, narrow, about_pct=2)[0] == claims.SOME
    assert claims.judge(row, narrow, about_pct=0.1)[0] == claims.INCONSISTENT


def claims_table_row(ev, claim_id):
    table = ev["claims"].set_index("claim_id", drop=False)
    return table.astype(object).where(table.notna(), None).loc[claim_id].to_dict()


def test_unknown_method_is_an_error():
    ev = _snapshot()
    row = SimpleNamespace(**{**claims_table_row(ev, "cl-01-size"), "method": "vibes"})
    with pytest.raises(DataError, match="unknown method 'vibes'"):
        claims.judge(row, ev)


# --- the live evidence base: where the data determine a verdict, assert that verdict -------

ARTICLE = evidence.at(ARTICLE_AS_OF)
NOW = evidence.at(TODAY)


def test_live_verdicts_at_the_vantage_date():
    table = claims.verdicts(ARTICLE).set_index("claim_id")
    assert len(table) == len(ARTICLE["claims"])
    assert table.loc["cl-01-statement-date", "verdict"] == claims.CONSISTENT  # 9 Nov, 1 day
    assert table.loc["cl-01-war-44-days", "verdict"] == claims.CONSISTENT
    assert table.loc["cl-01-contingent-1960", "verdict"] == claims.SOME  # 1,960 vs 1,970
    assert table.loc["cl-10-early-votes-discussed", "verdict"] == claims.NO_DATA


def test_live_verdicts_today():
    table = claims.verdicts(NOW).set_index("claim_id")
    assert table.loc["cl-10-early-votes-discussed", "verdict"] == "unverifiable"
    assert not table["evidence"].str.contains("nan").any()
    assert claims.verdicts(evidence.at("2023-11-05")).empty  # not made yet
