"""The evidence base: valid package, every row cited, sources complete, contested figures spread."""

import json

import pandas as pd
import pytest

from karabakh.asof import ARTICLE_AS_OF, TODAY
from karabakh.data import load, resource, table_names, validate_package
from karabakh.errors import DataError
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


@pytest.mark.parametrize("name", table_names())
def test_every_row_cites_a_known_source(name):
    frame = TABLES[name]
    known = set(TABLES["sources"]["source_id"])
    column = "source_ids" if "source_ids" in frame else "source_id"
    if name in ("sources", "quantities"):  # the bibliography and the data dictionary
        return
    for value in frame[column]:
        cited = value if isinstance(value, list) else [value]
        assert cited and set(cited) <= known


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
    early = load("events", as_of=ARTICLE_AS_OF)
    late = load("events", as_of=TODAY)
    assert early["reported_on"].max() <= pd.Timestamp(ARTICLE_AS_OF)
    assert len(early) < len(late) == len(TABLES["events"])
    assert len(load("sources", as_of="2021-01-01")) == len(TABLES["sources"])  # no as-of field


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
            targets = {fk["reference"]["resource"] for fk in res["schema"].get("foreignKeys", [])}
            assert "sources" in targets, res["name"]


def test_data_dictionary_documents_every_table_and_column():
    text = (DATA / "README.md").read_text(encoding="utf-8")
    for name in table_names():
        res = resource(name)
        assert f"`{res['path']}`" in text
        for field in res["schema"]["fields"]:
            assert f"`{field['name']}`" in text, (name, field["name"])
