"""Browser-side latency per widget type: from the student's action in Chromium to the
updated output on the page, in real JupyterLab (notebook 03). Median and p95. Not a test.

The slider is measured twice: on a year seen for the first time (the kernel draws both
charts) and on a year seen before (the explorer reuses them).
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import expect  # noqa: E402

from tests.browser import jupyter  # noqa: E402


def timed(action, check) -> float:
    start = time.perf_counter()
    action()
    check()
    return (time.perf_counter() - start) * 1000


def report(name, times):
    times = sorted(times)
    p95 = times[max(0, int(round(0.95 * (len(times) - 1))))]
    print(f"{name:42} {statistics.median(times):9.0f} {p95:9.0f}   n={len(times)}")


def main() -> None:
    reason = jupyter.why_no_browser()
    if reason:
        sys.exit(reason)
    with tempfile.TemporaryDirectory() as tmp, jupyter.running_lab(Path(tmp)) as lab, jupyter.chromium() as browser:
        page = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
        jupyter.open_notebook(page, lab, "03_serbia_kosovo.ipynb")
        jupyter.run_all(page)
        # The explorer opens once the prediction is locked in.
        predict = page.locator(".jp-OutputArea-output .widget-vbox").filter(
            has=page.locator("button", has_text="Lock in my guess")).last
        predict.locator("input[type=text]").fill("100")
        predict.locator("button", has_text="Lock in my guess").click()
        page.locator(".widget-dropdown .widget-label", has_text="Count recognitions by").first.wait_for(timeout=60_000)
        explorer = page.locator(".jp-OutputArea-output .widget-vbox").filter(
            has=page.locator(".widget-dropdown")).first
        explorer.scroll_into_view_if_needed()
        summary = explorer.locator('[role="status"]').first
        handle = jupyter.by_label(explorer, "Up to the end of", "widget-hslider").locator(".noUi-handle")

        def press(key, year):
            def action():
                handle.focus()
                page.keyboard.press(key)
            return timed(action, lambda: expect(summary).to_contain_text(f"by the end of {year}", timeout=60_000))

        print(f"{'widget (action -> output updated)':42} {'median ms':>9} {'p95 ms':>9}")
        report("year slider, key press, new year", [press("ArrowLeft", y) for y in range(2025, 2007, -1)])
        report("year slider, key press, year seen before", [press("ArrowRight", y) for y in range(2009, 2027)])

        select = jupyter.by_label(explorer, "Count recognitions by", "widget-dropdown").locator("select")
        groups = [("EU member states", "EU member states"), ("NATO members", "NATO members"),
                  ("G20 member states", "G20 member states"), ("UN member states", "UN member states")] * 4
        report("dropdown, choose a group", [
            timed(lambda label=label: select.select_option(label=label),
                  lambda text=text: expect(summary).to_contain_text(text, timeout=60_000))
            for label, text in groups])

        toggles = [("Leave out claimed withdrawals", "leaving out"), ("Count every recognition given", "counting every")] * 8
        report("toggle buttons, click", [
            timed(lambda label=label: explorer.locator("button", has_text=label).click(),
                  lambda text=text: expect(summary).to_contain_text(text, timeout=60_000))
            for label, text in toggles])

        numeric = page.locator(".jp-OutputArea-output .widget-vbox").filter(
            has_text="How many EU member states have not recognised Kosovo?").last
        feedback = numeric.locator('[role="status"]')
        answers = [("3", "too low"), ("9", "too high")] * 8

        def check_answer(value):
            numeric.locator("input[type=text]").fill(value)
            numeric.locator("button", has_text="Check my answer").click()
        report("text box + button (exercise feedback)", [
            timed(lambda v=v: check_answer(v), lambda t=t: expect(feedback).to_contain_text(t, timeout=60_000))
            for v, t in answers])


if __name__ == "__main__":
    main()
