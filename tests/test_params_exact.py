"""Parameter checks, message by message: each refusal says exactly what is allowed."""

import datetime as dt

import pytest

from karabakh.errors import ParameterError
from karabakh.pipeline.params import Spec, check

TODAY = dt.date.today()


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (Spec(int, 1, 20), "an integer from 1 to 20"),
        (Spec(float, 0.0, 50.0), "a number from 0.0 to 50.0"),
        (Spec(str), "text"),
        (Spec(bool), "true or false"),
        (Spec(int), "an integer"),
        (Spec(str, choices=("a", "b")), "one of 'a', 'b'"),
        (
            Spec("date", dt.date(2020, 11, 10), dt.date(2025, 12, 31)),
            "a date YYYY-MM-DD from 2020-11-10 to 2025-12-31",
        ),
        (
            Spec("date", dt.date(2020, 11, 10)),
            f"a date YYYY-MM-DD from 2020-11-10 to today ({TODAY})",
        ),
    ],
)
def test_allowed_says_type_and_range(spec, text):
    assert spec.allowed() == text


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "term_years",
            0,
            "parameter term_years=0 is not allowed; expected an integer from 1 to 20",
        ),
        (
            "term_years",
            21,
            "parameter term_years=21 is not allowed; expected an integer from 1 to 20",
        ),
        (
            "term_years",
            "5",
            "parameter term_years='5' is not allowed; expected an integer from 1 to 20",
        ),
        (
            "term_years",
            True,
            "parameter term_years=True is not allowed; expected an integer from 1 to 20",
        ),
        (
            "about_pct",
            50.5,
            "parameter about_pct=50.5 is not allowed; expected a number from 0.0 to 50.0",
        ),
        (
            "about_pct",
            -0.1,
            "parameter about_pct=-0.1 is not allowed; expected a number from 0.0 to 50.0",
        ),
        (
            "about_pct",
            False,
            "parameter about_pct=False is not allowed; expected a number from 0.0 to 50.0",
        ),
        (
            "about_pct",
            "5",
            "parameter about_pct='5' is not allowed; expected a number from 0.0 to 50.0",
        ),
        (
            "criticism_coded_as",
            "hostile",
            "parameter criticism_coded_as='hostile' is not allowed; expected one of "
            "'opposed', 'critical'",
        ),
        (
            "criticism_coded_as",
            1,
            "parameter criticism_coded_as=1 is not allowed; expected one of 'opposed', 'critical'",
        ),
        (
            "mandate_start",
            "2026-01-01",
            "parameter mandate_start='2026-01-01' is not allowed; expected a date YYYY-MM-DD from "
            "2020-11-10 to 2025-12-31",
        ),
        (
            "mandate_start",
            "2020-11-09",
            "parameter mandate_start='2020-11-09' is not allowed; expected a date YYYY-MM-DD from "
            "2020-11-10 to 2025-12-31",
        ),
        (
            "mandate_start",
            "2021-1-01",
            "parameter mandate_start='2021-1-01' is not allowed; expected a date YYYY-MM-DD from "
            "2020-11-10 to 2025-12-31",
        ),
        (
            "mandate_start",
            dt.datetime(2021, 1, 1),
            "parameter mandate_start=datetime.datetime(2021, 1, 1, 0, 0) is not allowed; "
            "expected a date YYYY-MM-DD from 2020-11-10 to 2025-12-31",
        ),
    ],
)
def test_each_refusal_is_exact(name, value, message):
    with pytest.raises(ParameterError) as err:
        check(**{name: value})
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("name", "value", "parsed"),
    [
        ("term_years", 1, 1),
        ("term_years", 20, 20),
        ("about_pct", 0.0, 0.0),
        ("about_pct", 50, 50),
        ("about_pct", 50.0, 50.0),
        ("criticism_coded_as", "opposed", "opposed"),
        ("mandate_start", "2020-11-10", dt.date(2020, 11, 10)),
        ("mandate_start", "2025-12-31", dt.date(2025, 12, 31)),
        ("mandate_start", dt.date(2021, 5, 1), dt.date(2021, 5, 1)),
        ("as_of", TODAY.isoformat(), TODAY),
    ],
)
def test_bounds_are_inclusive_and_values_round_trip(name, value, parsed):
    assert getattr(check(**{name: value}), name) == parsed


def test_unknown_name_and_outcome_before_as_of_are_exact():
    with pytest.raises(ParameterError) as err:
        check(asof="2024-01-01")
    assert str(err.value).startswith(
        "unknown parameter 'asof'; known parameters: about_pct, as_of, "
    )
    with pytest.raises(ParameterError) as err:
        check(as_of="2024-06-30", outcome_as_of="2024-06-29")
    assert str(err.value) == (
        "parameter outcome_as_of='2024-06-29' is before as_of='2024-06-30'; outcomes are read on "
        "or after the vantage date"
    )
    same = check(as_of="2024-06-30", outcome_as_of="2024-06-30")
    assert same.outcome_as_of == same.as_of == dt.date(2024, 6, 30)
    assert vars(check()) == {}
