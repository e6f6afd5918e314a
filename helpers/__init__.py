"""Helpers for the notebooks: data, analysis, charts, widgets, exercises, journal.

A notebook imports what it needs, e.g. ``from helpers import data, widgets``.
"""

from . import analysis, charts, data, exercises, journal, widgets

__all__ = ["analysis", "charts", "data", "exercises", "journal", "widgets"]
__version__ = "0.1.0"
