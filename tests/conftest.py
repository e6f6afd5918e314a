"""Shared fixtures. Runs before any test and before nbval starts a kernel."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"

# Tests (and the notebook kernels nbval starts, which inherit this environment) never
# touch a real student's journal.
os.environ["BALKANS_JOURNAL"] = str(Path(tempfile.mkdtemp(prefix="balkans-journal-")) / "journal.json")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    from helpers import data

    data.clear_cache()
    yield target
    data.clear_cache()


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as stream:
        return list(csv.reader(stream))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream, lineterminator="\n").writerows(rows)


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Change one cell, as a teacher editing the CSV in a spreadsheet would (line 1 = header)."""
    rows = read_rows(path)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(path, rows)


@pytest.fixture
def journal_file(tmp_path) -> Path:
    return tmp_path / "journal" / "journal.json"


@pytest.fixture(autouse=True)
def fresh_session_notices():
    """Journal notices are per kernel session; each test is a session of its own."""
    from helpers import journal

    journal.SESSION_NOTICES.clear()
    yield
    journal.SESSION_NOTICES.clear()
