"""Vega-Lite specs for the EU and its partners in the region (claims C7-C9, C12), in the house style.

The wait for membership on the calendar or on years since application; chapters opened and
closed over time; partners' shares side by side; poll answers over time. Marks differ by
shape or dash as well as colour (Okabe-Ito); every chart is titled, and the sentence that
describes it is written by the explorer, where the numbers are known.
"""

from __future__ import annotations

from . import analysis
from .charts import OKABE_ITO
from .vega import VEGA_LITE_SCHEMA
from .vega_charts import ESSAY_COLOUR, FIT, FONT

STAGE_MARKS = {  # stage label -> (colour, shape); the order is the legend's
    "applied": (OKABE_ITO["blue"], "circle"),
    "became a candidate": (OKABE_ITO["orange"], "square"),
    "opened negotiations": (OKABE_ITO["green"], "triangle-up"),
    "signed the accession treaty": (OKABE_ITO["purple"], "diamond"),
    "joined": (OKABE_ITO["black"], "cross"),
    "froze or withdrew its application": (OKABE_ITO["vermillion"], "triangle-down"),
}
PARTNER_COLOURS = {"EU": OKABE_ITO["blue"], "China": OKABE_ITO["vermillion"], "Russia": OKABE_ITO["orange"],
                   "United States": OKABE_ITO["green"], "Western Balkans (CEFTA)": OKABE_ITO["sky_blue"],
                   "NATO": OKABE_ITO["purple"]}
LEGEND = {"orient": "bottom", "direction": "horizontal", "title": None}
# Answers can be many and long: in columns, so a legend never grows wider than the chart.
OPINION_LEGEND = {"orient": "bottom", "direction": "horizontal", "columns": 3, "labelLimit": 260, "title": None}


def _essay_band() -> dict:
    start, end, label = analysis.ESSAY_PERIOD
    return {"data": {"values": [{"start": f"{start:%Y-%m-%d}", "end": f"{end:%Y-%m-%d}", "label": label}]},
            "mark": {"type": "rect", "color": ESSAY_COLOUR, "opacity": 0.35},
            "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"},
                         "tooltip": [{"field": "label", "title": "Shaded"}]}}


def _essay_note() -> dict:
    _start, end, _label = analysis.ESSAY_PERIOD
    return {"data": {"values": [{"end": f"{end:%Y-%m-%d}"}]},
            "mark": {"type": "text", "text": "after the essay →", "align": "right", "baseline": "top", "dx": -4, "y": 2,
                     "fontSize": 12, "color": "#6b2a52", "aria": False},
            "encoding": {"x": {"field": "end", "type": "temporal"}}}


def timeline_spec(align: str, rows: list[dict], spans: list[dict], essay: bool = True) -> dict:
    """Each country's steps to membership: on the calendar ('calendar') or in years since it applied ('years')."""
    if align == "calendar":
        x = {"field": "date", "type": "temporal", "title": "Year", "scale": {"padding": 12},
             "axis": {"format": "%Y", "labelOverlap": True}}
        x_end = {"field": "end_date"}
        span_x = {"field": "start_date", "type": "temporal"}
    else:
        x = {"field": "years", "type": "quantitative", "title": "Years since the country applied",
             "scale": {"domainMin": 0, "nice": False}, "axis": {"format": "d", "tickMinStep": 1}}
        x_end = {"field": "end_years"}
        span_x = {"field": "start_years", "type": "quantitative"}
    y = {"field": "country", "type": "nominal", "title": None, "sort": {"field": "order"}}
    stages = list(STAGE_MARKS)
    layers = [
        {"data": {"name": "spans"}, "mark": {"type": "rule", "strokeWidth": 2, "color": "#555"},
         "encoding": {"x": span_x, "x2": x_end, "y": y,
                      "strokeDash": {"field": "state", "type": "nominal", "title": None, "legend": {**LEGEND, "columns": 3},
                                     "scale": {"domain": ["member", "still waiting", "withdrew or froze"],
                                               "range": [[1, 0], [4, 3], [1, 3]]}},
                      "tooltip": [{"field": "country", "title": "Country"}, {"field": "state", "title": "State"},
                                  {"field": "label", "title": "Years from application"}]}},
        {"data": {"name": "steps"},
         "mark": {"type": "point", "filled": True, "size": 90, "stroke": "black", "strokeWidth": 0.5},
         "encoding": {"x": x, "y": y,
                      "shape": {"field": "stage", "type": "nominal", "legend": {**LEGEND, "columns": 3},
                                "scale": {"domain": stages, "range": [s for _c, s in STAGE_MARKS.values()]}},
                      "color": {"field": "stage", "type": "nominal", "legend": {**LEGEND, "columns": 3},
                                "scale": {"domain": stages, "range": [c for c, _s in STAGE_MARKS.values()]}},
                      "tooltip": [{"field": "country", "title": "Country"}, {"field": "stage", "title": "Step"},
                                  {"field": "when", "title": "When"},
                                  {"field": "years", "title": "Years since applying", "format": ".1f"}]}},
    ]
    dated = align == "calendar" and essay  # the essay's band only where a line reaches it
    if dated:
        layers = [_essay_band(), _essay_note()] + layers
    subtitle = ("Each line runs from the application to membership, or (dashed) to November 2026 for a country still "
                "waiting.", "Shapes mark each step." + (" Shaded band: when the essay was written." if dated else ""))
    return {"$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "config": FONT,
            "height": {"step": 28},  # one band per country: new rows never need a new spec
            "title": {"text": "The road to EU membership" + (" on the calendar" if align == "calendar"
                                                               else ", in years since applying"),
                      "subtitle": list(subtitle)},
            "datasets": {"steps": rows, "spans": spans}, "layer": layers}


