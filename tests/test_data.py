import functools
import json
import re

import pandas as pd
import pytest

from helpers import data
from helpers.data import DataError
from tests.conftest import read_rows, set_cell, write_rows


@pytest.mark.parametrize("name", data.dataset_names())
def test_every_dataset_loads_with_rows(name):
    frame = data.load(name)
    assert len(frame) > 0, f"{name} is empty"


def test_every_data_row_names_a_known_source():
    # Frictionless enforces the foreign keys; this guards against a resource that forgets one.
    for resource in json.loads((data.DATA_DIR / "datapackage.json").read_text())["resources"]:
        fields = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
        if resource["name"] == "sources" or not fields:
            continue
        assert "source_id" in fields, f"{resource['name']} has no source_id column"
        keyed = {fk["fields"][0] for fk in resource["schema"].get("foreignKeys", [])}
        source_columns = {f for f in fields if f == "source_id" or f.endswith("_source_id")}
        assert source_columns <= keyed, f"{resource['name']}: {source_columns - keyed} not checked against sources"


def test_sources_have_a_url_unless_they_are_the_course_text():
    sources = data.load("sources")
    missing = sources[sources["url"].isna() & (sources["source_type"] != "course_text")]
    assert missing.empty, f"sources without a URL: {list(missing['source_id'])}"


def test_loaded_frames_are_typed():
    events = data.load("policy_events")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert isinstance(events["pillar"].dtype, pd.CategoricalDtype)
    assert events["milestone"].dtype == bool
    countries = data.load("countries")
    assert countries["un_member"].dtype == bool


def test_a_loaded_frame_is_a_copy_that_cannot_change_the_cache():
    first = data.load("countries")
    first.loc[:, "country_name"] = "changed"
    assert (data.load("countries")["country_name"] != "changed").all()


def test_administration_is_derived_from_the_date():
    dates = pd.Series(pd.to_datetime(["2008-02-18", "2017-01-20", "2021-01-19", "2025-01-20", "2026-06-01"]))
    assert list(data.administration_on(dates).astype(str)) == ["bush", "trump1", "trump1", "trump2", "trump2"]


def test_event_outside_every_term_is_reported(data_copy):
    # The earliest administration in the table began in 1989; a sanctions row has no earlier minimum.
    set_cell(data_copy / "sanctions.csv", 2, "date", "1985-05-01")
    with pytest.raises(DataError, match=r"sanctions.csv, row SA\d+, column 'date': 1985-05-01 falls outside"):
        data.load("sanctions", data_copy)


def test_unknown_dataset_name_lists_the_known_ones():
    with pytest.raises(DataError, match="no dataset called 'kosovo'.*kosovo_recognitions"):
        data.load("kosovo")


# A teacher or student edits a CSV badly: one clear error naming file, line, column, expectation.

def test_wrong_date(data_copy):
    set_cell(data_copy / "kosovo_recognitions.csv", 3, "recognised_on", "18/02/2008")
    with pytest.raises(DataError) as error:
        data.load("kosovo_recognitions", data_copy)
    assert str(error.value).startswith(
        "data/kosovo_recognitions.csv, line 3, column 'recognised_on': expected a real date written YYYY-MM-DD"
    )
    assert "found '18/02/2008'" in str(error.value)


def test_impossible_date(data_copy):
    set_cell(data_copy / "policy_events.csv", 4, "date", "2019-13-01")
    with pytest.raises(DataError, match=r"policy_events.csv, line 4, column 'date': expected a real date .* found '2019-13-01'"):
        data.load("policy_events", data_copy)


def test_unknown_country_code(data_copy):
    set_cell(data_copy / "kosovo_recognitions.csv", 5, "country_code", "XYZ")
    with pytest.raises(DataError) as error:
        data.load("kosovo_recognitions", data_copy)
    message = str(error.value)
    assert message.startswith("data/kosovo_recognitions.csv, line 5, column 'country_code'")
    assert "XYZ" in message and "Expected an id listed in data/countries.csv" in message


def test_country_outside_the_allowed_list(data_copy):
    set_cell(data_copy / "policy_events.csv", 2, "country", "Serbia")
    with pytest.raises(DataError, match=r"line 2, column 'country': expected one of SRB, XKX, .* found 'Serbia'"):
        data.load("policy_events", data_copy)


def test_missing_column(data_copy):
    rows = read_rows(data_copy / "policy_events.csv")
    drop = rows[0].index("pillar")
    write_rows(data_copy / "policy_events.csv", [r[:drop] + r[drop + 1:] for r in rows])
    with pytest.raises(DataError) as error:
        data.load("policy_events", data_copy)
    message = str(error.value)
    assert message.startswith("data/policy_events.csv, line 1 (the header): column 'pillar' is missing or misnamed")
    assert "git checkout -- data/policy_events.csv" in message


