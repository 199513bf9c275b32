"""pytest plugin: nbval's kernels are forked from this process's kernel zygote.

`make test` loads it (`-p karabakh.pipeline.nbval_kernels` in pyproject.toml). nbval then checks
the stored outputs with kernels started the way `karabakh run` and `karabakh refresh` start them
(`workers.zygote`): the same outputs, without importing pandas, matplotlib and the library once
per notebook. With `KARABAKH_ZYGOTE=0` (or when the zygote cannot start) its kernels are ordinary
processes. That forked and ordinary kernels give byte-identical notebooks is tested on its own
(tests/test_reliability.py), and the JupyterLab test runs a notebook with an ordinary kernel
against the stored outputs.
"""

from __future__ import annotations


def _kernel_manager(**kwargs):
    from . import workers

    return workers.ipc_kernel_manager(workers.zygote(), blocking=True)(**kwargs)


def pytest_configure(config) -> None:
    if not config.getoption("nbval", default=False):
        return
    import nbval.kernel

    nbval.kernel.KernelManager = _kernel_manager
