"""The question bank and the widgets that ask its questions: feedback, saving, no spoilers."""

import json
from html import escape

import pytest

from helpers import analysis, exercises, questions, reveals, tables
from helpers.data import DataError
from helpers.journal import Journal
from tests.conftest import read_rows, write_rows


def test_the_bank_is_consistent_and_every_computed_answer_and_reveal_exists():
    bank = questions.bank()
    assert questions.problems(bank) == []
    for q in bank.values():
        if q.answer_from:
            assert reveals.answer(q.answer_from) is not None
        if q.reveal:
            assert reveals.reveal_html(q.reveal)
        if q.kind == "coding" and q.options:  # a sorting: every item found, each with our code
            assert list(questions.our_sorting(q)["item_id"]) == list(q.items)
        elif q.kind == "coding":
            assert len(analysis.events_by_id(list(q.items))) == len(q.items)


def test_a_sorting_compares_with_ours_only_after_every_item_is_sorted(journal_file):
    journal = Journal(journal_file)
    widget = exercises.ask("05.code-holds", journal=journal)
    assert isinstance(widget, exercises.Sorting) and widget.comparison.value == ""
    ours = questions.our_sorting(questions.question("05.code-holds")).set_index("item_id")["code"]
    first, *rest = widget.choices
    widget.choices[first].value = ours[first]
    widget.save_button.click()
    assert "Sort every item" in widget.feedback.value and journal.latest("coding", "05.code-holds") is None
    for item in rest:  # every other item sorted differently from us
        widget.choices[item].value = next(o.key for o in widget.question.options if o.key != ours[item])
    widget.save_button.click()
    assert f"sorted 1 of {len(ours)} items the same way" in widget.feedback.value
    assert widget.comparison.value.count("(differs)") == len(ours) - 1
    saved = journal.latest("coding", "05.code-holds")
    assert saved[first] == ours[first] and all(widget.choices[i].disabled for i in widget.choices)
    again = exercises.ask("05.code-holds", journal=journal)  # a restart shows the saved sorting, locked
    assert again.sorting() == saved and again.save_button.disabled


def test_a_sorting_without_our_code_for_an_item_is_a_problem_of_the_bank():
    q = questions.question("06.code-ties")
    broken = questions.Question(**{**q.__dict__, "items": q.items + ("TI001",)})
    assert questions.problems({q.question_id: broken}) == ["06.code-ties: item TI001 has no row in data/item_codings.csv"]


def test_a_duplicate_question_id_is_rejected(data_copy):
    from helpers import data

    rows = read_rows(data_copy / "questions.csv")
    write_rows(data_copy / "questions.csv", rows + [rows[1]])
    with pytest.raises(DataError, match=r"questions.csv, line \d+, column 'question_id': the value is already used"):
        data.load("questions", data_copy)


def test_problems_catches_a_choice_without_feedback_or_with_two_answers():
    q = questions.question("03.what-counts")
    broken = questions.Question(**{**q.__dict__, "question_id": "04.x", "options": (
        questions.Option("a", "A", "", True), questions.Option("b", "B", "why", True))})
    found = questions.problems({"04.x": broken})
    assert any("prefix does not match" in p for p in found)
    assert any("exactly one correct_option" in p for p in found) and any("no feedback" in p for p in found)


def test_check_choice_explains_wrong_options_and_the_right_one():
    q = questions.question("03.what-counts")
    right = q.correct_option
    wrong = next(o for o in q.options if not o.correct)
    assert questions.check_choice(q, right.key).correct
    assert q.explanation in questions.check_choice(q, right.key).message
    feedback = questions.check_choice(q, wrong.key)
    assert not feedback.correct and wrong.feedback in feedback.message
    assert not questions.check_choice(q, None).correct


@pytest.mark.parametrize("value, correct, tolerance, ok, words",
                         [(5, 5, 0, True, "Right"), (6, 5, 0, False, "too high"), (4, 5, 0, False, "too low"),
                          (5.4, 5, 0.5, True, "Right"), (None, 5, 0, False, "Type the answer as a number")])
def test_check_number(value, correct, tolerance, ok, words):
    feedback = questions.check_number(value, correct, tolerance)
    assert feedback.correct is ok and words in feedback.message


@pytest.mark.parametrize("text, number", [(" 12 ", 12.0), ("1,5", 1.5), ("twelve", None), ("", None),
                                          ("nan", None), (None, None)])
def test_parse_number(text, number):
    assert questions.parse_number(text) == number


def test_range_feedback_places_a_guess_among_the_figures():
    figures = [questions.Figure(84, "low side", ""), questions.Figure(121, "high side", "")]
    assert questions.range_feedback(100, figures).startswith("Your guess, 100, is inside that range.")
    assert "4 below the lowest" in questions.range_feedback(80, figures)
    assert "9 above the highest" in questions.range_feedback(130, figures)


