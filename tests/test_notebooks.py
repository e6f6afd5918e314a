"""The committed notebooks: clean, complete, and built on the same skeleton."""

import json
import re
from pathlib import Path

import pytest

from helpers import data, glossary, questions
from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if re.match(r"\d{2}_", p.name)]
CLAIM_LESSONS = [p for p in LESSONS if p.name != "00_start_here.ipynb"]
ALLOWED_METADATA = {"kernelspec", "language_info", "balkans"}
ALLOWED_TAGS = {"nbval-ignore-output", "nbval-skip"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"00_start_here.ipynb", "03_serbia_kosovo.ipynb", "glossary.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_or_stray_metadata(path):
    notebook = load(path)
    assert set(notebook["metadata"]) <= ALLOWED_METADATA, f"stray notebook metadata: {set(notebook['metadata']) - ALLOWED_METADATA}"
    for number, cell in enumerate(notebook["cells"], start=1):
        assert set(cell.get("metadata", {})) <= {"tags"}, f"cell {number}: stray metadata {cell['metadata']}"
        assert set(cell.get("metadata", {}).get("tags", [])) <= ALLOWED_TAGS, f"cell {number}: unknown tag"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"cell {number} has outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_names_its_kernel(path):
    # Without a kernelspec JupyterLab asks which kernel to use: a dialog in front of a class.
    kernelspec = load(path)["metadata"]["kernelspec"]
    assert kernelspec["name"] == "python3" and kernelspec["language"] == "python"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_follows_the_lesson_skeleton(path):
    text = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    for heading in ("## Overview", "## Prerequisites", "## Time to learn", "## What's next"):
        assert heading in text, f"{path.name} lacks {heading!r}"
    if path in CLAIM_LESSONS:
        for heading in ("## Summary", "## Sources", "Discussion questions", "Check your understanding",
                        "## 6. The strongest evidence for the claim", "The strongest evidence against the claim",
                        "Predict, then reveal", "Interactive demo", "When the essay was written"):
            assert heading in text, f"{path.name} lacks {heading!r}"


@pytest.mark.parametrize("path", CLAIM_LESSONS, ids=lambda p: p.name)
def test_strongest_evidence_for_and_against_are_of_similar_weight(path):
    cells = load(path)["cells"]
    text = "\n".join(source(c) for c in cells)
    sections = re.split(r"\n## ", text)
    points = data.load("evidence_points")
    points = points[points["notebook"] == path.name]
    weight = {}
    for side in ("for", "against"):
        section = next(s for s in sections if re.search(rf"strongest evidence {side} the claim", s.split("\n")[0]))
        said = points[points["side"] == side]
        assert not said.empty, f"{path.name}: no evidence points {side} the claim in data/evidence_points.csv"
        assert f'tables.evidence_points("{path.name}", "{side}")' in section, "the points are shown in their section"
        weight[side] = len(section.split()) + sum(len(f"{p.lead} {p.text}".split()) for p in said.itertuples())
    assert 0.5 <= weight["for"] / weight["against"] <= 2, weight


def test_evidence_points_link_only_to_glossary_terms_that_exist():
    text = "\n".join(data.load("evidence_points")["text"])
    assert glossary.broken_links(text) == []


VERDICTS = re.compile(r"^#+ .*\b(proves?|shows that|is wrong|is right|can become|still open)\b", re.I | re.M)


@pytest.mark.parametrize("path", CLAIM_LESSONS, ids=lambda p: p.name)
def test_headings_ask_and_do_not_rule(path):
    text = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    assert VERDICTS.findall(text) == []


ANSWER_IN_CODE = re.compile(r"\b(correct|answer|explanation|hint)\s*=|PredictThenReveal\(|MultipleChoice\(|NumericAnswer\(")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_answer_is_written_in_notebook_code(path):
    code = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    assert ANSWER_IN_CODE.findall(code) == [], "questions belong in data/questions.csv; cells only name them"
    asked = re.findall(r"exercises\.(?:ask|after)\(\"([^\"]+)\"", code)
    bank = questions.bank()
    assert all(q in bank for q in asked), [q for q in asked if q not in bank]
    prefix = path.name[:2] + "."
    assert all(q.startswith(prefix) for q in asked), "a notebook asks only its own questions"


def test_every_question_of_the_bank_is_asked_by_its_notebook():
    for q in questions.bank().values():
        notebook = REPO / "notebooks" / q.notebook
        assert notebook.exists(), f"{q.question_id}: no notebook {q.notebook}"
        code = "\n".join(source(c) for c in load(notebook)["cells"] if c["cell_type"] == "code")
        assert f'exercises.ask("{q.question_id}")' in code, f"{q.question_id} is never asked"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_glossary_links_resolve(path):
    assert glossary.broken_links(path.read_text(encoding="utf-8")) == []


def test_glossary_notebook_is_generated_from_the_table():
    committed = (REPO / "notebooks" / "glossary.ipynb").read_text(encoding="utf-8")
    assert committed == glossary.render(), "run `.venv/bin/python -m helpers.glossary` after editing data/glossary.csv"
    assert glossary.broken_links("[x](glossary.ipynb#no-such-term)") == ["no-such-term"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_stay_thin(path):
    for number, cell in enumerate(load(path)["cells"], start=1):
        if cell["cell_type"] == "code":
            lines = [line for line in source(cell).splitlines() if line.strip()]
            assert len(lines) <= 16, f"{path.name} cell {number}: move logic into helpers/"
            assert "def " not in source(cell) and "import pandas" not in source(cell)


def test_claim_notebooks_tie_back_to_claims_csv():
    claims = data.load("claims")
    known = set(claims["claim_id"])
    for path in LESSONS:
        assert set(load(path)["metadata"]["balkans"]["claims"]) <= known
    for notebook in claims["notebook"].dropna():
        assert (REPO / "notebooks" / notebook).exists(), f"claims.csv names a missing notebook {notebook}"


@pytest.mark.parametrize("path", CLAIM_LESSONS, ids=lambda p: p.name)
def test_claim_notebooks_predict_code_and_rate(path):
    code = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    kinds = {questions.question(q).kind for q in re.findall(r'exercises\.ask\("([^"]+)"\)', code)}
    assert {"prediction", "reflection", "choice"} <= kinds
    assert kinds & {"coding", "marking"}, "the student codes or marks evidence before seeing ours"
    assert "exercises.rate(" in code
    assert "tables.sources_list(" in code or "data.sources_markdown(" in code, \
        "the Sources section must be generated from sources.csv"


def test_a_broken_data_file_shows_one_plain_line_in_a_notebook(data_copy, monkeypatch):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from tests.conftest import set_cell

    set_cell(data_copy / "policy_events.csv", 4, "date", "2020-13-45")
    monkeypatch.setenv("BALKANS_DATA_DIR", str(data_copy))
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from helpers import analysis\nanalysis.filter_events()"),
        nbformat.v4.new_code_cell("print('the next cell')")])
    with pytest.raises(CellExecutionError):  # Run All stops at the broken table, as it should
        NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    outputs = notebook.cells[0].outputs
    assert [o["output_type"] for o in outputs] == ["stream"] and outputs[0]["name"] == "stderr"
    assert outputs[0]["text"].startswith(
        "A data file could not be read. data/policy_events.csv, line 4, column 'date': expected a real date")
    assert "Traceback" not in outputs[0]["text"] and notebook.cells[1].outputs == []


def test_a_cell_run_before_the_setup_cell_says_what_to_do():
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('exercises.ask("03.what-counts")')])
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True).execute()
    outputs = notebook.cells[0].outputs
    assert [(o["output_type"], o.get("name")) for o in outputs] == [("stream", "stderr")]
    assert outputs[0]["text"].startswith("name 'exercises' is not defined. This cell uses something an earlier cell")
    assert "Run All Above" in outputs[0]["text"] and "Traceback" not in outputs[0]["text"]
