"""Validate the data package once per change of it, before any kernel starts."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..paths import LIB
from .atomic import write_atomic

STAMP = ".data-validated"  # in build/: the digest of the last data package that passed


def digest(data: Path) -> str:
    """Hash of every file in `data` and of the loader that validates them."""
    h = hashlib.sha256()
    for file in sorted(Path(data).rglob("*")):
        if file.is_file():
            h.update(str(file.relative_to(data)).encode() + b"\0" + file.read_bytes())
    h.update((LIB / "evidence" / "package.py").read_bytes())
    return h.hexdigest()


def validate_once(data: Path, build: Path) -> None:
    """Raise DataError (file, row, column) if `data` is invalid; remember a pass in build/."""
    stamp = Path(build) / STAMP
    key = digest(data)
    if stamp.exists() and stamp.read_text(encoding="utf-8").strip() == key:
        return
    from ..evidence.package import validate_package

    validate_package(Path(data))
    write_atomic(stamp, key + "\n")