def test_text_in_a_true_false_column(data_copy):
    set_cell(data_copy / "countries.csv", 7, "nato_member", "yes")
    with pytest.raises(DataError, match=r"countries.csv, line 7, column 'nato_member': expected true or false, found 'yes'"):
        data.load("countries", data_copy)


def test_duplicated_key(data_copy):
    rows = read_rows(data_copy / "kosovo_recognitions.csv")
    write_rows(data_copy / "kosovo_recognitions.csv", rows + [rows[1]])
    with pytest.raises(DataError) as error:
        data.load("kosovo_recognitions", data_copy)
    assert f"line {len(rows) + 1}, column 'country_code': the value is already used by another row" in str(error.value)


def test_unknown_source_id(data_copy):
    set_cell(data_copy / "policy_events.csv", 3, "source_id", "my-blog")
    with pytest.raises(DataError, match=r"policy_events.csv, line 3, column 'source_id'.*my-blog.*data/sources.csv"):
        data.load("policy_events", data_copy)


def test_row_without_a_source(data_copy):
    set_cell(data_copy / "kosovo_recognitions.csv", 2, "source_id", "")
    with pytest.raises(DataError, match=r"line 2, column .source_id.: expected some text \(this column may not be empty\), found an empty cell"):
        data.load("kosovo_recognitions", data_copy)


def test_broken_sources_table_is_reported_before_the_table_that_uses_it(data_copy):
    set_cell(data_copy / "sources.csv", 2, "date_accessed", "yesterday")
    with pytest.raises(DataError, match=r"data/sources.csv, line 2, column 'date_accessed'"):
        data.load("policy_events", data_copy)


def test_deleted_file_says_how_to_restore_it(data_copy):
    (data_copy / "policy_events.csv").unlink()
    with pytest.raises(DataError, match=r"data/policy_events.csv is missing. Restore the original with `git checkout -- data/policy_events.csv`"):
        data.load("policy_events", data_copy)


def test_unquoted_comma_in_text(data_copy):
    path = data_copy / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = "T,Harris or Trump, policy stays,Policy stays the same,thesis,,course-essay"  # one cell too many
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"claims.csv, line 2: the row has more cells than the header.*double quotes"):
        data.load("claims", data_copy)


def test_text_in_a_number_column(data_copy):
    set_cell(data_copy / "troop_presence.csv", 3, "total_troops", "about 54,000")
    with pytest.raises(DataError, match=r"troop_presence.csv, line 3, column 'total_troops': expected a whole number, "
                                        r"found 'about 54,000'"):
        data.load("troop_presence", data_copy)


def test_value_outside_its_range(data_copy):
    set_cell(data_copy / "kosovo_recognitions.csv", 2, "recognised_on", "2007-12-31")
    with pytest.raises(DataError, match=r"line 2, column 'recognised_on': expected a real date written YYYY-MM-DD .*"
                                        r"no earlier than 2008-02-17, found '2007-12-31'"):
        data.load("kosovo_recognitions", data_copy)


def test_negative_number(data_copy):
    set_cell(data_copy / "troop_presence.csv", 2, "us_troops", "-5")
    with pytest.raises(DataError, match=r"troop_presence.csv, line 2, column 'us_troops': expected a whole number, "
                                        r"no less than 0, found '-5'"):
        data.load("troop_presence", data_copy)


def test_loading_never_writes_into_data(data_copy):
    before = {p.name: p.stat().st_mtime_ns for p in data_copy.iterdir()}
    for name in data.dataset_names(data_copy):
        data.load(name, data_copy)
    data.world_map(data_copy)
    after = {p.name: p.stat().st_mtime_ns for p in data_copy.iterdir()}
    assert before == after


def test_sources_markdown_lists_every_cited_source_once_and_only_the_rows_shown():
    text = data.sources_markdown(["kosovo_recognitions"])
    cited = data.sources_for(["kosovo_recognitions"])
    assert set(data.load("kosovo_recognitions")["source_id"].astype(str)) <= set(cited["source_id"])
    assert text.count("\n- **") == len(cited) and text.startswith(f"{len(cited)} sources")
    assert "Accessed 2026-" in text and "*state media*" in text or "*news report*" in text
    events = data.load("policy_events")
    c3 = events[events["claim_list"].apply(lambda ids: "C3" in ids)]
    only_c3 = set(data.sources_for(["policy_events"], claim_id="C3")["source_id"])
    assert set(c3["source_id"].astype(str)) <= only_c3 < set(data.sources_for(["policy_events"])["source_id"])
    views = data.load("context_views")
    bosnia_only = views[views["context_id"].isin(
        data.load("context_events").pipe(lambda e: e[~e["claim_list"].apply(lambda ids: "C3" in ids)])["context_id"])]
    shown = set(data.sources_for(["context_views"], claim_id="C3")["source_id"])
    assert shown and not (set(bosnia_only["source_id"]) - set(views[~views.index.isin(bosnia_only.index)]["source_id"])) & shown


