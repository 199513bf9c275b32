"""Prepare a copy of an executed notebook for readers: code folded, fingerprints out, tables tidy.

Works on an in-memory copy only: the stored outputs in notebooks/ and build/<run>/notebooks/ are
never changed (nbval compares them, fingerprints included). Used by `karabakh.pipeline.site`.
"""

from __future__ import annotations

import copy
import html
import re

import nbformat
from bs4 import BeautifulSoup

from ..figures.report import RESULT_MIME

FINGERPRINT = "figure fingerprint"
_WHOLE = re.compile(r"^-?\d+\.0+$")
_MISSING = {"<NA>", "NaN", "NaT", "None", "nan"}
_SPLIT = re.compile(r"\s*[;,]\s*")


def split_fingerprints(text: str) -> tuple[str, list[list[str]]]:
    """`text` without its figure fingerprints, and each fingerprint's lines.

    A fingerprint is the line "figure fingerprint" and the lines after it up to and including the
    first line that starts with "  sources:" (see karabakh.figures.style.fingerprint).
    """
    kept, prints, current = [], [], None
    for line in text.splitlines(keepends=True):
        if current is None and line.rstrip("\n") == FINGERPRINT:
            current = []
            continue
        if current is not None:
            current.append(line.rstrip("\n"))
            if line.startswith("  sources:"):
                prints.append(current)
                current = None
            continue
        kept.append(line)
    if current is not None:  # a fingerprint cut short: still never shown to readers
        prints.append(current)
    return "".join(kept), prints


def alt_text(fingerprint: list[str]) -> str:
    """A figure's alt text from its fingerprint: the axes titles and labels, then the sources."""
    parts, sources = [], ""
    for line in fingerprint:
        m = re.match(r"axes (.+?): x=(.*?) y=(.*)$", line)
        if m:
            title = _unquote(m.group(1))
            axes = [a for a in (_unquote(m.group(2)), _unquote(m.group(3))) if a]
            parts.append(title + (f" ({'; '.join(axes)})" if axes else ""))
        elif line.startswith("  sources:"):
            sources = line.split(":", 1)[1].strip()
    text = "Figure: " + ("; ".join(p for p in parts if p) or "chart")
    return text + (f". Sources: {sources}." if sources else ".")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def tidy_table(markup: str, sources: dict[str, dict]) -> str:
    """A pandas HTML table made readable: no index column, whole numbers as integers, no
    missing-value markers, source ids linked to the addresses in `sources` (id -> row)."""
    soup = BeautifulSoup(markup, "html.parser")
    for table in soup.find_all("table"):
        for style in soup.find_all("style"):
            style.decompose()
        del table["border"]
        table["class"] = ["dataframe", "karabakh-table"]
        body_rows = table.select("tbody > tr")
        n_index = 0
        if body_rows:
            for cell in body_rows[0].find_all(["th", "td"], recursive=False):
                if cell.name != "th":
                    break
                n_index += 1
        for row in table.select("thead > tr"):
            del row["style"]
            for cell in row.find_all(["th", "td"], recursive=False)[:n_index]:
                cell.decompose()
            if not row.get_text(strip=True):
                row.decompose()
        for row in body_rows:
            for cell in row.find_all("th", recursive=False)[:n_index]:
                cell.decompose()
        rows = [r.find_all("td", recursive=False) for r in body_rows]
        width = max((len(r) for r in rows), default=0)
        for col in range(width):
            cells = [r[col] for r in rows if col < len(r)]
            texts = [c.get_text() for c in cells]
            present = [t for t in texts if t not in _MISSING and t != ""]
            whole = bool(present) and all(_WHOLE.match(t) for t in present)
            for cell, text in zip(cells, texts, strict=True):
                if text in _MISSING:
                    cell.string = ""
                elif whole:
                    cell.string = text.split(".")[0]
                else:
                    _link_sources(soup, cell, text, sources)
    return str(soup)


def _link_sources(soup, cell, text: str, sources: dict[str, dict]) -> None:
    ids = [t for t in _SPLIT.split(text.strip()) if t]
    if not ids or not all(i in sources for i in ids):
        return
    cell.clear()
    for n, sid in enumerate(ids):
        if n:
            cell.append("; ")
        row = sources[sid]
        link = soup.new_tag("a", href=row["url"])
        link["title"] = f"{row['publisher']}: {row['title']}"
        link["class"] = ["source-link"]
        link.string = sid
        cell.append(link)


def for_readers(
    nb: nbformat.NotebookNode, sources: dict[str, dict], banner: str = ""
) -> nbformat.NotebookNode:
    """A copy of executed notebook `nb` for the site.

    Code cells are folded (tag hide-input: a toggle shows them), fingerprints are removed from
    printed text and turned into each figure's alt text, pandas tables are tidied (`tidy_table`),
    recorded results are shown as paragraphs (the headline in bold) and `banner` (Markdown) is
    inserted after the title cell.
    """
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = list(cell.metadata.get("tags", []))
        if "hide-input" not in tags:
            tags.append("hide-input")
        cell.metadata["tags"] = tags
        cell.outputs, alts = _reader_outputs(cell.get("outputs", []), sources)
        if alts:
            cell.metadata.setdefault("mystnb", {})["image"] = {"alt": " ".join(alts)}
    if banner:
        at = 1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0
        cell = nbformat.v4.new_markdown_cell(banner)
        cell.id = "vantage-banner"  # stable, so the staged copy is the same on every build
        nb.cells.insert(at, cell)
    return nb


def _reader_outputs(outputs: list, sources: dict[str, dict]) -> tuple[list, list[str]]:
    kept, alts = [], []
    for out in outputs:
        out = copy.deepcopy(out)
        if out.get("output_type") == "stream":
            text, prints = split_fingerprints(out.get("text", ""))
            alts += [alt_text(p) for p in prints]
            if not text.strip():
                continue
            out["text"] = text
        data = out.get("data", {})
        if RESULT_MIME in data:
            found = data[RESULT_MIME]
            label = "**Finding.** " if found.get("headline") else ""
            out["data"] = {"text/markdown": label + _md_escape(found["text"])}
        elif "text/html" in data and "<table" in data["text/html"]:
            data["text/html"] = tidy_table(data["text/html"], sources)
        kept.append(out)
    return kept, alts


def _md_escape(text: str) -> str:
    """Text shown as Markdown without being read as markup (`*`, `_`, `<`, `$`, ...)."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|$~])", r"\\\1", html.unescape(text))
