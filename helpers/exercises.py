"""The widgets a student answers with: predictions, checks, reflections, coding, ratings.

A notebook names a question of the bank and gets the right widget:
``exercises.ask("03.what-counts")``. Nothing that answers a question is on the page before
the student commits: predictions start empty (no default guess to anchor on), answers and
reveals appear after *Lock in* or *Check*, and content that would give an answer away is
wrapped in ``exercises.after(question_id, build)``, which opens only once that question
has been answered (in this session or an earlier one, as the journal says).

Everything the student commits is saved in the journal and shown again after a restart.
"""

from __future__ import annotations

import html
import re
from typing import Callable

import ipywidgets as w

from . import analysis, questions, reveals, tables, verdict
from .guard import reported
from .journal import SESSION_NOTICES, Journal
from .questions import Feedback, Question, parse_number, range_feedback

STYLE = {"description_width": "initial"}
WIDE = w.Layout(width="90%")
RATING_LABELS = {
    1: "1: the evidence contradicts the claim",
    2: "2: mostly against",
    3: "3: mixed",
    4: "4: mostly supports",
    5: "5: the evidence strongly supports the claim",
}
SUBSTANCE_CHOICES = tables.SUBSTANCE_WORDS  # the coding's options, in the words the comparison table uses
TONE_CHOICES = {"same": "same", "changed": "changed", "unclear": "unclear"}
# The journal kind under which each kind of question is saved.
JOURNAL_KIND = {"prediction": "prediction", "choice": "answer", "number": "answer", "reflection": "reflection",
                "coding": "coding", "decision": "decision", "marking": "marking"}

_waiting: dict[str, list["After"]] = {}  # gates of this kernel, opened when their question is answered


def status_html(text: str, ok: bool | None = None) -> str:
    colour = {True: "#006d4f", False: "#8f3a00", None: "inherit"}[ok]
    mark = {True: "✔ ", False: "✘ ", None: ""}[ok]
    return f'<div role="status" aria-live="polite" style="color:{colour}"><b>{mark}</b>{html.escape(text)}</div>'


def _prompt(q: Question, label: str = "") -> w.HTML:
    lead = f"<b>{html.escape(label)}</b> " if label else ""
    return w.HTML(f"<p>{lead}<b>{html.escape(q.prompt)}</b></p>", layout=WIDE)


def _committed(question_id: str) -> None:
    for gate in _waiting.pop(question_id, []):
        gate.show()


def usable_answer(q: Question):
    """A test of whether a saved value is one this question can use (a journal may be edited by hand)."""
    checks = {
        "prediction": lambda v: (v.get("guess") in q.items) if q.items else _whole_number(v.get("guess"), q) is not None,
        "choice": lambda v: q.option(str(v.get("answer"))) is not None,
        "number": lambda v: parse_number(v.get("answer")) is not None,
        "reflection": lambda v: isinstance(v.get("text"), str) and bool(v["text"].strip()),
        "decision": lambda v: q.option(str(v.get("answer"))) is not None and isinstance(v.get("text"), str),
        # partial progress is usable: the student marks one item at a time and comes back later
        "marking": lambda v: all(verdict.usable_mark(m) for m in v.values()),
        "coding": lambda v: all(q.option(str(v.get(i))) is not None for i in q.items) if q.options else
        all(isinstance(v.get(i), dict) and v[i].get("substance") in SUBSTANCE_CHOICES
            and v[i].get("tone") in TONE_CHOICES for i in q.items),
    }
    return lambda value: isinstance(value, dict) and checks[q.kind](value)


def saved_answer(q: Question, journal: Journal):
    """(value, problem): the student's last usable answer, and a notice if unusable ones were set aside.

    An entry this question cannot use is moved out of the journal on its own (to a side file,
    nothing deleted); the student answers again, and parts that open after an answer stay
    closed until then.
    """
    usable = usable_answer(q)
    problem = journal.set_aside(JOURNAL_KIND[q.kind], q.question_id, usable)
    return journal.latest(JOURNAL_KIND[q.kind], q.question_id), problem


