"""Every bad parameter or argument is refused through the command line: exit 2 and one line.

The table runs `karabakh.pipeline.cli.main` in this process (no kernel ever starts for a refused
command); two subprocess tests check the installed entry point and `--verbose`.
"""

import datetime as dt
import subprocess
import sys

import pytest

from karabakh.paths import NOTEBOOKS, ROOT
from karabakh.pipeline import notebooks as nbs
from karabakh.pipeline.cli import main
from karabakh.pipeline.runner import plan

TODAY = dt.date.today()
TOMORROW = (TODAY + dt.timedelta(days=1)).isoformat()

# (arguments after `karabakh`, fragments the one line must contain)
CASES = {
    "wrong type": (["run", "01", "-p", "term_years=abc"], ["term_years='abc'", "an integer"]),
    "float for int": (["run", "01", "-p", "term_years=2.5"], ["term_years=2.5", "an integer"]),
    "below range": (["run", "01", "-p", "term_years=0"], ["term_years=0", "from 1 to 20"]),
    "above range": (["run", "01", "-p", "term_years=21"], ["term_years=21", "from 1 to 20"]),
    "number below": (["run", "01", "-p", "about_pct=-0.1"], ["about_pct=-0.1", "0.0 to 50.0"]),
    "unknown name": (["run", "01", "-p", "asof=2024-06-30"], ["unknown parameter 'asof'", "as_of"]),
    "malformed date": (["run", "01", "-p", "as_of=2024-6-30"], ["as_of='2024-6-30'", "YYYY-MM-DD"]),
    "word for date": (["run", "01", "-p", "as_of=yesterday"], ["as_of='yesterday'", "YYYY-MM-DD"]),
    "impossible date": (["run", "01", "-p", "as_of=2023-02-30"], ["as_of='2023-02-30'"]),
    "before 2020-11-10": (["run", "01", "-p", "as_of=2020-11-09"], ["from 2020-11-10"]),
    "after today": (["run", "01", "-p", f"as_of={TOMORROW}"], [f"today ({TODAY})"]),
    "repeated -p": (
        ["run", "01", "-p", "term_years=3", "-p", "term_years=4"],
        ["-p term_years is given twice"],
    ),
    "no equals sign": (["run", "01", "-p", "term_years"], ["write -p name=value"]),
    "unknown preset": (["run", "--preset", "tomorrow"], ["no preset 'tomorrow'", "article"]),
    "unknown notebook": (["run", "99"], ["no notebook matches '99'", "01_settlement"]),
    "jobs 0": (["run", "01", "--jobs", "0"], ["--jobs 0", "1 or more"]),
    "jobs not a number": (["run", "01", "--jobs", "two"], ["--jobs", "invalid int value"]),
    "name leaves build/": (["run", "01", "--name", "../../elsewhere"], ["--name", "inside build/"]),
    "absolute name": (["run", "01", "--name", "/tmp/elsewhere"], ["--name", "inside build/"]),
    "hidden name": (["run", "01", "--name", ".partial"], ["--name", "inside build/"]),
    "unknown option": (["run", "--bogus"], ["unrecognized arguments: --bogus"]),
    "no command": ([], ["required: command"]),
    "code as int": (
        ["run", "01", "-p", "term_years=__import__('os').system('touch PWNED')"],
        ["term_years=\"__import__('os').system('touch PWNED')\"", "an integer"],
    ),
    "expression": (["run", "01", "-p", "term_years=1+1"], ["term_years='1+1'", "an integer"]),
    "yaml python tag": (
        ["run", "01", "-p", "term_years=!!python/object/apply:os.system ['touch PWNED']"],
        ["term_years=", "an integer"],
    ),
    "yaml list": (["run", "01", "-p", "term_years=[1, 2]"], ["term_years='[1, 2]'"]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_refused_in_one_line_with_exit_2(case, capsys, tmp_path, monkeypatch):
    argv, fragments = CASES[case]
    monkeypatch.chdir(tmp_path)  # a value run as code would leave PWNED here
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("karabakh: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in captured.err and captured.out == ""
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("text", ["unclosed: 'quote\n", "as_of: 1\n\tterm_years: 2\n", "- 1\n"])
def test_a_broken_preset_file_is_one_line(text, tmp_path, capsys):
    preset = tmp_path / "broken.yaml"
    preset.write_text(text, encoding="utf-8")
    assert main(["run", "--preset", str(preset)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("karabakh: error: broken.yaml")


def test_outcome_before_as_of_is_refused():
    from karabakh.errors import ParameterError
    from karabakh.pipeline.params import check

    with pytest.raises(ParameterError, match="outcome_as_of='2024-01-01' is before as_of"):
        check(as_of="2024-06-30", outcome_as_of="2024-01-01")
    assert check(as_of="2024-06-30", outcome_as_of="2024-06-30").outcome_as_of == dt.date(
        2024, 6, 30
    )


@pytest.mark.skipif(
    not list(NOTEBOOKS.glob("07_*.ipynb")), reason="notebook 07 (outcome_as_of) not written yet"
)
def test_outcome_before_as_of_through_the_command_line(capsys):
    argv = ["run", "-p", "as_of=2024-06-30", "-p", "outcome_as_of=2024-01-01"]
    assert main(argv) == 2
    assert "is before as_of" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "low", "high"), [("term_years", 1, 20), ("notice_months", 0, 24)])
def test_exact_bounds_are_accepted(name, low, high):
    paths = nbs.select(["01"])
    for value in (low, high):
        assert plan(paths, {name: value})[paths[0]] == {name: value}


def test_earliest_and_today_are_accepted():
    paths = nbs.select(["01"])
    for day in ("2020-11-10", TODAY.isoformat()):
        assert plan(paths, {"as_of": day})[paths[0]] == {"as_of": day}


def _karabakh(*args):
    return subprocess.run(
        [sys.executable, "-m", "karabakh", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_entry_point_one_line_and_traceback_only_with_verbose():
    quiet = _karabakh("run", "01", "--name", "../../elsewhere")
    assert quiet.returncode == 2 and quiet.stdout == ""
    assert quiet.stderr.count("\n") == 1 and "Traceback" not in quiet.stderr
    loud = _karabakh("run", "01", "--name", "../../elsewhere", "--verbose")
    assert loud.returncode == 2
    assert "Traceback (most recent call last)" in loud.stderr
    assert loud.stderr.strip().splitlines()[-1] == quiet.stderr.strip()
    assert not (ROOT.parent / "elsewhere").exists()
