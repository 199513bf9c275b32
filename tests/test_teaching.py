"""The teaching kit: every seminar preset runs, and docs/teaching.md quotes what it computes.

docs/teaching.md gives, for each exercise, a command `karabakh run NN --preset NAME` and, as a
blockquote under "What students should find", a sentence the notebook prints or records as a
result. This test runs each such command into a temporary folder and checks the sentence.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from karabakh.paths import PARAMS, ROOT
from karabakh.pipeline.presets import load_preset
from karabakh.pipeline.results import notebook_results
from karabakh.pipeline.runner import run

TEACHING = ROOT / "docs" / "teaching.md"
EXERCISE = re.compile(
    r"karabakh run (\d+) --preset (\w+)\n.*?What students should find.*?\n\n> (.+?)\n", re.S
)


def exercises() -> list[tuple[str, str, str]]:
    return EXERCISE.findall(TEACHING.read_text(encoding="utf-8"))


def test_at_least_three_seminar_presets_each_with_an_exercise():
    seminars = sorted(p.stem for p in PARAMS.glob("seminar_*.yaml"))
    assert len(seminars) >= 3
    assert sorted(name for _, name, _ in exercises()) == seminars


def _printed(nb: nbformat.NotebookNode) -> str:
    texts = [r["text"] for r in notebook_results(nb)]
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                texts.append(out["text"])
    return "\n".join(texts)


@pytest.mark.parametrize(("number", "preset", "finding"), exercises())
def test_each_preset_runs_and_finds_what_the_guide_says(number, preset, finding, tmp_path):
    out, results = run(
        [number], load_preset(preset), name=preset, build=tmp_path, html=False, echo=lambda s: None
    )
    assert [r.status for r in results] == ["ran"], results[0].error
    nb = nbformat.read(results[0].output, as_version=4)
    printed = _printed(nb)
    assert finding in printed, (
        f"docs/teaching.md quotes for {preset}:\n  {finding}\n"
        f"but notebook {number} now prints:\n{printed}"
    )
