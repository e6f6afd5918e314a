"""Vega-Lite specs of the interactive charts, in the house style of charts.py.

Each builder returns a spec whose params are the widget's controls (year, group, counting)
or whose named dataset the widget replaces (the filtered actions): a control then changes
a signal in the browser, not a picture in the kernel. Each chart is titled; the sentence
that describes it is written by widgets.py, where the numbers are known.

Information never rests on colour alone: the recognition map outlines claimed withdrawals
with a dash pattern per status; the actions timeline codes substance by shape as well.
"""

from __future__ import annotations

import json
import pandas as pd

from . import analysis, data, history, russia
from .charts import KOSOVO_COLOUR, OKABE_ITO, SEQUENTIAL
from .vega import VEGA_LITE_SCHEMA, records

FONT = {"font": "sans-serif", "axis": {"labelFontSize": 12, "titleFontSize": 13},
        "title": {"fontSize": 15, "anchor": "start"}, "legend": {"labelFontSize": 12, "titleFontSize": 12},
        "view": {"stroke": None}}
FIT = {"type": "fit-x", "contains": "padding"}  # with width "container": the chart fits the output area
ESSAY_COLOUR = OKABE_ITO["purple"]
NOT_YET = "#FFFFFF"  # a state that had not recognised: white with a grey border, never mistaken for a year
FIRST_DAY, LAST_DAY = "2007-09-01", "2026-12-31"


def _essay_layers(start: str, end: str, label: str, note: bool = True) -> list[dict]:
    """The shaded band of when the essay was written, and (if there is room) a note that points past it."""
    start, end = (f"{pd.Timestamp(day):%Y-%m-%d}" for day in (start, end))
    band = {"data": {"values": [{"start": start, "end": end, "label": label}]},
            "mark": {"type": "rect", "color": ESSAY_COLOUR, "opacity": 0.35, "aria": False},
            "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"},
                         "tooltip": [{"field": "label", "title": "Shaded"}]}}
    pointer = {"data": {"values": [{"end": end}]},
            "mark": {"type": "text", "text": "after the essay →", "align": "left", "baseline": "bottom", "dx": 4,
                     "y": {"expr": "height - 4"}, "fontSize": 12, "color": "#6b2a52", "aria": False},
            "encoding": {"x": {"field": "end", "type": "temporal"}}}
    return [band, pointer] if note else [band]


# Kosovo (C3): recognitions over time ---------------------------------------------------

def _steps() -> list[dict]:
    """The running total for every group and both ways of counting, with a row at each year's end."""
    rows = []
    years = range(2008, 2027)
    for group in analysis.GROUPS:
        for counted in (True, False):
            table = analysis.recognitions(group, count_claimed_withdrawals=counted)
            points = [{"date": "2008-02-17", "year": 2008, "cumulative": 0}]
            points += [{"date": f"{d:%Y-%m-%d}", "year": d.year, "cumulative": int(c)}
                       for d, c in zip(table["date"], table["cumulative"])]
            # The line runs on to the end of the year chosen: the total at each year's end.
            ends = table.groupby(table["date"].dt.year)["cumulative"].last().reindex(years).ffill().fillna(0)
            points += [{"date": f"{year}-12-31", "year": year, "cumulative": int(total)} for year, total in ends.items()]
            rows += [{**p, "group": group, "counted": counted} for p in sorted(points, key=lambda p: p["date"])]
    return rows


def _milestone_rows() -> list[dict]:
    milestones = analysis.us_milestones()
    milestones = milestones[milestones["date"] >= pd.Timestamp("2008-01-01")].reset_index(drop=True)
    rows, previous = [], None
    for position, row in milestones.iterrows():
        # Labels of milestones less than a year apart alternate in height, so they never overlap.
        close = previous is not None and (row["date"] - previous).days < 365
        rows.append({"date": f"{row['date']:%Y-%m-%d}", "year": int(row["date"].year), "label": row["short_label"],
                     "offset": 150 if close and position % 2 else 4})
        previous = row["date"]
    return rows


