"""Figures of the two scenario notebooks (04, 05); each function returns (figure, source ids)."""

from __future__ import annotations

import math

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .style import HATCHES, MARKERS, PALETTE, new


def _ids(frame: pd.DataFrame) -> list[str]:
    """Source ids of rows with a `source_ids` list column or a `source_id` column."""
    if "source_ids" in frame:
        return sorted({s for ids in frame["source_ids"] for s in ids})
    return sorted(set(frame["source_id"])) if "source_id" in frame else []


def _dates(ax) -> None:
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))


def stage_timeline(stages: pd.DataFrame, marked: pd.DataFrame, title: str) -> tuple[Figure, list]:
    """Stages as hatched bars on one row; dated events below them, one row per event category."""
    fig, ax = new(title, figsize=(9, 4.4))
    for i, row in enumerate(stages.itertuples()):
        start, end = mdates.date2num(row.start), mdates.date2num(row.end)
        ax.barh(
            1,
            max(end - start, 1),
            left=start,
            height=0.6,
            color=PALETTE[i % len(PALETTE)],
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="black",
            alpha=0.55,
        )
        ax.text(start + 2, 1.38 + 0.18 * (i % 2), f"{row.stage} ({row.days} d)", fontsize=7)
    cats = sorted(set(marked["category"]))
    for j, cat in enumerate(cats):
        part = marked[marked["category"] == cat]
        ax.scatter(
            part["date"],
            [-j] * len(part),
            marker=MARKERS[j % len(MARKERS)],
            color=PALETTE[(j + 1) % len(PALETTE)],
            s=30,
            label=cat.replace("_", " "),
            zorder=3,
        )
    ax.set_yticks(
        [1] + [-j for j in range(len(cats))], ["stages"] + [c.replace("_", " ") for c in cats]
    )
    ax.set_ylim(-len(cats) - 0.2, 2.0)
    _dates(ax)
    return fig, _ids(marked)


