"""Worker processes for the runner: imports paid once per worker, kernels talking over IPC.

A pool worker imports papermill and nbclient once, in its initializer, and then runs any number of
notebooks. Kernels listen on Unix sockets in a private folder instead of TCP ports, so ipykernel has
no reason to warn about unencrypted TCP, and nothing listens on the network.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from multiprocessing import get_context


def lean_imports() -> None:
    """Skip jsonschema's optional IRI checker (`rfc3987_syntax`, about 1 s to import).

    nbformat's notebook schema has no `format` keyword, so the checker is never used; blocking its
    import (only if nothing imported it yet) changes no validation result.
    """
    sys.modules.setdefault("rfc3987_syntax", None)


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
def ipc_kernel_manager() -> type:
    """An AsyncKernelManager whose kernels use IPC (Unix sockets) in a private temporary folder."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class IPCKernelManager(AsyncKernelManager):
        """Kernel sockets are files `<private folder>/kernel-<n>-<port>`, not TCP ports."""

        count = 0

        @default("transport")
        def _transport_default(self) -> str:
            return "ipc"

        @default("ip")
        def _ip_default(self) -> str:
            IPCKernelManager.count += 1
            return os.path.join(_socket_dir(), f"kernel-{IPCKernelManager.count}")

    return IPCKernelManager


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
    """Cancel queued notebooks and terminate the workers (their kernels exit with them)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)