def recognition_timeline_spec() -> dict:
    """Cumulative recognitions of Kosovo; params group, group_label, counted and year."""
    in_view = "datum.group == group && datum.counted == counted && datum.year <= year"
    x = {"field": "date", "type": "temporal", "title": "Year",
         "scale": {"type": "utc", "domain": [FIRST_DAY, LAST_DAY]}, "axis": {"format": "%Y", "tickCount": 10}}
    sizes = [{"group": g, "size": analysis.group_size(g), "label": f"All {analysis.group_size(g)} "
              f"{analysis.group_label(g)}"} for g in analysis.GROUPS if analysis.group_size(g)]
    start, end, label = analysis.ESSAY_PERIOD
    layers = [
        *_essay_layers(start, end, label),
        {"data": {"name": "sizes"}, "transform": [{"filter": "datum.group == group"}],
         "layer": [{"mark": {"type": "rule", "strokeDash": [2, 3], "strokeWidth": 1.5, "color": "black"},
                    "encoding": {"y": {"field": "size", "type": "quantitative"}}},
                   {"mark": {"type": "text", "align": "right", "baseline": "bottom", "dy": -3,
                             "x": {"expr": "width - 4"}, "fontSize": 12},
                    "encoding": {"y": {"field": "size", "type": "quantitative"}, "text": {"field": "label"}}}]},
        {"data": {"name": "milestones"}, "transform": [{"filter": "datum.year <= year"}],
         "layer": [{"mark": {"type": "rule", "strokeDash": [6, 3], "color": OKABE_ITO["vermillion"]},
                    "encoding": {"x": {"field": "date", "type": "temporal"}}},
                   {"mark": {"type": "text", "angle": 270, "align": "right", "baseline": "bottom", "dx": -2,
                             "fontSize": 11, "color": "#7a2e00"},
                    "encoding": {"x": {"field": "date", "type": "temporal"},
                                 "y": {"field": "offset", "type": "quantitative", "scale": None},
                                 "text": {"field": "label"}}}]},
        {"data": {"name": "steps"}, "transform": [{"filter": in_view}],
         "mark": {"type": "line", "interpolate": "step-after", "strokeWidth": 2.5, "color": OKABE_ITO["blue"]},
         "encoding": {"x": x, "y": {"field": "cumulative", "type": "quantitative",
                                    "title": "Number of states (cumulative)"}}},
        {"data": {"name": "steps"}, "transform": [{"filter": in_view}, {"window": [{"op": "row_number", "as": "n"}],
                                                                        "sort": [{"field": "date", "order": "descending"}]},
                                                  {"filter": "datum.n == 1"}],
         "mark": {"type": "text", "align": "right", "baseline": "top", "dy": 6, "fontSize": 12, "fontWeight": "bold",
                  "color": OKABE_ITO["blue"]},
         "encoding": {"x": {"field": "date", "type": "temporal"}, "y": {"field": "cumulative", "type": "quantitative"},
                      "text": {"field": "cumulative", "format": "d"}}},
    ]
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "height": 380, "config": FONT,
        "params": [{"name": "group", "value": "un"}, {"name": "group_label", "value": analysis.group_label("un")},
                   {"name": "counted", "value": True}, {"name": "year", "value": 2026}],
        "title": {"text": {"expr": "'Recognitions of Kosovo by ' + group_label + ', ' + "
                                   "(year == 2008 ? 'in 2008' : '2008-' + year) + "
                                   "(counted ? '' : ', leaving out claimed withdrawals')"},
                  "subtitle": ["Dashed red lines: US milestones. Shaded: when the essay was written.",
                               "Dotted black line: all members of the group ('states and entities' has no fixed total)."]},
        "datasets": {"steps": _steps(), "sizes": sizes, "milestones": _milestone_rows()},
        "layer": layers,
    }


# Kosovo (C3): the world map -------------------------------------------------------------

def _map_rows() -> list[dict]:
    """One row per shape of the map: its code, recognition year and claimed withdrawal, if any."""
    topology, codes = data.world_map()
    names = {str(g.get("id") or g["properties"]["name"]): g["properties"]["name"]
             for g in json.loads(topology)["objects"]["countries"]["geometries"]}
    years, withdrawals = analysis.recognition_years(), analysis.withdrawal_claims()
    rows = []
    for key, code in codes.items():
        claim_year, status = withdrawals.get(code, (None, None))
        rows.append({"key": key, "code": code, "name": names[key], "recognised": years.get(code),
                     "withdrawal_year": claim_year,
                     "withdrawal": {"contested": "withdrawal claimed by Serbia, disputed",
                                    "confirmed": "withdrawal confirmed by the state"}.get(status)})
    return rows


