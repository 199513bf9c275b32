"""The Azerbaijani debate on the Russian contingent: statements coded by actor and stance, counted.

Two documented codings turn the data's fields into the categories of notebook 02:

Actor, from the speaker's `role` (first rule that matches, case-insensitive; see ACTOR_RULES):
`state_media` (state broadcaster or agency), `independent_media` (an independent outlet or news
agency), `opposition` (a role naming the opposition or an opposition party), `government`
(president, ministers, ministries and their spokespeople, aides, the ruling party, state bodies),
and `experts_other` for everything else (analysts, civil society, former officials).

Stance, from the statement's `position` code (see STANCES): support and defend are `welcome`;
temporary and leave_by_2025 are `temporary`; oppose and leave are `opposed`, except that `leave`
said by the government (announcing an agreed withdrawal) is `temporary`; criticise (criticism of
the contingent's conduct) is coded by the caller as `opposed` or kept apart as `critical`; stay,
neutral and other codes carry no stance (`none`): in this table "stay" records a prediction that
the troops would stay as often as a wish that they should.
"""

from __future__ import annotations

import pandas as pd

from ..errors import DataError

# (substring of the lower-cased role, actor); the first match wins.
ACTOR_RULES: tuple[tuple[str, str], ...] = (
    ("state broadcaster", "state_media"),
    ("state television", "state_media"),
    ("state news agency", "state_media"),
    ("state-affiliated", "state_media"),
    ("independent", "independent_media"),
    ("news agency", "independent_media"),
    ("former ", "experts_other"),
    ("opposition", "opposition"),
    ("musavat", "opposition"),
    ("popular front", "opposition"),
    ("republican alternative", "opposition"),
    ("democracy and welfare", "opposition"),
    ("umid party", "opposition"),
    ("small azerbaijani parties", "opposition"),
    ("ruling", "government"),
    ("new azerbaijan party", "government"),
    ("president of azerbaijan", "government"),
    ("minister", "government"),
    ("ministry", "government"),
    ("spokesperson", "government"),
    ("milli majlis", "government"),
    ("general staff", "government"),
    ("election commission", "government"),
    ("official position", "government"),
)
ACTORS = ("government", "opposition", "state_media", "independent_media", "experts_other")
ACTOR_LABELS = {
    "government": "government and officials",
    "opposition": "opposition parties and groups",
    "state_media": "state-affiliated media",
    "independent_media": "independent media",
    "experts_other": "experts and others",
}
STANCES = {
    "support": "welcome",
    "defend": "welcome",
    "temporary": "temporary",
    "leave_by_2025": "temporary",
    "oppose": "opposed",
    "leave": "opposed",
}
STANCE_ORDER = ("welcome", "temporary", "critical", "opposed")
CRITICISM_CODES = ("opposed", "critical")
# Topics of statements that belong to the debate about the contingent itself.
DEBATE_TOPICS = (
    "contingent_future",
    "contingent_temporary",
    "peacekeeper_performance",
    "bilateral_matter",
)


def actor(role: str) -> str:
    """The actor category of a speaker's `role` text (see ACTOR_RULES)."""
    text = str(role).lower()
    for needle, kind in ACTOR_RULES:
        if needle in text:
            return kind
    return "experts_other"


def stance(position: str, actor_kind: str, criticism: str = "opposed") -> str:
    """The stance of one statement: welcome, temporary, critical, opposed or none."""
    if criticism not in CRITICISM_CODES:
        raise DataError(f"criticism coded as {criticism!r}; known: {', '.join(CRITICISM_CODES)}")
    if position == "criticise":
        return criticism
    if position == "leave" and actor_kind == "government":
        return "temporary"
    return STANCES.get(position, "none")


def code(
    statements: pd.DataFrame, country: str = "AZ", since=None, criticism: str = "opposed"
) -> pd.DataFrame:
    """The debate's statements (`country`, DEBATE_TOPICS, dated from `since`) with actor, stance.

    Sorted by date and id; `half_year` is the half-year of the date as '2021-H1'.
    """
    part = statements[
        (statements["country"] == country) & statements["topic"].isin(DEBATE_TOPICS)
    ].copy()
    if since is not None:
        part = part[part["date"] >= pd.Timestamp(since)]
    part["actor"] = [actor(r) for r in part["role"]]
    part["stance"] = [
        stance(p, a, criticism) for p, a in zip(part["position"], part["actor"], strict=True)
    ]
    part["half_year"] = [f"{d.year}-H{1 if d.month <= 6 else 2}" for d in part["date"]]
    return part.sort_values(["date", "statement_id"]).reset_index(drop=True)


def half_years(first: str, last: str) -> list[str]:
    """Every half-year label from `first` to `last` inclusive ('2020-H2', '2021-H1', ...)."""
    y, h = int(first[:4]), int(first[-1])
    out = []
    while (y, h) <= (int(last[:4]), int(last[-1])):
        out.append(f"{y}-H{h}")
        y, h = (y, 2) if h == 1 else (y + 1, 1)
    return out


def counts(coded: pd.DataFrame) -> pd.DataFrame:
    """Statements with a stance, counted by half_year x actor x stance (zeros filled).

    Rows: every half-year from the first to the last coded one; columns: a MultiIndex
    (actor, stance) over ACTORS and STANCE_ORDER present in the data.
    """
    kept = coded[coded["stance"] != "none"]
    if kept.empty:
        return pd.DataFrame()
    table = kept.groupby(["half_year", "actor", "stance"]).size().unstack(["actor", "stance"])
    index = half_years(min(kept["half_year"]), max(kept["half_year"]))
    cols = [
        (a, s)
        for a in ACTORS
        for s in STANCE_ORDER
        if ((kept["actor"] == a) & (kept["stance"] == s)).any()
    ]
    return table.reindex(index=index, columns=pd.MultiIndex.from_tuples(cols)).fillna(0).astype(int)


def official_temporary(coded: pd.DataFrame) -> pd.DataFrame:
    """The government's statements coded `temporary`, by date: the official line, instance by
    instance."""
    rows = coded[(coded["actor"] == "government") & (coded["stance"] == "temporary")]
    return rows.reset_index(drop=True)
