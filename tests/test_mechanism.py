"""Notebook 01's explorers and helpers: change each control as a student would and check what it shows."""

import re

import pandas as pd
import pytest

from helpers import congress, data, questions, reveals, widgets


def test_instrument_explorer_names_who_must_act_and_a_sourced_example():
    explorer = widgets.instrument_explorer()
    explorer.instrument.value = "Treaty ratification (advice and consent)"
    assert "Senate (two-thirds of senators present)" in explorer.summary.value
    assert "Treaty Doc" in explorer.card.value or "NATO" in explorer.card.value
    before = explorer.card.value
    explorer.instrument.value = "Recognition of states"
    assert explorer.state["holder"] == "President" and explorer.card.value != before
    assert "Zivotofsky" in explorer.card.value  # the legal basis, with its source listed below it
    row = data.load("institutions").set_index("instrument").loc["Recognition of states"]
    assert data.source_label(str(row["source_id"])) in explorer.card.value


def test_every_instrument_shows_a_dated_use_in_the_region_named_in_words():
    """Issue 9, section 4: each instrument with a dated Balkan example; row ids read as names, never as codes."""
    explorer = widgets.instrument_explorer()
    for instrument in data.load("institutions")["instrument"]:
        explorer.instrument.value = instrument
        shown = explorer.card.value.split("How it has shown in the region", 1)[1].split("Sources", 1)[0]
        assert re.search(r"\b(19|20)\d{2}\b", shown), (instrument, "no dated example in the region")
        assert not re.search(r"\b(PE|RU|CE|SA)\d{3}\b", shown), (instrument, "a row id shown as a code")
    explorer.instrument.value = "Sanctions designations (OFAC)"
    assert "5 January 2022" in explorer.card.value  # Dodik designated again under EO 14033 (PE026)


def test_votes_explorer_shows_the_tally_the_party_split_and_what_is_missing():
    explorer = widgets.votes_explorer(vote_id="RC05")
    assert "219 to 191" in explorer.summary.value and "divided" in explorer.summary.value
    assert {"party": "Republicans", "side": "nay", "count": 173} in explorer.chart.datasets["parties"]
    assert {"party": "All members (total)", "side": "yea", "count": 219} in explorer.chart.datasets["parties"]
    assert explorer.overview.params["selected"] == "RC05"
    explorer.vote.value = "RC01"  # no tally in the sources read
    assert "No tally was found" in explorer.summary.value and explorer.chart.datasets["parties"] == []
    assert explorer.chart.layout.display == "none"
    assert "not confirmed" not in explorer.vote.label  # research notes stay in the CSV
    assert explorer.overview.params["selected"] == "RC01"
    explorer.vote.value = "RC02"
    assert explorer.chart.layout.display is None
    assert explorer.state["united"] is True and "yeas not given" in explorer.summary.value
    assert "Yeas and nays by party" in explorer.chart.static().svg()


def test_a_vote_is_united_when_nine_in_ten_vote_the_same_way_either_way():
    assert congress.is_united(0.9) and congress.is_united(0.05) and not congress.is_united(0.89)
    assert not congress.is_united(float("nan"))
    table = congress.votes()
    assert not table.set_index("vote_id").loc["RC04", "in_region"]  # Finland and Sweden: a comparison case
    assert congress.united_votes(in_region=False) == congress.united_votes() + 1


def test_the_prediction_prompt_counts_the_votes_the_table_has():
    prompt = questions.question("01.votes-united").prompt
    assert f"holds {congress.tallied_votes()} votes" in prompt
    assert questions.question("01.votes-united").maximum == congress.tallied_votes()
    assert reveals.answer("united_votes") == congress.united_votes()
    assert f"{congress.united_votes()} of the {congress.tallied_votes()}" in reveals.reveal_html("united_votes")


def test_veto_explorer_shrinks_the_winset_when_a_law_is_needed():
    explorer = widgets.veto_explorer()
    alone = explorer.state["share"]
    assert explorer.state["veto_players"] == ["President"] and alone > 0
    before = explorer.chart.revision
    explorer.mode.value = "law"
    assert explorer.chart.revision > before
    assert explorer.state["veto_players"] == ["President", "Senate pivot", "House median"]
    assert 0 < explorer.state["share"] < alone == explorer.state["share_alone"]
    assert f"With the President alone they would cover {alone:.0%}" in explorer.summary.value
    assert {d["player"] for d in explorer.chart.datasets["discs"]} == {"President", "Senate pivot", "House median"}


def test_veto_explorer_says_nothing_can_change_when_the_status_quo_is_an_ideal_point():
    explorer = widgets.veto_explorer(mode="law")
    controls = explorer.controls()
    controls["status_quo_x"].value, controls["status_quo_y"].value = controls["president_x"].value, controls["president_y"].value
    assert explorer.state["empty"] and explorer.chart.datasets["winset"] == []
    assert "the status quo cannot be changed" in explorer.summary.value
    controls["status_quo_x"].value = 9
    assert not explorer.state["empty"] and explorer.chart.datasets["winset"]


def test_the_veto_chart_draws_the_players_and_the_winset():
    explorer = widgets.veto_explorer(mode="law")
    svg = explorer.chart.static().svg()
    for name in ("President", "Senate pivot", "House median", "status quo", "(a law)"):
        assert name in svg


@pytest.mark.parametrize("label", ["engagement", "pressure"])
def test_every_slider_of_the_model_says_whose_position_it_moves(label):
    explorer = widgets.veto_explorer()
    described = [c.description for k, c in explorer.controls().items() if k.endswith("_x" if label == "engagement" else "_y")]
    assert len(described) == 4 and all(d.endswith(label) and ":" in d for d in described)


def test_every_recorded_tally_adds_up():
    table = congress.votes()
    seats = {"Senate": 100, "House": 435}
    for row in table.itertuples():
        if not (pd.isna(row.yeas) or pd.isna(row.nays)):
            assert row.yeas + row.nays <= seats[row.chamber], row.vote_id
        for side in ("yeas", "nays"):
            parts = [getattr(row, f"{side}_{p}") for p in congress.PARTIES]
            known = sum(int(v) for v in parts if not pd.isna(v))
            total = getattr(row, side)
            assert pd.isna(total) or known <= total, (row.vote_id, side)


def test_a_player_with_no_veto_cannot_be_moved():
    explorer = widgets.veto_explorer()
    controls = explorer.controls()
    assert controls["senate_pivot_x"].disabled and not controls["president_x"].disabled
    assert not controls["status_quo_x"].disabled
    explorer.mode.value = "law"
    assert not controls["senate_pivot_x"].disabled and not controls["house_median_y"].disabled
