"""The documentation site: Sphinx + MyST-NB over the notebooks that `karabakh run` executed.

`build_site([run_dir, ...])` writes a Sphinx source tree (staging) with, for every run (a vantage:
the article's date, today, a seminar preset), reader copies of its executed notebooks
(`prepare.for_readers`: code folded, fingerprints hidden, tables tidied, a link to the same notebook
in the other vantages); a home page with each section's computed headline and a figure; a claims
register (verdicts at each vantage's date), a bibliography from sources.csv, the data dictionary
and the teaching guide; and a copy of data/ so that every data link resolves. Sphinx builds it with
the configuration in site/conf.py, MyST-NB's execution off and warnings as errors. Nothing on the
pages requests anything outside the site.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import textwrap
from base64 import b64decode
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from ..errors import KarabakhError
from ..paths import DATA, ROOT
from . import prepare
from .results import gather

CONF_DIR = ROOT / "site"
DOCS = ROOT / "docs"
LABELS = {"default": "The article's vantage", "today": "Today"}


@dataclass(frozen=True)
class Vantage:
    """One run shown on the site: its folder name, reader's label and evidence date."""

    name: str
    label: str
    as_of: str
    notebooks: tuple[Path, ...]

    @property
    def caption(self) -> str:
        return f"{self.label} (evidence up to {self.as_of})"