def chapters_spec(rows: list[dict]) -> dict:
    """Chapters opened and closed over time, one colour per country and a solid or dashed line per count."""
    x = {"field": "date", "type": "temporal", "title": "Year",
         "axis": {"format": "%Y", "labelOverlap": True, "tickCount": {"interval": "year", "step": 1}}}
    y = {"field": "chapters", "type": "quantitative", "title": "Chapters (running total)"}
    colour = {"field": "country", "type": "nominal", "legend": {**LEGEND, "columns": 4},
              "scale": {"range": [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "orange", "purple",
                                                          "sky_blue")]}}
    dash = {"field": "tally", "type": "nominal", "legend": LEGEND,
            "scale": {"domain": ["opened", "closed"], "range": [[1, 0], [5, 3]]}}
    tooltip = [{"field": "country", "title": "Country"}, {"field": "when", "title": "When"},
               {"field": "tally", "title": "Chapters"}, {"field": "chapters", "title": "Total"},
               {"field": "event", "title": "What happened"}]
    return {"$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "config": FONT, "height": 260,
            "title": {"text": "Chapters opened and closed, each step dated",
                      "subtitle": ["Solid: chapters opened; dashed: chapters closed (provisionally), running totals.",
                                   "Shaded band: when the essay was written."]},
            "datasets": {"chapters": rows},
            "layer": [_essay_band(), _essay_note(),
                      {"data": {"name": "chapters"}, "mark": {"type": "line", "interpolate": "step-after",
                                                              "strokeWidth": 2},
                       "encoding": {"x": x, "y": y, "color": colour, "strokeDash": dash,
                                    "detail": [{"field": "country"}, {"field": "tally"}]}},
                      {"data": {"name": "chapters"},
                       "mark": {"type": "point", "filled": True, "size": 50},
                       "encoding": {"x": x, "y": y, "color": colour,
                                    "shape": {"field": "tally", "type": "nominal", "legend": None,
                                              "scale": {"domain": ["opened", "closed"],
                                                        "range": ["circle", "triangle-down"]}},
                                    "tooltip": tooltip}}]}


def scenario_spec(rows: list[dict]) -> dict:
    """Chapters closed so far (solid) and the extrapolated pace (dashed) to the last chapter."""
    x = {"field": "year", "type": "quantitative", "title": "Year", "axis": {"format": "d"}}
    y = {"field": "closed", "type": "quantitative", "title": "Chapters closed", "scale": {"domainMin": 0}}
    return {"$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "config": FONT, "height": 240,
            "params": [{"name": "heading", "value": "An extrapolation, not a forecast"}],
            "title": {"text": {"expr": "heading"},
                      "subtitle": ["Solid: chapters closed so far, as recorded; dashed: the pace you chose, kept "
                                   "without pause. The top line is the number of chapters to close."]},
            "datasets": {"path": rows},
            "layer": [{"data": {"name": "path"}, "mark": {"type": "line", "strokeWidth": 2, "point": True},
                       "encoding": {"x": x, "y": y,
                                    "strokeDash": {"field": "part", "type": "nominal", "legend": LEGEND,
                                                   "scale": {"domain": ["recorded", "extrapolated"],
                                                             "range": [[1, 0], [5, 3]]}},
                                    "color": {"field": "part", "type": "nominal", "legend": LEGEND,
                                              "scale": {"domain": ["recorded", "extrapolated"],
                                                        "range": [OKABE_ITO["blue"], OKABE_ITO["vermillion"]]}},
                                    "tooltip": [{"field": "part", "title": "Part"},
                                                {"field": "year", "title": "Year", "format": ".1f"},
                                                {"field": "closed", "title": "Chapters closed", "format": ".0f"}]}},
                      {"data": {"name": "path"}, "mark": {"type": "rule", "strokeDash": [2, 2], "color": "#555"},
                       "encoding": {"y": {"aggregate": "max", "field": "total"}}}]}