def test_the_world_map_has_kosovo_and_serbia_as_separate_shapes():
    topology, codes = data.world_map()
    assert {"XKX", "SRB", "USA"} <= set(codes.values())
    assert list(codes.values()).count("XKX") == 1 and '"land"' not in topology


def test_a_damaged_map_file_gives_a_clear_error(data_copy):
    (data_copy / data.MAP_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="countries-50m.json is not a world-atlas TopoJSON file"):
        data.world_map(data_copy)


# Outlets a state owns or mainly funds, for every side (data/README.md's one rule). A copy on
# another site is typed by that site ("Koha (citing RFE/RL)"): only the outlet's own name leads.
STATE_FUNDED = re.compile(
    r"^(?:radio free europe|rfe/rl|radio slobodna evropa|radio evropa e lir|voice of america(?! editorials| \(editorials)"
    r"|glas amerike|zëri i amerikës|bbc|deutsche welle|france 24|trt\b|rtk\b|rts\b|rtrs\b|southeast european times"
    r"|sta\b|tass\b|ria novosti|sputnik|xinhua|cgtn|anadolu)", re.IGNORECASE)


def test_every_source_kind_is_known_and_state_funded_outlets_are_state_media_for_every_side():
    sources = data.load("sources")
    assert set(sources["source_type"].astype(str)) <= set(data.SOURCE_KINDS)
    direct = sources[sources["publisher"].astype(str).str.strip().str.contains(STATE_FUNDED)]
    assert {"rferl-mostar-deal-2020-06-17", "tass-mig-2016-12-22"} <= set(direct["source_id"])
    mistyped = direct[direct["source_type"].astype(str) != "state_media"]
    assert mistyped.empty, f"state-funded outlets not typed state_media: {mistyped['source_id'].tolist()}"


def test_facts_resting_only_on_state_media_or_partisan_sources_are_labelled_as_claims():
    kinds = data.load("sources").set_index("source_id")["source_type"].astype(str)
    weak = {"state_media", "partisan_outlet"}
    for name in data.dataset_names():
        frame = data.load(name)
        if name in ("sources", "context_views") or "source_id" not in frame.columns:
            continue  # a row of context_views is by definition its holder's claim, attributed by name
        main = frame["source_id"].astype(str).map(kinds)
        if "alt_source_id" in frame.columns:
            alt = frame["alt_source_id"].astype(str).map(kinds)
        else:
            alt = pd.Series(None, index=frame.index, dtype=object)
        only_weak = frame[main.isin(weak) & (alt.isna() | alt.isin(weak))]
        if only_weak.empty:
            continue
        text = only_weak.filter(items=["note", "summary", "source_locator", "definition"]).astype(str).agg(
            " ".join, axis=1)
        unlabelled = only_weak[~text.str.contains("claim", case=False)]
        assert unlabelled.empty, f"{name}: rows resting only on state media or partisan sources, not labelled as claims: {unlabelled.index.tolist()}"


def test_an_action_without_a_tone_rationale_is_refused(data_copy):
    set_cell(data_copy / "policy_events.csv", 5, "tone_rationale", "")
    with pytest.raises(DataError, match=r"policy_events.csv, line 5, column 'tone_rationale': .*may not be empty"):
        data.load("policy_events", data_copy)


def test_substance_and_tone_are_coded_apart_on_every_action():
    events = data.load("policy_events")
    assert "direction" not in events.columns
    assert events["substance"].notna().all() and events["tone"].notna().all()
    assert (events["substance_rationale"].str.len() > 20).all() and (events["tone_rationale"].str.len() > 20).all()
    # Both combinations the essay's distinction needs occur: same policy, new tone; and the reverse.
    assert ((events["substance"] == "continues") & (events["tone"] == "changed")).any()
    assert ((events["substance"] == "departs") & (events["tone"] == "same")).any()


def test_no_reading_of_an_event_is_listed_twice():
    views = data.load("context_views")
    first_words = views["view"].str.lower().str.split().str[:8].str.join(" ")
    repeated = views[views.assign(start=first_words).duplicated(["context_id", "start"], keep=False)]
    assert repeated.empty, f"views repeated: {list(repeated['view_id'])}"



