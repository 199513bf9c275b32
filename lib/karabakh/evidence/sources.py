"""Citations: turn source ids into the line printed under every figure and table."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .data import load
from .errors import DataError


def ids_in(frame: pd.DataFrame, column: str = "source_ids") -> list[str]:
    """Sorted unique source ids cited by `frame` (a list column or a single-id column)."""
    found: set[str] = set()
    for value in frame[column].dropna():
        found.update(value if isinstance(value, list) else [value])
    return sorted(found)


def bibliography(ids: Iterable[str]) -> pd.DataFrame:
    """The `sources` rows of `ids`, in the order given, with publisher, date, origin and address."""
    ids = list(dict.fromkeys(ids))
    table = load("sources").set_index("source_id")
    unknown = [i for i in ids if i not in table.index]
    if unknown:
        raise DataError(f"unknown source id {unknown[0]!r}; see data/sources.csv")
    cols = ["publisher", "published", "origin_type", "origin_country", "title", "url"]
    out = table.loc[ids, cols].copy()
    out["published"] = out["published"].dt.strftime("%Y-%m-%d")
    return out


def source_line(ids: Iterable[str], limit: int = 8) -> str:
    """'Sources: Publisher (date); ...' for the figure footer; long lists end with '+N more'."""
    bib = bibliography(sorted(set(ids)))
    parts = [f"{row.publisher} {row.published}" for row in bib.itertuples()]
    more = f"; +{len(parts) - limit} more (see table)" if len(parts) > limit else ""
    return "Sources: " + "; ".join(parts[:limit]) + more