def answered(q: Question, value) -> bool:
    """True once a saved answer lets the parts after it open (a marking: once the class set is marked)."""
    if value is None:
        return False
    if q.kind == "marking":
        return verdict.class_set_done(value)
    return True


def first_sentence(text: str) -> str:
    """The first sentence of a prompt, to name a question briefly."""
    for end in (". ", "? ", "! "):
        if end in text:
            return text[: text.index(end) + 1]
    return text


GROUPED = re.compile(r"\d{1,3}([,.' \u00a0])\d{3}(\1\d{3})*")  # 150,000 / 150.000 / 150 000 / 1'500


def _whole_number(text, q: Question) -> int | None:
    typed = str(text).strip()
    if GROUPED.fullmatch(typed):  # thousands written as in the region or in English, not a decimal point
        typed = re.sub(r"[,.' \u00a0]", "", typed)
    if "e" in typed.lower():
        return None
    number = parse_number(typed)
    if number is None or number != int(number) or not q.minimum <= number <= q.maximum:
        return None
    return int(number)


class _Exercise(w.VBox):
    """What every exercise shares: its question, the journal, and saving a commitment."""

    def __init__(self, q: Question, children: list, journal: Journal | None, tail: tuple = ()):
        self.question = q
        self.journal = journal or Journal(warn=False)
        self.feedback = w.HTML()
        super().__init__(children + [self.feedback, *tail])

    def earlier(self):
        """The saved answer if usable; an unusable one is reported in the widget and ignored."""
        value, problem = saved_answer(self.question, self.journal)
        if problem:
            self.feedback.value = status_html(problem, False)
        if SESSION_NOTICES:  # the journal (or part of it) was set aside in this session: every widget says so
            self.feedback.value += f"<div>{html.escape(SESSION_NOTICES[-1])}</div>"
        return value

    def save(self, value) -> None:
        self.journal.record(JOURNAL_KIND[self.question.kind], self.question.question_id, value,
                            notebook=self.question.notebook)
        _committed(self.question.question_id)

    def journal_notice(self) -> str:
        return f"<div>{html.escape(self.journal.notice)}</div>" if self.journal.notice else ""


class Prediction(_Exercise):
    """The student types a guess and locks it in; only then is the answer (or range) shown."""

    def __init__(self, q: Question, journal: Journal | None = None):
        self.guess = self._guess_control(q)
        self.lock_button = w.Button(description="Lock in my guess", button_style="primary",
                                    tooltip="Save your guess; the answer is shown after this")
        self.reveal = w.HTML(value="<i>The answer appears here once you lock in a guess.</i>", layout=WIDE)
        self.revealed = False
        self.lock_button.on_click(lambda _b: self.lock())
        super().__init__(q, [_prompt(q), self.guess, self.lock_button], journal, tail=(self.reveal,))
        earlier = self.earlier()
        if earlier is not None:
            self._show(self._restore(earlier["guess"]), note="(You made this prediction in an earlier session.)")

    def _guess_control(self, q: Question) -> w.Widget:
        return w.Text(placeholder=f"a number from {q.minimum} to {q.maximum}", description="My guess:", style=STYLE)

    def _restore(self, saved):
        guess = _whole_number(saved, self.question)
        self.guess.value = str(guess)
        return guess

    @reported
    def lock(self) -> bool:
        if self.revealed:
            return False
        q = self.question
        guess = _whole_number(self.guess.value, q)
        if guess is None:
            self.feedback.value = status_html(f"Type a whole number from {q.minimum} to {q.maximum} first.", False)
            return False
        # Shown at once: the reveal below can take a moment the first time.
        self.guess.disabled = self.lock_button.disabled = True
        self.feedback.value = status_html(f"Locked in: {guess}. Showing the answer…")
        self._show(guess)  # the answer first; what the gates open is built after it
        self.save({"guess": guess})
        return True

    def _show(self, guess: float, note: str = "") -> None:
        q = self.question
        self.revealed = True
        self.guess.disabled = self.lock_button.disabled = True
        answer = reveals.answer(q.answer_from)
        if isinstance(answer, list):  # a disputed number: a range of figures, not one answer
            gap = range_feedback(guess, answer)
        else:  # a prediction is locked: say how far off it was, never "try again"
            difference = guess - float(answer)
            unit, points = ("%", " percentage points") if "percentage" in q.prompt.lower() else ("", "")
            where = "exactly right" if difference == 0 else \
                f"{abs(difference):g}{points} {'above' if difference > 0 else 'below'} it"
            gap = f"Your guess, {guess:g}{unit}; the answer: {float(answer):g}{unit} (your guess was {where})."
        self.feedback.value = status_html(f"{gap} {note}".strip()) + self.journal_notice()
        self.reveal.value = f"<p>{html.escape(q.explanation)}</p>{reveals.reveal_html(q.reveal)}"