def _map_view(width: int, height: int, projection: dict, title: str, last_year: int, legend: bool) -> dict:
    lookup = {"lookup": "key", "from": {"data": {"name": "states"}, "key": "key",
                                         "fields": ["code", "name", "recognised", "withdrawal_year", "withdrawal"]}}
    shapes = {"data": {"name": "world", "format": {"type": "topojson", "feature": "countries"}},
              "transform": [{"calculate": "datum.id != null ? '' + datum.id : datum.properties.name", "as": "key"},
                            lookup,
                            {"calculate": "datum.recognised != null && datum.recognised <= year", "as": "is_recognised"},
                            {"calculate": "datum.recognised == null ? 'has not recognised Kosovo' : "
                                          "'recognised Kosovo in ' + datum.recognised", "as": "when"},
                            {"calculate": "'State: ' + datum.name + '; ' + datum.when", "as": "said"}]}
    recognised_test = "datum.is_recognised"
    colour = {"condition": [{"test": "datum.code == 'XKX'", "value": KOSOVO_COLOUR},
                            {"test": f"!({recognised_test})", "value": NOT_YET}],
              "field": "recognised", "type": "quantitative", "title": "Year of recognition",
              "scale": {"scheme": SEQUENTIAL, "domain": [2008, last_year]},
              "legend": {"format": "d", "orient": "bottom", "direction": "horizontal", "gradientLength": 260}
              if legend else None}
    withdrawn = (f"{recognised_test} && datum.withdrawal_year != null && datum.withdrawal_year <= year")
    return {
        "width": width, "height": height, "projection": projection,
        "title": {"text": title, "fontSize": 12},
        "layer": [
            {**shapes, "mark": {"type": "geoshape", "stroke": "#8C8C8C", "strokeWidth": 0.4, "clip": True,
                                "invalid": None},
             "encoding": {"color": colour, "description": {"field": "said"},
                          "tooltip": [{"field": "name", "title": "State"}, {"field": "when", "title": "Recognised"}]}},
            {**shapes, "transform": shapes["transform"] + [{"filter": withdrawn}],
             "mark": {"type": "geoshape", "filled": False, "stroke": OKABE_ITO["orange"], "strokeWidth": 2.2,
                      "clip": True},
             "encoding": {"tooltip": [{"field": "name", "title": "State"}, {"field": "withdrawal", "title": "Withdrawal"}],
                          "strokeDash": {"field": "withdrawal", "type": "nominal", "title": None,
                                         "scale": {"domain": ["withdrawal claimed by Serbia, disputed",
                                                              "withdrawal confirmed by the state"],
                                                   "range": [[4, 2], [1, 0]]},
                                         "legend": {"orient": "bottom", "labelLimit": 400} if legend else None}}},
            {**shapes, "transform": shapes["transform"] + [{"filter": "datum.code == 'XKX'"}],
             "mark": {"type": "geoshape", "filled": False, "stroke": "black", "strokeDash": [1, 2],
                      "strokeWidth": 1.2, "clip": True, "aria": False}},
        ],
    }


def recognition_map_spec() -> dict:
    """States coloured by the year they recognised Kosovo, up to the param year; Europe enlarged."""
    last_year = max(analysis.recognition_years().values(), default=2009)
    world = _map_view(520, 290, {"type": "equalEarth"}, "The world (white: had not recognised; pink: Kosovo)",
                      last_year, legend=True)
    europe = _map_view(260, 290, {"type": "mercator", "center": [17, 47], "scale": 500,
                                  "translate": [130, 145]}, "Europe, enlarged", last_year, legend=False)
    europe["layer"].append({"data": {"values": [{"lon": 20.9, "lat": 42.6, "text": "Kosovo"}]},
                            "mark": {"type": "text", "dx": -14, "dy": 16, "fontSize": 12, "fontWeight": "bold",
                                     "align": "right", "aria": False},
                            "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                                         "latitude": {"field": "lat", "type": "quantitative"},
                                         "text": {"field": "text"}}})
    return {
        "$schema": VEGA_LITE_SCHEMA, "config": FONT, "params": [{"name": "year", "value": 2026}],
        "title": {"text": {"expr": "'Which states had recognised Kosovo by the end of ' + year + '?'"}},
        "datasets": {"world": json.loads(data.world_map()[0]), "states": _map_rows()},
        "hconcat": [world, europe], "resolve": {"scale": {"color": "shared", "strokeDash": "shared"}},
    }


# US actions: one lane per institution --------------------------------------------------

SUBSTANCE_SHAPES = {  # colour and shape both differ, so the chart also reads in grey
    "continues": (OKABE_ITO["blue"], "circle"),
    "starts": (OKABE_ITO["green"], "triangle-up"),
    "unclear": (OKABE_ITO["orange"], "diamond"),
    "departs": (OKABE_ITO["vermillion"], "cross"),
}


def events_rows(events: pd.DataFrame) -> list[dict]:
    columns = ["event_id", "date", "institution", "substance", "tone", "summary_short"]
    shown = events[[c for c in columns if c in events.columns]].copy()
    shown["institution"] = shown["institution"].astype(str)
    shown["tone_changed"] = shown["tone"].astype(str) == "changed"
    return records(shown)


def term_rows(events: pd.DataFrame, terms: pd.DataFrame) -> list[dict]:
    """The administrations' terms clipped to the actions shown, banded alternately, with their names."""
    start = events["date"].min() if not events.empty else pd.Timestamp("1993-01-20")
    end = events["date"].max() if not events.empty else pd.Timestamp("2026-12-31")
    pad = pd.Timedelta(days=200)
    rows = []
    for number, term in enumerate(terms.sort_values("term_start").itertuples()):
        term_end = term.term_end if not pd.isna(term.term_end) else pd.Timestamp("2029-01-20")
        left, right = max(term.term_start, start - pad), min(term_end, end + pad)
        if left < right:
            rows.append({"start": f"{left:%Y-%m-%d}", "end": f"{right:%Y-%m-%d}", "label": term.label,
                         "shade": "#F2F2F2" if number % 2 else "#FFFFFF", "row": number % 2})
    return rows


