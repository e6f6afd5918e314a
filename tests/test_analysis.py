"""The numbers the notebooks show, checked against the tables by hand-countable cases."""

import pandas as pd
import pytest

from helpers import analysis, data, tables


def test_every_recognition_counts_once_and_the_total_only_grows():
    table = analysis.recognitions("all")
    assert (table["change"] == 1).all() and table["cumulative"].is_monotonic_increasing
    assert table["cumulative"].iloc[-1] == len(data.load("kosovo_recognitions"))


def test_serbias_count_drops_on_the_date_of_each_claimed_withdrawal():
    table = analysis.recognitions("un", count_claimed_withdrawals=False)
    drops = table[table["change"] == -1]
    claimed = data.load("kosovo_recognitions").merge(data.load("countries"), on="country_code")
    claimed = claimed[claimed["un_member"] & claimed["withdrawal_status"].isin(analysis.WITHDRAWN_CLAIMED)]
    assert sorted(drops["country_code"]) == sorted(claimed["country_code"])
    surinam = drops[drops["country_code"] == "SUR"].iloc[0]
    assert surinam["date"] == pd.Timestamp("2017-10-27")
    # Before Serbia's campaign the two counts differ only by the withdrawal São Tomé confirmed in 2013.
    assert analysis.recognition_count("un", True, 2016) - analysis.recognition_count("un", False, 2016) == 1
    assert analysis.recognition_count("un", False, 2026) == analysis.recognition_count("un") - len(claimed)


def test_reaffirmed_recognition_still_counts_for_serbia():
    table = analysis.recognitions("un", count_claimed_withdrawals=False)
    assert "GNB" in set(table["country_code"]) and "GNB" not in set(table[table["change"] == -1]["country_code"])


def test_counts_by_year_and_group():
    assert analysis.recognition_count("un", up_to_year=2007) == 0
    assert analysis.recognition_count("eu") == 22 and analysis.group_size("eu") == 27
    assert analysis.group_size("all") is None
    with pytest.raises(ValueError, match="Unknown group 'asean'"):
        analysis.recognitions("asean")


def test_withdrawal_claim_years_for_the_map():
    years = analysis.withdrawal_claimed_years()
    assert years["SUR"] == 2017 and "GNB" not in years and "USA" not in years


def test_filter_events_combines_filters():
    kosovo_trump1 = analysis.filter_events(country="XKX", administration="trump1")
    assert not kosovo_trump1.empty
    assert set(kosovo_trump1["country"]) == {"XKX"} and set(kosovo_trump1["administration"].astype(str)) == {"trump1"}
    assert set(kosovo_trump1["administration_label"]) == {"Trump, first term"}
    assert set(kosovo_trump1["country_name"]) == {"Kosovo"}
    changes = analysis.filter_events(claim_id="C3", show="departs_or_unclear")
    assert set(changes["substance"]) <= {"departs", "starts", "unclear"} and len(changes) < len(analysis.events_for_claim("C3"))
    toned = analysis.filter_events(claim_id="C3", show="tone_changed")
    assert set(toned["tone"]) == {"changed"}
    assert analysis.coding_counts_sentence(changes.iloc[0:0]) .startswith("No US action in the table matches these filters")
    with pytest.raises(ValueError, match="Unknown choice 'mixed'"):
        analysis.filter_events(show="mixed")


def test_coding_counts_keep_substance_and_tone_apart_and_carry_the_caveat():
    events = analysis.events_for_claim("C3")
    text = analysis.coding_counts_sentence(events)
    substance, tone = events["substance"].value_counts(), events["tone"].value_counts()
    assert f"{substance['continues']} continue" in text and f"changed in {tone['changed']}" in text
    assert analysis.DENSITY_CAVEAT in text
    assert "trump1" not in text and "/" not in text  # no per-administration score


def test_after_the_essay_means_after_the_2024_election():
    dates = pd.Series(pd.to_datetime(["2024-11-05", "2024-11-06", "2020-01-01"]))
    assert list(analysis.after_essay(dates)) == [False, True, False]


def test_coding_comparison_counts_agreement():
    events = analysis.events_by_id(["PE009", "PE017"])
    mine = {e: {"substance": s, "tone": t} for e, s, t in zip(events["event_id"], events["substance"], events["tone"])}
    mine["PE017"] = {"substance": "starts" if events["substance"][1] != "starts" else "continues", "tone": events["tone"][1]}
    table, substance, tone = tables.coding_comparison(events, mine)
    assert (substance, tone) == (1, 2) and table.count("(differs)") == 1
    with pytest.raises(KeyError, match="PE999"):
        analysis.events_by_id(["PE999"])


def test_withdrawal_counts_sentence_explains_26_27_and_serbias_figure():
    text = analysis.withdrawal_counts_sentence()
    table = data.load("kosovo_recognitions")
    claimed = table[table["withdrawal_status"] != "none"]
    assert f"Our table has {len(claimed)} states" in text
    left_out = claimed["withdrawal_status"].isin(analysis.WITHDRAWN_CLAIMED).sum()
    assert f"leaves out the {left_out} that did not reaffirm" in text
    assert analysis.recognition_count("un") - analysis.recognition_count("un", False) <= left_out


def test_claims_and_claim_map():
    assert analysis.claim("C3").startswith("US recognition of Kosovo")
    assert list(analysis.claim_map()["claim_id"])[:2] == ["T", "C1"]
    with pytest.raises(ValueError, match="Unknown claim id 'C13'"):
        analysis.claim("C13")


def test_reported_counts_keep_sides_apart():
    counts = analysis.reported_counts()
    assert set(counts["side"]) == {"Kosovo", "Serbia", "Third party"}


def test_a_state_is_named_as_it_was_on_the_date():
    names = analysis.event_countries()
    assert analysis.country_name_then("SRB", pd.Timestamp("1999-04-28"), names) == \
        "the Federal Republic of Yugoslavia (Serbia and Montenegro)"
    assert analysis.country_name_then("SRB", pd.Timestamp("2005-01-01"), names) == "Serbia and Montenegro"
    assert analysis.country_name_then("SRB", pd.Timestamp("2008-02-18"), names) == "Serbia"
    assert analysis.country_name_then("XKX", pd.Timestamp("1999-04-28"), names) == "Kosovo"
    shown = analysis.events_by_id(["PE059"])
    assert shown["country_name"].iloc[0].startswith("the Federal Republic of Yugoslavia")
