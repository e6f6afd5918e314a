"""Explorers of who trades, invests, lends and builds ties in the region (claim C9), built like those in widgets.py.

Each is a VBox with ``state`` (what is shown) and ``controls()`` (each control by its key in
``state``), so tests/test_explorers.py covers it. The numbers come from partners.py; the
charts are Vega-Lite specs from eu_charts.py, redrawn in the browser.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from . import charts, eu_charts, partners, tables, vega
from .guard import reported
from .widgets import CONTROL_STYLE, FULL_WIDTH, live_text


def _amount(value) -> str:
    """Millions as the source gives them: no '.0' on a round figure."""
    value = float(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def share_rows(shown: pd.DataFrame, unit: str) -> list[dict]:
    return [{"partner": r.partner, "share": r.share, "what": r.what,
             "label": f"{r.share:,.1f}%" if unit == "%" else f"€{r.share:,.0f}m"} for r in shown.itertuples()]


def _bars_spec(unit: str, rows: list[dict]) -> dict:
    spec = eu_charts.shares_spec(rows, money=unit != "%")
    if unit != "%":  # money has no fixed top: the axis fits the largest figure shown
        for layer in spec["layer"]:
            layer["encoding"]["x"] = {**layer["encoding"]["x"], "title": "EUR million", "scale": {"domainMin": 0}}
    return spec


class PartnersExplorer(w.VBox):
    """Each partner's share of a country's trade, or its direct investment, for a chosen period."""

    def __init__(self, country: str = "WB6", measure: str = "exports", period: str = partners.LATEST):
        self.country = w.Dropdown(options=[(name[0].upper() + name[1:], code) for code, name in
                                           partners.COUNTRIES.items()], value=country, description="Country:",
                                  style=CONTROL_STYLE)
        self.measure = w.Dropdown(options=[(words, key) for key, (words, _unit) in partners.MEASURES.items()],
                                  value=measure, description="Measure:", style=CONTROL_STYLE,
                                  layout=w.Layout(width="60%"))
        self.period = w.Dropdown(options=[("Latest with figures", partners.LATEST)]
                                 + [(p, p) for p in partners.all_periods()], value=period,
                                 description="Year or period:", style=CONTROL_STYLE)
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.unit = partners.MEASURES[measure][1]  # the axis the chart is drawn with: a share or money
        self.chart = vega.VegaChart(_bars_spec(self.unit, share_rows(partners.shares(country, measure, period),
                                                                     self.unit)))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        for control in (self.country, self.measure, self.period):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([w.HBox([self.country, self.period]), self.measure, self.summary, self.chart, self.table])
        self.update()

    def controls(self) -> dict:
        return {"country": self.country, "measure": self.measure, "period": self.period}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        country, measure, period = self.country.value, self.measure.value, self.period.value
        unit = partners.MEASURES[measure][1]
        shown = partners.shares(country, measure, period)
        label = shown["period"].iloc[0] if not shown.empty else self.period.label
        sentence = partners.shares_sentence(country, measure, shown, label)
        rows = share_rows(shown, unit)
        if rows and unit != self.unit:  # a money axis or a share axis, drawn anew with its rows
            self.unit = unit
            self.chart.spec = _bars_spec(unit, rows)
        heading = f"{self.country.label}, {label}: {partners.MEASURES[measure][0].lower()}"
        if shown.empty or partners.not_like_for_like(shown):
            # Hidden: never sent no rows (an empty chart can lay itself out without limit), and figures that
            # count different things are not drawn on one axis; the table gives each with what it counts.
            self.chart.update(description=f"Bar chart. {sentence}")
            self.chart.clear()
        else:
            self.chart.update(params={"heading": heading}, datasets={"shares": rows},
                              description=f"Bar chart. {sentence}")
        self.summary.value = live_text(sentence)
        self.table.value = "" if shown.empty else tables.html_table(
            "Each figure, what it counts, and its source", ["Partner", "Figure", "What is counted", "Source"],
            [[html.escape(r.partner), html.escape(share_rows(shown.iloc[[i]], unit)[0]["label"]), html.escape(r.what),
              tables.source_cell(r.source_id, r.alt_source_id)] for i, r in enumerate(shown.itertuples())])
        self.state.update(country=country, measure=measure, period=period, count=len(shown),
                          description=self.chart.description)


def partners_explorer(**settings) -> PartnersExplorer:
    """Who trades with and invests in each country: choose the country, the measure and the period."""
    return PartnersExplorer(**settings)


class ProjectsExplorer(w.VBox):
    """Notable loans, investments, grants and guarantees: filter by partner and kind, sort, see each conversion."""

    def __init__(self, partner: str = "all", kind: str = "all", sort: str = "largest"):
        every = partners.projects()
        self.partner = w.Dropdown(options=[("All partners", "all")] + [(p, p) for p in sorted(every["partner"].unique())],
                                  value=partner, description="Partner:", style=CONTROL_STYLE)
        self.kind = w.Dropdown(options=[("All kinds", "all")] + [(k, k) for k in sorted(every["kind"].unique())],
                               value=kind, description="Kind of money:", style=CONTROL_STYLE)
        self.sort = w.Dropdown(options=[(words, key) for key, words in partners.SORTS.items()], value=sort,
                               description="Sort:", style=CONTROL_STYLE)
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        for control in (self.partner, self.kind, self.sort):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([w.HBox([self.partner, self.kind, self.sort]), self.summary, self.table])
        self.update()

    def controls(self) -> dict:
        return {"partner": self.partner, "kind": self.kind, "sort": self.sort}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        shown = partners.projects(self.partner.value, self.kind.value, self.sort.value)
        chosen = [c.label for c in (self.partner, self.kind) if c.value != "all"]
        if shown.empty:
            sentence = f"No project in the table for {' and '.join(chosen)}."
        else:
            sentence = (f"{len(shown)} project{'s' if len(shown) > 1 else ''}"
                        f"{' (' + ', '.join(chosen) + ')' if chosen else ''}, "
                        f"{partners.SORTS[self.sort.value].lower()}. Loans, grants, purchases and pledges are different "
                        "kinds of money: do not add them up.")
        self.summary.value = live_text(sentence)
        self.table.value = "" if shown.empty else tables.html_table(
            "Notable projects: the amount as the source gives it, and in euros", [
                "Year", "Country", "Partner", "Project", "Kind", "Amount in the source", "In euros (million)",
                "How it was converted", "Source"],
            [[f"{r.year}", html.escape(partners.COUNTRIES.get(str(r.country_code), str(r.country_code))),
              html.escape(str(r.partner)), html.escape(str(r.project)), html.escape(str(r.kind)),
              f"{_amount(r.amount_original)} {html.escape(str(r.currency))} million",
              _amount(r.amount_eur_million), html.escape(partners.conversion_words(r)),
              tables.source_cell(r.source_id, r.alt_source_id)] for r in shown.itertuples()])
        self.state.update(partner=self.partner.value, kind=self.kind.value, sort=self.sort.value, count=len(shown),
                          project_ids=list(shown["project_id"]), description=sentence)


def projects_explorer(**settings) -> ProjectsExplorer:
    """Notable projects, filtered and sorted, with each amount in its own currency and in euros."""
    return ProjectsExplorer(**settings)


class TiesExplorer(w.VBox):
    """Dated security, energy, media and identity ties with each outside partner."""

    def __init__(self, partner: str = "all", dimension: str = "all", country: str = "all"):
        every = partners.ties()
        by_partner = every["partner"].astype(str).value_counts()
        self.partner = w.Dropdown(options=[("All partners", "all")] + [(f"{p} ({n})", p) for p, n in by_partner.items()],
                                  value=partner, description="Partner:", style=CONTROL_STYLE)
        self.dimension = w.Dropdown(options=[("All kinds of tie", "all")] + [(words, key) for key, words
                                                                             in partners.DIMENSIONS.items()],
                                    value=dimension, description="Kind of tie:", style=CONTROL_STYLE)
        self.country = w.Dropdown(options=[("All six", "all")] + [(name, code) for code, name in
                                                                  partners.COUNTRIES.items() if code != "WB6"],
                                  value=country, description="Country:", style=CONTROL_STYLE)
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        for control in (self.partner, self.dimension, self.country):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([w.HBox([self.partner, self.dimension, self.country]), self.summary, self.table])
        self.update()

    def controls(self) -> dict:
        return {"partner": self.partner, "dimension": self.dimension, "country": self.country}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        shown = partners.ties(self.partner.value, self.dimension.value, self.country.value)
        counts = shown["partner"].astype(str).value_counts()
        chosen = [c.label.split(" (")[0] for c in (self.partner, self.dimension, self.country) if c.value != "all"]
        sentence = (f"No tie in the table for {', '.join(chosen)}." if shown.empty else
                    f"{len(shown)} tie{'s' if len(shown) > 1 else ''}{' (' + ', '.join(chosen) + ')' if chosen else ''}: "
                    + ", ".join(f"{p} {n}" for p, n in counts.items())
                    + ". A count of rows shows where our sources looked, not the weight of each tie.")
        self.summary.value = live_text(sentence)
        self.table.value = "" if shown.empty else tables.html_table(
            "Each tie, dated, with its source", ["When", "Country", "Partner", "Kind", "What happened", "Source"],
            [[html.escape(charts.format_date(r.date, str(r.date_precision))),
              html.escape(partners.COUNTRIES[str(r.country_code)]), html.escape(str(r.partner)),
              html.escape(partners.DIMENSIONS[str(r.dimension)]), html.escape(str(r.summary)),
              tables.source_cell(r.source_id, r.alt_source_id)] for r in shown.itertuples()])
        self.state.update(partner=self.partner.value, dimension=self.dimension.value, country=self.country.value,
                          count=len(shown), description=sentence)


def ties_explorer(**settings) -> TiesExplorer:
    """Dated ties of the six with Russia, China, the EU, its members, the US and NATO."""
    return TiesExplorer(**settings)


def opinion_rows(series: pd.DataFrame) -> list[dict]:
    """The chart's rows: one point per answer of each dated poll."""
    return [{"series": r.answer, "date": f"{r.date:%Y-%m-%d}", "when": r.when, "percent": float(r.percent),
             "pollster": r.pollster, "sample": "" if pd.isna(r.sample_size) else f"{int(r.sample_size):,}"}
            for r in series.itertuples() if not pd.isna(r.date)]


