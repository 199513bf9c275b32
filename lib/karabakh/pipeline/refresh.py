"""Regenerate the stored reference outputs in `notebooks/` from a default run.

Volatile metadata (papermill's timings and paths, per-cell execution times) is removed, so that a
refresh of an unchanged project leaves `git status` clean. This is the only code that writes into
`notebooks/`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat

from ..errors import KarabakhError
from ..paths import BUILD, NOTEBOOKS
from .atomic import write_atomic
from .notebooks import select
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


def uncommitted(paths: list[Path]) -> list[Path]:
    """Those of `paths` whose working copy differs from git's last commit (or is untracked)."""
    if not paths:
        return []
    folder = Path(paths[0]).parent
    try:
        proc = subprocess.run(
            ["git", "status", "--porcelain", "--", *[p.name for p in paths]],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return []  # no git: nothing to compare with
    if proc.returncode != 0:
        return []  # not a git work tree
    changed = {Path(line[3:].strip().strip('"')).name for line in proc.stdout.splitlines()}
    return [p for p in paths if p.name in changed]


def refresh(
    selectors: list[str] | None = None,
    jobs: int | None = None,
    echo=print,
    force: bool = False,
    folder: Path = NOTEBOOKS,
    build: Path = BUILD,
) -> list[Path]:
    """Run the selected notebooks with their defaults and store the cleaned results.

    A notebook with uncommitted edits is not overwritten unless `force` (the edits would be lost).
    """
    folder = Path(folder)
    edited = [] if force else uncommitted(select(list(selectors or []), folder))
    if edited:
        raise KarabakhError(
            f"{edited[0].name} has uncommitted edits that a refresh would overwrite; commit them "
            "or give --force"
        )
    run_dir, results = run(
        selectors, {}, jobs=jobs, name="refresh", build=build, html=False, echo=echo, folder=folder
    )
    failed = [r for r in results if r.status == "failed"]
    if failed:
        raise KarabakhError(f"{failed[0].notebook} failed ({failed[0].error}); nothing refreshed")
    written = []
    for res in results:
        nb = clean(nbformat.read(res.output, as_version=4))
        target = folder / f"{res.notebook}.ipynb"
        text = nbformat.writes(nb) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            write_atomic(target, text)
            written.append(target)
    echo(f"refreshed {len(written)} of {len(results)} notebooks in {folder.name}/ (from {run_dir})")
    return written
