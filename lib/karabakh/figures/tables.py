"""Tables for reading: dates as YYYY-MM-DD, lists joined, a stable row order."""

from __future__ import annotations

import pandas as pd


def show(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """A copy of `frame` (optionally only `columns`) ready to display in a notebook."""
    out = frame[columns].copy() if columns else frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").fillna("")
        elif out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: "; ".join(v) if isinstance(v, list) else "")
    return out.reset_index(drop=True)
