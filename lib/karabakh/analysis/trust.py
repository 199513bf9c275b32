"""The trust record: a closure divided into stages by dated events, what happened in each stage, and
how long the closure lasted by different counts.

Stages run from the day of their opening event to the day of the next stage's (the last stage to a
given end event). Days are calendar days; months are days / 30.4375 (the mean Gregorian month).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..evidence.dates import day

MEAN_MONTH_DAYS = 30.4375
STAGE_COLUMNS = ["stage", "start", "end", "days", "event_id", "title"]


def stages(events: pd.DataFrame, marks, end_id: str) -> pd.DataFrame:
    """Stages from `marks` [(label, event_id), ...] in order, ending at event `end_id`.

    Marks whose event is not on record are left out (a stage then lasts until the next known
    mark); without the end event the last stage ends on its own start day.
    """
    known = events.set_index("event_id")
    rows = [(label, eid) for label, eid in marks if eid in known.index]
    out = []
    for i, (label, eid) in enumerate(rows):
        start = known.at[eid, "date"]
        if i + 1 < len(rows):
            end = known.at[rows[i + 1][1], "date"]
        elif end_id in known.index:
            end = known.at[end_id, "date"]
        else:
            end = start
        out.append([label, start, end, (end - start).days, eid, known.at[eid, "title"]])
    return pd.DataFrame(out, columns=STAGE_COLUMNS)


def assign(dates: pd.Series, stage_table: pd.DataFrame) -> pd.Series:
    """The stage each date falls in (start inclusive, end exclusive; the last stage's end
    inclusive); dates outside every stage get an empty label."""
    labels = pd.Series("", index=dates.index, dtype="object")
    last = len(stage_table) - 1
    for i, row in enumerate(stage_table.itertuples()):
        inside = (dates >= row.start) & ((dates < row.end) | ((i == last) & (dates <= row.end)))
        labels[inside & (labels == "")] = row.stage
    return labels


def in_stages(frame: pd.DataFrame, stage_table: pd.DataFrame, column: str = "date") -> pd.DataFrame:
    """Rows of `frame` dated within the stages, with a `stage` column, in date order."""
    out = frame.assign(stage=assign(frame[column], stage_table))
    return out[out["stage"] != ""].sort_values(column).reset_index(drop=True)


def span(start: dt.date | str, end: dt.date | str) -> dict:
    """A span counted three ways: days between, days counting both ends, and mean months."""
    a, b = day(start), day(end)
    between = (b - a).days
    return {
        "days": between,
        "days_inclusive": between + 1,
        "months": round(between / MEAN_MONTH_DAYS, 1),
    }


def involving(events: pd.DataFrame, actor: str) -> pd.DataFrame:
    """Events whose `actors` list names `actor` (e.g. "RU")."""
    mask = [actor in (a if isinstance(a, list) else []) for a in events["actors"]]
    return events[mask].reset_index(drop=True)


def lanes(parts: dict[str, tuple[pd.DataFrame, str]]) -> pd.DataFrame:
    """Dated rows of several tables on named lanes: {lane: (frame, label column)} -> one frame
    with columns date, lane, label, source_ids, in date order."""
    frames = [
        frame.assign(lane=lane, label=frame[column].astype(str))[
            ["date", "lane", "label", "source_ids"]
        ]
        for lane, (frame, column) in parts.items()
    ]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=["date", "lane", "label", "source_ids"])
    return pd.concat(frames).sort_values(["date", "lane"]).reset_index(drop=True)
