"""The app view for a projector: `make app` serves a notebook through Voila, code hidden, widgets live.

Started by the documented command itself, on a free loopback port with a token, and driven in
Chromium as a teacher at the front of the class would: lock in the class's guess, then move
the year slider of the recognition explorer and watch the charts follow.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser import jupyter
from tests.conftest import REPO

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/03_serbia_kosovo.ipynb"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("app")
    port, token = jupyter._free_port(), secrets.token_hex(16)
    env = dict(os.environ, APP_TOKEN=token, BALKANS_JOURNAL=str(root / "journal.json"))
    log_path = root / "voila.log"
    # -o: never reinstall here (no network in tests); `make install` already ran.
    command = ["make", "-s", "-o", ".venv/.installed", "app", f"NB={NOTEBOOK}", f"APP_PORT={port}"]
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)  # its own group: make, the shell and Voila
        try:
            base = f"http://127.0.0.1:{port}"
            jupyter.wait_until_up(f"{base}/voila/static/voila.js", server, log_path, "`make app` did not start Voila")
            yield base, token, log_path
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def test_the_app_needs_its_token(app):
    base, _token, _log = app
    with pytest.raises(urllib.error.HTTPError):  # redirected to a login page that asks for the token
        urllib.request.build_opener(NoRedirect).open(f"{base}/", timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_widget_in_the_app_view(page, app, screenshot_dir):
    base, token, log = app
    assert f"http://127.0.0.1:{base.rsplit(':', 1)[1]}/?token=" in log.read_text()  # the line the teacher opens
    page.goto(f"{base}/?token={token}")
    # The class's guess first: the explorer opens once a guess is locked in, as in the notebook.
    predict = page.locator(".jp-OutputArea-output .widget-vbox").filter(
        has_text="How many of the 193 member states").filter(has_not_text="This part opens once").last
    predict.locator("input[type=text]").wait_for(timeout=120_000)
    predict.scroll_into_view_if_needed()
    predict.locator("input[type=text]").fill("100")
    predict.locator("button", has_text="Lock in my guess").click()
    expect(predict.locator('[role="status"]')).to_contain_text("Your guess, 100")
    expect(predict).to_contain_text("Figures for the number of states")

    explorer = page.locator(".jp-OutputArea-output > .widget-vbox").filter(
        has=page.locator(".widget-dropdown .widget-label", has_text="Count recognitions by")).first
    explorer.scroll_into_view_if_needed()
    timeline = explorer.locator(".balkans-vega").first
    expect(timeline.locator("svg")).to_contain_text("Recognitions of Kosovo by UN member states, 2008-2026")
    summary = explorer.locator('[role="status"]').first
    expect(summary).to_contain_text("by the end of 2026")
    before = timeline.get_attribute("data-revision")
    handle = jupyter.by_label(explorer, "Up to the end of", "widget-hslider").locator(".noUi-handle")
    handle.focus()
    page.keyboard.press("ArrowLeft")
    expect(summary).to_contain_text("by the end of 2025")
    expect(timeline).not_to_have_attribute("data-revision", before)
    expect(timeline.locator("svg")).to_contain_text("Recognitions of Kosovo by UN member states, 2008-2025")
    width = timeline.locator("svg.marks, canvas").first.evaluate("e => e.getBoundingClientRect().width")
    assert width > 300, f"the chart is drawn only {width:.0f} px wide"

    # Code hidden: no code cell's source, no editor, no prompt; and no error output.
    html = page.content()
    assert "from helpers import" not in html
    assert page.locator(".jp-CodeMirrorEditor, .cm-editor, .jp-InputPrompt").count() == 0
    assert jupyter.output_problems(page) == []
    page.screenshot(path=str(screenshot_dir / "app-view.03_serbia_kosovo.png"))
