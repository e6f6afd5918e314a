"""Notebook 08 (C11): the wars' figures as each body counted them, never ranked, and the prediction's range."""

import pytest

from helpers import data, exercises, history, reveals, tables, term_explorers
from helpers.journal import Journal


def test_figures_list_communities_alphabetically_and_leave_out_withdrawn_figures():
    table = history.figures("Bosnian War", "deaths_total")
    assert list(table["who"]) == sorted(table["who"])  # alphabetical, never by size
    assert set(table["status"]) == {"current"}
    old = history.figures("Bosnian War", "deaths_total", status="discredited")
    assert not old.empty and not set(old["estimate_id"]) & set(table["estimate_id"])
    with pytest.raises(ValueError, match="choose one of"):
        history.figures("Thirty Years War")


def test_a_figure_is_written_as_it_is_known():
    rows = {r.estimate_id: r for r in data.load("conflicts").itertuples()}
    assert history.figure_text(rows["CF06"]) == "104,732"
    assert history.figure_text(rows["CF09"]) == "200,000 to 250,000"
    assert history.figure_text(rows["CF15"]) == "more than 20,000"


def test_the_prediction_reveals_every_documented_total_and_why_the_old_figure_was_revised(journal_file):
    figures = history.bosnia_death_figures()
    assert len(figures) >= 3 and all(90_000 < f.value < 110_000 for f in figures)
    widget = exercises.ask("08.bih-deaths", journal=Journal(journal_file))
    assert "<table" not in widget.reveal.value
    widget.guess.value = "200000"
    widget.lock_button.click()
    assert "above the highest" in widget.feedback.value
    assert "A figure repeated for years: 200,000 to 250,000" in widget.reveal.value
    assert "(the schema" not in widget.reveal.value and "CF0" not in widget.reveal.value


def test_human_cost_explorer_follows_the_war_and_the_measure_and_says_when_nothing_was_counted():
    explorer = term_explorers.human_cost_explorer()
    revision = explorer.chart.revision
    explorer.war.value = "Kosovo War"
    assert explorer.state["count"] == len(history.figures("Kosovo War", "deaths_total")) > 0
    assert explorer.chart.revision > revision and "The Kosovo war, 1998-1999" in explorer.chart.params["heading"]
    explorer.measure.value = "refugees"
    assert explorer.state["count"] == 2 and "800,000" in explorer.summary.value
    explorer.war.value = "Ten-Day War (Slovenia)"
    assert explorer.state["count"] == 0 and "No figure" in explorer.summary.value
    assert explorer.chart.layout.display == "none"
    assert "Kosovo" not in explorer.table.value and "Slovenia" in explorer.table.value


def test_the_table_of_figures_names_who_counted_and_shows_no_row_codes():
    shown = tables.conflict_figures("Bosnian War", "x")
    assert "Research and Documentation Center Sarajevo" in shown and "ICTY Demographic Unit" in shown
    assert "CF0" not in shown and "CF4" not in shown
