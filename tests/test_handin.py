"""The hand-in (helpers.handin) and the class overview (helpers.overview)."""

import json
import re
from pathlib import Path

import pytest

from helpers import handin, overview, questions
from helpers.handin import HandInError
from helpers.journal import Journal

DAY = "2026-11-30"
ODD_NAME = "O'Brien \"<script>alert(1)</script>\" ../../etc/passwd"


def stem(name: str) -> str:
    return f"{handin.safe_file_stem(name)}-journal-{DAY}"


@pytest.fixture
def full_journal(journal_file) -> Path:
    """One answer of every kind the notebooks save, and a conclusion as notebook 09 will write it."""
    bank = questions.bank()
    journal = Journal(journal_file)
    journal.record("prediction", "03.un-recognitions", {"guess": 104}, "03_serbia_kosovo.ipynb")
    choice = bank["03.what-counts"]
    wrong = next(o for o in choice.options if not o.correct)
    journal.record("answer", "03.what-counts", {"answer": wrong.key, "correct": False}, "03_serbia_kosovo.ipynb")
    journal.record("answer", "03.eu-holdouts", {"answer": "5", "correct": True}, "03_serbia_kosovo.ipynb")
    coding = bank["03.code-actions"]
    journal.record("coding", coding.question_id, {i: {"substance": "continues", "tone": "same"} for i in coding.items},
                   "03_serbia_kosovo.ipynb")
    sorting = bank["06.code-ties"]
    journal.record("coding", sorting.question_id, {i: sorting.options[0].key for i in sorting.items},
                   "06_the_vacuum.ipynb")
    decision = bank["07.north-decision"]
    journal.record("decision", decision.question_id, {"answer": decision.options[1].key,
                                                      "text": "An envoy first,\nthen sanctions if it fails."},
                   "07_stability_and_intervention.ipynb")
    journal.record("reflection", "03.think-counts", {"text": "Kosovo counts *states* that recognised it once."},
                   "03_serbia_kosovo.ipynb")
    journal.record("rating", "C3", {"stars": 2, "reason": "my first thought"}, "03_serbia_kosovo.ipynb")
    journal.record("rating", "C3", {"stars": 4, "reason": "recognition held -- and the 2020 deal changed tone only"},
                   "03_serbia_kosovo.ipynb")
    journal.record("rating", "C1", {"stars": 3, "reason": "Congress binds some things, not others"},
                   "01_who_makes_policy.ipynb")
    journal.record("conclusion", "T", {"text": "The forecast held in substance, less in tone."}, "09_the_verdict.ipynb")
    return journal_file


def export(journal_file, out, name="Ana Kovač"):
    html_path, md_path = handin.export(journal_file, name, out, on=DAY)
    return html_path.read_text(encoding="utf-8"), md_path.read_text(encoding="utf-8")


def visible(page: str) -> str:
    """The page without its machine-readable copy (an HTML comment)."""
    return re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL)


def heading_levels(page: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[ >]", page)]


def test_a_full_journal_exports_every_kind_of_answer(full_journal, tmp_path):
    bank = questions.bank()
    page, markdown = export(full_journal, tmp_path / "out")
    choice, decision = bank["03.what-counts"], bank["07.north-decision"]
    wrong = next(o for o in choice.options if not o.correct)
    for text in [handin.html.escape(bank["03.un-recognitions"].prompt, quote=True), "104",  # prediction, with its prompt
                 handin.html.escape(wrong.text, quote=True), "not right", "<dd>right</dd>",  # checks, right or not
                 "Same as ours (substance and tone)", "Same as ours",  # coding and sorting
                 handin.html.escape(decision.options[1].text, quote=True), "An envoy first,\nthen sanctions",
                 "Kosovo counts *states*", "4/5: mostly supports", "the 2020 deal changed tone only",
                 "The forecast held in substance", "Ana Kovač", DAY, "balkans-claims 0.1.0"]:
        assert text in page, text
    version, commit = handin.collection_version()
    collection = re.search(r"<dt>Collection</dt><dd>(.*?)</dd>", page).group(1)
    assert collection == f"balkans-claims {version}" + (f", commit {commit}" if commit else "")
    assert "my first thought" not in page  # the latest rating is the student's answer, as in every widget
    for text in ["104", "not right", "Kosovo counts \\*states\\*", "4/5: mostly supports", "Ana Kovač", DAY,
                 "The forecast held in substance"]:
        assert text in markdown, text
    # notebooks in order, each kind of answer in the order the hand-in promises
    starts = [page.index(f"<h2>{n} ·") for n in ("01", "03", "06", "07")]
    assert starts == sorted(starts) and page.index("<h2>09 ·") > starts[-1]
    section = page[starts[1]:page.index("<h2>04 ·")]
    order = [section.index(f"<h3>{g}</h3>") for g in
             ("Predictions", "Answers to checks", "Codings and sortings", "Reflections", "Claim ratings")]
    assert order == sorted(order)
    # what is missing is said, what is answered is not listed as missing
    assert "rating of claim C4" in page and "rating of claim C3" not in page and "rating of claim T" in page
    assert "a written conclusion" not in page


def test_the_html_is_escaped_in_order_printable_and_offline(full_journal, tmp_path):
    page, _ = export(full_journal, tmp_path / "out", name=ODD_NAME)
    levels = heading_levels(page)
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels  # never skips a level
    assert "<script" not in page.lower() and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "@media print" in page and "<style>" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page) and "@import" not in page
    assert "<link" not in page and "<img" not in page


