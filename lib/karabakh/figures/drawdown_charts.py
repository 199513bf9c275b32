"""Figures of notebook 06 (drawdown signals, posts, elections, the 2025 horizon, the monitoring
centre), in the house style; each returns (figure, source ids)."""

from __future__ import annotations

import datetime as dt
import math

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from . import charts
from .style import HATCHES, MARKERS, PALETTE, new

SOURCE_KINDS = charts.ORIGIN_ORDER + ["reference_work"]


def _ids(frame: pd.DataFrame) -> list[str]:
    return sorted({s for ids in frame["source_ids"] for s in ids}) if len(frame) else []


def _dates(ax) -> None:
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))


def signals_timeline(
    kinds: pd.DataFrame, signals: pd.DataFrame, lanes: list[str], as_of: dt.date, title: str
) -> tuple[Figure, list[str]]:
    """One lane per kind of signal; one marker per signal and kind of source that reported it
    (shape and colour by kind of source), stacked a little within the lane."""
    fig, ax = new(title, figsize=(9, 4.6))
    shown = [k for k in lanes if k in set(kinds["kind"])]
    present = [k for k in SOURCE_KINDS if k in set(kinds["source_kind"])]
    for i, source_kind in enumerate(present):
        part = kinds[kinds["source_kind"] == source_kind]
        offset = 0.14 * (i - (len(present) - 1) / 2)  # kinds of source side by side in a lane
        y = [shown.index(k) + offset for k in part["kind"]]
        ax.scatter(
            part["date"],
            y,
            marker=MARKERS[i],
            color=PALETTE[i],
            s=30 + 12 * part["n_sources"].clip(upper=5),
            label=source_kind.replace("_", " "),
            alpha=0.85,
            zorder=3,
        )
    ax.axvline(pd.Timestamp(as_of), color="black", ls="--", lw=1)
    ax.text(pd.Timestamp(as_of), len(shown) - 0.4, f" as_of {as_of}", fontsize=8)
    ax.set_yticks(range(len(shown)), shown)
    ax.set_ylim(-0.6, max(len(shown), 1) - 0.2)
    ax.set_ylabel("kind of signal")
    _dates(ax)
    ax.legend(
        title="kind of source",
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=7,
        title_fontsize=8,
    )
    return fig, _ids(signals)


def _step_path(part: pd.DataFrame, column: str) -> tuple[list, list]:
    """x, y of a step line through the segments, broken (NaN) wherever a gap is left."""
    xs, ys = [], []
    rows = part.sort_values("start").reset_index(drop=True)
    for i, r in rows.iterrows():
        xs += [r["start"], r["end"]]
        ys += [r[column], r[column]]
        following = rows["start"].iloc[i + 1] if i + 1 < len(rows) else None
        if following is None or r["end"] != following:
            xs.append(r["end"])
            ys.append(math.nan)
    return xs, ys


def post_steps(
    segments: pd.DataFrame, obs: pd.DataFrame, labels: dict[str, str], title: str
) -> tuple[Figure, list[str]]:
    """Each quantity's counts as a step line (lowest count solid, highest dashed where sources
    differ), broken at gaps, with every source's figure as a point."""
    fig, ax = new(title, figsize=(9, 4.4))
    for i, (quantity, label) in enumerate(labels.items()):
        part = segments[segments["quantity"] == quantity]
        if part.empty:
            continue
        colour = PALETTE[i % len(PALETTE)]
        xs, ys = _step_path(part, "low")
        ax.plot(xs, ys, color=colour, ls="-", lw=1.8, label=label)
        if (part["high"] != part["low"]).any():
            xs, ys = _step_path(part, "high")
            ax.plot(xs, ys, color=colour, ls="--", lw=1.2, label=f"{label} (highest figure)")
        points = obs[obs["quantity"] == quantity]
        ax.scatter(
            points["ref_date"],
            points["value"],
            color=colour,
            marker=MARKERS[i % len(MARKERS)],
            s=28,
            zorder=3,
            label="_points",
        )
    ax.set_ylabel("posts")
    ax.set_ylim(bottom=0)
    _dates(ax)
    ax.legend(loc="upper left", fontsize=7)
    return fig, sorted(set(obs["source_id"]))