class PickPrediction(Prediction):
    """The student picks one of the listed administrations and locks it in; then every measure is shown.

    There is no right pick: the reveal says which administration leads by each measure, where
    the student's pick ranks by each, and why the measures disagree.
    """

    def _guess_control(self, q: Question) -> w.Widget:
        labels = analysis.administration_labels()
        return w.RadioButtons(options=[(labels.get(i, i), i) for i in q.items], value=None, description="My guess:",
                              style=STYLE)

    def _restore(self, saved):
        self.guess.value = saved
        return saved

    @reported
    def lock(self) -> bool:
        if self.revealed:
            return False
        if self.guess.value is None:
            self.feedback.value = status_html("Choose an administration first.", False)
            return False
        self.guess.disabled = self.lock_button.disabled = True
        self._show(self.guess.value)
        self.save({"guess": self.guess.value})
        return True

    def _show(self, guess: str, note: str = "") -> None:
        q = self.question
        self.revealed = True
        self.guess.disabled = self.lock_button.disabled = True
        measures = reveals.answer(q.answer_from)  # measure in words -> {administration id: value}
        self.feedback.value = status_html(f"{ranking_feedback(guess, measures, q.items)} {note}".strip()) \
            + self.journal_notice()
        self.reveal.value = f"<p>{html.escape(q.explanation)}</p>{reveals.reveal_html(q.reveal)}"


def ranking_feedback(guess: str, measures: dict[str, dict[str, float]], among: tuple[str, ...]) -> str:
    """Where a picked administration ranks by each measure, among the listed ones, and who leads."""
    labels = analysis.administration_labels()
    parts = [f"Your guess: {labels.get(guess, guess)}. Among the {len(among)} administrations you could choose:"]
    for words, values in measures.items():
        shown = {a: v for a, v in values.items() if a in among and v is not None}
        top = max(shown.values())
        leading = " and ".join(labels.get(a, a) for a, v in shown.items() if v == top)
        rank = sum(v > shown[guess] for v in shown.values()) + 1 if guess in shown else None
        parts.append(f"by {words}, {leading} comes first ({top:g}); your guess ranks {rank} of {len(shown)}"
                     f" ({shown[guess]:g})." if rank else f"by {words}, {leading} comes first ({top:g}).")
    return " ".join(parts)


class _Checked(_Exercise):
    """A question with a Check button, a hint, feedback, and a reveal after a right answer."""

    def __init__(self, q: Question, control: w.Widget, journal: Journal | None):
        self.control = control
        self.check_button = w.Button(description="Check my answer", button_style="primary",
                                     tooltip="Check the answer you gave")
        self.hint_button = w.Button(description="Show a hint", tooltip="Show a hint for this question")
        self.hint = w.HTML()
        self.reveal = w.HTML(layout=WIDE)
        self.last: Feedback | None = None
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: setattr(self.hint, "value", f"<i>Hint: {html.escape(q.hint)}</i>"))
        super().__init__(q, [_prompt(q), control, w.HBox([self.check_button, self.hint_button]), self.hint],
                         journal, tail=(self.reveal,))
        earlier = self.earlier()
        if earlier is not None:
            self.control.value = str(earlier["answer"])
            self.check(save=False)

    def valid(self, answer) -> bool:
        raise NotImplementedError

    def evaluate(self) -> Feedback:
        raise NotImplementedError

    @reported
    def check(self, save: bool = True) -> Feedback:
        self.last = self.evaluate()
        if not self.valid(self.control.value):  # nothing given: not an answer, nothing saved
            self.feedback.value = status_html(self.last.message, False)
            return self.last
        if save:
            self.save({"answer": self.control.value, "correct": self.last.correct})
        self.feedback.value = status_html(self.last.message, self.last.correct) + self.journal_notice()
        if self.last.correct:
            self.reveal.value = reveals.reveal_html(self.question.reveal)
        return self.last


