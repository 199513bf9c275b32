"""Notebook 05 at today: Russia's cell on keeping the contingent in Karabakh differs from the
article's vantage (conditional then, opposed once the withdrawal was agreed)."""

import json

from karabakh.evidence.dates import TODAY
from karabakh.paths import ROOT

from .notebook_outputs import execute
from .notebook_outputs import results as _results

NOTEBOOK = ROOT / "notebooks" / "05_scenario_relocation_or_corridor.ipynb"


def test_a_cell_moves_between_the_vantage_and_today(tmp_path):
    out = tmp_path / "05.ipynb"
    execute(NOTEBOOK, out, {"as_of": TODAY})
    today = _results(json.loads(out.read_text(encoding="utf-8")))["positions-moved"]
    stored = _results(json.loads(NOTEBOOK.read_text(encoding="utf-8")))["positions-moved"]
    assert stored["values"]["moved"] == 0  # the default run compares the vantage with itself
    assert "RU stay: conditional -> oppose" in today["values"]["changes"]
    assert today["values"]["moved"] == len(today["values"]["changes"]) > 0
