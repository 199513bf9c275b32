"""The audit's rules, each on a few hand-made rows with the exact message it must give."""

import pandas as pd
import pytest

from karabakh.evidence import audit


def _sources(**over):
    base = {
        "source_id": "tass-20240417-x",
        "publisher": "TASS",
        "url": "https://tass.ru/a",
        "published": "2024-04-17",
        "origin_type": "state_affiliated_media",
        "origin_country": "RU",
        "relay": "false",
        "relay_of": "",
        "original_origin_type": "state_affiliated_media",
        "original_origin_country": "RU",
    }
    return pd.DataFrame([{**base, **over}])


PUBLISHERS = pd.DataFrame(
    [
        ["TASS", "tass.ru;tass.com", "state_affiliated_media", "RU"],
        ["Hyetert", "hyetert.org", "independent_media", "AM"],
    ],
    columns=["publisher", "domains", "origin_type", "origin_country"],
)


ID = "tass-20240417-x"
CASES = [
    ({}, []),
    ({"publisher": "Tass"}, [f"{ID}: publisher 'Tass' is not in publishers.csv"]),
    (
        {"url": "https://hyetert.org/a"},
        [
            f"{ID}: host hyetert.org belongs to 'Hyetert', not 'TASS'",
            f"{ID}: host hyetert.org is not listed for 'TASS'",
        ],
    ),
    ({"url": "https://ria.ru/a"}, [f"{ID}: host ria.ru is not listed for 'TASS'"]),
    (
        {"origin_type": "government"},
        [
            f"{ID}: origin_type 'government' but 'TASS' is 'state_affiliated_media'",
            f"{ID}: original_origin_type differs on a non-relay",
        ],
    ),
    (
        {"origin_country": "AM"},
        [
            f"{ID}: origin_country 'AM' but 'TASS' is 'RU'",
            f"{ID}: original_origin_country differs on a non-relay",
        ],
    ),
    (
        {
            "relay_of": "Hyetert",
            "original_origin_type": "independent_media",
            "original_origin_country": "AM",
        },
        [f"{ID}: relay_of 'Hyetert' on a source that is not a relay"],
    ),
    (
        {"relay": "true", "relay_of": "Nobody"},
        [f"{ID}: relay_of 'Nobody' is not in publishers.csv"],
    ),
    (
        {"relay": "true", "relay_of": "Hyetert", "original_origin_country": "AM"},
        [f"{ID}: original_origin_type is not that of 'Hyetert'"],
    ),
    ({"original_origin_country": "AM"}, [f"{ID}: original_origin_country differs on a non-relay"]),
    ({"published": "2024-04-18"}, [f"{ID}: id date disagrees with published '2024-04-18'"]),
    ({"published": ""}, [f"{ID}: id date disagrees with published ''"]),
]


@pytest.mark.parametrize(("over", "messages"), CASES)
def test_each_publisher_rule_has_its_message(over, messages):
    assert audit.publisher_problems(_sources(**over), PUBLISHERS) == messages


def test_relay_with_its_original_is_clean_and_hosts_may_not_be_shared():
    relay = _sources(
        source_id="hyetert-20240417-x",
        publisher="Hyetert",
        url="https://www.hyetert.org/x",
        origin_type="independent_media",
        origin_country="AM",
        relay="true",
        relay_of="TASS",
    )
    assert audit.publisher_problems(relay, PUBLISHERS) == []
    shared = pd.concat(
        [
            PUBLISHERS,
            pd.DataFrame(
                [["T.A.S.S.", "tass.com", "state_affiliated_media", "RU"]],
                columns=PUBLISHERS.columns,
            ),
        ]
    )
    got = audit.publisher_problems(_sources(), shared)
    assert "host tass.com belongs to 'TASS' and 'T.A.S.S.'" in got
    assert any("differ only in spelling" in g for g in got)


