import json
import subprocess
import sys
import textwrap
import time

import pytest

from helpers.journal import Journal, JournalWarning, journal_path


def test_records_survive_a_new_journal_object(journal_file):
    Journal(journal_file).record("rating", "C3", {"stars": 4, "reason": "recognition held"}, notebook="03")
    again = Journal(journal_file)
    assert again.latest("rating", "C3") == {"stars": 4, "reason": "recognition held"}
    assert again.entries()[0]["notebook"] == "03"


def test_latest_value_wins_and_history_is_kept(journal_file):
    journal = Journal(journal_file)
    journal.record("prediction", "kosovo-un", {"guess": 90})
    journal.record("prediction", "kosovo-un", {"guess": 110})
    assert journal.latest("prediction", "kosovo-un") == {"guess": 110}
    assert [e["value"]["guess"] for e in journal.entries()] == [90, 110]
    assert journal.latest("prediction", "never-asked") is None


def test_environment_variable_sets_the_path(monkeypatch, tmp_path):
    monkeypatch.setenv("BALKANS_JOURNAL", str(tmp_path / "mine.json"))
    assert journal_path() == tmp_path / "mine.json"


def test_default_path_is_outside_the_repository(monkeypatch):
    monkeypatch.delenv("BALKANS_JOURNAL")
    from tests.conftest import REPO

    assert REPO not in journal_path().parents


def test_a_value_that_cannot_be_saved_leaves_the_file_alone(journal_file):
    journal = Journal(journal_file)
    journal.record("answer", "q1", 1)
    before = journal_file.read_bytes()
    with pytest.raises(TypeError):
        journal.record("answer", "q2", object())
    assert journal_file.read_bytes() == before


@pytest.mark.parametrize("content", ['{"entries": [', "not json at all", '{"something": "else"}', "\xff\xfe"])
def test_corrupt_journal_is_kept_aside_not_overwritten(journal_file, content):
    journal_file.parent.mkdir(parents=True)
    journal_file.write_text(content, encoding="latin-1")
    journal = Journal(journal_file)
    with pytest.warns(JournalWarning, match="could not be read"):
        journal.record("answer", "q1", "B")
    kept = list(journal_file.parent.glob("journal.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="latin-1") == content
    assert kept[0].name in journal.notice and str(journal_file.parent) in journal.notice
    assert Journal(journal_file).latest("answer", "q1") == "B"


def test_two_processes_writing_at_once_lose_nothing(journal_file):
    script = textwrap.dedent(f"""
        import sys
        from helpers.journal import Journal
        journal = Journal({str(journal_file)!r})
        for i in range(40):
            journal.record("answer", f"{{sys.argv[1]}}-{{i}}", i)
    """)
    writers = [subprocess.Popen([sys.executable, "-c", script, name]) for name in ("a", "b")]
    assert [p.wait(timeout=120) for p in writers] == [0, 0]
    keys = {e["key"] for e in Journal(journal_file).entries()}
    assert keys == {f"{name}-{i}" for name in "ab" for i in range(40)}


def test_a_killed_kernel_leaves_a_readable_journal(journal_file):
    script = textwrap.dedent(f"""
        from helpers.journal import Journal
        journal = Journal({str(journal_file)!r})
        i = 0
        while True:
            journal.record("answer", f"q{{i}}", "x" * 2000)
            i += 1
    """)
    writer = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.time() + 60
    while time.time() < deadline and not (journal_file.exists() and len(json.loads(journal_file.read_text())["entries"]) > 20):
        time.sleep(0.05)
    writer.kill()  # SIGKILL: no cleanup runs, as when a kernel dies
    writer.wait()
    entries = Journal(journal_file).entries()  # parses: the file is never half-written
    assert len(entries) > 20
    assert [e["key"] for e in entries] == [f"q{i}" for i in range(len(entries))]
    assert not list(journal_file.parent.glob("journal.unreadable-*"))


def test_a_stray_temporary_file_from_an_interrupted_save_is_cleaned_on_the_next_save(journal_file):
    journal = Journal(journal_file)
    journal.record("answer", "q1", 1)
    stray = journal_file.parent / ".journal-abc123.tmp"
    stray.write_text("half a journal")
    journal.record("answer", "q2", 2)
    assert not stray.exists() and [e["key"] for e in journal.entries()] == ["q1", "q2"]


def test_set_aside_moves_only_the_unusable_entries_of_one_key(journal_file):
    journal = Journal(journal_file)
    journal.record("rating", "C3", {"stars": 4, "reason": "fine"})
    journal.record("rating", "C3", {"stars": "lots"})
    journal.record("rating", "C4", {"stars": "lots"})
    notice = journal.set_aside("rating", "C3", lambda v: isinstance(v.get("stars"), int))
    assert "moved to" in notice and journal.latest("rating", "C3") == {"stars": 4, "reason": "fine"}
    assert journal.latest("rating", "C4") == {"stars": "lots"}  # another key: not touched
    assert journal.set_aside("rating", "C3", lambda v: True) == ""


def test_a_damaged_entry_is_moved_on_its_own_and_the_rest_kept(journal_file):
    journal_file.parent.mkdir(parents=True)
    good = {"time": "t", "notebook": "03", "kind": "rating", "key": "C3", "value": {"stars": 4, "reason": "fine"}}
    journal_file.write_text(json.dumps({"version": 1, "entries": [good, {"kind": "answer", "key": "q1"}]}))
    journal = Journal(journal_file, warn=False)
    assert journal.latest("rating", "C3") == {"stars": 4, "reason": "fine"}
    assert "1 entry of your journal could not be read" in journal.notice
    side = json.loads(journal_file.with_name("journal.set-aside.json").read_text())["entries"]
    assert side == [{"kind": "answer", "key": "q1"}] and not list(journal_file.parent.glob("*.unreadable-*"))
