"""Scores of probability forecasts against outcomes: Brier, log, baselines and the sensitivity band.

Probabilities p are on 0-1 and outcomes o are 1 (happened) or 0. Per forecast:
- Brier score (p - o)^2: 0 is perfect, 0.25 is always saying 0.5, 1 is certain and wrong;
- log score -ln(p) if o = 1 else -ln(1 - p), natural logarithm, with p first clipped to
  [EPS, 1 - EPS] so that a stated 0 or 1 costs a finite amount (EPS = 0.01, the outer edge of
  the ICD 203 scale's bands). Lower is better for both. Overall scores are means over forecasts.

Baselines over the same resolved forecasts: always 0.5; "nothing changes" (p = 0: every forecast
of the article names a change from the state at its vantage); and the base rate (p = the share
resolved yes, which uses the outcomes and so flatters itself).

The sensitivity band is the overall score under every scale, at each band's low end, its middle
(a survey's median) and its high end (`band`; each scale on the forecasts it covers), and, on
one fixed set of forecasts, the lowest and highest overall score that any scale's range allows
(`combined`). Its width shows how much the verdict on the article rests on the choice of
words-to-numbers mapping rather than on what happened.
"""

from __future__ import annotations

import math

import pandas as pd

EPS = 0.01
ENDS = ("low", "mid", "high")
BASELINES = ("always 0.5", "nothing changes", "base rate")


def brier(p: float, outcome: int) -> float:
    """(p - outcome)^2."""
    return (float(p) - int(outcome)) ** 2


def log_score(p: float, outcome: int, eps: float = EPS) -> float:
    """-ln of the probability given to what happened, p clipped to [eps, 1 - eps]."""
    q = min(max(float(p), eps), 1 - eps)
    return -math.log(q if int(outcome) == 1 else 1 - q)


def per_forecast(scored: pd.DataFrame, column: str = "mid") -> pd.DataFrame:
    """`scored` (columns forecast_id, outcome and `column`) with brier and log per row."""
    out = scored.copy()
    out["p"] = out[column].astype(float)
    out["brier"] = [brier(p, o) for p, o in zip(out["p"], out["outcome"], strict=True)]
    out["log"] = [log_score(p, o) for p, o in zip(out["p"], out["outcome"], strict=True)]
    return out


def overall(probabilities, outcomes) -> dict[str, float]:
    """Mean Brier and log score of paired probabilities and outcomes; n = how many."""
    pairs = list(zip(probabilities, outcomes, strict=True))
    if not pairs:
        return {"n": 0, "brier": math.nan, "log": math.nan}
    return {
        "n": len(pairs),
        "brier": sum(brier(p, o) for p, o in pairs) / len(pairs),
        "log": sum(log_score(p, o) for p, o in pairs) / len(pairs),
    }


def summary(points: pd.DataFrame, by: str = "group") -> pd.DataFrame:
    """Overall scores of a `per_forecast` table per `by` value, then of all rows ("all scored")."""
    rows = [{by: g} | overall(part["p"], part["outcome"]) for g, part in points.groupby(by)]
    rows.append({by: "all scored"} | overall(points["p"], points["outcome"]))
    return pd.DataFrame(rows, columns=[by, "n", "brier", "log"])


def baselines(outcomes) -> pd.DataFrame:
    """The three baselines' overall scores on `outcomes` (a list of 1/0): name, n, brier, log."""
    outs = [int(o) for o in outcomes]
    rate = sum(outs) / len(outs) if outs else math.nan
    rows = []
    for name, p in zip(BASELINES, (0.5, 0.0, rate), strict=True):
        rows.append({"baseline": name, "p": p, **overall([p] * len(outs), outs)})
    return pd.DataFrame(rows, columns=["baseline", "p", "n", "brier", "log"])


def band(scored: pd.DataFrame) -> pd.DataFrame:
    """Overall score per scale and band end: scale_id, kind, end, n, brier, log.

    `scored` has one row per forecast and scale (columns scale_id, kind, low, mid, high, outcome).
    """
    rows = []
    for (scale, kind), part in scored.groupby(["scale_id", "kind"], sort=True):
        for end in ENDS:
            rows.append(
                {"scale_id": scale, "kind": kind, "end": end} | overall(part[end], part["outcome"])
            )
    return pd.DataFrame(rows, columns=["scale_id", "kind", "end", "n", "brier", "log"])


def combined(scored: pd.DataFrame) -> dict[str, float]:
    """The band on one fixed set: each forecast's probability anywhere in the union of all scales'
    low..high ranges; the lowest and highest mean Brier and log score this allows.

    Both scores are monotone in p for a 0/1 outcome, so each forecast's extremes lie at the
    lowest or highest probability any scale gives it. Keys: n, brier_low, brier_high, log_low,
    log_high.
    """
    rows = []
    for _, part in scored.groupby("forecast_id", sort=True):
        o = int(part["outcome"].iloc[0])
        ends = [float(part["low"].min()), float(part["high"].max())]
        b = [brier(p, o) for p in ends]
        g = [log_score(p, o) for p in ends]
        rows.append((min(b), max(b), min(g), max(g)))
    if not rows:
        return {"n": 0} | {k: math.nan for k in ("brier_low", "brier_high", "log_low", "log_high")}
    n = len(rows)
    cols = list(zip(*rows, strict=True))
    keys = ("brier_low", "brier_high", "log_low", "log_high")
    return {"n": n} | {k: sum(c) / n for k, c in zip(keys, cols, strict=True)}


def band_range(table: pd.DataFrame, score: str = "brier") -> tuple[float, float]:
    """Lowest and highest overall `score` in a `band` table (NaN, NaN when empty)."""
    values = table[score].dropna()
    if values.empty:
        return math.nan, math.nan
    return float(values.min()), float(values.max())


def misses(table: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """The `top` rows of a `per_forecast` table with the largest Brier score (ties by id).

    Scores equal to 9 decimals tie (0.3 against 0 and 0.7 against 1 both cost 0.09).
    """
    ranked = table.assign(_key=table["brier"].round(9))
    ranked = ranked.sort_values(["_key", "forecast_id"], ascending=[False, True])
    return ranked.drop(columns="_key").head(top).reset_index(drop=True)
