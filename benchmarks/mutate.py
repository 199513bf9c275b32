"""Mutation testing of the layers that judge: `make mutate` (never part of `make test`).

mutmut 3 only finds code under `.`, `src/` or `source/` and names mutants by that path, so this
script copies the project (tracked and new files) into build/mutate/, renames `lib/` to `src/`
there, runs mutmut on evidence/, analysis/ and pipeline/params.py with the fast unit tests (the
[tool.mutmut] table of pyproject.toml), and writes benchmarks/MUTATION.md: mutants killed, and
each survivor with its diff so that it can be given a test or a reason (equivalent mutant).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutate"
OUT = (
    ROOT / "benchmarks" / os.environ.get("MUTATE_OUT", "MUTATION.md")
)  # a partial run: its own file
MUTMUT = Path(sys.executable).with_name("mutmut")


def copy_project() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        src = ROOT / name
        if not src.is_file():
            continue
        target = WORK / re.sub(r"^lib/", "src/", name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    conf = (WORK / "pyproject.toml").read_text(encoding="utf-8")
    conf = conf.replace('source_paths = ["lib"]', 'source_paths = ["src"]')
    conf = conf.replace('"lib/karabakh/', '"src/karabakh/')
    only = os.environ.get("MUTATE_ONLY")  # e.g. "evidence/*,analysis/claims.py" for a short run
    if only:
        globs = ", ".join(f'"src/karabakh/{g.strip()}"' for g in only.split(","))
        conf = re.sub(r"only_mutate = \[[^\]]*\]", f"only_mutate = [{globs}]", conf)
    (WORK / "pyproject.toml").write_text(conf, encoding="utf-8")


def main() -> int:
    copy_project()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    children = os.environ.get("MUTATE_CHILDREN", str(os.cpu_count() or 1))
    run = subprocess.run(
        [str(MUTMUT), "run", "--max-children", children],
        cwd=WORK,
        env=env,
        capture_output=True,
        text=True,
    )
    results = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"], cwd=WORK, capture_output=True, text=True
    ).stdout
    statuses: dict[str, list[str]] = {}
    for line in results.splitlines():
        if ":" in line:
            name, status = line.rsplit(":", 1)
            statuses.setdefault(status.strip(), []).append(name.strip())
    total = sum(len(v) for v in statuses.values())
    killed = len(statuses.get("killed", [])) + len(statuses.get("timeout", []))
    survivors = statuses.get("survived", [])
    lines = [
        "# Mutation testing",
        "",
        f"Last run: {dt.date.today()} with mutmut on "
        + (
            ", ".join(f"`{g.strip()}`" for g in os.environ["MUTATE_ONLY"].split(","))
            if os.environ.get("MUTATE_ONLY")
            else "`evidence/`, `analysis/` and `pipeline/params.py`"
        )
        + " (see `benchmarks/mutate.py`; `make mutate`).",
        "",
        "| status | mutants |",
        "|---|---|",
    ]
    lines += [f"| {status} | {len(names)} |" for status, names in sorted(statuses.items())]
    score = 100 * killed / total if total else 0.0
    lines += ["", f"**Killed: {killed} of {total} ({score:.1f} %).**", ""]
    if survivors:
        lines += ["## Survivors", ""]
        for name in survivors:
            diff = subprocess.run(
                [str(MUTMUT), "show", name], cwd=WORK, capture_output=True, text=True
            ).stdout
            changed = [ln for ln in diff.splitlines() if ln.startswith(("+ ", "- ", "+", "-"))]
            changed = [ln for ln in changed if not ln.startswith(("+++", "---"))][:4]
            lines += [f"- `{name}`", "  ```diff", *[f"  {ln}" for ln in changed], "  ```"]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"killed {killed} of {total} ({score:.1f} %); details in {OUT.relative_to(ROOT)}")
    if run.returncode not in (0, 1, 2):
        print(run.stdout[-2000:], run.stderr[-2000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
