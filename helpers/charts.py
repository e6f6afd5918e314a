"""The house style shared by every chart and table: colours, dates, captioned tables.

Colours are the Okabe-Ito palette, which stays distinguishable for the common forms of
colour blindness; sequential scales use cividis for the same reason. The interactive
charts themselves are Vega-Lite specs (vega_charts.py), drawn in the browser (vega.py).
"""

from __future__ import annotations

import pandas as pd

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
PALETTE = list(OKABE_ITO.values())
KOSOVO_COLOUR = OKABE_ITO["purple"]  # outside cividis' blue-to-yellow range, so never mistaken for a year
SEQUENTIAL = "cividis"


def format_date(value, precision: str = "day") -> str:
    """A date as precise as it is known: '18 February 2008', 'May 2025' or '2025', never an invented day."""
    if value is None or pd.isna(value):
        return ""
    value = pd.Timestamp(value)
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def table(frame: pd.DataFrame, caption: str, columns: dict[str, str] | None = None):
    """A captioned table without the index, dates shown as dates: for display in a notebook."""
    shown = frame[list(columns)].rename(columns=columns) if columns else frame
    formats = {c: "{:%Y-%m-%d}" for c in shown.columns if pd.api.types.is_datetime64_any_dtype(shown[c])}
    return (shown.style.hide(axis="index").set_caption(caption).format(formats, na_rep="")
            .set_properties(**{"text-align": "left", "vertical-align": "top"})
            .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))
