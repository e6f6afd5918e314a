"""Start JupyterLab on a temporary copy of the notebooks and drive it from Chromium.

Shared by the browser tests (tests/browser) and the browser benchmark (benchmarks/).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("BALKANS_SCREENSHOTS", REPO / "screenshots"))
CHROMIUM = os.environ.get("BALKANS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# What a widget that failed to render leaves behind in an output area.
UNRENDERED = re.compile(r"\b(VBox|HBox|Box|IntSlider|Dropdown|ToggleButtons|RadioButtons|Button|HTML|Textarea|Text|"
                        r"SelectionSlider|RecognitionExplorer|EventsExplorer|Prediction|Choice|Number|Reflection|Coding|"
                        r"After|ClaimRating)\(children=|Error displaying widget|Loading widget\.\.\.")


def why_no_browser() -> str | None:
    if not Path(CHROMIUM).exists():
        return (f"browser tests skipped: {CHROMIUM} not found. Install it with "
                "`apt-get install chromium chromium-driver` (as root), then run `make test` again.")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: the playwright package is not installed (`make install` installs it)."
    return None


@dataclass
class Lab:
    base: str
    token: str
    notebooks: Path

    def url(self, notebook: str) -> str:
        # A fresh named workspace each time, so no layout (other open notebooks) is restored.
        workspace = secrets.token_hex(4)
        return f"{self.base}/lab/workspaces/{workspace}/tree/{notebook}?token={self.token}&reset"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, log_path: Path, failure: str, timeout: float = 120) -> None:
    """Poll url until it answers 200; if the server exits or the time runs out, fail with the end of its log."""
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if server.poll() is not None or time.time() > deadline:
            raise RuntimeError(f"{failure}; log:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.5)


@contextmanager
def running_lab(root: Path):
    """JupyterLab on 127.0.0.1 with a token, serving a copy of notebooks/ under root."""
    notebooks = root / "notebooks"
    shutil.copytree(REPO / "notebooks", notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = root / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    overrides = json.loads((REPO / "jupyter" / "overrides.json").read_text())
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps(overrides["@jupyterlab/apputils-extension:notification"]))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"), JUPYTER_RUNTIME_DIR=str(root / "runtime"),
               BALKANS_JOURNAL=str(root / "journal.json"))
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={notebooks}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log_path = root / "lab.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=notebooks, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(f"{base}/api/status?token={token}", server, log_path, "JupyterLab did not start")
            yield Lab(base, token, notebooks)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# Page actions -------------------------------------------------------------------------


def open_notebook(page, lab: Lab, notebook: str) -> None:
    page.goto(lab.url(notebook))
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    wait_for_idle_kernel(page)


def wait_for_idle_kernel(page, timeout: float = 180_000) -> None:
    page.wait_for_function(
        "() => { const s = document.querySelector('#jp-main-statusbar');"
        " return s && /\\|\\s*Idle/.test(s.innerText); }", timeout=timeout)


WIDGET_VIEWS = ".jp-OutputArea-output > .jupyter-widgets"


def wait_for_widgets(page, expected: int, timeout: float = 60_000) -> None:
    """Widget views render asynchronously after the kernel is idle: wait until `expected` are on the page."""
    if expected:
        page.wait_for_function("n => document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length >= n",
                               arg=expected, timeout=timeout)


def run_all(page, timeout: float = 240_000) -> None:
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    # Every code cell has run when no prompt is empty or busy and the kernel is idle again.
    # ... or a cell failed (Run All stops there): then return at once, and output_problems() says what failed.
    page.wait_for_function(
        "() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim());"
        " const failed = document.querySelector('.jp-OutputArea-output[data-mime-type=\"application/vnd.jupyter.error\"]')"
        "  || [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type=\"application/vnd.jupyter.stderr\"]')]"
        "     .some(e => e.textContent.includes('could not be read'));"
        " return failed || p.every(t => /^\\[\\d+\\]:$/.test(t)); }", timeout=timeout)
    wait_for_idle_kernel(page, timeout)


def output_problems(page) -> list[str]:
    """Error outputs and widgets left as text placeholders, as the student would see them."""
    problems = []
    for output in page.locator(".jp-OutputArea-output").all():
        text = output.evaluate("e => e.textContent")  # innerText is empty for cells scrolled out of view
        kind = output.get_attribute("data-mime-type")
        if ("Traceback" in text or kind == "application/vnd.jupyter.error"
                or (kind == "application/vnd.jupyter.stderr" and "could not be read" in text)):
            problems.append("error output: " + text[:300])
        if UNRENDERED.search(text):
            problems.append("widget not rendered: " + text[:200])
    return problems


def by_label(container, label: str, kind: str):
    """The widget of a kind ('widget-hslider', 'widget-dropdown'...) whose description is label."""
    return container.locator(f".{kind}").filter(has=container.page.locator(".widget-label", has_text=label)).first


def choose(container, label: str, option_start: str) -> None:
    """Pick the option of a labelled dropdown whose text starts with option_start ('Kosovo (18)')."""
    select = by_label(container, label, "widget-dropdown").locator("select")
    texts = select.evaluate("s => [...s.options].map(o => o.text)")  # option text is not 'visible' to inner_text
    # ipywidgets writes option labels with non-breaking spaces.
    options = [text for text in texts if text.replace("\xa0", " ").strip().startswith(option_start)]
    assert options, f"no option of {label!r} starts with {option_start!r}: {texts}"
    option = options[0]
    select.select_option(label=option)
