"""Explorers that compare administrations (claims C2 and C6), built like those in widgets.py.

Each is a VBox with ``state`` (what is shown) and ``controls()`` (each control by its key in
``state``), so tests/test_explorers.py covers it. The numbers come from continuity.py and
russia.py; the charts are Vega-Lite specs from vega_charts.py, redrawn in the browser.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from . import analysis, charts, continuity, data, history, russia, tables, vega, vega_charts
from .guard import reported
from .widgets import CONTROL_STYLE, FULL_WIDTH, administration_dropdown, live_text


def _grid_table(cells, measure_words: str) -> str:
    """The grid as an HTML table: the same numbers as the chart, for screen readers and print."""
    areas = list(dict.fromkeys(cells["area"]))
    rows = []
    for label, row in cells.groupby("label", sort=False):
        values = dict(zip(row["area"], row["value"]))
        rows.append([html.escape(label)] + ["–" if values[a] is None or values[a] != values[a] else f"{values[a]:g}"
                                            for a in areas])
    return tables.html_table(f"{measure_words}, by administration and policy area",
                             ["Administration"] + [html.escape(a) for a in areas], rows)


class GridExplorer(w.VBox):
    """Administrations by policy area: a count (or share) of US actions in each cell, and the caveat beside it."""

    def __init__(self, measure: str = "actions", country: str = "all"):
        events = analysis.filter_events()
        counts = events["country"].astype(str).value_counts()
        self.measure = w.Dropdown(options=[(label, key) for key, label in continuity.GRID_MEASURES.items()],
                                  value=measure, description="Count in each cell:", style=CONTROL_STYLE,
                                  layout=w.Layout(width="60%"))
        self.country = w.Dropdown(
            options=[("All countries", "all")] + [(f"{name[0].upper() + name[1:]} ({counts[code]})", code)
                                                   for code, name in analysis.event_countries().items()
                                                   if counts.get(code, 0)],
            value=country, description="Country:", style=CONTROL_STYLE)
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(vega_charts.grid_spec(continuity.grid(measure), measure == "change_share"))
        self.caveat = w.HTML(layout=FULL_WIDTH)
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        for control in (self.measure, self.country):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([w.HBox([self.measure, self.country]), self.summary, self.chart, self.caveat, self.table])
        self.update()

    def controls(self) -> dict:
        return {"measure": self.measure, "country": self.country}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        events = analysis.filter_events(country=self.country.value)
        cells = continuity.grid(self.measure.value, events)
        words = continuity.GRID_MEASURES[self.measure.value]
        where = analysis.event_countries().get(self.country.value, "the Western Balkans")
        heading = f"{words}: US actions on {where}"
        totals = cells[cells["pillar"] == continuity.ALL_AREAS].set_index("label")["value"]
        shown = [f"{label} {'–' if value != value or value is None else f'{value:g}'}"
                 for label, value in totals.items()]
        sentence = f"{heading}. Row totals: " + "; ".join(shown) + "."
        share = self.measure.value == "change_share"
        self.chart.update(params={"heading": heading, "top": vega_charts.grid_top(cells, share)},
                          datasets={"cells": vega_charts.grid_rows(cells, share)},
                          description=f"Grid chart. {sentence}")
        self.summary.value = live_text(sentence)
        scope = "" if self.country.value == "all" else where
        self.caveat.value = (f'<div style="border-left:4px solid #E69F00;padding:4px 10px"><b>Before you compare cells:'
                             f"</b> {html.escape(continuity.density_sentence(events, scope))}</div>")
        self.table.value = (f"<details><summary>The grid as a table</summary>"
                            f"{_grid_table(cells, words)}</details>")
        self.state.update(measure=self.measure.value, country=self.country.value, count=len(events),
                          totals={label: (None if v != v else v) for label, v in totals.items()},
                          description=self.chart.description)


def grid_explorer(**settings) -> GridExplorer:
    """The administrations-by-policy-area grid, with its data-density caveat."""
    return GridExplorer(**settings)


class RussiaExplorer(w.VBox):
    """US measures on Russia in two arenas (Russia and Europe; the Western Balkans), by administration and kind."""

    def __init__(self, administration: str = "all", kind: str = "all", arena: str = "all"):
        every = russia.measures()
        by_term = every["administration"].astype(str).value_counts()
        self.administration = administration_dropdown(by_term, administration)
        by_kind = every["kind"].value_counts()
        self.kind = w.Dropdown(options=[("All kinds", "all")] + [(f"{words} ({by_kind[k]})", k) for k, words
                                                                  in russia.KINDS.items() if by_kind.get(k)],
                               value=kind, description="Kind:", style=CONTROL_STYLE)
        self.arena = w.Dropdown(options=[("Both arenas", "all")] + [(words, key) for key, words in russia.ARENAS.items()],
                                value=arena, description="Arena:", style=CONTROL_STYLE)
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(vega_charts.measures_timeline_spec(every, _terms()))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        for control in (self.administration, self.kind, self.arena):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([w.HBox([self.administration, self.kind]), self.arena, self.summary, self.chart,
                          self.table])
        self.update()

    def controls(self) -> dict:
        return {"administration": self.administration, "kind": self.kind, "arena": self.arena}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        shown = russia.measures(self.arena.value, self.administration.value, self.kind.value)
        chosen = [control.label.rsplit(" (", 1)[0] for control in (self.administration, self.kind, self.arena)
                  if control.value != "all"]
        heading = "US policy on Russia" + (f" ({'; '.join(chosen)})" if chosen else "")
        sentence = russia.direction_sentence(shown)
        self.chart.update(params={"heading": heading}, description=f"Timeline, {heading}: {sentence}",
                          datasets={"events": vega_charts.measure_rows(shown),
                                    "terms": vega_charts.term_rows(shown, _terms())})
        if shown.empty:
            self.chart.clear()
        self.table.value = tables.measures_table(shown, "The measures on the chart, with our coding and its reasons") \
            if not shown.empty else ""
        self.summary.value = live_text(f"{heading}: {sentence}")
        self.state.update(administration=self.administration.value, kind=self.kind.value, arena=self.arena.value,
                          count=len(shown), measure_ids=list(shown["measure_id"]), description=self.chart.description)


def _terms():
    terms = data.load("administrations")
    return terms.assign(administration_id=terms["administration_id"].astype(str))


def _posture_rows(series: str) -> list[dict]:
    """One bar per figure; where sources disagree on a period, their bars stand side by side (n = 0, 1, ...)."""
    rows, seen, last = [], {}, None
    for f in russia.posture(series).itertuples():
        label = _period_label(f.period, f.period_precision)
        seen[label] = seen.get(label, -1) + 1
        when = f"{f.period[2:]}-04-01" if f.period_precision == "fiscal_year" else f.period
        rows.append({"period_label": label, "when": when, "value": float(f.value), "n": seen[label],
                     "source": data.source_title(str(f.source_id)), "counts": "" if f.note != f.note else str(f.note),
                     # a figure repeated within a year is labelled once, so labels do not pile up
                     "label": "" if last and last[0] == f.value and (pd.Timestamp(when) - last[1]).days < 366
                     else f"{f.value:,.0f}"})
        last = (f.value, pd.Timestamp(when))
    return rows


def _period_label(period: str, precision: str) -> str:
    return period if precision == "fiscal_year" else charts.format_date(period, precision)


class PostureExplorer(w.VBox):
    """One series of US posture in Europe (deterrence money, troops), each figure with its source."""

    def __init__(self, series: str | None = None):
        present = [key for key in russia.SERIES if not russia.posture(key).empty]
        self.series = w.Dropdown(options=[(russia.SERIES[key], key) for key in present],
                                 value=series or ("edi_requested_usd_m" if "edi_requested_usd_m" in present else present[0]), description="Series:", style=CONTROL_STYLE,
                                 layout=w.Layout(width="70%"))
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(vega_charts.posture_spec(_posture_rows(self.series.value)))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        self.series.observe(lambda _change: self.update(), names="value")
        super().__init__([self.series, self.summary, self.chart, self.table])
        self.update()

    def controls(self) -> dict:
        return {"series": self.series}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        key = self.series.value
        figures = russia.posture(key)
        rows = _posture_rows(key)
        heading = russia.SERIES[key]
        listed = "; ".join(f"{r['period_label']}: {r['value']:,.0f}" for r in rows)
        sentence = f"{heading}. {listed}."
        self.chart.update(params={"heading": heading}, datasets={"figures": rows},
                          description=f"Bar chart. {sentence}")
        self.summary.value = live_text(sentence)
        self.table.value = tables.html_table(
            f"{heading}: each figure and its source", ["Period", "Figure", "What it counts", "Source"],
            [[html.escape(r["period_label"]), f"{f.value:,.0f}", html.escape(str(f.note) if f.note == f.note else ""),
              tables.source_cell(f.source_id, f.alt_source_id)] for r, f in zip(rows, figures.itertuples())])
        self.state.update(series=key, count=len(rows), description=self.chart.description)


def russia_explorer(**settings) -> RussiaExplorer:
    """US measures on Russia, in Europe and in the Western Balkans, side by side."""
    return RussiaExplorer(**settings)


def posture_explorer(**settings) -> PostureExplorer:
    """US deterrence in Europe: money per fiscal year and troops, with sources."""
    return PostureExplorer(**settings)


SANCTION_WORDS = {"designation": "listed (designation)", "delisting": "removed from the list (delisting)",
                  "visa_ban": "barred from entering the US (visa ban)", "sanctions_deferred": "sanctions deferred"}


def sanctions_shown(country: str, administration: str = "all", action: str = "all") -> "pd.DataFrame":
    """US sanctions actions on one country, oldest first, with words for the action and administration."""
    table = analysis.where(data.load("sanctions"), country=country, administration=administration, action=action)
    labels = analysis.administration_labels()
    table = table.sort_values(["date", "action_id"]).reset_index(drop=True)
    return table.assign(when=[charts.format_date(d, p) for d, p in zip(table["date"], table["date_precision"])],
                        administration_label=table["administration"].astype(str).map(labels),
                        action_label=table["action"].map(SANCTION_WORDS),
                        after_essay=analysis.after_essay(table["date"]))


def sanctions_sentence(table) -> str:
    if table.empty:
        return "No sanctions action in the table matches these filters; set one of them back to 'All'."
    counts = table.groupby(["administration_label", "action"], sort=False).size()
    parts = [f"{administration}: " + ", ".join(f"{n} {SANCTION_WORDS[a].split(' (')[0]}" for (_adm, a), n
                                                  in counts.loc[[administration]].items())
             for administration in dict.fromkeys(table["administration_label"])]
    return (f"{len(table)} actions on people and companies. " + "; ".join(parts) + ". The table holds the actions we "
            "could verify name by name; the Treasury's own notices list more names than it does.")


class SanctionsExplorer(w.VBox):
    """US sanctions on one country's people and companies: listings and delistings side by side, by administration."""

    def __init__(self, country: str = "BIH", administration: str = "all", action: str = "all"):
        self.country = country
        every = sanctions_shown(country)
        by_term = every["administration"].astype(str).value_counts()
        self.administration = administration_dropdown(by_term, administration)
        by_action = every["action"].value_counts()
        self.action = w.Dropdown(options=[("Every kind of action", "all")] + [
            (f"{vega_charts.SANCTION_LANES[a].capitalize()} ({by_action[a]})", a) for a in SANCTION_WORDS
            if by_action.get(a)], value=action, description="Action:", style=CONTROL_STYLE)
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(vega_charts.sanctions_timeline_spec(every, _terms()))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        for control in (self.administration, self.action):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([w.HBox([self.administration, self.action]), self.summary, self.chart, self.table])
        self.update()

    def controls(self) -> dict:
        return {"administration": self.administration, "action": self.action}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        shown = sanctions_shown(self.country, self.administration.value, self.action.value)
        where = analysis.event_countries().get(self.country, self.country)
        chosen = [c.label.rsplit(" (", 1)[0] for c in (self.administration, self.action) if c.value != "all"]
        heading = f"US sanctions on people and companies in {where}" + (f" ({'; '.join(chosen)})" if chosen else "")
        sentence = sanctions_sentence(shown)
        self.chart.update(params={"heading": heading}, description=f"Timeline, {heading}: {sentence}",
                          datasets={"events": vega_charts.sanction_rows(shown),
                                    "terms": vega_charts.term_rows(shown, _terms())})
        if shown.empty:
            self.chart.clear()
        self.table.value = tables.sanctions_table(shown, "The actions on the chart, with their legal basis and source") \
            if not shown.empty else ""
        self.summary.value = live_text(f"{heading}: {sentence}")
        self.state.update(administration=self.administration.value, action=self.action.value, count=len(shown),
                          action_ids=list(shown["action_id"]), description=self.chart.description)


