"""Where the project's parts live, resolved from this file so that any working directory works."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
PARAMS = ROOT / "params"
BUILD = ROOT / "build"
LIB = ROOT / "lib" / "karabakh"
