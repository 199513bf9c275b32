"""results.json and the README's findings come from the result bundles notebooks display."""

import json

import nbformat
import pytest

from karabakh.figures.report import bundle
from karabakh.paths import NOTEBOOKS, ROOT
from karabakh.pipeline.results import (
    FINDINGS_END,
    FINDINGS_START,
    findings_markdown,
    gather,
    readme_with_findings,
    write_results,
)


def _executed(path, results):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 01 · A title\n\ntext")]
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data=bundle(*r[:2], headline=r[2])) for r in results
    ]
    nb.cells.append(cell)
    nbformat.write(nb, path)


def test_gather_takes_the_first_headline_and_keeps_every_result(tmp_path):
    (tmp_path / "notebooks").mkdir()
    _executed(
        tmp_path / "notebooks" / "01_a.ipynb",
        [("k1", "minor", False), ("k2", "the finding", True), ("k3", "later", True)],
    )
    _executed(tmp_path / "notebooks" / "02_b.ipynb", [])
    got = gather(tmp_path / "notebooks")
    assert got["01_a"]["headline"] == "the finding"
    assert [r["key"] for r in got["01_a"]["results"]] == ["k1", "k2", "k3"]
    assert got["02_b"] == {"title": "01 · A title", "headline": None, "results": []}
    written = json.loads(write_results(tmp_path).read_text())
    assert written["notebooks"]["01_a"]["headline"] == "the finding"
    md = findings_markdown(got)
    assert md.splitlines() == [
        "- [01 · A title](notebooks/01_a.ipynb): the finding",
        "- [01 · A title](notebooks/02_b.ipynb): *no headline result recorded yet*",
    ]


def test_readme_block_is_replaced_between_the_markers_only():
    text = f"top\n{FINDINGS_START}\nold\n{FINDINGS_END}\nrest\n"
    assert (
        readme_with_findings(text, "new") == f"top\n{FINDINGS_START}\nnew\n{FINDINGS_END}\nrest\n"
    )
    with pytest.raises(ValueError, match="no findings markers"):
        readme_with_findings("no markers", "new")


def test_readme_findings_are_in_step_with_the_stored_outputs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    expected = readme_with_findings(readme, findings_markdown(gather(NOTEBOOKS)))
    assert readme == expected, "README findings are stale: run `karabakh findings`"
