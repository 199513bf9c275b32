"""Imports run one way: pipeline -> analysis/figures -> evidence; nothing imports upward."""

import ast
from pathlib import Path

import pytest

from karabakh.paths import LIB

RANK = {"evidence": 0, "analysis": 1, "figures": 1, "pipeline": 2}


def _imports(path: Path) -> set[str]:
    """The karabakh layers a module imports (relative or absolute)."""
    layer = path.relative_to(LIB).parts[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                parts = [layer]
            elif node.level >= 2:
                parts = (node.module or "").split(".")[:1] or [""]
                if not node.module:
                    parts = [alias.name for alias in node.names]
            elif node.module and node.module.startswith("karabakh."):
                parts = [node.module.split(".")[1]]
            else:
                continue
            found.update(p for p in parts if p in RANK)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                bits = alias.name.split(".")
                if bits[0] == "karabakh" and len(bits) > 1 and bits[1] in RANK:
                    found.add(bits[1])
    return found


MODULES = sorted(p for p in LIB.rglob("*.py") if p.relative_to(LIB).parts[0] in RANK)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(LIB)))
def test_no_module_imports_a_higher_or_sibling_layer(path):
    layer = path.relative_to(LIB).parts[0]
    for target in _imports(path):
        if target != layer:
            assert RANK[target] < RANK[layer], f"{layer} imports {target}"


def test_the_check_itself_sees_an_upward_import(tmp_path, monkeypatch):
    fake = LIB / "evidence" / "x.py"
    tree = "from ..analysis import claims\nfrom karabakh.pipeline import runner\n"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: tree)
    assert _imports(fake) == {"analysis", "pipeline"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(LIB)))
def test_every_module_says_its_job(path):
    assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path
