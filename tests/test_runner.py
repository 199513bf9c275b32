"""The runner: selection, parameter errors, failures, caching, atomic outputs, the CLI."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from karabakh.errors import KarabakhError, ParameterError
from karabakh.paths import ROOT
from karabakh.pipeline import notebooks as nbs
from karabakh.pipeline.presets import parse_assignment
from karabakh.pipeline.refresh import clean
from karabakh.pipeline.runner import plan, run

from .conftest import scratch_notebook


def _notebook(path: Path, body: str, params: str = "x = 1") -> Path:
    return scratch_notebook(path, body, params=params)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "nbs"
    d.mkdir()
    _notebook(d / "01_ok.ipynb", "import os\nprint(x * 2, os.path.basename(os.getcwd()))")
    _notebook(d / "02_fails.ipynb", "raise ValueError('broken on purpose')")
    return d


def test_select_by_number_and_name(folder):
    assert [p.name for p in nbs.select(["1"], folder)] == ["01_ok.ipynb"]
    assert [p.name for p in nbs.select(["02_fails"], folder)] == ["02_fails.ipynb"]
    assert len(nbs.select([], folder)) == 2
    with pytest.raises(KarabakhError, match="no notebook matches '7'"):
        nbs.select(["7"], folder)


def test_parse_assignment_reads_yaml_scalars_and_keeps_dates_as_text():
    assert parse_assignment("term_years=3") == ("term_years", 3)
    assert parse_assignment("as_of=2024-06-30") == ("as_of", "2024-06-30")
    with pytest.raises(ParameterError):
        parse_assignment("term_years")


def test_unknown_parameter_lists_valid_names():
    paths = nbs.select(["01"])
    with pytest.raises(ParameterError) as err:
        plan(paths, {"asof": "2024-01-01"})
    assert "unknown parameter 'asof'" in str(err.value)
    assert "as_of" in str(err.value) and "term_years" in str(err.value)


def test_failure_is_reported_kept_and_the_others_still_run(folder, tmp_path):
    out_dir, results = run(
        None,
        {},
        jobs=2,
        name="t",
        build=tmp_path / "build",
        html=False,
        echo=lambda s: None,
        folder=folder,
    )
    by_name = {r.notebook: r for r in results}
    assert by_name["01_ok"].status == "ran"
    failed = by_name["02_fails"]
    assert failed.status == "failed"
    assert "cell 2" in failed.error and "ValueError: broken on purpose" in failed.error
    kept = nbformat.read(failed.output, as_version=4)
    errors = [
        o
        for c in kept.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert errors and errors[0]["ename"] == "ValueError"  # kept for reading
    ok = nbformat.read(by_name["01_ok"].output, as_version=4)
    assert ok.cells[1].outputs[0]["text"] == "2 nbs\n"  # kernel cwd is the notebooks folder
    assert not list((out_dir / "notebooks").glob(".tmp-*"))  # no partial files left


def test_unchanged_inputs_are_cached_and_new_parameters_rerun(folder, tmp_path):
    kw = dict(build=tmp_path / "build", html=False, echo=lambda s: None, folder=folder)
    run(["1"], {}, name="c", **kw)
    _, again = run(["1"], {}, name="c", **kw)
    assert again[0].status == "cached"
    _, forced = run(["1"], {}, name="c", force=True, **kw)
    assert forced[0].status == "ran"


def test_clean_removes_volatile_metadata():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"duration": 1.0}
    cell = nbformat.v4.new_code_cell("1")
    cell.metadata.update({"papermill": {"duration": 1}, "execution": {"x": 1}, "tags": ["t"]})
    nb.cells = [cell]
    cleaned = clean(nb)
    assert "papermill" not in cleaned.metadata
    assert cleaned.cells[0].metadata == {"tags": ["t"]}


def _cli(*args, cwd=ROOT, build=None):
    env = {**os.environ, "KARABAKH_BUILD": str(build)} if build else None
    return subprocess.run(
        [sys.executable, "-m", "karabakh", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize(
    "assignment",
    ["as_of=2024-13-45", "as_of=yesterday", "term_years=abc", "term_years=99", "asof=2024-06-30"],
)
def test_cli_bad_parameter_is_one_line_and_exit_2(assignment, tmp_path):
    proc = _cli("run", "01", "-p", assignment, "--name", "should-not-exist", build=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("karabakh: error:")
    assert assignment.split("=")[0] in lines[0]
    assert not (tmp_path / "should-not-exist").exists()


def test_a_run_builds_its_own_site_unless_told_not_to(folder, tmp_path, monkeypatch):
    """`karabakh run` (html on by default) builds a site from the run it made, once: a cached
    rerun builds none, nor does `--no-html`. The site itself, built by `karabakh site` from the
    CLI's own runs, is tested in tests/test_site_browser.py."""
    from karabakh.pipeline import site

    built = []
    monkeypatch.setattr(site, "build_site", lambda runs, **kw: built.append(list(runs)))
    kw = dict(build=tmp_path / "build", echo=lambda s: None, folder=folder)
    out, _ = run(["1"], {}, name="h", **kw)
    assert built == [[out]] and (out / ".site-built").exists()
    run(["1"], {}, name="h", **kw)
    assert built == [[out]]
    run(["1"], {}, name="h", html=False, force=True, **kw)
    assert built == [[out]]
    run(["1"], {}, name="h", force=True, **kw)
    assert built == [[out], [out]]


def test_presets_are_valid_and_match_the_library_dates():
    from karabakh.evidence.dates import ARTICLE_AS_OF, TODAY
    from karabakh.pipeline.params import check
    from karabakh.pipeline.presets import load_preset

    assert load_preset("article")["as_of"] == ARTICLE_AS_OF
    assert load_preset("today")["as_of"] == TODAY
    for path in (ROOT / "params").glob("*.yaml"):
        plan(nbs.select([]), load_preset(path.stem))  # names known, values allowed
        check(**load_preset(path.stem))
    with pytest.raises(KarabakhError, match="no preset 'tomorrow'; presets: article"):
        load_preset("tomorrow")


def test_the_figure_formats_asked_for_are_part_of_the_cache_key(folder, monkeypatch, tmp_path):
    from karabakh.pipeline.runner import input_key

    nb = next(folder.glob("01_*.ipynb"))
    data, lib = tmp_path / "d", tmp_path / "l"
    data.mkdir(), lib.mkdir()
    (data / "t.csv").write_text("a\n1\n")
    monkeypatch.delenv("KARABAKH_FIGURE_FORMATS", raising=False)
    default = input_key(nb, {}, (data, lib), pins=())
    monkeypatch.setenv("KARABAKH_FIGURE_FORMATS", "png,svg")
    assert input_key(nb, {}, (data, lib), pins=()) == default  # the default, spelled out
    monkeypatch.setenv("KARABAKH_FIGURE_FORMATS", "png")
    assert input_key(nb, {}, (data, lib), pins=()) != default
