"""Notebook 04 (C4): the Dayton diagram against the glossary, the sanctions explorer and the prediction."""

import csv

import pytest

from helpers import analysis, data, diagrams, exercises, reveals, term_explorers
from helpers.journal import Journal


def test_every_box_of_the_diagram_is_a_glossary_term_and_says_what_its_definition_says():
    terms = diagrams.glossary_terms()
    for box in diagrams.DAYTON:
        assert box.term_id in terms, box.term_id
        definition = terms[box.term_id]["definition"].lower()
        # The numbers a box gives come from its term's definition (10 cantons, 51%, 15 delegates, 1997...).
        for number in [w.strip("%,;:()") for line in box.lines for w in line.split() if any(c.isdigit() for c in w)]:
            assert number.lower() in definition or number in {"ten"}, (box.term_id, number)
    svg = diagrams.dayton_svg()
    assert svg.count("<rect") == len(diagrams.DAYTON) and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    outline = diagrams.dayton_outline()
    assert all(f'href="glossary.ipynb#{box.term_id}"' in outline for box in diagrams.DAYTON)


def test_the_diagram_uses_no_colour_alone():
    # Each group has its own line pattern as well as its colour.
    assert len({dash for _label, _colour, dash in diagrams.GROUPS.values()}) == len(diagrams.GROUPS)


def test_the_prediction_answer_is_counted_from_the_table():
    with (data.DATA_DIR / "policy_events.csv").open(encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream) if r["country"] == "BIH"]
    share = sum(r["substance"] == "continues" for r in rows) / len(rows)
    assert reveals.bih_continues_of_ten() == round(10 * share)
    assert f"of the {len(rows)} recorded" in reveals.bih_by_term_html()


def test_the_prediction_reveals_the_table_only_after_a_guess(journal_file):
    widget = exercises.ask("04.bih-continues", journal=Journal(journal_file))
    assert "<table" not in widget.reveal.value
    widget.guess.value = "5"
    widget.lock_button.click()
    assert "Your guess, 5" in widget.feedback.value and "recorded" in widget.reveal.value


def test_sanctions_explorer_shows_listings_and_removals_and_filters():
    explorer = term_explorers.sanctions_explorer()
    table = data.load("sanctions")
    bosnia = table[table["country"] == "BIH"]
    assert explorer.state["count"] == len(bosnia)
    revision = explorer.chart.revision
    explorer.action.value = "delisting"
    removed = bosnia[bosnia["action"] == "delisting"]
    assert explorer.state["count"] == len(removed) > 0 and explorer.chart.revision > revision
    assert {r["lane"] for r in explorer.chart.datasets["events"]} == {"removed from the list"}
    explorer.action.value = "all"
    explorer.administration.value = "obama"
    assert explorer.state["action_ids"] == list(bosnia[bosnia["administration"].astype(str) == "obama"]["action_id"])
    assert "Obama" in explorer.summary.value and "Legal basis" in explorer.table.value
    explorer.administration.value = "trump2"
    explorer.action.value = "designation"
    assert explorer.state["count"] == 0 and "No sanctions action" in explorer.summary.value
    assert explorer.chart.layout.display == "none"


@pytest.mark.parametrize("event_id", ["PE054", "PE067", "PE013", "PE091", "PE097", "PE045"])
def test_the_coded_actions_are_on_bosnia_and_come_from_different_administrations(event_id):
    events = analysis.events_by_id(["PE054", "PE067", "PE013", "PE091", "PE097", "PE045"])
    assert events["administration"].nunique() == 6
    assert events.set_index("event_id").loc[event_id, "country"] == "BIH"
