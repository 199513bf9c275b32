"""The notebook contract: one parameters cell, checked at once; stored outputs are clean."""

import ast
import json

import pytest

from karabakh.evidence.dates import ARTICLE_AS_OF
from karabakh.pipeline import notebooks as nbs
from karabakh.pipeline.params import SPECS, check
from karabakh.pipeline.refresh import VOLATILE_CELL_KEYS, VOLATILE_NB_KEYS

NOTEBOOKS = nbs.discover()


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell_followed_by_the_check(path):
    cells = _cells(path)
    tagged = [i for i, c in enumerate(cells) if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    defaults = nbs.parameters(path)
    assert set(defaults) <= set(SPECS), "every parameter needs a spec in karabakh.params"
    check(**defaults)  # the defaults themselves are valid
    assert defaults.get("as_of") == ARTICLE_AS_OF
    following = "".join(cells[tagged[0] + 1]["source"])
    call = [
        n
        for n in ast.walk(ast.parse(following))
        if isinstance(n, ast.Call) and getattr(n.func, "attr", getattr(n.func, "id", "")) == "check"
    ]
    assert call, "the cell after the parameters must call params.check"
    assert {k.arg for k in call[0].keywords} == set(defaults)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_exist_without_volatile_metadata_or_errors(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert not set(VOLATILE_NB_KEYS) & set(nb["metadata"])
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c.get("execution_count") for c in code), "run `make refresh`"
    for cell in code:
        assert not set(VOLATILE_CELL_KEYS) & set(cell["metadata"])
        assert all(o["output_type"] != "error" for o in cell["outputs"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_function_or_class_definitions_in_notebooks(path):
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]))
            assert not [
                n
                for n in ast.walk(tree)
                if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)
            ], "helpers belong in lib/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_prints_a_fingerprint(path):
    for cell in _cells(path):
        outputs = cell.get("outputs", [])
        has_png = any("image/png" in o.get("data", {}) for o in outputs)
        if has_png:
            text = "".join("".join(o.get("text", "")) for o in outputs)
            assert "figure fingerprint" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_figure_is_shown_once_and_never_as_figure_text(path):
    """style.finish shows each figure itself and closes it: one PNG per fingerprint, no repr."""
    for cell in _cells(path):
        outputs = cell.get("outputs", [])
        pngs = sum("image/png" in o.get("data", {}) for o in outputs)
        text = "".join("".join(o.get("text", "")) for o in outputs)
        assert pngs == text.count("figure fingerprint")
        assert not any("<Figure size" in str(o.get("data", {})) for o in outputs)
