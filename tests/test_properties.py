"""Property tests: any input is accepted (and round-trips) or refused with our own error.

`params.check` and the command-line parser of `-p` either accept a value or raise ParameterError;
the data loader either loads a small hand-made package or raises DataError. No other exception.
"""

import csv
import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karabakh.errors import DataError, ParameterError
from karabakh.evidence.package import load
from karabakh.pipeline.params import SPECS, check
from karabakh.pipeline.presets import parse_assignment

FAST = settings(
    max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.dates().map(dt.date.isoformat),
    st.lists(st.integers(), max_size=3),
)


def _as_input(value):
    """What a user would pass to get `value` back: dates as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value


@FAST
@given(name=st.sampled_from(sorted(SPECS)), value=values)
def test_check_accepts_and_round_trips_or_raises_parameter_error(name, value):
    try:
        out = getattr(check(**{name: value}), name)
    except ParameterError as exc:
        assert "\n" not in str(exc) and name in str(exc)
        return
    assert getattr(check(**{name: _as_input(out)}), name) == out


@FAST
@given(name=st.sampled_from(sorted(SPECS)), raw=st.text(max_size=30))
def test_any_command_line_text_is_accepted_or_refused(name, raw):
    try:
        key, value = parse_assignment(f"{name}={raw}")
        check(**{key: value})
    except ParameterError:
        pass


FIELDS = [
    {"name": "id", "type": "string", "constraints": {"required": True, "pattern": "[a-z]+"}},
    {"name": "day", "type": "date"},
    {"name": "count", "type": "integer", "constraints": {"minimum": 0}},
    {"name": "share", "type": "number"},
    {"name": "flag", "type": "boolean"},
    {"name": "refs", "type": "list", "delimiter": ";", "karabakh:itemPattern": "[a-z]+"},
]


def _package(folder: Path, rows: list[list[str]]) -> None:
    schema = {
        "fields": FIELDS,
        "primaryKey": "id",
        "karabakh:listForeignKeys": [
            {"fields": "refs", "reference": {"resource": "", "fields": "id"}}
        ],
    }
    desc = {"name": "t", "resources": [{"name": "items", "path": "items.csv", "schema": schema}]}
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    with open(folder / "items.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([f["name"] for f in FIELDS])
        writer.writerows(rows)


cells = st.one_of(
    st.sampled_from(["", "a", "b", "2024-02-29", "2023-02-29", "7", "-1", "0.5", "true", "a;b"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=8),
)


@FAST
@given(rows=st.lists(st.lists(cells, min_size=6, max_size=6), min_size=1, max_size=4))
def test_loader_loads_or_raises_data_error(rows):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _package(folder, rows)
        try:
            frame = load("items", data_dir=folder)
        except DataError as exc:
            assert "items.csv" in str(exc) or "datapackage.json" in str(exc)
            return
        assert len(frame) == len(rows)
        assert list(frame["id"]) == [r[0].strip() for r in rows]
        assert all(set(refs or []) <= set(frame["id"]) for refs in frame["refs"])
