"""Shared fixtures: a scratch copy of the data package for fault-injection tests."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Every run folder a test makes (also in subprocesses, which inherit this) goes to a scratch folder.
if "KARABAKH_BUILD" not in os.environ:
    os.environ["KARABAKH_BUILD"] = tempfile.mkdtemp(prefix="karabakh-test-build-")
    atexit.register(shutil.rmtree, os.environ["KARABAKH_BUILD"], ignore_errors=True)

from karabakh.paths import DATA  # noqa: E402


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a text file; fail loudly if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def scratch_notebook(path: Path, *cells, params: str = "x = 1", title: str = "") -> Path:
    """A small notebook for runner tests: optional title, a `parameters` cell, then code cells."""
    import nbformat

    tagged = nbformat.v4.new_code_cell(params)
    tagged.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.cells = ([nbformat.v4.new_markdown_cell(title)] if title else []) + [tagged]
    nb.cells += [nbformat.v4.new_code_cell(body) for body in cells]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


# Under pytest-xdist (make test runs two workers, one file per worker at a time) the files that
# take longest go first, so that the short ones fill the gaps at the end instead of one long file
# running alone; the order of tests within a file is kept. Measured costs, in seconds, on the
# 2-core reference machine; files not listed count as short.
HEAVY_FIRST = {
    "test_site_browser.py": 28,
    "test_reliability.py": 18,
    "test_teaching.py": 10,
    "test_nbval_regression.py": 9,
    "test_lab.py": 7,
    "test_runner.py": 4,
    "test_nb_03.py": 3,
    "03_september_2023_and_aftermath.ipynb": 3,
    "07_conclusion_and_hindsight.ipynb": 3,
}


def pytest_collection_modifyitems(items):
    cost = {id(item): HEAVY_FIRST.get(Path(str(item.fspath)).name, 0) for item in items}
    items.sort(key=lambda item: -cost[id(item)])
