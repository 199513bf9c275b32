import datetime as dt

import pytest

from karabakh.errors import ParameterError
from karabakh.pipeline.params import check


def test_valid_values_are_parsed():
    p = check(as_of="2024-06-30", term_years=5, notice_months=0)
    assert p.as_of == dt.date(2024, 6, 30)
    assert p.term_years == 5 and p.notice_months == 0


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("as_of", "2024-13-01", "as_of='2024-13-01'"),
        ("as_of", "30.06.2024", "as_of='30.06.2024'"),
        ("as_of", "2019-01-01", "from 2020-11-10"),
        ("as_of", 2024, "as_of=2024"),
        ("as_of", "2999-01-01", "to today"),
        ("term_years", "5", "an integer"),
        ("term_years", 5.5, "an integer"),
        ("term_years", True, "an integer"),
        ("term_years", 0, "from 1 to 20"),
        ("notice_months", 25, "from 0 to 24"),
    ],
)
def test_bad_values_name_parameter_value_and_what_is_allowed(name, value, fragment):
    with pytest.raises(ParameterError) as err:
        check(**{name: value})
    message = str(err.value)
    assert fragment in message
    assert name in message and "expected" in message
    assert "\n" not in message


def test_unknown_name_lists_known_names():
    with pytest.raises(ParameterError, match="unknown parameter 'asof'.*as_of"):
        check(asof="2024-01-01")
