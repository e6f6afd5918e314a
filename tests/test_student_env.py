"""The student environment (binder/requirements.txt) cannot drift from what the tests use.

It lists the collection's dependencies and nbgitpuller, every one pinned to the version in
constraints.txt, and none of the test tools. `make hub-env` installs it for the hub test;
if that environment is here, it is checked too.
"""

from __future__ import annotations

import os
import stat
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import student_requirements  # noqa: E402

REQUIREMENTS = REPO / "binder" / "requirements.txt"
STUDENT_ENV = REPO / ".venv" / "hub" / "student"
TEST_TOOLS = {"pytest", "nbval", "pytest-xdist", "pytest-socket", "playwright", "axe-playwright-python",
              "hypothesis", "jupyterhub", "coverage"}


def pinned(path: Path) -> dict[str, str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return {canonicalize_name(Requirement(line).name): line for line in lines
            if line and not line.startswith("#") and line != "."}


def test_requirements_file_is_generated_from_pyproject_and_constraints():
    assert REQUIREMENTS.read_text(encoding="utf-8") == student_requirements.render(), (
        "binder/requirements.txt is out of date: run `.venv/bin/python tools/student_requirements.py`")


def test_every_pin_is_the_tested_version():
    constraints = student_requirements.constraints()
    for name, line in pinned(REQUIREMENTS).items():
        assert constraints.get(name) == line, f"{line} is not the version in constraints.txt"
        assert metadata.version(name) == line.split("==")[1], f"{name}: the tests ran another version"


def test_no_test_tools_and_the_hub_tools_are_there():
    names = set(pinned(REQUIREMENTS))
    test_extra = {canonicalize_name(Requirement(r).name) for r in metadata.requires("balkans-claims")
                  if "extra == \"test\"" in r}
    # nbformat and nbclient are in the test extra, but JupyterLab and Voila need them anyway.
    assert names & (test_extra | TEST_TOOLS) == {"nbformat", "nbclient"}
    assert {"nbgitpuller", "voila", "ipykernel", "jupyterlab", "anywidget"} <= names
    assert REQUIREMENTS.read_text(encoding="utf-8").splitlines()[-1] == ".", "the last line installs the collection"


def test_post_build_is_executable():
    mode = (REPO / "binder" / "postBuild").stat().st_mode
    assert mode & stat.S_IXUSR


@pytest.mark.skipif(not STUDENT_ENV.exists(), reason="the student environment is not built (`make hub-env`)")
def test_the_built_student_environment_has_no_test_tools():
    site = next((STUDENT_ENV / "lib").glob("python3*/site-packages"))
    installed = {canonicalize_name(d.metadata["Name"]) for d in metadata.distributions(path=[str(site)])}
    assert installed & (TEST_TOOLS - {"jupyterhub"}) == set()
    assert {"balkans-claims", "nbgitpuller", "voila", "jupyterhub"} <= installed
    assert os.path.exists(STUDENT_ENV / "etc" / "ipython" / "ipython_kernel_config.py")  # binder/postBuild ran