class Choice(_Checked):
    """Multiple choice with feedback that says why each wrong option is wrong."""

    def __init__(self, q: Question, journal: Journal | None = None):
        control = w.RadioButtons(options=[(o.text, o.key) for o in q.options], value=None,
                                 description="Your answer:", style=STYLE, layout=w.Layout(width="max-content"))
        super().__init__(q, control, journal)

    def valid(self, answer) -> bool:
        return answer is not None and self.question.option(str(answer)) is not None

    def evaluate(self) -> Feedback:
        return questions.check_choice(self.question, self.control.value)


class Number(_Checked):
    """A number typed by the student, checked against the bank's (or the data's) answer."""

    def __init__(self, q: Question, journal: Journal | None = None):
        super().__init__(q, w.Text(placeholder="type a number", description="Your answer:", style=STYLE), journal)

    def valid(self, answer) -> bool:
        return parse_number(answer) is not None

    @property
    def correct(self) -> float:
        q = self.question
        return float(q.answer if q.answer is not None else reveals.answer(q.answer_from))

    def evaluate(self) -> Feedback:
        value = parse_number(self.control.value)
        if value is not None and not self.question.tolerance and value != int(value):
            return Feedback(False, "The answer is a whole number: count again, or open the hint.")
        feedback = questions.check_number(value, self.correct, self.question.tolerance)
        if feedback.correct:
            return Feedback(True, f"{feedback.message} {self.question.explanation}".strip())
        return feedback


class Reflection(_Exercise):
    """A Think! prompt with an optional written answer, saved in the journal."""

    def __init__(self, q: Question, journal: Journal | None = None):
        self.text = w.Textarea(placeholder="Optional: write a sentence or two, then save.", description="My answer:",
                               style=STYLE, layout=w.Layout(width="90%", height="70px"))
        self.save_button = w.Button(description="Save my answer", tooltip="Save this answer in your journal")
        self.save_button.on_click(lambda _b: self.keep())
        super().__init__(q, [_prompt(q, "Think!"), self.text, self.save_button], journal)
        earlier = self.earlier()
        if earlier is not None:
            self.text.value = earlier["text"]
            self.feedback.value = status_html("Loaded what you wrote earlier.")

    @reported
    def keep(self) -> bool:
        text = self.text.value.strip()
        if not text:
            self.feedback.value = status_html("Write something first (or skip this box: it is optional).", False)
            return False
        self.save({"text": text})
        self.feedback.value = status_html("Saved in your journal.", True) + self.journal_notice()
        return True


