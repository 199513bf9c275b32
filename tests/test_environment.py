"""environment.yml (conda, Binder) and requirements.txt (pip) must pin the same packages."""

import re

import yaml

from karabakh.paths import ROOT


def pip_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and dep not in ("pip",) and not dep.startswith("python="):
            name, version = re.split(r"=+", dep, maxsplit=1)
            pins[name.lower()] = version
    return pins


def test_every_pip_pin_is_in_environment_yml_with_the_same_version():
    assert pip_pins() == conda_pins()


def test_every_requirement_is_pinned_exactly_in_constraints():
    constraints = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            constraints[name.lower().replace("_", "-")] = version
    for name, version in pip_pins().items():
        assert constraints.get(name) == version, name


def test_environment_yml_uses_python_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]


def test_pytest_runs_with_lean_imports():
    """pyproject's addopts load karabakh.pipeline.lean before nbval imports nbformat."""
    import sys

    assert "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is None


def test_lean_runs_another_modules_command_line(tmp_path):
    """`python -m karabakh.pipeline.lean MODULE ARGS` (how the site runs Sphinx)."""
    import subprocess
    import sys

    data = tmp_path / "x.json"
    data.write_text('{"b": 1, "a": 2}')
    cmd = [sys.executable, "-m", "karabakh.pipeline.lean", "json.tool", "--sort-keys", str(data)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["{", '"a":', "2,", '"b":', "1", "}"]
