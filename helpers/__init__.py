"""Helpers for the notebooks: data, analysis, charts, tables, widgets, questions, exercises, journal.

A notebook imports what it needs, e.g. ``from helpers import data, widgets``.
"""

from . import analysis, charts, data, exercises, journal, questions, reveals, tables, widgets

__all__ = ["analysis", "charts", "data", "exercises", "journal", "questions", "reveals", "tables", "widgets"]
__version__ = "0.1.0"
