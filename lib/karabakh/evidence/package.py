"""Load the evidence base in `data/` as typed pandas DataFrames, validated against datapackage.json.

The descriptor `data/datapackage.json` is a standard Frictionless data package (`frictionless
validate` accepts it) and the single source of truth for every table's columns, types, keys and
foreign keys. Two checks the standard lacks are custom properties that this loader enforces:
`karabakh:itemPattern` on a list field (every item must match) and `karabakh:listForeignKeys` on a
schema (every item of a list column must be a key of the referenced table). The loader honours
every constraint it meets and refuses one it does not know. Every problem raises `DataError`
naming file, row and column. Notebooks do not call this module: they take a snapshot
(`karabakh.evidence.at`).
"""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path

import pandas as pd

from ..errors import DataError
from ..paths import DATA

DESCRIPTOR = "datapackage.json"
ITEM_PATTERN = "karabakh:itemPattern"  # custom: every item of a list field matches this pattern
LIST_FKS = "karabakh:listForeignKeys"  # custom: foreign keys whose field is a list column
KNOWN_CONSTRAINTS = {
    "required",
    "unique",
    "enum",
    "pattern",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def descriptor(data_dir: Path = DATA) -> dict:
    """The parsed `datapackage.json` of `data_dir`."""
    path = Path(data_dir) / DESCRIPTOR
    if not path.exists():
        raise DataError(f"{path}: the data package descriptor is missing")
    return _read_json(str(path), path.stat().st_mtime_ns)


@cache
def _read_json(path: str, _mtime: int) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def resource(name: str, data_dir: Path = DATA) -> dict:
    """The descriptor entry of table `name`; DataError listing the known tables otherwise."""
    resources = {r["name"]: r for r in descriptor(data_dir)["resources"]}
    if name not in resources:
        raise DataError(f"no table named {name!r}; known tables: {', '.join(sorted(resources))}")
    return resources[name]


def table_names(data_dir: Path = DATA) -> list[str]:
    return [r["name"] for r in descriptor(data_dir)["resources"]]


LOADS = {"validated": 0}  # how often a CSV was read and validated (for the architecture note)


def load(name: str, data_dir: Path = DATA) -> pd.DataFrame:
    """Table `name`, typed and validated against the descriptor (a copy; all rows)."""
    return _load_checked(name, Path(data_dir)).reset_index(drop=True)


def validate_package(data_dir: Path = DATA) -> dict[str, pd.DataFrame]:
    """Load and validate every table (types, keys, foreign keys); return them by name."""
    return {name: _load_checked(name, Path(data_dir)) for name in table_names(data_dir)}


def _load_checked(name: str, data_dir: Path) -> pd.DataFrame:
    """A validated copy of table `name`, cached until any file of the package changes."""
    stamp = tuple(
        sorted(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size)
            for p in Path(data_dir).iterdir()
            if p.is_file()
        )
    )
    return _cached(name, str(data_dir), stamp).copy()


@cache
def _cached(name: str, data_dir: str, _stamp: tuple) -> pd.DataFrame:
    return _validated(name, Path(data_dir))


def _validated(name: str, data_dir: Path) -> pd.DataFrame:
    LOADS["validated"] += 1
    res = resource(name, data_dir)
    path = data_dir / res["path"]
    if not path.exists():
        raise DataError(f"{res['path']}: file missing (table {name!r} in {DESCRIPTOR})")
    fields = res["schema"]["fields"]
    raw = _read_csv(res["path"], path, [f["name"] for f in fields])
    _check_columns(res["path"], raw, fields)
    frame = pd.DataFrame(index=raw.index)
    for field in fields:
        frame[field["name"]] = _typed(res["path"], raw[field["name"]], field)
    for field in fields:
        if field.get("constraints", {}).get("unique"):
            _check_primary_key(res["path"], frame, field["name"])
    _check_primary_key(res["path"], frame, res["schema"].get("primaryKey"))
    for fk in res["schema"].get("foreignKeys", []) + res["schema"].get(LIST_FKS, []):
        _check_foreign_key(res["path"], frame, fk, data_dir, name)
    return frame


