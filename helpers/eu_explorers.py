"""Explorers of the EU's place in the region (claims C7, C8, C12), built like those in widgets.py.

Each is a VBox with ``state`` (what is shown) and ``controls()`` (each control by its key in
``state``), so tests/test_explorers.py covers it. The numbers come from accession.py; the
charts are Vega-Lite specs from eu_charts.py, redrawn in the browser.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from . import accession, charts, data, eu_charts, tables, vega
from .guard import reported
from .widgets import CONTROL_STYLE, FULL_WIDTH, SliderLabels, live_text

ALIGNMENTS = {"calendar": "On the calendar", "years": "Years since applying"}
NONE = "none"


def _countries_offered() -> dict[str, str]:
    """Every country with an application date, by name."""
    codes = accession.milestones().query("milestone == 'application'")["country_code"].unique()
    return dict(sorted(accession.country_names(codes).items(), key=lambda item: item[1]))


def timeline_rows(countries) -> tuple[list[dict], list[dict]]:
    """The chart's two datasets: one point per step, one line per country (application to now or membership)."""
    steps = accession.milestones(countries)
    waits = accession.waits(countries).set_index("country_code")
    order = steps[steps["milestone"] == "application"].sort_values("date")["country_code"].tolist()
    points = [{"country": r.country_name, "stage": r.stage, "date": f"{r.date:%Y-%m-%d}", "when": r.when,
               "years": round(r.years_since_application, 2), "order": order.index(r.country_code)}
              for r in steps.itertuples() if r.country_code in order]
    spans = []
    for code in order:
        own = steps[steps["country_code"] == code].set_index("milestone")["date"]
        wait = waits.loc[code]
        end = next((own[m] for m in ("accession", "application_frozen_or_withdrawn") if m in own), accession.AS_OF)
        state = ("member" if "accession" in own else "withdrew or froze" if "application_frozen_or_withdrawn" in own
                 else "still waiting")
        spans.append({"country": wait["country_name"], "order": order.index(code), "state": state,
                      "start_date": f"{own['application']:%Y-%m-%d}", "end_date": f"{end:%Y-%m-%d}",
                      "start_years": 0, "end_years": round(wait["years_waited"], 2),
                      "label": f"{wait['years_waited']:.1f}"})
    return points, spans


def waits_sentence(table: pd.DataFrame) -> str:
    """Who has waited longest, and how long members took: the figures the chart shows, in words."""
    if table.empty:
        return "No country chosen."
    parts = []
    waiting = table[table["waiting"]].sort_values("years_waited", ascending=False)
    if not waiting.empty:
        parts.append("Still waiting in November 2026: " + "; ".join(
            f"{r.country_name}, {r.years_waited:.1f} years since applying in {r.applied.split(' ', 1)[-1]}"
            for r in waiting.itertuples()) + ".")
    stopped = table[table["stopped"]]
    if not stopped.empty:
        parts.append("Froze or withdrew its application: " + "; ".join(
            f"{r.country_name}, after {r.years_waited:.1f} years" for r in stopped.itertuples()) + ".")
    members = table[~table["waiting"] & ~table["stopped"]].sort_values("years_waited")
    if not members.empty:
        parts.append("From application to membership: " + "; ".join(
            f"{r.country_name} {r.years_waited:.1f} years" for r in members.itertuples()) + ".")
    return " ".join(parts)


def _years(value) -> str:
    return "" if value is None or pd.isna(value) else f"{value:.1f}"


