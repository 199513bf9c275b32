"""Make an executed notebook byte-stable: same inputs, same bytes.

papermill and nbclient record wall-clock times and the temporary output path in the notebook's
metadata. These are dropped; the injected parameters, papermill's version and each cell's status
are kept (they say what was run and how it ended). Consecutive stream outputs of one cell
(stdout, stderr) are joined: how a kernel chunks its prints depends on timing, not on inputs.
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
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)
    return nb


def _text(output) -> str:
    text = output.get("text", "")
    return "".join(text) if isinstance(text, list) else text


def coalesce_streams(outputs: list) -> list:
    """`outputs` with each run of consecutive stream outputs of the same name joined into one."""
    merged: list = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (
            out.get("output_type") == "stream"
            and last is not None
            and last.get("output_type") == "stream"
            and last.get("name") == out.get("name")
        ):
            last["text"] = _text(last) + _text(out)
        else:
            merged.append(out)
    return merged


def stabilize_file(path: Path, source: str = "") -> None:
    """`stabilize` the notebook file at `path`, rewriting it atomically."""
    nb = nbformat.read(path, as_version=4)
    write_atomic(path, nbformat.writes(stabilize(nb, source)) + "\n")
