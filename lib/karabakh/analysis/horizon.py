"""Statements about the contingent's term: what each implies about when it would go, dated
against the end of the first mandate term.

The statements table codes a `position` per statement; STANCES maps the codes that speak to the
contingent's time in Karabakh onto three readings (codes not listed say nothing about it and are
left out). The mapping reads the data's codes, not the summaries: a statement coded `temporary`
counts as "term ends in 2025" whatever words the speaker used, and the notebook says so.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

TOPICS = ("contingent_future", "contingent_temporary")
STAY, TERM_END, EARLY = "stay (role continues)", "term ends in 2025", "leave now or early"
STANCES = {
    "stay": STAY,
    "temporary": TERM_END,
    "leave_by_2025": TERM_END,
    "leave": EARLY,
}
STANCE_ORDER = [EARLY, TERM_END, STAY]


def coded(statements: pd.DataFrame, term_end: dt.date) -> pd.DataFrame:
    """Statements on TOPICS whose position is in STANCES, with `stance`, `names_year` (the
    summary names the year `term_end` falls in) and `days_to_term_end` (days from the statement to
    `term_end`; negative after it)."""
    keep = statements["topic"].isin(TOPICS) & statements["position"].isin(STANCES)
    out = statements[keep].sort_values(["date", "statement_id"]).reset_index(drop=True)
    out["stance"] = out["position"].map(STANCES)
    out["names_year"] = out["summary"].str.contains(str(term_end.year), regex=False)
    out["days_to_term_end"] = (pd.Timestamp(term_end) - out["date"]).dt.days
    return out


def tally(coded_rows: pd.DataFrame) -> pd.DataFrame:
    """Statements per stance and speaker's side: stance, country, n, first, last."""
    if coded_rows.empty:
        return pd.DataFrame(columns=["stance", "country", "n", "first", "last"])
    out = (
        coded_rows.groupby(["stance", "country"], as_index=False)
        .agg(n=("statement_id", "size"), first=("date", "min"), last=("date", "max"))
        .assign(order=lambda f: f["stance"].map(STANCE_ORDER.index))
        .sort_values(["order", "country"])
        .drop(columns="order")
    )
    return out.reset_index(drop=True)


def by_speaker(coded_rows: pd.DataFrame, speaker: str, month: str) -> pd.DataFrame:
    """The coded statements of `speaker` dated in `month` ('YYYY-MM')."""
    keep = (coded_rows["speaker"] == speaker) & (coded_rows["date"].dt.strftime("%Y-%m") == month)
    return coded_rows[keep].reset_index(drop=True)
