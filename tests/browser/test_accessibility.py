"""Accessibility in Chromium with axe-core: every notebook in JupyterLab after Run All, and the print versions.

What is checked and how is in tests/browser/accessibility.py. In JupyterLab axe sees the
notebook's content only (rendered Markdown and every cell's output), not JupyterLab's own
chrome. Serious and critical findings fail; the rest are listed in docs/teacher/accessibility.md
by tools/accessibility_report.py (this test writes nothing into the repository).
"""

from __future__ import annotations

import pytest

from tests.browser import accessibility
from tests.browser.test_in_jupyterlab import NOTEBOOKS, forget_answers
from tests.conftest import REPO

pytestmark = pytest.mark.browser

PRINT_DIR = REPO / "build" / "print"
PRINTED = sorted(p.name for p in PRINT_DIR.glob("*.html"))


def _report(findings) -> str:
    return "serious or critical accessibility findings:\n" + "\n".join(map(str, findings))


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_content_has_no_serious_finding(browser, lab, notebook):
    # Its own page: the window is made as tall as the notebook, which other tests should not inherit.
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    try:
        page = context.new_page()
        forget_answers(lab)
        assert accessibility.run_fresh(page, lab, notebook) == []
        found = accessibility.failing(accessibility.notebook_findings(page))
        assert found == [], _report(found)
    finally:
        context.close()


@pytest.mark.parametrize("name", PRINTED or [None])
def test_print_version_has_no_serious_finding(page, name):
    if name is None:
        pytest.skip(f"no print versions to check: {PRINT_DIR.relative_to(REPO)}/*.html does not exist "
                    "(`make print` builds them)")
    found = accessibility.failing(accessibility.html_file_findings(page, PRINT_DIR / name))
    assert found == [], _report(found)


def test_the_checks_catch_what_they_are_for(page, tmp_path):
    # A page with one of each problem: the checks must see them all (else a pass would mean nothing).
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><head><title>Bad</title></head><body><main>'
        '<h1>Title</h1><h3>Skips a level</h3>'
        '<p style="color:#aaa;background:#fff">Pale text</p>'
        '<input type="text">'
        '<div class="balkans-vega"><div role="img" aria-label=""><svg width="100" height="50">'
        '<g class="mark-rect role-mark"><path fill="#d55e00" d="M0,0h10v10h-10z"/>'
        '<path fill="#0072b2" d="M20,0h10v10h-10z"/></g></svg></div></div>'
        '<p style="font-size:9px">Tiny</p>'
        '</main></body></html>', encoding="utf-8")
    rules = {finding.rule for finding in accessibility.html_file_findings(page, bad)}
    assert {"heading-order", "color-contrast", "label", "chart-text-alternative", "chart-colour-alone",
            "small-text"} <= rules, rules