def vantage_of(run_dir: Path) -> Vantage:
    """The vantage of one run folder: as_of from its notebooks' parameters (injected or default)."""
    run_dir = Path(run_dir)
    paths = tuple(sorted((run_dir / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    dates = set()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        injected = nb.metadata.get("papermill", {}).get("parameters", {}) or {}
        value = injected.get("as_of")
        if value is None:
            from .notebooks import parameters

            value = parameters(path).get("as_of")
        if value is not None:
            dates.add(str(value))
    as_of = ", ".join(sorted(dates)) or "unknown"
    label = LABELS.get(run_dir.name, f"Run {run_dir.name}")
    return Vantage(run_dir.name, label, as_of, paths)


def load_sources(data: Path = DATA) -> dict[str, dict]:
    """sources.csv as {source_id: row}, every value as text."""
    frame = pd.read_csv(data / "sources.csv", dtype=str, keep_default_na=False)
    return {row["source_id"]: row for row in frame.to_dict("records")}


def build_site(
    run_dirs: list[Path], out: Path | None = None, data: Path = DATA, echo=print
) -> Path:
    """Build the site for `run_dirs` (the first is the home page's vantage) into `out`.

    `out` defaults to <first run>/site. Returns the folder holding index.html. Raises
    KarabakhError with Sphinx's messages when the build warns or fails.
    """
    if isinstance(run_dirs, str | Path):
        run_dirs = [run_dirs]
    runs = [Path(r) for r in run_dirs]
    if not runs:
        raise KarabakhError("no run to build a site from; run `karabakh run` first")
    missing = [str(r) for r in runs if not list((r / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    if missing:
        raise KarabakhError(f"no executed notebooks in {', '.join(missing)}; run them first")
    vantages = [vantage_of(r) for r in runs]
    out = Path(out) if out else runs[0] / "site"
    staging = out.parent / f".{out.name}-src"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    sources = load_sources(data)
    shutil.copytree(data, staging / "data", ignore=shutil.ignore_patterns("__pycache__"))
    for v in vantages:
        _write_notebooks(staging, v, vantages, sources)
    results = {v.name: gather(runs[i] / "notebooks") for i, v in enumerate(vantages)}
    _write(staging / "index.md", home_page(vantages, results, staging))
    _write(staging / "claims.md", claims_page(vantages, sources, data))
    _write(staging / "bibliography.md", bibliography_page(sources))
    if (DOCS / "teaching.md").exists():
        shutil.copy(DOCS / "teaching.md", staging / "teaching.md")
    _sphinx(staging, out)
    shutil.rmtree(staging, ignore_errors=True)
    echo(f"site: {out / 'index.html'} ({', '.join(v.caption for v in vantages)})")
    return out


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_notebooks(staging: Path, v: Vantage, vantages: list[Vantage], sources) -> None:
    for path in v.notebooks:
        nb = nbformat.read(path, as_version=4)
        banner = _banner(path.stem, v, vantages)
        reader = prepare.for_readers(nb, sources, banner)
        (staging / v.name).mkdir(parents=True, exist_ok=True)
        nbformat.write(reader, staging / v.name / path.name)


def _banner(stem: str, v: Vantage, vantages: list[Vantage]) -> str:
    others = [
        f"[{o.caption}](../{o.name}/{stem}.ipynb)"
        for o in vantages
        if o is not v and any(p.stem == stem for p in o.notebooks)
    ]
    text = f"You are reading this section at **{v.caption.lower()}**."
    if others:
        text += " The same section at " + ", or at ".join(others) + "."
    text += " The code is folded: click *Show code cell source* to see it."
    return f"```{{note}}\n{text}\n```"


def _first_image(path: Path) -> tuple[bytes, str] | None:
    """The first PNG a notebook displays and its alt text (from the figure's fingerprint)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        alts = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                alts += [prepare.alt_text(p) for p in prepare.split_fingerprints(out["text"])[1]]
            png = out.get("data", {}).get("image/png")
            if png:
                alt = alts[0] if alts else f"Figure from {path.stem}"
                return b64decode(png), alt
    return None


def home_page(vantages: list[Vantage], results: dict, staging: Path) -> str:
    """index.md: what the site is, each section with its headline at every vantage and a figure."""
    first = vantages[0]
    lines = [
        "# Russian peacekeepers in Karabakh: a reproducible reading of a 2023 analysis",
        "",
        "In late 2023 Caucasus Watch published an analysis of the future of the Russian "
        "peacekeeping contingent in Karabakh. These pages reproduce it section by section: each "
        "section states what the article argues (in our words), shows what the sourced data says, "
        "checks the article's claims and shows what happened next.",
        "",
        "Every section can be read at "
        + " and at ".join(f"**{v.caption.lower()}**" for v in vantages)
        + "; each page links to the same section at the other vantage. The evidence is in "
        "[the data dictionary](data/README.md), every source in "
        "[the bibliography](bibliography.md), every checkable claim in "
        "[the claims register](claims.md).",
        "",
        "## The sections",
        "",
    ]
    for path in first.notebooks:
        stem = path.stem
        entry = results[first.name].get(stem, {})
        title = entry.get("title", stem)
        lines += [f"### [{_md_text(title)}]({first.name}/{stem}.ipynb)", ""]
        for v in vantages:
            headline = results[v.name].get(stem, {}).get("headline")
            if headline is not None or v is first:
                shown = _md_text(headline) if headline else "*no headline result recorded*"
                lines += [f"**{v.caption}:** {shown}", ""]
        image = _first_image(path)
        if image:
            data, alt = image
            target = staging / "_home" / f"{stem}.png"
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(data)
            lines += [f"![{_md_text(alt)}](_home/{stem}.png)", ""]
        links = [f"[{v.label}]({v.name}/{stem}.ipynb)" for v in vantages if path_in(v, stem)]
        lines += ["Read it: " + " · ".join(links), ""]
    for v in vantages:
        lines += _toctree(v.caption, [f"{v.name}/{p.stem}" for p in v.notebooks])
    reference = ["claims", "bibliography", "data/README"]
    if (staging / "data" / "AUDIT.md").exists():
        reference.append("data/AUDIT")
    if (DOCS / "teaching.md").exists():
        reference.append("teaching")
    lines += _toctree("Reference", reference)
    return "\n".join(lines)


def path_in(v: Vantage, stem: str) -> bool:
    return any(p.stem == stem for p in v.notebooks)


def _toctree(caption: str, entries: list[str]) -> list[str]:
    return ["```{toctree}", ":hidden:", f":caption: {caption}", "", *entries, "```", ""]


def _md_text(text: str) -> str:
    return prepare._md_escape(text)


def _source_links(ids: str, sources: dict[str, dict]) -> str:
    out = []
    for sid in [s for s in ids.split(";") if s.strip()]:
        sid = sid.strip()
        row = sources.get(sid)
        if row:
            out.append(
                f'<a class="source-link" href="{html.escape(row["url"])}" '
                f'title="{html.escape(row["publisher"])}">{html.escape(sid)}</a>'
            )
        else:
            out.append(html.escape(sid))
    return "; ".join(out)


def _html_table(headers: list[str], rows: list[list[str]], ids: list[str] | None = None) -> str:
    """A raw HTML table (cells already escaped) for a MyST page."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = []
    for n, row in enumerate(rows):
        anchor = f' id="{ids[n]}"' if ids else ""
        body.append(f"<tr{anchor}>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    return (
        '<div class="table-wrapper"><table class="karabakh-table register">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table></div>\n"
    )


def claims_page(vantages: list[Vantage], sources: dict[str, dict], data: Path = DATA) -> str:
    """claims.md: every claim of the article, in our words, with its verdict at each vantage."""
    from .. import evidence
    from ..analysis import claims as claim_checks

    table = pd.read_csv(data / "claims.csv", dtype=str, keep_default_na=False)
    verdicts = {}
    for v in vantages:
        if "," in v.as_of or v.as_of == "unknown":
            continue
        judged = claim_checks.verdicts(evidence.at(v.as_of, data))
        verdicts[v.as_of] = dict(zip(judged["claim_id"], judged["verdict"], strict=True))
    headers = ["claim", "¶", "what the article says (our words)", "checked by"]
    headers += [f"verdict at {as_of}" for as_of in verdicts]
    headers += ["sources"]
    rows = []
    for claim in table.to_dict("records"):
        row = [
            html.escape(claim["claim_id"]),
            html.escape(claim["paragraph"]),
            html.escape(claim["claim"]),
            html.escape(f"{claim['method']} (tolerance {claim['tolerance'] or 'none'})"),
        ]
        row += [html.escape(v.get(claim["claim_id"], "not yet visible")) for v in verdicts.values()]
        row.append(_source_links(claim["source_ids"], sources))
        rows.append(row)
    intro = textwrap.dedent(
        f"""\
        # Claims register

        Every checkable claim of the article ({len(rows)} in `claims.csv`), in our words, with the
        verdict the library computes from the evidence visible at each vantage's date. A claim
        whose evidence was not yet reported at a date is marked as not yet visible. Methods and
        tolerances are described in [the data dictionary](data/README.md); the source ids link to
        the pages read.

        """
    )
    return intro + _html_table(headers, rows)


def bibliography_page(sources: dict[str, dict]) -> str:
    """bibliography.md: every source read, by publisher and date, with its address."""
    rows, ids = [], []
    ordered = sorted(sources.values(), key=lambda r: (r["publisher"].lower(), r["published"]))
    for row in ordered:
        origin = f"{row['origin_type'].replace('_', ' ')} ({row['origin_country']})"
        relay = " (relay)" if row.get("relay", "").lower() == "true" else ""
        rows.append(
            [
                html.escape(row["publisher"]),
                f'<a href="{html.escape(row["url"])}">{html.escape(row["title"])}</a>',
                html.escape(row["published"])
                + f"<br><small>read {html.escape(row['accessed'])}</small>",
                html.escape(row["language"]),
                html.escape(origin + relay),
                f"<code>{html.escape(row['source_id'])}</code>",
            ]
        )
        ids.append("src-" + row["source_id"])
    intro = textwrap.dedent(
        f"""\
        # Bibliography

        The {len(rows)} sources in [`sources.csv`](data/sources.csv), by publisher and date of
        publication: who published the page read (origin: government, international body,
        independent or state-affiliated media, and its country), its language, the date we
        accessed it and the id under which the data cites it. A relay republishes another
        outlet's report.

        """
    )
    headers = ["publisher", "title (link to the page read)", "published", "lang", "origin", "id"]
    return intro + _html_table(headers, rows, ids)


def _sphinx(staging: Path, out: Path) -> None:
    """Run Sphinx (warnings as errors) on `staging` into a fresh `out`, replacing it whole."""
    fresh = out.with_name(f".{out.name}-new")
    shutil.rmtree(fresh, ignore_errors=True)
    cmd = [
        sys.executable,
        "-m",
        "karabakh.pipeline.lean",  # Sphinx without jsonschema's unused IRI checker
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "html",
        "-c",
        str(CONF_DIR),
        "-d",
        str(staging / ".doctrees"),
        str(staging),
        str(fresh),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        messages = (proc.stderr or proc.stdout).strip().splitlines()[-20:]
        raise KarabakhError(
            "the site build failed (warnings count as errors):\n" + "\n".join(messages)
        )
    shutil.rmtree(fresh / ".doctrees", ignore_errors=True)
    shutil.rmtree(fresh.parent / "jupyter_execute", ignore_errors=True)  # MyST-NB's scratch copy
    (fresh / ".buildinfo").unlink(missing_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(fresh, out)


def site_manifest(out: Path) -> dict:
    """Pages of a built site (relative paths of every .html file), for tests and the CLI."""
    return {"pages": sorted(str(p.relative_to(out)) for p in Path(out).rglob("*.html"))}


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(site_manifest(Path(sys.argv[1])), indent=1))
