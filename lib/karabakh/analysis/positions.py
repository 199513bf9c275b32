"""Positions matrix: each actor's stance on each option for the contingent and the routes, coded
from dated statements, as it stood on the snapshot's date.

Coding (a documented mapping from the codes of data/statements.csv):
- an explicit code `<option>_<stance>` (e.g. `tripp_conditional`, `fsb_route_support`) names both;
  aliases: `zangezur_route` and `zangezur` mean the route through Syunik (`fsb_route`);
  `guard_armenia_only` (Armenia alone guards routes on its territory) is `fsb_route` opposed;
  `leave_by_2025` is `stay` conditional (a stay with an end date);
- a generic code is read through its topic (GENERIC below): on `contingent_future`, `stay` and
  `defend` are support for staying, `temporary` and `leave_by_2025` conditional, `leave` and
  `oppose` opposition; on `relocation_border_syunik` support/oppose/leave concern moving the
  contingent to Armenia's border or Syunik; on `fsb_role` support/oppose concern the FSB's role on
  the Syunik route. Every other code (criticise, neutral, other, and generic codes on
  `transport_corridor`, which do not say which route) is left uncoded.
- `recode` (statement id -> code) lets a notebook apply a reading of a row's summary that its
  generic code cannot carry; the notebook shows every such reading.
A cell is the stance of the actor's latest coded statement on the option (several on that day
that disagree give `mixed`).
"""

from __future__ import annotations

import re

import pandas as pd

OPTIONS = {
    "stay": "stay in Karabakh",
    "return_russia": "return to Russia",
    "move_border": "move to the border / Syunik",
    "fsb_route": "route via Syunik (Meghri), FSB under point 9",
    "iran_route": "route via Iran (Aras)",
    "tripp": "Washington route (TRIPP, Aug 2025)",
}
STANCES = ("support", "welcome", "conditional", "oppose")
MIXED = "mixed"
ALIASES = {"zangezur_route": "fsb_route", "zangezur": "fsb_route"}
SPECIAL = {"guard_armenia_only": ("fsb_route", "oppose"), "leave_by_2025": ("stay", "conditional")}
GENERIC = {
    ("contingent_future", "stay"): ("stay", "support"),
    ("contingent_future", "defend"): ("stay", "support"),
    ("contingent_future", "temporary"): ("stay", "conditional"),
    ("contingent_future", "leave"): ("stay", "oppose"),
    ("contingent_future", "oppose"): ("stay", "oppose"),
    ("relocation_border_syunik", "support"): ("move_border", "support"),
    ("relocation_border_syunik", "oppose"): ("move_border", "oppose"),
    ("relocation_border_syunik", "leave"): ("move_border", "oppose"),
    ("fsb_role", "support"): ("fsb_route", "support"),
    ("fsb_role", "oppose"): ("fsb_route", "oppose"),
}
ACTOR_ORDER = ["RU", "AZ", "AM", "TR", "IR", "US", "EU", "NK", "UN", "OSCE", "INT"]
CELL_COLUMNS = ["actor", "option", "stance", "date", "statement_ids", "statements"]


# Speakers who do not speak for a state: opposition, parties, movements, think tanks, media.
NOT_OFFICIAL = re.compile(
    r"opposition|part(?:y|ies)|movement|institute|fund|expert|analyst|journalist|media", re.I
)


def officials(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements whose speaker's `role` is not a party, movement, institute, fund or outlet."""
    keep = ~statements["role"].fillna("").str.contains(NOT_OFFICIAL)
    return statements[keep].reset_index(drop=True)


def code(topic: str, position: str) -> tuple[str, str] | None:
    """(option, stance) of one statement's topic and position code, or None if uncoded."""
    if position in SPECIAL:
        return SPECIAL[position]
    for stance in STANCES:
        suffix = "_" + stance
        if position.endswith(suffix):
            option = position[: -len(suffix)]
            option = ALIASES.get(option, option)
            if option in OPTIONS:
                return option, stance
    return GENERIC.get((topic, position))


def coded(statements: pd.DataFrame, recode: dict[str, str] | None = None) -> pd.DataFrame:
    """The statements that carry a stance on an option, with columns option and stance added
    (and `code`, the code read: the row's own or its `recode` reading)."""
    recode = recode or {}
    codes = [
        recode.get(s, p)
        for s, p in zip(statements["statement_id"], statements["position"], strict=True)
    ]
    pairs = [code(t, c) for t, c in zip(statements["topic"], codes, strict=True)]
    out = statements.assign(
        code=codes,
        option=[p[0] if p else None for p in pairs],
        stance=[p[1] if p else None for p in pairs],
    )
    return out[out["option"].notna()].reset_index(drop=True)


def matrix(coded_rows: pd.DataFrame) -> pd.DataFrame:
    """One row per actor (column `country`) and option with a stance on record: the latest
    statement's stance, its date, the statement ids of that day and how many are on record."""
    rows = []
    for (actor, option), part in coded_rows.groupby(["country", "option"], sort=False):
        latest = part[part["date"] == part["date"].max()]
        stances = sorted(set(latest["stance"]))
        rows.append(
            [
                actor,
                option,
                stances[0] if len(stances) == 1 else MIXED,
                latest["date"].iloc[0],
                sorted(latest["statement_id"]),
                len(part),
            ]
        )
    out = pd.DataFrame(rows, columns=CELL_COLUMNS)
    order = {a: i for i, a in enumerate(ACTOR_ORDER)}
    opts = {o: i for i, o in enumerate(OPTIONS)}
    out["_a"] = out["actor"].map(lambda a: order.get(a, len(order)))
    out["_o"] = out["option"].map(opts)
    return out.sort_values(["_a", "actor", "_o"]).drop(columns=["_a", "_o"]).reset_index(drop=True)


def cell(table: pd.DataFrame, actor: str, option: str) -> str:
    """The stance in one cell of a matrix, or '' when the actor has none on record."""
    hit = table[(table["actor"] == actor) & (table["option"] == option)]
    return hit["stance"].iloc[0] if len(hit) else ""


def changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Cells whose stance differs between two matrices (a missing cell reads as '')."""
    keys = ["actor", "option"]
    both = before[keys + ["stance"]].merge(
        after[keys + ["stance", "date"]], on=keys, how="outer", suffixes=("_before", "_after")
    )
    both = both.fillna({"stance_before": "", "stance_after": ""})
    moved = both[both["stance_before"] != both["stance_after"]]
    return moved.rename(columns={"date": "date_after"}).reset_index(drop=True)
