"""The evidence base: valid package, every row cited, sources complete, contested figures spread."""

import json

import pandas as pd
import pytest

from karabakh.errors import DataError
from karabakh.evidence import at
from karabakh.evidence.dates import ARTICLE_AS_OF, TODAY
from karabakh.evidence.package import LIST_FKS, load, resource, table_names, validate_package
from karabakh.paths import DATA

from .conftest import rewrite

TABLES = validate_package()


def test_descriptor_lists_every_csv_and_nothing_else():
    listed = {resource(name)["path"] for name in table_names()}
    assert listed == {p.name for p in DATA.glob("*.csv")}


def test_size_of_the_evidence_base():
    sources = TABLES["sources"]
    assert len(sources) >= 80
    assert sources["origin_type"].nunique() >= 5
    assert {"AZ", "AM", "RU", "TR"} <= set(sources["origin_country"])
    assert {
        "government",
        "international_body",
        "state_affiliated_media",
        "independent_media",
    } <= set(sources["origin_type"])
    assert len(TABLES["events"]) >= 150
    assert len(TABLES["claims"]) >= 30


CITING = [
    n
    for n in table_names()
    if n != "sources" and {"source_ids", "source_id"} & set(TABLES[n].columns)
]


def test_the_citing_tables_are_the_ones_with_records():
    assert {"events", "observations", "statements", "claims", "forecasts"} <= set(CITING)


@pytest.mark.parametrize("name", CITING)
def test_every_row_cites_a_known_source(name):
    frame = TABLES[name]
    known = set(TABLES["sources"]["source_id"])
    column = "source_ids" if "source_ids" in frame else "source_id"
    for row, value in frame[column].items():
        cited = value if isinstance(value, list) else [value]
        assert cited and set(cited) <= known, (name, row)


def test_every_source_has_address_publisher_and_date():
    s = TABLES["sources"]
    assert s["url"].str.match(r"https?://").all()
    assert s["publisher"].str.len().gt(0).all()
    undated = s[s["published"].isna()]
    assert (undated["kind"] == "reference").all(), "only reference works may lack a date"
    assert s["accessed"].notna().all()


@pytest.mark.parametrize("name", table_names())
def test_primary_keys_are_unique(name):
    key = resource(name)["schema"]["primaryKey"]
    assert not TABLES[name].duplicated(subset=[key] if isinstance(key, str) else key).any()


def test_dates_agree_with_their_precision():
    ev = TABLES["events"]
    month = ev[ev["date_precision"] == "month"]
    year = ev[ev["date_precision"] == "year"]
    assert (month["date"].dt.day == 1).all()
    assert ((year["date"].dt.day == 1) & (year["date"].dt.month == 1)).all()
    spans = ev[ev["end_date"].notna()]
    assert (spans["end_date"] >= spans["date"]).all()


# Figures that the sides report differently: each must be held by several sources.
CONTESTED = [
    "peacekeepers_authorized",
    "peacekeepers_present",
    "population_nk_before_exodus",
    "displaced_arrived_armenia",
    "armenians_remaining_nk",
    "operation_duration_hours",
    "killed_peacekeepers_sep2023",
    "killed_total_nk_sep2023",
    "killed_az_servicemen_sep2023",
    "killed_fuel_depot_explosion",
    "blockade_duration_days",
    "observation_posts",
]


@pytest.mark.parametrize("quantity", CONTESTED)
def test_contested_figures_are_held_by_several_sources(quantity):
    obs = TABLES["observations"]
    assert obs.loc[obs["quantity"] == quantity, "source_id"].nunique() >= 2