def events_timeline_spec(events: pd.DataFrame, terms: pd.DataFrame, lane: tuple[str, str] = ("institution",
                         "Acting institution"), marks: tuple[str, str, dict] = ("substance", "Substance", None),
                         subtitle: str = "Shape and colour: substance as we coded it, compared with the previous "
                                         "US line. Ring: tone changed.", rows: list[dict] | None = None) -> dict:
    """Dated actions on a time axis, one lane per `lane` field; the marker (shape and colour) shows `marks`.

    The actions and the terms are the named datasets 'events' and 'terms': the widget
    replaces their rows when a filter changes. The title is the param 'heading'. A ring marks
    rows whose `tone_changed` is true (the Russia measures have none).
    """
    mark_field, mark_title, shapes = marks
    shapes = shapes or SUBSTANCE_SHAPES
    x = {"field": "date", "type": "temporal", "title": "Date (bands: US administrations)", "scale": {"type": "utc"},
         "axis": {"format": "%b %Y", "labelOverlap": True}}
    y = {"field": lane[0], "type": "nominal", "title": lane[1], "sort": "ascending"}
    start, end, label = analysis.ESSAY_PERIOD
    legend = {"orient": "bottom", "direction": "horizontal"}
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "height": {"step": 48}, "config": FONT,
        "params": [{"name": "heading", "value": "US actions"}],
        "title": {"text": {"expr": "heading"},
                  "subtitle": [subtitle,
                               "Shaded band: when the essay was written; actions to its right came after it."]},
        "datasets": {"events": events_rows(events) if rows is None else rows, "terms": term_rows(events, terms)},
        "layer": [
            {"data": {"name": "terms"}, "mark": {"type": "rect", "opacity": 1, "aria": False},
             "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"},
                          "color": {"field": "shade", "type": "nominal", "scale": None}}},
            *[{"data": {"name": "terms"}, "transform": [{"filter": f"datum.row == {row}"},
                {"calculate": "(toDate(datum.start) + toDate(datum.end)) / 2", "as": "mid"}],
               "mark": {"type": "text", "baseline": "top", "fontSize": 11, "color": "#333333", "y": 2 + 13 * row},
               "encoding": {"x": {"field": "mid", "type": "temporal"}, "text": {"field": "label"}}} for row in (0, 1)],
            *_essay_layers(start, end, label, note=False),  # the subtitle says it: no room at the right edge
            {"data": {"name": "events"},
             "mark": {"type": "point", "filled": True, "size": 90, "stroke": "black", "strokeWidth": 0.5, "opacity": 1},
             "encoding": {"x": x, "y": y,
                          "shape": {"field": mark_field, "type": "nominal", "title": mark_title, "legend": legend,
                                    "scale": {"domain": list(shapes), "range": [s for _, s in shapes.values()]}},
                          "color": {"field": mark_field, "type": "nominal", "title": mark_title, "legend": legend,
                                    "scale": {"domain": list(shapes), "range": [c for c, _ in shapes.values()]}},
                          "tooltip": [{"field": "date", "type": "temporal", "title": "Date", "format": "%d %B %Y"},
                                      {"field": "summary_short", "title": "Action"},
                                      {"field": mark_field, "title": mark_title}]
                          + ([{"field": "tone", "title": "Tone"}] if mark_field == "substance" else [])}},
            {"data": {"name": "events"}, "transform": [{"filter": "datum.tone_changed"}],
             "mark": {"type": "point", "filled": False, "size": 330, "stroke": "black", "strokeWidth": 1.4},
             "encoding": {"x": x, "y": y, "tooltip": [{"field": "summary_short", "title": "Tone changed"}]}},
        ],
    }


# Congress (C1, C5): how united each recorded vote was -----------------------------------

def votes_overview_spec(rows: list[dict]) -> dict:
    """Every tallied vote as the share voting yea, oldest at the top; param 'selected' highlights one.

    A dotted band marks 'united' (at least 9 in 10 the same way, at either end).
    """
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "height": {"step": 24}, "config": FONT,
        "params": [{"name": "selected", "value": ""}],
        "title": {"text": "How united was each recorded vote?",
                  "subtitle": "Share of those voting who voted yea; bars past a dotted line: 9 in 10 voted the same way"},
        "datasets": {"votes": rows},
        "layer": [
            {"data": {"name": "votes"}, "transform": [{"filter": "datum.share_yea != null"}],
             "mark": {"type": "bar", "stroke": "black"},
             "encoding": {
                 "y": {"field": "label", "type": "nominal", "sort": None, "title": None,
                       "axis": {"labelLimit": 420, "labelFontSize": 11}},
                 "x": {"field": "share_yea", "type": "quantitative", "title": "Share voting yea",
                       "scale": {"domain": [0, 1]}, "axis": {"format": "%"}},
                 "color": {"condition": {"test": "datum.vote_id == selected", "value": OKABE_ITO["orange"]},
                           "value": OKABE_ITO["sky_blue"]},
                 "strokeWidth": {"condition": {"test": "datum.vote_id == selected", "value": 2.5}, "value": 0},
                 "tooltip": [{"field": "label", "title": "Vote"},
                             {"field": "share_yea", "title": "Share yea", "format": ".0%"}]}},
            {"data": {"values": [{"x": 0.1}, {"x": 0.9}]},
             "mark": {"type": "rule", "strokeDash": [2, 3], "color": "black"},
             "encoding": {"x": {"field": "x", "type": "quantitative"}}},
        ],
    }


