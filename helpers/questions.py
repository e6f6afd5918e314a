"""The question bank: every question a lesson asks, its answer, hint and feedback.

The bank is one table, ``data/questions.csv`` (described in ``data/datapackage.json``).
A notebook cell only names a question (``exercises.ask("03.what-counts")``), so no answer
is ever written in notebook code, and the teacher's answer key and the worksheets can be
generated from the same rows. Ids are namespaced by notebook: ``03.`` belongs to
``03_serbia_kosovo.ipynb``.

An answer that comes from the data is not copied into the bank: ``answer_from`` names a
computation in ``helpers.reveals``, so the answer follows the tables when they change.
This module is pure: loading, checking and feedback, no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import data

OPTION_KEYS = ("a", "b", "c", "d", "e")
KINDS = ("prediction", "choice", "number", "reflection", "coding", "decision", "marking")


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class Question:
    question_id: str
    notebook: str
    claim_id: str
    kind: str
    prompt: str
    hint: str = ""
    explanation: str = ""
    options: tuple[Option, ...] = ()
    answer: float | None = None
    answer_from: str = ""
    tolerance: float = 0.0
    minimum: int | None = None
    maximum: int | None = None
    items: tuple[str, ...] = ()
    reveal: str = ""

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    @property
    def correct_option(self) -> Option | None:
        return next((o for o in self.options if o.correct), None)


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str


def _text(value) -> str:
    return "" if value is None or value != value else str(value)  # NaN and <NA> read as empty


def _number(value) -> float | None:
    text = _text(value)
    return float(text) if text else None


def _question(row) -> Question:
    options = tuple(
        Option(key, _text(row[f"option_{key}"]), _text(row[f"feedback_{key}"]), _text(row["correct_option"]) == key)
        for key in OPTION_KEYS if _text(row[f"option_{key}"])
    )
    minimum, maximum = _number(row["minimum"]), _number(row["maximum"])
    return Question(
        question_id=_text(row["question_id"]), notebook=_text(row["notebook"]), claim_id=_text(row["claim_id"]),
        kind=_text(row["kind"]), prompt=_text(row["prompt"]), hint=_text(row["hint"]),
        explanation=_text(row["explanation"]), options=options, answer=_number(row["answer"]),
        answer_from=_text(row["answer_from"]), tolerance=_number(row["tolerance"]) or 0.0,
        minimum=None if minimum is None else int(minimum), maximum=None if maximum is None else int(maximum),
        items=tuple(i for i in _text(row["items"]).split(";") if i), reveal=_text(row["reveal"]),
    )


def bank() -> dict[str, Question]:
    """Every question, by id, in the bank's order."""
    return {q.question_id: q for q in map(_question, data.load("questions").to_dict("records"))}


def question(question_id: str) -> Question:
    questions = bank()
    if question_id not in questions:
        prefix = question_id.split(".")[0]
        near = ", ".join(q for q in questions if q.startswith(prefix + ".")) or "none"
        raise KeyError(f"No question {question_id!r} in data/questions.csv. Questions of this notebook: {near}.")
    return questions[question_id]


def for_notebook(notebook: str) -> list[Question]:
    """The questions of one notebook (file name), in the bank's order."""
    return [q for q in bank().values() if q.notebook == notebook]


