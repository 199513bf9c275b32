import datetime as dt

from karabakh.analysis.mandate import periods, status

START = dt.date(2020, 11, 10)


def test_five_year_term_with_renewal_and_six_months_notice():
    table = periods(START, 5, 5, 6, renewals=1)
    assert list(table["period"]) == ["first term", "renewal 1"]
    assert table.loc[0, "end"] == dt.date(2025, 11, 10)
    assert table.loc[0, "notice_by"] == dt.date(2025, 5, 10)
    assert table.loc[1, "start"] == dt.date(2025, 11, 10)
    assert table.loc[1, "end"] == dt.date(2030, 11, 10)


def test_other_rules_move_the_deadlines():
    table = periods(START, 3, 1, 3, renewals=2)
    assert list(table["end"]) == [
        dt.date(2023, 11, 10),
        dt.date(2024, 11, 10),
        dt.date(2025, 11, 10),
    ]
    assert table.loc[0, "notice_by"] == dt.date(2023, 8, 10)


def test_status_counts_days_to_deadlines():
    table = periods(START, 5, 5, 6, renewals=0)
    s = status(table, dt.date(2024, 6, 30))
    assert s["period"] == "first term"
    assert s["days_to_expiry"] == (dt.date(2025, 11, 10) - dt.date(2024, 6, 30)).days
    assert s["days_to_notice_deadline"] == (dt.date(2025, 5, 10) - dt.date(2024, 6, 30)).days
    assert status(table, dt.date(2026, 1, 1))["period"] == "outside the periods shown"


def test_milestones_are_first_deployment_and_latest_withdrawal_with_exact_days():
    import pandas as pd

    from karabakh.analysis.mandate import milestones

    events = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d", "e"],
            "date": pd.to_datetime(
                ["2020-11-10", "2020-11-20", "2024-04-17", "2024-06-12", "2024-07-01"]
            ),
            "date_precision": ["day", "day", "day", "day", "month"],
            "category": ["deployment", "deployment", "withdrawal", "withdrawal", "withdrawal"],
        }
    )
    assert list(milestones(events)["event_id"]) == ["a", "d"]


def test_renewal_deadlines_follow_the_renewal_length_not_the_first_term():
    table = periods(START, 5, 3, 6, renewals=2)
    assert list(table["end"]) == [
        dt.date(2025, 11, 10),
        dt.date(2028, 11, 10),
        dt.date(2031, 11, 10),
    ]
    assert list(table["notice_by"]) == [
        dt.date(2025, 5, 10),
        dt.date(2028, 5, 10),
        dt.date(2031, 5, 10),
    ]


def test_status_bounds_start_inclusive_end_exclusive():
    table = periods(START, 5, 5, 6, renewals=0)
    assert status(table, START)["days_since_start"] == 0
    assert status(table, dt.date(2025, 11, 9))["days_to_expiry"] == 1
    assert status(table, dt.date(2025, 11, 10))["period"] == "outside the periods shown"


def test_compare_and_describe_build_sentences_from_values():
    import pandas as pd

    from karabakh.analysis.mandate import compare, describe

    rule = pd.DataFrame(
        {
            "quantity": ["mandate_years", "mandate_years", "mandate_notice_months"],
            "value": [5.0, 5.0, 6.0],
        }
    )
    lines = compare(rule, term_years=3, renewal_years=5, notice_months=6)
    assert lines == [
        "term_years=3: differs from the sources, which give 5 (2 sources)",
        "renewal_years=5: no source on record at as_of",
        "notice_months=6: as in the statement (1 source(s) agree)",
    ]
    state = status(periods(START, 5, 5, 6, renewals=0), dt.date(2025, 6, 1))
    assert describe(state) == (
        "On 2025-06-01, under the rule chosen, the mandate is in its first term, 1,664 days "
        "after it began; the last day "
        "to give notice passed 22 days earlier, and the period ends in 162 days."
    )