class Coding(_Exercise):
    """The student codes a few US actions (substance and tone), then sees our coding beside theirs."""

    def __init__(self, q: Question, journal: Journal | None = None):
        self.events = analysis.events_by_id(list(q.items))
        self.choices: dict[str, tuple[w.RadioButtons, w.RadioButtons]] = {}
        rows = []
        for number, event in enumerate(self.events.itertuples(), start=1):
            # Numbered labels, so a screen reader says which action each group of choices belongs to.
            substance = w.RadioButtons(options=[(label, key) for key, label in SUBSTANCE_CHOICES.items()],
                                       value=None, description=f"Substance of {number}:", style=STYLE)
            tone = w.RadioButtons(options=[(label, key) for key, label in TONE_CHOICES.items()], value=None,
                                  description=f"Tone of {number}:", style=STYLE)
            self.choices[event.event_id] = (substance, tone)
            rows.append(w.HTML(f"<p><b>{number}. {html.escape(event.when)}, {html.escape(event.administration_label)}:"
                               f"</b> {html.escape(event.summary_short)}</p>", layout=WIDE))
            rows.append(w.HBox([substance, tone]))
        self.save_button = w.Button(description="Save my coding", button_style="primary",
                                    tooltip="Save your coding; ours is shown after this")
        self.save_button.on_click(lambda _b: self.keep())
        self.comparison = w.HTML(layout=WIDE)
        super().__init__(q, [_prompt(q)] + rows + [self.save_button], journal, tail=(self.comparison,))
        earlier = self.earlier()
        if earlier is not None:
            for event_id, (substance, tone) in self.choices.items():
                substance.value, tone.value = earlier[event_id]["substance"], earlier[event_id]["tone"]
            self._show_comparison(note="(You saved this coding in an earlier session.)")

    def coding(self) -> dict:
        return {event_id: {"substance": s.value, "tone": t.value} for event_id, (s, t) in self.choices.items()}

    @reported
    def keep(self) -> bool:
        coding = self.coding()
        if any(None in (c["substance"], c["tone"]) for c in coding.values()):
            self.feedback.value = status_html("Code every action, substance and tone, before you save.", False)
            return False
        self.save(coding)
        self._show_comparison()
        return True

    def _show_comparison(self, note: str = "") -> None:
        for substance, tone in self.choices.values():
            substance.disabled = tone.disabled = True
        self.save_button.disabled = True
        table, agree_substance, agree_tone = tables.coding_comparison(self.events, self.coding())
        n = len(self.events)
        self.feedback.value = status_html(
            f"Saved. You and our table agree on substance for {agree_substance} of {n} actions and on tone for "
            f"{agree_tone} of {n}. {note}".strip()) + self.journal_notice()
        self.comparison.value = (f"{table}<p>{html.escape(self.question.explanation)}</p>")


class Sorting(_Exercise):
    """The student sorts a few events into the question's options, then sees our sorting with a reason for each."""

    def __init__(self, q: Question, journal: Journal | None = None):
        self.items = questions.our_sorting(q)
        self.choices: dict[str, w.RadioButtons] = {}
        rows = []
        for number, item in enumerate(self.items.itertuples(), start=1):
            choice = w.RadioButtons(options=[(o.text, o.key) for o in q.options], value=None,
                                    description=f"Item {number}:", style=STYLE, layout=WIDE)
            self.choices[item.item_id] = choice
            rows += [w.HTML(f"<p><b>{number}. {html.escape(item.when)}, {html.escape(item.label)}:</b> "
                            f"{html.escape(tables.named(item.text))}</p>", layout=WIDE), choice]
        self.save_button = w.Button(description="Save my sorting", button_style="primary",
                                    tooltip="Save your sorting; ours is shown after this")
        self.save_button.on_click(lambda _b: self.keep())
        self.comparison = w.HTML(layout=WIDE)
        super().__init__(q, [_prompt(q)] + rows + [self.save_button], journal, tail=(self.comparison,))
        earlier = self.earlier()
        if earlier is not None:
            for item_id, choice in self.choices.items():
                choice.value = earlier[item_id]
            self._show_comparison(note="(You saved this sorting in an earlier session.)")

    def sorting(self) -> dict:
        return {item_id: choice.value for item_id, choice in self.choices.items()}

    @reported
    def keep(self) -> bool:
        sorting = self.sorting()
        if None in sorting.values():
            self.feedback.value = status_html("Sort every item before you save.", False)
            return False
        self.save(sorting)
        self._show_comparison()
        return True

    def _show_comparison(self, note: str = "") -> None:
        for choice in self.choices.values():
            choice.disabled = True
        self.save_button.disabled = True
        mine, rows, agree = self.sorting(), [], 0
        for item in self.items.itertuples():
            same = mine[item.item_id] == item.code
            agree += same
            rows.append([html.escape(item.when), html.escape(item.label),
                         html.escape(self.question.option(mine[item.item_id]).text),
                         f"<b>{html.escape(self.question.option(item.code).text)}</b>{'' if same else ' (differs)'}"
                         f"<br><small>{html.escape(tables.named(item.reason))}</small>"])
        self.feedback.value = status_html(
            f"Saved. You and we sorted {agree} of {len(self.items)} items the same way. {note}".strip()) \
            + self.journal_notice()
        self.comparison.value = (tables.html_table("Your sorting beside ours, with our reason for each",
                                                   ["When", "What", "Yours", "Ours, and why"], rows)
                                 + f"<p>{html.escape(self.question.explanation)}</p>")


