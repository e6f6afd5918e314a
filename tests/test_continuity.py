"""Comparing administrations (C2, C6): counts checked by hand against the CSV, the pick prediction,
and the widgets of notebook 02 changed as a student would change them."""

import csv

import pandas as pd
import pytest

from helpers import analysis, continuity, data, exercises, reveals, russia, term_explorers, widgets
from helpers.journal import Journal

ITEMS = ("clinton", "bush", "obama", "trump1", "biden", "trump2")


def _csv_rows(name):
    with (data.DATA_DIR / f"{name}.csv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_counts_per_administration_agree_with_a_count_by_hand():
    rows = [r for r in _csv_rows("policy_events") if "2009-01-20" <= r["date"] < "2017-01-20"]  # Obama's terms
    table = continuity.by_administration()
    assert table.loc["obama", "actions"] == len(rows)
    assert table.loc["obama", "changes"] == sum(r["substance"] in ("departs", "starts") for r in rows)
    assert table.loc["obama", "tone_changed"] == sum(r["tone"] == "changed" for r in rows)
    assert table["actions"].sum() == len(_csv_rows("policy_events"))


def test_years_covered_clip_each_term_to_the_record():
    years = continuity.years_covered()
    assert years["obama"] == pytest.approx(8.0, abs=0.01)
    # Trump's second term: from 20 January 2025 to the end of the month-by-month search.
    assert years["trump2"] == pytest.approx((continuity.SEARCHED_TO - pd.Timestamp("2025-01-20")).days / 365.25)
    # George H. W. Bush's term is counted from the table's first action, not from 1989.
    assert years["hwbush"] < 1


def test_grid_cells_add_up_to_each_row_total_and_a_share_of_nothing_is_blank():
    cells = continuity.grid("actions")
    for label, row in cells.groupby("label"):
        areas = row[row["pillar"] != continuity.ALL_AREAS]["value"].sum()
        assert areas == row[row["pillar"] == continuity.ALL_AREAS]["value"].iloc[0], label
    shares = continuity.grid("change_share")
    empty = shares[shares["actions"] == 0]
    assert not empty.empty and empty["value"].isna().all()
    assert (shares.dropna(subset=["value"])["value"].between(0, 100)).all()
    with pytest.raises(ValueError, match="choose one of"):
        continuity.grid("loudness")


def test_leaders_keep_ties_and_ranks_are_shared():
    table = pd.DataFrame({"changes": [3, 7, 7, 0]}, index=["a", "b", "c", "d"])
    assert continuity.leaders(table, "changes") == ["b", "c"]
    assert continuity.rank_of(table, "changes", "b") == continuity.rank_of(table, "changes", "c") == 1
    assert continuity.rank_of(table, "changes", "a") == 3 and continuity.rank_of(table, "changes", "zz") is None
    assert continuity.leaders(pd.DataFrame({"changes": [0, 0]}, index=["a", "b"]), "changes") == []


def test_ranking_feedback_names_the_leader_of_each_measure_and_where_the_guess_ranks():
    measures = {"count": {"obama": 0, "trump2": 7, "clinton": 4}, "share": {"obama": 0, "trump2": 14.6,
                                                                            "clinton": 22.2}}
    text = exercises.ranking_feedback("clinton", measures, ("clinton", "obama", "trump2"))
    assert "Among the 3 administrations you could choose:" in text
    assert "by count, Trump, second term comes first (7); your guess ranks 2 of 3 (4)" in text
    assert "by share, Clinton comes first (22.2); your guess ranks 1 of 3 (22.2)" in text


def test_the_pick_prediction_starts_empty_refuses_no_choice_and_reveals_every_measure(journal_file):
    journal = Journal(journal_file)
    widget = exercises.ask("02.most-change", journal=journal)
    assert isinstance(widget, exercises.PickPrediction) and widget.guess.value is None
    assert [value for _label, value in widget.guess.options] == list(ITEMS)
    assert "<table" not in widget.reveal.value  # nothing shown before the student commits
    assert widget.lock() is False and "Choose an administration" in widget.feedback.value
    widget.guess.value = "obama"
    widget.lock_button.click()
    assert widget.revealed and widget.guess.disabled
    assert "Your guess: Obama" in widget.feedback.value and "ranks" in widget.feedback.value
    table = continuity.by_administration()
    assert "<table" in widget.reveal.value and f"<td style" in widget.reveal.value
    assert all(label in widget.reveal.value for label in table["label"])
    assert journal.latest("prediction", "02.most-change") == {"guess": "obama"}
    again = exercises.ask("02.most-change", journal=journal)
    assert again.revealed and again.guess.value == "obama" and "earlier session" in again.feedback.value


def test_a_pick_that_is_not_an_offered_administration_is_set_aside(journal_file):
    journal = Journal(journal_file)
    journal.record("prediction", "02.most-change", {"guess": "lincoln"})
    widget = exercises.ask("02.most-change", journal=journal)
    assert not widget.revealed and "could not be read" in widget.feedback.value


def test_the_answer_measures_come_from_the_table():
    measures = reveals.change_by_term()
    table = continuity.by_administration()
    counts = next(v for k, v in measures.items() if "number of actions we coded as a change" in k)
    assert counts == table["changes"].to_dict()


def test_grid_explorer_measure_and_country_change_what_is_shown():
    explorer = term_explorers.grid_explorer()
    before = (explorer.chart.revision, dict(explorer.state["totals"]))
    assert before[1]["Obama"] == continuity.by_administration().loc["obama", "actions"]
    explorer.measure.value = "changes"
    assert explorer.chart.revision > before[0]
    assert explorer.state["totals"]["Obama"] == continuity.by_administration().loc["obama", "changes"]
    assert "Substance: departs" in explorer.summary.value and "Substance: departs" in explorer.chart.params["heading"]
    explorer.country.value = "MKD"
    macedonia = analysis.filter_events(country="MKD")
    assert explorer.state["count"] == len(macedonia)
    assert sum(v for v in explorer.state["totals"].values() if v) == macedonia["substance"].isin(
        continuity.CHANGE).sum()
    assert "North Macedonia" in explorer.summary.value and "<table" in explorer.table.value
    rows = explorer.chart.datasets["cells"]
    assert {r["label"] for r in rows} == set(analysis.administration_labels().values())


def test_events_explorer_filters_by_acting_institution():
    explorer = widgets.events_explorer()
    explorer.institution.value = "Congress"
    shown = analysis.filter_events(institution="Congress")
    assert explorer.state["count"] == len(shown) > 0
    assert set(explorer.state["event_ids"]) == set(shown["event_id"])
    assert "Congress" in explorer.chart.params["heading"]


def test_russia_measures_filter_and_count_directions():
    every = russia.measures()
    assert not every.empty and set(every["arena"]) <= set(russia.ARENAS)
    balkans = russia.measures(arena="balkans")
    assert (balkans["arena"] == "balkans").all() and len(balkans) < len(every)
    counts = russia.direction_counts(every)
    assert counts.to_numpy().sum() == len(every)
    assert list(counts.columns) == list(russia.DIRECTIONS)
    assert "No measure" in russia.direction_sentence(every.iloc[0:0])


def test_russia_explorer_controls_change_the_rows_and_the_chart():
    explorer = term_explorers.russia_explorer()
    total, revision = explorer.state["count"], explorer.chart.revision
    explorer.arena.value = "balkans"
    assert 0 < explorer.state["count"] < total and explorer.chart.revision > revision
    assert {r["arena_label"] for r in explorer.chart.datasets["events"]} == {russia.ARENAS["balkans"]}
    explorer.arena.value = "all"
    explorer.administration.value = "obama"
    obama = russia.measures(administration="obama")
    assert explorer.state["measure_ids"] == list(obama["measure_id"])
    assert "Obama" in explorer.summary.value and "Obama" in explorer.chart.params["heading"]


def test_posture_explorer_switches_series_and_lists_each_figure_with_its_source():
    explorer = term_explorers.posture_explorer()
    keys = [value for _label, value in explorer.series.options]
    assert keys and all(not russia.posture(k).empty for k in keys)
    for key in keys:
        explorer.series.value = key
        figures = russia.posture(key)
        assert explorer.state["count"] == len(figures) == len(explorer.chart.datasets["figures"])
        assert russia.SERIES[key] in explorer.summary.value and "<a href" in explorer.table.value


def test_row_ids_in_texts_are_shown_as_names_and_an_unknown_measure_is_named():
    from helpers import tables

    text = tables.named("Keeps the line (PE083); see SA055-SA060 and RU212.")
    assert "PE083" not in text and "RU212" not in text and "SA055" not in text
    assert "‘MCC approves Kosovo threshold’, June 2017" in text and "the rows that follow it" in text
    shown = tables.measures_table(["RU212"], "x")
    assert "RU2" not in shown.replace("RU212", "") and "two chairs" in shown
    with pytest.raises(KeyError, match="RU999 in data/russia_measures.csv"):
        tables.measures_table(["RU212", "RU999"], "x")


def test_evidence_points_open_only_after_the_coding_and_name_their_count(journal_file):
    from helpers import tables

    journal = Journal(journal_file)
    gate = exercises.after("02.code-actions", lambda: tables.evidence_points("02_continuity.ipynb", "for"),
                           journal=journal)
    assert not gate.is_open and "kinds of evidence" not in str(gate.children[0].value)
    points = data.load("evidence_points")
    mine = points[(points["notebook"] == "02_continuity.ipynb") & (points["side"] == "for")]
    coding = exercises.ask("02.code-actions", journal=journal)
    for substance, tone in coding.choices.values():
        substance.value, tone.value = "continues", "same"
    coding.save_button.click()
    assert gate.is_open
    shown = gate.children[0].value
    assert f"{len(mine)} kinds of evidence support them" in shown
    assert all(lead in shown for lead in mine["lead"].map(lambda t: t.replace("'", "&#x27;")))
