"""The print version: widgets as static HTML (helpers.printing) and one notebook built end to end."""

from __future__ import annotations

import html
import os
import re

import ipywidgets as w
import pytest

from helpers import exercises, printing, questions, tables
from helpers.journal import Journal
from helpers.vega import VegaChart
from tools import print_notebooks

BAR = {"data": {"values": [{"x": "a", "y": 1}, {"x": "b", "y": 3}]}, "mark": "bar",
       "encoding": {"x": {"field": "x", "type": "nominal"}, "y": {"field": "y", "type": "quantitative"}}}


def text_of(page: str) -> str:
    """What a reader sees: tags, styles and embedded images left out."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_a_widget_tree_renders_as_static_html_with_a_chart_image_and_its_alt_text():
    chart = VegaChart(BAR, description="Bars: b is three times a.")
    hidden = VegaChart(BAR, description="A chart whose settings failed.")
    hidden.clear()
    tree = w.VBox([w.HTML("<p>What to do: pick a country.</p>"),
                   w.HBox([w.Dropdown(options=[("Serbia", "RS"), ("Kosovo", "XK")], value="XK", description="Country:"),
                           w.IntSlider(value=2016, min=2008, max=2024, description="Up to the end of:"),
                           w.Button(description="Press me")]),
                   chart, hidden])
    page = printing.static_html(tree)
    assert "What to do: pick a country." in page
    assert "<b>Country:</b> Kosovo" in page and "<b>Up to the end of:</b> 2016" in page
    assert len(re.findall(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{200,}"', page)) == 1
    assert 'alt="Bars: b is three times a."' in page
    assert "whose settings failed" not in page and "Press me" not in page


def test_an_exercise_shows_its_prompt_and_options_never_its_answer_or_feedback(tmp_path):
    q = questions.question("03.what-counts")
    quiz = exercises.ask(q.question_id, journal=Journal(tmp_path / "journal.json"))
    quiz.control.value = q.correct_option.key
    quiz.hint_button.click()
    assert quiz.check().correct and quiz.feedback.value and quiz.hint.value  # on screen: answered, feedback shown
    page = printing.static_html(quiz)
    shown = text_of(page)
    assert q.prompt in shown
    for option in q.options:
        assert option.text in shown
        assert option.feedback not in shown
    assert page.count(printing.BOX) == len(q.options)  # every option the same empty box: none marked right
    assert q.explanation not in shown and q.hint not in shown and "Right" not in shown
    assert "Check my answer" not in shown


def test_a_prediction_and_a_reflection_leave_space_to_answer(tmp_path):
    journal = Journal(tmp_path / "journal.json")
    prediction = printing.static_html(exercises.ask("03.un-recognitions", journal=journal))
    assert "answer-line" in prediction and "Lock in" not in prediction
    assert "The answer appears here" not in prediction
    reflection = printing.static_html(exercises.ask("03.think-curve", journal=journal))
    assert reflection.count("answer-line") >= 3


def test_gated_content_is_not_printed_only_a_note_that_it_opens_later(tmp_path):
    gate = exercises.after("03.un-recognitions", lambda: w.HTML("<p>SECRET: the answer is 42</p>"),
                           journal=Journal(tmp_path / "journal.json"))
    page = printing.static_html(gate)
    assert "SECRET" not in page
    assert "opens once you have answered" in page


def test_a_gated_list_of_sources_is_printed_open(tmp_path):
    gate = exercises.after("03.un-recognitions", lambda: tables.sources_list(["claims"], claim_id="C3"),
                           journal=Journal(tmp_path / "journal.json"))
    page = printing.static_html(gate)
    assert 'class="sources"' in page and "<details open>" in page and "<li>" in page


def test_print_mode_is_off_unless_the_environment_says_so(monkeypatch):
    monkeypatch.delenv(printing.ENV, raising=False)
    assert not printing.enabled() and not printing.install()
    monkeypatch.setenv(printing.ENV, "1")
    assert printing.enabled()


def test_page_count_counts_pages_not_the_page_tree():
    pdf = b"<< /Type /Pages /Count 2 >> << /Type /Page /Parent 1 0 R >> << /Type/Page >>"
    assert print_notebooks.page_count(pdf) == 2


def test_one_notebook_builds_as_print_html_without_code_or_widget_placeholders(tmp_path):
    before = print_notebooks.data_fingerprint()
    page = print_notebooks.build_html(print_notebooks.NOTEBOOKS / "01_who_makes_policy.ipynb", tmp_path).read_text()
    assert print_notebooks.data_fingerprint() == before  # data/ untouched
    assert "BALKANS_PRINT" not in os.environ  # print mode is the kernel's, never leaked into this process
    shown = text_of(page)
    for code in ("from helpers", "import ", "exercises.", "widgets.", "tables."):
        assert code not in shown
    for placeholder in ("Loading widget", "Error displaying widget", "Traceback", "VBox(", "HTML(value"):
        assert placeholder not in page
    chart = re.search(r'<img [^>]*alt="Policy space chart[^>]*>', page)  # the veto explorer's chart, as it opens
    assert chart and 'src="data:image/png;base64,' in chart.group(0)
    assert "opens once you have answered" in page
    assert page.count("sources of these tables") == 1 and "<details open" in page  # once, open, at the end
    assert 'class="sources"' in page  # so that the lesson's page count can leave them out
    assert '=\\"' not in page  # no attribute written with escaped quotes
    assert page.index("sources of these tables") > page.index("Your ratings of the claims")
    assert "Check my answer" not in shown and "Right." not in shown


if __name__ == "__main__":
    pytest.main([__file__])


def test_a_long_table_prints_whole_not_cut_at_its_scrolling_box(tmp_path):
    from pathlib import Path

    if not Path(print_notebooks.CHROMIUM).exists():
        pytest.skip("Chromium is not installed: the print layout cannot be measured")
    from concurrent.futures import ThreadPoolExecutor

    from playwright.sync_api import sync_playwright

    rows = [[str(n), "a row"] for n in range(60)]
    page_file = tmp_path / "long.html"
    page_file.write_text(f"<html><head><style>{print_notebooks.CSS}</style></head><body>"
                         f"{tables.html_table('Sixty rows', ['n', 'text'], rows)}</body></html>", encoding="utf-8")

    def measure() -> tuple[float, float]:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=print_notebooks.CHROMIUM)
            page = browser.new_page()
            page.goto(page_file.as_uri())
            height = lambda: page.evaluate("document.querySelector('[role=region]').getBoundingClientRect().height")
            on_screen = height()
            page.emulate_media(media="print")
            on_paper = height()
            browser.close()
        return on_screen, on_paper

    # Playwright's sync API refuses to start in a thread where another sync Playwright is open (the
    # browser tests' session-wide Chromium, when they share this worker); a thread of its own is free.
    with ThreadPoolExecutor(max_workers=1) as pool:
        on_screen, on_paper = pool.submit(measure).result()
    assert on_screen <= 480 < on_paper


def test_on_paper_a_long_table_moves_to_the_appendix_and_is_named_where_it_stood(tmp_path):
    from pathlib import Path

    long_table = tables.html_table("Every event", ["n"], [[str(n)] for n in range(print_notebooks.LONG_TABLE_ROWS + 1)])
    short_table = tables.html_table("Three events", ["n"], [["1"], ["2"], ["3"]])
    body = print_notebooks.long_tables_to_appendix(f"<p>Lesson text.</p>{long_table}{short_table}<p>The end.</p>")
    lesson, appendix = body.split('<section class="print-only appendix">')
    assert "Table A1</b>, “Every event” (13 rows)" in lesson and short_table in lesson
    assert long_table in appendix and short_table not in appendix
    assert print_notebooks.long_tables_to_appendix(short_table) == short_table  # nothing long: no appendix
    # as nbconvert writes it: attributes in another order, the closing tag on its own line
    reordered = re.sub(r'<div style="([^"]*)" tabindex="0" role="region" aria-label="([^"]*)">',
                       r'<div aria-label="\2" role="region" style="\1" tabindex="0">', long_table).replace("</table>", "</table>\n")
    assert "Table A1</b>, “Every event”" in print_notebooks.long_tables_to_appendix(reordered)
    if not Path(print_notebooks.CHROMIUM).exists():
        pytest.skip("Chromium is not installed: what each medium shows cannot be measured")
    from concurrent.futures import ThreadPoolExecutor

    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "lesson.html"
    page_file.write_text(f"<html><head><style>{print_notebooks.CSS}</style></head><body>{body}</body></html>",
                         encoding="utf-8")

    def shown() -> dict[str, str]:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=print_notebooks.CHROMIUM)
            page = browser.new_page()
            page.goto(page_file.as_uri())
            texts = {"screen": page.inner_text("body")}
            page.emulate_media(media="print")
            texts["paper"] = page.inner_text("body")
            browser.close()
        return texts

    with ThreadPoolExecutor(max_workers=1) as pool:  # a thread of its own: see the test above
        texts = pool.submit(shown).result()
    assert "Appendix" not in texts["screen"] and "printed in full in the appendix" not in texts["screen"]
    assert texts["screen"].index("Every event") < texts["screen"].index("The end.")
    assert texts["paper"].index("printed in full in the appendix") < texts["paper"].index("The end.")
    assert texts["paper"].index("The end.") < texts["paper"].index("Appendix") < texts["paper"].rindex("Every event")
