"""Scores of forecasts: Brier, log, baselines and the sensitivity band on hand-checked cases."""

import math

import pandas as pd
import pytest

from karabakh import evidence
from karabakh.analysis import forecasts, scoring
from karabakh.evidence.dates import TODAY


def test_brier_and_log_score_by_hand():
    assert scoring.brier(0.7, 1) == pytest.approx(0.09)
    assert scoring.brier(0.7, 0) == pytest.approx(0.49)
    assert scoring.log_score(0.5, 1) == pytest.approx(math.log(2))
    assert scoring.log_score(0.8, 0) == pytest.approx(1.609438, abs=1e-6)  # -ln 0.2


def test_log_score_clips_certainty_to_one_percent():
    assert scoring.log_score(0.0, 1) == pytest.approx(-math.log(0.01))
    assert scoring.log_score(1.0, 0) == pytest.approx(-math.log(0.01))
    assert scoring.log_score(1.0, 1) == pytest.approx(-math.log(0.99))
    assert scoring.log_score(0.005, 1) == scoring.log_score(0.01, 1)


def test_overall_is_the_mean_and_empty_is_nan():
    got = scoring.overall([0.2, 0.9], [0, 1])
    assert got["n"] == 2
    assert got["brier"] == pytest.approx(0.025)  # (0.04 + 0.01) / 2
    assert got["log"] == pytest.approx(0.164252, abs=1e-6)  # (-ln 0.8 - ln 0.9) / 2
    empty = scoring.overall([], [])
    assert empty["n"] == 0 and math.isnan(empty["brier"])


def test_baselines_by_hand():
    got = scoring.baselines([1, 0, 0, 0]).set_index("baseline")
    assert got.at["always 0.5", "brier"] == pytest.approx(0.25)
    assert got.at["always 0.5", "log"] == pytest.approx(math.log(2))
    assert got.at["nothing changes", "brier"] == pytest.approx(0.25)  # one yes costs 1
    assert got.at["nothing changes", "log"] == pytest.approx(1.158830, abs=1e-6)
    assert got.at["base rate", "p"] == pytest.approx(0.25)
    assert got.at["base rate", "brier"] == pytest.approx(0.1875)  # (0.5625 + 3 * 0.0625) / 4
    assert got.at["base rate", "log"] == pytest.approx(0.562335, abs=1e-6)


def _scored(*rows):
    cols = ["forecast_id", "scale_id", "kind", "low", "mid", "high", "outcome"]
    return pd.DataFrame(rows, columns=cols)


A1 = ("f1", "A", "band", 0.2, 0.3, 0.4, 0)
A2 = ("f2", "A", "band", 0.6, 0.7, 0.8, 1)
B1 = ("f1", "B", "survey", 0.1, 0.15, 0.2, 0)


def test_band_scores_each_scale_at_each_end():
    got = scoring.band(_scored(A1, A2, B1)).set_index(["scale_id", "end"])
    assert got.at[("A", "low"), "brier"] == pytest.approx(0.1)  # (0.04 + 0.16) / 2
    assert got.at[("A", "mid"), "brier"] == pytest.approx(0.09)
    assert got.at[("A", "high"), "brier"] == pytest.approx(0.1)
    assert got.at[("B", "low"), "brier"] == pytest.approx(0.01)
    assert got.at[("B", "high"), "brier"] == pytest.approx(0.04)
    assert got.at[("A", "mid"), "n"] == 2 and got.at[("B", "mid"), "n"] == 1
    assert scoring.band_range(scoring.band(_scored(A1, A2, B1))) == pytest.approx((0.01, 0.1))


def test_combined_band_widens_when_a_survey_is_added():
    alone = scoring.combined(_scored(A1, A2))
    assert alone["n"] == 2
    assert (alone["brier_low"], alone["brier_high"]) == pytest.approx((0.04, 0.16))
    both = scoring.combined(_scored(A1, A2, B1))
    assert both["n"] == 2  # the same forecasts: only the range of probabilities grew
    assert (both["brier_low"], both["brier_high"]) == pytest.approx((0.025, 0.16))
    assert both["log_low"] < alone["log_low"]