def vote_parties_spec() -> dict:
    """Yeas and nays by party for the chosen vote (dataset 'parties'; empty when no source gave them)."""
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": 420, "height": {"step": 28}, "config": FONT,
        "params": [{"name": "heading", "value": ""}],
        "title": {"text": {"expr": "heading"}, "subtitle": "Only the figures a source gave; a missing bar is not a zero"},
        "datasets": {"parties": []},
        "data": {"name": "parties"},
        "encoding": {
            "y": {"field": "party", "type": "nominal", "title": None,
                  "sort": ["All members (total)", "Democrats", "Republicans", "Independents"]},
            "yOffset": {"field": "side", "type": "nominal", "sort": ["yea", "nay"]},
            "x": {"field": "count", "type": "quantitative", "title": "Members voting",
                  "axis": {"tickMinStep": 1, "format": "d"},
                  "scale": {"domainMax": {"expr": "data('parties').length ? 1.15 * extent(pluck(data('parties'), 'count'))[1] : 1"}}}},
        "layer": [
            {"mark": {"type": "bar", "stroke": "black", "strokeWidth": 0.5},
             "encoding": {"color": {"field": "side", "type": "nominal", "title": "Vote", "legend": {"orient": "bottom"},
                                    "scale": {"domain": ["yea", "nay"],
                                              "range": [OKABE_ITO["blue"], OKABE_ITO["orange"]]}},
                          "tooltip": [{"field": "party"}, {"field": "side", "title": "Vote"}, {"field": "count"}]}},
            # The words on the bars, so the chart does not rest on colour.
            {"mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11},
             "encoding": {"text": {"field": "text"}}, "transform": [{"calculate": "datum.side + ' ' + datum.count",
                                                                      "as": "text"}]},
        ],
    }


# The veto-players model (C1, C5) --------------------------------------------------------

def veto_spec() -> dict:
    """The policy space: each veto player's ideal point and preferred-to disc, the status quo, the winset.

    Datasets: 'players' (name, x, y), 'discs' and 'winset' (polygon points with an order),
    'status_quo' (x, y). The kernel replaces them; the geometry comes from helpers/veto.py.
    """
    axis = {"scale": {"domain": [0, 10], "nice": False}, "axis": {"tickCount": 5}}
    point = {"field": "x", "type": "quantitative", "title": "Engagement: less  ←  →  more (aid, troops, diplomacy)", **axis}
    other = {"field": "y", "type": "quantitative", "title": "Means: incentives  ←  →  pressure (sanctions)", **axis}
    players = list(VETO_COLOURS)
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": 440, "height": 440, "config": FONT,
        "params": [{"name": "heading", "value": "Which policies could replace the status quo?"}],
        "title": {"text": {"expr": "heading"},
                  "subtitle": "Circle: the policies a player prefers to the status quo. Filled: what every veto player prefers"},
        "datasets": {"players": [], "discs": [], "winset": [], "status_quo": []},
        "layer": [
            {"data": {"name": "winset"},
             "mark": {"type": "line", "interpolate": "linear-closed", "fill": OKABE_ITO["yellow"], "fillOpacity": 0.85,
                      "stroke": "black", "strokeWidth": 1.5, "clip": True},
             "encoding": {"x": point, "y": other, "order": {"field": "order"}}},
            {"data": {"name": "discs"},
             "mark": {"type": "line", "interpolate": "linear-closed", "strokeWidth": 1.5, "clip": True},
             "encoding": {"x": point, "y": other, "order": {"field": "order"}, "detail": {"field": "player"},
                          "color": {"field": "player", "type": "nominal", "title": "Veto player (its circle)",
                                    "legend": {"orient": "bottom", "symbolType": "stroke"},
                                    "scale": {"domain": players, "range": [VETO_COLOURS[p][0] for p in players]}},
                          "strokeDash": {"field": "player", "type": "nominal", "legend": None,
                                         "scale": {"domain": players, "range": [VETO_COLOURS[p][2] for p in players]}}}},
            {"data": {"name": "players"},
             "mark": {"type": "point", "filled": True, "size": 160, "stroke": "black", "strokeWidth": 0.8},
             "encoding": {"x": point, "y": other,
                          "shape": {"field": "player", "type": "nominal", "legend": None,
                                    "scale": {"domain": players, "range": [VETO_COLOURS[p][1] for p in players]}},
                          "color": {"field": "player", "type": "nominal", "legend": None,
                                    "scale": {"domain": players, "range": [VETO_COLOURS[p][0] for p in players]}},
                          "tooltip": [{"field": "player"}, {"field": "x"}, {"field": "y"}]}},
            {"data": {"name": "players"},
             "mark": {"type": "text", "dy": -14, "fontSize": 12, "fontWeight": "bold"},
             "encoding": {"x": point, "y": other, "text": {"field": "player"}}},
            {"data": {"name": "status_quo"},
             "mark": {"type": "point", "shape": "square", "filled": True, "size": 150, "color": "black"},
             "encoding": {"x": point, "y": other}},
            {"data": {"name": "status_quo"},
             "mark": {"type": "text", "dy": 18, "fontSize": 12, "text": "status quo"},
             "encoding": {"x": point, "y": other}},
        ],
    }


