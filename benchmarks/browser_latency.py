"""From a student's action in Chromium to the updated chart and sentence, for every control
of every interactive chart in every notebook, in real JupyterLab. Median and p95. Not a test.

Controls are discovered, not listed: every slider, dropdown and toggle inside an explorer, a
widget box that holds a browser-drawn chart (.balkans-vega) or a sentence (role=status). A new notebook is covered without editing
this file. Every gate is opened beforehand by a journal that has answered every question of
the bank, as a student who has worked through the notebook would have.

One action is done when the box's sentence (role=status) or one of its charts has changed,
and no chart in the box still has a redraw on its way (data-pending, set by the widget the
moment the kernel's new revision arrives, cleared once Vega has drawn it). Every setting is
visited in a fresh lab, so first visits are included; there is no cache to hit anyway.

The floor, measured in the same run: the same keyboard step on a bare ipywidgets slider whose
observer only writes its value into a sentence (kernel round trip, no chart, no data).

Usage: python benchmarks/browser_latency.py [rounds]  (default 3 passes over every control)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import jupyter  # noqa: E402

DONE = """([box, before]) => new Promise((resolve) => {
  const snapshot = () => [box.querySelector('[role=status]')?.textContent || '',
                          ...[...box.querySelectorAll('.balkans-vega')].map(c => c.dataset.revision || '')].join('|');
  const pending = () => box.querySelector('.balkans-vega[data-pending]') !== null;
  const check = () => {
    if (snapshot() !== before && !pending()) { observer.disconnect(); resolve(performance.now()); return true; }
    return false;
  };
  const observer = new MutationObserver(check);
  observer.observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
  check();
  setTimeout(() => { observer.disconnect(); resolve(-1); }, 10000);
})"""
SETTLED = """(box) => new Promise((resolve) => {
  // Quiet for 300 ms and nothing pending: the previous action has finished all its updates.
  let timer = null;
  const quiet = () => { clearTimeout(timer); timer = setTimeout(() => {
    if (box.querySelector('.balkans-vega[data-pending]')) { quiet(); return; }
    observer.disconnect(); resolve(true); }, 300); };
  const observer = new MutationObserver(quiet);
  observer.observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
  quiet();
})"""
SNAPSHOT = """(box) => [box.querySelector('[role=status]')?.textContent || '',
  ...[...box.querySelectorAll('.balkans-vega')].map(c => c.dataset.revision || '')].join('|')"""


def answered_journal(path: Path) -> None:
    """A journal in which every question of the bank has a usable answer: every gate opens."""
    from helpers import exercises, questions
    from helpers.journal import Journal

    journal = Journal(path, warn=False)
    for q in questions.bank().values():
        value = {"prediction": lambda: {"guess": str(q.minimum or 0)},
                 "choice": lambda: {"answer": q.options[0].key},
                 "number": lambda: {"answer": "1"},
                 "reflection": lambda: {"text": "(benchmark)"},
                 "coding": lambda: {i: {"substance": "continues", "tone": "same"} for i in q.items}}[q.kind]()
        assert exercises.usable_answer(q)(value), f"the journal format changed for {q.question_id}"
        journal.record(exercises.JOURNAL_KIND[q.kind], q.question_id, value)


def actions_of(page, box):
    """Each control in the box, as (name, list of actions that change it)."""
    found = []
    for slider in box.locator(".widget-hslider").all():
        label = slider.locator(".widget-label").first.inner_text().strip()
        handle = slider.locator(".noUi-handle")

        def press(key, handle=handle, slider=slider):
            if slider.locator(".noUi-target[disabled]").count():  # e.g. a player with no veto in this case
                return False
            handle.focus()
            page.keyboard.press(key)
            return True
        found.append((f"slider '{label}'", [lambda k=k, press=press: press(k)
                                            for k in ("ArrowLeft", "Home", "ArrowRight", "End", "PageDown",
                                                      "ArrowLeft", "ArrowLeft", "End")]))
    for dropdown in box.locator(".widget-dropdown").all():
        label = dropdown.locator(".widget-label").first.inner_text().strip()
        select = dropdown.locator("select")
        count = select.locator("option").count()

        def choose_next(select=select, count=count):  # always a different option: every step is a change
            select.select_option(index=(select.evaluate("s => s.selectedIndex") + 1) % count)
        found.append((f"dropdown '{label}'", [choose_next] * count))
    for toggles in box.locator(".widget-toggle-buttons").all():
        label = toggles.locator(".widget-label").first.inner_text().strip()
        buttons = toggles.locator("button")

        def press_other(buttons=buttons):
            buttons.locator(":scope:not(.mod-active)").first.click()
        found.append((f"toggle '{label}'", [press_other] * max(2, buttons.count())))
    return found


FLOOR_CELL = """import ipywidgets as w
status = w.HTML('<div role="status">start</div>')
slider = w.IntSlider(value=2026, min=2008, max=2026, description="Floor:")
slider.observe(lambda change: setattr(status, "value", f'<div role="status">{change.new}</div>'), names="value")
w.VBox([slider, status])"""
FLOOR: list[float] = []


def floor_notebook(folder: Path) -> str:
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "zz_floor.ipynb")
    return "zz_floor.ipynb"


def report(name: str, times: list[float], failed: int) -> None:
    times = sorted(times)
    p95 = times[max(0, int(round(0.95 * (len(times) - 1))))] if times else float("nan")
    median = statistics.median(times) if times else float("nan")
    if name == "floor":
        FLOOR[:] = [median, p95]
    ratio = f"{median / FLOOR[0]:.1f}x / {p95 / FLOOR[1]:.1f}x" if FLOOR else ""
    print(f"| {name} | {median:.0f} | {p95:.0f} | {ratio} | {len(times)} | {failed} |")


def main(rounds: int = 3) -> None:
    reason = jupyter.why_no_browser()
    if reason:
        sys.exit(reason)
    notebooks = sorted(p.name for p in (jupyter.REPO / "notebooks").glob("*.ipynb"))
    print("| notebook: control | median ms | p95 ms | x floor (median / p95) | actions | no update within 10 s |")
    print("|---|---|---|---|---|---|")
    every: list[float] = []
    for notebook in [None] + notebooks:
        with tempfile.TemporaryDirectory() as tmp, jupyter.running_lab(Path(tmp)) as lab, \
                jupyter.chromium() as browser:
            answered_journal(Path(tmp) / "journal.json")
            page = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
            jupyter.open_notebook(page, lab, notebook or floor_notebook(lab.notebooks))
            jupyter.run_all(page)
            if notebook is None:
                boxes = [page.locator(".jp-OutputArea-output .widget-vbox").first]
            else:
                # Explorers: a box with a browser-drawn chart, or with a sentence (role=status) and a dropdown,
                # slider or toggle. Exercises use text boxes, radio buttons and buttons, so they are not timed.
                boxes = [b for b in page.locator(".jp-OutputArea-output .widget-vbox").all()
                         if (b.locator(".balkans-vega").count() or b.locator("[role=status]").count())
                         and b.locator(".widget-dropdown, .widget-hslider, .widget-toggle-buttons").count()
                         and b.locator(".widget-vbox .widget-dropdown, .widget-vbox .widget-hslider").count() == 0]
            for number, box in enumerate(boxes, start=1):
                box.scroll_into_view_if_needed()
                handle = box.element_handle()
                page.wait_for_function("(box) => !box.querySelector('.balkans-vega[data-pending]') && "
                                       "[...box.querySelectorAll('.balkans-vega')].every(c => c.dataset.revision)",
                                       arg=handle, timeout=60_000)
                for name, steps in actions_of(page, box):
                    times, failed = [], 0
                    for _ in range(rounds):
                        for step in steps:
                            page.evaluate(SETTLED, handle)
                            before = page.evaluate(SNAPSHOT, handle)
                            waiting = page.evaluate_handle(f"(args) => {{ window.__done = ({DONE})(args); }}",
                                                           [handle, before])
                            waiting.dispose()
                            start = page.evaluate("() => performance.now()")
                            if step() is False:
                                # Disabled in this setting (a player with no veto): switch the box's
                                # toggle as a student would, untimed, then time the step.
                                box.locator(".widget-toggle-buttons button:not(.mod-active)").first.click()
                                page.evaluate(SETTLED, handle)
                                before = page.evaluate(SNAPSHOT, handle)
                                page.evaluate(f"(args) => {{ window.__done = ({DONE})(args); }}", [handle, before])
                                start = page.evaluate("() => performance.now()")
                                if step() is False:
                                    continue
                            end = page.evaluate("() => window.__done")
                            if end < 0:
                                failed += 1
                            else:
                                times.append(end - start)
                    if notebook is None:
                        report("floor", times, failed)
                        continue
                    every += times
                    report(f"{notebook.removesuffix('.ipynb')} #{number}: {name}", times, failed)
    report("**every control**", every, 0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
