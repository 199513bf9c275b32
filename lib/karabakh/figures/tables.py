"""Tables for reading: dates as YYYY-MM-DD, lists joined, whole numbers as integers, full text.

Importing this module turns off pandas' truncation of long cells (display.max_colwidth), so a
claim's text is shown whole in the notebooks, in their stored outputs and on the site.
"""

from __future__ import annotations

import pandas as pd

pd.set_option("display.max_colwidth", None)


def show(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """A copy of `frame` (optionally only `columns`) ready to display in a notebook.

    Dates become YYYY-MM-DD text, lists are joined with "; ", and a float column whose values are
    all whole numbers (a headcount stored as 1960.0) becomes a nullable integer column.
    """
    out = frame[columns].copy() if columns else frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").fillna("")
        elif any(isinstance(v, list) for v in out[col]):
            out[col] = out[col].map(lambda v: "; ".join(v) if isinstance(v, list) else "")
        elif pd.api.types.is_float_dtype(out[col]) and _whole(out[col]):
            out[col] = out[col].astype("Int64")
    return out.reset_index(drop=True)


def _whole(values: pd.Series) -> bool:
    present = values.dropna()
    return len(present) > 0 and bool((present == present.round()).all())