VETO_COLOURS = {  # colour, shape and line pattern all differ: readable in grey
    "President": (OKABE_ITO["vermillion"], "circle", [1, 0]),
    "Senate pivot": (OKABE_ITO["blue"], "diamond", [6, 3]),
    "House median": (OKABE_ITO["green"], "triangle-up", [2, 2]),
}


# Continuity (C2, C6): administrations by policy area ------------------------------------

def grid_top(cells: pd.DataFrame, share_measure: bool = False) -> float:
    """The top of the colour scale: 100 for a share; otherwise the largest area cell (at least 1, so zeros stay light)."""
    areas = cells[cells["pillar"] != "all"]["value"]
    return 100.0 if share_measure else max(float(areas.max()) if areas.notna().any() else 0.0, 1.0)


def grid_rows(cells: pd.DataFrame, share_measure: bool = False) -> list[dict]:
    """The grid's cells with their printed text, and a text colour readable on the fill.

    The total column ('All areas') is drawn unfilled, so the colour scale compares areas only.
    A share (0-100) is printed with the number of actions it rests on and scaled to 100.
    """
    top = grid_top(cells, share_measure)
    rows = []
    for cell in cells.itertuples():
        empty = cell.value is None or pd.isna(cell.value)
        total = cell.pillar == "all"
        share = 0 if empty or not top or total else float(cell.value) / float(top)
        text = "–" if empty else f"{cell.value:g}"
        if not empty and share_measure:  # a share says little without the count it rests on
            text += f" ({int(cell.actions)})"
        rows.append({"label": cell.label, "area": cell.area, "total": total,
                     "value": None if empty or total else float(cell.value), "text": text,
                     "actions": int(cell.actions), "ink": "#FFFFFF" if share > 0.6 else "#000000"})
    return rows


def grid_spec(cells: pd.DataFrame, share_measure: bool = False) -> dict:
    """Administrations (rows, oldest first) by policy area (columns): each cell's number printed in it.

    The cells are the named dataset 'cells' and the title the param 'heading'. The fill is the
    single-hue blue scale (lightness alone, so colour-blind safe), light for low; the number is printed, so colour is never needed.
    """
    administrations = list(dict.fromkeys(cells["label"]))
    areas = list(dict.fromkeys(cells["area"]))
    x = {"field": "area", "type": "nominal", "sort": areas, "title": "Policy area",
         "axis": {"orient": "top", "labelAngle": -30, "labelLimit": 160}}
    y = {"field": "label", "type": "nominal", "sort": administrations, "title": "Administration"}
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "height": {"step": 34}, "config": FONT,
        "params": [{"name": "heading", "value": "US actions by administration and policy area"},
                   {"name": "top", "value": grid_top(cells, share_measure)}],  # the colour scale's top
        "title": {"text": {"expr": "heading"},
                  "subtitle": ["Each cell's number is printed in it; darker: higher. A dash: nothing to count.",
                               "The last column is each row's total; a share shows its count of actions in brackets."]},
        "datasets": {"cells": grid_rows(cells, share_measure)},
        "resolve": {"scale": {"color": "independent"}},  # the fill's scale and the text's fixed colours
        "layer": [
            {"data": {"name": "cells"}, "mark": {"type": "rect", "stroke": "#BBBBBB", "strokeWidth": 1},
             "encoding": {"x": x, "y": y,
                          "color": {"condition": {"test": "datum.value == null", "value": "#FFFFFF"},
                                    "field": "value", "type": "quantitative", "legend": None,
                                    "scale": {"scheme": "blues", "domain": {"expr": "[0, top]"}}},
                          "tooltip": [{"field": "label", "title": "Administration"}, {"field": "area", "title": "Area"},
                                      {"field": "text", "title": "Value"},
                                      {"field": "actions", "title": "Actions recorded"}]}},
            {"data": {"name": "cells"}, "mark": {"type": "text", "fontSize": 13},
             "encoding": {"x": x, "y": y, "text": {"field": "text"},
                          "fontWeight": {"condition": {"test": "datum.total", "value": "bold"}, "value": "normal"},
                          "color": {"field": "ink", "type": "nominal", "scale": None}}},
        ],
    }


DIRECTION_SHAPES = {  # firmer and softer point opposite ways, so the chart also reads in grey
    "firmer": (OKABE_ITO["blue"], "triangle-up"),
    "softer": (OKABE_ITO["vermillion"], "triangle-down"),
    "mixed": (OKABE_ITO["orange"], "diamond"),
    "not_us": ("#999999", "square"),
}


def measure_rows(measures: pd.DataFrame) -> list[dict]:
    """The Russia measures as timeline rows: the arena is the lane, the direction the marker."""
    shown = measures[["measure_id", "date", "arena_label", "direction_label", "short_label"]].rename(
        columns={"short_label": "summary_short", "direction_label": "direction"}).copy()  # the legend reads words
    shown["tone_changed"] = False
    return records(shown)


