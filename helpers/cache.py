"""The user's cache folder: what can be rebuilt, never the student's work and never data/.

Holds the chart widget's JavaScript bundle and the fingerprints of data files that have
passed validation. Deleting the folder only costs time. BALKANS_CACHE moves it (tests).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import platformdirs

VALIDATED = "validated.json"


def cache_dir() -> Path:
    return Path(os.environ.get("BALKANS_CACHE") or platformdirs.user_cache_dir("balkans-claims"))


def write_atomically(path: Path, text: str, prefix: str | None = None) -> None:
    """Write whole or not at all: a temporary file beside it (readable by its owner only), flushed to disk,
    then renamed over it, so a kernel stopped mid-write leaves the old file. Used for the cache, the journal
    and the hand-ins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix or f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_read: dict[Path, set[str]] = {}  # read once per process and folder


def _validated() -> set[str]:
    path = cache_dir() / VALIDATED
    if path not in _read:
        try:
            _read[path] = set(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            _read[path] = set()  # missing or damaged: everything is validated again
    return _read[path]


def has_passed(fingerprint: str) -> bool:
    """Did a file with exactly this content and schema pass validation before?"""
    return fingerprint in _validated()


def remember_passed(fingerprint: str) -> None:
    known = _validated()
    known.add(fingerprint)
    try:
        write_atomically(cache_dir() / VALIDATED, json.dumps(sorted(known)[-500:]))
    except OSError:
        pass  # a read-only home validates again next time; nothing is lost
