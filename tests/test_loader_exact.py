"""The loader on a tiny hand-made package: each type and constraint, exact messages, dtypes."""

import json
from pathlib import Path

import pandas as pd
import pytest

from karabakh.errors import DataError
from karabakh.evidence import package

FIELDS = [
    {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
    {"name": "n", "type": "integer", "constraints": {"minimum": 0, "maximum": 10}},
    {"name": "x", "type": "number", "constraints": {"minimum": -1.5, "maximum": 2.5}},
    {"name": "ok", "type": "boolean"},
    {"name": "day", "type": "date"},
    {
        "name": "tags",
        "type": "list",
        "delimiter": "|",
        "itemType": "string",
        "karabakh:itemPattern": "[a-z]+",
        "constraints": {"minLength": 1, "maxLength": 2},
    },
    {"name": "word", "type": "string", "constraints": {"minLength": 2, "maxLength": 4}},
]
HEADER = "id,n,x,ok,day,tags,word"
GOOD = "a,0,-1.5,true,2024-02-29,x|y,ab"


def _package(tmp_path: Path, *rows: str, fields=None) -> Path:
    desc = {
        "name": "t",
        "resources": [
            {
                "name": "t",
                "path": "t.csv",
                "schema": {"fields": fields or FIELDS, "primaryKey": "id"},
            }
        ],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    (tmp_path / "t.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return tmp_path


def test_a_good_row_is_typed(tmp_path):
    frame = package.load("t", _package(tmp_path, GOOD, "b,10,2.5,false,,z,abcd"))
    assert list(frame["n"]) == [0, 10] and str(frame["n"].dtype) == "Int64"
    assert list(frame["x"]) == [-1.5, 2.5] and str(frame["x"].dtype) == "float64"
    assert list(frame["ok"]) == [True, False] and str(frame["ok"].dtype) == "boolean"
    assert frame.loc[0, "day"] == pd.Timestamp("2024-02-29") and pd.isna(frame.loc[1, "day"])
    assert str(frame["day"].dtype).startswith("datetime64")
    assert list(frame["tags"]) == [["x", "y"], ["z"]]
    assert str(frame["word"].dtype) == "string"
    assert list(frame["id"]) == ["a", "b"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a,-1,0,true,,x,ab", "t.csv, row 1 (line 2), column 'n': -1 is below the minimum 0"),
        ("a,11,0,true,,x,ab", "t.csv, row 1 (line 2), column 'n': 11 is above the maximum 10"),
        ("a,1.0,0,true,,x,ab", "t.csv, row 1 (line 2), column 'n': '1.0' is not an integer"),
        (
            "a,1,-1.6,true,,x,ab",
            "t.csv, row 1 (line 2), column 'x': -1.6 is below the minimum -1.5",
        ),
        ("a,1,2.6,true,,x,ab", "t.csv, row 1 (line 2), column 'x': 2.6 is above the maximum 2.5"),
        ("a,1,one,true,,x,ab", "t.csv, row 1 (line 2), column 'x': 'one' is not a number"),
        (
            "a,1,0,yes,,x,ab",
            "t.csv, row 1 (line 2), column 'ok': 'yes' is not a boolean; write true or false",
        ),
        (
            "a,1,0,true,2023-02-29,x,ab",
            "t.csv, row 1 (line 2), column 'day': '2023-02-29' is not a calendar date",
        ),
        (
            "a,1,0,true,29.02.2024,x,ab",
            "t.csv, row 1 (line 2), column 'day': '29.02.2024' is not a date; write YYYY-MM-DD",
        ),
        ("a,1,0,true,,x||y,ab", "t.csv, row 1 (line 2), column 'tags': 'x||y' has an empty item"),
        ("a,1,0,true,,x|Y,ab", "t.csv, row 1 (line 2), column 'tags': 'Y' does not match [a-z]+"),
        ("a,1,0,true,,x|y|z,ab", "t.csv, row 1 (line 2), column 'tags': length 3 is above 2"),
        ("a,1,0,true,,,ab", None),
        ("a,1,0,true,,x,b", "t.csv, row 1 (line 2), column 'word': length 1 is below 2"),
        ("a,1,0,true,,x,abcde", "t.csv, row 1 (line 2), column 'word': length 5 is above 4"),
        (",1,0,true,,x,ab", "t.csv, row 1 (line 2), column 'id': a value is required"),
    ],
)
def test_each_bad_cell_has_its_message(tmp_path, row, message):
    pkg = _package(tmp_path, GOOD.replace("a,", "z,", 1), row)
    if message is None:
        assert package.load("t", pkg).loc[1, "tags"] is None
        return
    message = message.replace("row 1 (line 2)", "row 2 (line 3)")
    with pytest.raises(DataError) as err:
        package.load("t", pkg)
    assert str(err.value) == message


def test_duplicates_and_unknown_types(tmp_path):
    with pytest.raises(DataError) as err:
        package.load("t", _package(tmp_path, GOOD, GOOD))
    assert str(err.value) == "t.csv, row 2 (line 3), column 'id': duplicate key 'a'"
    odd = [dict(f) for f in FIELDS]
    odd[1] = {"name": "n", "type": "duration"}
    with pytest.raises(DataError) as err:
        package.load("t", _package(tmp_path, GOOD, fields=odd))
    assert str(err.value) == "datapackage.json: field 'n' has unknown type 'duration'"


def test_missing_and_extra_columns(tmp_path):
    pkg = _package(tmp_path, GOOD)
    (pkg / "t.csv").write_text("id,n,x,ok,day,tags\na,1,0,true,,x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^t.csv: column 'word' is missing; expected columns: "):
        package.load("t", pkg)
    (pkg / "t.csv").write_text(HEADER + ",more\n" + GOOD + ",1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^t.csv: column 'more' is not in the schema"):
        package.load("t", pkg)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "t.csv, line 1, column 'id': the file is empty; expected a header"),
        (
            b"\xef\xbb\xbf" + HEADER.encode() + b"\n" + GOOD.encode() + b"\n",
            "t.csv, line 1, column 'id': the file starts with a byte-order mark (BOM); save it as "
            "UTF-8 without BOM",
        ),
        (HEADER.encode() + b"\n", "t.csv, row 1 (line 2), column 'id': the table has no rows"),
    ],
)
def test_file_level_faults(tmp_path, content, message):
    pkg = _package(tmp_path, GOOD)
    (pkg / "t.csv").write_bytes(content)
    with pytest.raises(DataError) as err:
        package.load("t", pkg)
    assert str(err.value) == message


def test_lone_range_ends_and_pairs_in_words():
    from karabakh.evidence import spread

    obs = pd.DataFrame(
        {
            "quantity": ["q"] * 4,
            "source_id": ["a", "a", "b", "c"],
            "ref_date": pd.to_datetime(["2023-10-01"] * 4),
            "value": [1000.0, 1200.0, 900.0, 50.0],
            "qualifier": ["range_low", "range_high", "range_low", "range_high"],
        }
    )
    spans = spread.intervals(obs)
    assert spans[["source_id", "figure", "low_open", "high_open"]].values.tolist() == [
        ["a", "1,000 to 1,200", False, False],
        ["b", "from 900", False, True],
        ["c", "up to 50", False, False],
    ]
    missing_date = obs.assign(ref_date=pd.NaT)
    assert len(spread.intervals(missing_date)) == 3  # rows without a reference date are kept