def test_an_empty_journal_exports_and_says_what_is_missing(journal_file, tmp_path):
    missing_file, _ = export(journal_file, tmp_path / "a")  # no journal yet: the student never saved anything
    journal_file.parent.mkdir(parents=True)
    journal_file.write_text('{"version": 1, "entries": []}', encoding="utf-8")
    empty, markdown = export(journal_file, tmp_path / "b")
    assert missing_file == empty
    claims = overview._claims()
    for claim in claims:
        assert f"rating of claim {claim}" in empty and f"rating of claim {claim}" in markdown
    assert empty.count("Nothing from this notebook is in the journal yet.") == 9  # notebooks 01-09
    assert "a written conclusion" in empty and "<h3>Predictions</h3>" not in empty
    assert all(q.prompt.split()[0] in markdown for q in questions.bank().values())


def test_a_partial_journal_exports_what_exists(journal_file, tmp_path):
    journal = Journal(journal_file)
    journal.record("rating", "C3", {"stars": 5, "reason": "recognition never wavered"}, "03_serbia_kosovo.ipynb")
    journal.record("prediction", "04.bih-continues", {"guess": 7}, "04_bosnia_dayton.ipynb")
    page, markdown = export(journal_file, tmp_path / "out")
    assert "5/5" in page and "recognition never wavered" in markdown
    assert "rating of claim C3" not in page and "rating of claim C4" in page
    section = page[page.index("<h2>04 ·"):page.index("<h2>05 ·")]
    assert "<dd>7</dd>" in section and "Not answered yet" in section
    assert "prediction: Out of every 10" not in section  # answered, so not missing
    assert page.count("Nothing from this notebook is in the journal yet.") == 7  # 01, 02, 05-09


@pytest.mark.parametrize("content", ['{"entries": [', "not json at all", '{"something": "else"}', b"\xff\xfe{"])
def test_a_corrupt_journal_is_reported_and_never_touched(journal_file, tmp_path, content):
    journal_file.parent.mkdir(parents=True)
    raw = content if isinstance(content, bytes) else content.encode()
    journal_file.write_bytes(raw)
    with pytest.raises(HandInError, match=re.escape(journal_file.name)) as error:
        handin.export(journal_file, "Ana", tmp_path / "out", on=DAY)
    assert "left exactly as it is" in str(error.value)
    assert journal_file.read_bytes() == raw
    assert sorted(p.name for p in journal_file.parent.iterdir()) == [journal_file.name]  # nothing set aside, no lock
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_damaged_entries_are_shown_as_saved_and_the_journal_is_not_rewritten(journal_file, tmp_path):
    journal_file.parent.mkdir(parents=True)
    good = {"time": "2026-05-01T10:00:00+00:00", "notebook": "03_serbia_kosovo.ipynb", "kind": "rating",
            "key": "C3", "value": {"stars": "lots"}}
    raw = json.dumps({"version": 1, "entries": [good, {"kind": "answer", "key": "03.eu-holdouts"}]}).encode()
    journal_file.write_bytes(raw)
    page, _ = export(journal_file, tmp_path / "out")
    assert "not in a form this export recognises" in page and "lots" in page  # an odd value: shown, not dropped
    assert "1 entry of the journal could not be read" in page and "03.eu-holdouts" in page
    assert journal_file.read_bytes() == raw and not journal_file.with_name("journal.set-aside.json").exists()


