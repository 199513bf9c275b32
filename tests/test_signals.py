"""Drawdown signals: kinds by rule, kinds of source by as_of, post steps with gaps, the centre."""

import datetime as dt

import pandas as pd

from karabakh import evidence
from karabakh.analysis import signals
from karabakh.evidence.dates import ARTICLE_AS_OF, TODAY


def _events(*rows):
    cols = ["event_id", "date", "category", "title", "description", "source_ids"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


EVENTS = _events(
    ("e1", "2023-10-05", "withdrawal", "Posts dismantled on the line", "", ["s1"]),
    ("e2", "2023-11-06", "withdrawal", "Rotation complete, kit home for repair", "", ["s1", "s2"]),
    ("e3", "2024-04-17", "withdrawal", "Kremlin confirms pullout", "", ["s2", "s3"]),
    ("e4", "2024-04-26", "monitoring_centre", "Joint centre closes", "A ceremony", ["s3"]),
    ("e5", "2024-05-15", "withdrawal", "Base handed over", "a closing ceremony", ["s2"]),
    ("e6", "2024-05-18", "withdrawal", "Column leaves by rail", "", ["s4"]),
    ("e7", "2024-06-12", "withdrawal", "Completion of the withdrawal", "", ["s3"]),
    ("e8", "2023-10-01", "monitoring_centre", "Guards at 25 posts", "", ["s1"]),
    ("e9", "2021-01-30", "monitoring_centre", "Joint centre opens", "", ["s1"]),
    ("e0", "2023-10-06", "statement", "Posts closed, says ministry", "", ["s1"]),
)
SOURCES = pd.DataFrame(
    {
        "source_id": ["s1", "s2", "s3", "s4"],
        "published": pd.to_datetime(["2023-10-05", "2023-11-06", "2024-06-12", None]),
        "original_origin_type": ["government", "state_affiliated_media", "independent_media", "x"],
    }
)


def test_kinds_follow_the_ordered_rules():
    classified = signals.classify(EVENTS)
    got = dict(zip(classified["event_id"], classified["kind"], strict=True))
    assert got == {
        "e1": "posts closed",
        "e2": "completion",  # 'complete' in the title wins over rotation: first rule first
        "e3": "announcement or report",
        "e4": "monitoring centre",  # the centre rule precedes the ceremony rule
        "e5": "ceremony",  # found in the description
        "e6": "units leave",  # withdrawal fallback
        "e7": "completion",
        "e8": "other",  # monitoring_centre fallback: guard posts are not closures
        "e9": "monitoring centre",
        "e0": "posts closed",
    }


def test_signals_keep_two_categories_from_a_day_on():
    got = signals.signals(EVENTS, dt.date(2023, 10, 5))
    assert list(got["event_id"]) == ["e1", "e2", "e3", "e4", "e5", "e6", "e7"]
    assert list(signals.signals(EVENTS, dt.date(2024, 6, 12))["event_id"]) == ["e7"]


def test_source_kinds_count_only_sources_published_by_as_of():
    sig = signals.signals(EVENTS, dt.date(2023, 10, 5))
    early = signals.source_kinds(sig, SOURCES, dt.date(2023, 11, 6))
    assert list(zip(early["event_id"], early["source_kind"], early["n_sources"], strict=True)) == [
        ("e1", "government", 1),
        ("e2", "government", 1),
        ("e2", "state_affiliated_media", 1),
        ("e3", "state_affiliated_media", 1),
        ("e5", "state_affiliated_media", 1),
        ("e6", "x", 1),  # undated source: counted
    ]
    late = signals.source_kinds(sig, SOURCES, dt.date(2024, 6, 12))
    assert ("e7", "independent_media") in set(
        zip(late["event_id"], late["source_kind"], strict=True)
    )
    assert signals.source_kinds(sig.iloc[:0], SOURCES, dt.date(2024, 1, 1)).empty


def _obs(*rows):
    frame = pd.DataFrame(rows, columns=["quantity", "ref_date", "value", "source_id"])
    frame["ref_date"] = pd.to_datetime(frame["ref_date"])
    return frame


POSTS = _obs(
    ("p", "2020-11-14", 12, "a"),
    ("p", "2020-11-20", 23, "b"),
    ("p", "2020-11-20", 23, "b"),  # the same row twice: counted once
    ("p", "2020-11-20", 25, "c"),
    ("p", "2021-01-10", 23, "a"),
    ("p", "2022-08-03", 27, "d"),
    ("q", "2023-10-01", 6, "e"),
)


def test_post_segments_hold_a_count_only_within_the_gap():
    seg = signals.post_segments(POSTS, gap_days=60)
    p = seg[seg["quantity"] == "p"]
    assert list(p["start"].dt.strftime("%m-%d")) == ["11-14", "11-20", "01-10", "08-03"]
    assert list(p["end"].dt.strftime("%Y-%m-%d")) == [
        "2020-11-20",
        "2021-01-10",  # 51 days: carried
        "2021-01-10",  # 570 days: a gap
        "2022-08-03",  # the last count
    ]
    assert list(zip(p["low"], p["high"], p["n_sources"], strict=True)) == [
        (12, 12, 1),
        (23, 25, 2),
        (23, 23, 1),
        (27, 27, 1),
    ]
    assert signals.post_segments(POSTS, gap_days=50)["end"].iloc[1] == pd.Timestamp("2020-11-20")


def test_gaps_list_the_silences():
    gaps = signals.gaps(signals.post_segments(POSTS, gap_days=60))
    assert gaps.to_dict("records") == [
        {
            "quantity": "p",
            "from": pd.Timestamp("2021-01-10"),
            "to": pd.Timestamp("2022-08-03"),
            "days": 570,
        }
    ]
    assert len(signals.gaps(signals.post_segments(POSTS, gap_days=600))) == 0


def test_summary_and_sentence():
    sig = signals.signals(EVENTS, dt.date(2023, 10, 5))
    s = signals.summary(sig, dt.date(2026, 1, 1), dt.date(2025, 11, 10))
    assert (s["n_signals"], s["completed_on"], s["days_before_term_end"]) == (
        7,
        dt.date(2024, 6, 12),
        516,
    )
    assert "516 days before" in signals.describe(s)
    early = signals.summary(sig.iloc[:1], dt.date(2023, 11, 6), dt.date(2025, 11, 10))
    assert early["completed_on"] is None
    assert signals.describe(early).endswith("no completion of the withdrawal is on record yet.")
    none = signals.summary(sig.iloc[:0], dt.date(2023, 1, 1), dt.date(2025, 11, 10))
    assert signals.describe(none) == "By 2023-01-01 no drawdown signal is on record."


def test_centre_life_from_opening_to_closure():
    centre = signals.centre_events(EVENTS)
    assert list(centre["event_id"]) == ["e9", "e4"]
    life = signals.centre_life(centre, dt.date(2026, 1, 1))
    assert (life["opened"], life["closed"], life["days_working"]) == (
        dt.date(2021, 1, 30),
        dt.date(2024, 4, 26),
        1182,
    )
    open_ = signals.centre_life(centre.iloc[:1], dt.date(2021, 2, 9))
    assert (open_["closed"], open_["days_working"]) == (None, 10)


def test_live_data_completion_hidden_at_the_vantage():
    """In the real evidence, the completion is absent at the article's date, present today."""
    then = signals.signals(evidence.at(ARTICLE_AS_OF)["events"], dt.date(2023, 9, 19))
    now = signals.signals(evidence.at(TODAY)["events"], dt.date(2023, 9, 19))
    assert "completion" not in set(then["kind"])
    assert "completion" in set(now["kind"])
    assert set(then["event_id"]) < set(now["event_id"])