def test_claim_checks_point_at_existing_records():
    quantities = set(TABLES["quantities"]["quantity"])
    records = (
        set(TABLES["events"]["event_id"])
        | set(TABLES["statements"]["statement_id"])
        | set(TABLES["elections"]["election_id"])
    )
    for claim in TABLES["claims"].itertuples():
        keys = claim.check_keys if isinstance(claim.check_keys, list) else []
        if claim.method in ("quantity", "ratio"):
            assert keys and set(keys) <= quantities, claim.claim_id
            assert pd.notna(claim.claimed_value) and pd.notna(claim.tolerance)
        elif claim.method in ("date", "record"):
            assert keys and set(keys) <= records, claim.claim_id
        else:
            assert pd.notna(claim.assessment), claim.claim_id
    ratios = TABLES["claims"][TABLES["claims"]["method"] == "ratio"]
    assert ratios["check_keys"].map(len).eq(2).all(), "a ratio needs numerator and denominator"


def test_claims_cover_every_analytical_paragraph():
    assert set(TABLES["claims"]["paragraph"]) >= set(range(1, 12))


def test_forecasts_use_published_scale_terms_and_known_events():
    terms = set(TABLES["likelihood_scales"]["term"])
    events = set(TABLES["events"]["event_id"])
    for f in TABLES["forecasts"].itertuples():
        if pd.notna(f.scale_term):
            assert f.scale_term in terms
        if isinstance(f.resolving_event_ids, list):
            assert set(f.resolving_event_ids) <= events


def test_likelihood_ranges_are_ordered():
    scales = TABLES["likelihood_scales"]
    assert (scales["p_low"] <= scales["p_high"]).all()


def test_places_carry_the_names_each_side_uses():
    places = TABLES["places"].set_index("place_id")
    both = places[places["name_hy"].notna() & places["name_az"].notna()]
    assert len(both) >= 8
    assert "Stepanakert" in places.loc["stepanakert-khankendi", "name_en"]
    assert "Khankendi" in places.loc["stepanakert-khankendi", "name_en"]


def test_as_of_hides_rows_reported_later():
    early = at(ARTICLE_AS_OF)["events"]
    late = at(TODAY)["events"]
    assert early["reported_on"].max() <= pd.Timestamp(ARTICLE_AS_OF)
    assert len(early) < len(late) == len(TABLES["events"])
    assert len(at("2021-01-01")["sources"]) == len(TABLES["sources"])  # no as-of field


def test_frictionless_accepts_the_package():
    from frictionless import Package

    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


# --- each fault gives a clear error naming file, row and column ---------------------------


def test_missing_file(data_copy):
    (data_copy / "events.csv").unlink()
    with pytest.raises(DataError, match=r"events.csv: file missing"):
        load("events", data_dir=data_copy)


def test_missing_column(data_copy):
    path = data_copy / "places.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(header.replace(",lat,", ",latitude,") + "\n" + rest, encoding="utf-8")
    with pytest.raises(DataError, match=r"places.csv: column 'lat' is missing"):
        load("places", data_dir=data_copy)


def test_unknown_source(data_copy):
    rewrite(data_copy / "observations.csv", ",tass-20231002-un-mission,", ",no-such-source,")
    with pytest.raises(
        DataError,
        match=r"observations.csv, row \d+ \(line \d+\), column "
        r"'source_id': 'no-such-source' is not a source_id",
    ):
        load("observations", data_dir=data_copy)


def test_bad_date(data_copy):
    path = data_copy / "elections.csv"
    rewrite(path, "2020-02-09", "2020-02-30")
    with pytest.raises(
        DataError,
        match=r"elections.csv, row 1 \(line 2\), column 'held_on': "
        r"'2020-02-30' is not a calendar date",
    ):
        load("elections", data_dir=data_copy)


def test_badly_written_date(data_copy):
    rewrite(data_copy / "elections.csv", "2020-02-09", "09.02.2020")
    with pytest.raises(DataError, match=r"'09.02.2020' is not a date; write YYYY-MM-DD"):
        load("elections", data_dir=data_copy)


def test_duplicate_key(data_copy):
    path = data_copy / "quantities.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(
        DataError,
        match=rf"quantities.csv, row {len(lines)} \(line "
        rf"{len(lines) + 1}\), column 'quantity': duplicate key",
    ):
        load("quantities", data_dir=data_copy)


