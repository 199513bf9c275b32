"""Worker processes for the runner: imports paid once per worker, kernels talking over IPC.

A pool worker imports papermill and nbclient once, in its initializer, and then runs any number of
notebooks. Kernels listen on Unix sockets in a private folder instead of TCP ports, so ipykernel has
no reason to warn about unencrypted TCP, and nothing listens on the network.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
import tempfile
import uuid
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from multiprocessing import get_context
from pathlib import Path

from .lean import lean_imports


def warm() -> None:
    """Pool initializer: pay papermill's and nbclient's imports once per worker process."""
    lean_imports()
    import nbclient  # noqa: F401
    import papermill  # noqa: F401
    import papermill.engines  # noqa: F401

    ipc_kernel_manager()


def pool(jobs: int, prewarm: bool = False) -> ProcessPoolExecutor:
    """`jobs` forkserver workers, each warmed by `warm()` before its first notebook.

    With `prewarm`, the workers start (and import) at once instead of at the first submit.
    """
    context = get_context("forkserver")
    context.set_forkserver_preload(["karabakh.pipeline.workers"])
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=warm)
    if prewarm:
        for _ in range(jobs):
            executor.submit(os.getpid)
    return executor


@cache
def _socket_dir() -> str:
    folder = tempfile.mkdtemp(prefix="karabakh-kernels-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def ipc_kernel_manager(zygote: str | None = None, blocking: bool = False) -> type:
    """An AsyncKernelManager whose kernels use IPC (Unix sockets) in a private temporary folder.

    With `zygote` (the socket of a running `zygote`), kernels are forked from it instead of started
    as new processes (`ForkedProvisioner`); a kernel command the zygote cannot serve falls back to
    an ordinary start. `blocking=True` gives the same as a (synchronous) KernelManager, for callers
    such as nbval that use that API.
    """
    from jupyter_client.manager import AsyncKernelManager, KernelManager
    from traitlets import default

    class IPCKernelManager(KernelManager if blocking else AsyncKernelManager):
        """Kernel sockets are files `<private folder>/kernel-<n>-<port>`, not TCP ports."""

        count = 0

        @default("transport")
        def _transport_default(self) -> str:
            return "ipc"

        @default("ip")
        def _ip_default(self) -> str:
            IPCKernelManager.count += 1
            return os.path.join(_socket_dir(), f"kernel-{IPCKernelManager.count}")

        async def _async_pre_start_kernel(self, **kw):
            if zygote is not None and self.provisioner is None:
                self.provisioner = forked_provisioner()(
                    kernel_id=self.kernel_id or kw.get("kernel_id") or str(uuid.uuid4()),
                    kernel_spec=self.kernel_spec,
                    parent=self,
                    zygote=zygote,
                )
                self.kernel_id = self.provisioner.kernel_id
            return await super()._async_pre_start_kernel(**kw)

    return IPCKernelManager


class ForkedProcess:
    """The part of `subprocess.Popen` that jupyter_client uses, for a kernel the zygote forked.

    The kernel is the zygote's child, not ours: the zygote reaps it as soon as it exits, after which
    its pid no longer exists, which is how `poll` sees the exit.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self._signal = 0

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = -self._signal
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                import subprocess

                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is not None:
            return  # gone (its pid may already belong to another process)
        if signum in (signal.SIGKILL, signal.SIGTERM):
            self._signal = signum
        os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


@cache
def forked_provisioner() -> type:
    """A LocalProvisioner that asks a zygote to fork the kernel (see `zygote`)."""
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner
    from traitlets import Unicode

    from . import zygote as zyg

    class ForkedProvisioner(LocalProvisioner):
        zygote = Unicode("")

        async def launch_kernel(self, cmd, **kwargs):
            args = zyg._kernel_args(list(cmd))
            if args is None or not self.zygote:
                return await super().launch_kernel(cmd, **kwargs)
            env = dict(kwargs.get("env") or os.environ)
            cwd = str(kwargs.get("cwd") or os.getcwd())
            try:
                pid = ask_zygote(self.zygote, {"args": args, "env": env, "cwd": cwd})
            except ZygoteUnavailable:
                return await super().launch_kernel(cmd, **kwargs)
            self.process = ForkedProcess(pid)
            self.pid = self.pgid = pid  # the child leads its own group before the zygote replies
            self.cwd = cwd
            return self.connection_info

    return ForkedProvisioner