class Decision(_Exercise):
    """A decision point: the student picks a response and says why; then what each option needs and what was done.

    No option is right: every option's feedback says which institutions it needs and what it risks, and the
    reveal gives what past administrations did in comparable moments. The choice and the reason are saved.
    """

    def __init__(self, q: Question, journal: Journal | None = None):
        # max-content, as in Choice: a long option stays on one line instead of overlapping the next
        self.control = w.RadioButtons(options=[(o.text, o.key) for o in q.options], value=None,
                                      description="My decision:", style=STYLE, layout=w.Layout(width="max-content"))
        self.reason = w.Textarea(placeholder="Why this response? What do you expect it to achieve, and what might go wrong?",
                                 description="My reason:", style=STYLE, layout=w.Layout(width="90%", height="90px"))
        self.save_button = w.Button(description="Save my decision", button_style="primary",
                                    tooltip="Save your decision; what each option needs is shown after this")
        self.save_button.on_click(lambda _b: self.keep())
        self.outcome = w.HTML(layout=WIDE)
        super().__init__(q, [_prompt(q), self.control, self.reason, self.save_button], journal, tail=(self.outcome,))
        earlier = self.earlier()
        if earlier is not None:
            self.control.value, self.reason.value = earlier["answer"], earlier["text"]
            self._show(note="(You made this decision in an earlier session.)")

    @reported
    def keep(self) -> bool:
        if self.control.value is None:
            self.feedback.value = status_html("Choose a response first.", False)
            return False
        if len(self.reason.value.split()) < 3:
            self.feedback.value = status_html("Write a short reason first (at least a few words): the reasoning is what "
                                              "you are asked for.", False)
            return False
        self.save({"answer": self.control.value, "text": self.reason.value.strip()})
        self._show()
        return True

    def _show(self, note: str = "") -> None:
        q = self.question
        self.control.disabled = self.reason.disabled = self.save_button.disabled = True
        chosen = q.option(self.control.value)
        self.feedback.value = status_html(f"Saved. You chose: {chosen.text} {note}".strip()) + self.journal_notice()
        rows = [[("<b>your choice</b>: " if o.key == chosen.key else "") + html.escape(o.text), html.escape(o.feedback)]
                for o in q.options]
        self.outcome.value = (tables.html_table("What each option needs, and what it risks", ["Option", "What it needs"],
                                                rows)
                              + f"<p>{html.escape(q.explanation)}</p>{reveals.reveal_html(q.reveal)}")