class OpinionExplorer(w.VBox):
    """One poll question, worded one way by one pollster, in one country: its answers over time."""

    def __init__(self, country: str = "SRB", question: str | None = None):
        self.country = w.Dropdown(options=[(name, code) for code, name in partners.COUNTRIES.items() if code != "WB6"],
                                  value=country, description="Country:", style=CONTROL_STYLE)
        self.question = w.Dropdown(description="Pollster and question:", style=CONTROL_STYLE,
                                   layout=w.Layout(width="95%"))
        self._fill_questions(question)
        self.summary = w.HTML(layout=FULL_WIDTH)
        # Drawn first with rows: a time axis with no rows at all lays the chart out infinitely tall.
        self.chart = vega.VegaChart(eu_charts.opinion_spec(opinion_rows(
            partners.poll_series(self.country.value, self.question.value))))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        self._refilling = False
        self.country.observe(self._country_changed, names="value")
        self.question.observe(lambda _change: self._refilling or self.update(), names="value")
        super().__init__([self.country, self.question, self.summary, self.chart, self.table])
        self.update()

    def controls(self) -> dict:
        return {"country": self.country, "question": self.question}

    def _fill_questions(self, keep: str | None) -> None:
        asked = partners.poll_questions(self.country.value)
        # The series with the most polls first: the one that shows change over time.
        ordered = sorted(asked.items(), key=lambda item: (-int(item[1].rsplit("(", 1)[1].split()[0]), item[1]))
        self.question.options = [(label, key) for key, label in ordered]
        self.question.value = keep if keep in asked else ordered[0][0]

    def _country_changed(self, _change) -> None:
        self._refilling = True  # the question list changes with the country; redraw once, after
        try:
            self._fill_questions(self.question.value)
        finally:
            self._refilling = False
        self.update()

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        series = partners.poll_series(self.country.value, self.question.value)
        pollster, wording = self.question.value.split("|", 1)
        dated = series[series["date"].notna()]
        polls = series["poll_id"].nunique()
        sentence = (f"{self.country.label}: {pollster}, “{wording.strip(chr(34))}”. {polls} poll{'s' if polls > 1 else ''}; "
                    + "; ".join(f"{w}: " + ", ".join(f"{r.answer} {r.percent:g}%" for r in rows.itertuples())
                                for w, rows in series.groupby("when", sort=False)) + ".")
        if dated.empty:  # hidden, and never sent no rows (see __init__)
            self.chart.update(description=f"Chart. {sentence}")
            self.chart.clear()
        else:
            self.chart.update(params={"heading": f"{self.country.label}: {wording.strip(chr(34))}"[:110]},
                              datasets={"answers": opinion_rows(series)}, description=f"Chart. {sentence}")
        self.summary.value = live_text(sentence)
        self.table.value = tables.html_table(
            "Each answer, with the poll's fieldwork, sample and source",
            ["Fieldwork", "Answer", "Per cent", "Sample", "Note", "Source"],
            [[html.escape(r.when), html.escape(str(r.answer)), f"{r.percent:g}",
              "" if pd.isna(r.sample_size) else f"{int(r.sample_size):,}",
              html.escape(str(r.note)) if isinstance(r.note, str) else "",
              tables.source_cell(r.source_id, r.alt_source_id)] for r in series.itertuples()])
        self.state.update(country=self.country.value, question=self.question.value, count=len(series),
                          description=self.chart.description)


def opinion_explorer(**settings) -> OpinionExplorer:
    """Poll answers over time: one country, one pollster's question, never two wordings mixed."""
    return OpinionExplorer(**settings)
