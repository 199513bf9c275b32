"""nbval must catch a changed figure: edit one plotted value in a copy of the project."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def test_unchanged_copy_passes_and_a_changed_plotted_value_fails(project_copy):
    first = _nbval(project_copy)
    assert first.returncode == 0, first.stdout[-3000:]
    # the contingent size reported by one source is drawn in notebook 01's spread figure
    rewrite(
        project_copy / "data" / "observations.csv",
        ",peacekeepers_authorized,1960,",
        ",peacekeepers_authorized,1961,",
    )
    second = _nbval(project_copy)
    assert second.returncode != 0
    assert "fingerprint" in second.stdout or "1961" in second.stdout
