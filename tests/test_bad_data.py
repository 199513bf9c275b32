"""Bad data files: each fault names file, row and column, and a run stops before any kernel."""

import nbformat
import pytest

from karabakh.errors import DataError
from karabakh.evidence.package import load
from karabakh.pipeline.runner import run

from .conftest import rewrite


def _header_and_rows(path):
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    return header, rest


def test_extra_column(data_copy):
    path = data_copy / "elections.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",comment"] + [x + "," for x in lines[1:]]) + "\n")
    with pytest.raises(DataError, match=r"elections.csv: column 'comment' is not in the schema"):
        load("elections", data_dir=data_copy)


def test_header_only_table(data_copy):
    path = data_copy / "elections.csv"
    header, _ = _header_and_rows(path)
    path.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"elections.csv, row 1 \(line 2\), .*has no rows"):
        load("elections", data_dir=data_copy)


def test_empty_file(data_copy):
    (data_copy / "elections.csv").write_bytes(b"")
    with pytest.raises(DataError, match=r"elections.csv, line 1, column '\w+': the file is empty"):
        load("elections", data_dir=data_copy)


def test_wrong_encoding(data_copy):
    path = data_copy / "places.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b",", b"\xe9,", 1)  # a Latin-1 e-acute ending the first cell
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(
        DataError,
        match=r"places.csv, row 3 \(line 4\), column 'place_id': byte 0xe9 is not UTF-8",
    ):
        load("places", data_dir=data_copy)


def test_byte_order_mark(data_copy):
    path = data_copy / "places.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with pytest.raises(DataError, match=r"places.csv, line 1, column '\w+': .*byte-order mark"):
        load("places", data_dir=data_copy)


def test_windows_line_ends(data_copy):
    path = data_copy / "places.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] += b"\r"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(DataError, match=r"places.csv, row 2 \(line 3\), column .*CR LF"):
        load("places", data_dir=data_copy)


def test_a_run_stops_before_any_kernel_when_the_data_are_bad(data_copy, tmp_path):
    rewrite(data_copy / "observations.csv", ",exact,", ",roughly,")
    folder = tmp_path / "nbs"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.metadata["tags"] = ["parameters"]
    marker = tmp_path / "kernel-ran"
    nb.cells = [cell, nbformat.v4.new_code_cell(f"open({str(marker)!r}, 'w').close()")]
    nbformat.write(nb, folder / "01_marker.ipynb")
    build = tmp_path / "build"
    with pytest.raises(DataError, match=r"observations.csv, row \d+ .*'qualifier': 'roughly'"):
        run(None, {}, name="t", build=build, folder=folder, data=data_copy, echo=lambda s: None)
    assert not marker.exists()
    assert not (build / "t").exists()
    assert not list(build.glob(".t.partial-*"))