def test_choice_widget_gives_feedback_saves_and_comes_back(journal_file):
    journal = Journal(journal_file)
    quiz = exercises.ask("03.what-counts", journal=journal)
    quiz.check_button.click()  # nothing chosen: told so, nothing saved
    assert "Choose an answer first" in quiz.feedback.value and journal.latest("answer", "03.what-counts") is None
    wrong = next(o for o in quiz.question.options if not o.correct)
    quiz.control.value = wrong.key
    quiz.check_button.click()
    assert "Not this one" in quiz.feedback.value and quiz.reveal.value == ""
    quiz.control.value = quiz.question.correct_option.key
    quiz.check_button.click()
    assert "Right." in quiz.feedback.value
    assert journal.latest("answer", "03.what-counts") == {"answer": quiz.question.correct_option.key, "correct": True}
    quiz.hint_button.click()
    assert escape(quiz.question.hint) in quiz.hint.value
    again = exercises.ask("03.what-counts", journal=journal)
    assert again.control.value == quiz.question.correct_option.key and "Right." in again.feedback.value


def test_number_widget_checks_against_the_data_and_reveals_after_a_right_answer(journal_file):
    quiz = exercises.ask("03.eu-holdouts", journal=Journal(journal_file))
    holdouts = analysis.non_recognising("eu")
    assert holdouts[0] not in quiz.reveal.value
    quiz.control.value = str(len(holdouts) + 2)
    quiz.check_button.click()
    assert "too high" in quiz.feedback.value and quiz.reveal.value == ""
    quiz.control.value = str(len(holdouts))
    quiz.check_button.click()
    assert quiz.last.correct and all(name in quiz.reveal.value for name in holdouts)


def test_prediction_starts_empty_refuses_nonsense_and_reveals_the_range(journal_file):
    journal = Journal(journal_file)
    widget = exercises.ask("03.un-recognitions", journal=journal)
    figures = reveals.un_recognition_figures()
    assert widget.guess.value == "" and not widget.revealed  # no default guess to anchor on
    assert all(f"<b>{f.value:g}</b>" not in widget.reveal.value for f in figures)
    for bad in ("", "lots", "500"):
        widget.guess.value = bad
        assert widget.lock() is False and not widget.revealed
    widget.guess.value = "100"
    widget.lock_button.click()
    assert widget.revealed and widget.guess.disabled and widget.lock_button.disabled
    assert all(f"<b>{f.value:g}</b>" in widget.reveal.value for f in figures)  # the whole range, not one number
    assert "inside that range" in widget.feedback.value
    assert journal.latest("prediction", "03.un-recognitions") == {"guess": 100.0}
    again = exercises.ask("03.un-recognitions", journal=journal)
    assert again.revealed and again.guess.value == "100" and "earlier session" in again.feedback.value


def test_a_hand_edited_journal_value_is_set_aside_on_its_own_and_reported(journal_file):
    journal = Journal(journal_file)
    journal.record("reflection", "03.think-curve", {"text": "kept as it was"})
    journal.record("prediction", "03.un-recognitions", {"guess": "lots"})
    journal.record("rating", "C3", {"stars": 7, "reason": "x"})
    journal.record("answer", "03.what-counts", {"answer": "z"})
    journal.record("coding", "03.code-actions", {"PE009": {"substance": "maybe"}})
    prediction = exercises.ask("03.un-recognitions", journal=journal)
    assert not prediction.revealed and "could not be read" in prediction.feedback.value
    # The gate stays closed: an unreadable answer is not an answer.
    assert not exercises.after("03.un-recognitions", lambda: "x", journal=journal).is_open
    rating = exercises.rate("C3", journal=journal)
    assert rating.stars.value is None and "could not be read" in rating.status.value
    assert exercises.ask("03.what-counts", journal=journal).control.value is None
    coding = exercises.ask("03.code-actions", journal=journal)
    assert not coding.save_button.disabled and "could not be read" in coding.feedback.value
    # Each bad entry went to the side file on its own; the good one stayed.
    side = journal_file.with_name("journal.set-aside.json")
    moved = json.loads(side.read_text())["entries"]
    assert sorted(e["key"] for e in moved) == ["03.code-actions", "03.un-recognitions", "03.what-counts", "C3"]
    assert [e["key"] for e in journal.entries()] == ["03.think-curve"]
    assert exercises.ask("03.think-curve", journal=journal).text.value == "kept as it was"


@pytest.mark.parametrize("guess", ["95.5", "-1", "194", "ninety"])
def test_a_prediction_must_be_a_whole_number_in_range(journal_file, guess):
    widget = exercises.ask("03.un-recognitions", journal=Journal(journal_file))
    widget.guess.value = guess
    assert widget.lock() is False and "whole number from 0 to 193" in widget.feedback.value


def test_gated_content_opens_only_after_its_question_is_answered(journal_file):
    journal = Journal(journal_file)
    built = []
    gate = exercises.after("03.un-recognitions", lambda: built.append(1) or "<p>the answer</p>", journal=journal)
    assert not gate.is_open and built == [] and "opens once you have answered" in gate.children[0].value
    prediction = exercises.ask("03.un-recognitions", journal=journal)
    prediction.guess.value = "90"
    prediction.lock_button.click()
    assert gate.is_open and built == [1] and "the answer" in gate.children[0].value
    later = exercises.after("03.un-recognitions", lambda: "<p>again</p>", journal=journal)
    assert later.is_open  # answered in an earlier session: opens at once


