"""Who decides the contingent's future, in Russian officials' words: the framing of each statement.

`frame(topic, summary)` codes one statement (documented rule, our summaries being our own words):
- `bilateral`: topic `bilateral_matter`, or the summary says the matter is settled with Baku or
  Azerbaijan alone (BILATERAL_PHRASES);
- `involves_armenia`: the summary names both parties or a trilateral setting (ARMENIA_PHRASES);
- `other`: neither.
`turn(framed, on)` counts the framings before and after a date (the operation of 19 Sep 2023).
"""

from __future__ import annotations

import pandas as pd

BILATERAL_PHRASES = (
    "with baku",
    "with azerbaijan",
    "moscow and baku",
    "moscow-baku",
    "russia-azerbaijan",
    "only with azerbaijan",
    "with the azerbaijani side",
    "directly with baku",
)
ARMENIA_PHRASES = (
    "both azerbaijan and armenia",
    "both armenia and azerbaijan",
    "azerbaijan and armenia",
    "armenia and azerbaijan",
    "trilateral",
    "russia-armenia-azerbaijan",
)
FRAMES = ("involves_armenia", "bilateral", "other")
TOPICS = ("contingent_future", "contingent_temporary", "bilateral_matter")


def frame(topic: str, summary: str) -> str:
    """The framing of one statement: bilateral, involves_armenia or other (see module doc)."""
    text = str(summary).lower()
    if topic == "bilateral_matter" or any(p in text for p in BILATERAL_PHRASES):
        return "bilateral"
    if any(p in text for p in ARMENIA_PHRASES):
        return "involves_armenia"
    return "other"


def framed(statements: pd.DataFrame, country: str = "RU") -> pd.DataFrame:
    """`country`'s statements on the contingent's future with a `frame` column, by date."""
    part = statements[(statements["country"] == country) & statements["topic"].isin(TOPICS)].copy()
    part["frame"] = [frame(t, s) for t, s in zip(part["topic"], part["summary"], strict=True)]
    return part.sort_values(["date", "statement_id"]).reset_index(drop=True)


def turn(coded: pd.DataFrame, on) -> pd.DataFrame:
    """Counts of each frame before `on` and from `on` (rows 'before', 'after'; FRAMES columns)."""
    when = pd.Timestamp(on)
    side = ["after" if d >= when else "before" for d in coded["date"]]
    table = pd.crosstab(pd.Series(side, name="period"), coded["frame"].to_numpy())
    return table.reindex(index=["before", "after"], columns=list(FRAMES)).fillna(0).astype(int)
