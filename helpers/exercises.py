"""Exercises with immediate feedback, predictions, and the student's rating of a claim.

Each exercise is a check function (pure, unit-tested) and a widget that calls it. Every
answer, prediction and rating is saved in the student's journal (see ``journal``), so it
survives a restart and adds up in the final verdict notebook.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as w

from .journal import Journal

STYLE = {"description_width": "initial"}
RATING_LABELS = {
    1: "1: the evidence contradicts the claim",
    2: "2: mostly against",
    3: "3: mixed",
    4: "4: mostly supports",
    5: "5: the evidence strongly supports the claim",
}


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str


def check_choice(chosen: str | None, correct: str, explanation: str = "") -> Feedback:
    """Feedback for a multiple-choice answer."""
    if chosen is None:
        return Feedback(False, "Choose an answer first.")
    if chosen == correct:
        return Feedback(True, f"Correct. {explanation}".strip())
    return Feedback(False, "Not quite: look at the evidence again, or open the hint.")


def check_number(value: float | None, correct: float, tolerance: float = 0) -> Feedback:
    """Feedback for a numeric answer: right within the tolerance, or too high or too low."""
    if value is None:
        return Feedback(False, "Type a number first.")
    if abs(value - correct) <= tolerance:
        return Feedback(True, f"Correct: {correct:g}.")
    direction = "too high" if value > correct else "too low"
    return Feedback(False, f"{value:g} is {direction}. Try again, or open the hint.")


def parse_number(text: str) -> float | None:
    """A number typed by a student ('1,5' and ' 12 ' included), or None."""
    try:
        return float(text.strip().replace(",", "."))
    except (AttributeError, ValueError):
        return None


def prediction_gap(guess: float, answer: float) -> str:
    """How far a prediction was from the answer, in words."""
    gap = guess - answer
    if gap == 0:
        return "Your guess was exactly right."
    share = f" ({abs(gap) / answer:.0%} of the answer)" if answer else ""
    return f"Your guess was {abs(gap):g} {'too high' if gap > 0 else 'too low'}{share}."


def _feedback_html(feedback: Feedback) -> str:
    mark, colour = ("✔", "#006d4f") if feedback.correct else ("✘", "#8f3a00")
    return (f'<div role="status" aria-live="polite" style="color:{colour}"><b>{mark}</b> '
            f"{html.escape(feedback.message)}</div>")


class _Exercise(w.VBox):
    """Shared layout: prompt, answer control, buttons, feedback, hint."""

    def __init__(self, exercise_id: str, prompt: str, control: w.Widget, hint: str, notebook: str,
                 journal: Journal | None):
        self.exercise_id = exercise_id
        self.notebook = notebook
        self.journal = journal or Journal()
        self.control = control
        self.check_button = w.Button(description="Check my answer", button_style="primary",
                                     tooltip="Check the answer you chose")
        self.hint_button = w.Button(description="Show a hint", tooltip="Show a hint for this question")
        self.feedback = w.HTML()
        self.hint = w.HTML()
        self.last: Feedback | None = None
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: setattr(self.hint, "value", f"<i>Hint: {html.escape(hint)}</i>"))
        super().__init__([w.HTML(f"<b>{html.escape(prompt)}</b>"), control,
                          w.HBox([self.check_button, self.hint_button]), self.feedback, self.hint])

    def evaluate(self) -> Feedback:
        raise NotImplementedError

    def check(self) -> Feedback:
        self.last = self.evaluate()
        self.feedback.value = _feedback_html(self.last)
        self.journal.record("answer", self.exercise_id, {"answer": self.control.value, "correct": self.last.correct},
                            notebook=self.notebook)
        if self.journal.notice:
            self.feedback.value += f"<div>{html.escape(self.journal.notice)}</div>"
        return self.last


class MultipleChoice(_Exercise):
    def __init__(self, exercise_id: str, prompt: str, options: list[str], correct: str, hint: str,
                 explanation: str = "", notebook: str = "", journal: Journal | None = None):
        if correct not in options:
            raise ValueError(f"The correct answer {correct!r} is not among the options.")
        self.correct, self.explanation = correct, explanation
        control = w.RadioButtons(options=options, value=None, layout=w.Layout(width="max-content"),
                                 description="Your answer:", style=STYLE)
        super().__init__(exercise_id, prompt, control, hint, notebook, journal)

    def evaluate(self) -> Feedback:
        return check_choice(self.control.value, self.correct, self.explanation)


class NumericAnswer(_Exercise):
    def __init__(self, exercise_id: str, prompt: str, correct: float, hint: str, tolerance: float = 0,
                 notebook: str = "", journal: Journal | None = None):
        self.correct, self.tolerance = correct, tolerance
        control = w.Text(placeholder="type a number", description="Your answer:", style=STYLE)
        super().__init__(exercise_id, prompt, control, hint, notebook, journal)

    def evaluate(self) -> Feedback:
        return check_number(parse_number(self.control.value), self.correct, self.tolerance)


class PredictThenReveal(w.VBox):
    """The student commits a guess; only then is the answer shown, with the gap."""

    def __init__(self, prediction_id: str, prompt: str, answer: float, explanation: str, minimum: int = 0,
                 maximum: int = 200, start: int | None = None, notebook: str = "",
                 journal: Journal | None = None):
        self.prediction_id, self.answer, self.explanation = prediction_id, answer, explanation
        self.notebook = notebook
        self.journal = journal or Journal()
        self.guess = w.IntSlider(value=start if start is not None else (minimum + maximum) // 2, min=minimum,
                                 max=maximum, description="My guess:", style=STYLE, layout=w.Layout(width="60%"),
                                 continuous_update=False)
        self.lock_button = w.Button(description="Lock in my guess", button_style="primary",
                                    tooltip="Save your guess; the answer is shown after this")
        self.reveal = w.HTML(value="<i>The answer appears here once you lock in a guess.</i>")
        self.revealed = False
        self.lock_button.on_click(lambda _b: self.lock())
        super().__init__([w.HTML(f"<b>{html.escape(prompt)}</b>"), self.guess, self.lock_button, self.reveal])
        earlier = self.journal.latest("prediction", prediction_id)
        if earlier is not None:
            self.guess.value = int(earlier["guess"])
            self._show(note="(You made this prediction in an earlier session.)")

    def _show(self, note: str = "") -> None:
        self.revealed = True
        self.guess.disabled = True
        self.lock_button.disabled = True
        gap = prediction_gap(self.guess.value, self.answer)
        self.reveal.value = (
            f'<div role="status" aria-live="polite"><b>Answer: {self.answer:g}.</b> {html.escape(gap)} '
            f"{html.escape(note)}<br>{html.escape(self.explanation)}</div>"
        )

    def lock(self) -> None:
        if self.revealed:
            return
        self.journal.record("prediction", self.prediction_id, {"guess": self.guess.value, "answer": self.answer},
                            notebook=self.notebook)
        self._show()


class ClaimRating(w.VBox):
    """How well does the evidence support the claim? 1-5, with a short reason, saved."""

    def __init__(self, claim_id: str, claim_text: str, notebook: str = "", journal: Journal | None = None):
        self.claim_id, self.notebook = claim_id, notebook
        self.journal = journal or Journal()
        self.stars = w.SelectionSlider(options=[(label, n) for n, label in RATING_LABELS.items()], value=3,
                                       description="My rating:", style=STYLE, layout=w.Layout(width="80%"),
                                       continuous_update=False)
        self.reason = w.Textarea(placeholder="In one or two sentences: which evidence weighed most, and why?",
                                 description="My reason:", style=STYLE, layout=w.Layout(width="80%", height="80px"))
        self.save_button = w.Button(description="Save my rating", button_style="primary",
                                    tooltip="Save the rating and reason in your journal")
        self.status = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([w.HTML(f"<b>Claim {html.escape(claim_id)}:</b> {html.escape(claim_text)}"),
                          self.stars, self.reason, self.save_button, self.status])
        earlier = self.journal.latest("rating", claim_id)
        if earlier is not None:
            self.stars.value = int(earlier["stars"])
            self.reason.value = earlier.get("reason", "")
            self.status.value = "<i>Loaded the rating you saved earlier; change it and save again at any time.</i>"

    def save(self) -> bool:
        reason = self.reason.value.strip()
        if len(reason) < 10:
            self.status.value = ('<div role="status" style="color:#8f3a00">Write a short reason first '
                                 "(at least a few words): it is what you will discuss in class.</div>")
            return False
        self.journal.record("rating", self.claim_id, {"stars": self.stars.value, "reason": reason},
                            notebook=self.notebook)
        self.status.value = (f'<div role="status" style="color:#006d4f">Saved: {self.stars.value}/5 for '
                             f"{html.escape(self.claim_id)} in {html.escape(str(self.journal.path))}.</div>")
        if self.journal.notice:
            self.status.value += f"<div>{html.escape(self.journal.notice)}</div>"
        return True
