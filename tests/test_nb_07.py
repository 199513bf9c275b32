"""Notebook 07 with outcomes read before April 2024: the withdrawal forecasts are still open and
left out of the score, while the stored default run (outcomes to today) resolves and scores them."""

import json

import pytest

from karabakh.errors import ParameterError
from karabakh.paths import ROOT
from karabakh.pipeline import params

from .notebook_outputs import execute
from .notebook_outputs import results as _results

NOTEBOOK = ROOT / "notebooks" / "07_conclusion_and_hindsight.ipynb"
WITHDRAWAL = ["fc-withdrawal-before-2025", "fc-withdrawal-talks", "fc-contingent-reduced"]


@pytest.fixture(scope="module")
def early(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb07") / "07_early.ipynb"
    # "even" scores uncovered wording too, so a withdrawal forecast can only be missing
    # from the score because it is unresolved
    execute(NOTEBOOK, out, {"outcome_as_of": "2024-03-31", "uncovered_reading": "even"})
    return _results(json.loads(out.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def stored():
    return _results(json.loads(NOTEBOOK.read_text(encoding="utf-8")))


def test_withdrawal_forecasts_unresolved_before_april_2024(early):
    status = early["forecasts-resolved"]["values"]["status"]
    assert [status[f] for f in WITHDRAWAL] == ["not yet"] * 3


def test_unresolved_forecasts_are_absent_from_the_score(early):
    score = early["score-band"]
    assert score["headline"]
    assert not set(WITHDRAWAL) & set(score["values"]["scored"])
    assert score["values"]["n"] == 0
    assert "nothing is scored yet" in score["text"]


def test_default_run_resolves_and_scores_them(stored):
    status = stored["forecasts-resolved"]["values"]["status"]
    assert [status[f] for f in WITHDRAWAL] == ["yes"] * 3
    assert "fc-withdrawal-before-2025" in stored["score-band"]["values"]["scored"]
    values = stored["score-band"]["values"]
    assert values["brier_low"] < values["brier"] < values["brier_high"]


def test_outcome_date_before_the_vantage_is_one_line_error():
    with pytest.raises(ParameterError) as err:
        params.check(as_of="2024-06-30", outcome_as_of="2024-01-01")
    assert "\n" not in str(err.value)
    assert "outcome_as_of='2024-01-01' is before as_of='2024-06-30'" in str(err.value)
    assert params.check(as_of="2024-06-30", outcome_as_of="2024-06-30").outcome_as_of