def where_it_stands(code: str) -> str:
    """A country's position in words at the end of our record: member, negotiating, decided, candidate, applied."""
    every = data.load("eu_accession")
    own = every[every["country_code"].astype(str) == code].set_index("milestone")
    def when(step: str) -> str:
        return charts.format_date(own.loc[step, "date"], str(own.loc[step, "date_precision"]))
    if "accession" in own.index:
        return f"member since {when('accession')}"
    if "application_frozen_or_withdrawn" in own.index:
        return f"application frozen or withdrawn ({when('application_frozen_or_withdrawn')})"
    if "negotiations_opened" in own.index:
        counts = accession.latest_counts(code)
        by = charts.format_date(counts["date"], "day") if counts["date"] is not None else "the end of our record"
        closed = (f"{counts['closed']} of {counts['total']} chapters closed by {by}" if counts["opened"]
                  else f"no chapter opened by {by}")
        return f"negotiating since {when('negotiations_opened')}: {closed}"
    if "negotiations_decided" in own.index:
        return (f"candidate since {when('candidate_status')}; the European Council decided to open negotiations "
                f"({when('negotiations_decided')}), which have not yet opened")
    if "candidate_status" in own.index:
        return f"candidate since {when('candidate_status')}"
    return "applied; not a candidate"


def waits_table(countries, caption: str) -> str:
    """Each country's steps in years since it applied, where it stands, and the source of each date."""
    steps = accession.milestones(countries)
    rows = []
    for r in accession.waits(countries).sort_values("years_waited", ascending=False).itertuples():
        own = steps[steps["country_code"] == r.country_code]
        sources = tables.source_cell(*dict.fromkeys(own["source_id"].dropna().astype(str)))
        rows.append([html.escape(r.country_name), html.escape(r.applied), _years(r.to_candidate_status),
                     _years(r.to_negotiations_opened),
                     _years(r.to_accession) or ("" if r.stopped else f"not yet: {r.years_waited:.1f} years so far"),
                     html.escape(where_it_stands(r.country_code)),
                     sources])
    return (tables.html_table(caption, ["Country", "Applied", "Candidate after (years)",
                                        "Negotiations opened after (years)", "Joined after (years)",
                                        "Where it stands (November 2026)", "Sources"], rows)
            + "<p><small>An empty cell is a step not reached yet, or one that did not exist then: there was no formal "
              "candidate status before the late 1990s (each row's note in <code>data/eu_accession.csv</code> says "
              "which).</small></p>")


class AccessionExplorer(w.VBox):
    """The road to EU membership for a group of countries, on the calendar or in years since each applied."""

    def __init__(self, group: str = "Western Balkans six beside Croatia and Poland", extra: str = NONE,
                 align: str = "years"):
        offered = _countries_offered()
        self.group = w.Dropdown(options=list(accession.GROUPS), value=group, description="Countries:",
                                style=CONTROL_STYLE, layout=w.Layout(width="60%"))
        self.extra = w.Dropdown(options=[("(none)", NONE)] + [(name, code) for code, name in offered.items()],
                                value=extra, description="Add a country:", style=CONTROL_STYLE)
        self.align = w.ToggleButtons(options=[(label, key) for key, label in ALIGNMENTS.items()], value=align,
                                     description="Line them up:", style={**CONTROL_STYLE, "button_width": "auto"})
        self.summary = w.HTML(layout=FULL_WIDTH)
        points, spans = timeline_rows(self.countries())
        self.chart = vega.VegaChart(eu_charts.timeline_spec(align, points, spans,
                                                            essay=any(s["state"] == "still waiting" for s in spans)))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        for control in (self.group, self.extra, self.align):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([w.HBox([self.group, self.extra]), self.align, self.summary, self.chart, self.table])
        self.update()

    def controls(self) -> dict:
        return {"group": self.group, "extra": self.extra, "align": self.align}

    def countries(self) -> tuple[str, ...]:
        chosen = accession.GROUPS[self.group.value]
        return chosen + ((self.extra.value,) if self.extra.value not in (NONE, *chosen) else ())

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        countries = self.countries()
        points, spans = timeline_rows(countries)
        sentence = waits_sentence(accession.waits(countries))
        spec = eu_charts.timeline_spec(self.align.value, points, spans,
                                       essay=any(span["state"] == "still waiting" for span in spans))
        description = f"Chart, {spec['title']['text']}. {sentence}"
        unchanged = {**spec, "datasets": None} == {**self.chart.spec, "datasets": None}
        if not unchanged:  # a new axis (calendar or years) or the essay's band: drawn anew, with its rows
            self.chart.spec = spec
        self.chart.update(datasets={"steps": points, "spans": spans}, description=description)
        self.summary.value = live_text(f"{ALIGNMENTS[self.align.value]}. {sentence}")
        self.table.value = waits_table(countries, "Each step in years since the country applied, with sources")
        self.state.update(group=self.group.value, extra=self.extra.value, align=self.align.value,
                          countries=countries, count=len(spans), description=description)