def sanctions_explorer(**settings) -> SanctionsExplorer:
    """US sanctions on one country's people and companies, designations and delistings side by side."""
    return SanctionsExplorer(**settings)


class HumanCostExplorer(w.VBox):
    """The wars' dead and displaced: pick a war and what was counted; every body's figure, with its source."""

    def __init__(self, war: str = "Bosnian War", measure: str = "deaths_total"):
        self.war = w.Dropdown(options=[(name, key) for key, name in history.WAR_NAMES.items()], value=war,
                              description="War:", style=CONTROL_STYLE, layout=w.Layout(width="55%"))
        # Every measure is always offered: a war with no figure for it says so (the lists never shift under a student).
        self.measure = w.Dropdown(options=[(words, key) for key, words in history.MEASURES.items()], value=measure,
                                  description="Counted:", style=CONTROL_STYLE)
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(vega_charts.cost_spec(vega_charts.cost_rows(history.figures(war, measure))))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        for control in (self.war, self.measure):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([w.HBox([self.war, self.measure]), self.summary, self.chart, self.table])
        self.update()

    def controls(self) -> dict:
        return {"war": self.war, "measure": self.measure}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        table = history.figures(self.war.value, self.measure.value)
        words = history.MEASURES[self.measure.value]
        heading = f"{history.WAR_NAMES[self.war.value]}: {words}"
        listed = "; ".join(f"{row.who}, {history.figure_text(row)} ({row.estimating_body})" for row in table.itertuples())
        counted = ", ".join(history.MEASURES[m] for m in history.measures_of(self.war.value))
        sentence = f"{heading}. {len(table)} figure{'s' if len(table) != 1 else ''}: {listed}." if len(table) else \
            f"{heading}: No figure in the table for this war; it has figures for: {counted}."
        rows = vega_charts.cost_rows(table)
        self.chart.update(params={"heading": heading, "top": vega_charts.cost_top(rows)}, datasets={"figures": rows},
                          description=f"Bar chart. {sentence}")
        if table.empty:
            self.chart.clear()
        self.summary.value = live_text(sentence)
        self.table.value = tables.conflict_figures(self.war.value, f"Every figure: {history.WAR_NAMES[self.war.value]}, "
                                                   "with what it counts and its source")
        self.state.update(war=self.war.value, measure=self.measure.value, count=len(table),
                          description=self.chart.description)