def test_coding_needs_every_action_then_shows_ours_with_reasons(journal_file):
    journal = Journal(journal_file)
    widget = exercises.ask("03.code-actions", journal=journal)
    events = analysis.events_by_id(list(widget.question.items))
    assert all(escape(tables.named(r)) not in widget.comparison.value for r in events["substance_rationale"])
    widget.save_button.click()
    assert "Code every action" in widget.feedback.value and journal.latest("coding", "03.code-actions") is None
    for substance, tone in widget.choices.values():
        substance.value, tone.value = "continues", "same"
    widget.save_button.click()
    agree = int((events["substance"] == "continues").sum())
    assert f"agree on substance for {agree} of {len(events)}" in widget.feedback.value
    assert all(escape(tables.named(r)) in widget.comparison.value for r in events["substance_rationale"])
    again = exercises.ask("03.code-actions", journal=journal)
    assert again.save_button.disabled and "earlier session" in again.feedback.value


def test_reflection_is_optional_but_saved_when_written(journal_file):
    journal = Journal(journal_file)
    box = exercises.ask("03.think-counts", journal=journal)
    assert box.keep() is False and journal.latest("reflection", "03.think-counts") is None
    box.text.value = "Kosovo counts every state, Serbia leaves some out."
    box.save_button.click()
    assert journal.latest("reflection", "03.think-counts") == {"text": "Kosovo counts every state, Serbia leaves some out."}
    assert exercises.ask("03.think-counts", journal=journal).text.value.startswith("Kosovo counts")


def test_claim_rating_has_no_default_needs_a_reason_then_saves_and_reloads(journal_file):
    journal = Journal(journal_file)
    rating = exercises.rate("C3", journal=journal)
    rating.reason.value = "Every administration kept the recognition."
    rating.save_button.click()
    assert rating.stars.value is None and "Choose a rating" in rating.status.value
    rating.stars.value = 4
    rating.reason.value = "ok"
    rating.save_button.click()
    assert "Write a short reason" in rating.status.value and journal.latest("rating", "C3") is None
    rating.reason.value = "Every administration kept the recognition."
    rating.save_button.click()
    assert "Saved: 4/5" in rating.status.value
    reloaded = exercises.rate("C3", journal=journal)
    assert reloaded.stars.value == 4 and reloaded.reason.value.startswith("Every administration")


def test_a_failing_save_is_reported_in_the_widget_not_swallowed(journal_file, monkeypatch, caplog):
    journal = Journal(journal_file)
    box = exercises.ask("03.think-counts", journal=journal)
    box.text.value = "A sentence."

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal, "record", disk_full)
    box.save_button.click()  # no exception escapes into JupyterLab's log console...
    assert "Something went wrong here" in box.feedback.value and "No space left" in box.feedback.value
    assert "keep failed" in caplog.text  # ...and it is logged


def test_a_gate_whose_content_fails_says_so_in_place(journal_file):
    journal = Journal(journal_file)
    journal.record("prediction", "03.un-recognitions", {"guess": 90})
    gate = exercises.after("03.un-recognitions", lambda: 1 / 0, journal=journal)
    assert "Something went wrong here" in gate.children[0].value and "ZeroDivisionError" in gate.children[0].value


def test_a_journal_set_aside_is_announced_in_the_widget_not_as_a_python_warning(journal_file, recwarn):
    journal_file.parent.mkdir(parents=True)
    journal_file.write_text('{"entries": [', encoding="utf-8")  # truncated by a full disk
    prediction = exercises.ask("03.un-recognitions", journal=Journal(journal_file, warn=False))
    assert "could not be read" in prediction.feedback.value and "unreadable-" in prediction.feedback.value
    assert not prediction.revealed and len(recwarn) == 0
    assert list(journal_file.parent.glob("journal.unreadable-*.json"))  # kept, never overwritten
    later = exercises.rate("C3", journal=Journal(journal_file, warn=False))  # another widget, same session
    assert "could not be read" in later.status.value


@pytest.mark.parametrize("typed, read", [("150,000", 150000), ("150.000", 150000), ("150 000", 150000), ("95940", 95940),
                                          ("1e5", None), ("150,5", None), ("12.5", None)])
def test_a_large_guess_is_read_with_its_thousands_separators(typed, read):
    q = questions.question("08.bih-deaths")
    assert exercises._whole_number(typed, q) == read


def test_a_percentage_prediction_answers_in_percent_and_percentage_points(journal_file):
    widget = exercises.ask("09.change-share", journal=Journal(journal_file))
    answer = float(reveals.answer(widget.question.answer_from))
    widget.guess.value = "30"
    widget.lock_button.click()
    assert f"Your guess, 30%; the answer: {answer:g}%" in widget.feedback.value
    assert f"{abs(30 - answer):g} percentage points above it" in widget.feedback.value
