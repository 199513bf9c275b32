"""Notebook 06 at the article's vantage and at today: the withdrawal's completion appears only
in the second run (figure, headline and signals table change with as_of)."""

import json
from concurrent.futures import ProcessPoolExecutor

import papermill as pm
import pytest

from karabakh.evidence.dates import ARTICLE_AS_OF, TODAY
from karabakh.figures.report import RESULT_MIME
from karabakh.paths import ROOT

NOTEBOOK = ROOT / "notebooks" / "06_drawdown_signals.ipynb"


def _run(tmp_path, as_of):
    out = tmp_path / f"06_{as_of}.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"as_of": as_of},
        cwd=str(NOTEBOOK.parent),
        kernel_name="python3",
        progress_bar=False,
        shutdown_kernel="immediate",
    )
    return json.loads(out.read_text(encoding="utf-8"))


def _results(nb):
    found = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RESULT_MIME in data:
                found[data[RESULT_MIME]["key"]] = data[RESULT_MIME]
    return found


def _text(nb):
    parts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Both executions at once, each in its own process and kernel (halves the wall time)."""
    tmp = tmp_path_factory.mktemp("nb06")
    whens = (ARTICLE_AS_OF, TODAY)
    with ProcessPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(_run, [tmp] * 2, whens))
    return dict(zip(whens, done, strict=True))


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
