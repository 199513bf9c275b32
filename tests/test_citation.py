"""Citing and licences: CITATION.cff in step with the package version, licences present."""

import datetime as dt
import re
import tomllib

import yaml

from karabakh import __version__
from karabakh.paths import ROOT


def test_citation_cff_version_matches_the_package_and_the_readme():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert str(cff["version"]) == project["version"] == __version__
    assert isinstance(cff["date-released"], dt.date)
    readme = (ROOT / "README.md").read_text()
    cite = readme[readme.index("## How to cite") :]
    assert re.search(rf"\(version {re.escape(__version__)}\)", cite)


def test_code_and_data_licences_are_stated_and_consistent():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT" and "MIT" in cff["license"]
    assert "CC-BY-4.0" in cff["license"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "CC BY 4.0" in (ROOT / "DATA-LICENSE.md").read_text()


def test_readme_opens_with_the_two_commands_then_the_findings():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block
    headings = re.findall(r"^## (.+)$", readme, re.M)
    assert headings[0] == "Findings"
    assert readme.index("make test") < readme.index("<!-- findings")
