"""Fixtures for the real-browser tests: JupyterLab in Chromium, on a copy of notebooks/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import jupyter
from tests.browser.jupyter import SCREENSHOTS


def pytest_collection_modifyitems(config, items):
    reason = jupyter.why_no_browser()
    if reason:
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    with jupyter.running_lab(tmp_path_factory.mktemp("lab")) as running:
        yield running


@pytest.fixture(scope="session", autouse=True)
def patient_expectations():
    # A first visit to a year draws two charts in the kernel (~1.5 s here); a slow school
    # machine or CI runner may need several times that before the page shows the result.
    try:
        from playwright.sync_api import expect
    except ImportError:  # the tests skip with a message; nothing to configure
        return
    expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def browser():
    with jupyter.chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)  # only this run's pictures
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS
