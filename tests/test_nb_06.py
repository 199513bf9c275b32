"""Notebook 06 at the article's vantage and at today: the withdrawal's completion appears only
in the second run (figure, headline and signals table change with as_of)."""

import pytest

from karabakh.evidence.dates import ARTICLE_AS_OF, TODAY
from karabakh.paths import ROOT

from .notebook_outputs import execute, stored
from .notebook_outputs import results as _results
from .notebook_outputs import text as _text

NOTEBOOK = ROOT / "notebooks" / "06_drawdown_signals.ipynb"


def _run(tmp_path, as_of):
    return execute(NOTEBOOK, tmp_path / f"06_{as_of}.ipynb", {"as_of": as_of})


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The stored notebook is the run at the article's vantage (its default; nbval checks it)."""
    return {ARTICLE_AS_OF: stored(NOTEBOOK), TODAY: _run(tmp_path_factory.mktemp("nb06"), TODAY)}


def test_completion_absent_at_the_vantage_present_today(runs):
    then, now = _results(runs[ARTICLE_AS_OF]), _results(runs[TODAY])
    assert then["drawdown"]["headline"] and now["drawdown"]["headline"]
    assert then["drawdown"]["values"]["completed_on"] is None
    assert now["drawdown"]["values"]["completed_on"] is not None
    assert "no completion of the withdrawal is on record yet" in then["drawdown"]["text"]
    assert "reported complete on" in now["drawdown"]["text"]
    assert then["drawdown"]["values"]["n_signals"] < now["drawdown"]["values"]["n_signals"]
    assert "Azerbaijan announces completion" not in _text(runs[ARTICLE_AS_OF])
    assert "Azerbaijan announces completion" in _text(runs[TODAY])


def test_later_votes_and_the_centre_closure_appear_only_today(runs):
    then, now = _results(runs[ARTICLE_AS_OF]), _results(runs[TODAY])
    assert then["elections"]["values"]["n_early_before_horizon"] == 0
    assert now["elections"]["values"]["n_early_before_horizon"] > 0
    assert then["centre"]["values"]["closed"] is None
    assert now["centre"]["values"]["closed"] is not None


def test_one_headline(runs):
    for nb in runs.values():
        assert sum(r["headline"] for r in _results(nb).values()) == 1
