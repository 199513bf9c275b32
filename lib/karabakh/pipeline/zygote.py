"""Pre-imported kernels: a zygote process that forks one IPython kernel per notebook.

A kernel started the usual way is a fresh Python that imports ipykernel and IPython, and then, in
the notebook's first cells, pandas, matplotlib and this library: work done before the notebook's
own computation starts, paid again for every notebook (benchmarks/RESULTS.md measures a full build
both ways). The runner instead starts one
zygote per process that runs notebooks. The zygote imports all of that once and then waits on a Unix
socket; for each kernel it forks a child that becomes the kernel (`IPKernelApp`, with the
connection file, working folder and environment the kernel manager asked for). The child inherits
imported modules and the validated tables of data/ (reused only while no data file has changed),
no figure and no kernel state, and it runs the same kernel code as `python -m ipykernel_launcher`.

What differs from a fresh kernel, and why it does not change outputs:
- modules are imported before the notebook's cells run, so an import cell prints nothing it would
  not print anyway (none of these imports writes to stdout or stderr);
- `MPLBACKEND` is set to the inline backend before matplotlib is imported, as ipykernel would;
- every kernel of one zygote has the same hash seed and the same state of numpy's global random
  generator; no notebook uses either (outputs are byte-identical over runs,
  `tests/test_reliability.py`);
- an import-time effect of the library is in force from the kernel's start, not from the
  notebook's import cell: `figures.tables` turns off pandas' truncation of long cells, and every
  notebook imports it in its first code cell, before any output.

The kernel manager side is `ForkedProvisioner` (a jupyter_client `LocalProvisioner` whose process
is the forked child) in `workers.ipc_kernel_manager`. A zygote exits when the process that started
it exits (it watches its parent) and then terminates the kernels it forked. A zygote whose imports
fail writes `<socket>.failed` and exits, and kernels then start the usual way; a process whose
library files change (size or time) gets a new zygote, so a kernel never runs older code than the
runner's cache key names. Set KARABAKH_ZYGOTE=0 to start kernels the usual way.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys

ENV = "KARABAKH_ZYGOTE"


def enabled() -> bool:
    """Whether the runner should use a zygote (KARABAKH_ZYGOTE is not "0")."""
    return os.environ.get(ENV, "1") != "0"


def preload() -> None:
    """Import what every kernel and notebook imports (ipykernel, pandas, matplotlib, the library)
    and load the data package."""
    import importlib
    import pkgutil

    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    _import_pandas_as_a_kernel_would()
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401

    # not matplotlib_inline's backend: on import it hooks into the running shell, which only the
    # kernel has, so it is left for the kernel to import
    import matplotlib.pyplot  # noqa: F401

    import karabakh

    for layer in ("evidence", "analysis", "figures"):
        package = importlib.import_module(f"karabakh.{layer}")
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"karabakh.{layer}.{info.name}")
    importlib.import_module("karabakh.pipeline.params")
    del karabakh
    # The validated tables, cached by every data file's size and time: a kernel reuses them only
    # while no file of data/ has changed, and loads afresh otherwise (also when this fails here).
    from karabakh.evidence import package

    try:
        package.validate_package()
    except Exception:  # noqa: BLE001 - a broken package is reported by the notebook itself
        pass


def _import_pandas_as_a_kernel_would() -> None:
    """Import pandas with the display defaults it chooses inside a Jupyter kernel.

    pandas picks some defaults when it is imported (`display.max_columns` is 0, "fit the
    terminal", outside a kernel and 20 inside one), by asking `get_ipython()` whether it runs in a
    kernel. The zygote is not one yet, so for that import it answers as a kernel would.
    """
    import builtins

    class _Shell:
        kernel = True

    builtins.get_ipython = _Shell  # type: ignore[attr-defined]
    try:
        import pandas  # noqa: F401
    finally:
        del builtins.get_ipython


def _kernel_args(cmd: list[str]) -> list[str] | None:
    """The kernel's own arguments if `cmd` starts an ipykernel on this interpreter, else None."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    if os.path.abspath(cmd[0]) != os.path.abspath(sys.executable):  # this venv's python only
        return None
    return cmd[3:]


def _become_kernel(request: dict, started: int, zygote: int) -> None:
    """In the forked child: take the requested folder and environment and run the kernel.

    `started`: a pipe written once the child leads its own process group, so that the manager,
    which signals the group, can never reach the zygote's (the runner's) group.
    """
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.setsid()  # its own session and process group, as jupyter_client starts kernels
    os.write(started, b"1")
    os.close(started)
    os.chdir(request["cwd"])
    status = 1
    try:
        env = dict(request["env"])
        env["JPY_PARENT_PID"] = str(zygote)  # the kernel exits when the zygote does
        os.environ.clear()
        os.environ.update(env)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        # `python -m ipykernel_launcher` in the kernel's folder puts that folder first on sys.path
        sys.path[0] = os.getcwd()
        # IPKernelApp read JPY_PARENT_PID when the zygote imported it, so the parent is given here
        args = [*request["args"], f"--IPKernelApp.parent_handle={zygote}"]
        sys.argv = ["ipykernel_launcher", *args]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=args)
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - shown on stderr, then the kernel process ends
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _read_line(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def serve(path: str) -> None:
    """Preload, listen on the Unix socket `path`, fork a kernel per request until orphaned."""
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the runner's to handle
    with open(f"{path}.pid", "w", encoding="utf-8") as note:  # lets any client see it has gone
        note.write(f"{os.getpid()}\n")
    try:
        preload()
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        staging = f"{path}.new"
        server.bind(staging)
        server.listen(8)
    except BaseException as exc:  # say so beside the socket: kernels then start the usual way
        with open(f"{path}.failed", "w", encoding="utf-8") as note:
            note.write(f"{type(exc).__name__}: {exc}\n")
        raise SystemExit(1) from None
    children: set[int] = set()

    def reap(*_):
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)

    def leave(*_):
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        os._exit(0)

    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGTERM, leave)
    os.replace(staging, path)  # the socket appears only once the zygote can serve
    me = os.getpid()
    while os.getppid() == parent:
        ready, _, _ = select.select([server], [], [], 0.2)
        if not ready:
            continue
        try:
            conn, _ = server.accept()
        except OSError:
            continue
        with conn:
            try:
                request = json.loads(_read_line(conn))
            except (OSError, ValueError):
                continue  # the client gave up before asking: nothing was forked
            pid = 0
            try:
                started, done = os.pipe()
                # no reaping between fork and bookkeeping, so a quick exit is not missed
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
                try:
                    pid = os.fork()
                    if pid == 0:
                        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
                        server.close()
                        conn.close()
                        os.close(started)
                        _become_kernel(request, done, me)
                    children.add(pid)
                finally:
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
                os.close(done)
                os.read(started, 1)  # the child has its own process group now
                os.close(started)
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
            except OSError:  # fork failed or the client went away: no kernel is left behind
                if pid:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
    leave()


if __name__ == "__main__":  # python -m karabakh.pipeline.zygote SOCKET
    serve(sys.argv[1])