def measures_timeline_spec(measures: pd.DataFrame, terms: pd.DataFrame) -> dict:
    """US measures on Russia, one lane per arena (Russia and Europe; the Western Balkans)."""
    return events_timeline_spec(measures, terms, lane=("arena_label", "Arena"),
                                marks=("direction", "Direction (our coding)",
                                       {russia.DIRECTIONS[code]: look for code, look in DIRECTION_SHAPES.items()}),
                                subtitle="Shape and colour: our coding of the US stance. Up: firmer on Moscow; "
                                         "down: softer; grey square: an act of another government.",
                                rows=measure_rows(measures))


def posture_spec(rows: list[dict]) -> dict:
    """One series of US posture in Europe as points on a time axis, each labelled with its figure.

    A fiscal year is placed at its middle (FY2017: April 2017). The title is the param 'heading'.
    """
    x = {"field": "when", "type": "temporal", "title": "Date (a fiscal year at its middle)",
         "scale": {"type": "utc", "padding": 18},
         "axis": {"format": "%Y", "labelOverlap": True}}
    y = {"field": "value", "type": "quantitative", "title": "Figure", "scale": {"zero": True}}
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "height": 260, "config": FONT,
        "params": [{"name": "heading", "value": "US deterrence in Europe"}],
        "title": {"text": {"expr": "heading"},
                  "subtitle": ["Each point's figure is printed beside it; hover for its source and what it counts.",
                               "Two points close together: two sources that disagree (the table gives both)."]},
        "datasets": {"figures": rows},
        "layer": [
            {"data": {"name": "figures"},
             "mark": {"type": "point", "filled": True, "size": 90, "color": OKABE_ITO["blue"], "stroke": "black"},
             "encoding": {"x": x, "y": y,
                          "tooltip": [{"field": "period_label", "title": "Period"},
                                      {"field": "value", "title": "Figure", "format": ","},
                                      {"field": "source", "title": "Source"}, {"field": "counts", "title": "Counts"}]}},
            {"data": {"name": "figures"}, "mark": {"type": "text", "dy": -10, "fontSize": 11},
             "encoding": {"x": x, "y": y, "text": {"field": "label"}}},
        ],
    }


SANCTION_SHAPES = {  # listing up, removal down; colour and shape both differ
    "listed": (OKABE_ITO["blue"], "triangle-up"),
    "removed from the list": (OKABE_ITO["vermillion"], "triangle-down"),
    "visa ban": (OKABE_ITO["orange"], "diamond"),
    "deferred": ("#999999", "square"),
}
SANCTION_LANES = {"designation": "listed", "delisting": "removed from the list", "visa_ban": "visa ban",
                  "sanctions_deferred": "deferred"}


def sanction_rows(table: pd.DataFrame) -> list[dict]:
    """Sanctions actions as timeline rows: the kind of action is both the lane and the marker."""
    lanes = table["action"].map(SANCTION_LANES)
    shown = table[["action_id", "date", "target_name"]].rename(columns={"target_name": "summary_short"}).assign(
        lane=lanes, marker=lanes, tone_changed=False)
    return records(shown)


def sanctions_timeline_spec(table: pd.DataFrame, terms: pd.DataFrame) -> dict:
    """US sanctions actions on a time axis, listings and delistings in lanes of their own."""
    return events_timeline_spec(table, terms, lane=("lane", "Action"),
                                marks=("marker", "Action", SANCTION_SHAPES),
                                subtitle="Up: listed; down: removed from the list; diamond: visa ban. One mark per "
                                         "person or company (marks on one day overlap: the table lists each).",
                                rows=sanction_rows(table))


# History (C11): the wars' human cost ------------------------------------------------------

def cost_rows(table: pd.DataFrame) -> list[dict]:
    """One row per figure: a point, or a range drawn as a line from low to high, labelled with who counted."""
    rows = []
    for row in table.itertuples():
        low, high, point = (None if pd.isna(v) else float(v) for v in (row.low, row.high, row.point))
        year = "" if pd.isna(row.year_published) else f", {int(row.year_published)}"
        body = str(row.estimating_body).split(" (")[0]  # the full name is in the tooltip and the table
        rows.append({"label": f"{row.who}: {body}{year}", "body": f"{row.estimating_body}{year}", "point": point,
                     "low": low if low is not None else point, "high": high if high is not None else (low or point),
                     "text": history.figure_text(row)})
    return rows


def cost_top(rows: list[dict]) -> float:
    """The end of the axis: room for the largest figure's label."""
    return 1.18 * max([r["high"] or 0 for r in rows] + [1])


