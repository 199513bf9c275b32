"""Notebook 02 at the article's vantage and with its own parameters changed: coding criticism as
opposition moves the government's statements into `opposed`, and a later as_of ends the
contingent's lane and adds later instances of the official line."""

import pytest

from karabakh import evidence
from karabakh.analysis import debate
from karabakh.evidence.dates import ARTICLE_AS_OF, TODAY
from karabakh.paths import ROOT

from .notebook_outputs import execute, stored
from .notebook_outputs import fingerprints as _fingerprints
from .notebook_outputs import results as _results

NOTEBOOK = ROOT / "notebooks" / "02_return_and_domestic_debate.ipynb"
CHANGED = {"as_of": "2024-06-30", "criticism_coded_as": "opposed"}


def _run(tmp_path, parameters):
    return execute(NOTEBOOK, tmp_path / f"02_{len(parameters)}.ipynb", parameters)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The stored notebook is the default run (nbval checks it); only the changed run executes."""
    return stored(NOTEBOOK), _run(tmp_path_factory.mktemp("nb02"), CHANGED)


def test_one_headline_and_every_figure_fingerprinted(runs):
    default, _ = runs
    results = _results(default)
    assert [k for k, r in results.items() if r["headline"]] == ["gap-years"]
    assert len(_fingerprints(default)) == 2


def test_criticism_as_opposition_moves_government_statements(runs):
    default, changed = (_results(nb)["debate-counts"]["values"] for nb in runs)
    assert default["opposed_by_government"] == 0
    assert changed["opposed_by_government"] > 0
    assert changed["opposed"] > default["opposed"]


def test_later_as_of_changes_the_timeline_and_the_official_line(runs):
    default, changed = runs
    assert _fingerprints(default)[0] != _fingerprints(changed)[0]
    a, b = (_results(nb)["official-temporary"]["values"] for nb in runs)
    assert b["instances"] > a["instances"] and b["last"] > a["last"]
    # the gap is history: it does not depend on as_of
    assert _results(default)["gap-years"]["values"] == _results(changed)["gap-years"]["values"]


def test_the_withdrawal_ends_the_lane_only_once_reported():
    from karabakh.analysis import presence

    for when, still in ((ARTICLE_AS_OF, True), (TODAY, False)):
        ev = evidence.at(when)
        lanes = presence.timeline(
            ev["events"],
            ["ev-a039"],
            ["ev-a040", "ev-a041"],
            ["ev-a003", "ev-a037"],
            presence.scheduled_ends(ev.figures(["gabala_lease_years"])),
            ev.as_of,
        )
        label = lanes["bars"].set_index("lane").loc["peacekeeping contingent", "label"]
        assert ("still present" in label) is still


def test_every_coded_statement_has_a_known_actor_and_stance():
    coded = debate.code(evidence.at(TODAY)["statements"], since="2020-11-10")
    assert set(coded["actor"]) <= set(debate.ACTORS)
    assert set(coded["stance"]) <= {*debate.STANCE_ORDER, "none"}
