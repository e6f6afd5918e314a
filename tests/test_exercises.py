import pytest

from helpers import exercises
from helpers.journal import Journal


def test_check_choice_accepts_the_right_answer_and_rejects_a_wrong_one():
    assert exercises.check_choice("B", "B", "Because.") == exercises.Feedback(True, "Correct. Because.")
    wrong = exercises.check_choice("A", "B")
    assert not wrong.correct and "hint" in wrong.message
    assert not exercises.check_choice(None, "B").correct


@pytest.mark.parametrize(
    "value, correct, tolerance, ok, words",
    [(5, 5, 0, True, "Correct"), (6, 5, 0, False, "too high"), (4, 5, 0, False, "too low"),
     (5.4, 5, 0.5, True, "Correct"), (None, 5, 0, False, "Type a number")],
)
def test_check_number(value, correct, tolerance, ok, words):
    feedback = exercises.check_number(value, correct, tolerance)
    assert feedback.correct is ok and words in feedback.message


@pytest.mark.parametrize("text, number", [(" 12 ", 12.0), ("1,5", 1.5), ("twelve", None), ("", None)])
def test_parse_number(text, number):
    assert exercises.parse_number(text) == number


def test_prediction_gap_in_words():
    assert exercises.prediction_gap(100, 100) == "Your guess was exactly right."
    assert exercises.prediction_gap(120, 100) == "Your guess was 20 too high (20% of the answer)."
    assert exercises.prediction_gap(50, 100).startswith("Your guess was 50 too low")


def test_multiple_choice_widget_gives_feedback_and_saves(journal_file):
    journal = Journal(journal_file)
    quiz = exercises.MultipleChoice("q-demo", "Pick B", ["A", "B"], "B", hint="It is B.", journal=journal)
    quiz.control.value = "A"
    quiz.check_button.click()
    assert "Not quite" in quiz.feedback.value and quiz.last.correct is False
    quiz.control.value = "B"
    quiz.check_button.click()
    assert "Correct" in quiz.feedback.value
    assert journal.latest("answer", "q-demo") == {"answer": "B", "correct": True}
    quiz.hint_button.click()
    assert "It is B." in quiz.hint.value


def test_multiple_choice_refuses_an_answer_key_that_is_not_an_option(journal_file):
    with pytest.raises(ValueError, match="not among the options"):
        exercises.MultipleChoice("q", "?", ["A"], "Z", hint="", journal=Journal(journal_file))


def test_numeric_answer_widget(journal_file):
    quiz = exercises.NumericAnswer("n-demo", "How many?", 5, hint="Count them.", journal=Journal(journal_file))
    quiz.control.value = "7"
    quiz.check_button.click()
    assert "too high" in quiz.feedback.value
    quiz.control.value = "5"
    quiz.check_button.click()
    assert quiz.last.correct


def test_predict_then_reveal_hides_the_answer_until_the_guess_is_locked(journal_file):
    journal = Journal(journal_file)
    widget = exercises.PredictThenReveal("p-demo", "Guess", answer=104, explanation="Why.", journal=journal)
    assert "104" not in widget.reveal.value and not widget.revealed
    widget.guess.value = 120
    widget.lock_button.click()
    assert "Answer: 104" in widget.reveal.value and "16 too high" in widget.reveal.value
    assert widget.guess.disabled and widget.lock_button.disabled
    assert journal.latest("prediction", "p-demo") == {"guess": 120, "answer": 104}
    # After a restart the locked guess comes back, already revealed.
    again = exercises.PredictThenReveal("p-demo", "Guess", answer=104, explanation="Why.", journal=journal)
    assert again.revealed and again.guess.value == 120 and "earlier session" in again.reveal.value


def test_claim_rating_needs_a_reason_then_saves_and_reloads(journal_file):
    journal = Journal(journal_file)
    rating = exercises.ClaimRating("C3", "Recognition is the cornerstone.", journal=journal)
    rating.stars.value = 4
    rating.reason.value = "ok"
    rating.save_button.click()
    assert "Write a short reason" in rating.status.value and journal.latest("rating", "C3") is None
    rating.reason.value = "Every administration kept the recognition."
    rating.save_button.click()
    assert "Saved: 4/5" in rating.status.value
    reloaded = exercises.ClaimRating("C3", "Recognition is the cornerstone.", journal=journal)
    assert reloaded.stars.value == 4 and reloaded.reason.value.startswith("Every administration")