def ratio_sweep(
    grid: pd.DataFrame,
    resident_band: tuple[float, float],
    article: tuple[float, float],
    chosen: tuple[float, float],
    title: str,
) -> tuple[Figure, list]:
    """Peacekeepers per resident against residents (log axes), one line per contingent size;
    the band of resident counts the sources report, the article's pair and the chosen pair."""
    fig, ax = new(title)
    for size, part in grid.groupby("contingent", sort=True):
        ax.plot(part["residents"], part["ratio"], label=f"{size:,.0f} peacekeepers", lw=1.4)
    low, high = resident_band
    if math.isfinite(low) and math.isfinite(high):
        ax.axvspan(
            low, high, color=PALETTE[5], alpha=0.18, hatch="//", label="residents per sources"
        )
    ax.scatter(
        [article[1]],
        [article[0] / article[1]],
        marker="*",
        s=160,
        color="black",
        zorder=4,
        label=f"article: {article[0]:,.0f} for {article[1]:,.0f}",
    )
    ax.scatter(
        [chosen[1]],
        [chosen[0] / chosen[1]],
        marker="D",
        s=50,
        color=PALETTE[3],
        zorder=5,
        label=f"parameters: {chosen[0]:,.0f} for {chosen[1]:,.0f}",
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("Armenians remaining in Karabakh (persons, log scale)")
    ax.set_ylabel("peacekeepers per resident (log scale)")
    ax.legend(fontsize=7, loc="upper right")
    return fig, []


def arrivals_and_steps(
    arrivals: pd.DataFrame, steps: pd.DataFrame, title: str
) -> tuple[Figure, list]:
    """Each source's cumulative arrival counts (points, by kind of source) and dated steps as
    vertical lines labelled by title."""
    fig, ax = new(title, figsize=(9, 4.6))
    when = arrivals["ref_date"] + pd.to_timedelta(
        arrivals["ref_time"].fillna("12:00").str.slice(0, 2).astype(int), unit="h"
    )
    for i, origin in enumerate(sorted(set(arrivals["origin_type"].fillna("unknown")))):
        mask = arrivals["origin_type"].fillna("unknown") == origin
        ax.scatter(
            when[mask],
            arrivals.loc[mask, "value"],
            marker=MARKERS[i % len(MARKERS)],
            color=PALETTE[i % len(PALETTE)],
            s=28,
            label=origin.replace("_", " "),
            zorder=3,
        )
    top = arrivals["value"].max() if len(arrivals) else 1.0
    for j, row in enumerate(steps.sort_values("date").itertuples()):
        ax.plot([row.date, row.date], [0, top * 1.05], color="#555555", ls=":", lw=1, label="_step")
        ax.text(
            mdates.date2num(row.date),
            top * (0.15 + 0.11 * (j % 7)),
            row.title[:48],
            fontsize=6,
            rotation=0,
            ha="left",
        )
    ax.set_ylabel("arrivals in Armenia (cumulative, persons)")
    _dates(ax)
    ax.legend(fontsize=7, loc="lower right")
    return fig, sorted(set(_ids(arrivals)) | set(_ids(steps)))


def lanes(records: pd.DataFrame, title: str, lane: str = "lane") -> tuple[Figure, list]:
    """Dated records on horizontal lanes (column `lane`), each point labelled by `label`."""
    names = list(dict.fromkeys(records[lane]))
    fig, ax = new(title, figsize=(9, 1.2 + 0.75 * max(len(names), 1)))
    for i, name in enumerate(names):
        part = records[records[lane] == name].sort_values("date")
        ax.scatter(
            part["date"],
            [i] * len(part),
            marker=MARKERS[i % len(MARKERS)],
            color=PALETTE[i % len(PALETTE)],
            s=34,
            zorder=3,
            label="_" + name,
        )
        for k, row in enumerate(part.itertuples()):
            ax.text(
                mdates.date2num(row.date),
                i + 0.12 + 0.16 * (k % 2),
                row.label[:40],
                fontsize=6,
                rotation=20,
                ha="left",
                va="bottom",
            )
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(-0.5, len(names) + 0.2)
    _dates(ax)
    return fig, _ids(records)


STANCE_STYLE = {
    "support": (PALETTE[2], ""),
    "welcome": (PALETTE[5], ".."),
    "conditional": (PALETTE[1], "//"),
    "oppose": (PALETTE[3], "xx"),
    "mixed": ("#bbbbbb", "++"),
}


def positions_grid(
    cells: pd.DataFrame, actors: list[str], options: dict[str, str], title: str
) -> tuple[Figure, list]:
    """Actors by options; each cell coloured and hatched by stance and labelled with its date."""
    fig, ax = new(title, figsize=(9.5, 1.4 + 0.5 * max(len(actors), 1)))
    keys = list(options)
    for r in cells.itertuples():
        x, y = keys.index(r.option), actors.index(r.actor)
        colour, hatch = STANCE_STYLE[r.stance]
        ax.add_patch(
            Rectangle(
                (x - 0.45, y - 0.4),
                0.9,
                0.8,
                facecolor=colour,
                hatch=hatch,
                edgecolor="black",
                alpha=0.75,
            )
        )
        ax.text(x, y, f"{r.stance}\n{r.date:%Y-%m-%d}", ha="center", va="center", fontsize=6.5)
    ax.set_xlim(-0.5, len(keys) - 0.5)
    ax.set_ylim(len(actors) - 0.5, -0.5)
    ax.set_xticks(range(len(keys)), [options[k] for k in keys], rotation=20, ha="right", fontsize=7)
    ax.set_yticks(range(len(actors)), actors)
    ax.grid(False)
    ids = sorted({s for ids in cells["source_ids"] for s in ids}) if "source_ids" in cells else []
    return fig, ids


def route_map(
    points: pd.DataFrame, routes: dict[str, pd.DataFrame], title: str
) -> tuple[Figure, list]:
    """Places (lon, lat) with both names, and each route as a line through its located waypoints.

    Equal-area look without tiles: the aspect is 1 / cos(mean latitude)."""
    fig, ax = new(title, figsize=(9, 5.2))
    for i, (name, way) in enumerate(routes.items()):
        ax.plot(
            way["lon"],
            way["lat"],
            label=name,
            lw=2,
            color=PALETTE[i % len(PALETTE)],
            ls=["-", "--", ":", "-."][i % 4],
            marker=MARKERS[i % len(MARKERS)],
            ms=4,
        )
    ax.scatter(points["lon"], points["lat"], s=18, color="black", zorder=4, label="_places")
    for k, row in enumerate(points.itertuples()):
        ax.text(row.lon + 0.03, row.lat + (0.04 if k % 2 else -0.07), row.label, fontsize=6.5)
    if len(points):
        ax.set_aspect(1 / math.cos(math.radians(points["lat"].mean())))
    ax.set_xlabel("longitude (degrees east)")
    ax.set_ylabel("latitude (degrees north)")
    ax.legend(fontsize=7, loc="upper left")
    return fig, _ids(points)
