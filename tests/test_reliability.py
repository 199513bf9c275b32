"""Reliability: byte-identical reruns, offline runs, quiet logs, nothing lost, environment faults.

Kept cheap: notebook 01 runs twice (once in this process with an ordinary kernel,
KARABAKH_ZYGOTE=0, and once in a subprocess with the network cut, its kernel forked from the
runner's zygote), and the kill tests use a scratch notebook that sleeps.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest

from karabakh.errors import KarabakhError
from karabakh.paths import DATA, NOTEBOOKS, ROOT
from karabakh.pipeline import runner, workers
from karabakh.pipeline.refresh import clean, refresh, uncommitted

from .conftest import scratch_notebook

NB01 = "01_settlement_and_mandate"
UNSHARE = shutil.which("unshare")


def _tree(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `folder`."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }


def _offline_ok() -> bool:
    if not UNSHARE:
        return False
    return subprocess.run([UNSHARE, "-n", "true"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """Notebook 01 run twice from a cold cache: here (ordinary kernel), and in a subprocess without
    network (forked kernel); equal bytes also show that the zygote changes nothing."""
    build = tmp_path_factory.mktemp("build")
    data_before = _tree(DATA)
    saved = os.environ.get("KARABAKH_ZYGOTE")
    os.environ["KARABAKH_ZYGOTE"] = "0"  # this run: an ordinary kernel
    try:
        first, _ = runner.run(
            ["01"], {}, name="first", build=build, html=False, echo=lambda s: None
        )
    finally:
        if saved is None:
            del os.environ["KARABAKH_ZYGOTE"]
        else:
            os.environ["KARABAKH_ZYGOTE"] = saved
    cmd = [sys.executable, "-m", "karabakh", "run", "01", "--name", "second", "--no-html"]
    offline = _offline_ok()
    if offline:
        cmd = [UNSHARE, "-n", *cmd]
    env = {**os.environ, "KARABAKH_BUILD": str(build)}  # the second: forked from a zygote
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return first, build / "second", proc, offline, data_before


def test_two_runs_give_byte_identical_notebooks_and_figures(two_runs):
    first, second, proc, _, _ = two_runs
    assert proc.returncode == 0, proc.stderr
    a, b = _tree(first / "notebooks"), _tree(second / "notebooks")
    assert a == b and a
    figs = _tree(first / "figures")  # notebook 01 names both its figures, so both are saved
    assert figs == _tree(second / "figures")
    assert sorted(figs) == [
        f"01_settlement_and_mandate/{name}.{ext}"
        for name in ("mandate-clock", "strength-by-source")
        for ext in ("png", "svg")
    ]


def test_refresh_of_an_unchanged_project_leaves_the_stored_notebook_as_it_is(two_runs):
    first = two_runs[0]
    nb = clean(nbformat.read(first / "notebooks" / f"{NB01}.ipynb", as_version=4))
    stored = (NOTEBOOKS / f"{NB01}.ipynb").read_text(encoding="utf-8")
    assert nbformat.writes(nb) + "\n" == stored


def test_runs_offline_and_the_log_is_quiet(two_runs):
    _, _, proc, offline, _ = two_runs
    if not offline:
        pytest.skip("unshare -n is not available here, so the network cannot be cut")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no TCP-without-encryption warning, nothing else either
    assert "ran" in proc.stdout


def test_no_command_writes_into_data(two_runs):
    assert _tree(DATA) == two_runs[4]


def _notebook(path: Path, body: str) -> Path:
    return scratch_notebook(path, body)


SCRIPT = textwrap.dedent(
    """
    import signal
    from pathlib import Path
    from karabakh.pipeline.runner import run
    # a shell starts background jobs with SIGINT ignored (make test in CI may be one); restore
    # what a terminal gives the command, so that Ctrl-C is what this test sends
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if __name__ == "__main__":
        run(None, {{}}, jobs={jobs}, name="r", build=Path({build!r}), html=False,
            folder=Path({folder!r}), data=None, force=True)
    """
)


# SIGINT (Ctrl-C reaches the whole process group) with two workers; SIGKILL of everything with
# one notebook run in the runner's own process.
@pytest.mark.parametrize(
    ("sig", "count"), [(signal.SIGINT, 2), (signal.SIGKILL, 1)], ids=["SIGINT", "SIGKILL"]
)
def test_a_killed_run_leaves_the_previous_run_intact(sig, count, tmp_path):
    folder, build = tmp_path / "nbs", tmp_path / "build"
    folder.mkdir()
    started = [tmp_path / f"started{n}" for n in range(count)]
    for n, marker in enumerate(started):
        body = (
            f"import os, time\nopen({str(marker)!r}, 'w').write(str(os.getpid()))\ntime.sleep(60)"
        )
        _notebook(folder / f"0{n + 1}_slow.ipynb", body)
    previous = build / "r"
    (previous / "notebooks").mkdir(parents=True)
    (previous / "notebooks" / "01_slow.ipynb").write_text("previous output\n")
    (previous / "manifest.json").write_text("{}\n")
    before = _tree(previous)
    (tmp_path / "go.py").write_text(SCRIPT.format(jobs=count, build=str(build), folder=str(folder)))
    # output goes to files, not pipes: a kernel orphaned by the kill may hold a pipe open for a
    # moment after the runner has exited, and the runner's own exit is what is tested here
    log_out, log_err = tmp_path / "out.log", tmp_path / "err.log"
    with log_out.open("w") as out_f, log_err.open("w") as err_f:
        proc = subprocess.Popen(
            [sys.executable, "go.py"],
            cwd=tmp_path,
            start_new_session=True,
            text=True,
            stdout=out_f,
            stderr=err_f,
        )
        deadline = time.monotonic() + 120
        while not all(m.exists() and m.read_text() for m in started):
            assert time.monotonic() < deadline and proc.poll() is None, log_err.read_text()
            time.sleep(0.1)
        os.killpg(proc.pid, sig)
        proc.wait(timeout=60)
    err = log_err.read_text()
    assert _tree(previous) == before
    # no kernel outlives the run (a forked one exits with its zygote, which exits with the runner)
    kernels = [int(m.read_text()) for m in started]
    deadline = time.monotonic() + 20
    while any(_running(pid) for pid in kernels) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in kernels if _running(pid)]
    if sig == signal.SIGINT:
        assert "is left as it was before this run" in err
        assert not list(build.glob(".r.*"))  # the staged copy is removed on the way out
        return
    assert list(build.glob(".r.partial-*"))  # what SIGKILL leaves behind ...
    _notebook(folder / "01_slow.ipynb", "import warnings\nwarnings.warn('a real warning')")
    out, results = runner.run(
        None, {}, name="r", build=build, html=False, folder=folder, data=None, echo=print
    )
    assert [r.status for r in results] == ["ran"]  # ... the next run completes and removes
    assert not list(build.glob(".r.*"))
    nb = nbformat.read(out / "notebooks" / "01_slow.ipynb", as_version=4)
    assert "UserWarning: a real warning" in nb.cells[1].outputs[0]["text"]  # real warnings kept


def _running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_refresh_refuses_to_overwrite_uncommitted_edits(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    path = _notebook(folder / "01_x.ipynb", "print(1)")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "."], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=folder, check=True)
    assert uncommitted([path]) == []
    path.write_text(path.read_text().replace("print(1)", "print(2)"))
    assert uncommitted([path]) == [path]
    with pytest.raises(KarabakhError, match="01_x.ipynb has uncommitted edits .* --force"):
        refresh(["01"], folder=folder, build=tmp_path / "build", echo=lambda s: None)
    assert "print(2)" in path.read_text()  # kept; --force would refresh it


def test_a_missing_package_or_kernel_says_how_to_mend(monkeypatch):
    monkeypatch.setattr(workers, "REQUIRED", ("no_such_package_here",))
    with pytest.raises(
        KarabakhError, match="'no_such_package_here' is missing.*make clean && make run"
    ):
        workers.check_environment("python3")
    monkeypatch.setattr(workers, "REQUIRED", ())
    with pytest.raises(
        KarabakhError, match="no Jupyter kernel named 'nope'.*make clean && make run"
    ):
        workers.check_environment("nope")


def test_a_broken_package_in_the_environment_is_one_line(tmp_path):
    (tmp_path / "papermill").mkdir()
    (tmp_path / "papermill" / "__init__.py").write_text("raise ImportError('broken install')\n")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    proc = subprocess.run(
        [sys.executable, "-m", "karabakh", "run", "01", "--force", "--no-html", "--name", "env"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "make clean && make run" in lines[0], proc.stderr


def test_the_runner_names_the_figures_folder_variable_as_the_style_reads_it():
    from karabakh.figures import style

    assert runner.FIGURES_ENV == style.FIGURES_ENV


def test_the_runner_keys_on_the_figure_formats_as_the_style_reads_them():
    from karabakh.figures import style

    assert runner.FORMATS_ENV == style.FORMATS_ENV
    assert runner.DEFAULT_FORMATS == ",".join(style.FORMATS)


def test_kernels_listen_on_ipc_sockets_not_tcp():
    km = workers.ipc_kernel_manager()(kernel_name="python3")
    assert km.transport == "ipc"  # ipykernel warns only about unencrypted TCP
    assert Path(km.ip).parent.name.startswith("karabakh-kernels-")


FIGURE = """
import sys
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
from karabakh.figures import style
fig, ax = style.new("A test figure")
ax.plot([1, 2, 3], [3, 1, 2], label="a")
ax.bar([1, 2], [2, 1], hatch="//")
ax.legend()
style.save(fig, Path(sys.argv[1]), "test")
"""


def test_figure_files_are_byte_identical_across_processes(tmp_path):
    # notebook 01 names no figure files, so the saving path is checked here: two fresh processes
    procs = [
        subprocess.Popen([sys.executable, "-c", FIGURE, str(tmp_path / n)]) for n in ("one", "two")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert sorted(one) == ["test.png", "test.svg"] and one == two


def test_stream_chunks_are_joined_so_timing_cannot_change_the_bytes():
    from karabakh.pipeline.stable import coalesce_streams, stabilize

    out = nbformat.v4.new_output
    chunks = [
        out("stream", name="stdout", text="figure fingerprint\n  sources: a"),
        out("stream", name="stdout", text="\n"),
        out("stream", name="stderr", text="warning\n"),
        out("display_data", data={"text/plain": "x"}),
        out("stream", name="stdout", text="after\n"),
        out("stream", name="stdout", text=["more", "\n"]),
    ]
    merged = coalesce_streams([dict(c) for c in chunks])
    assert [(o["output_type"], o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "figure fingerprint\n  sources: a\n"),
        ("stream", "stderr", "warning\n"),
        ("display_data", None, None),
        ("stream", "stdout", "after\nmore\n"),
    ]
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1)")
    cell.outputs = [out("stream", name="stdout", text="1"), out("stream", name="stdout", text="\n")]
    nb.cells = [cell]
    assert stabilize(nb).cells[0].outputs[0]["text"] == "1\n"


def test_a_forked_kernel_leads_its_own_group_and_is_the_zygotes_child():
    """The kernel manager signals a kernel's process group: a forked kernel must lead its own,
    never the runner's, and its parent (for ipykernel's parent poll) is the zygote."""
    import asyncio

    from karabakh.pipeline import workers

    path = workers.zygote()
    zygote_pid = workers._ZYGOTES[path][0].pid

    async def session():
        km = workers.ipc_kernel_manager(path)(kernel_name="python3")
        await km.start_kernel(cwd=str(ROOT))
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=120)
            seen = []
            await kc.execute_interactive(
                "import os; print(os.getppid(), os.getpgid(0), os.getpid())",
                output_hook=lambda m: seen.append(m["content"].get("text", "")),
                timeout=60,
            )
            pid = km.provisioner.pid
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)  # SIGKILL to the kernel's group
        return pid, "".join(seen).split()

    pid, (ppid, pgid, own) = asyncio.run(session())
    assert int(own) == pid == int(pgid) != os.getpgrp()
    assert int(ppid) == zygote_pid
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone (and reaped by the zygote); this test process is still here


def _nbval_kernel_parent(monkeypatch) -> int:
    """The parent pid of a kernel that nbval starts with our plugin in place."""
    import nbval.kernel

    from karabakh.pipeline import nbval_kernels

    monkeypatch.setattr(nbval.kernel, "KernelManager", nbval_kernels._kernel_manager)
    kernel = nbval.kernel.RunningKernel("python3", cwd=str(NOTEBOOKS))
    try:
        msg_id = kernel.execute_cell_input("import os; print(os.getppid())", allow_stdin=False)
        text = []
        while True:
            msg = kernel.get_message(stream="iopub", timeout=60)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                text.append(msg["content"]["text"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
    finally:
        kernel.stop()
    return int("".join(text))


def test_nbval_kernels_are_forked_from_the_zygote_unless_it_is_off(monkeypatch):
    """`-p karabakh.pipeline.nbval_kernels` (make test) gives nbval forked kernels;
    KARABAKH_ZYGOTE=0 gives it ordinary ones, children of the test process."""
    path = workers.zygote()
    assert _nbval_kernel_parent(monkeypatch) == workers._ZYGOTES[path][0].pid
    monkeypatch.setenv("KARABAKH_ZYGOTE", "0")
    assert _nbval_kernel_parent(monkeypatch) == os.getpid()


def test_a_changed_library_file_gets_a_new_zygote(monkeypatch):
    """A zygote has imported the library: once a library file changes, the process's next run
    must not fork kernels from it (they would run the old code under the new cache key)."""
    import subprocess as sp

    from karabakh.pipeline import workers

    class FakeZygote:  # stands in for the process; nothing is started
        def __init__(self, *args, **kwargs):
            self.pid, self.returncode = 1, None

        def poll(self):
            return self.returncode

        def terminate(self):
            self.returncode = -15

        kill = terminate

        def wait(self, timeout=None):
            return self.returncode

    monkeypatch.setattr(workers, "_ZYGOTES", {})
    monkeypatch.setattr(sp, "Popen", FakeZygote)
    stamp = [("lib/karabakh/x.py", 10, 1)]
    monkeypatch.setattr(workers, "_library_stamp", lambda: tuple(stamp))
    first = workers.zygote()
    assert workers.zygote() == first  # nothing changed: the same zygote
    old = workers._ZYGOTES[first][0]
    stamp[0] = ("lib/karabakh/x.py", 11, 2)  # a library file edited
    second = workers.zygote()
    assert second != first and old.poll() == -15  # the old zygote is stopped
    assert list(workers._ZYGOTES) == [second]
    workers._ZYGOTES[second][0].terminate()  # it exited: the next call starts another
    assert workers.zygote() not in (first, second)


def test_a_zygote_that_cannot_start_leaves_kernels_to_start_the_usual_way(tmp_path):
    from karabakh.pipeline import workers

    path = str(tmp_path / "zygote")
    (tmp_path / "zygote.failed").write_text("ImportError: no pandas\n")
    with pytest.raises(workers.ZygoteUnavailable):
        workers.ask_zygote(path, {"args": [], "env": {}, "cwd": str(tmp_path)}, timeout=5)
