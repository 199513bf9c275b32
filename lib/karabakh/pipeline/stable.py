"""Make an executed notebook byte-stable: same inputs, same bytes.

papermill and nbclient record wall-clock times and the temporary output path in the notebook's
metadata. These are dropped; the injected parameters, papermill's version and each cell's status
are kept (they say what was run and how it ended).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from .atomic import write_atomic

NB_TIMINGS = ("start_time", "end_time", "duration", "input_path", "output_path")
CELL_TIMINGS = ("start_time", "end_time", "duration")


def stabilize(nb: nbformat.NotebookNode, source: str = "") -> nbformat.NotebookNode:
    """Drop timings and machine paths from `nb` in place; `source` is the notebook's own name."""
    meta = nb.metadata.get("papermill")
    if meta is not None:
        for key in NB_TIMINGS:
            meta.pop(key, None)
        if source:
            meta["input_path"] = source
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in CELL_TIMINGS:
            cell.metadata.get("papermill", {}).pop(key, None)
    return nb


def stabilize_file(path: Path, source: str = "") -> None:
    """`stabilize` the notebook file at `path`, rewriting it atomically."""
    nb = nbformat.read(path, as_version=4)
    write_atomic(path, nbformat.writes(stabilize(nb, source)) + "\n")
