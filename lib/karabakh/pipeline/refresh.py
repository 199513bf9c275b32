"""Regenerate the stored reference outputs in `notebooks/` from a default run.

Volatile metadata (papermill's timings and paths, per-cell execution times) is removed, so that a
refresh of an unchanged project leaves `git status` clean. This is the only code that writes into
`notebooks/`.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from ..errors import KarabakhError
from ..paths import BUILD, NOTEBOOKS
from .atomic import write_atomic
from .runner import run

VOLATILE_CELL_KEYS = ("papermill", "execution", "collapsed", "scrolled")
VOLATILE_NB_KEYS = ("papermill",)


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop metadata that changes from run to run without a change of inputs."""
    for key in VOLATILE_NB_KEYS:
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
    return nb


def refresh(selectors: list[str] | None = None, jobs: int | None = None, echo=print) -> list[Path]:
    """Run the selected notebooks with their defaults and store the cleaned results."""
    run_dir, results = run(
        selectors, {}, jobs=jobs, name="refresh", build=BUILD, html=False, echo=echo
    )
    failed = [r for r in results if r.status == "failed"]
    if failed:
        raise KarabakhError(f"{failed[0].notebook} failed ({failed[0].error}); nothing refreshed")
    written = []
    for res in results:
        nb = clean(nbformat.read(res.output, as_version=4))
        target = NOTEBOOKS / f"{res.notebook}.ipynb"
        text = nbformat.writes(nb) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            write_atomic(target, text)
            written.append(target)
    echo(
        f"refreshed {len(written)} of {len(results)} notebooks in {NOTEBOOKS.name}/ "
        f"(from {run_dir.relative_to(BUILD.parent)})"
    )
    return written
