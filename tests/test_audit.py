"""Evidence audit checks: hand-made cases with exact answers, then the real data."""

import pandas as pd

from karabakh.evidence import audit
from karabakh.paths import DATA


def frame(rows, columns):
    return pd.DataFrame(rows, columns=columns, dtype=str)


SRC_COLS = [
    "source_id", "publisher", "url", "published", "origin_type", "origin_country",
    "relay", "relay_of", "original_origin_type", "original_origin_country",
]  # fmt: skip


def sources():
    return frame(
        [
            ["wire-20240418-x", "Aggregator", "https://agg.example/1", "2024-04-18",
             "independent_media", "INT", "true", "Agency", "state_affiliated_media", "RU"],
            ["own-20240417-y", "Agency", "https://www.agency.example/2", "2024-04-17",
             "state_affiliated_media", "RU", "false", "", "state_affiliated_media", "RU"],
        ],
        SRC_COLS,
    )  # fmt: skip


def publishers():
    return frame(
        [
            ["Agency", "agency.example", "state_affiliated_media", "RU"],
            ["Aggregator", "agg.example", "independent_media", "INT"],
        ],
        ["publisher", "domains", "origin_type", "origin_country"],
    )


def dated():
    st = frame(
        [
            ["st-1", "2024-04-18", "wire-20240418-x"],  # hit: sole source a relay, same day
            ["st-2", "2024-04-17", "wire-20240418-x"],  # dated before the relay: no hit
            ["st-3", "2024-04-18", "wire-20240418-x;own-20240417-y"],  # two sources: no hit
            ["st-4", "2024-04-17", "own-20240417-y"],  # not a relay: no hit
        ],
        ["statement_id", "date", "source_ids"],
    )
    ob = frame(
        [["ob-1", "2024-04-18", "wire-20240418-x", ""]],
        ["obs_id", "ref_date", "source_id", "notes"],
    )
    return {"statements": st, "observations": ob}


def test_relay_date_hits_exact():
    hits = audit.relay_date_hits(dated(), sources())
    assert list(zip(hits["table"], hits["row_id"], strict=True)) == [
        ("statements", "st-1"),
        ("observations", "ob-1"),
    ]
    assert list(hits["relay_of"]) == ["Agency", "Agency"]


def test_exceptions_excuse_unless_open():
    ex = frame(
        [
            ["statements", "st-1", "verified", "re-read: said that day", "wire-20240418-x"],
            ["observations", "ob-1", "open", "not yet re-read", "wire-20240418-x"],
        ],
        ["table", "row_id", "status", "reason", "source_ids"],
    )
    hits = audit.relay_date_hits(dated(), sources(), ex)
    assert list(hits["row_id"]) == ["ob-1"]
    assert audit.unregistered_hits(dated(), sources(), ex).empty
    assert audit.stale_entries(dated(), sources(), ex) == []
    ex.loc[2] = ["statements", "st-4", "verified", "x", "own-20240417-y"]
    assert audit.stale_entries(dated(), sources(), ex) == [("statements", "st-4")]
    ex.loc[2, "status"] = "corrected"  # a fixed row keeps its entry as the audit trail
    assert audit.stale_entries(dated(), sources(), ex) == []
    ex.loc[2, "status"] = "verified"
    ex.loc[3] = ["statements", "st-9", "verified", "", "own-20240417-y"]
    assert audit.exception_problems(dated(), ex) == [
        "statements st-9: no such row",
        "statements st-9: no reason given",
    ]


def test_relay_only_rows():
    tables = dated()
    tables["observations"].loc[1] = [
        "ob-2",
        "2024-04-18",
        "wire-20240418-x",
        "Rests on a relay only",
    ]
    got = audit.relay_only_rows(tables, sources())
    assert list(zip(got["table"], got["row_id"], strict=True)) == [
        ("statements", "st-1"),
        ("statements", "st-2"),
        ("observations", "ob-1"),
    ]


def test_normalise_folds_spelling_case_and_punctuation():
    assert audit.normalise("The Centre's DEFENCE-labour, organised; 1,960 analysed.") == [
        "the", "centers", "defense", "labor", "organized", "1960", "analyzed",
    ]  # fmt: skip
    assert audit.normalise("colour favourite four hours") == ["color", "favorite", "four", "hours"]
    assert audit.normalise("Şuşa") == ["susa"]


def test_shared_runs_exact():
    ours = "Russia opened the joint monitoring centre near Aghdam on Saturday, officials said."
    theirs = "Officials: Russia opened the joint monitoring center near Aghdam on Saturday."
    assert audit.shared_runs(ours, theirs) == [
        "russia opened the joint monitoring center near aghdam on saturday"
    ]
    assert audit.shared_runs(ours, theirs, n=11) == []
    assert (
        audit.shared_runs("one two three four five six seven", "one two three four five six seven")
        == []
    )
    assert audit.shared_runs("a b c d e f g h x a b c d e f g h", "a b c d e f g h") == [
        "a b c d e f g h"
    ]


