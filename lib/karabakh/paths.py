"""Where the project's parts live, resolved from this file so that any working directory works."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
PARAMS = ROOT / "params"
# KARABAKH_BUILD moves run folders elsewhere (tests use a temporary folder).
BUILD = Path(os.environ.get("KARABAKH_BUILD", ROOT / "build"))
LIB = Path(__file__).resolve().parent  # lib/karabakh (wherever the package is copied)
