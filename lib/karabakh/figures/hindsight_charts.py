"""Figures of notebook 07 (claims in hindsight, forecasts scored); each returns (figure, ids)."""

from __future__ import annotations

import math

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from .style import HATCHES, MARKERS, PALETTE, new


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def verdicts_by_section(table: pd.DataFrame, title: str) -> tuple[Figure, list[str]]:
    """Stacked horizontal bars: claims per section (rows of `table`) by verdict (its columns)."""
    fig, ax = new(title, figsize=(8, 3.8))
    left = pd.Series(0, index=table.index, dtype=float)
    labels = [f"notebook {s}" for s in table.index]
    for i, verdict in enumerate(table.columns):
        ax.barh(
            labels,
            table[verdict],
            left=left,
            color=_colour(i),
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="black",
            linewidth=0.5,
            label=verdict,
        )
        left = left + table[verdict]
    ax.invert_yaxis()
    ax.set_xlabel("claims")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    return fig, []


def verdicts_over_time(
    history: pd.DataFrame, verdicts: list[str], title: str
) -> tuple[Figure, list[str]]:
    """Stacked areas of claims by verdict at each month end (`history`: date, verdict, claims)."""
    fig, ax = new(title, figsize=(9, 4.2))
    wide = history.pivot_table(index="date", columns="verdict", values="claims", fill_value=0)
    wide = wide.reindex(columns=[v for v in verdicts if v in wide.columns])
    bottom = pd.Series(0.0, index=wide.index)
    for i, verdict in enumerate(wide.columns):
        top = bottom + wide[verdict]
        ax.fill_between(
            wide.index,
            bottom,
            top,
            step="post",
            color=_colour(i),
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="black",
            linewidth=0.3,
            alpha=0.8,
            label=verdict,
        )
        ax.plot(wide.index, top, drawstyle="steps-post", color="black", lw=0.4, label="_edge")
        bottom = top
    ax.set_ylabel("claims")
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    return fig, []


def sensitivity(
    band: pd.DataFrame,
    base: pd.DataFrame,
    chosen: str,
    title: str,
    span: tuple[float, float] | None = None,
    score: str = "brier",
) -> tuple[Figure, list[str]]:
    """Per scale: the overall score at the band's low end, middle and high end; baselines as lines.

    `band` comes from `scoring.band`, `base` from `scoring.baselines`; `chosen` is marked; `span`
    (the combined band on the fixed set) is shaded.
    """
    scales = sorted(set(band["scale_id"]))
    fig, ax = new(title, figsize=(8, 1.8 + 0.45 * max(len(scales), 1)))
    if span is not None and not math.isnan(span[0]):
        ax.axvspan(span[0], span[1], color=PALETTE[5], alpha=0.25, label="band on the fixed set")
        ax.plot(list(span), [-0.5, -0.5], color=PALETTE[5], lw=4, label="_span")
    for y, scale in enumerate(scales):
        part = band[band["scale_id"] == scale].set_index("end")
        n = int(part["n"].iloc[0])
        ax.plot(
            [part.at["low", score], part.at["high", score]],
            [y, y],
            color="black",
            ls="-",
            lw=1.5,
            label="band ends (low to high)" if y == 0 else "_band",
        )
        ax.scatter(
            [part.at["mid", score]],
            [y],
            marker=MARKERS[0] if scale != chosen else MARKERS[7],
            s=60 if scale != chosen else 140,
            color=PALETTE[0] if scale != chosen else PALETTE[3],
            zorder=3,
            label="_mid",
        )
        ax.text(part.at["high", score], y + 0.18, f" n={n}", fontsize=7)
    for i, row in enumerate(base.itertuples()):
        value = getattr(row, score)
        if not math.isnan(value):
            ax.axvline(
                value,
                color=PALETTE[(i + 1) % len(PALETTE)],
                ls=["--", ":", "-."][i % 3],
                lw=1.2,
                label=f"baseline: {row.baseline} ({value:.3f})",
            )
    ax.set_yticks(range(len(scales)), [s + (" (chosen)" if s == chosen else "") for s in scales])
    ax.set_ylim(-0.6, len(scales) - 0.4)
    ax.set_xlabel(f"overall {score} score (lower is better)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7)
    return fig, []


def calibration(points: pd.DataFrame, title: str) -> tuple[Figure, list[str]]:
    """Stated probability (with its band as a bar) against outcome, each point labelled by id.

    `points`: forecast_id, p, low, high, outcome, group ("covered" or a reading).
    """
    fig, ax = new(title, figsize=(8, 4.2))
    ax.plot([0, 1], [0, 1], color="#999999", ls=":", lw=1, label="perfect calibration")
    for i, (group, part) in enumerate(points.groupby("group", sort=True)):
        jitter = [0.04 * ((k % 3) - 1) for k in range(len(part))]
        ys = [o + j for o, j in zip(part["outcome"], jitter, strict=True)]
        ax.errorbar(
            part["p"],
            ys,
            xerr=[part["p"] - part["low"], part["high"] - part["p"]],
            fmt=MARKERS[i],
            color=PALETTE[i * 3 % len(PALETTE)],
            capsize=3,
            label=group,
        )
        for x, y, name in zip(part["p"], ys, part["forecast_id"], strict=True):
            ax.text(x, y + 0.05, name, fontsize=7, ha="center")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.25, 1.3)
    ax.set_yticks([0, 1], ["did not happen (0)", "happened (1)"])
    ax.set_xlabel("stated probability (band of the chosen scale)")
    ax.legend(loc="center right", fontsize=7)
    return fig, []
