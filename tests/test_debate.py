"""Debate codings: actor from role, stance from position, counts by half-year."""

import pandas as pd
import pytest

from karabakh.analysis import debate
from karabakh.errors import DataError


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("President of Azerbaijan", "government"),
        ("Foreign policy aide to the President of Azerbaijan", "government"),
        ("Deputy chairman, New Azerbaijan Party (ruling); member of parliament", "government"),
        ("Chairman, Musavat party", "opposition"),
        ("Opposition coalition", "opposition"),
        ("State broadcaster, subordinate to the presidential administration", "state_media"),
        ("Independent Azerbaijani news agency", "independent_media"),
        ("Former press secretary of President Elchibey", "experts_other"),
        ("President, International Eurasia Press Fund (Baku)", "experts_other"),
    ],
)
def test_actor(role, kind):
    assert debate.actor(role) == kind


def test_stance_codes():
    assert debate.stance("support", "government") == "welcome"
    assert debate.stance("leave_by_2025", "government") == "temporary"
    assert debate.stance("leave", "government") == "temporary"
    assert debate.stance("leave", "opposition") == "opposed"
    assert debate.stance("criticise", "government") == "opposed"
    assert debate.stance("criticise", "government", "critical") == "critical"
    assert debate.stance("stay", "opposition") == "none"
    with pytest.raises(DataError, match="criticism coded as 'x'"):
        debate.stance("criticise", "government", "x")


def _statements():
    rows = [
        ("s1", "2020-11-12", "Opposition coalition", "AZ", "contingent_future", "leave"),
        (
            "s2",
            "2021-02-26",
            "President of Azerbaijan",
            "AZ",
            "contingent_temporary",
            "leave_by_2025",
        ),
        ("s3", "2022-03-26", "Ministry", "AZ", "peacekeeper_performance", "criticise"),
        ("s4", "2022-03-27", "Ministry", "AZ", "transport_corridor", "criticise"),
        ("s5", "2022-04-01", "President of Russia", "RU", "contingent_future", "stay"),
        ("s6", "2019-01-01", "President of Azerbaijan", "AZ", "contingent_future", "support"),
    ]
    frame = pd.DataFrame(
        rows, columns=["statement_id", "date", "role", "country", "topic", "position"]
    )
    frame["date"] = pd.to_datetime(frame["date"])
    frame["source_ids"] = [[f"src-{r[0]}"] for r in rows]
    return frame


def test_code_filters_country_topic_and_date():
    coded = debate.code(_statements(), since="2020-11-10")
    assert coded["statement_id"].tolist() == ["s1", "s2", "s3"]
    assert coded["half_year"].tolist() == ["2020-H2", "2021-H1", "2022-H1"]
    assert coded["stance"].tolist() == ["opposed", "temporary", "opposed"]


def test_counts_fill_empty_half_years_and_follow_the_criticism_choice():
    table = debate.counts(debate.code(_statements(), since="2020-11-10", criticism="critical"))
    assert list(table.index) == ["2020-H2", "2021-H1", "2021-H2", "2022-H1"]
    assert table[("government", "critical")].tolist() == [0, 0, 0, 1]
    assert table[("opposition", "opposed")].tolist() == [1, 0, 0, 0]
    assert ("government", "opposed") not in table.columns
    merged = debate.counts(debate.code(_statements(), since="2020-11-10"))
    assert merged[("government", "opposed")].tolist() == [0, 0, 0, 1]


def test_official_temporary_lists_government_rows_only():
    line = debate.official_temporary(debate.code(_statements(), since="2020-11-10"))
    assert line["statement_id"].tolist() == ["s2"]


def test_half_years():
    assert debate.half_years("2020-H2", "2021-H2") == ["2020-H2", "2021-H1", "2021-H2"]