@pytest.mark.parametrize(
    ("source_id", "published", "ok"),
    [
        ("x-20240417-a", "2024-04-17", True),
        ("x-202404-a", "2024-04-30", True),
        ("x-2024-a", "2024-12-31", True),
        ("x-20240417-a", "2024-04-16", False),
        ("x-202404-a", "2024-05-01", False),
        ("wikipedia-en-meghri", "", True),
        ("x-2024", "2024-01-01", True),
        ("x-2024-a", "", False),
    ],
)
def test_id_dates(source_id, published, ok):
    assert audit._id_date_ok(source_id, published) is ok


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("defence", "defense"),
        ("colour", "color"),
        ("honoured", "honored"),
        ("favourite", "favorite"),
        ("labourers", "laborers"),
        ("four", "four"),
        ("hour", "hour"),
        ("centre", "center"),
        ("centres", "centers"),
        ("centred", "centerd"),
        ("fibre", "fiber"),
        ("are", "are"),
        ("organise", "organize"),
        ("organisation", "organization"),
        ("analyses", "analyzes"),
        ("is", "is"),
    ],
)
def test_spelling_folds(word, folded):
    assert audit._fold(word) == folded


def test_normalise_and_shared_runs():
    assert audit.normalise("The Peacekeepers' 1,960 troops — déjà vu; Centre!") == [
        "the",
        "peacekeepers",
        "1960",
        "troops",
        "deja",
        "vu",
        "center",
    ]
    ours = "one two three four five six seven eight nine and then ten"
    theirs = "x one two three four five six seven eight nine y"
    assert audit.shared_runs(ours, theirs) == ["one two three four five six seven eight nine"]
    assert audit.shared_runs(ours, theirs, n=10) == []
    assert audit.shared_runs("a b c", "a b c", n=3) == ["a b c"]
    assert audit.shared_runs("a b c d a b c", "a b c", n=3) == ["a b c"]  # once
    assert audit.shared_runs("a b", "a b c", n=3) == []


def test_text_rows_and_overlap_hits():
    tables = {
        "events": pd.DataFrame(
            [["ev-1", "A title", "alpha beta gamma delta epsilon zeta eta theta", "", "s1;s2"]],
            columns=["event_id", "title", "description", "notes", "source_ids"],
        ),
        "statements": pd.DataFrame(
            [["st-1", "", "rests on a relay only", "s3"]],
            columns=["statement_id", "summary", "notes", "source_ids"],
        ),
    }
    rows = audit.text_rows(tables)
    assert rows.values.tolist() == [
        ["events", "ev-1", "title", "A title", "s1;s2"],
        ["events", "ev-1", "description", "alpha beta gamma delta epsilon zeta eta theta", "s1;s2"],
        ["statements", "st-1", "notes", "rests on a relay only", "s3"],
    ]
    excerpts = pd.DataFrame(
        {
            "url": ["https://x", "https://y"],
            "excerpt": ["Alpha beta gamma delta epsilon zeta eta theta!", "no"],
        }
    )
    hits = audit.overlap_hits(rows, excerpts)
    assert hits.values.tolist() == [
        [
            "events",
            "ev-1",
            "description",
            "https://x",
            "alpha beta gamma delta epsilon zeta eta theta",
        ]
    ]


def test_relay_only_rows_respect_the_note():
    sources = pd.DataFrame({"source_id": ["r1", "r2", "o1"], "relay": ["true", "TRUE", "false"]})
    tables = {
        "statements": pd.DataFrame(
            [
                ["st-1", "said", "", "r1"],
                ["st-2", "said", "Rests on a relay only: X copy of Y", "r1;r2"],
                ["st-3", "said", "", "r1;o1"],
            ],
            columns=["statement_id", "summary", "notes", "source_ids"],
        ),
        "observations": pd.DataFrame(
            [["ob-1", "", "r2"], ["ob-2", "", ""]], columns=["obs_id", "notes", "source_id"]
        ),
    }
    assert audit.relay_only_rows(tables, sources).values.tolist() == [
        ["statements", "st-1", "r1"],
        ["observations", "ob-1", "r2"],
    ]