def test_exporting_twice_gives_identical_files_and_leaves_the_journal_alone(full_journal, tmp_path):
    before = full_journal.read_bytes()
    first = [p.read_bytes() for p in handin.export(full_journal, "Ana", tmp_path / "out", on=DAY)]
    second_paths = handin.export(full_journal, "Ana", tmp_path / "out", on=DAY)
    assert [p.read_bytes() for p in second_paths] == first
    assert full_journal.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{stem('Ana')}.html", f"{stem('Ana')}.md"]
    # a new answer: the export is replaced, the new answer in it once, nothing doubled
    Journal(full_journal).record("rating", "C3", {"stars": 1, "reason": "changed my mind again"}, "03_serbia_kosovo.ipynb")
    page = second_paths[0].parent.joinpath(f"{stem('Ana')}.html")
    handin.export(full_journal, "Ana", tmp_path / "out", on=DAY)
    text = visible(page.read_text(encoding="utf-8"))
    assert text.count("changed my mind again") == 1 and "recognition held" not in text
    assert text.count("<h4>Claim C3:") == 1 and len(list((tmp_path / "out").iterdir())) == 2


def test_odd_names_are_escaped_and_made_safe_as_file_names(full_journal, tmp_path):
    out = tmp_path / "out"
    html_path, md_path = handin.export(full_journal, ODD_NAME, out, on=DAY)
    assert html_path.parent == out and md_path.parent == out and sorted(out.iterdir()) == sorted([html_path, md_path])
    for bad in "/\\<>\"'. ":
        assert bad not in html_path.stem.replace(f"-journal-{DAY}", "")
    assert not list(tmp_path.glob("etc*")) and not (tmp_path.parent / "etc").exists()
    page, markdown = html_path.read_text(encoding="utf-8"), md_path.read_text(encoding="utf-8")
    assert "&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;" in page and "<script" not in page
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    assert handin.safe_file_stem("../..") == "student" and handin.safe_file_stem("Đorđe Šarić") == "Đorđe-Šarić"
    assert handin.safe_file_stem("CON") == "CON_"


def test_a_name_is_required_never_guessed(full_journal, tmp_path):
    with pytest.raises(HandInError, match="name"):
        handin.export(full_journal, "   ", tmp_path / "out", on=DAY)
    assert not (tmp_path / "out").exists()


def test_a_hand_in_is_never_written_into_data(full_journal):
    from helpers import data

    with pytest.raises(HandInError, match="data folder"):
        handin.export(full_journal, "Ana", data.find_data_dir(), on=DAY)
    assert not list(data.find_data_dir().glob("Ana-journal-*"))


def test_the_machine_readable_copy_reads_back_whatever_the_reason_says(journal_file, tmp_path):
    reason = "tricky --> <!-- --!> -- ---- \\-- \"quoted\" and Đ"
    Journal(journal_file).record("rating", "C9", {"stars": 2, "reason": reason}, "06_the_vacuum.ipynb")
    for path in handin.export(journal_file, "Ana", tmp_path, on=DAY):
        student = overview.read_handin(path)
        assert student.name == "Ana" and student.ratings == {"C9": {"stars": 2, "reason": reason}}
        assert path.read_text(encoding="utf-8").count("-->") == 1  # the data block's comment ends only once


def make_class(folder: Path, tmp_path: Path) -> None:
    ratings = {"Ana": {"C3": 4, "C4": 5}, "Bojan": {"C3": 4}, "Dren": {"C3": 2, "T": 1}}
    for name, given in ratings.items():
        journal = Journal(tmp_path / f"{name}.json")
        for claim, stars in given.items():
            journal.record("rating", claim, {"stars": stars, "reason": f"{name}'s reason for {claim}"})
        handin.export(journal.path, name, folder, on=DAY)
    (folder / "Emir-journal-2026-11-30.html").write_text("<html>saved from the browser, cut short", encoding="utf-8")


def test_the_overview_of_a_class_with_one_broken_file(tmp_path):
    folder, out = tmp_path / "hand-ins", tmp_path / "overview.html"
    make_class(folder, tmp_path)
    unreadable = overview.write_overview(folder, out, on=DAY)
    assert [name for name, _ in unreadable] == ["Emir-journal-2026-11-30.html"]
    page = out.read_text(encoding="utf-8")
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>', page)
    assert rows == ["Ana", "Bojan", "Dren"]  # one row each, though each handed in .html and .md
    assert "Emir-journal-2026-11-30.html</b>: no machine-readable copy" in page
    assert "Claim C3: 3 of 3 students rated it; 0 gave 1, 1 gave 2, 0 gave 3, 2 gave 4, 0 gave 5" in page
    assert "Claim C4: 1 of 3 students rated it" in page and "Dren&#x27;s reason for T" in page
    charts = re.findall(r"<svg .*?</svg>", page, re.DOTALL)
    assert len(charts) == 3  # T, C3, C4: the claims someone rated
    for chart in charts:
        assert '<title id="' in chart and '<desc id="' in chart and 'role="img"' in chart
        assert {"#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#0072B2"} <= set(re.findall(r'fill="(#[0-9A-F]{6})"', chart))
    assert "<script" not in page and not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "No student has rated this claim yet." in page  # C1, for instance
    # a second run does not read the first overview as a hand-in, and gives the same page
    overview.write_overview(folder, folder / "overview.html", on=DAY)
    assert overview.write_overview(folder, folder / "overview.html", on=DAY) == unreadable


