"""Execute notebooks with papermill's Python API: in parallel, cached, written atomically.

`run()` is the one entry point. The kernel's working directory is `notebooks/`, as under nbval, so
both produce the same outputs. Nothing here writes into `notebooks/`; see `karabakh.refresh`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from concurrent.futures import as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import Interrupted, KarabakhError, ParameterError
from ..paths import BUILD, DATA, LIB, NOTEBOOKS, ROOT
from . import notebooks as nbs
from . import params as _params
from .atomic import stage_folder, swap_in, write_atomic
from .presets import load_preset

KERNEL = "python3"
# figures.style.FIGURES_ENV, spelled out so that the runner does not import matplotlib (1.4 s)
FIGURES_ENV = "KARABAKH_FIGURES_DIR"
# figures.style.FORMATS_ENV and its default, figures.style.FORMATS joined (spelled out likewise)
FORMATS_ENV = "KARABAKH_FIGURE_FORMATS"
DEFAULT_FORMATS = "png,svg"


@dataclass
class Result:
    notebook: str
    status: str  # ran | cached | failed
    seconds: float
    output: str
    error: str = ""


def plan(paths: list[Path], given: dict) -> dict[Path, dict]:
    """Per notebook, the given parameters it declares; unknown names and bad values raise."""
    declared = {p: nbs.parameters(p) for p in paths}
    for name in given:
        if not any(name in d for d in declared.values()):
            listing = "; ".join(f"{p.stem}: {', '.join(d)}" for p, d in declared.items())
            raise ParameterError(f"unknown parameter {name!r}; valid names are {listing}")
    _params.check(**given)
    return {p: {k: v for k, v in given.items() if k in declared[p]} for p in paths}


PINS = (ROOT / "requirements.txt", ROOT / "constraints.txt")


def input_key(
    path: Path, parameters: dict, folders: tuple[Path, ...] = (DATA, LIB), pins=PINS
) -> str:
    """Hash of everything a notebook's outputs depend on.

    The notebook file, its parameters, every file under `folders` (the data package and the
    library: every notebook reads the whole snapshot, so each depends on all of `data/`), the
    pinned package versions and the figure formats asked for (KARABAKH_FIGURE_FORMATS). A change
    of one notebook or of its parameters changes only its key.
    """
    digest = hashlib.sha256()
    digest.update(Path(path).read_bytes())
    digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    for folder in folders:
        for file in sorted(Path(folder).rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(folder)).encode())
                digest.update(file.read_bytes())
    for pin in pins:
        digest.update(Path(pin).read_bytes())
    # the figure files a run writes (figures.style.formats)
    digest.update(os.environ.get(FORMATS_ENV, DEFAULT_FORMATS).encode())
    return digest.hexdigest()


def run_name(preset: str | None, given: dict) -> str:
    if not given:
        return "default"
    if preset and given == load_preset(preset):
        return Path(preset).stem
    tag = hashlib.sha256(json.dumps(given, sort_keys=True, default=str).encode()).hexdigest()
    return f"custom-{tag[:8]}"


def run(
    selectors: list[str] | None = None,
    given: dict | None = None,
    jobs: int | None = None,
    name: str | None = None,
    force: bool = False,
    build: Path = BUILD,
    preset: str | None = None,
    html: bool = True,
    echo=print,
    folder: Path = NOTEBOOKS,
    inputs: tuple[Path, ...] = (DATA, LIB),
    data: Path | None = DATA,
) -> tuple[Path, list[Result]]:
    """Execute the selected notebooks into build/<name>/; return the run folder and results.

    `folder` holds the notebooks and is the kernel's working directory (tests use their own).
    The data package in `data` is validated before any kernel starts. The run is staged in a copy
    of build/<name>/ that replaces it only when every notebook has finished, so an interrupted run
    leaves the previous one as it was.
    """
    given = dict(given or {})
    paths = nbs.select(list(selectors or []), Path(folder))
    per_nb = plan(paths, given)
    out_dir = run_folder(Path(build), name or run_name(preset, given))
    manifest_path = out_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    records = manifest.get("notebooks", {})

    todo, results = [], []
    stage = None
    for path in paths:
        key = input_key(path, per_nb[path], inputs)
        out = out_dir / "notebooks" / path.name
        old = records.get(path.stem, {})
        if not force and old.get("key") == key and old.get("status") == "ran" and out.exists():
            results.append(Result(path.stem, "cached", 0.0, str(out)))
        else:
            todo.append((path, out, per_nb[path], key, Path(folder)))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    pool = zygote = None
    if todo:
        from . import workers

        # The kernel zygote and the workers import while this process checks data and environment.
        zygote = workers.zygote()
        pool = workers.pool(jobs, prewarm=True) if jobs > 1 else None
        try:
            if data is not None:
                check_data(Path(data), Path(build))
            workers.check_environment(KERNEL)
        except BaseException:
            if pool is not None:
                workers.stop(pool)
            raise
        stage = stage_folder(out_dir)
        (stage / "notebooks").mkdir(exist_ok=True)
        todo = [(p, stage / "notebooks" / o.name, *rest) for p, o, *rest in todo]
        # longest first (by the last run's time), so that no worker is left with a long tail
        todo.sort(key=lambda item: -records.get(item[0].stem, {}).get("seconds", 0.0))

    total = len(paths)
    for done, r in enumerate(results, 1):
        echo(f"[{done}/{total}] {r.notebook:<40} cached")
    keys = {item[0].stem: item[3] for item in todo}
    try:
        for res in _execute_all(todo, pool, zygote):
            res.output = str(out_dir / "notebooks" / Path(res.output).name)
            results.append(res)
            line = f"[{len(results)}/{total}] {res.notebook:<40} {res.status:<6} "
            echo(line + f"{res.seconds:6.1f} s" + (f"  {res.error}" if res.error else ""))
            records[res.notebook] = {**asdict(res), "key": keys[res.notebook]}
            manifest = {"parameters": given, "notebooks": records}
            write_atomic(
                stage / "manifest.json",
                json.dumps(manifest, indent=1, sort_keys=True, default=str) + "\n",
            )
    except KeyboardInterrupt:
        shutil.rmtree(stage, ignore_errors=True)
        raise Interrupted(f"interrupted; {out_dir} is left as it was before this run") from None
    if stage is not None:
        swap_in(stage, out_dir)
    if todo or not (out_dir / "results.json").exists():  # a no-op run rewrites nothing
        from .results import write_results

        write_results(out_dir)
    if html and (todo or not (out_dir / ".site-built").exists()):  # a no-op run skips the site
        from .site import build_site

        build_site([out_dir])
        (out_dir / ".site-built").touch()
    order = {p.stem: i for i, p in enumerate(paths)}
    return out_dir, sorted(results, key=lambda r: order[r.notebook])


def run_folder(build: Path, name: str) -> Path:
    """build/<name>, refusing a name that would leave `build` or hide the folder."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}", name or ""):
        raise KarabakhError(
            f"--name {name!r}: give a plain folder name (letters, digits, - and _) inside build/"
        )
    return Path(build) / name


