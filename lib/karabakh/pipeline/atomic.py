"""Write files and run folders so that readers see the old or the new content, never a mix."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def write_atomic(path: Path, content: str | bytes) -> Path:
    """Write `content` to a temporary file beside `path`, then rename it over `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if isinstance(content, bytes):
        tmp.write_bytes(content)
    else:
        tmp.write_text(content, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stage_folder(final: Path) -> Path:
    """A fresh copy of `final` (if any) beside it, to be filled and then `swap_in`.

    A run killed midway leaves only this copy behind; `final` is untouched. Leftover copies of
    runs that are no longer alive are removed first, and a `final` lost between the two renames of
    an interrupted `swap_in` is restored.
    """
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    for old in final.parent.glob(f".{final.name}.old-*"):
        if not final.exists():
            os.replace(old, final)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for left in final.parent.glob(f".{final.name}.partial-*"):
        pid = left.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)
    stage = final.parent / f".{final.name}.partial-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    if final.exists():
        shutil.copytree(final, stage, symlinks=True)
    else:
        stage.mkdir()
    return stage


def swap_in(stage: Path, final: Path) -> Path:
    """Replace folder `final` by `stage` with two renames; return `final`."""
    stage, final = Path(stage), Path(final)
    old = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        os.replace(final, old)
    os.replace(stage, final)
    shutil.rmtree(old, ignore_errors=True)
    return final
