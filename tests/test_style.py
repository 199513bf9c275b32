import datetime as dt

import matplotlib
import pytest

matplotlib.use("Agg")

from karabakh.figures.style import fingerprint, new  # noqa: E402


def _figure(values):
    fig, ax = new("test figure")
    days = [dt.date(2023, 9, d) for d in (24, 25, 26)]
    ax.plot(days, values, label="arrivals")
    ax.bar([1, 2], [3, 4])
    return fig


def test_fingerprint_names_series_counts_ranges_and_sources():
    text = fingerprint(_figure([1, 2, 3]), ["b-src", "a-src"])
    assert "'test figure'" in text
    assert "line 'arrivals' n=3 x=2023-09-24..2023-09-26 y=1..3" in text
    assert "bars n=2" in text
    assert text.rstrip().endswith("sources: a-src, b-src")


def test_changing_one_plotted_value_changes_the_fingerprint():
    # the middle value keeps count and range, so only the checksum can catch it
    assert fingerprint(_figure([1, 2, 3])) != fingerprint(_figure([1, 2.5, 3]))
    assert fingerprint(_figure([1, 2, 3])) == fingerprint(_figure([1, 2, 3]))


def test_tables_show_reads_dates_lists_whole_numbers_and_empty_frames():
    import pandas as pd

    from karabakh.figures.tables import show

    frame = pd.DataFrame(
        {
            "day": pd.to_datetime(["2023-09-19", None]),
            "ids": [["a", "b"], None],
            "count": [1960.0, None],
            "share": [0.5, 1.0],
        },
        index=[7, 9],
    )
    out = show(frame)
    assert list(out.index) == [0, 1]
    assert list(out["day"]) == ["2023-09-19", ""]
    assert list(out["ids"]) == ["a; b", ""]
    assert str(out["count"].dtype) == "Int64" and out.loc[0, "count"] == 1960
    assert list(out["share"]) == [0.5, 1.0]
    empty = pd.DataFrame({"a": pd.Series([], dtype="string"), "b": pd.Series([], dtype=float)})
    assert show(empty).empty


def test_figure_formats_default_to_png_and_svg_and_refuse_unknown_ones(monkeypatch, tmp_path):
    from karabakh.figures import style

    monkeypatch.delenv(style.FORMATS_ENV, raising=False)
    assert style.formats() == ("png", "svg")
    monkeypatch.setenv(style.FORMATS_ENV, " SVG, png ")
    assert style.formats() == ("png", "svg")  # one order, whatever the spelling
    monkeypatch.setenv(style.FORMATS_ENV, "png")
    assert style.formats() == ("png",)
    fig, ax = new("Formats")
    ax.plot([1, 2], [3, 4])
    assert [p.name for p in style.save(fig, tmp_path, "f")] == ["f.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.png"]
    for bad in ("pdf", "png,jpg", " , "):
        monkeypatch.setenv(style.FORMATS_ENV, bad)
        with pytest.raises(ValueError, match="KARABAKH_FIGURE_FORMATS"):
            style.formats()
