"""Exact answers for the shells around the pure judges: windows, publishers, ratio order,
spread summaries, snapshot views and the mandate's sentences."""

import datetime as dt
import math
from types import SimpleNamespace

import pandas as pd

from karabakh import evidence
from karabakh.analysis import claims, mandate
from karabakh.evidence import spread


def _ev(as_of="2024-01-01"):
    src = pd.DataFrame(
        {
            "source_id": ["s1", "s2", "s3"],
            "publisher": ["MFA", "TASS", "UN"],
            "published": pd.to_datetime(["2020-11-10", "2023-10-01", "2023-10-02"]),
            "origin_type": ["government", "state_affiliated_media", "international_body"],
            "origin_country": ["AZ", "RU", "INT"],
            "title": ["t1", "t2", "t3"],
            "url": ["https://a", "https://b", "https://c"],
        }
    )
    obs = pd.DataFrame(
        {
            "quantity": ["size", "size", "left", "left"],
            "value": [1960.0, 2000.0, 1000.0, 500.0],
            "qualifier": ["exact", "about", "exact", "exact"],
            "ref_date": pd.to_datetime(["2020-11-10", "2023-09-30", "2023-10-01", "2023-12-01"]),
            "source_id": ["s1", "s2", "s3", "s3"],
            "reported_on": pd.to_datetime(["2020-11-10", "2023-10-01", "2023-10-02", "2023-12-02"]),
        }
    )
    return evidence.Snapshot.of(as_of, {"sources": src, "observations": obs})


def _claim(**kw):
    base = dict(
        claim_id="cl-x",
        method="quantity",
        check_keys=["size"],
        claimed_value="2000",
        ref_from=None,
        ref_to=None,
        tolerance=0.0,
        assessment=None,
        source_ids=["s1"],
    )
    return SimpleNamespace(**{**base, **kw})


def test_quantity_shell_uses_both_window_ends_and_names_publishers():
    ev = _ev()
    assert claims.judge(_claim(), ev) == (
        claims.SOME,
        "1 of 2 figures within 0%: MFA: 1,960 (2020-11-10); TASS: about 2,000 (2023-09-30)",
    )
    late = claims.judge(_claim(ref_from=pd.Timestamp("2021-01-01")), ev)
    assert late == (claims.CONSISTENT, "1 of 1 figures within 0%: TASS: about 2,000 (2023-09-30)")
    early = claims.judge(_claim(ref_to=pd.Timestamp("2021-01-01")), ev)
    assert early[0] == claims.INCONSISTENT and "MFA: 1,960 (2020-11-10)" in early[1]
    assert claims.judge(_claim(tolerance=3.0), ev)[0] == claims.CONSISTENT  # 1,960 * 1.03
    assert claims.judge(_claim(claimed_value="2099"), ev, about_pct=5)[0] == claims.SOME
    assert claims.judge(_claim(claimed_value="2099"), ev, about_pct=4)[0] == claims.INCONSISTENT


def test_ratio_shell_takes_numerator_then_denominator_and_the_band():
    ev = _ev()
    ratio = _claim(method="ratio", check_keys=["size", "left"], claimed_value="2")
    verdict, text = claims.judge(ratio, ev)
    assert verdict == claims.CONSISTENT
    assert text.startswith("the figures allow 1.90 to 4.20 (numerator: ")
    flipped = _claim(method="ratio", check_keys=["left", "size"], claimed_value="2")
    assert claims.judge(flipped, ev)[0] == claims.INCONSISTENT
    assert (
        claims.judge(
            _claim(method="ratio", check_keys=["size", "left"], claimed_value="1.9"),
            ev,
            about_pct=4,
        )[0]
        == claims.INCONSISTENT
    )
    near = _claim(method="ratio", check_keys=["size", "left"], claimed_value="1.85", tolerance=3.0)
    assert claims.judge(near, ev)[0] == claims.CONSISTENT
    window = _claim(
        method="ratio",
        check_keys=["size", "left"],
        claimed_value="4",
        ref_to=pd.Timestamp("2023-11-01"),
    )
    assert claims.judge(window, ev)[0] == claims.INCONSISTENT  # the 500 of December is outside


