"""Key results of a notebook, shown as a sentence and kept as data for the site and the README.

`result(key, text, **values)` displays `text` (a sentence built from computed values) and carries
`values` in a JSON bundle under MIME type RESULT_MIME. The runner gathers every notebook's results
into build/<run>/results.json; the README's findings and the site's home page are generated from
them, so no number in the prose is typed by hand.
"""

from __future__ import annotations

import datetime as dt
import json

RESULT_MIME = "application/vnd.karabakh.result+json"


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def bundle(key: str, text: str, headline: bool = False, **values) -> dict:
    """The display bundle of one result: plain text for readers, JSON for the tools."""
    data = {"key": key, "text": text, "headline": headline}
    data["values"] = {k: _plain(v) for k, v in sorted(values.items())}
    json.dumps(data)  # fail here, not in the runner, if a value cannot be stored
    return {"text/plain": text, RESULT_MIME: data}


def result(key: str, text: str, headline: bool = False, **values) -> None:
    """Show `text` and record it as result `key` (with `headline=True`: the section's finding)."""
    from IPython.display import display

    display(bundle(key, text, headline, **values), raw=True)
