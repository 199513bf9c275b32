"""Lean imports: skip jsonschema's optional IRI checker (`rfc3987_syntax`, about 1.6 s to import).

nbformat's notebook schema (and every schema this project validates) has no `format: iri`
keyword, so the checker is never used; blocking its import, only where nothing imported it yet,
changes no validation result. Importing this module applies it to the current process, which is how
pytest gets it (`-p karabakh.pipeline.lean` in pyproject's addopts, loaded before the nbval
plugin imports nbformat). `python -m karabakh.pipeline.lean MODULE ARGS...` runs another module's
command line with it (the site build runs Sphinx this way).
"""

from __future__ import annotations

import runpy
import sys


def lean_imports() -> None:
    """Block the import of `rfc3987_syntax` in this process (a no-op if it is imported already)."""
    sys.modules.setdefault("rfc3987_syntax", None)


lean_imports()

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python -m karabakh.pipeline.lean MODULE [ARGS...]")
    module = sys.argv[1]
    sys.argv = [module, *sys.argv[2:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
