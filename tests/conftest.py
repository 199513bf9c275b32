"""Shared fixtures: a scratch copy of the data package for fault-injection tests."""

import shutil
from pathlib import Path

import pytest

from karabakh.paths import DATA


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
