"""What the notebook tests read from an executed notebook: results, fingerprints and text.

One place for the helpers that tests/test_nb_*.py share; a notebook runs the way `karabakh run`
runs it (kernel python3 forked from this process's zygote, working directory notebooks/, kernel
shut down at once).
"""

import json
from pathlib import Path

import papermill as pm

from karabakh.figures.report import RESULT_MIME
from karabakh.pipeline import workers


def execute(notebook: Path, out: Path, parameters: dict) -> dict:
    """Run `notebook` with `parameters` into `out`; the executed notebook as a dict."""
    pm.execute_notebook(
        str(notebook),
        str(out),
        parameters=parameters,
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
        shutdown_kernel="immediate",
        kernel_manager_class=workers.ipc_kernel_manager(workers.zygote()),
    )
    return json.loads(Path(out).read_text(encoding="utf-8"))


def stored(notebook: Path) -> dict:
    """The notebook as stored in notebooks/ (the default run, nbval's reference)."""
    return json.loads(Path(notebook).read_text(encoding="utf-8"))


def _outputs(nb: dict):
    for cell in nb["cells"]:
        yield from cell.get("outputs", [])


def results(nb: dict) -> dict:
    """Every result bundle the notebook displayed (figures.report), by key."""
    return {
        o["data"][RESULT_MIME]["key"]: o["data"][RESULT_MIME]
        for o in _outputs(nb)
        if RESULT_MIME in o.get("data", {})
    }


def fingerprints(nb: dict) -> list[str]:
    """The printed figure fingerprints, in order."""
    texts = ["".join(o.get("text", "")) for o in _outputs(nb)]
    return [t for t in texts if "figure fingerprint" in t]


def text(nb: dict) -> str:
    """All printed and plain-text output, joined by newlines."""
    parts = []
    for o in _outputs(nb):
        parts.append("".join(o.get("text", "")))
        parts.append("".join(o.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)
