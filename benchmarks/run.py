"""Benchmark the runner against plain papermill and nbconvert; write benchmarks/RESULTS.md.

A measurement, not a test: `make bench` (or `python benchmarks/run.py --runs 5`). Every figure comes
from this one invocation; the items are interleaved, one repetition of each per round, so that a
change of the machine's load during the benchmark spreads over all of them alike. Run folders go
to a temporary folder; the site build (f) writes only under it too.

Items (see issue 14): a cold full build with `karabakh run`; b a sequential loop of the papermill
command; c the same with `jupyter nbconvert --execute`; d a no-op rebuild; e one notebook rerun
after one parameter changed (e_ref: the bare papermill command on that notebook with the same
change); f the site build alone; g `make test`; h the floor, the sum over notebooks of (kernel
start + the notebook's own cell time) divided by the cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SELECT: list[str] = []  # all notebooks unless --notebooks (a quick check, not the benchmark)
E_NOTEBOOK, E_PARAM, E_VALUES = "01", "term_years", [2, 3, 4, 6, 7, 8, 9, 10, 11, 12]
TARGETS = {
    "a/b": 0.35,  # at most
    "a/h": 1.3,  # at most
    "d": 0.5,  # seconds, under
    "e/e_ref": 0.8,  # at most
    "g": 60.0,  # seconds, under
}


def timed(cmd: list[str], env: dict | None = None, cwd: Path = ROOT, check: bool = True) -> float:
    """Wall time of one command, which must succeed (unless not `check`: then NaN on failure)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0 and not check:
        print(f"failed: {' '.join(cmd)[:200]}: {(proc.stderr or '').strip()[-300:]}", flush=True)
        return float("nan")
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n" + "\n".join(tail))
    return took


def kernel_start(folder: Path) -> float:
    """Seconds from asking for a python3 kernel (over IPC, as the runner) to its first reply."""
    from jupyter_client.manager import KernelManager

    start = time.perf_counter()
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(folder / "kernel"))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    took = time.perf_counter() - start
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return took


