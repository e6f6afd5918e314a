"""Notebook 07 (C10): the troops explorer, the decision point (no option scored right) and the precedents."""

from helpers import data, exercises, questions, reveals, tables, term_explorers
from helpers.journal import Journal


def test_troops_explorer_shows_the_chosen_period_and_the_us_contingent():
    explorer = term_explorers.troops_explorer()
    kfor = data.load("troop_presence").pipe(lambda t: t[t["force"] == "KFOR"])
    assert explorer.state["count"] == len(kfor)
    rows = explorer.chart.datasets["troops"]
    assert {r["who"] for r in rows} == {"whole force", "US contingent"}
    assert sum(r["who"] == "US contingent" for r in rows) == kfor["us_troops"].notna().sum()
    revision = explorer.chart.revision
    explorer.period.value = "bosnia"
    assert explorer.chart.revision > revision and {r["force"] for r in explorer.chart.datasets["troops"]} <= {
        "IFOR", "SFOR", "EUFOR"}
    assert "Bosnia and Herzegovina" in explorer.summary.value and "<a href" in explorer.table.value


def test_a_decision_needs_a_choice_and_a_reason_then_shows_every_option_and_the_precedents(journal_file):
    journal = Journal(journal_file)
    q = questions.question("07.north-decision")
    assert q.correct_option is None and len(q.options) >= 4  # no option is scored right
    widget = exercises.ask("07.north-decision", journal=journal)
    assert isinstance(widget, exercises.Decision) and widget.control.value is None
    assert widget.keep() is False and "Choose a response" in widget.feedback.value
    widget.control.value = "b"
    assert widget.keep() is False and "reason" in widget.feedback.value
    widget.reason.value = "Troops deter violence."
    widget.save_button.click()
    assert "You chose" in widget.feedback.value and "Right" not in widget.feedback.value
    assert all(o.feedback.replace("'", "&#x27;") in widget.outcome.value for o in q.options)
    assert "your choice" in widget.outcome.value and "What the US did" in widget.outcome.value
    assert journal.latest("decision", "07.north-decision") == {"answer": "b", "text": "Troops deter violence."}
    again = exercises.ask("07.north-decision", journal=journal)
    assert again.control.value == "b" and again.control.disabled and "earlier session" in again.feedback.value


def test_a_hand_edited_decision_is_set_aside(journal_file):
    journal = Journal(journal_file)
    journal.record("decision", "07.north-decision", {"answer": "z", "text": "x"})
    widget = exercises.ask("07.north-decision", journal=journal)
    assert not widget.control.disabled and "could not be read" in widget.feedback.value


def test_the_precedents_table_names_who_acted_with_which_instrument_and_the_source():
    shown = tables.crisis_table("x")
    responses = data.load("crisis_responses")
    instruments = set(data.load("institutions")["instrument"]) | {"Statement"}
    assert set(responses["instrument"]) <= instruments
    assert all(m in set(data.load("context_events")["context_id"]) for m in responses["moment_id"])
    assert "Zvečan" in shown or "Zvecan" in shown
    assert shown.count("<a href") >= len(responses)


def test_the_prediction_answer_is_the_recent_us_contingent():
    figures = reveals.kfor_us_figures()
    assert figures and all(400 <= f.value <= 700 for f in figures)
    assert "7,000" in reveals.kfor_html()
