"""Claims in hindsight: month ends, verdict counts and the verdict history on a small snapshot."""

import datetime as dt

import pandas as pd

from karabakh import evidence
from karabakh.analysis import hindsight


def test_month_ends_start_and_end_once():
    assert hindsight.month_ends("2023-11-06", "2024-01-15") == [
        dt.date(2023, 11, 6),
        dt.date(2023, 11, 30),
        dt.date(2023, 12, 31),
        dt.date(2024, 1, 15),
    ]
    assert hindsight.month_ends("2023-11-30", "2023-12-31") == [
        dt.date(2023, 11, 30),
        dt.date(2023, 12, 31),
    ]
    assert hindsight.month_ends("2023-11-06", "2023-11-06") == [dt.date(2023, 11, 6)]


def test_order_puts_known_verdicts_first():
    assert hindsight.order(["no data yet", "zzz", "supported", "inconsistent"]) == [
        "supported",
        "inconsistent",
        "no data yet",
        "zzz",
    ]


def _snapshot(as_of):
    events = pd.DataFrame(
        {
            "event_id": ["ev-1", "ev-2"],
            "date": pd.to_datetime(["2023-10-01", "2024-01-10"]),
            "reported_on": pd.to_datetime(["2023-10-01", "2024-01-15"]),
        }
    )
    claims = pd.DataFrame(
        {
            "claim_id": ["cl-a", "cl-b"],
            "paragraph": [3, 11],
            "section": ["03", "06"],
            "claim": ["a", "b"],
            "method": ["record", "record"],
            "check_keys": [["ev-1"], ["ev-2"]],
            "claimed_value": [None, None],
            "ref_from": pd.to_datetime([None, None]),
            "ref_to": pd.to_datetime([None, None]),
            "tolerance": [None, None],
            "assessment": [None, None],
            "source_ids": [["s1"], ["s1"]],
            "reported_on": pd.to_datetime(["2023-11-06"] * 2),
        }
    )
    return evidence.Snapshot.of(as_of, {"events": events, "claims": claims})


def test_history_counts_verdicts_as_evidence_arrives():
    got = hindsight.history(_snapshot("2024-02-10"), "2023-11-06")
    wide = got.pivot_table(index="date", columns="verdict", values="claims", fill_value=0)
    assert list(wide.index) == list(
        pd.to_datetime(["2023-11-06", "2023-11-30", "2023-12-31", "2024-01-31", "2024-02-10"])
    )
    assert list(wide["supported"]) == [1, 1, 1, 2, 2]
    assert list(wide["no data yet"]) == [1, 1, 1, 0, 0]


def test_glance_sets_the_vantage_verdict_beside_the_later_one():
    got = hindsight.glance(_snapshot("2023-11-06"), _snapshot("2024-02-10")).set_index("claim_id")
    assert got.at["cl-a", "verdict_then"] == "supported" == got.at["cl-a", "verdict"]
    assert (got.at["cl-b", "verdict_then"], got.at["cl-b", "verdict"]) == (
        "no data yet",
        "supported",
    )
    counts = hindsight.counts(got.reset_index())
    assert counts.loc["06", "supported"] == 1 and counts.loc["03", "supported"] == 1
