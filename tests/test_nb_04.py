"""Notebook 04 with other ratio parameters: the ratio figure's fingerprint and the pair's verdict
must change (5,000 residents is outside every source's count for autumn 2023)."""

import json

from karabakh.figures.report import RESULT_MIME
from karabakh.paths import ROOT

from .notebook_outputs import execute

NOTEBOOK = ROOT / "notebooks" / "04_scenario_return_and_integration.ipynb"


def _outputs(nb):
    texts, results = [], {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            data = output.get("data", {})
            if RESULT_MIME in data:
                results[data[RESULT_MIME]["key"]] = data[RESULT_MIME]
    return "\n".join(texts), results


def _ratio_fingerprint(text):
    block = text.split("axes 'Peacekeepers per remaining resident'")[1]
    return block.split("sources:")[0]


def test_ratio_parameters_change_the_figure_and_the_verdict(tmp_path):
    out = tmp_path / "04.ipynb"
    execute(NOTEBOOK, out, {"contingent_size": 1500, "residents_remaining": 5000})
    changed_text, changed = _outputs(json.loads(out.read_text(encoding="utf-8")))
    stored_text, stored = _outputs(json.loads(NOTEBOOK.read_text(encoding="utf-8")))
    assert stored["ratio-verdict"]["values"]["verdict"] == "consistent"
    assert changed["ratio-verdict"]["values"]["verdict"] == "inconsistent"
    assert changed["ratio-verdict"]["values"]["per_resident"] == 0.3
    assert "parameters: 1,500 for 5,000" in changed_text
    assert _ratio_fingerprint(changed_text) != _ratio_fingerprint(stored_text)