def accession_explorer(**settings) -> AccessionExplorer:
    """The road to EU membership: choose countries, line them up on the calendar or by years since applying."""
    return AccessionExplorer(**settings)


# Chapters over time -----------------------------------------------------------------------

NEGOTIATING = ("MNE", "SRB", "ALB", "MKD")


def chapter_rows(steps: pd.DataFrame) -> list[dict]:
    rows = []
    for r in steps.itertuples():
        for tally, column in (("opened", "chapters_opened_total"), ("closed", "chapters_closed_total")):
            value = getattr(r, column)
            if not pd.isna(value):
                rows.append({"country": r.country_name, "date": f"{r.date:%Y-%m-%d}", "when": r.when,
                             "tally": tally, "chapters": int(value), "event": r.event})
    return rows


def chapters_sentence(steps: pd.DataFrame) -> str:
    parts = []
    for code, own in steps.groupby("country_code", sort=False):
        counts = accession.latest_counts(code)
        last = own.iloc[-1]
        parts.append(f"{last['country_name']}: {counts['opened']} chapters opened and {counts['closed']} closed "
                     f"by {last['when']} (last change: {last['event'].rstrip('.')})")
    return "; ".join(parts) + "." if parts else "No step recorded."


class ChaptersExplorer(w.VBox):
    """Chapters opened and closed over time for the countries in negotiations, every step dated and sourced."""

    def __init__(self, country: str = "all"):
        names = accession.country_names(NEGOTIATING)
        self.country = w.Dropdown(options=[("All four in negotiations", "all")] + [(names[c], c) for c in NEGOTIATING],
                                  value=country, description="Country:", style=CONTROL_STYLE)
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(eu_charts.chapters_spec(chapter_rows(accession.chapter_steps(NEGOTIATING))))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        self.country.observe(lambda _change: self.update(), names="value")
        super().__init__([self.country, self.summary, self.chart, self.table])
        self.update()

    def controls(self) -> dict:
        return {"country": self.country}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        countries = NEGOTIATING if self.country.value == "all" else (self.country.value,)
        steps = accession.chapter_steps(countries)
        sentence = chapters_sentence(steps)
        self.chart.update(datasets={"chapters": chapter_rows(steps)}, description=f"Chart of chapters. {sentence}")
        self.summary.value = live_text(sentence)
        self.table.value = tables.html_table(
            "Each step, with its source", ["When", "Country", "What happened", "Opened (total)", "Closed (total)",
                                           "Source"],
            [[html.escape(r.when), html.escape(r.country_name), html.escape(r.event),
              "" if pd.isna(r.chapters_opened_total) else f"{int(r.chapters_opened_total)}",
              "" if pd.isna(r.chapters_closed_total) else f"{int(r.chapters_closed_total)}",
              tables.source_cell(r.source_id, r.alt_source_id)] for r in steps.itertuples()])
        self.state.update(country=self.country.value, count=len(steps), description=self.chart.description)


def chapters_explorer(**settings) -> ChaptersExplorer:
    """Chapters opened and closed over time, for the countries in negotiations."""
    return ChaptersExplorer(**settings)


# The C12 scenario -------------------------------------------------------------------------