class ZygoteUnavailable(RuntimeError):
    """The zygote failed or is gone: the kernel is to start the usual way."""


def ask_zygote(path: str, request: dict, timeout: float = 120.0) -> int:
    """Send one fork request to the zygote at `path` (waiting for it to be ready); its pid."""
    import json
    import socket
    import time

    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        proc = _ZYGOTES.get(path, (None,))[0]
        gone = proc.poll() is not None if proc is not None else not _alive(f"{path}.pid")
        if os.path.exists(f"{path}.failed") or gone:
            raise ZygoteUnavailable(f"the kernel zygote at {path} did not start")
        if time.monotonic() > deadline:
            raise ZygoteUnavailable(f"the kernel zygote at {path} did not start in {timeout} s")
        time.sleep(0.01)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(path)
            conn.sendall(json.dumps(request).encode() + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = conn.recv(4096)
                if not chunk:
                    raise ZygoteUnavailable("the kernel zygote closed the connection")
                data += chunk
    except OSError as exc:  # refused: the zygote has gone since it bound the socket
        raise ZygoteUnavailable(f"the kernel zygote at {path}: {exc}") from None
    pid = int(json.loads(data)["pid"])
    if pid <= 1:  # never signal group 0 or init on the zygote's word
        raise ZygoteUnavailable(f"the kernel zygote at {path} answered pid {pid}")
    return pid


def _alive(pid_file: str) -> bool:
    """Whether the process named in `pid_file` runs (True while the file is not written yet)."""
    from .atomic import _alive as running

    try:
        pid = int(open(pid_file, encoding="utf-8").read().strip() or 0)
    except (OSError, ValueError):
        return True
    return pid <= 0 or running(pid)


_ZYGOTES: dict = {}  # socket path -> (process, library stamp at its start)
_STARTED = [0]


def _library_stamp() -> tuple:
    """Name, size and modification time of every file of the library (a cheap change test)."""
    lib = Path(__file__).resolve().parents[1]  # the karabakh package
    stamp = []
    for path in lib.rglob("*.py"):
        try:
            info = path.stat()
        except OSError:  # a broken link (an editor's lock file): not a module
            continue
        stamp.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(sorted(stamp))


def zygote() -> str | None:
    """The socket of this process's kernel zygote, started on first use; None when disabled.

    A zygote that has exited, or that imported library files that have changed since, is replaced.
    """
    import subprocess

    from . import zygote as zyg

    if not zyg.enabled():
        return None
    stamp = _library_stamp()
    for path, (proc, started_with) in list(_ZYGOTES.items()):
        if proc.poll() is None and started_with == stamp and not os.path.exists(f"{path}.failed"):
            return path
        _stop_zygote(proc)
        del _ZYGOTES[path]
    _STARTED[0] += 1
    path = os.path.join(_socket_dir(), f"zygote-{os.getpid()}-{_STARTED[0]}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "karabakh.pipeline.zygote", path], stdin=subprocess.DEVNULL
    )
    _ZYGOTES[path] = (proc, stamp)
    atexit.register(_stop_zygote, proc)
    return path


def _stop_zygote(proc) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except Exception:  # noqa: BLE001 - best effort at exit
            proc.kill()


MEND = "mend the environment with `make clean && make run`"
REQUIRED = ("papermill", "nbclient", "ipykernel", "jupyter_client")


def check_environment(kernel: str) -> None:
    """Refuse to start when a package or the kernel is missing, saying how to mend it."""
    import importlib.util

    from ..errors import KarabakhError

    for name in REQUIRED:
        if importlib.util.find_spec(name) is None:
            raise KarabakhError(f"package {name!r} is missing from the environment; {MEND}")
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        raise KarabakhError(f"no Jupyter kernel named {kernel!r} is installed; {MEND}") from None
    program = spec.argv[0] if spec.argv else ""
    if program not in ("python", "python3") and not shutil.which(program):
        raise KarabakhError(f"kernel {kernel!r} starts {program!r}, which is missing; {MEND}")


def stop(executor: ProcessPoolExecutor) -> None:
    """Cancel queued notebooks and terminate the workers; their kernels exit with the zygote,
    which exits with this process (or at once, for ordinary kernels, with their worker)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)
