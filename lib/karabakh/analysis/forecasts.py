"""The article's forecasts: resolved against dated events, and their words read as probabilities.

Resolution (`resolve`), for each row of forecasts.csv against the days of the records on file at
`outcome_as_of` (`Snapshot.dated`: id -> day), in this order:
- ambiguous: a premise record (optional, named by the caller) is not on file by the resolution
  date, and that date has passed: the question no longer has a yes or no (Metaculus practice);
- yes: every resolving record is on file and dated on or before the resolution date;
- not yet: the resolution date is after `outcome_as_of`;
- no: the resolution date has passed without all resolving records on file by then (none listed,
  missing, or dated later). "No" therefore rests on the evidence base's search for such events;
  the forecast's notes say what was found.
Unresolved and ambiguous forecasts are shown and left out of every score.

Words to probabilities (`scale_table`, `readings`): a published scale gives a band (p_low, p_high)
per term, a survey the quartiles of its respondents' answers (q1, median, q3); both become
(low, mid, high) with mid the band's midpoint or the survey's median. A scale covers a forecast
when it lists the forecast's `wording`, or else its recorded equivalent `scale_term`, after
`normalise`. Wording that no scale covers is read only under an explicit reading (UNCOVERED):
"none" leaves it out, "even" reads it as 0.5, "nearest_term" reads it as the ICD 203 term of
NEAREST_TERM (our reading, documented below) and then through every scale listing that term.
Probabilities are on 0-1.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..errors import DataError
from ..evidence.dates import day

YES, NO, NOT_YET, AMBIGUOUS = "yes", "no", "not yet", "ambiguous"
OUTCOME = {YES: 1, NO: 0}  # resolved statuses and their outcome for scoring
RESOLUTION_COLUMNS = [
    "forecast_id",
    "resolution_date",
    "status",
    "resolved_on",
    "resolving_event_ids",
    "reason",
]

# Our reading of the article's uncovered wordings as the nearest ICD 203 term. It is a choice, used
# only under uncovered_reading="nearest_term": "signal" and "preparation" describe steps toward
# the event (likely); "discuss the potential" and "might consider" keep both ways open (roughly
# even chance); "worst scenario" and "faced setbacks" lean against (unlikely).
NEAREST_TERM = {
    "signal": "likely",
    "preparation": "likely",
    "discuss the potential": "roughly even chance",
    "might consider": "roughly even chance",
    "worst scenario": "unlikely",
    "faced setbacks": "unlikely",
}
UNCOVERED = ("none", "even", "nearest_term")
EVEN_SCALE = "reading: even"
SCALE_COLUMNS = ["scale_id", "kind", "term", "key", "low", "mid", "high", "source_id"]
MAPPING_COLUMNS = ["forecast_id", "wording", "scale_id", "kind", "term", "via", "low", "mid"]
MAPPING_COLUMNS += ["high", "source_id"]


def normalise(term: str) -> str:
    """A term as a matching key: lower case, parenthesised parts and '(ly)' dropped, spaces single.

    "Improbable (improbably)" -> "improbable"; "almost certain(ly)" -> "almost certain".
    """
    text = re.sub(r"\([^)]*\)", " ", str(term).lower())
    return " ".join(text.split())


def resolve(
    forecasts: pd.DataFrame,
    dated: pd.Series,
    outcome_as_of: dt.date | str,
    premises: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """One row per forecast: status (yes / no / not yet / ambiguous), the day it resolved, why.

    `dated` maps record ids to days (the outcome snapshot's `dated`); `premises` maps a forecast id
    to the records its question presupposes (optional).
    """
    when = pd.Timestamp(day(outcome_as_of))
    rows = []
    for f in forecasts.itertuples():
        due = pd.Timestamp(f.resolution_date)
        ids = list(f.resolving_event_ids) if isinstance(f.resolving_event_ids, list) else []
        on_file = {i: pd.Timestamp(dated[i]) for i in ids if i in dated.index}
        premise = (premises or {}).get(f.forecast_id, [])
        missing_premise = [
            i for i in premise if i not in dated.index or pd.Timestamp(dated[i]) > due
        ]
        if missing_premise and when >= due:
            status, on, reason = AMBIGUOUS, due, f"premise not met: {', '.join(missing_premise)}"
        elif ids and len(on_file) == len(ids) and max(on_file.values()) <= due:
            status, on = YES, max(on_file.values())
            reason = "resolving records on file: " + ", ".join(
                f"{i} ({d:%Y-%m-%d})" for i, d in on_file.items()
            )
        elif when < due:
            status, on = NOT_YET, pd.NaT
            reason = f"due {due:%Y-%m-%d}, after outcome_as_of {when:%Y-%m-%d}"
        else:
            status, on = NO, due
            late = [f"{i} ({d:%Y-%m-%d})" for i, d in on_file.items() if d > due]
            absent = [i for i in ids if i not in on_file]
            if late:
                reason = "resolving record dated after the resolution date: " + ", ".join(late)
            elif absent:
                reason = "resolving record not on file: " + ", ".join(absent)
            else:
                reason = "no resolving event on file by the resolution date"
        rows.append([f.forecast_id, due, status, on, ids, reason])
    return pd.DataFrame(rows, columns=RESOLUTION_COLUMNS)


def scale_table(likelihood_scales: pd.DataFrame, surveys: pd.DataFrame | None) -> pd.DataFrame:
    """Every scale's terms as (low, mid, high): bands from likelihood_scales, survey quartiles."""
    bands = pd.DataFrame(
        {
            "scale_id": likelihood_scales["scale_id"].astype(str),
            "kind": "band",
            "term": likelihood_scales["term"].astype(str),
            "low": likelihood_scales["p_low"].astype(float),
            "mid": (likelihood_scales["p_low"] + likelihood_scales["p_high"]).astype(float) / 2,
            "high": likelihood_scales["p_high"].astype(float),
            "source_id": likelihood_scales["source_id"].astype(str),
        }
    )
    parts = [bands]
    if surveys is not None and len(surveys):
        parts.append(
            pd.DataFrame(
                {
                    "scale_id": surveys["survey_id"].astype(str),
                    "kind": "survey",
                    "term": surveys["term"].astype(str),
                    "low": surveys["q1"].astype(float),
                    "mid": surveys["median"].astype(float),
                    "high": surveys["q3"].astype(float),
                    "source_id": surveys["source_id"].astype(str),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    out["key"] = out["term"].map(normalise)
    out = out.drop_duplicates(["scale_id", "key"], keep="first")  # ICD 203 lists synonyms twice
    return out[SCALE_COLUMNS].reset_index(drop=True)


def _matches(key: str, via: str, forecast, scales: pd.DataFrame, seen: set) -> list[list]:
    rows = []
    for s in scales[scales["key"] == key].itertuples():
        if s.scale_id not in seen:
            seen.add(s.scale_id)
            rows.append(
                [forecast.forecast_id, forecast.wording, s.scale_id, s.kind, s.term, via]
                + [s.low, s.mid, s.high, s.source_id]
            )
    return rows


def readings(
    forecasts: pd.DataFrame, scales: pd.DataFrame, uncovered: str = "none"
) -> pd.DataFrame:
    """Each forecast's wording through every scale that covers it: one row per forecast and scale.

    Column `via` says how: "wording", "scale_term" (the recorded equivalent), or, for wording no
    scale covers, the reading applied ("reading: even", "reading: nearest_term"). With
    `uncovered="none"` uncovered forecasts get no row.
    """
    if uncovered not in UNCOVERED:
        raise DataError(f"unknown reading {uncovered!r} of uncovered wording; known: {UNCOVERED}")
    rows = []
    for f in forecasts.itertuples():
        seen: set = set()
        found = _matches(normalise(f.wording), "wording", f, scales, seen)
        if isinstance(f.scale_term, str) and f.scale_term:
            found += _matches(normalise(f.scale_term), "scale_term", f, scales, seen)
        if not found and uncovered == "even":
            found = [[f.forecast_id, f.wording, EVEN_SCALE, "reading", "0.5", "reading: even"]]
            found[0] += [0.5, 0.5, 0.5, ""]
        elif not found and uncovered == "nearest_term":
            near = NEAREST_TERM.get(normalise(f.wording))
            if near:
                found = _matches(near, "reading: nearest_term", f, scales, seen)
        rows += found
    return pd.DataFrame(rows, columns=MAPPING_COLUMNS)


def covered(forecasts: pd.DataFrame, scales: pd.DataFrame) -> pd.Series:
    """Whether some scale covers each forecast's wording or recorded scale_term (by forecast_id)."""
    got = set(readings(forecasts, scales, "none")["forecast_id"])
    return pd.Series([i in got for i in forecasts["forecast_id"]], index=forecasts["forecast_id"])


def scored_set(resolution: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """The mapping rows of resolved forecasts (yes/no) with their outcome (1/0); others dropped."""
    res = resolution[resolution["status"].isin(list(OUTCOME))][["forecast_id", "status"]]
    out = mapping.merge(res, on="forecast_id", how="inner")
    out["outcome"] = out["status"].map(OUTCOME).astype(int)
    return out.reset_index(drop=True)


def group_of(via: str) -> str:
    """'covered' for a scale's own wording or recorded equivalent, else the reading's name."""
    return "covered" if via in ("wording", "scale_term") else f"uncovered ({via})"


def chosen(scored: pd.DataFrame, scale: str) -> pd.DataFrame:
    """One row per scored forecast under `scale` (or the even reading), with its `group`.

    Forecasts that `scale` does not cover drop out here; they stay in the band of other scales.
    """
    keep = scored["scale_id"].isin([scale, EVEN_SCALE])
    out = scored[keep].copy()
    out["group"] = out["via"].map(group_of)
    return out.sort_values("forecast_id").reset_index(drop=True)