def scenario_rows(s: accession.Scenario) -> list[dict]:
    """The recorded steps (solid) and the extrapolated pace (dashed) on a decimal-year axis."""
    def decimal(day: pd.Timestamp) -> float:
        return round(day.year + (day.day_of_year - 1) / accession.YEAR, 2)

    rows = []
    if s.negotiations_opened is not None:
        rows.append({"part": "recorded", "year": decimal(s.negotiations_opened), "closed": 0, "total": s.total})
        for r in accession.chapter_steps([s.country]).itertuples():
            if not pd.isna(r.chapters_closed_total) and r.date <= s.as_of:
                rows.append({"part": "recorded", "year": decimal(r.date), "closed": int(r.chapters_closed_total),
                             "total": s.total})
    start = decimal(s.as_of)
    rows.append({"part": "recorded", "year": start, "closed": s.closed, "total": s.total})
    end = start + (s.years_needed if s.years_needed is not None else 30)
    rows += [{"part": "extrapolated", "year": start, "closed": s.closed, "total": s.total},
             {"part": "extrapolated", "year": round(end, 2),
              "closed": s.total if s.years_needed is not None else s.closed, "total": s.total}]
    return rows


class ScenarioExplorer(w.VBox):
    """C12 as arithmetic: at a chosen pace of chapters closed a year, when would the last chapter close?"""

    def __init__(self, country: str = "SRB"):
        names = accession.country_names(accession.WESTERN_BALKANS)
        self.country = w.Dropdown(options=[(names[c], c) for c in accession.WESTERN_BALKANS], value=country,
                                  description="Country:", style=CONTROL_STYLE)
        self.pace = w.FloatSlider(value=self.starting_pace(country), min=0.0, max=8.0, step=0.1,
                                  description="Chapters closed a year:", style=CONTROL_STYLE,
                                  layout=w.Layout(width="60%"), readout_format=".1f")
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.assumptions = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(eu_charts.scenario_spec([]))
        self.state: dict = {}
        self._moving = False
        self.country.observe(self._country_changed, names="value")
        self.pace.observe(lambda _change: self._moving or self.update(), names="value")
        super().__init__([self.country, self.pace, SliderLabels(), self.summary, self.chart, self.assumptions])
        self.update()

    def controls(self) -> dict:
        return {"country": self.country, "pace": self.pace}

    @staticmethod
    def starting_pace(country: str) -> float:
        """The country's own pace, or Croatia's (the last to finish) where it has closed nothing yet."""
        own = accession.own_pace(country)
        return round(own if own else accession.own_pace("HRV") or 0.0, 1)

    def _country_changed(self, _change) -> None:
        self._moving = True  # moving the slider to the new country's pace must not redraw twice
        try:
            self.pace.value = self.starting_pace(self.country.value)
        finally:
            self._moving = False
        self.update()

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        code = self.country.value
        name = self.country.label
        scenario = accession.extrapolate(code, pace=self.pace.value)
        own = accession.own_pace(code)
        croatia = accession.own_pace("HRV")
        if own and round(own, 1) == round(self.pace.value, 1):
            whose = "its own pace so far"
        elif croatia is not None and round(croatia, 1) == round(self.pace.value, 1):
            whose = (f"Croatia's pace ({croatia:.1f} a year, 2005-2011)" + ("" if own is None else
                     f"; {name} has closed no chapter yet, so its own pace is zero"))
        else:
            whose = "a pace you chose"
        sentence = f"{accession.scenario_sentence(scenario, name)} Pace used: {whose}."
        if scenario.negotiations_opened is None:  # no date to start from: a dated line would read as a finish date
            self.chart.update(description=f"Chart. {sentence}")
            self.chart.clear()
        else:
            self.chart.update(params={"heading": f"{name}: an extrapolation, not a forecast"},
                              datasets={"path": scenario_rows(scenario)}, description=f"Chart. {sentence}")
        self.summary.value = live_text(sentence)
        self.assumptions.value = ("<p><b>Assumptions behind this answer</b></p><ul>"
                                  + "".join(f"<li>{html.escape(a)}</li>" for a in scenario.assumptions) + "</ul>")
        self.state.update(country=code, pace=self.pace.value, finish_year=scenario.finish_year,
                          description=self.chart.description)


def scenario_explorer(**settings) -> ScenarioExplorer:
    """At a chosen pace, when would a country close its last chapter? An extrapolation, with its assumptions."""
    return ScenarioExplorer(**settings)
