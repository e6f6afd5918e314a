"""One guard for every widget callback: no silent failure.

An exception in a callback only reaches JupyterLab's log console, which students never open:
a control would show one setting and its chart another, or a button would seem to do nothing.
Every callback of every widget runs through ``reported``: an exception is logged and shown as
a short plain message in the widget's own output, and charts and tables that could now be
stale are emptied. An empty result is not an error; the widgets show it as a normal state.
"""

from __future__ import annotations

import functools
import html
import logging

log = logging.getLogger("helpers")
log.addHandler(logging.NullHandler())  # logged for whoever configures logging, never printed into a cell
MESSAGE_PARTS = ("summary", "feedback", "status")  # where a widget writes its sentence, in that order
STALE_PARTS = ("chart", "table", "timeline", "map")  # outputs that must not outlive the settings they showed


def message_html(error: Exception) -> str:
    from .data import DataError

    if isinstance(error, DataError):  # a broken table: its own message says which file, line and fix
        return (f'<div role="alert" style="color:#8f3a00"><b>A data file could not be read.</b> '
                f"{html.escape(str(error))}</div>")
    return ('<div role="alert" style="color:#8f3a00"><b>Something went wrong here</b> '
            f"({html.escape(type(error).__name__)}: {html.escape(str(error))}). Change the setting back or try "
            "again; if it happens again, choose Kernel, Restart Kernel and Run All Cells, and tell your teacher "
            "what you did.</div>")


def reported(callback):
    """Run a widget's callback; if it fails, say so in the widget and log it, never fail silently."""
    @functools.wraps(callback)
    def guarded(self, *args, **kwargs):
        try:
            return callback(self, *args, **kwargs)
        except Exception as error:  # noqa: BLE001 (shown to the student and logged, never swallowed)
            log.exception("%s.%s failed", type(self).__name__, callback.__name__)
            if isinstance(getattr(self, "state", None), dict):
                self.state["error"] = f"{type(error).__name__}: {error}"
            for part in STALE_PARTS:
                stale = getattr(self, part, None)
                if hasattr(stale, "clear"):  # a browser-drawn chart hides until its next update
                    stale.clear()
                elif hasattr(stale, "value"):
                    stale.value = ""
            target = next((getattr(self, p) for p in MESSAGE_PARTS if hasattr(self, p)), None)
            if target is not None:
                target.value = message_html(error)
            elif hasattr(self, "children"):  # a container with no sentence of its own shows the message instead
                import ipywidgets

                self.children = [ipywidgets.HTML(message_html(error))]
            return None
    return guarded
