"""Tables for reading: whole numbers as integers, fractions kept, dates and lists as text."""

import pandas as pd

from karabakh.figures import tables


def test_whole_floats_become_integers_and_fractions_stay():
    frame = pd.DataFrame(
        {"troops": [1960.0, None, 2000.0], "share": [0.5, 1.0, None], "n": [1, 2, 3]},
        index=[5, 6, 7],
    )
    out = tables.show(frame)
    assert str(out["troops"].dtype) == "Int64"
    assert out["troops"].tolist()[0] == 1960 and pd.isna(out["troops"][1])
    assert out["share"].dtype == float
    assert list(out.index) == [0, 1, 2]
    assert "1960.0" not in out.to_string() and "1960" in out.to_string()


def test_dates_and_lists_become_text():
    frame = pd.DataFrame({"date": pd.to_datetime(["2020-11-10", None]), "ids": [["a", "b"], None]})
    out = tables.show(frame)
    assert out["date"].tolist() == ["2020-11-10", ""]
    assert out["ids"].tolist() == ["a; b", ""]


def test_long_text_is_not_truncated():
    text = "word " * 40
    assert text.strip() in pd.DataFrame({"t": [text.strip()]})._repr_html_()