def shares_spec(rows: list[dict], money: bool = False) -> dict:
    """Partners' shares (or amounts) as horizontal bars, largest first, the figure printed at each bar's end."""
    y = {"field": "partner", "type": "nominal", "title": None,
         "sort": {"field": "share", "op": "max", "order": "descending"}}
    x = {"field": "share", "type": "quantitative", "title": "Share (%)", "scale": {"domain": [0, 100]}}
    return {"$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "config": FONT, "height": 170,
            "params": [{"name": "heading", "value": "Shares by partner"}],
            "title": {"text": {"expr": "heading"},
                      "subtitle": [f"Each bar is {'an amount' if money else 'a share'} a source gave; a partner the "
                                   "source does not give is left out, not drawn as zero."]},
            "datasets": {"shares": rows},
            "layer": [{"data": {"name": "shares"}, "mark": {"type": "bar"},
                       "encoding": {"x": x, "y": y,
                                    "color": {"field": "partner", "type": "nominal", "legend": None,
                                              "scale": {"domain": list(PARTNER_COLOURS),
                                                        "range": list(PARTNER_COLOURS.values())}},
                                    "tooltip": [{"field": "partner", "title": "Partner"},
                                                {"field": "share", "title": "Share (%)"},
                                                {"field": "what", "title": "What is counted"}]}},
                      {"data": {"name": "shares"}, "mark": {"type": "text", "align": "left", "dx": 4},
                       "encoding": {"x": x, "y": y, "text": {"field": "label"}}}]}


def opinion_spec(rows: list[dict]) -> dict:
    """Answers to one poll question over time: one line per answer (and country), shapes as well as colours."""
    x = {"field": "date", "type": "temporal", "title": "Fieldwork ended",
         "scale": {"domain": ["2010-01-01", "2026-12-31"], "padding": 12},
         "axis": {"format": "%Y", "labelOverlap": True, "tickCount": {"interval": "year", "step": 1}}}
    y = {"field": "percent", "type": "quantitative", "title": "Share of respondents (%)", "scale": {"domain": [0, 100]}}
    palette = [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "orange", "purple", "sky_blue", "black")]
    shapes = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge"]
    return {"$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "config": FONT, "height": 260,
            "params": [{"name": "heading", "value": "Answers over time"}],
            "title": {"text": {"expr": "heading"},
                      "subtitle": ["One question, worded one way; each point is one poll's published share.",
                                   "Shaded band: when the essay was written."]},
            "datasets": {"answers": rows},
            "layer": [_essay_band(), _essay_note(),
                      {"data": {"name": "answers"}, "mark": {"type": "line", "strokeWidth": 1.5, "opacity": 0.7},
                       "encoding": {"x": x, "y": y, "detail": {"field": "series"},
                                    "color": {"field": "series", "type": "nominal", "legend": None,
                                              "scale": {"range": palette}}}},
                      {"data": {"name": "answers"},
                       "mark": {"type": "point", "filled": True, "size": 70, "stroke": "black", "strokeWidth": 0.4},
                       "encoding": {"x": x, "y": y,
                                    "color": {"field": "series", "type": "nominal", "legend": OPINION_LEGEND,
                                              "scale": {"range": palette}},
                                    "shape": {"field": "series", "type": "nominal", "legend": OPINION_LEGEND,
                                              "scale": {"range": shapes}},
                                    "tooltip": [{"field": "series", "title": "Answer"},
                                                {"field": "when", "title": "Fieldwork"},
                                                {"field": "percent", "title": "Per cent"},
                                                {"field": "pollster", "title": "Pollster"},
                                                {"field": "sample", "title": "Sample"}]}}]}