def problems(questions: dict[str, Question] | None = None) -> list[str]:
    """What is wrong with the bank beyond what the schema checks: one line per problem."""
    questions = bank() if questions is None else questions
    found = []
    for q in questions.values():
        prefix = q.question_id.split(".")[0]
        if not q.notebook.startswith(prefix + "_"):
            found.append(f"{q.question_id}: the id's prefix does not match its notebook {q.notebook}")
        if q.kind == "choice":
            if len(q.options) < 2 or sum(o.correct for o in q.options) != 1:
                found.append(f"{q.question_id}: a choice needs two or more options and exactly one correct_option")
            found += [f"{q.question_id}: option {o.key} has no feedback" for o in q.options if not o.feedback]
        if q.kind in ("choice", "number") and not (q.hint and q.explanation):
            found.append(f"{q.question_id}: a {q.kind} question needs a hint and an explanation")
        if q.kind == "number" and (q.answer is None) == (not q.answer_from):
            found.append(f"{q.question_id}: give exactly one of answer and answer_from")
        if q.kind == "prediction" and ((q.minimum is None or q.maximum is None) and not q.items
                                       or not q.answer_from):
            found.append(f"{q.question_id}: a prediction needs answer_from and either minimum and maximum "
                         "(a number) or items (administration ids to pick from)")
        if q.kind == "prediction" and q.items:
            known = set(data.load("administrations")["administration_id"].astype(str))
            found += [f"{q.question_id}: {i!r} is not an administration_id of administrations.csv"
                      for i in q.items if i not in known]
        if q.kind == "decision":
            if len(q.options) < 2 or q.correct_option is not None:
                found.append(f"{q.question_id}: a decision needs two or more options and no correct_option")
            found += [f"{q.question_id}: option {o.key} has no feedback" for o in q.options if not o.feedback]
        if q.kind == "coding" and not q.items:
            found.append(f"{q.question_id}: a coding question needs items (event ids)")
        if q.kind == "coding" and q.options:  # sorted into the options: each item needs our code and reason
            ours = our_sorting(q)
            found += [f"{q.question_id}: item {i} has no row in data/item_codings.csv" for i in q.items
                      if i not in set(ours.loc[ours["code"] != "", "item_id"])]
            found += [f"{q.question_id}: our code for {r.item_id} is not one of its options" for r in ours.itertuples()
                      if r.code and q.option(r.code) is None]
    return found


# What a sorting question sorts, and how we sorted it ---------------------------------------

ITEM_TABLES = {"CE": ("context_events", "context_id", "short_label"), "TI": ("ties", "tie_id", "partner")}


def our_sorting(q: Question):
    """The items of a sorting question (coding with options), in its order: when, label, text, our code, reason."""
    import pandas as pd

    from .charts import format_date

    codings = data.load("item_codings")
    codings = codings[codings["question_id"] == q.question_id].set_index("item_id")
    rows = []
    for item in q.items:
        table, key, label = ITEM_TABLES[item[:2]]
        found = data.load(table)
        row = found[found[key] == item].iloc[0]
        rows.append({"item_id": item, "when": format_date(row["date"], str(row["date_precision"])),
                     "label": str(row[label]), "text": str(row["summary"]),
                     "code": str(codings.loc[item, "code"]) if item in codings.index else "",
                     "reason": str(codings.loc[item, "reason"]) if item in codings.index else ""})
    return pd.DataFrame(rows, columns=["item_id", "when", "label", "text", "code", "reason"])


# Checking an answer ---------------------------------------------------------------------


def check_choice(q: Question, chosen: str | None) -> Feedback:
    """Feedback for a chosen option key: why it is wrong, or why the right one is right."""
    option = q.option(chosen) if chosen else None
    if option is None:
        return Feedback(False, "Choose an answer first.")
    if option.correct:
        return Feedback(True, f"Right. {option.feedback} {q.explanation}".strip())
    return Feedback(False, f"Not this one. {option.feedback}".strip())


def check_number(value: float | None, correct: float, tolerance: float = 0) -> Feedback:
    """Feedback for a numeric answer: right within the tolerance, or too high or too low."""
    if value is None:
        return Feedback(False, "Type the answer as a number in digits (for example 12).")
    if abs(value - correct) <= tolerance:
        return Feedback(True, f"Right: {correct:g}.")
    direction = "too high" if value > correct else "too low"
    return Feedback(False, f"{value:g} is {direction}. Try again, or open the hint.")


def parse_number(text) -> float | None:
    """A number typed by a student ('1,5' and ' 12 ' included), or None."""
    try:
        number = float(str(text).strip().replace(",", "."))
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


@dataclass(frozen=True)
class Figure:
    """One published or computed figure for a disputed number, with what it counts."""

    value: float
    who: str
    counts: str
    source: str = ""


def range_feedback(guess: float, figures: list[Figure]) -> str:
    """Where a guess falls among several defensible figures, in words: no single 'right' number."""
    low = min(figures, key=lambda f: f.value)
    high = max(figures, key=lambda f: f.value)
    span = f"The figures run from {low.value:g} ({low.who}) to {high.value:g} ({high.who})."
    if guess < low.value:
        where = f"Your guess, {guess:g}, is {low.value - guess:g} below the lowest."
    elif guess > high.value:
        where = f"Your guess, {guess:g}, is {guess - high.value:g} above the highest."
    else:
        where = f"Your guess, {guess:g}, is inside that range."
    return f"{where} {span}"
