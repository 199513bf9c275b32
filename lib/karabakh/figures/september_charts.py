"""Charts of notebook 03: the operation's length, casualties, the exodus, population, the turn.

Each function returns (figure, source ids); `style.finish` adds the source line and fingerprint.
"""

from __future__ import annotations

import math

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..evidence.sources import ids_in
from .charts import ORIGIN_ORDER
from .style import LINESTYLES, MARKERS, PALETTE, new, use


def _colour(origin: str) -> tuple[str, str]:
    i = ORIGIN_ORDER.index(origin) if origin in ORIGIN_ORDER else len(ORIGIN_ORDER)
    return PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]


def duration_by_source(
    spans: pd.DataFrame, claimed: float, tolerance: float, clock: tuple, title: str
) -> tuple[Figure, list[str]]:
    """Each source's length in hours as a bar from low to high (open ends run to the edge),
    the claim with its tolerance as a band, and the length the start/ceasefire hours allow."""
    fig, ax = new(title, figsize=(8, 1.6 + 0.32 * len(spans)))
    finite = [v for v in list(spans["low"]) + list(spans["high"]) if math.isfinite(v)]
    edge = max(finite + [claimed + tolerance]) * 1.1 if finite else claimed * 2
    for i, r in enumerate(spans.itertuples()):
        high = r.high if math.isfinite(r.high) else edge
        colour = PALETTE[0] if r.within else PALETTE[3]
        ax.plot([r.low, high], [i, i], color=colour, lw=4, ls="-", solid_capstyle="butt")
        if r.low == r.high:
            ax.scatter([r.low], [i], color=colour, marker="D", s=30, zorder=3)
    labels = [f"{r.publisher or r.source_id} ({r.figure} {r.unit})" for r in spans.itertuples()]
    ax.set_yticks(range(len(spans)), labels, fontsize=7)
    ax.axvspan(claimed - tolerance, claimed + tolerance, color=PALETTE[1], alpha=0.25, lw=0)
    ax.axvline(
        claimed, color="black", ls="--", lw=1, label=f"article: {claimed:g} h +- {tolerance:g}"
    )
    if not any(math.isnan(v) for v in clock):
        ax.plot(
            list(clock),
            [-0.8, -0.8],
            color=PALETTE[2],
            lw=6,
            ls="-",
            label="start to ceasefire hours",
        )
    ax.set_xlabel("hours")
    ax.set_xlim(0, edge)
    ax.legend(loc="lower right", fontsize=7)
    return fig, sorted(set(spans["source_id"]))


