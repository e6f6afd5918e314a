"""Every notebook run in real JupyterLab, every widget used as a student would, in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import jupyter
from tests.conftest import REPO

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
# Widget views each notebook shows once every cell has run (a change here is a change the
# test must notice: a missing front-end extension shows zero).
EXPECTED_WIDGETS = {"00_start_here.ipynb": 0, "03_serbia_kosovo.ipynb": 6}


def test_every_notebook_is_listed():
    assert set(EXPECTED_WIDGETS) == set(NOTEBOOKS), "add the new notebook's widget count to EXPECTED_WIDGETS"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_run_all_without_errors_and_widgets_render(page, lab, notebook, screenshot_dir):
    jupyter.open_notebook(page, lab, notebook)
    # No kernel-choice dialog: the notebook names its kernel.
    assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").inner_text()
    jupyter.run_all(page)
    expected = EXPECTED_WIDGETS[notebook]
    if expected:  # widget views render asynchronously after the kernel is idle
        page.wait_for_function("n => document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length >= n",
                               arg=expected, timeout=60_000)
    assert page.locator(".jp-OutputArea-output > .jupyter-widgets").count() == expected
    assert jupyter.output_problems(page) == []
    # No news pop-up or other notification asking for attention in front of a class.
    assert page.locator(".jp-Notification-Toast").count() == 0
    page.screenshot(path=str(screenshot_dir / f"{notebook}.after-run-all.png"))


def _explorer(page, label: str = "Count recognitions by"):
    """The outermost widget box holding a dropdown with this label."""
    return page.locator(".jp-OutputArea-output > .widget-vbox").filter(
        has=page.locator(".widget-dropdown .widget-label", has_text=label)).first


def _exercise(page, prompt: str):
    return page.locator(".jp-OutputArea-output .widget-vbox").filter(has_text=prompt).last


def test_kosovo_notebook_widgets_answer_a_student(page, lab, screenshot_dir):
    jupyter.open_notebook(page, lab, "03_serbia_kosovo.ipynb")
    jupyter.run_all(page)
    shots = screenshot_dir / "03_serbia_kosovo"
    shots.mkdir(exist_ok=True)

    # Recognition explorer: year slider by keyboard, group dropdown, withdrawals toggle.
    explorer = _explorer(page)
    explorer.scroll_into_view_if_needed()
    timeline, world = explorer.locator("img").nth(0), explorer.locator("img").nth(1)
    summary = explorer.locator('[role="status"]').first
    slider = jupyter.by_label(explorer, "Up to the end of", "widget-hslider")
    before = (timeline.get_attribute("src"), world.get_attribute("src"), summary.inner_text())
    assert "by the end of 2026" in before[2]
    handle = slider.locator(".noUi-handle")
    handle.focus()
    page.keyboard.press("ArrowLeft")
    expect(summary).to_contain_text("by the end of 2025")
    expect(slider.locator(".widget-readout")).to_have_text("2025")
    expect(world).not_to_have_attribute("src", before[1])
    expect(timeline).not_to_have_attribute("src", before[0])
    handle.focus()
    page.keyboard.press("Home")  # back to 2008
    expect(summary).to_contain_text("by the end of 2008")
    explorer.screenshot(path=str(shots / "explorer-2008.png"))
    handle.focus()
    page.keyboard.press("End")
    expect(summary).to_contain_text("by the end of 2026")

    jupyter.by_label(explorer, "Count recognitions by", "widget-dropdown").locator("select").select_option(
        label="EU member states")
    expect(summary).to_contain_text("of the 27 EU member states")

    explorer.locator("button", has_text="Leave out withdrawals Serbia claims").click()
    expect(summary).to_contain_text("leaving out claimed withdrawals")
    explorer.screenshot(path=str(shots / "explorer-eu-leaving-out.png"))

    # US actions explorer: two dropdowns and a toggle.
    actions = _explorer(page, "Administration")
    actions.scroll_into_view_if_needed()
    status = actions.locator('[role="status"]').first
    chart = actions.locator("img").first
    before = chart.get_attribute("src")
    expect(status).to_contain_text("US actions on the Western Balkans, tagged C3")
    jupyter.by_label(actions, "Country", "widget-dropdown").locator("select").select_option(label="Kosovo")
    expect(status).to_contain_text("US actions on Kosovo, tagged C3")
    expect(chart).not_to_have_attribute("src", before)
    jupyter.by_label(actions, "Administration", "widget-dropdown").locator("select").select_option(label="Donald Trump (trump1)")
    actions.locator("button", has_text="Only departures and mixed signals").click()
    expect(status).to_contain_text("0 continue the previous line")
    expect(actions.locator("table")).to_contain_text("Grenell")
    actions.screenshot(path=str(shots / "actions-kosovo-trump1-changes.png"))

    # Predict, then reveal: the answer appears only after the guess is locked.
    predict = _exercise(page, "How many of the 193 UN member states have recognised Kosovo?")
    reveal = predict.locator(".widget-html").last
    expect(reveal).to_contain_text("The answer appears here once you lock in a guess.")
    predict.locator(".noUi-handle").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(predict.locator(".widget-readout")).to_have_text("63")
    predict.locator("button", has_text="Lock in my guess").click()
    expect(reveal).to_have_text(re.compile(r"Answer: \d+\. Your guess was \d+ too low"))
    assert predict.locator("button", has_text="Lock in my guess").is_disabled()

    # Numeric answer: typed text, wrong then right.
    numeric = _exercise(page, "How many EU member states have not recognised Kosovo?")
    feedback = numeric.locator('[role="status"]')
    numeric.locator("input[type=text]").fill("2")
    numeric.locator("button", has_text="Check my answer").click()
    expect(feedback).to_contain_text("too low")
    numeric.locator("input[type=text]").fill("5")
    numeric.locator("button", has_text="Check my answer").click()
    expect(feedback).to_contain_text("Correct: 5")
    numeric.locator("button", has_text="Show a hint").click()
    expect(numeric).to_contain_text("Hint:")

    # Multiple choice: a wrong option, then the right one.
    choice = _exercise(page, "Which finding would most weaken claim C3?")
    choice.locator("label", has_text="Russia and China still do not recognise Kosovo.").click()
    choice.locator("button", has_text="Check my answer").click()
    expect(choice.locator('[role="status"]')).to_contain_text("Not quite")
    choice.locator("label", has_text="would accept a change of the Serbia-Kosovo border").click()
    choice.locator("button", has_text="Check my answer").click()
    expect(choice.locator('[role="status"]')).to_contain_text("Correct.")

    # The student's rating: keyboard on the slider, a typed reason, saved.
    rating = _exercise(page, "Claim C3:")
    rating.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    expect(rating.locator(".widget-readout")).to_contain_text("4: mostly supports")
    rating.locator("textarea").fill("Recognition held under every administration; mediation varied.")
    rating.locator("button", has_text="Save my rating").click()
    expect(rating.locator('[role="status"]')).to_contain_text("Saved: 4/5 for C3")
    rating.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "exercises-after-answers.png"))
    journal = (lab.notebooks.parent / "journal.json").read_text()
    assert '"c3-un-recognitions"' in journal and '"C3"' in journal and "mediation varied" in journal
