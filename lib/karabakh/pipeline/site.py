"""HTML pages of the executed notebooks of one run, with an index page."""

from __future__ import annotations

import html
import json
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter


def title_of(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first markdown heading of the notebook."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("# ").strip()
    return fallback


def build_site(run_dir: Path) -> Path:
    """Write run_dir/site/NN_name.html for every executed notebook and site/index.html."""
    site = Path(run_dir) / "site"
    site.mkdir(parents=True, exist_ok=True)
    manifest_path = Path(run_dir) / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    status = {k: v.get("status", "") for k, v in manifest.get("notebooks", {}).items()}
    exporter = HTMLExporter(template_name="lab")
    rows = []
    for path in sorted((Path(run_dir) / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        body, _ = exporter.from_notebook_node(nb)
        (site / f"{path.stem}.html").write_text(body, encoding="utf-8")
        title = html.escape(title_of(nb, path.stem))
        rows.append(
            f'<li><a href="{path.stem}.html">{title}</a> '
            f"<small>({html.escape(status.get(path.stem, ''))})</small></li>"
        )
    params = html.escape(json.dumps(manifest.get("parameters", {}), sort_keys=True))
    index = (
        "<!doctype html><html lang='en'><meta charset='utf-8'>"
        "<title>Russian peacekeepers in Karabakh: notebooks</title>"
        "<body style='font-family:sans-serif;max-width:50em;margin:2em auto'>"
        "<h1>Russian peacekeepers in Karabakh: the notebooks</h1>"
        f"<p>Run <code>{html.escape(Path(run_dir).name)}</code>, parameters "
        f"<code>{params}</code>.</p><ol>{''.join(rows)}</ol></body></html>\n"
    )
    (site / "index.html").write_text(index, encoding="utf-8")
    return site
