"""Check notebook parameters: names, types, ranges and dates, with one clear error each.

Every notebook calls `check(...)` right after its `parameters` cell; `karabakh run` calls the same
function before it starts a kernel, so a bad value fails fast and identically in both places.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

from ..errors import ParameterError

EARLIEST = dt.date(2020, 11, 10)  # the trilateral statement; nothing in the notebooks is earlier


@dataclass(frozen=True)
class Spec:
    """What a parameter accepts: its type and range (dates as ISO strings YYYY-MM-DD)."""

    kind: type | str  # int, float, str, bool or "date"
    low: object = None
    high: object = None
    choices: tuple = ()
    help: str = ""

    def allowed(self) -> str:
        if self.kind == "date":
            high = self.high or f"today ({dt.date.today()})"
            return f"a date YYYY-MM-DD from {self.low} to {high}"
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        name = {int: "an integer", float: "a number", str: "text", bool: "true or false"}[self.kind]
        if self.low is not None and self.high is not None:
            return f"{name} from {self.low} to {self.high}"
        return name


SPECS: dict[str, Spec] = {
    "as_of": Spec("date", EARLIEST, None, help="show only what was reported by this date"),
    "mandate_start": Spec(
        "date",
        dt.date(2020, 11, 10),
        dt.date(2025, 12, 31),
        help="first day of the peacekeeping mandate",
    ),
    "term_years": Spec(int, 1, 20, help="length of the first mandate term in years"),
    "renewal_years": Spec(int, 1, 20, help="length of each automatic renewal in years"),
    "notice_months": Spec(int, 0, 24, help="months before expiry by which a party must object"),
    "renewals_shown": Spec(int, 0, 5, help="automatic renewals drawn on the mandate clock"),
    "about_pct": Spec(
        float, 0.0, 50.0, help="band in percent around a figure a source gives as 'about X'"
    ),
    "signals_from": Spec(
        "date",
        dt.date(2020, 11, 10),
        None,
        help="notebook 06: count drawdown signals dated on or after this day",
    ),
    "post_gap_days": Spec(
        int, 1, 2000, help="notebook 06: longest silence (days) a post count is carried across"
    ),
    "votes_before": Spec(
        "date",
        dt.date(2020, 11, 10),
        dt.date(2030, 12, 31),
        help="notebook 06: early votes count when held before this day",
    ),
    "contingent_size": Spec(
        int, 0, 10000, help="peacekeepers in Karabakh for the per-resident ratio (notebook 04)"
    ),
    "residents_remaining": Spec(
        int, 1, 150000, help="Armenians remaining in Karabakh for the ratio (notebook 04)"
    ),
    "baseline": Spec(
        "date", EARLIEST, None, help="date of the positions matrix compared with as_of (05)"
    ),
    "criticism_coded_as": Spec(
        str,
        choices=("opposed", "critical"),
        help="02: count criticism of the contingent's conduct as opposition, or apart",
    ),
    "hours_tolerance": Spec(
        float,
        0.0,
        48.0,
        help="03: hours either side of the article's '23 hours' still judged consistent",
    ),
    "outcome_as_of": Spec(
        "date",
        EARLIEST,
        None,
        help="07: what happened is read from the evidence reported by this date (not before as_of)",
    ),
    "scale": Spec(
        str,
        choices=(
            "us-odni-icd203",
            "ipcc-ar4-2007",
            "ipcc-ar5-usgcrp",
            "kent-1964-cia",
            "uk-phia-copy-kushima",
            "zonination-perceptions",
            "wadefagen-probability-words",
        ),
        help="07: the words-to-probability scale of the point scores (all scales give the band)",
    ),
    "uncovered_reading": Spec(
        str,
        choices=("none", "even", "nearest_term"),
        help="07: how wording no scale covers is read: not scored, as 0.5, or as the nearest term",
    ),
}


def check(**values) -> SimpleNamespace:
    """Validate the given parameters; return them with dates parsed to `datetime.date`."""
    out = {}
    for name, value in values.items():
        if name not in SPECS:
            raise ParameterError(
                f"unknown parameter {name!r}; known parameters: {', '.join(sorted(SPECS))}"
            )
        out[name] = _check_one(name, value, SPECS[name])
    if "outcome_as_of" in out and "as_of" in out and out["outcome_as_of"] < out["as_of"]:
        raise ParameterError(
            f"parameter outcome_as_of={values['outcome_as_of']!r} is before "
            f"as_of={values['as_of']!r}; outcomes are read on or after the vantage date"
        )
    return SimpleNamespace(**out)


def _fail(name: str, value, spec: Spec) -> ParameterError:
    return ParameterError(f"parameter {name}={value!r} is not allowed; expected {spec.allowed()}")


def _check_one(name: str, value, spec: Spec):
    if spec.kind == "date":
        if isinstance(value, dt.datetime) or not isinstance(value, str | dt.date):
            raise _fail(name, value, spec)
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        except ValueError:
            raise _fail(name, value, spec) from None
        if isinstance(value, str) and len(value) != 10:
            raise _fail(name, value, spec)
        high = spec.high or dt.date.today()
        if not spec.low <= day <= high:
            raise _fail(name, value, spec)
        return day
    if spec.kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise _fail(name, value, spec)
    if spec.kind is float and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise _fail(name, value, spec)
    if spec.kind in (str, bool) and not isinstance(value, spec.kind):
        raise _fail(name, value, spec)
    if spec.choices and value not in spec.choices:
        raise _fail(name, value, spec)
    if spec.low is not None and not spec.low <= value <= spec.high:
        raise _fail(name, value, spec)
    return value
