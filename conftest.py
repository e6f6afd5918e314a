"""Run nbval on copies of the notebooks that carry the pinned outputs.

Notebooks are committed without outputs, but nbval only compares a cell marked
`# NBVAL_CHECK_OUTPUT` against an output stored in the notebook. So before collection we
write copies of every notebook into a temporary folder, with the expected output of each
pinned cell taken from tests/pinned_outputs.json, and hand that folder to pytest.
Regenerate the expectations after a deliberate data change with `python tests/pin_outputs.py`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
NOTEBOOKS = REPO / "notebooks"
PINNED = REPO / "tests" / "pinned_outputs.json"
MARK = "# NBVAL_CHECK_OUTPUT"
STARTED = pytest.StashKey[float]()


def pinned_folder() -> Path:
    # The same path in every xdist worker, so all workers collect the same items.
    digest = hashlib.sha1(str(REPO).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"balkans-nbval-{digest}" / "notebooks"


def write_pinned_copies(target: Path) -> None:
    expected = json.loads(PINNED.read_text(encoding="utf-8")) if PINNED.exists() else {}
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        pins = expected.get(path.name, {})
        for cell in notebook["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code" and MARK in source:
                if cell["id"] not in pins:
                    raise RuntimeError(f"{path.name} cell {cell['id']} is pinned but has no entry in {PINNED.name}; "
                                       "run `python tests/pin_outputs.py`")
                cell["execution_count"] = 1
                cell["outputs"] = [{"name": "stdout", "output_type": "stream", "text": pins[cell["id"]]}]
        handle, temporary = tempfile.mkstemp(dir=target, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(notebook, stream)
        os.replace(temporary, target / path.name)


def pytest_configure(config):
    config.stash[STARTED] = time.time()
    if not getattr(config.option, "nbval_lax", False):
        return
    target = pinned_folder()
    write_pinned_copies(target)
    # Only a plain `pytest` (no paths given) adds the notebooks; xdist workers get the
    # controller's paths, which already include them.
    if config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        config.args.append(str(target))


def pytest_terminal_summary(terminalreporter):
    # Here, not in tests/browser: with pytest-xdist only the root conftest reaches the main process.
    from tests.browser.jupyter import SCREENSHOTS

    started = terminalreporter.config.stash.get(STARTED, 0.0)
    shots = [p for p in SCREENSHOTS.rglob("*.png") if p.stat().st_mtime >= started] if SCREENSHOTS.exists() else []
    if shots:
        terminalreporter.write_line(f"browser screenshots ({len(shots)}) for a person to look at: {SCREENSHOTS}")