def elections_moved(
    table: pd.DataFrame, elections: pd.DataFrame, title: str
) -> tuple[Figure, list[str]]:
    """Per election: the window it was originally due in (hatched bar), the day it was called
    (open circle), the voting day (filled diamond) and an arrow from due to held."""
    fig, ax = new(title, figsize=(9, 3.4))
    rows = table.reset_index(drop=True)
    for i, r in rows.iterrows():
        start, end = mdates.date2num(r["due_from"]), mdates.date2num(r["due_to"])
        ax.barh(
            i,
            max(end - start, 1) + 1,
            left=start,
            height=0.45,
            color=PALETTE[5],
            hatch=HATCHES[1],
            edgecolor="black",
            alpha=0.5,
            label="originally due (window)" if i == 0 else "_due",
        )
        ax.annotate(
            "",
            xy=(mdates.date2num(r["held_on"]), i),
            xytext=(start, i),
            arrowprops={"arrowstyle": "->", "color": PALETTE[3]},
        )
        if not pd.isna(r["called_on"]):
            ax.plot(
                [r["called_on"], r["held_on"]],
                [i, i],
                color=PALETTE[7],
                ls=":",
                lw=1,
                label="called to held" if i == 0 else "_call",
            )
    ax.scatter(
        rows["called_on"],
        rows.index,
        marker="o",
        facecolors="white",
        edgecolors="black",
        s=40,
        zorder=3,
        label="called",
    )
    ax.scatter(
        rows["held_on"], rows.index, marker="D", color=PALETTE[3], s=40, zorder=3, label="held"
    )
    ax.set_yticks(range(len(rows)), [f"{r.kind} {r.held_on:%Y}" for r in rows.itertuples()])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel("date")
    _dates(ax)
    ax.legend(loc="lower right", fontsize=7, ncols=2)
    return fig, _ids(elections)


def statements_on_clock(
    clock: pd.DataFrame,
    as_of: dt.date,
    milestones: pd.DataFrame,
    coded: pd.DataFrame,
    stances: list[str],
    title: str,
) -> tuple[Figure, list[str]]:
    """The mandate clock of notebook 01 (charts.mandate_clock) with a lane per stance above it:
    each statement a marker (shape and colour by the speaker's side; filled when it names the
    year the first term ends)."""
    fig, ids = charts.mandate_clock(clock, as_of, milestones, title)
    fig.set_size_inches(9, 5.2)
    ax = fig.axes[0]
    base = 2.0
    sides = sorted(set(coded["country"]))
    for i, side in enumerate(sides):
        labelled = False
        for named in (True, False):
            part = coded[(coded["country"] == side) & (coded["names_year"] == named)]
            if part.empty:
                continue
            y = [
                base + 0.6 * stances.index(s) + 0.06 * (i - len(sides) / 2) for s in part["stance"]
            ]
            colour = PALETTE[i % len(PALETTE)]
            ax.scatter(
                part["date"],
                y,
                marker=MARKERS[i % len(MARKERS)],
                facecolors=colour if named else "white",
                edgecolors=colour,
                s=40,
                zorder=3,
                label=f"_{side}" if labelled else side,
            )
            labelled = True
    ax.set_yticks([base + 0.6 * k for k in range(len(stances))], stances)
    ax.set_ylim(-0.8, base + 0.6 * len(stances))
    ax.legend(loc="lower left", fontsize=7, ncols=3)
    return fig, sorted(set(ids) | set(_ids(coded)))


def centre_lifeline(
    centre: pd.DataFrame, life: dict, as_of: dt.date, title: str
) -> tuple[Figure, list[str]]:
    """The monitoring centre's record as one line: the working period as a bar (open-ended while
    no closure is on record), each event a numbered point, titles listed beside."""
    fig, ax = new(title, figsize=(9, 3.6))
    if life["opened"] is not None:
        end = life["closed"] or as_of
        start = mdates.date2num(life["opened"])
        ax.barh(
            0,
            mdates.date2num(end) - start,
            left=start,
            height=0.3,
            color=PALETTE[2],
            hatch="" if life["closed"] else HATCHES[2],
            alpha=0.5,
            edgecolor="black",
            label="working" if life["closed"] else "working (no closure on record)",
        )
    ax.scatter(
        centre["date"],
        [0.35] * len(centre),
        marker="v",
        color=PALETTE[0],
        zorder=3,
        label="event on record",
    )
    for j, r in enumerate(centre.itertuples()):
        ax.text(mdates.date2num(r.date), 0.45 + 0.18 * (j % 4), str(j + 1), fontsize=7, ha="center")
    ax.axvline(pd.Timestamp(as_of), color="black", ls="--", lw=1, label=f"as_of {as_of}")
    ax.set_yticks([])
    ax.set_ylim(-0.4, 1.3)
    _dates(ax)
    ax.legend(loc="upper right", fontsize=7)
    return fig, _ids(centre)
