"""Notebook 01 at today with its own parameter changed, against the stored default run.

The stored outputs in notebooks/ are the default run (the article's vantage), so one execution
is enough to see what `as_of` and `renewals_shown` must change.
"""

import json

import pandas as pd
import pytest

from karabakh import evidence
from karabakh.analysis import mandate
from karabakh.evidence.dates import ARTICLE_AS_OF, TODAY
from karabakh.paths import ROOT

from .notebook_outputs import execute
from .notebook_outputs import fingerprints as _fingerprints
from .notebook_outputs import results as _results

NOTEBOOK = ROOT / "notebooks" / "01_settlement_and_mandate.ipynb"


@pytest.fixture(scope="module")
def today(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb01") / "01_today.ipynb"
    execute(NOTEBOOK, out, {"as_of": TODAY, "renewals_shown": 2})
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_headline_moves_with_as_of(today):
    stored = _results(json.loads(NOTEBOOK.read_text(encoding="utf-8")))["mandate"]
    later = _results(today)["mandate"]
    assert stored["headline"] and later["headline"]
    assert stored["values"]["as_of"] == ARTICLE_AS_OF and stored["values"]["period"] == "first term"
    assert later["values"]["as_of"] == TODAY and later["values"]["period"] == "renewal 1"
    assert "renewal 1" in later["text"]


def test_the_clock_figure_changes_with_renewals_and_as_of(today):
    stored = _fingerprints(json.loads(NOTEBOOK.read_text(encoding="utf-8")))
    later = _fingerprints(today)
    assert len(stored) == len(later) == 2
    assert stored[1] != later[1]  # three periods instead of two, a later as_of, the withdrawal
    assert "renewal 2" not in stored[1] and later[1].count("bars n=3") == 1


def test_the_latest_withdrawal_step_is_marked_only_once_reported():
    early = mandate.milestones(evidence.at(ARTICLE_AS_OF)["events"])
    late = mandate.milestones(evidence.at(TODAY)["events"])
    assert list(early["category"]) == list(late["category"]) == ["deployment", "withdrawal"]
    # at the vantage the latest step is a post closed in autumn 2023; today the completion of 2024
    assert early["date"].iloc[-1] < pd.Timestamp("2023-11-07")
    assert late["date"].iloc[-1].year == 2024
