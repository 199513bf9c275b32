"""What could be known on a date: hide rows reported after `as_of`.

The article's vantage date (ARTICLE_AS_OF) is the default of every notebook, so that a default
run shows what its author could know; a later `as_of` shows what happened next.
"""

from __future__ import annotations

import pandas as pd

# The latest event the article (Caucasus Watch, Ziya Kazimzada) refers to: the Russian defence
# ministry's 6 Nov 2023 report of a completed rotation with equipment sent home for repair.
# Its publication date was not found; see data/README.md.
ARTICLE_AS_OF = "2023-11-06"
# The fixed "today" of the `today` preset, so that reruns give the same bytes.
TODAY = "2026-11-27"


def as_timestamp(value: str | pd.Timestamp) -> pd.Timestamp:
    return value if isinstance(value, pd.Timestamp) else pd.Timestamp(str(value))


def visible(frame: pd.DataFrame, as_of: str | pd.Timestamp, field: str | None) -> pd.DataFrame:
    """Rows of `frame` whose `field` (the date they became public) is on or before `as_of`.

    A table without an as-of field (for example `sources` or `places`) is returned whole.
    """
    if not field:
        return frame
    cutoff = as_timestamp(as_of)
    return frame[frame[field].notna() & (frame[field] <= cutoff)]