def test_an_event_dated_after_the_data_was_compiled_is_refused(data_copy):
    us = next(i for i, row in enumerate(read_rows(data_copy / "kosovo_recognitions.csv"), start=1) if row[0] == "USA")
    set_cell(data_copy / "kosovo_recognitions.csv", us, "recognised_on", "2030-02-18")
    with pytest.raises(DataError, match=rf"kosovo_recognitions.csv, line {us}, column 'recognised_on': expected .*"
                                        r"no later than 2026-12-04, found '2030-02-18'"):
        data.load("kosovo_recognitions", data_copy)


def test_every_event_date_ends_at_the_compilation_date():
    descriptor = json.loads((data.DATA_DIR / "datapackage.json").read_text())
    compiled = descriptor["created"][:10]
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            if field.get("type") == "date" and (resource["name"], field["name"]) != ("administrations", "term_end"):
                assert field["constraints"]["maximum"] == compiled, (resource["name"], field["name"])


def test_an_edit_to_a_table_is_seen_at_once_without_a_restart(data_copy):
    assert data.load("countries", data_copy).set_index("country_code").loc["SRB", "country_name"] == "Serbia"
    set_cell(data_copy / "countries.csv", 2, "country_name", "Renamed by a teacher")
    code = read_rows(data_copy / "countries.csv")[1][0]
    assert data.load("countries", data_copy).set_index("country_code").loc[code, "country_name"] == "Renamed by a teacher"
    set_cell(data_copy / "countries.csv", 2, "un_member", "perhaps")  # and a broken edit is caught at once
    with pytest.raises(DataError, match="countries.csv, line 2, column 'un_member'"):
        data.load("countries", data_copy)


def test_a_second_source_is_never_the_first_one_again():
    for name in data.dataset_names():
        frame = data.load(name)
        if {"source_id", "alt_source_id"} <= set(frame.columns):
            same = frame[frame["source_id"].astype(str) == frame["alt_source_id"].astype(str)]
            assert same.empty, f"{name}: alt_source_id repeats source_id in {len(same)} rows"


# One spelling of each country in our own words; names of publications ('Insight Turkey'),
# pipelines ('TurkStream') and source titles keep theirs.
OLD_COUNTRY_NAMES = re.compile(r"(?<!Insight )\bTurkey\b|\bCzech Republic\b")


def test_turkiye_and_czechia_are_spelled_one_way_in_every_table():
    found = []
    for path in sorted(data.DATA_DIR.glob("*.csv")):
        if path.name == "sources.csv":  # titles as their publishers wrote them
            continue
        for row_number, row in enumerate(read_rows(path)):  # row 0 is the header
            for cell in row:
                if OLD_COUNTRY_NAMES.search(cell) and "world-atlas" not in cell:
                    found.append(f"{path.name}, row {row_number} ({row[0]}): {OLD_COUNTRY_NAMES.search(cell).group()}")
    assert not found, "write Türkiye and Czechia: " + "; ".join(found)


def test_every_date_says_how_precise_it_is():
    """A date known only to the month is stored as the 1st with 'month', never passed off as a day."""
    descriptor = json.loads((data.DATA_DIR / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        names = [f["name"] for f in resource["schema"]["fields"]]
        for field in resource["schema"]["fields"]:
            if field.get("type") != "date" or resource["name"] in ("sources", "administrations"):
                continue
            precision = "date_precision" if field["name"] in ("date", "recognised_on") else f"{field['name']}_precision"
            assert precision in names, f"{resource['name']}.{field['name']} has no {precision} column"
    table = data.load("policy_events")
    assert (table.loc[table["date_precision"] == "month", "date"].dt.day == 1).all()


def test_a_file_that_passed_is_not_validated_again_until_it_changes(data_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("BALKANS_CACHE", str(tmp_path / "cache"))
    calls = []
    real = data._package

    @functools.lru_cache(maxsize=None)  # data.clear_cache() clears it like the real one
    def counted(data_dir):
        calls.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(data, "_package", counted)
    data.validate("claims", data_copy)
    assert calls  # first time: the standard validator ran
    data.clear_cache()
    calls.clear()
    data.validate("claims", data_copy)
    assert not calls  # same content, schema and validator: the earlier pass counts
    rows = read_rows(data_copy / "claims.csv")
    rows[1][1] += " "  # still valid, but not the file that passed
    write_rows(data_copy / "claims.csv", rows)
    data.clear_cache()
    data.validate("claims", data_copy)
    assert calls  # a changed file is always checked again
    set_cell(data_copy / "claims.csv", 2, "claim_id", "not an id")
    data.clear_cache()
    with pytest.raises(data.DataError, match="claims.csv, line 2, column 'claim_id'"):
        data.validate("claims", data_copy)
