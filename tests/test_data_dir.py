"""Which data/ a kernel reads: the student's own copy, found from the notebook's folder.

On JupyterHub the helpers are installed once in the image, and each student pulls a copy of
the collection into their home with nbgitpuller. A kernel runs in the notebook's folder, so
the helpers look there and above it for this collection's data/ before their own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import data
from tests.conftest import DATA, REPO

PACKAGE_DATA = REPO / "data"


@pytest.fixture
def pulled_copy(tmp_path, monkeypatch) -> Path:
    """A student's copy: data/ and an empty notebooks/ folder, as nbgitpuller leaves it."""
    monkeypatch.delenv("BALKANS_DATA_DIR", raising=False)
    copy = tmp_path / "home" / "balkans-claims"
    shutil.copytree(DATA, copy / "data", ignore=shutil.ignore_patterns("verification"))
    (copy / "notebooks").mkdir()
    return copy


def test_a_kernel_in_the_notebooks_folder_reads_the_copys_data(pulled_copy, monkeypatch):
    monkeypatch.chdir(pulled_copy / "notebooks")
    assert data.find_data_dir() == (pulled_copy / "data").resolve()


def test_any_folder_inside_the_copy_finds_it(pulled_copy):
    deep = pulled_copy / "notebooks" / "my work" / "week 1"
    deep.mkdir(parents=True)
    assert data.find_data_dir(deep) == (pulled_copy / "data").resolve()
    assert data.find_data_dir(pulled_copy) == (pulled_copy / "data").resolve()


def test_the_environment_variable_wins(pulled_copy, tmp_path, monkeypatch):
    elsewhere = tmp_path / "teacher-data"
    monkeypatch.setenv("BALKANS_DATA_DIR", str(elsewhere))
    assert data.find_data_dir(pulled_copy / "notebooks") == elsewhere


def test_outside_any_copy_the_packages_own_data(tmp_path, monkeypatch):
    monkeypatch.delenv("BALKANS_DATA_DIR", raising=False)
    assert data.find_data_dir(tmp_path) == PACKAGE_DATA


def test_another_projects_data_package_is_not_taken(tmp_path, monkeypatch):
    monkeypatch.delenv("BALKANS_DATA_DIR", raising=False)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datapackage.json").write_text(json.dumps({"name": "weather-stations", "resources": []}))
    (tmp_path / "notebooks").mkdir()
    assert data.find_data_dir(tmp_path / "notebooks") == PACKAGE_DATA


def test_a_data_folder_without_a_schema_file_is_not_taken(tmp_path, monkeypatch):
    monkeypatch.delenv("BALKANS_DATA_DIR", raising=False)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sources.csv").write_text("source_id\n")
    assert data.find_data_dir(tmp_path) == PACKAGE_DATA


def test_a_copy_whose_schema_file_the_student_broke_is_still_theirs(pulled_copy):
    # The student must see the error in their own file, not silently get the image's tables.
    descriptor = pulled_copy / "data" / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8")[:5000], encoding="utf-8")  # cut short
    found = data.find_data_dir(pulled_copy / "notebooks")
    assert found == (pulled_copy / "data").resolve()
    with pytest.raises(data.DataError, match="datapackage.json, line"):
        data.dataset_names(found)
    data.clear_cache()


def test_the_nearest_copy_wins(pulled_copy):
    # A copy inside a folder that is itself a copy (a teacher's checkout holding a student's hand-in).
    inner = pulled_copy / "hand-ins" / "student-1"
    shutil.copytree(pulled_copy / "data", inner / "data")
    (inner / "notebooks").mkdir()
    assert data.find_data_dir(inner / "notebooks") == (inner / "data").resolve()


def test_a_kernel_started_in_a_copy_loads_that_copys_tables(pulled_copy):
    """End to end, as on a hub: a fresh Python in the copy's notebooks folder, nothing set."""
    sources = pulled_copy / "data" / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    sources.write_text("".join(lines[:-1]), encoding="utf-8")  # the student's copy has one source fewer
    env = {k: v for k, v in os.environ.items() if k != "BALKANS_DATA_DIR"}
    env["PYTHONPATH"] = str(REPO)
    code = ("from helpers import data; print(data.DATA_DIR); "
            "print(len(data.load('sources')))")
    answer = subprocess.run([sys.executable, "-c", code], cwd=pulled_copy / "notebooks", env=env,
                            capture_output=True, text=True, timeout=120)
    assert answer.returncode == 0, answer.stderr
    folder, rows = answer.stdout.split()
    assert Path(folder) == (pulled_copy / "data").resolve()
    assert int(rows) == len(data.load("sources", PACKAGE_DATA)) - 1
