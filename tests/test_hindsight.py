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


def _assessed_snapshot(as_of, extra_event=False):
    """Two claims: a record claim on ev-1 and an assessed one resting on source s2 (published
    2024-01-20); one observation of an unrelated quantity."""
    events = pd.DataFrame(
        {
            "event_id": ["ev-1", "ev-9"] if extra_event else ["ev-1"],
            "date": pd.to_datetime(["2023-12-05", "2023-12-06"][: 2 if extra_event else 1]),
            "reported_on": pd.to_datetime(["2023-12-05", "2023-12-06"][: 2 if extra_event else 1]),
        }
    )
    claims = pd.DataFrame(
        {
            "claim_id": ["cl-r", "cl-s"],
            "paragraph": [1, 2],
            "section": ["01", "02"],
            "claim": ["r", "s"],
            "method": ["record", "assessed"],
            "check_keys": [["ev-1"], None],
            "claimed_value": [None, None],
            "ref_from": pd.to_datetime([None, None]),
            "ref_to": pd.to_datetime([None, None]),
            "tolerance": [None, None],
            "assessment": [None, "partly supported"],
            "source_ids": [["s1"], ["s2"]],
            "reported_on": pd.to_datetime(["2023-11-06"] * 2),
        }
    )
    sources = pd.DataFrame(
        {
            "source_id": ["s1", "s2", "s3"],
            "publisher": ["P", "Q", "R"],
            "origin_type": ["independent_media"] * 3,
            "origin_country": ["AM", "AZ", "RU"],
            "published": pd.to_datetime(["2023-11-01", "2024-01-20", "2023-12-01"]),
        }
    )
    observations = pd.DataFrame(
        {
            "obs_id": ["ob-1"],
            "quantity": ["other_quantity"],
            "value": [5.0],
            "ref_date": pd.to_datetime(["2023-12-01"]),
            "reported_on": pd.to_datetime(["2023-12-01"]),
            "source_id": ["s3"],
        }
    )
    tables = {"events": events, "claims": claims, "sources": sources, "observations": observations}
    return evidence.Snapshot.of(as_of, tables)


def test_verdict_inputs_change_with_what_the_verdicts_read_and_only_then():
    from karabakh.analysis import claims

    key = claims.verdict_inputs
    # nothing the claims read arrives between these two days (ob-1 is of another quantity)
    assert key(_assessed_snapshot("2023-11-10")) == key(_assessed_snapshot("2023-12-02"))
    # an event the claims do not name leaves the key alone
    assert key(_assessed_snapshot("2023-12-10")) == key(_assessed_snapshot("2023-12-10", True))
    # ev-1 on record, then s2 published: each changes the key
    assert key(_assessed_snapshot("2023-12-02")) != key(_assessed_snapshot("2023-12-05"))
    assert key(_assessed_snapshot("2024-01-19")) != key(_assessed_snapshot("2024-01-20"))


def test_history_equals_a_recount_at_every_month_end():
    from karabakh.analysis import claims

    ev = _assessed_snapshot("2024-03-15")
    got = hindsight.history(ev, "2023-11-06")
    tables = {name: ev[name] for name in ev.names}
    rows = []
    for when in hindsight.month_ends("2023-11-06", "2024-03-15"):
        tally = claims.verdicts(evidence.Snapshot.of(when, tables))["verdict"].value_counts()
        rows += [[pd.Timestamp(when), v, int(n)] for v, n in tally.items()]
    want = pd.DataFrame(rows, columns=["date", "verdict", "claims"])
    want = want.sort_values(["date", "verdict"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)
    # the assessed claim turns from no data to its assessment once s2 is out (20 Jan 2024)
    wide = got.pivot_table(index="date", columns="verdict", values="claims", fill_value=0)
    assert list(wide["partly supported"]) == [0, 0, 0, 1, 1, 1]
    assert list(wide["supported"]) == [0, 0, 1, 1, 1, 1]  # ev-1 reported on 5 Dec
