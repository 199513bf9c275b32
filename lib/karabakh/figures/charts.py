"""The figures the notebooks share, in the house style; each returns (figure, source ids)."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from .style import HATCHES, MARKERS, PALETTE, new

ORIGIN_ORDER = [
    "government",
    "de_facto_authority",
    "international_body",
    "state_affiliated_media",
    "independent_media",
    "research_institute",
]


def figures_by_source(obs: pd.DataFrame, title: str, ylabel: str) -> tuple[Figure, list[str]]:
    """Every source's figure over the date it refers to; marker and colour by kind of source."""
    fig, ax = new(title)
    for i, origin in enumerate(o for o in ORIGIN_ORDER if o in set(obs["origin_type"])):
        part = obs[obs["origin_type"] == origin]
        ax.scatter(
            part["ref_date"],
            part["value"],
            label=origin.replace("_", " "),
            marker=MARKERS[i],
            color=PALETTE[i],
            s=42,
            alpha=0.85,
            zorder=3,
        )
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
    ax.legend(loc="best", fontsize=8)
    return fig, sorted(set(obs["source_id"]))


def mandate_clock(
    clock: pd.DataFrame, as_of: dt.date, events: pd.DataFrame, title: str
) -> tuple[Figure, list[str]]:
    """Mandate periods as bars, notice deadlines as ticks, `as_of` and dated events as lines."""
    fig, ax = new(title, figsize=(9, 3.6))
    for i, row in enumerate(clock.itertuples()):
        start, end = mdates.date2num(row.start), mdates.date2num(row.end)
        ax.barh(
            0,
            end - start,
            left=start,
            height=0.5,
            color=PALETTE[i % 2 * 5],
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="black",
            alpha=0.6,
        )
        ax.plot(
            [row.notice_by, row.notice_by],
            [-0.4, 0.4],
            color=PALETTE[3],
            lw=2,
            ls="-",
            label="last day to give notice" if i == 0 else "_notice",
        )
        ax.text(mdates.date2num(row.start) + 20, 0, row.period, va="center", fontsize=8)
    ax.plot([as_of, as_of], [-0.6, 0.6], color="black", ls="--", label=f"as_of {as_of}")
    for j, ev in enumerate(events.itertuples()):
        y = 0.75 + 0.2 * (j % 3)
        ax.plot(
            [ev.date, ev.date],
            [-0.3, y],
            color=PALETTE[2],
            ls=":",
            lw=1,
            label="event on record" if j == 0 else "_event",
        )
        ax.text(mdates.date2num(ev.date), y, ev.title, fontsize=7, rotation=0, ha="left")
    ax.set_yticks([])
    ax.set_ylim(-0.8, 1.5)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.legend(loc="lower right", fontsize=8)
    ids = sorted({s for ids in events["source_ids"] for s in ids}) if len(events) else []
    return fig, ids
