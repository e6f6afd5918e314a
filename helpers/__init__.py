"""Helpers for the notebooks: data, analysis, charts, tables, widgets, questions, exercises, journal.

A notebook imports what it needs, e.g. ``from helpers import data, widgets``.
"""

import sys

from . import analysis, charts, data, exercises, journal, questions, reveals, tables, widgets

__all__ = ["analysis", "charts", "data", "exercises", "journal", "questions", "reveals", "tables", "widgets"]
__version__ = "0.1.0"


def _show_data_errors_plainly() -> None:
    """In a notebook, a broken data file shows its one-line message, not a 40-line traceback."""
    try:
        shell = get_ipython()  # noqa: F821 (defined only inside IPython)
    except NameError:
        return

    def plain(shell, kind, error, _traceback, tb_offset=None):
        # IPython leaves the display to the handler: one line naming file, line, column and the fix.
        print(f"A data file could not be read. {error}", file=sys.stderr)
        return [str(error)]

    shell.set_custom_exc((data.DataError,), plain)


_show_data_errors_plainly()