def test_value_outside_enum(data_copy):
    rewrite(data_copy / "observations.csv", ",exact,", ",roughly,")
    with pytest.raises(DataError, match=r"column 'qualifier': 'roughly' is not allowed"):
        load("observations", data_dir=data_copy)


def test_unknown_table():
    with pytest.raises(DataError, match="no table named 'event'; known tables: claims"):
        load("event")


def test_descriptor_declares_foreign_keys_for_citations():
    desc = json.loads((DATA / "datapackage.json").read_text())
    for res in desc["resources"]:
        fields = {f["name"] for f in res["schema"]["fields"]}
        if fields & {"source_ids", "source_id"} and res["name"] != "sources":
            keys = res["schema"].get("foreignKeys", []) + res["schema"].get(LIST_FKS, [])
            targets = {fk["reference"]["resource"] for fk in keys}
            assert "sources" in targets, res["name"]


def test_data_dictionary_documents_every_table_and_column():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    for name in table_names():
        res = resource(name)
        assert f"`{res['path']}`" in text
        for field in res["schema"]["fields"]:
            assert f"`{field['name']}`" in text, (name, field["name"])


def test_unknown_source_inside_a_list_column(data_copy):
    rewrite(data_copy / "events.csv", "loc-19940301-relations,", "loc-19940301-relations;nope,")
    with pytest.raises(
        DataError, match=r"events.csv, row 1 \(line 2\), column 'source_ids': 'nope' is not a"
    ):
        load("events", data_dir=data_copy)


def test_list_items_must_match_their_pattern(data_copy):
    rewrite(data_copy / "events.csv", ",AZ;RU,02,", ",AZ;russia,02,")
    with pytest.raises(DataError, match=r"column 'actors': 'russia' does not match"):
        load("events", data_dir=data_copy)


def _descriptor_edit(data_copy, edit):
    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    edit({r["name"]: r for r in desc["resources"]})
    path.write_text(json.dumps(desc), encoding="utf-8")


def test_unique_and_length_constraints_are_enforced(data_copy):
    def unique_publisher(res):
        fields = {f["name"]: f for f in res["sources"]["schema"]["fields"]}
        fields["publisher"]["constraints"]["unique"] = True

    _descriptor_edit(data_copy, unique_publisher)
    with pytest.raises(DataError, match=r"sources.csv, row \d+ .*column 'publisher': duplicate"):
        load("sources", data_dir=data_copy)


def test_max_length_is_enforced(data_copy):
    def short_titles(res):
        fields = {f["name"]: f for f in res["events"]["schema"]["fields"]}
        fields["title"]["constraints"]["maxLength"] = 10

    _descriptor_edit(data_copy, short_titles)
    with pytest.raises(DataError, match=r"events.csv, row 1 .*'title': length \d+ is above 10"):
        load("events", data_dir=data_copy)


def test_a_constraint_the_loader_does_not_know_is_refused(data_copy):
    def odd(res):
        res["places"]["schema"]["fields"][0]["constraints"]["jsonSchema"] = {}

    _descriptor_edit(data_copy, odd)
    with pytest.raises(DataError, match=r"constraint 'jsonSchema', which this loader does not"):
        load("places", data_dir=data_copy)


def test_pattern_on_a_list_field_is_refused(data_copy):
    def standard_breaking(res):
        fields = {f["name"]: f for f in res["events"]["schema"]["fields"]}
        fields["actors"]["constraints"]["pattern"] = "[A-Z]+"

    _descriptor_edit(data_copy, standard_breaking)
    with pytest.raises(DataError, match=r"list field 'actors' .* has 'pattern'"):
        load("events", data_dir=data_copy)


def test_each_page_read_is_one_source():
    urls = TABLES["sources"]["url"]
    assert not urls[urls.duplicated()].tolist(), "the same page under two source ids"
