"""The site as a reader meets it, in a real headless Chromium (Debian's, driven by playwright).

The site is built in a temporary folder from two vantages, both through the command line as a
user would: the stored outputs in notebooks/ (they are the default run's outputs) and notebook 01
executed by `karabakh run 01 -p as_of=<today> --name today --no-html`, then `karabakh site default
today`. Then every page reachable from the home page is opened from disk (file://) with the
network blocked: it must load without console errors, every image must have loaded and carry alt
text, every internal link must resolve, and no request may leave the site. One JPEG screenshot per
page goes to the folder named by KARABAKH_SCREENSHOTS (`make test` sets build/screenshots) or else
to the temporary folder. The tests that read the built files need no browser and always run.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import nbformat
import pytest

from karabakh.evidence.dates import TODAY
from karabakh.paths import NOTEBOOKS
from karabakh.pipeline import notebooks as nbs
from karabakh.pipeline.site import build_site

from .test_runner import _cli

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="needs Debian's chromium (apt-get install chromium); .ci/run installs it",
)


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """build/default holds the stored notebooks; build/today, notebook 01 run by the CLI."""
    build = tmp_path_factory.mktemp("site-build")
    default = build / "default" / "notebooks"
    default.mkdir(parents=True)
    for path in nbs.discover():
        shutil.copy(path, default / path.name)
    proc = _cli("run", "01", "-p", f"as_of={TODAY}", "--name", "today", "--no-html", build=build)
    assert proc.returncode == 0, proc.stderr
    return build, proc


@pytest.fixture(scope="module")
def site(cli_run) -> Path:
    build, _ = cli_run
    proc = _cli("site", "default", "today", build=build)
    assert proc.returncode == 0, proc.stderr
    assert "site: " in proc.stdout
    return build / "default" / "site"


def test_the_cli_run_injects_the_date_and_records_the_run(cli_run):
    build, proc = cli_run
    out = build / "today"
    nb = nbformat.read(out / "notebooks" / "01_settlement_and_mandate.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert f'as_of = "{TODAY}"' in injected[0].source
    assert "ran" in proc.stdout
    results = json.loads((out / "results.json").read_text())
    assert "01_settlement_and_mandate" in results["notebooks"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["notebooks"]["01_settlement_and_mandate"]["status"] == "ran"
    assert not (out / "site").exists()  # --no-html


@pytest.fixture(scope="module")
def browser():  # only the tests marked needs_chromium use it
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _local(url: str, root: Path) -> Path | None:
    """The file a file:// URL points to, or None for any other scheme."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


@functools.cache
def _ids(path: Path) -> frozenset[str]:
    """The element ids of an HTML file (the anchors a link's #fragment may name)."""
    return frozenset(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))