def test_summary_by_group_and_overall():
    points = pd.DataFrame(
        {"forecast_id": ["a", "b", "c"], "group": ["covered", "covered", "uncovered (even)"]}
        | {"p": [0.2, 0.9, 0.5], "outcome": [0, 1, 1]}
    )
    got = scoring.summary(points).set_index("group")
    assert got.at["covered", "brier"] == pytest.approx(0.025)
    assert got.at["uncovered (even)", "brier"] == pytest.approx(0.25)
    assert got.at["all scored", "n"] == 3
    assert got.at["all scored", "brier"] == pytest.approx(0.1)  # (0.04 + 0.01 + 0.25) / 3


def test_misses_rank_by_brier_then_id():
    table = scoring.per_forecast(_scored(A1, A2, B1).assign(forecast_id=["b", "c", "a"]))
    # mids: b 0.3 (no) and c 0.7 (yes) both cost 0.09, a 0.15 (no) costs 0.0225
    assert list(scoring.misses(table, top=2)["forecast_id"]) == ["b", "c"]
    assert list(scoring.misses(table)["forecast_id"]) == ["b", "c", "a"]


def test_real_band_widens_when_a_survey_scale_is_added():
    ev = evidence.at(TODAY)
    rows = ev["forecasts"]
    res = forecasts.resolve(rows, ev.dated, ev.as_of)
    icd = ev["likelihood_scales"]
    icd = icd[icd["scale_id"] == "us-odni-icd203"]
    survey = ev["probability_surveys"]
    survey = survey[survey["survey_id"] == "zonination-perceptions"]
    before = forecasts.scored_set(res, forecasts.readings(rows, forecasts.scale_table(icd, None)))
    after = forecasts.scored_set(res, forecasts.readings(rows, forecasts.scale_table(icd, survey)))
    lo0, hi0 = scoring.band_range(scoring.band(before))
    lo1, hi1 = scoring.band_range(scoring.band(after))
    assert lo1 < lo0 and hi1 >= hi0
    c0, c1 = scoring.combined(before), scoring.combined(after)
    assert c0["n"] == c1["n"]
    assert c1["brier_high"] - c1["brier_low"] > c0["brier_high"] - c0["brier_low"]


def test_combined_by_hand_on_a_yes_and_a_no():
    """f1 (no): the union of its ranges is 0.1..0.4; f2 (yes): 0.6..0.9 (two scales, the second
    reaching higher). Every key is the mean over the two forecasts of each end's score."""
    rows = [
        ("f2", "A", "band", 0.6, 0.7, 0.8, 1),
        ("f1", "A", "band", 0.2, 0.3, 0.4, 0),
        ("f1", "B", "survey", 0.1, 0.15, 0.2, 0),
        ("f2", "B", "survey", 0.65, 0.8, 0.9, 1),
    ]
    got = scoring.combined(_scored(*rows))
    assert sorted(got) == ["brier_high", "brier_low", "log_high", "log_low", "n"]
    assert got["n"] == 2
    assert got["brier_low"] == pytest.approx((0.01 + 0.01) / 2)  # f1 at 0.1, f2 at 0.9
    assert got["brier_high"] == pytest.approx((0.16 + 0.16) / 2)  # f1 at 0.4, f2 at 0.6
    assert got["log_low"] == pytest.approx((-math.log(0.9) - math.log(0.9)) / 2)
    assert got["log_high"] == pytest.approx((-math.log(0.6) - math.log(0.6)) / 2)
    empty = scoring.combined(_scored())
    assert empty["n"] == 0 and sorted(empty) == sorted(got)
    assert all(math.isnan(empty[k]) for k in got if k != "n")
