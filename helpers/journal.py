"""The student's journal: predictions, answers, ratings and reasons, kept across sessions.

One JSON file outside ``data/``: by default in the user's data directory (see
``journal_path()``), or wherever the environment variable ``BALKANS_JOURNAL`` points (a
teacher on a shared JupyterHub may set it to the student's home folder).

Every save takes a lock, rereads the file, appends the new entry and replaces the file
atomically (write to a temporary file, flush to disk, rename). So a kernel killed
mid-save leaves the previous journal intact, and two notebooks open at once never
overwrite each other's entries; a temporary file left by an interrupted save is removed
by the next one. A journal that cannot be parsed (truncated by a full disk) is moved aside
under a new name, never overwritten. A damaged entry, or an answer a question cannot use
(``set_aside``), is moved on its own to ``journal.set-aside.json`` and the rest is kept.
Either way the student is told where it went, in every widget of the session.
"""

from __future__ import annotations

import json
import os
import warnings
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock

from .cache import write_atomically

APP_NAME = "balkans-claims"
SESSION_NOTICES: list[str] = []  # what happened to the journal in this kernel, for every widget to show
FORMAT_VERSION = 1


class JournalWarning(UserWarning):
    """Something happened to the journal file that the student should know about."""


def journal_path() -> Path:
    """Where the journal is kept on this machine."""
    override = os.environ.get("BALKANS_JOURNAL")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "journal.json"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Journal:
    """Read and append entries; every entry is kept, the latest one of a kind and key wins."""

    def __init__(self, path: Path | str | None = None, warn: bool = True):
        self.path = Path(path) if path else journal_path()
        self.notice = ""  # a message for the student, e.g. after a corrupt file was set aside
        self.warn = warn  # widgets show the notice themselves, in words, not as a Python warning

    def _lock(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.path) + ".lock", timeout=30)

    def _payload(self, entries: list[dict]) -> str:
        return json.dumps({"version": FORMAT_VERSION, "entries": entries}, ensure_ascii=False, indent=1)

    def _side_file(self) -> Path:
        return self.path.with_name(f"{self.path.stem}.set-aside{self.path.suffix}")

    @staticmethod
    def _side_entries(side: Path) -> list:
        try:
            return json.loads(side.read_text(encoding="utf-8")).get("entries", []) if side.exists() else []
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
            return []  # a damaged side file is not read back; the new entries still go to it

    def _tell(self, notice: str) -> None:
        """A notice for this widget, for every widget created later in this session, and as a warning."""
        self.notice = notice
        SESSION_NOTICES.append(notice)
        if self.warn:
            warnings.warn(notice, JournalWarning, stacklevel=4)

    def _set_aside(self, reason: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}{self.path.suffix}")
        counter = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}-{counter}{self.path.suffix}")
            counter += 1
        os.replace(self.path, aside)
        self._tell(
            f"Your journal could not be read ({reason}). It was kept as {aside.name}, next to your journal in "
            f"{self.path.parent}, and nothing in it was deleted; a new journal has been started. A teacher can "
            "repair the old file by hand and put it back."
        )

    def _read_unlocked(self) -> list[dict]:
        if not self.path.exists():
            return []
        try:
            content = json.loads(self.path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            self._set_aside(f"not valid JSON: {err}")
            return []
        entries = content.get("entries") if isinstance(content, dict) else None
        if not isinstance(entries, list):
            self._set_aside("it does not have the expected 'entries' list")
            return []
        good = [e for e in entries if isinstance(e, dict) and {"kind", "key", "value"} <= e.keys()]
        if len(good) < len(entries):  # a few damaged entries: move only those, keep the rest
            bad = [e for e in entries if not any(e is g for g in good)]
            side = self._side_file()
            self._write_unlocked([], side, self._payload(self._side_entries(side) + bad))
            self._write_unlocked(good)
            self._tell(f"{len(bad)} entr{'y' if len(bad) == 1 else 'ies'} of your journal could not be read and "
                       f"{'was' if len(bad) == 1 else 'were'} moved to {side.name}, next to your journal in "
                       f"{self.path.parent}; everything else is kept.")
        return good

    def _write_unlocked(self, entries: list[dict], path: Path | None = None, payload: str | None = None) -> None:
        path = path or self.path
        payload = self._payload(entries) if payload is None else payload
        # Under the lock no other save is running, so any temporary file left here is from an interrupted one.
        for stray in path.parent.glob(".journal-*.tmp"):
            stray.unlink(missing_ok=True)
        write_atomically(path, payload, prefix=".journal-")

    def entries(self) -> list[dict]:
        """Every entry, oldest first."""
        with self._lock():
            return self._read_unlocked()

    def record(self, kind: str, key: str, value, notebook: str = "") -> dict:
        """Append one entry, e.g. record("rating", "C3", {"stars": 4, "reason": "..."})."""
        entry = {"time": _now(), "notebook": notebook, "kind": kind, "key": key, "value": value}
        json.dumps(entry)  # fail here, before touching the file, if the value cannot be saved
        with self._lock():
            entries = self._read_unlocked()
            entries.append(entry)
            self._write_unlocked(entries)
        return entry

    def set_aside(self, kind: str, key: str, usable) -> str:
        """Move the entries of one kind and key whose value is not usable to a side file.

        The rest of the journal is kept as it is; nothing is deleted. Returns a notice for the
        widget the entries belonged to ("" when every entry was usable).
        """
        side = self._side_file()
        with self._lock():
            entries = self._read_unlocked()
            moved = [e for e in entries if e["kind"] == kind and e["key"] == key and not usable(e["value"])]
            if not moved:
                return ""
            kept = [e for e in entries if not any(e is m for m in moved)]
            self._write_unlocked([], side, self._payload(self._side_entries(side) + moved))
            self._write_unlocked(kept)
        return (f"An earlier answer in your journal could not be read ({len(moved)} entr"
                f"{'y' if len(moved) == 1 else 'ies'}); it was moved to {side.name}, next to your journal in "
                f"{self.path.parent}. Nothing was deleted, and you can answer again here.")

    def latest(self, kind: str, key: str):
        """The most recent value saved for this kind and key, or None."""
        for entry in reversed(self.entries()):
            if entry["kind"] == kind and entry["key"] == key:
                return entry["value"]
        return None
