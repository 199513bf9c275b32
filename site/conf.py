"""Sphinx configuration of the site. `karabakh.pipeline.site` writes the pages into a staging
folder and runs Sphinx with `-c site/ -W`; nothing here executes a notebook."""

from pathlib import Path

_HERE = Path(__file__).resolve().parent

project = "Russian peacekeepers in Karabakh"
author = "The Karabakh peacekeeping notebooks contributors"
copyright = "2026, " + author  # noqa: A001 (Sphinx's name)
version = release = (_HERE.parent / "CITATION.cff").read_text().split("\nversion: ")[1].split()[0]

extensions = ["myst_nb"]
# No page uses maths (MyST's dollarmath is off), so Sphinx adds no MathJax script; a page that did
# would request it from a CDN, and the browser test (no request may leave the site) would fail.
nb_execution_mode = "off"  # the notebooks were executed by `karabakh run` (papermill)
nb_merge_streams = True
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["**/.ipynb_checkpoints", ".doctrees", "data/*.csv", "data/*.json"]
suppress_warnings = []

html_theme = "sphinx_book_theme"
html_title = "Karabakh peacekeeping notebooks"
html_static_path = [str(_HERE / "_static")]
html_css_files = ["karabakh.css"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_permalinks_icon = "#"
html_context = {"default_mode": "light"}  # the theme logs an error on file:// without one
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": False,
}
smartquotes = False  # titles and claim text exactly as written
