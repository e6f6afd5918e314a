"""Helpers for the notebooks: data, analysis, charts, tables, widgets, questions, exercises, journal.

A notebook imports what it needs, e.g. ``from helpers import data, widgets``.
"""

import balkans_ipython

from . import analysis, charts, data, exercises, journal, printing, questions, reveals, tables, widgets

__all__ = ["analysis", "charts", "data", "exercises", "journal", "printing", "questions", "reveals", "tables", "widgets"]
__version__ = "0.1.0"


def _data_error(error: Exception) -> str:
    return f"A data file could not be read. {error}"  # names file, line, column and the fix


balkans_ipython.register(data.DataError, _data_error)

printing.install()  # only with BALKANS_PRINT=1 (make print): widgets shown as static HTML
