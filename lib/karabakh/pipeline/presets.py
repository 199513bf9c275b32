"""Parameter presets (params/NAME.yaml) and `-p name=value` assignments from the command line.

Values are read as YAML scalars (numbers, booleans, text) and never evaluated as code; dates stay
ISO text so that `params.check` decides whether they are valid.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from ..errors import KarabakhError, ParameterError
from ..paths import PARAMS


def names(folder: Path = PARAMS) -> list[str]:
    """The presets in `folder`, by name."""
    return sorted(p.stem for p in Path(folder).glob("*.yaml"))


def load_preset(name: str, folder: Path = PARAMS) -> dict:
    """Parameters of preset `name` (params/NAME.yaml or a path to a .yaml file), no description."""
    path = Path(name) if name.endswith((".yaml", ".yml")) else Path(folder) / f"{name}.yaml"
    if not path.is_file():
        raise KarabakhError(f"no preset {name!r}; presets: {', '.join(names(folder))}")
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise KarabakhError(
            f"{path.name}{where}: {problem}; a preset is YAML name: value"
        ) from None
    if not isinstance(values, dict):
        raise KarabakhError(f"{path.name}: a preset is a mapping of parameter: value")
    return {k: _plain(v) for k, v in values.items() if k != "description"}


def description(name: str, folder: Path = PARAMS) -> str:
    """The `description` of preset `name`, or ''."""
    values = yaml.safe_load((Path(folder) / f"{name}.yaml").read_text(encoding="utf-8")) or {}
    return str(values.get("description", "")).strip()


def _plain(value):
    """YAML reads 2024-06-30 as a date; notebooks take dates as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value


def parse_assignment(text: str) -> tuple[str, object]:
    """`name=value` from the command line; the value is read as a YAML scalar."""
    if "=" not in text:
        raise ParameterError(f"-p {text!r}: write -p name=value")
    name, raw = text.split("=", 1)
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except (yaml.YAMLError, ValueError):  # e.g. 2024-13-45 fails inside the date parser
        value = raw
    if not isinstance(value, str | int | float | bool):
        value = raw  # dates and anything else stay text; params.check decides
    return name.strip(), value


def assignments(texts: list[str]) -> dict:
    """Several `-p` assignments; a name given twice is an error, not a silent override."""
    out: dict = {}
    for text in texts:
        name, value = parse_assignment(text)
        if name in out:
            raise ParameterError(f"-p {name} is given twice; give each parameter once")
        out[name] = value
    return out
