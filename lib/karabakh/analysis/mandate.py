"""The mandate clock: terms, expiry dates and notice deadlines of the peacekeeping mandate.

Point 4 of the 10 November 2020 statement sets a first term with automatic renewals unless a party
gives notice a set number of months before expiry. The lengths are parameters, so a seminar can ask
what a different rule would have meant; the notebooks compare the defaults with the sourced text.
Everything here is pure date arithmetic on the values and frames it is given; days are calendar
days, and `end` is the first day after a period (the next period's `start`).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd


def _add(day: dt.date, years: int = 0, months: int = 0) -> dt.date:
    return (pd.Timestamp(day) + pd.DateOffset(years=years, months=months)).date()


def periods(
    start: dt.date, term_years: int, renewal_years: int, notice_months: int, renewals: int
) -> pd.DataFrame:
    """One row per mandate period: label, start, end and the last day to give notice."""
    rows = []
    begin, length = start, term_years
    for k in range(renewals + 1):
        end = _add(begin, years=length)
        label = "first term" if k == 0 else f"renewal {k}"
        rows.append(
            {
                "period": label,
                "start": begin,
                "end": end,
                "notice_by": _add(end, months=-notice_months),
            }
        )
        begin, length = end, renewal_years
    return pd.DataFrame(rows)


def milestones(events: pd.DataFrame) -> pd.DataFrame:
    """The events the clock marks: the first deployment and the latest withdrawal step on record.

    Only day-precise events qualify, so that a mark never sits on a guessed day.
    """
    dated = events[events["date_precision"].eq("day")].sort_values(["date", "event_id"])
    first = dated[dated["category"].eq("deployment")].head(1)
    last = dated[dated["category"].eq("withdrawal")].tail(1)
    return pd.concat([first, last])


def status(table: pd.DataFrame, as_of: dt.date) -> dict:
    """Where `as_of` falls on the clock: period, days elapsed and days to the next deadlines."""
    current = table[(table["start"] <= as_of) & (as_of < table["end"])]
    if current.empty:
        return {"as_of": as_of, "period": "outside the periods shown"}
    row = current.iloc[0]
    return {
        "as_of": as_of,
        "period": row["period"],
        "days_since_start": (as_of - table["start"].iloc[0]).days,
        "days_to_notice_deadline": (row["notice_by"] - as_of).days,
        "days_to_expiry": (row["end"] - as_of).days,
    }


# Parameter of the clock -> quantity in observations.csv that the statement's text fixes.
RULE_QUANTITIES = {
    "term_years": "mandate_years",
    "renewal_years": "mandate_renewal_years",
    "notice_months": "mandate_notice_months",
}


RULE_COLUMNS = ["quantity", "value", "qualifier", "publisher", "origin_country", "source_id"]


def compare(rule: pd.DataFrame, **chosen: int) -> list[str]:
    """One line per clock parameter: the value chosen against what the sources report.

    `rule` holds the figures of RULE_QUANTITIES (columns quantity, value), one row per source.
    """
    lines = []
    for name, quantity in RULE_QUANTITIES.items():
        values = sorted(set(rule.loc[rule["quantity"] == quantity, "value"].astype(int)))
        n = int((rule["quantity"] == quantity).sum())
        if not values:
            lines.append(f"{name}={chosen[name]}: no source on record at as_of")
        elif values == [chosen[name]]:
            lines.append(f"{name}={chosen[name]}: as in the statement ({n} source(s) agree)")
        else:
            lines.append(
                f"{name}={chosen[name]}: differs from the sources, which give "
                f"{', '.join(map(str, values))} ({n} sources)"
            )
    return lines


def describe(state: dict) -> str:
    """The mandate status as a sentence built from computed numbers."""
    if "days_to_expiry" not in state:
        return f"On {state['as_of']} the date lies outside the periods shown."
    notice = state["days_to_notice_deadline"]
    notice_text = (
        f"the last day to give notice is {notice:,} days away"
        if notice >= 0
        else f"the last day to give notice passed {-notice:,} days earlier"
    )
    return (
        f"On {state['as_of']}, under the rule chosen, the mandate is in its {state['period']}, "
        f"{state['days_since_start']:,} days after it began; {notice_text}, and the period "
        f"ends in {state['days_to_expiry']:,} days."
    )