def cost_spec(rows: list[dict]) -> dict:
    """Each body's figure as a bar (or a range as a line), one row per figure, in alphabetical order of community.

    The rows are the named dataset 'figures' and the title the param 'heading'.
    """
    y = {"field": "label", "type": "nominal", "sort": None, "title": None, "axis": {"labelLimit": 430}}
    x = {"field": "point", "type": "quantitative", "title": "People", "axis": {"format": ",d"},
         "scale": {"domain": {"expr": "[0, top]"}}}
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "height": {"step": 26}, "config": FONT,
        "params": [{"name": "heading", "value": "The human cost"}, {"name": "top", "value": cost_top(rows)}],
        "title": {"text": {"expr": "heading"},
                  "subtitle": ["One row per figure, as each body counted; a line is a range from its low to its high end.",
                               "Communities in alphabetical order: the chart does not rank anyone's suffering."]},
        "datasets": {"figures": rows},
        "layer": [
            {"data": {"name": "figures"}, "transform": [{"filter": "datum.point != null"}],
             "mark": {"type": "bar", "color": OKABE_ITO["blue"], "stroke": "black", "height": {"band": 0.7}},
             "encoding": {"y": y, "x": x, "tooltip": [{"field": "body", "title": "Who counted"},
                                                      {"field": "text", "title": "Figure"}]}},
            {"data": {"name": "figures"}, "transform": [{"filter": "datum.point == null"}],
             "mark": {"type": "rule", "strokeWidth": 4, "color": OKABE_ITO["orange"]},
             "encoding": {"y": y, "x": {**x, "field": "low"}, "x2": {"field": "high"},
                          "tooltip": [{"field": "body", "title": "Who counted"}, {"field": "text", "title": "Figure"}]}},
            {"data": {"name": "figures"}, "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11},
             "encoding": {"y": y, "x": {**x, "field": "high"}, "text": {"field": "text"}}},
        ],
    }


# Stability and intervention (C10): peacekeeping forces over time -------------------------

def troop_rows(table: pd.DataFrame) -> list[dict]:
    """Each dated strength as two points: the whole force, and the US contingent where a source gave it."""
    rows = []
    for row in table.itertuples():
        for who, value in (("whole force", row.total_troops), ("US contingent", row.us_troops)):
            if not pd.isna(value):
                rows.append({"date": f"{row.as_of:%Y-%m-%d}", "force": row.force, "who": who, "troops": int(value),
                             "label": f"{int(value):,}"})
    return rows


def essay_rows(rows: list[dict]) -> list[dict]:
    """The essay's band, only when the figures reach past it (otherwise it would stretch the time axis)."""
    start, end, label = analysis.ESSAY_PERIOD
    reaches = any(r["date"] >= f"{start:%Y-%m-%d}" for r in rows)
    return [{"start": f"{start:%Y-%m-%d}", "end": f"{end:%Y-%m-%d}", "label": label}] if reaches else []


def troops_spec(rows: list[dict]) -> dict:
    """Peacekeeping forces' strength on a time axis: the whole force and the US contingent, by shape and colour."""
    x = {"field": "date", "type": "temporal", "title": "Date", "scale": {"type": "utc", "padding": 16},
         "axis": {"format": "%Y", "labelOverlap": True, "tickCount": {"interval": "year", "step": 1}}}
    y = {"field": "troops", "type": "quantitative", "title": "Troops", "axis": {"format": ",d"}}
    shapes = {"whole force": (OKABE_ITO["blue"], "circle"), "US contingent": (OKABE_ITO["vermillion"], "triangle-up")}
    legend = {"orient": "bottom", "direction": "horizontal"}
    start, end, label = analysis.ESSAY_PERIOD
    return {
        "$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": FIT, "height": 280, "config": FONT,
        "params": [{"name": "heading", "value": "Peacekeeping forces"}],
        "title": {"text": {"expr": "heading"},
                  "subtitle": ["Circles: the whole force; triangles: US troops in it, where a source gave the figure.",
                               "Each point is a figure at the date its source gives; lines join one force's points. "
                               "Shaded band, where shown: when the essay was written."]},
        "datasets": {"troops": rows, "essay": essay_rows(rows)},
        "layer": [
            {"data": {"name": "essay"}, "mark": {"type": "rect", "color": ESSAY_COLOUR, "opacity": 0.35, "aria": False},
             "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"}}},
            {"data": {"name": "troops"}, "mark": {"type": "line", "strokeWidth": 1.5, "opacity": 0.6},
             "encoding": {"x": x, "y": y, "detail": [{"field": "who"}, {"field": "force"}],
                          "color": {"field": "who", "type": "nominal", "legend": None,
                                    "scale": {"domain": list(shapes), "range": [c for c, _ in shapes.values()]}}}},
            {"data": {"name": "troops"},
             "mark": {"type": "point", "filled": True, "size": 80, "stroke": "black", "strokeWidth": 0.5},
             "encoding": {"x": x, "y": y,
                          "shape": {"field": "who", "type": "nominal", "title": None, "legend": legend,
                                    "scale": {"domain": list(shapes), "range": [s for _, s in shapes.values()]}},
                          "color": {"field": "who", "type": "nominal", "title": None, "legend": legend,
                                    "scale": {"domain": list(shapes), "range": [c for c, _ in shapes.values()]}},
                          "tooltip": [{"field": "date", "type": "temporal", "title": "Date", "format": "%B %Y"},
                                      {"field": "force", "title": "Force"}, {"field": "who", "title": "Counted"},
                                      {"field": "label", "title": "Troops"}]}},
        ],
    }