def _read_csv(file: str, path: Path, expected: list[str]) -> pd.DataFrame:
    """The CSV as text cells; DataError for an empty file, a BOM, CR LF line ends or non-UTF-8."""
    data = path.read_bytes()
    first = expected[0] if expected else "?"
    if not data.strip():
        raise DataError(f"{file}, line 1, column {first!r}: the file is empty; expected a header")
    if data.startswith(b"\xef\xbb\xbf"):
        raise DataError(
            f"{file}, line 1, column {first!r}: the file starts with a byte-order mark (BOM); "
            "save it as UTF-8 without BOM"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raw = pd.read_csv(
            io.StringIO(data.decode("utf-8", errors="replace")), dtype=str, keep_default_na=False
        )
        bad = raw.apply(lambda col: col.str.contains("\ufffd", regex=False))
        column = next((c for c in raw.columns if bad[c].any()), first)
        row = int(bad[column].idxmax()) if bad[column].any() else line - 2
        raise DataError(
            f"{_where(file, row, column)}: byte {data[exc.start]:#04x} is not UTF-8 (line {line}); "
            "save the file as UTF-8"
        ) from None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        last = expected[-1] if expected else "?"
        where = _where(file, line - 2, last) if line > 1 else f"{file}, line 1, column {last!r}"
        raise DataError(
            f"{where}: the line ends with CR LF (Windows); save the file with LF line ends"
        )
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    if raw.empty:
        raise DataError(f"{file}, row 1 (line 2), column {first!r}: the table has no rows")
    return raw


def _check_columns(file: str, raw: pd.DataFrame, fields: list[dict]) -> None:
    expected = [f["name"] for f in fields]
    missing = [c for c in expected if c not in raw.columns]
    if missing:
        raise DataError(f"{file}: column {missing[0]!r} is missing; expected columns: {expected}")
    extra = [c for c in raw.columns if c not in expected]
    if extra:
        raise DataError(f"{file}: column {extra[0]!r} is not in the schema; expected: {expected}")


def _where(file: str, row: int, column: str) -> str:
    # row counts data rows from 1; the CSV line adds the header
    return f"{file}, row {row + 1} (line {row + 2}), column {column!r}"


def _typed(file: str, values: pd.Series, field: dict) -> pd.Series:
    name, kind = field["name"], field.get("type", "string")
    cons = dict(field.get("constraints", {}))
    unknown = sorted(set(cons) - KNOWN_CONSTRAINTS)
    if unknown:
        raise DataError(
            f"{DESCRIPTOR}: field {name!r} of {file} has constraint {unknown[0]!r}, which this "
            f"loader does not enforce; known: {', '.join(sorted(KNOWN_CONSTRAINTS))}"
        )
    if kind == "list" and "pattern" in cons:
        raise DataError(
            f"{DESCRIPTOR}: list field {name!r} of {file} has 'pattern', which the standard does "
            f"not allow on lists; write it as {ITEM_PATTERN!r}"
        )
    if ITEM_PATTERN in field:
        cons["pattern"] = field[ITEM_PATTERN]
    out = []
    for row, text in values.items():
        text = text.strip()
        if text == "":
            if cons.get("required"):
                raise DataError(f"{_where(file, row, name)}: a value is required")
            out.append(None)
            continue
        out.append(_parse(file, row, name, kind, text, field))
    series = pd.Series(out, index=values.index, name=name, dtype=object)
    for row, value in series.items():
        if value is not None:
            _check_constraints(file, row, name, value, cons)
    return _as_dtype(series, kind)


def _parse(file: str, row: int, name: str, kind: str, text: str, field: dict):
    where = _where(file, row, name)
    if kind == "string":
        return text
    if kind == "date":
        if not _DATE.match(text):
            raise DataError(f"{where}: {text!r} is not a date; write YYYY-MM-DD")
        try:
            return pd.Timestamp(text)
        except ValueError:
            raise DataError(f"{where}: {text!r} is not a calendar date") from None
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise DataError(f"{where}: {text!r} is not an integer")
        return int(text)
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            raise DataError(f"{where}: {text!r} is not a number") from None
    if kind == "boolean":
        if text not in ("true", "false"):
            raise DataError(f"{where}: {text!r} is not a boolean; write true or false")
        return text == "true"
    if kind == "list":
        items = [part.strip() for part in text.split(field.get("delimiter", ";"))]
        if any(item == "" for item in items):
            raise DataError(f"{where}: {text!r} has an empty item")
        return items
    raise DataError(f"{DESCRIPTOR}: field {name!r} has unknown type {kind!r}")


def _check_constraints(file: str, row: int, name: str, value, cons: dict) -> None:
    items = value if isinstance(value, list) else [value]
    if isinstance(value, list | str):
        size = len(value)
        if "minLength" in cons and size < cons["minLength"]:
            raise DataError(
                f"{_where(file, row, name)}: length {size} is below {cons['minLength']}"
            )
        if "maxLength" in cons and size > cons["maxLength"]:
            raise DataError(
                f"{_where(file, row, name)}: length {size} is above {cons['maxLength']}"
            )
    for item in items:
        problem = None
        if "enum" in cons and item not in cons["enum"]:
            problem = f"{item!r} is not allowed; allowed: {cons['enum']}"
        elif "pattern" in cons and not re.fullmatch(cons["pattern"], str(item)):
            problem = f"{item!r} does not match {cons['pattern']}"
        elif "minimum" in cons and item < cons["minimum"]:
            problem = f"{item!r} is below the minimum {cons['minimum']}"
        elif "maximum" in cons and item > cons["maximum"]:
            problem = f"{item!r} is above the maximum {cons['maximum']}"
        if problem:
            raise DataError(f"{_where(file, row, name)}: {problem}")


def _as_dtype(series: pd.Series, kind: str) -> pd.Series:
    if kind == "date":
        return pd.to_datetime(series)
    if kind == "integer":
        return series.astype("Int64")
    if kind == "number":
        return series.astype("float64")
    if kind == "boolean":
        return series.astype("boolean")
    if kind == "string":
        return series.astype("string")
    return series


def _check_primary_key(file: str, frame: pd.DataFrame, key) -> None:
    if not key:
        return
    cols = [key] if isinstance(key, str) else list(key)
    dup = frame.duplicated(subset=cols, keep="first")
    if dup.any():
        row = int(dup.idxmax())
        value = ", ".join(str(frame.at[row, c]) for c in cols)
        raise DataError(f"{_where(file, row, cols[0])}: duplicate key {value!r}")


def _check_foreign_key(file: str, frame: pd.DataFrame, fk: dict, data_dir: Path, name: str):
    field = fk["fields"]
    target = fk["reference"]["resource"] or name
    target_field = fk["reference"]["fields"]
    if target == name:
        known = set(frame[target_field].dropna())
    else:
        known = set(_load_checked(target, data_dir)[target_field].dropna())
    for row, value in frame[field].items():
        if value is None or value is pd.NA:
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if item not in known:
                raise DataError(
                    f"{_where(file, row, field)}: {item!r} is not a {target_field} in {target}.csv"
                )