def test_summary_of_quantities_in_order_with_rounded_change():
    obs = pd.DataFrame(
        {
            "quantity": ["b", "b", "a", "c"],
            "source_id": ["x", "x", "y", "z"],
            "ref_date": pd.to_datetime(["2023-09-25", "2023-09-30", "2023-01-01", "2023-01-01"]),
            "value": [3000.0, 4000.0, 7.0, 50.0],
            "qualifier": ["exact", "exact", "exact", "more_than"],
        }
    )
    out = spread.summary(spread.intervals(obs))
    assert list(out["quantity"]) == ["a", "b", "c"]
    b = out.set_index("quantity").loc["b"]
    assert b["change_pct"] == 33.3
    assert (b["first_ref"], b["last_ref"]) == (
        pd.Timestamp("2023-09-25"),
        pd.Timestamp("2023-09-30"),
    )
    assert (b["lowest"], b["highest"], b["sources"]) == (3000.0, 4000.0, 1)
    c = out.set_index("quantity").loc["c"]
    assert (c["lowest"], c["highest"], c["change_pct"], c["disagreement_pct"]) == (
        50.0,
        50.0,
        0.0,
        0.0,
    )
    zero = pd.DataFrame(
        {
            "quantity": ["z", "z"],
            "source_id": ["x", "x"],
            "ref_date": pd.to_datetime(["2023-01-01", "2023-02-01"]),
            "value": [10.0, 20.0],
            "qualifier": ["up_to", "exact"],
        }
    )
    row = spread.summary(spread.intervals(zero)).iloc[0]
    # "up to 10" has no positive lower bound, so its midpoint is 10; then 20: +100 %
    assert row["change_pct"] == 100.0
    empty = spread.summary(
        spread.intervals(
            pd.DataFrame(
                {
                    "quantity": ["e"],
                    "source_id": ["x"],
                    "ref_date": pd.to_datetime(["2023-01-01"]),
                    "value": [0.0],
                    "qualifier": ["exact"],
                }
            )
        )
    ).iloc[0]
    assert math.isnan(empty["lowest"]) and math.isnan(empty["highest"])


def test_snapshot_views_are_reindexed_and_bibliography_keeps_its_columns():
    ev = _ev()
    left = ev.figures(["left"])
    assert list(left.index) == [0, 1] and list(left["value"]) == [1000.0, 500.0]
    bib = ev.bibliography(["s2", "s1"])
    assert list(bib.columns) == [
        "publisher",
        "published",
        "origin_type",
        "origin_country",
        "title",
        "url",
    ]
    assert list(bib.index) == ["s2", "s1"] and list(bib["published"]) == [
        "2023-10-01",
        "2020-11-10",
    ]
    assert "sources" in ev and "claims" not in ev
    assert evidence.at("2024-01-01").as_of == dt.date(2024, 1, 1)


def test_mandate_sentences_at_the_edges():
    start = dt.date(2020, 11, 10)
    table = mandate.periods(start, 5, 5, 6, renewals=0)
    outside = mandate.status(table, dt.date(2026, 1, 1))
    assert outside == {"as_of": dt.date(2026, 1, 1), "period": "outside the periods shown"}
    assert mandate.describe(outside) == "On 2026-01-01 the date lies outside the periods shown."
    deadline = mandate.status(table, dt.date(2025, 5, 10))
    assert mandate.describe(deadline) == (
        "On 2025-05-10, under the rule chosen, the mandate is in its first term, 1,642 days "
        "after it began; the last day "
        "to give notice is 0 days away, and the period ends in 184 days."
    )
    rule = pd.DataFrame({"quantity": ["mandate_years"] * 2, "value": [5.0, 6.0]})
    assert mandate.compare(rule, term_years=3, renewal_years=5, notice_months=6)[0] == (
        "term_years=3: differs from the sources, which give 5, 6 (2 sources)"
    )
