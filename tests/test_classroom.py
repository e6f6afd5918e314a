"""The classroom kit: guides and worksheets generated from the notebooks, the bank and the notes."""

import dataclasses

import pytest

from helpers import classroom, coverage, questions, reveals, verdict
from tests.conftest import REPO

LESSONS = classroom.lessons()
NB03 = REPO / "notebooks" / "03_serbia_kosovo.ipynb"


def test_every_committed_guide_and_worksheet_is_generated():
    assert classroom.problems() == []
    for path, text in classroom.expected_files().items():
        assert path.exists() and path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(REPO)} is out of date: run `.venv/bin/python tools/build_classroom.py`")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_worksheet_shows_the_notebooks_questions_in_order_with_the_banks_prompts(path):
    bank = questions.bank()
    text = (REPO / "docs" / "worksheets" / f"{path.stem}.md").read_text(encoding="utf-8")
    ids = classroom.asked(path)
    assert classroom.worksheet_ids(text) == ids
    for qid in ids:
        assert bank[qid].prompt in text.split(f"<!-- question: {qid} -->")[1]
    for n, discussion in enumerate(classroom.discussion_questions(path), start=1):
        assert f"{n}. {classroom.unlinked(discussion)}" in text


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_worksheet_gives_an_answer_away(path):
    text = (REPO / "docs" / "worksheets" / f"{path.stem}.md").read_text(encoding="utf-8")
    assert classroom.worksheet_leaks(text, classroom.asked(path)) == []


def test_worksheets_never_ask_for_a_computed_answer(monkeypatch):
    def refuse(key):
        raise AssertionError(f"a worksheet asked for the answer {key}")

    monkeypatch.setattr(reveals, "answer", refuse)
    for path in LESSONS:
        classroom.worksheet(path)


def test_a_changed_prompt_in_the_bank_changes_the_worksheet():
    bank = questions.bank()
    changed = dict(bank, **{"03.what-counts": dataclasses.replace(bank["03.what-counts"], prompt="A new prompt?")})
    before, after = classroom.worksheet(NB03, bank), classroom.worksheet(NB03, changed)
    assert "A new prompt?" in after and "A new prompt?" not in before
    assert bank["03.what-counts"].prompt not in after


def test_leaks_are_found():
    bank = questions.bank()
    q = bank["03.what-counts"]
    sheet = classroom.worksheet(NB03, bank)
    assert classroom.worksheet_leaks(sheet + q.option("a").feedback, ["03.what-counts"]) != []
    assert classroom.worksheet_leaks(sheet + q.hint, ["03.what-counts"]) != []
    guide = classroom.guide(NB03, classroom.NOTES / "03_serbia_kosovo.md", bank)
    assert classroom.worksheet_leaks(guide, classroom.asked(NB03))  # a guide is full of answers


def test_the_key_of_a_choice_question_names_its_correct_option_and_every_feedback():
    q = questions.question("03.what-counts")
    key = "\n".join(classroom.key_entry(q))
    right = q.correct_option
    assert f"**Correct: ({right.key}) {right.text.rstrip('.')}.**" in key
    assert all(o.feedback in key for o in q.options) and q.hint in key and q.explanation in key
    moved = dataclasses.replace(q, options=tuple(dataclasses.replace(o, correct=o.key == "a") for o in q.options))
    assert "**Correct: (a)" in "\n".join(classroom.key_entry(moved))


def test_a_number_questions_key_uses_the_computed_answer(monkeypatch):
    q = questions.question("03.eu-holdouts")
    assert q.answer_from
    monkeypatch.setitem(reveals.ANSWERS, q.answer_from, lambda: 42)
    assert "**Answer: 42**" in "\n".join(classroom.key_entry(q))


def test_the_key_gives_our_coding_and_our_sorting_with_reasons():
    coding = "\n".join(classroom.key_entry(questions.question("03.code-actions")))
    assert coding.count("   - Substance: **") == 6 and coding.count("   - Tone: **") == 6
    sorting_q = questions.question("05.code-holds")
    sorting = "\n".join(classroom.key_entry(sorting_q))
    ours = questions.our_sorting(sorting_q)
    assert sorting.count("   - Ours: **(") == len(ours) == len(sorting_q.items)


def test_notes_must_cover_every_think_prompt_and_discussion_question(tmp_path):
    notes = tmp_path / "03.md"
    text = (classroom.NOTES / "03_serbia_kosovo.md").read_text(encoding="utf-8")
    notes.write_text(text.replace("### 03.think-curve", "### 03.think-nothing"), encoding="utf-8")
    found = classroom.notes_problems(NB03, notes)
    assert any("03.think-curve" in p for p in found) and any("03.think-nothing" in p for p in found)
    notes.write_text(text.replace("### 4\n", ""), encoding="utf-8")
    assert any("discussion notes" in p for p in classroom.notes_problems(NB03, notes))


def test_plans_must_run_on_and_fill_the_lesson():
    assert classroom.plan_problems("| 0-5 | a |\n| 5-45 | b |", 45) == []
    assert classroom.plan_problems("| 0-5 | a |\n| 10-45 | b |", 45) == ["the 45-minute plan jumps from minute 5 to 10"]
    assert classroom.plan_problems("| 0-5 | a |\n| 5-40 | b |", 45) == ["the 45-minute plan ends at minute 40, not 45"]


def test_asked_reads_questions_opened_after_another():
    ids = classroom.asked(NB03)
    assert ids[:2] == ["03.un-recognitions", "03.think-counts"]  # the second is inside exercises.after(...)
    assert "03.source-check" in ids


def test_the_verdict_worksheet_has_the_weights_table_on_paper_with_every_part_and_the_notebooks_bands():
    sheet = classroom.worksheet(REPO / "notebooks" / "09_the_verdict.ipynb")
    table = [line for line in sheet.splitlines() if line.startswith("| ") and line.endswith("| | | | | | |")]
    assert [line.split(" | ")[0][2:] for line in table] == list(verdict.short_labels().values())
    assert all(band in sheet for band in verdict.BANDS)
    # It sits in section 5 (the verdict), before the Think! prompt on weights.
    assert sheet.index("## 5.") < sheet.index("Your verdict on paper") < sheet.index("09.think-weights")


def test_the_verdict_worksheet_carries_the_record_coverage_that_question_5_asks_about():
    from pathlib import Path

    sheet = classroom.worksheet(Path(__file__).resolve().parent.parent / "notebooks" / "09_the_verdict.ipynb")
    assert coverage.markdown() in sheet and coverage.latest_markdown() in sheet
    assert sheet.index("How complete is our record?") < sheet.index("Your verdict on paper")
    assert "goes to the band nearer 0" in sheet
