"""The evidence at a date: every table validated and filtered once, frozen, with shared views.

`at(as_of)` is the one call a notebook makes. It loads the package once per process (cached until
a file of `data/` changes), hides every row reported after `as_of` and returns a `Snapshot`.
Analyses take the snapshot, never a date, so the data cannot change under a running notebook and
tests can build a snapshot from a few hand-made rows with `Snapshot.of(...)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from ..errors import DataError
from ..paths import DATA
from . import package
from .dates import day, stamp

# Tables whose rows become public on a date, and the column that says when (the descriptor's
# `asOfField`); used when a test builds a snapshot without a descriptor.
AS_OF_FIELDS = {
    "events": "reported_on",
    "observations": "reported_on",
    "statements": "reported_on",
    "elections": "reported_on",
    "claims": "reported_on",
    "forecasts": "reported_on",
}
# Dated records and the column holding the day each happened or was said.
RECORD_DATES = {
    "events": ("event_id", "date"),
    "statements": ("statement_id", "date"),
    "elections": ("election_id", "held_on"),
}


@dataclass(frozen=True, eq=False)
class Snapshot:
    """What the evidence base held on `as_of`. Tables are read through `ev["name"]` (a copy)."""

    as_of: dt.date
    _tables: Mapping[str, pd.DataFrame] = field(repr=False)

    @classmethod
    def of(
        cls,
        as_of,
        tables: Mapping[str, pd.DataFrame],
        as_of_fields: Mapping[str, str] | None = None,
    ) -> Snapshot:
        """A snapshot of the given (typed) tables at `as_of`: rows reported later are hidden."""
        when = day(as_of)
        fields = AS_OF_FIELDS if as_of_fields is None else as_of_fields
        cut = stamp(when)
        kept = {}
        for name, frame in tables.items():
            column = fields.get(name)
            if column and column in frame:
                dates = pd.to_datetime(frame[column])
                frame = frame[dates.notna() & (dates <= cut)]
            kept[name] = frame.reset_index(drop=True)
        return cls(when, MappingProxyType(kept))

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            known = ", ".join(sorted(self._tables))
            raise DataError(f"no table named {name!r} in the snapshot; known tables: {known}")
        return self._tables[name].copy(deep=False)  # copy-on-write: the snapshot stays intact

    def __contains__(self, name: str) -> bool:
        return name in self._tables

    @property
    def names(self) -> list[str]:
        return sorted(self._tables)

    @cached_property
    def dated(self) -> pd.Series:
        """The day of every event, statement and election on record, by record id."""
        parts = [
            self._tables[t].set_index(key)[col]
            for t, (key, col) in RECORD_DATES.items()
            if t in self._tables
        ]
        if not parts:
            return pd.Series(dtype="datetime64[ns]")
        return pd.concat(parts)

    @cached_property
    def _figures(self) -> pd.DataFrame:
        obs = self._tables["observations"]
        cols = ["source_id", "publisher", "origin_type", "origin_country"]
        src = self._tables["sources"][cols]
        out = obs.merge(src, on="source_id", how="left")
        return out.sort_values(["quantity", "ref_date", "value", "source_id"]).reset_index(
            drop=True
        )

    def figures(self, quantities: Iterable[str]) -> pd.DataFrame:
        """Every visible figure of `quantities`, with its source's publisher and origin."""
        wanted = list(quantities)
        table = self._figures
        return table[table["quantity"].isin(wanted)].reset_index(drop=True)

    @cached_property
    def _sources(self) -> pd.DataFrame:
        return self._tables["sources"].set_index("source_id")

    def bibliography(self, ids: Iterable[str]) -> pd.DataFrame:
        """The `sources` rows of `ids` in the order given: publisher, date, origin, address."""
        ids = list(dict.fromkeys(ids))
        table = self._sources
        unknown = [i for i in ids if i not in table.index]
        if unknown:
            raise DataError(f"unknown source id {unknown[0]!r}; see data/sources.csv")
        cols = ["publisher", "published", "origin_type", "origin_country", "title", "url"]
        out = table.loc[ids, [c for c in cols if c in table.columns]].copy()
        out["published"] = pd.to_datetime(out["published"]).dt.strftime("%Y-%m-%d").fillna("")
        return out

    def source_line(self, ids: Iterable[str], limit: int = 8) -> str:
        """'Sources: Publisher (date); ...' for a figure footer; long lists end with '+N more'."""
        bib = self.bibliography(sorted(set(ids)))
        parts = [f"{row.publisher} {row.published}".strip() for row in bib.itertuples()]
        more = f"; +{len(parts) - limit} more (see table)" if len(parts) > limit else ""
        return "Sources: " + "; ".join(parts[:limit]) + more


def at(as_of, data_dir: Path = DATA) -> Snapshot:
    """The evidence base as it stood on `as_of` (ISO text or a date), validated once."""
    when = day(as_of)
    tables = package.validate_package(Path(data_dir))
    fields = {
        name: package.resource(name, data_dir).get("asOfField")
        for name in package.table_names(data_dir)
    }
    return Snapshot.of(when, tables, {k: v for k, v in fields.items() if v})
