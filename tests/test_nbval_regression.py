"""nbval must catch a changed figure: edit one plotted value in a copy of the project.

Exactly the cells that show the value fail, the figure's own cell among them; the others pass."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from karabakh.paths import ROOT

from .conftest import rewrite

NOTEBOOK = "notebooks/01_settlement_and_mandate.ipynb"


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("copy")
    for part in ("lib", "data", "notebooks", "tests/nbval_sanitize.cfg"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, target / part)
    return target


def _nbval(copy: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy / "lib")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rA",
            "-p",
            "no:cacheprovider",
            "--nbval",
            NOTEBOOK,
            "--nbval-sanitize-with",
            "tests/nbval_sanitize.cfg",
            "--rootdir",
            str(copy),
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_copy_uses_its_own_library(project_copy):
    env = {**os.environ, "PYTHONPATH": str(project_copy / "lib")}
    out = subprocess.run(
        [sys.executable, "-c", "import karabakh.paths as p; print(p.ROOT)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(out.stdout.strip()) == project_copy


def _outcomes(stdout: str) -> dict[str, set[int]]:
    """Cell numbers by outcome from nbval's `-rA` summary lines (PASSED/FAILED ...::Cell N)."""
    found: dict[str, set[int]] = {"PASSED": set(), "FAILED": set()}
    for status, cell in re.findall(r"^(PASSED|FAILED) \S+::Cell (\d+)", stdout, re.M):
        found[status].add(int(cell))
    return found


def test_a_changed_plotted_value_fails_exactly_the_cells_that_show_it(project_copy):
    # One source's contingent size, drawn in notebook 01's spread figure and listed in its tables.
    rewrite(
        project_copy / "data" / "observations.csv",
        ",peacekeepers_authorized,1960,",
        ",peacekeepers_authorized,1961,",
    )
    proc = _nbval(project_copy)
    assert proc.returncode != 0
    cells = nbformat.read(project_copy / NOTEBOOK, as_version=4).cells
    code = [cell.source for cell in cells if cell.cell_type == "code"]
    figure = next(i for i, src in enumerate(code) if "charts.figures_by_source(" in src)
    outcomes = _outcomes(proc.stdout)
    # The first of the nine 1,960 rows is shown by the strength table (3), the spread figure (4),
    # the mandate result (8, its lowest figure) and the verdicts (9); the parameters, imports,
    # events, the table of other sizes (5), the rule and the clock (6, 7) do not show it.
    # Cells passing after a failed one show the copy ran; every failure is an output mismatch.
    assert outcomes == {"PASSED": {0, 1, 2, 5, 6, 7}, "FAILED": {3, 4, 8, 9}}
    assert figure == 4
    assert "caused an exception" not in proc.stdout
    # Count in the failure sections only: where CI is set, pytest's summary repeats each message.
    failures = proc.stdout.split("short test summary info")[0]
    assert failures.count("assert reference_output == test_output failed") == 4
    section = proc.stdout.split(f"::Cell {figure} _")[1].split("::Cell")[0]
    assert "y=1961..1961" in section and "y=1960..1960" in section  # the figure's fingerprint