def casualties_by_source(
    obs: pd.DataFrame, labels: dict[str, str], title: str
) -> tuple[Figure, list[str]]:
    """One panel per quantity: each source's figure against the day it was reported."""
    use()
    quantities = [q for q in labels if q in set(obs["quantity"])]
    cols = 2
    rows = max(1, math.ceil(len(quantities) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(9, 1.2 + 2.1 * rows), squeeze=False)
    for ax, q in zip(axes.flat, quantities, strict=False):
        part = obs[obs["quantity"] == q]
        for origin, group in part.groupby("origin_type", sort=True):
            colour, marker = _colour(origin)
            ax.scatter(
                group["reported_on"],
                group["value"],
                color=colour,
                marker=marker,
                s=28,
                label=origin.replace("_", " "),
                zorder=3,
            )
        for r in part.itertuples():
            if r.qualifier in ("at_least", "more_than"):
                ax.annotate(
                    "",
                    (r.reported_on, r.value * 1.12),
                    (r.reported_on, r.value),
                    arrowprops={"arrowstyle": "->", "lw": 0.7},
                )
        ax.set_title(labels[q], loc="left", fontsize=9)
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
        ax.legend(fontsize=6, loc="lower right")
    for ax in list(axes.flat)[len(quantities) :]:
        ax.set_visible(False)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
    return fig, sorted(set(obs["source_id"]))


def exodus_curves(
    points: pd.DataFrame, others: pd.DataFrame, final: dict, title: str
) -> tuple[Figure, list[str]]:
    """Cumulative arrivals as one step curve per kind of voice (`exodus.points`), other counts
    (registrations, UN figures) as markers, and the range of the final counts as a band."""
    fig, ax = new(title, figsize=(9, 4.6))
    for i, (voice, part) in enumerate(points.groupby("voice", sort=True)):
        colour, marker = _colour(voice)
        ax.step(
            part["at"],
            part["value"],
            where="post",
            color=colour,
            ls=LINESTYLES[i % len(LINESTYLES)],
            marker=marker,
            ms=4,
            label=f"arrivals, published by {voice.replace('_', ' ')}",
        )
    for j, (q, part) in enumerate(others.groupby("quantity", sort=True)):
        ax.scatter(
            part["at"],
            part["value"],
            marker=MARKERS[5 + j % 3],
            color="black",
            s=26,
            label=q.replace("_", " "),
            zorder=3,
        )
    if not math.isnan(final["lowest"]):
        ax.axhspan(
            final["lowest"],
            final["highest"],
            color=PALETTE[6],
            alpha=0.35,
            lw=0,
            label=f"final counts: {final['lowest']:,.0f} to {final['highest']:,.0f}",
        )
    ax.set_ylabel("people (cumulative)")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
    ax.legend(loc="upper left", fontsize=7)
    return fig, sorted(set(points["source_id"]) | set(others["source_id"]))


def population_ranges(
    spans: pd.DataFrame, origins: dict[str, str], labels: dict[str, str], title: str
) -> tuple[Figure, list[str]]:
    """Each source's population figure as an interval (log scale), grouped by quantity,
    coloured by the kind of source (`origins`: source id -> origin type)."""
    fig, ax = new(title, figsize=(9, 1.8 + 0.28 * len(spans)))
    order = [q for q in labels if q in set(spans["quantity"])]
    rows = spans.assign(k=spans["quantity"].map(order.index)).sort_values(["k", "ref_date", "low"])
    seen = set()
    ticks = []
    for i, r in enumerate(rows.itertuples()):
        origin = origins.get(r.source_id, "")
        colour, marker = _colour(origin)
        high = r.high if math.isfinite(r.high) else r.low * 1.5
        low = max(r.low, 10)
        label = origin.replace("_", " ") if origin not in seen else "_" + origin
        seen.add(origin)
        ax.plot([low, high], [i, i], color=colour, lw=3, ls="-")
        ax.scatter(
            [(low * high) ** 0.5], [i], color=colour, marker=marker, s=24, zorder=3, label=label
        )
        ticks.append(f"{labels[r.quantity]}: {r.figure} ({r.ref_date:%Y-%m-%d})")
    ax.set_yticks(range(len(ticks)), ticks, fontsize=7)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("people (log scale)")
    ax.legend(loc="lower right", fontsize=7)
    return fig, sorted(set(spans["source_id"]))


FRAME_LANES = {"involves_armenia": 2, "bilateral": 1, "other": 0}


def bilateral_turn(
    framed: pd.DataFrame, events: pd.DataFrame, turn_on, title: str
) -> tuple[Figure, list[str]]:
    """Russian officials' statements by date on lanes by framing, the operation as a line, and
    dated events (e.g. the dissolution decree and its contestation) as a lane of their own."""
    fig, ax = new(title, figsize=(9, 3.8))
    for i, (frame, lane) in enumerate(FRAME_LANES.items()):
        part = framed[framed["frame"] == frame]
        ax.scatter(
            part["date"],
            [lane] * len(part),
            marker=MARKERS[i],
            color=PALETTE[i],
            s=34,
            label=frame.replace("_", " "),
            zorder=3,
        )
    ax.scatter(
        events["date"],
        [-1] * len(events),
        marker="X",
        color="black",
        s=34,
        label="dissolution and its contestation",
        zorder=3,
    )
    when = pd.Timestamp(turn_on)
    ax.plot(
        [when, when], [-2, 2.5], color="black", ls="--", lw=1, label=f"operation {when:%d %b %Y}"
    )
    ax.set_yticks([2, 1, 0, -1], ["involves Armenia", "Moscow and Baku", "other", "events"])
    ax.set_ylim(-2, 2.6)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
    ax.legend(loc="upper left", fontsize=7, ncol=3)
    ids = set(ids_in(framed)) | (set(ids_in(events)) if len(events) else set())
    return fig, sorted(ids)
