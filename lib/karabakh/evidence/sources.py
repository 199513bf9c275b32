"""Citations: which source ids a frame cites (the bibliography itself lives on the snapshot)."""

from __future__ import annotations

import pandas as pd


def ids_in(frame: pd.DataFrame, column: str = "source_ids") -> list[str]:
    """Sorted unique source ids cited by `frame` (a list column or a single-id column)."""
    found: set[str] = set()
    for value in frame[column].dropna():
        found.update(value if isinstance(value, list) else [value])
    return sorted(found)