class ClaimRating(w.VBox):
    """How well does the evidence support the claim? 1-5, chosen (no default), with a reason, saved."""

    def __init__(self, claim_id: str, claim_text: str, notebook: str = "", journal: Journal | None = None):
        self.claim_id, self.notebook = claim_id, notebook
        self.journal = journal or Journal(warn=False)
        self.stars = w.RadioButtons(options=[(label, n) for n, label in RATING_LABELS.items()], value=None,
                                    description="My rating:", style=STYLE, layout=w.Layout(width="max-content"))
        self.reason = w.Textarea(placeholder="In one or two sentences: which evidence weighed most, and why?",
                                 description="My reason:", style=STYLE, layout=w.Layout(width="80%", height="80px"))
        self.save_button = w.Button(description="Save my rating", button_style="primary",
                                    tooltip="Save the rating and reason in your journal")
        self.status = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([w.HTML(f"<b>Claim {html.escape(claim_id)}:</b> {html.escape(claim_text)}", layout=WIDE),
                          self.stars, self.reason, self.save_button, self.status])
        problem = self.journal.set_aside("rating", claim_id, lambda v: isinstance(v, dict)
                                         and v.get("stars") in RATING_LABELS and isinstance(v.get("reason"), str))
        earlier = self.journal.latest("rating", claim_id)
        if earlier is not None:
            self.stars.value = earlier["stars"]
            self.reason.value = earlier["reason"]
            self.status.value = status_html("Loaded the rating you saved earlier; change it and save again at any time.")
        if problem:
            self.status.value += status_html(problem, False)
        if SESSION_NOTICES:
            self.status.value += f"<div>{html.escape(SESSION_NOTICES[-1])}</div>"

    @reported
    def save(self) -> bool:
        reason = self.reason.value.strip()
        if self.stars.value is None:
            self.status.value = status_html("Choose a rating from 1 to 5 first.", False)
            return False
        if len(reason) < 10:
            self.status.value = status_html("Write a short reason first (at least a few words): it is what you "
                                            "will discuss in class.", False)
            return False
        self.journal.record("rating", self.claim_id, {"stars": self.stars.value, "reason": reason},
                            notebook=self.notebook)
        self.status.value = status_html(f"Saved: {self.stars.value}/5 for {self.claim_id} in {self.journal.path}.",
                                        True)
        if SESSION_NOTICES:
            self.status.value += f"<div>{html.escape(SESSION_NOTICES[-1])}</div>"
        return True


WIDGETS = {"prediction": Prediction, "choice": Choice, "number": Number, "reflection": Reflection,
           "coding": Coding, "decision": Decision}


def ask(question_id: str, journal: Journal | None = None) -> _Exercise:
    """The widget for one question of the bank, e.g. ask("03.what-counts")."""
    q = questions.question(question_id)
    if q.kind == "prediction" and q.items:  # a pick among administrations, not a number
        return PickPrediction(q, journal)
    if q.kind == "coding" and q.options:  # sorted into the question's options, not coded for substance and tone
        return Sorting(q, journal)
    if q.kind == "marking":  # what happened after the election, one item at a time (notebook 09)
        from .verdict_explorers import EventMarker

        return EventMarker(q, journal)
    return WIDGETS[q.kind](q, journal)


def rate(claim_id: str, notebook: str = "", journal: Journal | None = None) -> ClaimRating:
    """The student's rating of a claim, with the claim in our words."""
    return ClaimRating(claim_id, analysis.claim(claim_id), notebook=notebook, journal=journal)


def _as_widget(content) -> w.Widget:
    if isinstance(content, w.Widget):
        return content
    if isinstance(content, (list, tuple)):
        return w.VBox([_as_widget(c) for c in content])
    if hasattr(content, "to_html"):  # a pandas Styler or DataFrame
        return w.HTML(content.to_html(), layout=WIDE)
    if hasattr(content, "html"):  # a vega.Static chart
        return w.HTML(content.html(), layout=WIDE)
    return w.HTML(str(content), layout=WIDE)


class After(w.VBox):
    """Content that would answer a question, shown only once the student has answered it."""

    def __init__(self, question_id: str, build: Callable[[], object], journal: Journal | None = None):
        q = questions.question(question_id)
        self.question_id, self.build = question_id, build
        self.is_open = False
        placeholder = w.HTML(
            f'<div style="border-left:4px solid #56B4E9;padding:4px 10px"><i>This part opens once you have answered '
            f'the question “{html.escape(first_sentence(q.prompt))}”</i></div>', layout=WIDE)
        super().__init__([placeholder])
        journal = journal or Journal(warn=False)
        if answered(q, saved_answer(q, journal)[0]):
            self.show()
        else:
            _waiting.setdefault(question_id, []).append(self)

    @reported
    def show(self) -> None:
        if not self.is_open:
            self.is_open = True
            self.children = [_as_widget(self.build())]


def after(question_id: str, build: Callable[[], object], journal: Journal | None = None) -> After:
    """Show build()'s result only after the student has answered question_id."""
    return After(question_id, build, journal)