def freeze(tmp: Path) -> Path:
    """A copy of the project as it is now: edits made while the benchmark runs change nothing."""
    copy = tmp / "project"
    skip = (".git", "build", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info")
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*skip), symlinks=True)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def cell_seconds(executed: Path) -> float:
    """The notebook's own cell time: the sum of papermill's per-cell durations."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    return sum(c.get("metadata", {}).get("papermill", {}).get("duration") or 0 for c in nb["cells"])


def import_seconds(code: str, env: dict | None = None) -> float:
    return timed([sys.executable, "-c", code], env=env)


def versions() -> dict[str, str]:
    names = ["papermill", "nbclient", "nbconvert", "ipykernel", "jupyter_client", "sphinx"]
    out = {"python": platform.python_version()}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def measure(runs: int, test_runs: int, skip_test: bool) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="karabakh-bench-"))
    build = tmp / "build"
    project = freeze(tmp)
    notebooks = [project / "notebooks" / p.name for p in NOTEBOOKS]
    env = {**os.environ, "KARABAKH_BUILD": str(build), "PYTHONPATH": str(project / "lib")}
    karabakh = [str(BIN / "karabakh")]
    times: dict[str, list[float]] = {k: [] for k in "abcdef"}
    times.update({"e_ref": [], "g": [], "g_cpu": [], "kernel": [], "a_work": [], "a_png": []})
    times["a_plain"] = []
    cells: dict[str, list[float]] = {p.stem: [] for p in NOTEBOOKS}
    slowest_tests = ""
    res_failures: list[str] = []
    load_before = os.getloadavg()
    try:
        for i in range(runs):
            print(f"round {i + 1} of {runs}", flush=True)
            # a component of a: the same cold build writing PNG figure files only (no SVG)
            shutil.rmtree(build, ignore_errors=True)
            png_only = {**env, "KARABAKH_FIGURE_FORMATS": "png"}
            cmd = [*karabakh, "run", *SELECT, "--no-html", "--name", "a_png"]
            times["a_png"].append(timed(cmd, png_only, project))
            # a component of a: the same cold build with ordinary kernels (no zygote)
            shutil.rmtree(build, ignore_errors=True)
            plain = {**env, "KARABAKH_ZYGOTE": "0"}
            cmd = [*karabakh, "run", *SELECT, "--no-html", "--name", "a_plain"]
            times["a_plain"].append(timed(cmd, plain, project))
            shutil.rmtree(build, ignore_errors=True)  # cold: no run folder, no validation stamp
            every = [*karabakh, "run", *SELECT, "--no-html", "--name", "a"]
            times["a"].append(timed(every, env, project))
            manifest = json.loads((build / "a" / "manifest.json").read_text())
            times["a_work"].append(sum(r["seconds"] for r in manifest["notebooks"].values()))
            times["d"].append(timed(every, env, project))
            out = tmp / f"papermill-{i}"
            out.mkdir()
            total = 0.0
            for nb in notebooks:
                target = out / nb.name
                cmd = [str(BIN / "papermill"), str(nb), str(target), "--cwd", str(nb.parent)]
                total += timed([*cmd, "-k", "python3", "--no-progress-bar"], env)
                cells[nb.stem].append(cell_seconds(target))
            times["b"].append(total)
            conv = tmp / f"nbconvert-{i}"
            total = 0.0
            for nb in notebooks:
                cmd = [str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute"]
                total += timed([*cmd, str(nb), "--output-dir", str(conv)], env)
            times["c"].append(total)
            value = E_VALUES[i % len(E_VALUES)]
            cmd = [*karabakh, "run", E_NOTEBOOK, "-p", f"{E_PARAM}={value}"]
            times["e"].append(timed([*cmd, "--no-html", "--name", "e"], env, project))
            nb01 = next(p for p in notebooks if p.stem.startswith(E_NOTEBOOK))
            cmd = [str(BIN / "papermill"), str(nb01), str(out / "e.ipynb")]
            cmd += ["--cwd", str(nb01.parent), "-p", E_PARAM, str(value), "--no-progress-bar"]
            times["e_ref"].append(timed([*cmd, "-k", "python3"], env))
            site = [sys.executable, "-c"]
            code = "from pathlib import Path; from karabakh.pipeline.site import build_site; "
            code += f"build_site([Path({str(build / 'a')!r})], echo=lambda s: None)"
            times["f"].append(timed([*site, code], env, check=False))
            times["kernel"].append(kernel_start(tmp))
        if not skip_test:
            for i in range(test_runs):
                print(f"make test {i + 1} of {test_runs}", flush=True)
                test_env = {**env, "PYTEST_ADDOPTS": "--durations=6"}
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                # -o: the copy shares this project's .venv (a symlink); never let its `make`
                # reinstall the package, which would point the shared .venv at the copy
                proc = subprocess.run(
                    ["make", "-o", ".venv/.installed-stamp", "test"],
                    cwd=project,
                    env=test_env,
                    capture_output=True,
                    text=True,
                )
                times["g"].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                times["g_cpu"].append(
                    after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                )
                if proc.returncode != 0:
                    failed = [
                        x for x in proc.stdout.splitlines() if x.startswith(("FAILED", "ERROR"))
                    ]
                    print("make test failed; its time is still recorded", *failed[:10], sep="\n")
                    res_failures.extend(failed[:10])
                slowest_tests = _slowest(proc.stdout)
        site_same = _site_is_deterministic(env, build, tmp)
        lean = import_seconds(
            "import karabakh.pipeline.workers as w; w.lean_imports(); import papermill"
        )
        full = import_seconds("import papermill")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "times": times,
        "cells": cells,
        "slowest_tests": slowest_tests,
        "test_failures": sorted(set(res_failures)),
        "site_deterministic": site_same,
        "papermill_import": {"plain": full, "lean": lean},
        "load": (load_before, os.getloadavg()),
    }


def _slowest(stdout: str) -> str:
    lines, keep = [], False
    for line in stdout.splitlines():
        if "slowest" in line and "durations" in line:
            keep = True
            continue
        if keep and line.strip() and line[0].isdigit():
            lines.append(line.strip())
        elif keep and lines:
            keep = False
    return "\n".join(lines)


def _site_is_deterministic(env: dict, build: Path, tmp: Path) -> bool:
    """Build the site twice from the same run; are all pages byte-identical?"""
    outs = []
    for n in (1, 2):
        out = tmp / f"site-{n}"
        code = "from pathlib import Path; from karabakh.pipeline.site import build_site; "
        code += f"build_site([Path({str(build / 'a')!r})], out=Path({str(out)!r}), echo=print)"
        timed([sys.executable, "-c", code], env, check=False)
        if not out.exists():
            return False
        outs.append(
            {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        )
    return outs[0] == outs[1]


def report(res: dict, runs: int) -> str:
    t = res["times"]
    t = {k: [x for x in v if x == x] for k, v in t.items()}  # drop failed (NaN) runs
    med = {k: statistics.median(v) for k, v in t.items() if v}
    cores = os.cpu_count() or 1
    kernel = med["kernel"]
    own = {k: statistics.median(v) for k, v in res["cells"].items()}
    per_nb = {k: kernel + s for k, s in own.items()}
    med["h"] = sum(per_nb.values()) / cores
    longest = max(per_nb.values())
    schedule_floor = max(med["h"], longest)
    ratios = {
        "a/b": med["a"] / med["b"],
        "a/h": med["a"] / med["h"],
        "d": med["d"],
        "e/e_ref": med["e"] / med["e_ref"],
    }
    if "g" in med:
        ratios["g"] = med["g"]
    met = {
        k: v <= TARGETS[k] if k in ("a/b", "a/h", "e/e_ref") else v < TARGETS[k]
        for k, v in ratios.items()
    }
    v = versions()
    rows = [
        ("a", "full build, cold cache (`karabakh run`, all notebooks)"),
        ("b", "sequential loop of the `papermill` command"),
        ("c", "sequential loop of `jupyter nbconvert --execute`"),
        ("d", "no-op rebuild (`karabakh run`, nothing changed)"),
        ("e", f"notebook {E_NOTEBOOK} rerun after `-p {E_PARAM}=...` changed"),
        ("e_ref", f"bare `papermill` on notebook {E_NOTEBOOK} with the same change"),
        ("f", "site build alone (Sphinx + MyST-NB)"),
        ("g", "`make test`"),
        ("h", f"floor: sum of (kernel start + own cell time) / {cores} cores"),
    ]
    out = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`benchmarks/run.py`); every figure below is from the same run.",
        "",
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {cpu_model()}, {cores} cores, {platform.system()} {platform.release()}",
        f"- load average at start / end: {res['load'][0][0]:.1f} / {res['load'][1][0]:.1f}",
        "- versions: " + ", ".join(f"{k} {val}" for k, val in v.items()),
        f"- notebooks: {len(NOTEBOOKS)}; repetitions: {runs} (make test: {len(t['g'])})",
        "",
        "| item | what | median s | min s | max s | runs |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for key, what in rows:
        if key == "h":
            out.append(f"| h | {what} | {med['h']:.2f} | | | derived |")
        elif t.get(key):
            vals = t[key]
            out.append(
                f"| {key} | {what} | {med[key]:.2f} | {min(vals):.2f} | {max(vals):.2f} | "
                f"{len(vals)} |"
            )
        else:
            out.append(f"| {key} | {what} | not measured | | | 0 |")
    out += ["", "## Targets", "", "| target | wanted | measured | met |", "|---|---|---:|---|"]
    wanted = {"a/b": "<= 0.35", "a/h": "<= 1.3", "d": "< 0.5 s", "e/e_ref": "<= 0.8", "g": "< 60 s"}
    for key, value in ratios.items():
        out.append(f"| {key} | {wanted[key]} | {value:.2f} | {'yes' if met[key] else 'no'} |")
    out += [
        "",
        "## Components (measured in the same run)",
        "",
        f"- kernel start (python3, to the first reply): median {kernel:.2f} s",
        f"- `import papermill` in a fresh process: {res['papermill_import']['plain']:.2f} s; with "
        f"the runner's lean imports (jsonschema's unused IRI checker skipped): "
        f"{res['papermill_import']['lean']:.2f} s",
        "- own cell time per notebook (papermill's cell durations, median): "
        + ", ".join(f"{k[:2]} {s:.1f} s" for k, s in own.items()),
        f"- the runner's own time per notebook in a (kernel start, cells, figure files, output "
        f"written; summed over notebooks, from its manifest): {med['a_work']:.1f} s, against "
        f"{sum(per_nb.values()):.1f} s of kernel start + cell time under papermill in b",
        f"- the same cold build with ordinary kernels (`KARABAKH_ZYGOTE=0`, each kernel a new "
        f"Python that imports ipykernel, pandas, matplotlib and the library itself): "
        f"{med['a_plain']:.2f} s, so forking the kernels from the zygote saves "
        f"{med['a_plain'] - med['a']:.2f} s of a; a/b would be {med['a_plain'] / med['b']:.2f} "
        f"and a/h {med['a_plain'] / med['h']:.2f} without it. h counts those imports in the "
        "notebooks' cell time (papermill's kernels are ordinary), so a can fall below h",
        f"- the same cold build writing PNG figure files only (`KARABAKH_FIGURE_FORMATS=png`): "
        f"{med['a_png']:.2f} s, so the SVG files cost {med['a'] - med['a_png']:.2f} s of a; "
        f"a/b would be {med['a_png'] / med['b']:.2f} and a/h {med['a_png'] / med['h']:.2f} "
        "without them",
        f"- longest notebook incl. kernel start: {longest:.2f} s; with {cores} cores no schedule "
        f"can finish before max(h, longest) = {schedule_floor:.2f} s",
        f"- site pages byte-identical over two builds from the same run: "
        f"{'yes' if res['site_deterministic'] else 'no'}",
        "",
        "## Where a target is missed, why",
        "",
    ]
    gaps = []
    if not met["a/b"]:
        floor_ratio = med["h"] / med["b"]
        why = (
            f"the floor itself gives h/b = {floor_ratio:.2f}, so no runner can meet it here"
            if floor_ratio > TARGETS["a/b"]
            else f"the floor gives h/b = {floor_ratio:.2f}, so the gap is the runner's overhead "
            f"over h (next item): its notebooks took {med['a_work']:.1f} s of worker time against "
            f"{sum(per_nb.values()):.1f} s of kernel start + cells under papermill; the figure "
            f"files account for {med['a'] - med['a_png']:.2f} s of a (SVG; the PNG files reuse "
            "the bytes the notebook shows), the rest is each worker's papermill and nbclient "
            "work per notebook and two kernels sharing the cores with the machine's other load. "
            "A run that needs no vector files can set KARABAKH_FIGURE_FORMATS=png"
        )
        gaps.append(f"- a/b = {ratios['a/b']:.2f}: {why}.")
    if not met["a/h"]:
        gaps.append(
            f"- a/h = {ratios['a/h']:.2f}: a - h = {med['a'] - med['h']:.2f} s. Of this, the "
            f"schedule floor max(h, longest) - h = {schedule_floor - med['h']:.2f} s (one notebook "
            f"is longer than the average share of a core); the rest is the command's start, the "
            f"data validation of a cold cache and the workers' imports "
            f"({res['papermill_import']['lean']:.2f} s, paid once per worker)."
        )
    if not met["d"]:
        gaps.append(
            f"- d = {med['d']:.2f} s: a no-op hashes every data and library file per notebook "
            "and starts Python; see the import time of `karabakh.pipeline.runner`."
        )
    if not met["e/e_ref"]:
        gaps.append(
            f"- e/e_ref = {ratios['e/e_ref']:.2f}: e runs in the command's own process (no pool): "
            f"its saving over the bare command is the lean papermill import "
            f"({res['papermill_import']['plain'] - res['papermill_import']['lean']:.2f} s); the "
            f"kernel start ({kernel:.2f} s) and the notebook's cells "
            f"({own.get(NOTEBOOKS[0].stem, 0):.2f} s) are the same in both."
        )
    if "g" in met and not met["g"]:
        cpu = med.get("g_cpu", float("nan"))
        gaps.append(
            f"- g = {med['g']:.1f} s: `make test` used {cpu:.0f} s of CPU (user + system, all its "
            f"processes), so on {cores} cores no schedule finishes before {cpu / cores:.0f} s; "
            "the work is mostly notebook executions (nbval's seven ordinary kernels, the "
            "notebook, preset, runner and reliability tests), three Sphinx builds (browser test, "
            "its determinism check, the CLI test) and the browser crawl. Closing it would take "
            "fewer executions (tests sharing runs) or a faster machine; the slowest tests of the "
            "last `make test` were:\n\n"
            + "\n".join(f"      {line}" for line in res["slowest_tests"].splitlines())
        )
    out += gaps or ["Every target is met."]
    if res.get("test_failures"):
        out += ["", "`make test` failed in the frozen copy (its times are kept above):", ""]
        out += [f"- {line}" for line in res["test_failures"]]
    out += [
        "",
        "The machine is shared: other work running at the same time slows every item; the load "
        "average above says how busy it was.",
        "",
    ]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of a-f (at least 5)")
    parser.add_argument("--test-runs", type=int, default=5, help="repetitions of make test")
    parser.add_argument("--skip-test", action="store_true", help="leave out g (make test)")
    parser.add_argument("--notebooks", nargs="*", help="only these numbers (a quick check only)")
    args = parser.parse_args()
    if args.notebooks:
        NOTEBOOKS[:] = [p for p in NOTEBOOKS if p.stem[:2] in args.notebooks]
        SELECT[:] = args.notebooks
    res = measure(args.runs, args.test_runs, args.skip_test)
    text = report(res, args.runs)
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
