"""The committed notebooks: clean, complete, and built on the same skeleton."""

import json
from pathlib import Path

import pytest

from helpers import data
from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
ALLOWED_METADATA = {"kernelspec", "language_info", "balkans"}
ALLOWED_TAGS = {"nbval-ignore-output", "nbval-skip"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"00_start_here.ipynb", "03_serbia_kosovo.ipynb"}


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_follows_the_lesson_skeleton(path):
    text = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    for heading in ("## Overview", "## Prerequisites", "## Time to learn", "## What's next"):
        assert heading in text, f"{path.name} lacks {heading!r}"
    if path.name != "00_start_here.ipynb":
        for heading in ("## Summary", "## Sources", "Discussion questions", "Check your understanding",
                        "evidence against", "Predict, then reveal", "Interactive demo"):
            assert heading in text, f"{path.name} lacks {heading!r}"


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
    for path in NOTEBOOKS:
        assert set(load(path)["metadata"]["balkans"]["claims"]) <= known
    for notebook in claims["notebook"].dropna():
        assert (REPO / "notebooks" / notebook).exists(), f"claims.csv names a missing notebook {notebook}"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name != "00_start_here.ipynb"], ids=lambda p: p.name)
def test_claim_notebooks_pin_numbers_predict_and_rate(path):
    code = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "code")
    assert "# NBVAL_CHECK_OUTPUT" in code
    assert "PredictThenReveal(" in code and "ClaimRating(" in code
    assert "data.sources_markdown(" in code, "the Sources section must be generated from sources.csv"
