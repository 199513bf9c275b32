"""Find notebooks, select them by number or name, and read their declared parameters."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from ..errors import KarabakhError
from ..paths import NOTEBOOKS


def discover(folder: Path = NOTEBOOKS) -> list[Path]:
    """The collection's notebooks, `NN_name.ipynb`, in number order."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]_*.ipynb"))


def select(selectors: list[str], folder: Path = NOTEBOOKS) -> list[Path]:
    """Notebooks matching each selector: a number (`1`, `01`) or a name (`01_settlement...`)."""
    every = discover(folder)
    if not selectors:
        return every
    chosen: list[Path] = []
    for sel in selectors:
        hits = [p for p in every if _matches(p, sel)]
        if not hits:
            names = ", ".join(p.stem for p in every)
            raise KarabakhError(f"no notebook matches {sel!r}; notebooks: {names}")
        chosen += [p for p in hits if p not in chosen]
    return chosen


def _matches(path: Path, selector: str) -> bool:
    number = path.stem[:2]
    if selector.isdigit():
        return int(selector) == int(number)
    return path.stem == selector or path.name == selector or path.stem.startswith(selector)


def parameters(path: Path) -> dict:
    """Names and default values assigned in the notebook's cell tagged `parameters`.

    Read with `ast` from the notebook file (no kernel), which is what papermill's inspection does
    for Python too, without its import cost.
    """
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise KarabakhError(
            f"{Path(path).name}: expected one cell tagged 'parameters', found {len(tagged)}"
        )
    source = "".join(tagged[0]["source"])
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    found[target.id] = ast.literal_eval(node.value)
    return found