def test_overlap_hits_table():
    texts = frame(
        [
            [
                "events",
                "ev-1",
                "description",
                "They said the peace centre will open in the town soon.",
                "s",
            ]
        ],
        ["table", "row_id", "column", "text", "source_ids"],
    )
    ex = frame(
        [
            [
                "https://x.example",
                "Officials said the peace center will open in the town soon enough.",
            ]
        ],
        ["url", "excerpt"],
    )
    got = audit.overlap_hits(texts, ex)
    assert list(got["run"]) == ["said the peace center will open in the town soon"]


def test_shingle_hashes_find_the_same_runs_as_the_excerpt_itself(tmp_path):
    excerpt = "Officials said the peace center will open in the town soon enough."
    ours = [
        ("events", "ev-1", "They said the Peace Centre will open in the town soon."),
        ("events", "ev-2", "The centre may open in the town one day, they said."),
        ("statements", "st-1", "Said the peace centre will open in a town."),
    ]
    texts = frame(
        [[table, row, "text", text, "s"] for table, row, text in ours],
        ["table", "row_id", "column", "text", "source_ids"],
    )
    # 12 words -> 5 runs of 8; one more excerpt of 8 words adds one run; duplicates count once
    assert audit.write_shingles(tmp_path / "h.txt.gz", [excerpt, excerpt, "a b c d e f g h"]) == 6
    hashes = audit.read_shingles(tmp_path / "h.txt.gz")
    assert len(hashes) == 6 and all(len(h) == 10 for h in hashes)
    got = audit.shingle_hits(texts, hashes)
    # ev-1 shares 10 words (three 8-word runs), ev-2 none in a row, st-1 seven (below 8)
    assert list(got["row_id"]) == ["ev-1", "ev-1", "ev-1"]
    assert list(got["run"]) == [
        "said the peace center will open in the",
        "the peace center will open in the town",
        "peace center will open in the town soon",
    ]
    assert audit.shingle_hits(texts, set()).empty


def test_shingle_file_is_byte_reproducible(tmp_path):
    audit.write_shingles(tmp_path / "a.gz", ["one two three four five six seven eight nine"])
    audit.write_shingles(tmp_path / "b.gz", ["one two three four five six seven eight nine"])
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()


def test_no_text_of_ours_shares_8_words_with_a_compared_excerpt():
    """The overlap pass of data/AUDIT.md section 4, repeated on the hashes it kept."""
    hashes = audit.read_shingles(DATA / "excerpt_shingles.txt.gz")
    assert len(hashes) > 100_000  # the pass compared several thousand excerpts
    texts = audit.text_rows(audit.load_all(DATA))
    hits = audit.shingle_hits(texts, hashes)
    assert hits.empty, hits.to_string()


def test_publisher_problems_clean_and_broken():
    assert audit.publisher_problems(sources(), publishers()) == []
    s = sources()
    s.loc[0, "origin_type"] = "government"
    s.loc[1, "source_id"] = "own-20240416-y"
    p = publishers()
    p.loc[2] = ["agency", "agency.example", "state_affiliated_media", "RU"]
    got = audit.publisher_problems(s, p)
    assert (
        "wire-20240418-x: origin_type 'government' but 'Aggregator' is 'independent_media'" in got
    )
    assert "own-20240416-y: id date disagrees with published '2024-04-17'" in got
    assert any("differ only in spelling" in g for g in got)
    assert any("host agency.example belongs to" in g for g in got)


def test_host():
    assert audit.host("https://www.en.example.org/a?b") == "example.org"
    assert audit.host("https://cozy.pub?url=https%3a%2f%2fx") == "cozy.pub"
    assert audit.host("http://president.az./x") == "president.az"


def test_real_data_has_no_unexplained_findings():
    got = audit.run(DATA)
    assert got["publisher_problems"] == []
    assert got["date_basis_problems"] == []
    assert got["reported_on_problems"] == []
    assert got["duplicate_figures"] == []
    assert got["exception_problems"] == []
    assert got["unregistered_hits"].empty, got["unregistered_hits"].to_string()
    assert got["stale_entries"] == []
    assert got["relay_only_unmarked"].empty, got["relay_only_unmarked"].to_string()


def test_real_data_relay_columns_are_consistent():
    s = audit.read_table(DATA, "sources")
    assert set(s["relay"]) <= {"true", "false"}
    assert (s.loc[s["relay"] == "false", "relay_of"] == "").all()
    via = s["url"].str.contains("hyetert.org|armenianclub.com|menafn.com|nasdaq.com")
    assert (s.loc[via, "relay"] == "true").all()