def check_data(data: Path, build: Path) -> None:
    """Validate the data package once per change of it (DataError names file, row, column)."""
    from .datacheck import validate_once

    validate_once(data, build)


def _execute_all(todo: list, pool=None, zygote: str | None = None):
    """Results of `execute_one` for each item, in this process or on `pool`, as they finish."""
    from . import workers

    if pool is None:
        workers.lean_imports()
        for item in todo:
            yield execute_one(*item[:3], cwd=item[4], zygote=zygote)
        return
    try:
        futures = [pool.submit(execute_one, *item[:3], cwd=item[4], zygote=zygote) for item in todo]
        for fut in as_completed(futures):
            yield fut.result()
    except BaseException:  # Ctrl-C or a worker lost: stop the others now, not after their notebook
        workers.stop(pool)
        raise
    pool.shutdown(wait=True)


def execute_one(
    path: Path, out: Path, parameters: dict, cwd: Path = NOTEBOOKS, zygote: str | None = None
) -> Result:
    """Run one notebook with papermill into `out` (atomically); a failed notebook is kept.

    `zygote`: socket of a kernel zygote to fork the kernel from (`workers.zygote`), or None.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .stable import stabilize_file
    from .workers import ipc_kernel_manager

    tmp = out.with_name(f".tmp-{os.getpid()}-{out.name}")
    start = time.perf_counter()
    # style.finish() saves each named figure as PNG and SVG in build/<run>/figures/<notebook>/.
    saved_env = os.environ.get(FIGURES_ENV)
    os.environ[FIGURES_ENV] = str(out.parent.parent / "figures" / path.stem)
    try:
        papermill.execute_notebook(
            str(path),
            str(tmp),
            parameters=parameters or None,
            kernel_name=KERNEL,
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            shutdown_kernel="immediate",
            kernel_manager_class=ipc_kernel_manager(zygote),
        )
        stabilize_file(tmp, path.name)
    except PapermillExecutionError as exc:
        if tmp.exists():
            os.replace(tmp, out)
        first = (exc.evalue or "").strip().splitlines()[:1]
        msg = f"cell {exc.cell_index + 1} (In [{exc.exec_count}]): {exc.ename}: {''.join(first)}"
        return Result(path.stem, "failed", time.perf_counter() - start, str(out), msg)
    except Exception as exc:  # kernel died, bad notebook file, ...
        tmp.unlink(missing_ok=True)
        first = (str(exc).strip().splitlines() or [""])[0]
        return Result(
            path.stem,
            "failed",
            time.perf_counter() - start,
            str(out),
            f"{type(exc).__name__}: {first}",
        )
    finally:
        if saved_env is None:
            os.environ.pop(FIGURES_ENV, None)
        else:
            os.environ[FIGURES_ENV] = saved_env
    os.replace(tmp, out)
    return Result(path.stem, "ran", time.perf_counter() - start, str(out))