def _dated(basis, date, sources="tass-20240417-x;other-20240420-y", notes=""):
    row = {"event_id": "ev-x", "date": date, "date_basis": basis, "notes": notes}
    row["source_ids"] = sources
    return {
        "events": pd.DataFrame([row]),
        "statements": pd.DataFrame(columns=["statement_id", "date", "source_ids", "notes"]),
        "observations": pd.DataFrame(columns=["obs_id", "ref_date", "source_id", "notes"]),
    }


DATE_SOURCES = pd.DataFrame(
    {"source_id": ["tass-20240417-x", "other-20240420-y"], "published": ["2024-04-17", ""]}
)
BASIS_CASES = [
    ("report_day", "2024-04-17", "", []),
    (
        "report_day",
        "2024-04-16",
        "",
        ["events ev-x: report_day, but 2024-04-16 is no cited source's day"],
    ),
    ("relative", "2024-04-17", "", []),  # "today" on the page's own day
    ("relative", "2024-04-10", "", []),  # seven days before: the last day allowed
    (
        "relative",
        "2024-04-09",
        "",
        ["events ev-x: relative, but 2024-04-09 is not within 7 days before a cited source's day"],
    ),
    (
        "relative",
        "2024-04-18",
        "",
        ["events ev-x: relative, but 2024-04-18 is not within 7 days before a cited source's day"],
    ),
    ("inferred", "2024-01-01", "Date is ours: the month's first day.", []),
    ("inferred", "2024-01-01", "  ", ["events ev-x: inferred date, but the notes do not say how"]),
    ("stated", "1999-01-01", "", []),
    ("", "1999-01-01", "", []),  # not yet re-read
    ("guessed", "2024-04-17", "", ["events ev-x: unknown date_basis 'guessed'"]),
]


@pytest.mark.parametrize(("basis", "date", "notes", "want"), BASIS_CASES)
def test_date_basis_rule(basis, date, notes, want):
    got = audit.date_basis_problems(_dated(basis, date, notes=notes), DATE_SOURCES)
    assert got == want


def test_date_basis_of_an_observation_uses_its_one_source():
    tables = _dated("", "2024-04-17")
    tables["observations"] = pd.DataFrame(
        [
            {
                "obs_id": "ob-x",
                "ref_date": "2024-04-20",
                "date_basis": "report_day",
                "source_id": "tass-20240417-x",
                "notes": "",
            }
        ]
    )
    got = audit.date_basis_problems(tables, DATE_SOURCES)
    assert got == ["observations ob-x: report_day, but 2024-04-20 is no cited source's day"]


REPORT_SOURCES = pd.DataFrame(
    {
        "source_id": ["bg-20240301-a", "first-20240417-b", "second-20240420-c", "undated-x"],
        "published": ["2024-03-01", "2024-04-17", "2024-04-20", ""],
    }
)
REPORT_CASES = [
    # date, cited pages, reported_on, notes, the day the check wants (None: no problem)
    ("2024-04-16", "second-20240420-c;first-20240417-b", "2024-04-17", "", None),
    ("2024-04-16", "second-20240420-c;first-20240417-b", "2024-04-20", "", "2024-04-17"),
    ("2024-04-16", "first-20240417-b", "2024-04-16", "", "2024-04-17"),  # before every page
    ("2024-04-17", "first-20240417-b", "2024-04-17", "", None),  # the page's own day counts
    ("2024-04-16", "bg-20240301-a;first-20240417-b", "2024-04-17", "", None),  # background page
    ("2024-04-16", "bg-20240301-a;first-20240417-b", "2024-03-01", "", "2024-04-17"),
    ("2024-05-01", "bg-20240301-a;first-20240417-b", "2024-03-01", "", None),  # all older
    ("2024-05-01", "bg-20240301-a;first-20240417-b", "2024-04-17", "", "2024-03-01"),
    ("2024-04-16", "first-20240417-b", "2024-04-16", "reported_on is the speech's day.", None),
    ("2024-04-16", "undated-x", "2024-04-16", "", None),  # no dated page: nothing to check
    ("2024-04-16", "undated-x;second-20240420-c", "2024-04-17", "", "2024-04-20"),
]


