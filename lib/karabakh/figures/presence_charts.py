"""Charts of notebook 02: Russian military presence over time, and the domestic debate by half-year.

Each function returns (figure, source ids); `style.finish` adds the source line and fingerprint.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..evidence.sources import ids_in
from .style import HATCHES, MARKERS, PALETTE, new, use


def presence_timeline(
    bars: pd.DataFrame, ranges: pd.DataFrame, points: pd.DataFrame, title: str
) -> tuple[Figure, list[str]]:
    """Lanes of presence: solid bars (`lane, start, end, label`), hatched uncertain spans
    (`lane, first, last, label`) and dated markers (`lane, date, label, source_ids`).

    Lanes are drawn top-down in the order they first appear in `bars`, then `ranges`, `points`.
    """
    fig, ax = new(title, figsize=(9, 4.4))
    lanes = list(dict.fromkeys([*bars["lane"], *ranges["lane"], *points["lane"]]))
    y = {lane: len(lanes) - 1 - i for i, lane in enumerate(lanes)}
    for i, r in enumerate(bars.itertuples()):
        start, end = mdates.date2num(r.start), mdates.date2num(r.end)
        ax.barh(y[r.lane], end - start, left=start, height=0.45, color=PALETTE[i % 4], alpha=0.75)
        ax.text(start, y[r.lane] + 0.3, r.label, fontsize=7, va="bottom")
    for r in ranges.itertuples():
        start, end = mdates.date2num(r.first), mdates.date2num(r.last)
        ax.barh(
            y[r.lane],
            max(end - start, 20),
            left=start,
            height=0.45,
            color="white",
            edgecolor=PALETTE[3],
            hatch=HATCHES[1],
        )
        ax.text(end + 60, y[r.lane] - 0.05, r.label, fontsize=7, va="center")
    for j, (lane, part) in enumerate(points.groupby("lane", sort=False)):
        ax.scatter(
            part["date"],
            [y[lane] - 0.33] * len(part),
            marker=MARKERS[2],
            color="black",
            s=22,
            zorder=3,
            label="dated record" if j == 0 else "_record",
        )
        for k, r in enumerate(part.itertuples()):
            ax.text(
                mdates.date2num(r.date),
                y[lane] - 0.42 - 0.12 * (k % 2),
                r.label,
                fontsize=6,
                va="top",
                ha="center",
            )
    ax.set_yticks(list(y.values()), list(y.keys()), fontsize=8)
    ax.set_ylim(-0.9, len(lanes) - 0.2)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ids = ids_in(points) if len(points) else []
    return fig, ids


STANCE_COLOURS = {"welcome": 2, "temporary": 0, "critical": 1, "opposed": 3}


def debate_counts(
    table: pd.DataFrame, labels: dict[str, str], coded: pd.DataFrame, title: str
) -> tuple[Figure, list[str]]:
    """One panel per actor: statements per half-year, stacked by stance (`debate.counts`)."""
    use()
    actors = list(dict.fromkeys(a for a, _ in table.columns))
    fig, axes = plt.subplots(
        len(actors), 1, figsize=(9, 1.5 + 1.3 * len(actors)), sharex=True, squeeze=False
    )
    x = list(range(len(table.index)))
    for ax, who in zip(axes[:, 0], actors, strict=True):
        bottom = [0] * len(x)
        for stance in [s for s in STANCE_COLOURS if (who, s) in table.columns]:
            values = list(table[(who, stance)])
            i = STANCE_COLOURS[stance]
            ax.bar(
                x,
                values,
                bottom=bottom,
                color=PALETTE[i],
                hatch=HATCHES[i],
                edgecolor="black",
                linewidth=0.4,
                label=stance,
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_title(labels.get(who, who), loc="left", fontsize=9)
        ax.set_ylabel("statements", fontsize=8)
        ax.set_ylim(0, max(max(bottom) + 1, 3))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="upper left", fontsize=7, ncol=4)
    axes[-1, 0].set_xticks(x, list(table.index), rotation=45, fontsize=8)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
    return fig, ids_in(coded[coded["stance"] != "none"]) if len(coded) else []