def crawl(site: Path, browser, shots: Path) -> dict:
    """Open every page reachable from index.html; collect what a reader would stumble on."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def block(route):  # anything over the network: recorded and never sent
        outside.append(route.request.url)
        route.abort()

    def watch(request):  # local files outside the site (seen, not intercepted: no round trip)
        target = _local(request.url, site)
        if target is not None and not target.is_relative_to(site):
            outside.append(request.url)

    # Only requests for another scheme than file:, data: or blob: are intercepted: routing every
    # request through Python cost a round trip for each of the ~640 files the pages load.
    context.route(re.compile(r"^(?!file:|data:|blob:)"), block)
    context.on("request", watch)
    todo, seen = [site / "search.html", site / "index.html"], set()
    report = {"errors": [], "images": [], "links": [], "titles": {}, "pages": []}
    # one tab visits every page in turn (a new tab per page cost 0.15 s); `problems` is emptied
    # before each visit, so each page's console errors are its own
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("requestfailed", lambda req: problems.append(f"failed: {req.url}"))
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        problems.clear()
        page.goto(path.as_uri(), wait_until="load")
        name = str(path.relative_to(site))
        report["pages"].append(name)
        report["titles"][name] = page.title()
        report["errors"] += [f"{name}: {p}" for p in problems]
        for img in page.eval_on_selector_all(
            "img",
            "els => els.map(e => ({src: e.currentSrc || e.src, w: e.naturalWidth,"
            " alt: e.getAttribute('alt') || '', shown: e.offsetParent !== null}))",
        ):
            if img["w"] == 0 or not img["alt"].strip():
                report["images"].append(f"{name}: {img}")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            target = _local(href, site)
            if target is None:
                continue  # a source's address: a link out, never requested by the page itself
            file_url, fragment = urldefrag(href)
            target = _local(file_url, site)
            if not target.is_relative_to(site) or not target.is_file():
                report["links"].append(f"{name} -> {href}")
                continue
            if fragment and target.suffix == ".html" and fragment not in _ids(target):
                report["links"].append(f"{name} -> {href} (no such anchor)")
            if target.suffix == ".html" and "_static" not in target.parts:
                todo.append(target)
        shot = shots / _shot_name(name)
        page.screenshot(path=str(shot), full_page=False, type="jpeg", quality=85)
    page.close()
    context.close()
    report["outside"] = outside
    return report


def _shot_name(page: str) -> str:
    """The screenshot's file name for a page of the site (JPEG: a third of PNG's encoding time)."""
    return page.replace("/", "__") + ".jpg"


@pytest.fixture(scope="module")
def report(site, browser, tmp_path_factory) -> dict:
    shots = Path(os.environ.get("KARABAKH_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    shots.mkdir(parents=True, exist_ok=True)
    for old in [*shots.glob("*.png"), *shots.glob("*.jpg")]:  # only this crawl's shots stay
        old.unlink()
    return {**crawl(site, browser, shots), "shots": shots}


@needs_chromium
def test_every_page_loads_without_errors_and_nothing_leaves_the_site(report):
    assert report["errors"] == []
    assert report["outside"] == []


@needs_chromium
def test_every_image_loaded_and_has_alt_text(report):
    assert report["images"] == []


@needs_chromium
def test_every_internal_link_resolves(report):
    assert report["links"] == []


@needs_chromium
def test_every_notebook_has_a_page_at_both_vantages_titled_as_the_notebook(report):
    pages = set(report["pages"])
    for path in nbs.discover():
        title = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0].lstrip("# ")
        assert f"default/{path.stem}.html" in pages
        assert report["titles"][f"default/{path.stem}.html"].startswith(title)
    assert "today/01_settlement_and_mandate.html" in pages
    for name in ("claims.html", "bibliography.html", "data/README.html", "search.html"):
        assert name in pages, name


@needs_chromium
def test_one_screenshot_per_page(report):
    shots = sorted(p.name for p in report["shots"].iterdir())
    assert shots == sorted(_shot_name(page) for page in report["pages"])
    assert all((report["shots"] / s).read_bytes()[:3] == b"\xff\xd8\xff" for s in shots)


def test_reader_pages_hide_code_and_fingerprints_and_link_the_other_vantage(site):
    page = (site / "default" / "01_settlement_and_mandate.html").read_text(encoding="utf-8")
    assert "figure fingerprint" not in page
    assert "crc=" not in page
    assert 'href="../today/01_settlement_and_mandate.html"' in page
    assert "tag_hide-input" in page  # code cells folded behind a toggle
    assert "1960.0" not in page and "<th>0</th>" not in page  # integers, no index column
    today = (site / "today" / "01_settlement_and_mandate.html").read_text(encoding="utf-8")
    assert 'href="../default/01_settlement_and_mandate.html"' in today
    stored = (NOTEBOOKS / "01_settlement_and_mandate.ipynb").read_text(encoding="utf-8")
    assert "figure fingerprint" in stored  # nbval's reference keeps them


@needs_chromium
def test_search_finds_a_section(site, browser):
    page = browser.new_page()
    page.goto((site / "search.html").as_uri() + "?q=mandate", wait_until="load")
    page.wait_for_selector("ul.search li", timeout=10_000)
    found = page.eval_on_selector_all("ul.search li a", "els => els.map(e => e.href)")
    page.close()
    assert any("01_settlement_and_mandate.html" in href for href in found)


def test_home_page_shows_every_section_with_a_figure_and_links_both_vantages(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    for path in nbs.discover():
        assert f'href="default/{path.stem}.html"' in home
        shown = nbformat.read(path, as_version=4)
        if any("image/png" in o.get("data", {}) for c in shown.cells for o in c.get("outputs", [])):
            assert f"{path.stem}.png" in home, path.stem
    assert 'href="today/01_settlement_and_mandate.html"' in home
    assert "evidence up to 2026-11-27" in home


def test_a_second_build_from_the_same_runs_gives_the_same_bytes(site, cli_run):
    """Deterministic pages: rebuild (here, in this process) from the same executed runs that the
    CLI built the site from, and compare every file."""
    again = build_site(
        [cli_run[0] / "default", cli_run[0] / "today"],
        out=cli_run[0] / "site-again",
        echo=lambda s: None,
    )

    def tree(root: Path) -> dict[str, str]:
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"
        }

    first, second = tree(site), tree(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
