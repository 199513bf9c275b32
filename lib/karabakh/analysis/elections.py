"""Elections moved: how far each vote was brought forward, and when it was called.

Pure functions of rows shaped like elections.csv. A date known only to the month or year stands
for the whole month or year, so "days moved" is a range: from the window's first day to its last
day, minus the voting day. Days are calendar days; positive means the vote came early.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

MOVED_COLUMNS = [
    "election_id",
    "kind",
    "due_from",
    "due_to",
    "due_precision",
    "called_on",
    "held_on",
    "days_early_min",
    "days_early_max",
    "call_to_vote_days",
    "snap",
]


def window(day: pd.Timestamp, precision: str | None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day that a date of this precision (day, month, year) may stand for."""
    if pd.isna(day):
        return pd.NaT, pd.NaT
    if precision == "month":
        return day.replace(day=1), day.replace(day=1) + pd.offsets.MonthEnd(0)
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return day, day


def moved(elections: pd.DataFrame) -> pd.DataFrame:
    """One row per election: the window it was due in, when it was called and held, the days it
    was brought forward (min and max over the window) and the days from call to vote."""
    rows = []
    for r in elections.sort_values(["held_on", "election_id"]).itertuples():
        due_from, due_to = window(r.originally_due, r.due_precision)
        called = r.called_on
        rows.append(
            [
                r.election_id,
                r.kind,
                due_from,
                due_to,
                r.due_precision if not pd.isna(r.due_precision) else "",
                called,
                r.held_on,
                (due_from - r.held_on).days if not pd.isna(due_from) else pd.NA,
                (due_to - r.held_on).days if not pd.isna(due_to) else pd.NA,
                (r.held_on - called).days if not pd.isna(called) else pd.NA,
                bool(r.snap),
            ]
        )
    out = pd.DataFrame(rows, columns=MOVED_COLUMNS)
    for col in ("days_early_min", "days_early_max", "call_to_vote_days"):
        out[col] = out[col].astype("Int64")
    return out


def early_between(table: pd.DataFrame, called_after: dt.date, held_before: dt.date) -> pd.DataFrame:
    """Snap elections (rows of `moved`) called after `called_after` and held before
    `held_before`: the votes that would bear out an expectation of early elections."""
    keep = (
        table["snap"]
        & (table["called_on"] > pd.Timestamp(called_after))
        & (table["held_on"] < pd.Timestamp(held_before))
    )
    return table[keep].reset_index(drop=True)


def held_in_month(table: pd.DataFrame, election_id: str) -> str | None:
    """'February 2020' for the month an election was held, None when it is not on record."""
    row = table[table["election_id"] == election_id]
    return None if row.empty else f"{row['held_on'].iloc[0]:%B %Y}"


def due_text(row) -> str:
    """The window an election was due in, as text: a day, 'November 2020', or '2025'."""
    if pd.isna(row.due_from):
        return "not recorded"
    if row.due_precision == "month":
        return f"{row.due_from:%B %Y}"
    if row.due_precision == "year":
        return f"{row.due_from:%Y}"
    return f"{row.due_from:%Y-%m-%d}"


def reading(table: pd.DataFrame) -> pd.DataFrame:
    """`moved` as a table for readers: due as text, days moved as 'a' or 'a to b'."""
    out = pd.DataFrame(
        {
            "election": table["election_id"],
            "kind": table["kind"],
            "originally due": [due_text(r) for r in table.itertuples()],
            "called on": table["called_on"],
            "held on": table["held_on"],
            "days early": [
                f"{r.days_early_min:,}"
                if r.days_early_min == r.days_early_max
                else f"{r.days_early_min:,} to {r.days_early_max:,}"
                for r in table.itertuples()
            ],
            "days from call to vote": table["call_to_vote_days"],
        }
    )
    return out
