"""Every notebook run in real JupyterLab, every widget used as a student would, in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import jupyter
from tests.conftest import REPO

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
# Widget views each notebook shows once every cell has run (a change here is a change the
# test must notice: a missing front-end extension shows zero).
EXPECTED_WIDGETS = {"00_start_here.ipynb": 0, "01_who_makes_policy.ipynb": 17, "02_continuity.ipynb": 20,
                    "03_serbia_kosovo.ipynb": 18, "04_bosnia_dayton.ipynb": 14,
                    "05_europes_long_wait.ipynb": 21, "06_the_vacuum.ipynb": 19,
                    "07_stability_and_intervention.ipynb": 18,
                    "08_history_as_warning.ipynb": 16, "09_the_verdict.ipynb": 15, "glossary.ipynb": 0}


def answers_of(notebook: str) -> list[str]:
    """Text that would give an answer away: it must not be on the page before the student acts."""
    from helpers import analysis, data, questions, tables

    found = []
    points = data.load("evidence_points")
    found += list(points[points["notebook"] == notebook]["text"].str[:60])  # our reading comes after the student's
    for q in questions.for_notebook(notebook):
        found += [q.explanation[:60], q.hint[:60]] + [o.feedback[:60] for o in q.options]
        if q.kind == "coding" and q.options:  # a sorting: our reasons come after the student's
            found += [r[:60] for r in questions.our_sorting(q)["reason"]]
        elif q.kind == "coding":
            found += [tables.named(r)[:60] for r in analysis.events_by_id(list(q.items))["substance_rationale"]]
    if notebook == "01_who_makes_policy.ipynb":
        from helpers import congress
        found += [f"{congress.united_votes()} of the {congress.tallied_votes()} tallied votes"]
    if notebook == "02_continuity.ipynb":
        found += ["Substance and tone by administration", "comes first ("]
    if notebook == "09_the_verdict.ipynb":  # our coding and the verdict on it come after the student's marks
        found += ["Your marks beside our coding", "Our coding's score", "Judged for this part against the US line"]
    if notebook == "08_history_as_warning.ipynb":
        found += ["97,000 Victims", "95,940 names", "104,732", "A figure repeated for years"]
    if notebook == "03_serbia_kosovo.ipynb":
        found += [f"by the end of 2026, {analysis.recognition_count('un')} of the 193",
                  ", ".join(analysis.non_recognising("eu")), "Figures for the number of states",
                  "121. država", "84 (RIA Novosti"]
    return [t for t in found if t]


def forget_answers(lab) -> None:
    # A fresh student: the journal the lab's kernels use is removed before the notebook opens.
    (lab.notebooks.parent / "journal.json").unlink(missing_ok=True)


def test_every_notebook_is_listed():
    assert set(EXPECTED_WIDGETS) == set(NOTEBOOKS), "add the new notebook's widget count to EXPECTED_WIDGETS"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_run_all_without_errors_and_widgets_render(page, lab, notebook, screenshot_dir):
    forget_answers(lab)
    jupyter.open_notebook(page, lab, notebook)
    # No kernel-choice dialog: the notebook names its kernel.
    assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").inner_text()
    jupyter.run_all(page)
    expected = EXPECTED_WIDGETS[notebook]
    jupyter.wait_for_widgets(page, expected)
    assert page.locator(jupyter.WIDGET_VIEWS).count() == expected
    assert jupyter.output_problems(page) == []
    # A chart laid out without rows can grow without limit (Vega pads it to the largest number): none may.
    heights = page.locator(".balkans-vega").evaluate_all("charts => charts.map(c => c.getBoundingClientRect().height)")
    assert max(heights, default=0) < 2000, heights
    # Run All shows no answer before the student has committed to one.
    text = page.locator(".jp-NotebookPanel").first.evaluate("e => e.textContent")
    assert [answer for answer in answers_of(notebook) if answer in text] == []
    assert re.findall(r"\b\d{2,3}/193\b", text) == []  # e.g. a source titled "... (97/193)"
    # No news pop-up or other notification asking for attention in front of a class.
    assert page.locator(".jp-Notification-Toast").count() == 0
    page.screenshot(path=str(screenshot_dir / f"{notebook}.after-run-all.png"))


def _explorer(page, label: str = "Count recognitions by"):
    """The outermost widget box holding a dropdown with this label."""
    return page.locator(".jp-OutputArea-output > .widget-vbox").filter(
        has=page.locator(".widget-dropdown .widget-label", has_text=label)).first


def assert_drawn(*charts) -> None:
    """Each browser-drawn chart is on screen at a readable size (text in a zero-width SVG is not a chart)."""
    for chart in charts:
        width = chart.locator("svg.marks, canvas").first.evaluate("e => e.getBoundingClientRect().width")
        assert width > 300, f"a chart is drawn only {width:.0f} px wide"


def _exercise(page, prompt: str):
    # A closed gate quotes its question's prompt: the exercise is the box that is not a gate.
    return page.locator(".jp-OutputArea-output .widget-vbox").filter(has_text=prompt).filter(
        has_not_text="This part opens once").last


def start_as_a_new_student(page, lab, screenshot_dir, notebook: str, gates: int):
    """Open the notebook with no saved answers, Run All, and check how many parts wait for an answer.

    Returns the folder for this notebook's screenshots and the locator of the closed gates.
    """
    forget_answers(lab)
    jupyter.open_notebook(page, lab, notebook)
    jupyter.run_all(page)
    shots = screenshot_dir / notebook.removesuffix(".ipynb")
    shots.mkdir(exist_ok=True)
    closed = page.locator(".jp-OutputArea-output", has_text="This part opens once you have answered")
    expect(closed).to_have_count(gates)
    return shots, closed


def rate_and_check_journal(page, lab, shots, ratings: dict[str, str], keys: tuple[str, ...]) -> None:
    """Rate each claim with a reason, as a student would, then find every answer in the journal file."""
    for claim, stars in ratings.items():
        rating = _exercise(page, f"Claim {claim}:")
        rating.scroll_into_view_if_needed()
        rating.locator("label", has_text=stars).click()
        rating.locator("textarea").fill(f"My reason for {claim}.")
        rating.locator("button", has_text="Save my rating").click()
        expect(rating.locator('[role="status"]')).to_contain_text(f"for {claim}")
    page.screenshot(path=str(shots / "after-answers.png"))
    journal = (lab.notebooks.parent / "journal.json").read_text()
    for key in keys + tuple(f'"{c}"' for c in ratings) + tuple(f"My reason for {c}" for c in ratings):
        assert key in journal


def choose_in_explorer(page, label: str, choose_label: str, option: str):
    """Find the explorer with a dropdown `label` and pick `option` in `choose_label`.

    Returns the explorer, its first chart and that chart's revision before the choice (to wait for a redraw).
    """
    explorer = _explorer(page, label)
    explorer.scroll_into_view_if_needed()
    chart = explorer.locator(".balkans-vega").first
    expect(chart).to_have_attribute("data-revision", re.compile(r"\d+"))  # drawn once (a gate may just have opened)
    before = chart.get_attribute("data-revision")
    jupyter.choose(explorer, choose_label, option)
    return explorer, chart, before


def lock_a_guess(page, prompt: str, typed: str, says: str):
    """Type a guess into a prediction, lock it in, and check the feedback; returns the exercise."""
    predict = _exercise(page, prompt)
    predict.scroll_into_view_if_needed()
    predict.locator("input[type=text]").fill(typed)
    predict.locator("button", has_text="Lock in my guess").click()
    expect(predict.locator('[role="status"]')).to_contain_text(says)
    return predict


def check_wrong_then_right(page, prompt: str, wrong: str, wrong_says: str, right: str) -> None:
    """Answer a check wrongly (told why), then rightly."""
    choice = _exercise(page, prompt)
    choice.scroll_into_view_if_needed()
    choice.locator("label", has_text=wrong).click()
    choice.locator("button", has_text="Check my answer").click()
    expect(choice.locator('[role="status"]')).to_contain_text(wrong_says)
    choice.locator("label", has_text=right).click()
    choice.locator("button", has_text="Check my answer").click()
    expect(choice.locator('[role="status"]')).to_contain_text("Right")


def save_a_sorting(page, closed, prompt: str) -> None:
    """Sort every item into the first option, save, and check that ours appears and every gate opens."""
    sorting = _exercise(page, prompt)
    save = sorting.locator("button", has_text="Save my sorting")
    save.scroll_into_view_if_needed()
    # The button of a long exercise can sit under JupyterLab's status bar, which then takes the pointer:
    # the click is sent to the button itself, as a keyboard user's Enter would be.
    save.dispatch_event("click")
    expect(sorting.locator('[role="status"]')).to_contain_text("Sort every item")
    for group in sorting.locator(".widget-radio").all():
        group.locator(".widget-radio-box label").first.click()
    save.scroll_into_view_if_needed()
    save.dispatch_event("click")
    expect(sorting).to_contain_text("Your sorting beside ours")
    expect(closed).to_have_count(0)


def save_a_coding(page, closed, choice: int) -> None:
    """Code every action with the same choice, save, and check that ours appears and every gate opens."""
    coding = _exercise(page, "Code each US action yourself")
    coding.scroll_into_view_if_needed()
    for group in coding.locator(".widget-radio").all():
        group.locator(".widget-radio-box label").nth(choice).click()
    coding.locator("button", has_text="Save my coding").click()
    expect(coding).to_contain_text("Your coding beside ours")
    expect(closed).to_have_count(0)


def test_kosovo_notebook_widgets_answer_a_student(page, lab, screenshot_dir):
    shots, closed = start_as_a_new_student(page, lab, screenshot_dir, "03_serbia_kosovo.ipynb", gates=10)

    # Predict, then reveal: typed, refused when out of range, then the range of figures.
    predict = _exercise(page, "How many of the 193 member states")
    predict.scroll_into_view_if_needed()
    reveal = predict.locator(".widget-html").last
    expect(reveal).to_contain_text("The answer appears here once you lock in a guess.")
    predict.locator("input[type=text]").fill("500")
    predict.locator("button", has_text="Lock in my guess").click()
    expect(predict.locator('[role="status"]')).to_contain_text("Type a whole number from 0 to 193")
    predict.locator("input[type=text]").fill("100")
    predict.locator("button", has_text="Lock in my guess").click()
    expect(predict.locator('[role="status"]')).to_contain_text("Your guess, 100")
    expect(reveal).to_contain_text("Figures for the number of states")
    assert predict.locator("button", has_text="Lock in my guess").is_disabled()
    expect(closed).to_have_count(5)  # what the prediction opens is open; what the coding opens is not
    predict.screenshot(path=str(shots / "prediction-revealed.png"))

    # Recognition explorer: year slider by keyboard, group dropdown, withdrawals toggle.
    explorer = _explorer(page)
    explorer.scroll_into_view_if_needed()
    # Charts are drawn by Vega in the browser: each carries the revision it has drawn and its text.
    timeline, world = explorer.locator(".balkans-vega").nth(0), explorer.locator(".balkans-vega").nth(1)
    expect(timeline.locator("svg")).to_contain_text("Recognitions of Kosovo by UN member states, 2008-2026")
    # The map is drawn on a canvas (about 540 shapes redraw faster there): check it has pixels and its text.
    expect(world.locator("canvas")).to_be_attached()
    assert world.locator("canvas").evaluate(
        "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " for (let i = 0; i < d.length; i += 4) if (d[i] < 200) return true; return false; }")
    expect(world.locator('[role="img"]')).to_have_attribute("aria-label", re.compile("by the end of 2026"))
    assert_drawn(timeline, world)
    summary = explorer.locator('[role="status"]').first
    slider = jupyter.by_label(explorer, "Up to the end of", "widget-hslider")
    before = (timeline.get_attribute("data-revision"), world.get_attribute("data-revision"), summary.inner_text())
    assert "by the end of 2026" in before[2]
    handle = slider.locator(".noUi-handle")
    handle.focus()
    page.keyboard.press("ArrowLeft")
    expect(summary).to_contain_text("by the end of 2025")
    expect(slider.locator(".widget-readout")).to_have_text("2025")
    expect(world).not_to_have_attribute("data-revision", before[1])
    expect(timeline).not_to_have_attribute("data-revision", before[0])
    expect(timeline.locator("svg")).to_contain_text("Recognitions of Kosovo by UN member states, 2008-2025")
    expect(timeline.locator('[role="img"]')).to_have_attribute("aria-label", re.compile("by the end of 2025"))
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
    expect(timeline.locator("svg")).to_contain_text("Recognitions of Kosovo by EU member states")
    explorer.locator("button", has_text="Leave out claimed withdrawals").click()
    expect(summary).to_contain_text("leaving out claimed withdrawals")
    explorer.screenshot(path=str(shots / "explorer-eu-leaving-out.png"))

    # Code the six actions: saving early is refused; then ours appears, and the actions explorer opens.
    coding = _exercise(page, "Code each US action yourself")
    coding.scroll_into_view_if_needed()
    coding.locator("button", has_text="Save my coding").click()
    expect(coding.locator('[role="status"]')).to_contain_text("Code every action")
    for group in coding.locator(".widget-radio").all():
        group.locator(".widget-radio-box label").first.click()
    coding.locator("button", has_text="Save my coding").click()
    expect(coding.locator('[role="status"]')).to_contain_text("You and our table agree on substance")
    expect(coding).to_contain_text("Your coding beside ours")
    expect(closed).to_have_count(0)
    coding.screenshot(path=str(shots / "coding-compared.png"))

    # US actions explorer: dropdowns change the chart, the sentence and the table.
    actions = _explorer(page, "Administration")
    actions.scroll_into_view_if_needed()
    status = actions.locator('[role="status"]').first
    chart = actions.locator(".balkans-vega").first
    expect(chart.locator("svg")).to_contain_text("US actions on the Western Balkans, tagged C3")
    assert_drawn(chart)
    before = chart.get_attribute("data-revision")
    expect(status).to_contain_text("US actions on the Western Balkans, tagged C3")
    expect(status).to_contain_text("A count shows what we searched for")
    jupyter.choose(actions, "Country", "Kosovo (")
    expect(status).to_contain_text("US actions on Kosovo, tagged C3")
    expect(chart).not_to_have_attribute("data-revision", before)
    expect(chart.locator("svg")).to_contain_text("US actions on Kosovo, tagged C3")
    jupyter.choose(actions, "Administration", "Trump, first term (")
    jupyter.by_label(actions, "Show", "widget-dropdown").locator("select").select_option(
        label="Substance departs, starts a new line or unclear")
    expect(status).to_contain_text("0 continue the previous line")
    expect(actions.locator("table")).to_contain_text("Trump, first term")
    actions.screenshot(path=str(shots / "actions-kosovo-trump1-departs.png"))

    # Numeric answer: typed text, wrong then right; the names appear only after the right answer.
    numeric = _exercise(page, "How many EU member states have not recognised Kosovo?")
    feedback = numeric.locator('[role="status"]')
    numeric.locator("input[type=text]").fill("2")
    numeric.locator("button", has_text="Check my answer").click()
    expect(feedback).to_contain_text("too low")
    numeric.locator("input[type=text]").fill("5")
    numeric.locator("button", has_text="Check my answer").click()
    expect(feedback).to_contain_text("Right: 5")
    expect(numeric).to_contain_text("Cyprus")

    # Multiple choice: nothing chosen, a wrong option (told why), then the right one.
    choice = _exercise(page, "Which one would weaken claim C3 the most?")
    choice.locator("button", has_text="Check my answer").click()
    expect(choice.locator('[role="status"]')).to_contain_text("Choose an answer first")
    choice.locator("label", has_text="Russia vetoed a Security Council resolution on Kosovo.").click()
    choice.locator("button", has_text="Check my answer").click()
    expect(choice.locator('[role="status"]')).to_contain_text("Not this one. That is Russia's policy")
    choice.locator("label", has_text="made its aid to Kosovo conditional").click()
    choice.locator("button", has_text="Check my answer").click()
    expect(choice.locator('[role="status"]')).to_contain_text("Right.")

    # A Think! answer, saved.
    think = _exercise(page, "Which single piece of evidence against the claim")
    think.locator("textarea").fill("The 2018 remarks, because they touch status.")
    think.locator("button", has_text="Save my answer").click()
    expect(think.locator('[role="status"]')).to_contain_text("Saved in your journal")

    # The student's rating: no default; chosen by click, a typed reason, saved.
    rating = _exercise(page, "Claim C3:")
    rating.locator("button", has_text="Save my rating").click()
    expect(rating.locator('[role="status"]')).to_contain_text("Choose a rating")
    rating.locator("label", has_text="4: mostly supports").click()
    rating.locator("textarea").fill("Recognition held under every administration; mediation varied.")
    rating.locator("button", has_text="Save my rating").click()
    expect(rating.locator('[role="status"]')).to_contain_text("Saved: 4/5 for C3")
    rating.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "exercises-after-answers.png"))
    journal = (lab.notebooks.parent / "journal.json").read_text()
    for key in ('"03.un-recognitions"', '"03.code-actions"', '"03.think-counter"', '"C3"', "mediation varied"):
        assert key in journal


def test_who_makes_policy_widgets_answer_a_student(page, lab, screenshot_dir):
    shots, closed = start_as_a_new_student(page, lab, screenshot_dir, "01_who_makes_policy.ipynb", gates=8)

    # Predict, then reveal; the instrument and votes explorers open.
    predict = lock_a_guess(page, "In how many of the 16", "10", "Your guess, 10")
    expect(predict).to_contain_text("tallied votes on the region had at least 9 in 10")
    expect(closed).to_have_count(4)

    # Who holds which instrument: the dropdown changes who must act and the sourced card.
    instruments = _explorer(page, "Instrument")
    instruments.scroll_into_view_if_needed()
    jupyter.choose(instruments, "Instrument", "Treaty ratification")
    expect(instruments.locator('[role="status"]')).to_contain_text("Senate (two-thirds of senators present)")
    expect(instruments.locator("table")).to_contain_text("Legal basis")
    jupyter.choose(instruments, "Instrument", "Ambassador appointments")  # a dated use, named in words
    expect(instruments.locator("table")).to_contain_text("‘Albania envoy nominated’, 13 April 2026")
    expect(instruments.locator("table")).not_to_contain_text("PE682")
    instruments.screenshot(path=str(shots / "instrument-ambassadors.png"))

    votes = _explorer(page, "Vote")
    votes.scroll_into_view_if_needed()
    parties, overview = votes.locator(".balkans-vega").nth(0), votes.locator(".balkans-vega").nth(1)
    before = (parties.get_attribute("data-revision"), overview.get_attribute("data-revision"))
    jupyter.choose(votes, "Vote", "11 March 1999")
    status = votes.locator('[role="status"]').first
    expect(status).to_contain_text("219 to 191")
    expect(parties).not_to_have_attribute("data-revision", before[0])
    expect(overview).not_to_have_attribute("data-revision", before[1])
    expect(parties.locator("svg")).to_contain_text("nay 173")
    expect(parties.locator("svg")).to_contain_text("All members (total)")
    assert_drawn(parties, overview)
    jupyter.choose(votes, "Vote", "25 September 2008")
    expect(status).to_contain_text("No tally was found")
    expect(parties).to_be_hidden()  # no figures at all: the sentence says so, no empty axis
    votes.screenshot(path=str(shots / "votes-2008-no-tally.png"))

    # The veto-players model: a keyboard step on a slider, then the law/alone toggle.
    # (A player with no veto in the chosen case cannot be moved: its sliders are disabled.)
    model = page.locator(".jp-OutputArea-output > .widget-vbox").filter(
        has=page.locator(".widget-label", has_text="President: engagement")).first
    model.scroll_into_view_if_needed()
    status = model.locator('[role="status"]').first
    chart = model.locator(".balkans-vega").first
    first = status.inner_text()
    handle = jupyter.by_label(model, "Status quo: engagement", "widget-hslider").locator(".noUi-handle")
    handle.focus()
    page.keyboard.press("ArrowRight")
    expect(status).to_contain_text("The status quo is at (6, 3)")
    assert status.inner_text() != first
    model.locator("button", has_text="A change that needs a law").click()
    expect(status).to_contain_text("3 veto players")
    expect(chart.locator("svg")).to_contain_text("(a law)")
    assert_drawn(chart)
    expect(chart.locator('[role="img"]')).to_have_attribute("aria-label", re.compile("3 veto players"))
    model.screenshot(path=str(shots / "veto-players-law.png"))

    # Code the six actions: then ours, and the evidence tables open.
    save_a_coding(page, closed, choice=1)

    # A check: a wrong option (told why), then the right one.
    check_wrong_then_right(page, "Which of these could a US president do without a new vote",
                           "Admit a new member to NATO.", "two-thirds of the senators present", "Lift sanctions on a person")

    # Both ratings, saved.
    rate_and_check_journal(page, lab, shots, {"C1": "3: mixed", "C5": "2: mostly against"},
                           ('"01.votes-united"', '"01.code-actions"'))


def test_continuity_widgets_answer_a_student(page, lab, screenshot_dir):
    shots, closed = start_as_a_new_student(page, lab, screenshot_dir, "02_continuity.ipynb", gates=13)

    # Predict by picking an administration; the grid, its question, the density check and the sources open.
    predict = _exercise(page, "In which administration do you think the substance")
    predict.scroll_into_view_if_needed()
    predict.locator("label", has_text="Obama").click()
    predict.locator("button", has_text="Lock in my guess").click()
    expect(predict.locator('[role="status"]')).to_contain_text("Your guess: Obama")
    expect(predict).to_contain_text("Substance and tone by administration")
    expect(closed).to_have_count(10)

    # The grid: another measure and a country change the sentence and the chart in the browser.
    grid = _explorer(page, "Count in each cell")
    grid.scroll_into_view_if_needed()
    chart = grid.locator(".balkans-vega").first
    status = grid.locator('[role="status"]').first
    before = chart.get_attribute("data-revision")
    jupyter.choose(grid, "Count in each cell", "Substance: share")
    expect(status).to_contain_text("Substance: share of the actions")
    expect(chart).not_to_have_attribute("data-revision", before)
    jupyter.choose(grid, "Country", "Bosnia and Herzegovina")
    expect(status).to_contain_text("US actions on Bosnia and Herzegovina")
    expect(chart.locator("svg")).to_contain_text("Euro-Atlantic integration")
    assert_drawn(chart)
    expect(chart.locator('[role="img"]')).to_have_attribute("aria-label", re.compile("Bosnia and Herzegovina"))
    expect(grid).to_contain_text("Before you compare cells")
    grid.screenshot(path=str(shots / "grid-bih-share.png"))

    # Code the six actions: ours appears, and every other gate opens.
    save_a_coding(page, closed, choice=0)

    # Every recorded action, filtered by the acting institution.
    events = _explorer(page, "Acting institution")
    events.scroll_into_view_if_needed()
    jupyter.choose(events, "Acting institution", "Congress")
    expect(events.locator('[role="status"]').first).to_contain_text("Congress")

    # Russia in two arenas: the Balkan lane alone.
    measures, chart, before = choose_in_explorer(page, "Arena", "Arena", "The Western Balkans")
    expect(measures.locator('[role="status"]').first).to_contain_text("The Western Balkans")
    expect(chart).not_to_have_attribute("data-revision", before)
    expect(chart.locator("svg")).to_contain_text("The Western Balkans")
    expect(measures.locator("table")).to_contain_text("Direction (our coding)")
    assert_drawn(chart)

    posture = _explorer(page, "Series")
    posture.scroll_into_view_if_needed()
    jupyter.choose(posture, "Series", "US military personnel in Europe")
    expect(posture.locator('[role="status"]').first).to_contain_text("US military personnel in Europe")
    assert_drawn(posture.locator(".balkans-vega").first)

    # A check: a wrong option (told why), then the right one.
    check_wrong_then_right(page, "Which one would weaken claim C6 the most",
                           "Serbia's government bought weapons", "Serbia's choices", "One administration eased most")

    rate_and_check_journal(page, lab, shots, {"C2": "4: mostly supports", "C6": "3: mixed"},
                           ('"02.most-change"', '"02.code-actions"'))


def test_bosnia_widgets_answer_a_student(page, lab, screenshot_dir):
    shots, closed = start_as_a_new_student(page, lab, screenshot_dir, "04_bosnia_dayton.ipynb", gates=6)

    # The diagram is drawn in the page, with a text version.
    diagram = page.locator(".jp-OutputArea-output svg[role=img]").first
    expect(diagram).to_contain_text("Republika Srpska")
    assert diagram.evaluate("e => e.getBoundingClientRect().width") > 300
    expect(page.locator(".jp-OutputArea-output details", has_text="The diagram as text")).to_have_count(1)

    predict = lock_a_guess(page, "Out of every 10 US actions on Bosnia and Herzegovina", "6", "Your guess, 6")
    expect(predict).to_contain_text("continue the previous line, by our coding")

    save_a_coding(page, closed, choice=0)

    # Sanctions: listed and removed, by administration and action.
    sanctions, chart, before = choose_in_explorer(page, "Action", "Action", "Removed from the list")
    status = sanctions.locator('[role="status"]').first
    expect(status).to_contain_text("removed from the list")
    expect(chart).not_to_have_attribute("data-revision", before)
    expect(chart.locator("svg")).to_contain_text("removed from the list")
    assert_drawn(chart)
    jupyter.choose(sanctions, "Administration", "Obama")
    expect(status).to_contain_text("No sanctions action")
    expect(chart).to_be_hidden()
    sanctions.screenshot(path=str(shots / "sanctions-obama-removed.png"))

    check_wrong_then_right(page, "Which power was used?",
                           "A ruling of the Constitutional Court.", "does not write new offences", "The High Representative's Bonn powers.")

    rate_and_check_journal(page, lab, shots, {"C4": "3: mixed"}, ('"04.bih-continues"', '"04.code-actions"'))


def test_history_widgets_answer_a_student(page, lab, screenshot_dir):
    shots, closed = start_as_a_new_student(page, lab, screenshot_dir, "08_history_as_warning.ipynb", gates=9)

    predict = lock_a_guess(page, "How many people do you think were killed or went missing", "150000", "Your guess, 150000")
    expect(predict).to_contain_text("A figure repeated for years")
    expect(closed).to_have_count(4)

    # The human cost: another war, then a measure with no figure for it.
    cost, chart, before = choose_in_explorer(page, "War", "War", "The Kosovo war")
    status = cost.locator('[role="status"]').first
    expect(status).to_contain_text("The Kosovo war, 1998-1999: killed or missing")
    expect(chart).not_to_have_attribute("data-revision", before)
    expect(chart.locator("svg")).to_contain_text("Humanitarian Law Center")
    assert_drawn(chart)
    jupyter.choose(cost, "Counted", "soldiers killed or missing")
    expect(status).to_contain_text("No figure in the table for this war")
    expect(chart).to_be_hidden()
    cost.screenshot(path=str(shots / "human-cost-kosovo.png"))

    save_a_coding(page, closed, choice=0)

    check_wrong_then_right(page, "What best explains the difference?",
                           "The later counts include only soldiers.", "both later counts include civilians", "The early figures were wartime estimates")

    rate_and_check_journal(page, lab, shots, {"C11": "3: mixed"}, ('"08.bih-deaths"', '"08.code-actions"'))


def test_stability_widgets_answer_a_student(page, lab, screenshot_dir):
    shots, closed = start_as_a_new_student(page, lab, screenshot_dir, "07_stability_and_intervention.ipynb", gates=11)

    predict = lock_a_guess(page, "How many US soldiers do you think serve", "5,000", "Your guess, 5000")
    expect(predict).to_contain_text("KFOR and the US troops in it")
    expect(closed).to_have_count(8)

    troops, chart, before = choose_in_explorer(page, "Period", "Period", "IFOR, SFOR and EUFOR")
    expect(troops.locator('[role="status"]').first).to_contain_text("IFOR, SFOR and EUFOR in Bosnia and Herzegovina")
    expect(chart).not_to_have_attribute("data-revision", before)
    assert_drawn(chart)

    # The decision point: a choice and a reason, then every option's needs and the precedents.
    decision = _exercise(page, "Which response would you recommend first?")
    decision.scroll_into_view_if_needed()
    decision.locator("label", has_text="Ask NATO to reinforce KFOR").click()
    decision.locator("button", has_text="Save my decision").click()
    expect(decision.locator('[role="status"]')).to_contain_text("Write a short reason first")
    decision.locator("textarea").fill("Deterrence comes first here.")
    decision.locator("button", has_text="Save my decision").click()
    expect(decision.locator('[role="status"]')).to_contain_text("You chose")
    expect(decision).to_contain_text("What the US did")
    decision.screenshot(path=str(shots / "decision.png"))

    save_a_coding(page, closed, choice=0)
    check_wrong_then_right(page, "Who would have to act for US troops to leave KFOR?",
                           "Kosovo's government.", "does not decide US deployments", "The President, as commander in chief")
    rate_and_check_journal(page, lab, shots, {"C10": "3: mixed"}, ('"07.kfor-us"', '"07.north-decision"', "Deterrence comes first here."))


def test_long_wait_widgets_answer_a_student(page, lab, screenshot_dir):
    shots, closed = start_as_a_new_student(page, lab, screenshot_dir, "05_europes_long_wait.ipynb", gates=10)

    predict = lock_a_guess(page, "became a candidate for EU membership in December 2005", "15", "Your guess, 15")
    expect(predict).to_contain_text("Years from application to each step")
    expect(closed).to_have_count(7)

    # The road to membership: another group, then lined up on the calendar (a new spec, drawn again).
    road, chart, before = choose_in_explorer(page, "Add a country", "Countries", "Other candidates")
    status = road.locator('[role="status"]').first
    expect(status).to_contain_text("Türkiye")
    expect(chart).not_to_have_attribute("data-revision", before)
    before = chart.get_attribute("data-revision")
    road.locator("button", has_text="On the calendar").click()
    expect(status).to_contain_text("On the calendar")
    expect(chart).not_to_have_attribute("data-revision", before)
    expect(chart.locator("svg")).to_contain_text("after the essay")
    assert_drawn(chart)
    road.screenshot(path=str(shots / "road-other-candidates-calendar.png"))

    # Chapters: one country's lines only, fewer points than all four countries'.
    chapters = page.locator(".jp-OutputArea-output > .widget-vbox").filter(has_text="Each step, with its source").first
    chapters.scroll_into_view_if_needed()
    chart = chapters.locator(".balkans-vega").first
    before = chart.get_attribute("data-revision")
    jupyter.choose(chapters, "Country", "Serbia")
    expect(chapters.locator('[role="status"]').first).to_contain_text("Serbia: 22 chapters opened")
    expect(chart).not_to_have_attribute("data-revision", before)
    assert chart.locator("svg").evaluate("s => s.querySelectorAll('.mark-line path').length") == 2  # opened, closed
    chapters.screenshot(path=str(shots / "chapters-serbia.png"))

    # The scenario: another country moves the slider to that country's pace, and the answer follows.
    scenario = page.locator(".jp-OutputArea-output > .widget-vbox").filter(
        has=page.locator(".widget-hslider .widget-label", has_text="Chapters closed a year")).first
    scenario.scroll_into_view_if_needed()
    chart = scenario.locator(".balkans-vega").first
    before = chart.get_attribute("data-revision")
    jupyter.choose(scenario, "Country", "Montenegro")
    status = scenario.locator('[role="status"]').first
    expect(status).to_contain_text("Montenegro's remaining")
    expect(status).to_contain_text("not a forecast")
    expect(chart).not_to_have_attribute("data-revision", before)
    jupyter.choose(scenario, "Country", "Bosnia and Herzegovina")
    expect(status).to_contain_text("has not opened negotiations")
    scenario.screenshot(path=str(shots / "scenario-bosnia.png"))

    save_a_sorting(page, closed, "Sort each of these seven moments")
    check_wrong_then_right(page, "Which one would weaken claim C8",
                           "Montenegro signs an accession treaty in 2027.", "not one of the three countries",
                           "Member states approved every step")
    rate_and_check_journal(page, lab, shots, {"C7": "3: mixed", "C8": "4: mostly supports", "C12": "3: mixed"},
                           ('"05.wait-years"', '"05.code-holds"'))


def test_vacuum_widgets_answer_a_student(page, lab, screenshot_dir):
    shots, closed = start_as_a_new_student(page, lab, screenshot_dir, "06_the_vacuum.ipynb", gates=11)

    predict = lock_a_guess(page, "In 2019, what share of the six Western Balkan economies", "50", "Your guess, 50")
    expect(predict).to_contain_text("goods trade in 2019, by partner")
    expect(closed).to_have_count(7)

    # Who trades and invests: Serbia's direct investment in euros, a new axis and new bars.
    partners, chart, before = choose_in_explorer(page, "Measure", "Country", "Serbia")
    status = partners.locator('[role="status"]').first
    expect(status).to_contain_text("Serbia")
    jupyter.choose(partners, "Measure", "Direct investment from each partner")
    expect(status).to_contain_text("million euros")
    expect(chart).not_to_have_attribute("data-revision", before)
    assert_drawn(chart)
    partners.screenshot(path=str(shots / "partners-serbia-fdi.png"))

    # A conversion: wrong, then right; the projects table opens after it.
    numeric = _exercise(page, "How many million euros is that?")
    numeric.scroll_into_view_if_needed()
    numeric.locator("input[type=text]").fill("1189")
    numeric.locator("button", has_text="Check my answer").click()
    expect(numeric.locator('[role="status"]')).to_contain_text("too high")
    numeric.locator("input[type=text]").fill("749.3")
    numeric.locator("button", has_text="Check my answer").click()
    expect(numeric.locator('[role="status"]')).to_contain_text("Right")
    projects = _explorer(page, "Kind of money")
    jupyter.choose(projects, "Partner", "China")
    expect(projects.locator('[role="status"]')).to_contain_text("projects (China)")
    expect(projects.locator("table")).to_contain_text("per euro (ECB reference rate")

    # Polls: another country gives another list of questions, and a chart of one of them.
    polls, chart, before = choose_in_explorer(page, "Pollster and question", "Country", "Albania")
    expect(polls.locator('[role="status"]').first).to_contain_text("Albania:")
    expect(chart).not_to_have_attribute("data-revision", before)

    ties = _explorer(page, "Kind of tie")
    jupyter.choose(ties, "Partner", "China")
    expect(ties.locator('[role="status"]')).to_contain_text("China 6")

    save_a_sorting(page, closed, "Sort each of these six ties")
    check_wrong_then_right(page, "Which one would weaken claim C9",
                           "The EU is the region's largest trade partner by far.", "weakens 'vacuum' in trade",
                           "Serbia's ties with Russia and China were as close before")
    rate_and_check_journal(page, lab, shots, {"C9": "3: mixed"}, ('"06.eu-share"', '"06.code-ties"'))


def mark_the_class_set(page, closed) -> None:
    """Refuse an empty mark, then mark every item of the class set, and check that every gate opens."""
    marker = _exercise(page, "Mark each item")
    marker.scroll_into_view_if_needed()
    save = marker.locator("button", has_text="Save and next")
    save.dispatch_event("click")
    expect(marker.locator('[role="status"]')).to_contain_text("before you save")
    # Wait for the text, not a snapshot: under load the output may be mid-redraw when first read.
    expect(marker).to_contain_text(re.compile(r"Item 1 of \d+"))
    found = re.search(r"Item 1 of (\d+)", marker.inner_text())
    assert found, marker.inner_text()[:600]
    total = int(found.group(1))
    for done in range(1, total + 1):
        groups = marker.locator(".widget-radio")  # re-queried: the radios are reset for each item
        groups.nth(0).locator(".widget-radio-box label").nth(0).click()  # substance: continuity
        groups.nth(1).locator(".widget-radio-box label").nth(1).click()  # tone: change
        groups.nth(2).locator(".widget-radio-box label").nth(2).click()  # matters a lot
        save.dispatch_event("click")
        expect(marker).to_contain_text(f"({done} of {total} marked")
    expect(closed).to_have_count(0)


def test_verdict_widgets_answer_a_student_and_the_hand_in_downloads(page, lab, screenshot_dir):
    shots, closed = start_as_a_new_student(page, lab, screenshot_dir, "09_the_verdict.ipynb", gates=9)
    predict = lock_a_guess(page, "Of the US actions in our record since the election", "20", "Your guess, 20")
    expect(predict).to_contain_text("as we coded them")

    mark_the_class_set(page, closed)
    expect(page.locator(".jp-OutputArea-output", has_text="Your marks beside our coding")).to_have_count(1)
    page.screenshot(path=str(shots / "after-marking.png"))

    # The verdict: leaving one part out moves the score, the chart redraws; the student saves it.
    verdict, chart, before = choose_in_explorer(page, "How much tone counts", "How much tone counts",
                                                "as much as substance")
    summary = verdict.locator('[role="status"]').first
    expect(chart).not_to_have_attribute("data-revision", before)
    said = summary.inner_text()
    before = chart.get_attribute("data-revision")
    jupyter.choose(verdict, "SP1 Kosovo", "counts triple")
    expect(summary).not_to_have_text(said)
    expect(chart).not_to_have_attribute("data-revision", before)
    assert_drawn(chart)
    wide, room = verdict.evaluate("e => [e.scrollWidth, e.closest('.jp-Cell').clientWidth]")
    assert wide <= room, f"the verdict explorer is {wide} px wide in a cell of {room} px: the page scrolls sideways"
    verdict.screenshot(path=str(shots / "verdict.png"))
    verdict.locator("button", has_text="Save my verdict").dispatch_event("click")
    expect(verdict).to_contain_text("Saved: ")

    check_wrong_then_right(page, "Which of these is a change of substance rather than of tone?",
                           "A deputy secretary says", "A change of manner",
                           "The Treasury removes from its sanctions list")
    rate_and_check_journal(page, lab, shots, {"T": "2: mostly against"},
                           ('"09.change-share"', '"09.mark-events"', '"verdict"'))

    conclusion = page.locator(".jp-OutputArea-output .widget-vbox").filter(
        has=page.locator("button", has_text="Save my conclusion")).last
    conclusion.scroll_into_view_if_needed()
    conclusion.locator("textarea").fill("The line held on Kosovo's status and on Dayton in words, but aid ended "
                                        "and sanctions in Bosnia were lifted, so I call it mixed.")
    conclusion.locator("button", has_text="Save my conclusion").dispatch_event("click")
    expect(conclusion.locator('[role="status"]')).to_contain_text("Saved in your journal, beside your saved verdict")

    # The hand-in: export, download the HTML through the browser, open it.
    export = page.locator(".jp-OutputArea-output .widget-vbox").filter(
        has=page.locator("button", has_text="Export my journal")).last
    export.scroll_into_view_if_needed()
    export.locator("input[type=text]").fill("Ana Student")
    export.locator("button", has_text="Export my journal").dispatch_event("click")
    link = export.locator("a[download$='.html']")
    expect(link).to_have_count(1)
    with page.expect_download() as download:
        link.dispatch_event("click")
    assert download.value.suggested_filename.endswith(".html")
    saved = shots / download.value.suggested_filename
    download.value.save_as(saved)
    handed_in = page.context.new_page()
    handed_in.goto(saved.as_uri())
    for text in ("Ana Student", "My verdict on the prediction (claim T)", "as I marked it",
                 "The line held on Kosovo's status", "2/5"):
        expect(handed_in.locator("body")).to_contain_text(text)
    handed_in.screenshot(path=str(shots / "hand-in.png"))
    handed_in.close()