def human_cost_explorer(**settings) -> HumanCostExplorer:
    """The wars' dead and displaced, by war and by what was counted, each figure with who counted it."""
    return HumanCostExplorer(**settings)


TROOP_PERIODS = {  # force(s) shown and the years, as a student picks them
    "kfor": ("KFOR in Kosovo, 1999 to now", ("KFOR",), 1999, 2026),
    "kfor-recent": ("KFOR since 2017", ("KFOR",), 2017, 2026),
    "bosnia": ("IFOR, SFOR and EUFOR in Bosnia and Herzegovina, 1995-2006", ("IFOR", "SFOR", "EUFOR"), 1995, 2006),
}


def troops_shown(period: str):
    label, forces, first, last = TROOP_PERIODS[period]
    table = data.load("troop_presence")
    table = table[table["force"].isin(forces) & table["as_of"].dt.year.between(first, last)]
    return table.sort_values("as_of").reset_index(drop=True)


class TroopsExplorer(w.VBox):
    """Peacekeeping forces over time: the whole force and the US contingent, for a chosen period."""

    def __init__(self, period: str = "kfor"):
        self.period = w.Dropdown(options=[(label, key) for key, (label, *_rest) in TROOP_PERIODS.items()],
                                 value=period, description="Period:", style=CONTROL_STYLE, layout=w.Layout(width="60%"))
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(vega_charts.troops_spec(vega_charts.troop_rows(troops_shown(period))))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        self.period.observe(lambda _change: self.update(), names="value")
        super().__init__([self.period, self.summary, self.chart, self.table])
        self.update()

    def controls(self) -> dict:
        return {"period": self.period}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        table = troops_shown(self.period.value)
        heading = TROOP_PERIODS[self.period.value][0]
        points = "; ".join(f"{charts.format_date(r.as_of, r.as_of_precision)}: {r.force} "
                           + ("(whole force not given)" if pd.isna(r.total_troops) else f"{int(r.total_troops):,}")
                           + ("" if pd.isna(r.us_troops) else f" (US {int(r.us_troops):,})") for r in table.itertuples())
        sentence = f"{heading}. {points}."
        rows = vega_charts.troop_rows(table)
        self.chart.update(params={"heading": heading}, datasets={"troops": rows, "essay": vega_charts.essay_rows(rows)},
                          description=f"Chart. {sentence}")
        self.summary.value = live_text(sentence)
        self.table.value = tables.html_table(
            f"{heading}: each figure, what it counts and its source", ["When", "Force", "Whole force", "US troops",
                                                                      "What it counts", "Source"],
            [[html.escape(charts.format_date(r.as_of, r.as_of_precision)), html.escape(r.force),
              "" if pd.isna(r.total_troops) else f"{int(r.total_troops):,}",
              "" if pd.isna(r.us_troops) else f"{int(r.us_troops):,}",
              html.escape(str(r.note)) if isinstance(r.note, str) else "",
              tables.source_cell(r.source_id, r.alt_source_id)] for r in table.itertuples()])
        self.state.update(period=self.period.value, count=len(table), description=self.chart.description)


def troops_explorer(**settings) -> TroopsExplorer:
    """Peacekeeping forces over time, with the US contingent, for a chosen period."""
    return TroopsExplorer(**settings)