def test_the_teachers_commands(full_journal, tmp_path, capsys):
    out = tmp_path / "hand-ins"
    assert handin.main(["export", str(full_journal), "--name", "Ana", "--out", str(out), "--date", DAY]) == 0
    assert (out / f"{stem('Ana')}.html").exists() and (out / f"{stem('Ana')}.md").exists()
    (out / "notes.json").write_text("{}", encoding="utf-8")
    assert handin.main(["overview", str(out), "--out", str(tmp_path / "overview.html")]) == 0
    assert "notes.json" in capsys.readouterr().err and "Ana" in (tmp_path / "overview.html").read_text("utf-8")
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"entries": [')
    assert handin.main(["export", str(broken), "--name", "Ana", "--out", str(tmp_path / "x")]) == 1
    assert "could not be read" in capsys.readouterr().err and broken.read_bytes() == b'{"entries": ['
    assert handin.main(["export", str(tmp_path / "nowhere.json"), "--name", "Ana", "--out", str(tmp_path / "x")]) == 1
    assert "no journal file" in capsys.readouterr().err


def test_the_button_writes_both_files_and_says_where(full_journal, tmp_path):
    folder = tmp_path / "notebooks" / "hand-in"
    widget = handin.export_button(journal_file=full_journal, folder=folder)
    assert [type(c).__name__ for c in widget.children] == ["Text", "Button", "HTML"]
    assert widget.button.description == "Export my journal" and widget.name.description == "Your name:"
    widget.button.click()  # no name yet: nothing written, and the student is told why
    assert "Type your name" in widget.status.value and not folder.exists()
    widget.name.value = "Ana Kovač"
    widget.button.click()
    written = sorted(p.name for p in folder.iterdir())
    assert len(written) == 2 and written[0].startswith("Ana-Kovač-journal-") and written[1].endswith(".md")
    assert str(folder) in widget.status.value and written[0] in widget.status.value
    link = re.search(r'<a download="([^"]+\.html)" href="data:text/html;charset=utf-8;base64,([^"]+)"', widget.status.value)
    assert link and link.group(1) == written[0]
    import base64

    assert base64.b64decode(link.group(2)) == (folder / written[0]).read_bytes()
    # After a restart the name comes back, and it is never shown as an answer in the hand-in.
    again = handin.export_button(journal_file=full_journal, folder=folder)
    assert again.name.value == "Ana Kovač"
    again.button.click()
    page = (folder / written[0]).read_text(encoding="utf-8")
    assert "profile" not in page and "not in a form this export recognises" not in page


def test_the_button_reports_a_corrupt_journal(journal_file, tmp_path):
    journal_file.parent.mkdir(parents=True)
    journal_file.write_text("not json", encoding="utf-8")
    widget = handin.export_button(journal_file=journal_file, folder=tmp_path / "hand-in")
    widget.name.value = "Ana"
    widget.button.click()
    assert "could not be read" in widget.status.value and journal_file.read_text() == "not json"
    assert not (tmp_path / "hand-in").exists()


def test_the_whole_collection_says_how_many_claims_are_rated_and_never_calls_a_partial_journal_complete(
        journal_file, tmp_path):
    journal = Journal(journal_file)
    journal.record("rating", "T", {"stars": 3, "reason": "mixed on what happened"}, "09_the_verdict.ipynb")
    journal.record("conclusion", "T", {"text": "It held in words more than in money.", "verdict": ""})
    page, markdown = export(journal_file, tmp_path / "out")
    total = len(overview._claims())
    assert f"1 of {total} claims rated" in page and f"1 of {total} claims rated" in markdown
    assert "Every claim is rated" not in page and "Every claim is rated" not in markdown
    for claim in overview._claims():
        if claim != "T":
            journal.record("rating", claim, {"stars": 4, "reason": "enough"}, "")
    page, _ = export(journal_file, tmp_path / "all")
    assert f"Every claim is rated ({total} of {total} claims rated) and the conclusion is written." in page