@pytest.mark.parametrize(("date", "cited", "reported", "notes", "want"), REPORT_CASES)
def test_reported_on_rule(date, cited, reported, notes, want):
    tables = _dated("", date, sources=cited, notes=notes)
    tables["events"]["reported_on"] = reported
    got = audit.reported_on_problems(tables, REPORT_SOURCES)
    if want is None:
        assert got == []
    else:
        assert got == [
            f"events ev-x: reported_on {reported}, but the cited pages made it public on {want}"
        ]


def test_reported_on_of_an_observation_uses_its_one_source():
    tables = _dated("", "2024-04-17", sources="first-20240417-b")
    tables["events"]["reported_on"] = "2024-04-17"
    tables["observations"] = pd.DataFrame(
        [
            {
                "obs_id": "ob-x",
                "ref_date": "2024-04-18",
                "source_id": "second-20240420-c",
                "notes": "",
                "reported_on": "2024-04-18",
            }
        ]
    )
    got = audit.reported_on_problems(tables, REPORT_SOURCES)
    assert got == [
        "observations ob-x: reported_on 2024-04-18, "
        "but the cited pages made it public on 2024-04-20"
    ]


def _obs(*rows):
    cols = ["obs_id", "source_id", "quantity", "value", "unit", "qualifier", "ref_date", "notes"]
    return pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows])


def test_one_sources_figure_twice_is_found_whatever_its_dates():
    obs = _obs(
        ("ob-1", "tass-a", "killed", "6", "persons", "exact", "2023-09-20", "The deaths' day."),
        ("ob-2", "tass-a", "killed", "6", "persons", "exact", "2023-10-09", ""),
        ("ob-3", "tass-a", "killed", "6", "persons", "about", "2023-10-09", ""),  # other qualifier
        ("ob-4", "ria-b", "killed", "6", "persons", "exact", "2023-10-09", ""),  # other source
        ("ob-5", "tass-a", "killed", "7", "persons", "exact", "2023-10-09", ""),  # other value
        ("ob-6", "tass-a", "wounded", "6", "persons", "exact", "2023-10-09", ""),  # other quantity
    )
    assert audit.duplicate_figures(obs) == [
        "observations ob-1, ob-2: the same figure (killed exact 6 persons) from tass-a twice"
    ]
    assert audit.duplicate_figures(obs.iloc[1:]) == []


def test_per_subject_figures_are_keyed_by_the_subject_their_notes_name():
    q = "sentence_years_main_trial"
    obs = _obs(
        ("ob-1", "z-a", q, "20", "years", "exact", "2026-02-05", "Arkadi Ghukasyan. Via APA."),
        ("ob-2", "z-a", q, "20", "years", "exact", "2026-02-05", "Arkadi Manucharyan. Via APA."),
        ("ob-3", "z-a", q, "20", "years", "exact", "2026-02-05", "Arkadi Manucharyan. Copy."),
    )
    assert audit.duplicate_figures(obs) == [
        f"observations ob-2, ob-3: the same figure ({q} exact 20 years) from z-a twice"
    ]
    assert audit.duplicate_figures(obs.iloc[:2]) == []  # one first name, two people


def test_duplicates_are_listed_in_the_order_of_their_key_not_of_the_file():
    obs = _obs(
        ("ob-9", "tass-b", "killed", "6", "persons", "exact", "2023-10-09", ""),
        ("ob-1", "ria-a", "wounded", "3", "persons", "exact", "2023-10-09", ""),
        ("ob-8", "tass-b", "killed", "6", "persons", "exact", "2023-10-10", ""),
        ("ob-2", "ria-a", "wounded", "3", "persons", "exact", "2023-10-10", ""),
    )
    assert audit.duplicate_figures(obs) == [
        "observations ob-1, ob-2: the same figure (wounded exact 3 persons) from ria-a twice",
        "observations ob-9, ob-8: the same figure (killed exact 6 persons) from tass-b twice",
    ]
