"""One house style for figures, a source line under each, and a text fingerprint of what it plots.

nbval never compares PNG bytes, so `finish()` prints a compact description of the plotted data
(series, counts, ranges, a checksum of the values, the source ids). A changed figure changes that
text, and the stored-output regression test fails.
"""

from __future__ import annotations

import base64
import hashlib
import io
import numbers
import os
import textwrap
from collections.abc import Iterable
from pathlib import Path

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
# Paired with the colours so that a black-and-white print still separates the series.
LINESTYLES = ["-", "--", ":", "-."]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++"]


def use() -> None:
    """Apply the house style (called by `new`; harmless to call twice)."""
    mpl.rcParams.update(
        {
            "figure.figsize": (8, 4.2),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "font.size": 10,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.color": "#dddddd",
            "axes.prop_cycle": mpl.cycler(color=PALETTE[:4], linestyle=LINESTYLES),
            "svg.hashsalt": "karabakh",
            "legend.frameon": False,
        }
    )


def new(title: str, figsize: tuple[float, float] | None = None) -> tuple[Figure, Axes]:
    use()
    fig, ax = plt.subplots(figsize=figsize)
    ax.set_title(title, loc="left")
    return fig, ax


def finish(fig: Figure, source_ids: Iterable[str], ev, note: str = "", name: str = "") -> None:
    """Add the source line under `fig` (citations from snapshot `ev`) and print its fingerprint.

    With `name` (a stable file name, e.g. "contingent-size") and the environment variable
    KARABAKH_FIGURES_DIR set (the runner sets it), the figure is also saved there as PNG and SVG.
    In a notebook the figure is shown here, from the same PNG bytes as the file, and closed, so
    that it is drawn once for both instead of once more by the inline backend at the cell's end.

    Returns nothing on purpose: a returned value would be displayed by the kernel unless the cell
    ends with `;`, and nbval's kernel (history disabled) ignores that semicolon.
    """
    ids = sorted(set(source_ids))
    footer = ev.source_line(ids) + (f". {note}" if note else "")
    width = int(fig.get_figwidth() * 16)  # characters of 7-point text per line, with a margin
    lines = textwrap.wrap(footer, width)
    fig.text(0.01, 0.005, "\n".join(lines), fontsize=7, va="bottom", color="#333333")
    fig.tight_layout(rect=(0, 0.03 + 0.035 * len(lines), 1, 1))
    print(fingerprint(fig, ids))
    folder = os.environ.get(FIGURES_ENV)
    kernel = _kernel()
    if not (kernel or (name and folder)):
        return
    png = _png(fig)
    if name and folder:
        save(fig, Path(folder), name, png=png)
    if kernel:
        from IPython.display import publish_display_data

        publish_display_data({"image/png": base64.b64encode(png).decode("ascii")})
        plt.close(fig)


def _kernel():
    """The running IPython shell when it can show images (a notebook kernel), else None."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return None
    shell = get_ipython()
    return shell if shell is not None and type(shell).__name__ == "ZMQInteractiveShell" else None


def _png(fig: Figure) -> bytes:
    """`fig` as PNG bytes without the software stamp (the same bytes in every process)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


FIGURES_ENV = "KARABAKH_FIGURES_DIR"


FORMATS_ENV = "KARABAKH_FIGURE_FORMATS"
FORMATS = ("png", "svg")


def formats() -> tuple[str, ...]:
    """The file formats `save` writes: KARABAKH_FIGURE_FORMATS (e.g. "png"), default png and svg.

    SVG costs one more drawing of each figure; a run that needs no vector files can skip it.
    """
    given = os.environ.get(FORMATS_ENV, ",".join(FORMATS))
    chosen = tuple(f.strip().lower() for f in given.split(",") if f.strip())
    unknown = sorted(set(chosen) - set(FORMATS))
    if unknown or not chosen:
        raise ValueError(f"{FORMATS_ENV}={given!r}: give one or more of {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in chosen)


def save(fig: Figure, folder: Path, name: str, png: bytes | None = None) -> list[Path]:
    """Write `fig` as folder/NAME.png and folder/NAME.svg (see `formats`), without date or
    software stamps.

    `png`: the figure's PNG bytes when the caller has drawn them already (`finish` has).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats():
        path = folder / f"{name}.{fmt}"
        if fmt == "png":
            path.write_bytes(png if png is not None else _png(fig))
        else:
            fig.savefig(path, metadata={"Date": None, "Creator": None})
        paths.append(path)
    return paths


def fingerprint(fig: Figure, source_ids: Iterable[str] = ()) -> str:
    """A few lines naming what `fig` plots; any change of plotted values changes the checksum."""
    lines = []
    for ax in fig.axes:
        lines.append(
            f"axes {ax.get_title(loc='left') or ax.get_title()!r}: "
            f"x={ax.get_xlabel()!r} y={ax.get_ylabel()!r}"
        )
        xdate, ydate = _is_date(ax.xaxis), _is_date(ax.yaxis)
        for line in ax.get_lines():
            xs, ys = list(line.get_xdata()), list(line.get_ydata())
            lines.append("  line " + _series(line.get_label(), xs, ys, xdate, ydate))
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        if bars:
            xs = [p.get_x() for p in bars]
            ys = [p.get_y() + p.get_height() for p in bars]
            ws = [p.get_width() for p in bars]
            lines.append("  bars " + _series("", xs, ys, xdate, ydate) + f" width_sum={sum(ws):g}")
        for coll in ax.collections:
            offsets = coll.get_offsets()
            if len(offsets):
                lines.append(
                    "  points "
                    + _series(
                        coll.get_label(), list(offsets[:, 0]), list(offsets[:, 1]), xdate, ydate
                    )
                )
        labels = [t.get_text() for t in ax.texts]
        if labels:
            lines.append(f"  labels n={len(labels)} crc={_crc(labels)}")
    lines.append("  sources: " + ", ".join(sorted(set(source_ids))))
    return "figure fingerprint\n" + "\n".join(lines)


def _is_date(axis) -> bool:
    return isinstance(
        axis.get_major_formatter(),
        mdates.DateFormatter | mdates.AutoDateFormatter | mdates.ConciseDateFormatter,
    )


def _num(value) -> float:
    """Plotted values as floats; dates become matplotlib day numbers."""
    if isinstance(value, numbers.Number):
        return float(value)
    return float(mdates.date2num(value))


def _fmt(values: list, is_date: bool) -> str:
    lo, hi = min(values), max(values)
    if is_date:
        return f"{mdates.num2date(lo):%Y-%m-%d}..{mdates.num2date(hi):%Y-%m-%d}"
    return f"{lo:g}..{hi:g}"


def _series(label: str, xs: list, ys: list, xdate: bool, ydate: bool) -> str:
    name = f"{label!r} " if label and not label.startswith("_") else ""
    if not xs:
        return f"{name}n=0"
    xs, ys = [_num(v) for v in xs], [_num(v) for v in ys]
    checksum = _crc([round(v, 6) for v in xs + ys])
    return f"{name}n={len(xs)} x={_fmt(xs, xdate)} y={_fmt(ys, ydate)} crc={checksum}"


def _crc(values: list) -> str:
    return hashlib.sha256(repr(values).encode()).hexdigest()[:10]
