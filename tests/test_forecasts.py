"""Forecasts: resolution against dated records, and words read through scales, on hand-made rows."""

import pandas as pd
import pytest

from karabakh.analysis import forecasts
from karabakh.errors import DataError


def _forecasts(*rows):
    cols = ["forecast_id", "wording", "scale_term", "resolution_date", "resolving_event_ids"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["resolution_date"] = pd.to_datetime(frame["resolution_date"])
    return frame


DATED = pd.Series(
    pd.to_datetime(["2024-04-17", "2025-01-05", "2024-12-31"]), index=["e1", "e2", "e4"]
)
ROWS = _forecasts(
    ("f-yes", "signal", None, "2025-11-10", ["e1"]),
    ("f-late", "uncertain", None, "2024-12-31", ["e2"]),
    ("f-open", "improbable", None, "2025-11-10", ["e3"]),
    ("f-none", "improbable", None, "2024-12-31", None),
    ("f-on-due-day", "improbable", None, "2024-12-31", ["e1", "e4"]),
)


def _status(outcome_as_of, premises=None, rows=ROWS, dated=DATED):
    got = forecasts.resolve(rows, dated, outcome_as_of, premises)
    return dict(zip(got["forecast_id"], got["status"], strict=True)), got.set_index("forecast_id")


def test_resolution_yes_no_and_not_yet():
    status, table = _status("2026-11-27")
    assert status == {
        "f-yes": "yes",
        "f-late": "no",
        "f-open": "no",
        "f-none": "no",
        "f-on-due-day": "yes",
    }
    assert table.at["f-yes", "resolved_on"] == pd.Timestamp("2024-04-17")
    assert table.at["f-on-due-day", "resolved_on"] == pd.Timestamp("2024-12-31")
    assert "dated after the resolution date: e2 (2025-01-05)" in table.at["f-late", "reason"]
    assert table.at["f-open", "reason"] == "resolving record not on file: e3"


def test_before_the_resolution_date_a_forecast_is_open_unless_already_yes():
    # on 31 Mar 2024 none of the records is on file yet (the snapshot's `dated` is empty)
    status, table = _status("2024-03-31", dated=DATED.iloc[:0])
    assert set(status.values()) == {"not yet"}
    assert pd.isna(table.at["f-yes", "resolved_on"])
    # by 1 May 2024 e1 is on file: yes before the resolution date; the others stay open
    status, _ = _status("2024-05-01", dated=DATED.loc[["e1"]])
    assert status == {"f-yes": "yes", "f-late": "not yet", "f-open": "not yet"} | {
        "f-none": "not yet",
        "f-on-due-day": "not yet",
    }


def test_resolution_day_itself_counts_as_passed():
    status, _ = _status("2024-12-31")
    assert status["f-none"] == "no"
    status, _ = _status("2024-12-30")
    assert status["f-none"] == "not yet"


def test_failed_premise_is_ambiguous_only_once_the_date_has_passed():
    premises = {"f-none": ["e9"], "f-yes": ["e1"]}
    status, table = _status("2026-11-27", premises)
    assert status["f-none"] == "ambiguous"
    assert table.at["f-none", "reason"] == "premise not met: e9"
    assert status["f-yes"] == "yes"  # its premise e1 is on file
    late_premise = {"f-none": ["e2"]}  # on file, but dated after the resolution date
    assert _status("2026-11-27", late_premise)[0]["f-none"] == "ambiguous"
    assert _status("2024-06-01", premises)[0]["f-none"] == "not yet"


def test_normalise_drops_parentheses_and_case():
    assert forecasts.normalise("Improbable (improbably)") == "improbable"
    assert forecasts.normalise("almost certain(ly)") == "almost certain"
    assert forecasts.normalise("  Roughly   even chance ") == "roughly even chance"


def _scales():
    bands = pd.DataFrame(
        {
            "scale_id": ["icd", "icd", "icd", "ipcc"],
            "term": ["unlikely", "improbable (improbably)", "roughly even chance", "unlikely"],
            "p_low": [0.2, 0.2, 0.45, 0.1],
            "p_high": [0.45, 0.45, 0.55, 0.33],
            "source_id": ["s-icd"] * 3 + ["s-ipcc"],
        }
    )
    survey = pd.DataFrame(
        {
            "survey_id": ["poll"],
            "term": ["improbable"],
            "n": [46],
            "q1": [0.07],
            "median": [0.15],
            "q3": [0.28],
            "source_id": ["s-poll"],
        }
    )
    return forecasts.scale_table(bands, survey)


def test_scale_table_bands_and_quartiles():
    table = _scales().set_index(["scale_id", "key"])
    assert table.at[("icd", "unlikely"), "mid"] == pytest.approx(0.325)
    assert table.at[("poll", "improbable"), "mid"] == pytest.approx(0.15)  # the median
    assert table.at[("poll", "improbable"), "low"] == pytest.approx(0.07)
    assert table.at[("poll", "improbable"), "kind"] == "survey"


WORDS = _forecasts(
    ("f-improbable", "improbable", "unlikely", "2025-11-10", None),
    ("f-uncertain", "uncertain", "roughly even chance", "2024-12-31", None),
    ("f-signal", "signal", None, "2025-11-10", None),
)


def test_readings_by_wording_then_recorded_term():
    got = forecasts.readings(WORDS, _scales())
    pairs = set(zip(got["forecast_id"], got["scale_id"], got["via"], strict=True))
    assert pairs == {
        ("f-improbable", "icd", "wording"),
        ("f-improbable", "poll", "wording"),
        ("f-improbable", "ipcc", "scale_term"),
        ("f-uncertain", "icd", "scale_term"),
    }
    assert list(forecasts.covered(WORDS, _scales())) == [True, True, False]


def test_uncovered_wording_only_under_an_explicit_reading():
    even = forecasts.readings(WORDS, _scales(), "even")
    row = even[even["forecast_id"] == "f-signal"].iloc[0]
    assert (row["scale_id"], row["mid"], row["via"]) == ("reading: even", 0.5, "reading: even")
    near = forecasts.readings(WORDS, _scales(), "nearest_term")
    signal = near[near["forecast_id"] == "f-signal"]
    assert signal.empty  # "signal" reads as "likely", which these scales lack
    moved = WORDS.assign(wording=["improbable", "uncertain", "worst scenario"])
    near = forecasts.readings(moved, _scales(), "nearest_term")
    worst = near[near["forecast_id"] == "f-signal"]
    assert set(worst["scale_id"]) == {"icd", "ipcc"}  # read as "unlikely"
    assert set(worst["via"]) == {"reading: nearest_term"}
    with pytest.raises(DataError, match="unknown reading"):
        forecasts.readings(WORDS, _scales(), "guess")


def test_scored_set_keeps_only_resolved_and_chosen_marks_groups():
    resolution = pd.DataFrame(
        {"forecast_id": ["f-improbable", "f-uncertain", "f-signal"]}
        | {"status": ["no", "not yet", "yes"]}
    )
    mapping = forecasts.readings(WORDS, _scales(), "even")
    scored = forecasts.scored_set(resolution, mapping)
    assert set(scored["forecast_id"]) == {"f-improbable", "f-signal"}
    assert set(scored[scored["forecast_id"] == "f-improbable"]["outcome"]) == {0}
    picked = forecasts.chosen(scored, "icd")
    assert list(picked["forecast_id"]) == ["f-improbable", "f-signal"]
    assert list(picked["group"]) == ["covered", "uncovered (reading: even)"]


def test_scale_table_exactly():
    """Bands give low/high from p_low/p_high and mid between; surveys give q1/median/q3; a term
    repeated within a scale (a synonym listed twice) keeps its first row; the index is fresh."""
    from karabakh.analysis import forecasts as fc

    scales = pd.DataFrame(
        {
            "scale_id": ["icd", "icd", "icd"],
            "term": ["Likely (probable)", "likely", "Unlikely"],
            "p_low": [0.55, 0.6, 0.2],
            "p_high": [0.8, 0.9, 0.45],
            "source_id": ["s1", "s1", "s1"],
        }
    )
    surveys = pd.DataFrame(
        {
            "survey_id": ["poll"],
            "term": ["Likely"],
            "q1": [0.6],
            "median": [0.7],
            "q3": [0.75],
            "source_id": ["s2"],
        }
    )
    got = fc.scale_table(scales, surveys)
    assert list(got.columns) == fc.SCALE_COLUMNS
    assert list(got.index) == [0, 1, 2]
    rows = [
        [r.scale_id, r.kind, r.term, r.low, round(r.mid, 6), r.high, r.source_id, r.key]
        for r in got.itertuples()
    ]
    assert rows == [
        ["icd", "band", "Likely (probable)", 0.55, 0.675, 0.8, "s1", "likely"],
        ["icd", "band", "Unlikely", 0.2, 0.325, 0.45, "s1", "unlikely"],
        ["poll", "survey", "Likely", 0.6, 0.7, 0.75, "s2", "likely"],
    ]
    assert fc.scale_table(scales, None)["scale_id"].tolist() == ["icd", "icd"]
    assert fc.scale_table(scales, surveys.iloc[:0])["kind"].tolist() == ["band", "band"]
