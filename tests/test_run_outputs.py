"""A run keeps what readers reuse: each named figure as PNG and SVG, each notebook's results."""

import base64
import json
from pathlib import Path

from karabakh.pipeline.runner import run

from .conftest import scratch_notebook

BODY = """
import matplotlib
matplotlib.use("Agg")
from karabakh.figures import report, style

class Ev:
    def source_line(self, ids):
        return "Sources: " + ", ".join(ids)

fig, ax = style.new("A test chart")
ax.plot([1, 2, 3], [x, 2, 1])
style.finish(fig, ["src-a"], Ev(), name="test-chart")
report.result("answer", f"The answer is {x * 21}.", headline=True, answer=x * 21)
"""


def _notebook(path: Path) -> Path:
    return scratch_notebook(path, BODY, params="x = 2", title="# 01 · Test")


def test_named_figures_and_results_are_kept_per_run(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _notebook(folder / "01_test.ipynb")
    out, results = run(
        None, {}, name="r", build=tmp_path / "build", html=False, echo=lambda s: None, folder=folder
    )
    assert results[0].status == "ran", results[0].error
    figures = out / "figures" / "01_test"
    assert sorted(p.name for p in figures.iterdir()) == ["test-chart.png", "test-chart.svg"]
    assert (figures / "test-chart.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (figures / "test-chart.svg").read_text()
    # the notebook shows the figure once, from the very bytes of the PNG file (drawn once for both)
    nb = json.loads((out / "notebooks" / "01_test.ipynb").read_text())
    images = [
        o["data"]["image/png"]
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if "image/png" in o.get("data", {})
    ]
    assert len(images) == 1
    assert base64.b64decode(images[0]) == (figures / "test-chart.png").read_bytes()
    figure_texts = [
        o for c in nb["cells"] for o in c.get("outputs", []) if "<Figure" in str(o.get("data", {}))
    ]
    assert figure_texts == []
    kept = json.loads((out / "results.json").read_text())
    entry = kept["notebooks"]["01_test"]
    assert entry["headline"] == "The answer is 42."
    assert entry["results"][0]["values"] == {"answer": 42}
