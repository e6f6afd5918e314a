"""Ready-made interactive demos for the notebooks, built on ipywidgets.

A notebook cell calls one builder and shows what it returns. Each demo is a widget
(a VBox) that also exposes ``state`` (the settings and the numbers currently shown) and
``controls()`` (each control by its key in ``state``), so a test can change any control and
check that what is shown agrees with it: tests/test_explorers.py finds every explorer here. Charts are drawn to PNG and shown in an
HTML widget with alt text, so no plotting backend or Output widget is involved.
"""

from __future__ import annotations

import html
from pathlib import Path

import anywidget
import ipywidgets as w

from . import analysis, congress, data, tables, vega, vega_charts, veto
from .guard import reported

FULL_WIDTH = w.Layout(width="100%")
CONTROL_STYLE = {"description_width": "initial"}


def administration_dropdown(counts, value: str = "all") -> w.Dropdown:
    """Administrations that have rows, in office order, each with its count (the chosen one is always offered)."""
    options = [("All administrations", "all")] + [(f"{label} ({counts.get(a, 0)})", a) for a, label
                                                   in analysis.administration_labels().items()
                                                   if counts.get(a, 0) or a == value]
    return w.Dropdown(options=options, value=value, description="Administration:", style=CONTROL_STYLE)


class SliderLabels(anywidget.AnyWidget):
    """Hidden; names each slider's handle in the box it is placed in after the slider's description.

    ipywidgets leaves the handle a keyboard moves without an accessible name (axe: aria-input-field-name),
    so a screen reader would announce only the number. Put one in every box that holds sliders.
    """

    _esm = (Path(__file__).parent / "js" / "slider_labels.js").read_text(encoding="utf-8")

    def __init__(self):
        super().__init__(layout=w.Layout(display="none"))


def live_text(text: str) -> str:
    """Text announced by screen readers when it changes."""
    return f'<div role="status" aria-live="polite">{html.escape(text)}</div>'


def recognition_description(group: str, year: int, counted: bool) -> tuple[str, int]:
    """The sentence that says what the recognitions timeline shows, and the count it gives."""
    counting = "counting every recognition" if counted else "leaving out claimed withdrawals"
    table = analysis.recognitions(group, count_claimed_withdrawals=counted)
    shown = table[table["date"].dt.year <= year]
    total = int(shown["cumulative"].iloc[-1]) if not shown.empty else 0
    size, label = analysis.group_size(group), analysis.group_label(group)
    of_group = f" of the {size} {label}" if size else f" {label}"
    that_year = int(shown.loc[shown["date"].dt.year == year, "change"].sum())
    in_year = f"; the net change in {year} itself was {that_year:+d}" if year > 2008 else ""
    milestones = analysis.us_milestones()
    shown_marks = milestones[(milestones["date"].dt.year >= 2008) & (milestones["date"].dt.year <= year)]
    marks = "; ".join(f"{label}, {when.year}" for label, when in zip(shown_marks["short_label"], shown_marks["date"]))
    return (f"Step chart: by the end of {year}, {total}{of_group} had recognised Kosovo ({counting}){in_year}. "
            f"Dashed lines mark US milestones: {marks}. The shaded band marks when the essay was written."), total


def map_description(year: int) -> str:
    shown = sum(1 for y in analysis.recognition_years().values() if y <= year)
    return (f"World map of all states and entities (not only UN members): {shown} had recognised Kosovo by the end "
            f"of {year}, coloured from dark (2008) to light (latest); white states had not; Kosovo is pink; an orange "
            f"outline marks a withdrawal claimed by Serbia (dashed: disputed; solid: confirmed by the state). "
            f"{analysis.group_split_sentence('g20', year)}")


class RecognitionExplorer(w.VBox):
    """Recognitions of Kosovo over time and on a world map, driven by one year slider.

    Controls: which group of states to count, up to which year, and whether to count the
    recognitions that Serbia says were withdrawn.
    """

    def __init__(self, group: str = "un", year: int = 2026, count_claimed_withdrawals: bool = True,
                 show_map: bool = True):
        self.group = w.Dropdown(
            options=[(analysis.group_label(g, start_of_sentence=True), g) for g in analysis.GROUPS],
            value=group, description="Count recognitions by:", style=CONTROL_STYLE,
            description_allow_html=False,
        )
        self.year = w.IntSlider(
            value=year, min=2008, max=2026, step=1, description="Up to the end of:",
            style=CONTROL_STYLE, continuous_update=False, layout=w.Layout(width="60%"),
        )
        self.counting = w.ToggleButtons(
            options=[("Count every recognition given", True), ("Leave out claimed withdrawals", False)],
            value=count_claimed_withdrawals, description="Withdrawals:",
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=["Kosovo's way of counting: a recognition cannot be withdrawn",
                      "Serbia's way of counting: states whose withdrawal Serbia claims (or the state itself "
                      "confirmed) are left out"],
        )
        self.summary = w.HTML(layout=FULL_WIDTH)
        # Drawn in the browser: a control changes a param there, the kernel only writes the sentence.
        self.timeline = vega.VegaChart(vega_charts.recognition_timeline_spec())
        self.map = vega.VegaChart(vega_charts.recognition_map_spec(),
                                  renderer="canvas") if show_map else None  # ~540 shapes redraw faster on a canvas
        self.show_map = show_map
        self.state: dict = {}
        for control in (self.group, self.counting, self.year):
            control.observe(lambda _change: self.update(), names="value")
        children = [self.group, self.counting, self.year, SliderLabels(), self.summary, self.timeline]
        if show_map:
            children.append(self.map)
        super().__init__(children=children)
        self.update()

    def controls(self) -> dict:
        """Every control, by the key under which `state` reports its setting (for tests)."""
        return {"group": self.group, "year": self.year, "count_claimed_withdrawals": self.counting}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        group, year, counted = self.group.value, self.year.value, self.counting.value
        text, count = recognition_description(group, year, counted)
        self.timeline.update(params={"group": group, "group_label": analysis.group_label(group),
                                     "counted": counted, "year": year}, description=text)
        if self.map is not None and self.map.params.get("year") != year:
            self.map.update(params={"year": year}, description=map_description(year))
            self.state["map_description"] = self.map.description
        self.summary.value = live_text(text)
        self.state.update(group=group, year=year, count_claimed_withdrawals=counted, count=count,
                          description=text, group_size=analysis.group_size(group))


def recognition_explorer(**settings) -> RecognitionExplorer:
    """The Kosovo recognitions demo (notebook 03)."""
    return RecognitionExplorer(**settings)


def recognition_static(group: str = "un", year: int = 2026) -> list[vega.Static]:
    """The explorer's two charts at the given settings, as PNGs, for print and exported HTML."""
    explorer = RecognitionExplorer(group=group, year=year)
    return [explorer.timeline.static(), explorer.map.static()]


def _administration_terms():
    terms = data.load("administrations")
    return terms.assign(administration_id=terms["administration_id"].astype(str))


def _events_title(country: str, claim_id: str | None, *filters: w.Dropdown) -> str:
    """The chart's title names every filter that is set, so the chart says what it shows."""
    where = analysis.event_countries().get(country, "the Western Balkans")
    chosen = [control.label.rsplit(" (", 1)[0] for control in filters if control.value != "all"]
    return (f"US actions on {where}" + (f", tagged {claim_id}" if claim_id else "")
            + (f" ({'; '.join(chosen)})" if chosen else ""))


class EventsExplorer(w.VBox):
    """US actions in the region, filtered by country, administration, policy area and acting institution.

    Shows them on a timeline (one lane per institution; substance by marker, a ring where
    the tone changed) and in a table with each row's coding, rationale and source.
    """

    def __init__(self, country: str = "all", administration: str = "all", pillar: str = "all",
                 claim_id: str | None = None, show: str = "all", institution: str = "all"):
        self.claim_id = claim_id
        # Only countries with actions for this claim, each with its count: no choice leads to an empty chart.
        claim_events = analysis.filter_events(claim_id=claim_id)
        counts = claim_events["country"].astype(str).value_counts()
        if country != "all":  # the other lists count the actions of the country shown first
            claim_events = claim_events[claim_events["country"] == country]
        self.country = w.Dropdown(
            options=[("All countries", "all")] + [(f"{name[0].upper() + name[1:]} ({counts[code]})", code)
                                                   for code, name in analysis.event_countries().items()
                                                   if counts.get(code, 0) or code == country],
            value=country, description="Country:", style=CONTROL_STYLE)
        by_term = claim_events["administration"].astype(str).value_counts()
        self.administration = administration_dropdown(by_term, administration)
        pillars = data.dataset_info("policy_events")["schema"]["fields"]
        pillar_names = next(f for f in pillars if f["name"] == "pillar")["constraints"]["enum"]
        by_area = claim_events["pillar"].astype(str).value_counts()
        self.pillar = w.Dropdown(
            options=[("All policy areas", "all")] + [(f"{analysis.PILLAR_WORDS.get(p, p)} ({by_area[p]})", p)
                                                     for p in pillar_names if by_area.get(p, 0) or p == pillar],
            value=pillar, description="Policy area:", style=CONTROL_STYLE)
        by_actor = claim_events["institution"].astype(str).value_counts()
        self.institution = w.Dropdown(
            options=[("All institutions", "all")] + [(f"{name} ({count})", name) for name, count
                                                     in sorted(by_actor.items())],
            value=institution, description="Acting institution:", style=CONTROL_STYLE)
        self.show = w.Dropdown(options=[(label, key) for key, label in analysis.SHOW.items()], value=show,
                               description="Show:", style=CONTROL_STYLE)
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(vega_charts.events_timeline_spec(claim_events, _administration_terms()))
        self.table = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        for control in (self.country, self.administration, self.pillar, self.institution, self.show):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([w.HBox([self.country, self.administration]), w.HBox([self.pillar, self.institution]),
                          self.show,
                          self.summary, self.chart, self.table])
        self.update()

    def controls(self) -> dict:
        """Every control, by the key under which `state` reports its setting (for tests)."""
        return {"country": self.country, "administration": self.administration, "pillar": self.pillar,
                "institution": self.institution, "show": self.show}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        events = analysis.filter_events(self.country.value, self.administration.value, self.pillar.value,
                                        self.claim_id, self.show.value, self.institution.value)
        title = _events_title(self.country.value, self.claim_id, self.administration, self.pillar,
                              self.institution, self.show)
        counts = analysis.coding_counts_sentence(events)
        # Only the rows change: the browser redraws from them, the kernel draws nothing.
        self.chart.update(params={"heading": title}, description=f"Timeline, {title}: {counts}",
                          datasets={"events": vega_charts.events_rows(events),
                                    "terms": vega_charts.term_rows(events, _administration_terms())})
        self.table.value = tables.events_table(events, "The actions on the chart, with our coding and its reasons",
                                               coding=True) if not events.empty else ""
        if events.empty:
            self.chart.clear()  # an empty chart says nothing; the sentence says why
        self.summary.value = live_text(f"{title}: {counts}")
        self.state.update(country=self.country.value, administration=self.administration.value,
                          pillar=self.pillar.value, institution=self.institution.value, show=self.show.value,
                          count=len(events),
                          event_ids=list(events["event_id"].astype(str)), description=self.chart.description)


def events_explorer(**filters) -> EventsExplorer:
    """The US-actions demo: filters by country, administration, policy area and coding."""
    return EventsExplorer(**filters)


def events_static(**filters) -> vega.Static:
    """The actions timeline at the given filters, as a PNG, for print and exported HTML."""
    return EventsExplorer(**filters).chart.static()


# Who makes policy (C1, C5) --------------------------------------------------------------

class InstrumentExplorer(w.VBox):
    """Pick an instrument of US foreign policy: who must act, on what legal basis, and a dated use in the region."""

    def __init__(self, instrument: str | None = None):
        table = data.load("institutions")
        self._rows = table.set_index(table["instrument"].astype(str))
        names = list(self._rows.index)
        self.instrument = w.Dropdown(options=names, value=instrument or names[0], description="Instrument:",
                                     style=CONTROL_STYLE, layout=w.Layout(width="70%"))
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.card = w.HTML(layout=FULL_WIDTH)
        self.state: dict = {}
        self.instrument.observe(lambda _change: self.update(), names="value")
        super().__init__([self.instrument, self.summary, self.card])
        self.update()

    def controls(self) -> dict:
        return {"instrument": self.instrument}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        name = self.instrument.value
        row = self._rows.loc[name]
        self.summary.value = live_text(f"{name}: who must act: {row['holder']}.")
        self.card.value = tables.instrument_card(row)
        self.state.update(instrument=name, holder=str(row["holder"]), description=f"{name}: {row['holder']}")


class VotesExplorer(w.VBox):
    """Pick a recorded vote of Congress on the region: how united it was, and how each party voted."""

    def __init__(self, vote_id: str | None = None):
        table = congress.votes()
        self.vote = w.Dropdown(options=[(label, v) for label, v in zip(table["label"], table["vote_id"])],
                               value=vote_id or str(table["vote_id"].iloc[0]), description="Vote:",
                               style=CONTROL_STYLE, layout=w.Layout(width="95%"))
        self.summary = w.HTML(layout=FULL_WIDTH)
        rows = vega.records(table[["vote_id", "label", "share_yea"]].assign(
            share_yea=table["share_yea"].astype(object)))
        self.overview = vega.VegaChart(vega_charts.votes_overview_spec(rows))
        self.chart = vega.VegaChart(vega_charts.vote_parties_spec())
        self.state: dict = {}
        self.vote.observe(lambda _change: self.update(), names="value")
        super().__init__([self.vote, self.summary, self.chart, self.overview])
        self.update()

    def controls(self) -> dict:
        return {"vote_id": self.vote}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        vote_id, table = self.vote.value, congress.votes()  # read once for everything this update shows
        sentence = congress.vote_sentence(vote_id, table)
        parties = congress.party_rows(vote_id, table)
        heading = "Yeas and nays by party" if parties else "No split by party was found in the sources read"
        self.chart.update(params={"heading": heading}, datasets={"parties": parties},
                          description=f"Bar chart, {heading.lower()}: {sentence}")
        if not parties:
            self.chart.clear()  # no tally at all: the sentence says so; an empty axis would say nothing
        self.overview.update(params={"selected": vote_id}, description=(
            f"Bar chart of every recorded vote, the chosen one highlighted: {congress.united_votes(table=table)} of "
            f"the {congress.tallied_votes(table=table)} tallied votes on the region had at least 9 in 10 voting the "
            "same way."))
        self.summary.value = live_text(sentence)
        share = table.set_index("vote_id").loc[vote_id, "share_yea"]
        self.state.update(vote_id=vote_id, description=sentence, parties=len(parties),
                          united=bool(congress.is_united(share)))


VETO_MODES = {
    "alone": ("A change the President can make alone (executive order, sanctions delisting, aid freeze)",
              ("President",)),
    "law": ("A change that needs a law (President, the Senate's pivotal member, the House median)",
            ("President", "Senate pivot", "House median")),
}
SLIDER_STYLE = {"description_width": "190px"}  # aligned in two columns, each track long enough to drag
SLIDER_LAYOUT = w.Layout(width="440px")
VETO_START = {"President": (3, 6), "Senate pivot": (6, 8), "House median": (7, 5), "status quo": (5, 3)}


class VetoExplorer(w.VBox):
    """The veto-players model: move the players and the status quo, switch who must agree, see the winset."""

    def __init__(self, mode: str = "alone"):
        self.mode = w.ToggleButtons(options=[(label, key) for key, (label, _players) in VETO_MODES.items()],
                                    value=mode, description="The change:", style={"description_width": "initial",
                                                                                     "button_width": "auto"})
        self.sliders: dict[str, tuple[w.IntSlider, w.IntSlider]] = {}
        rows = []
        for name, (x, y) in VETO_START.items():
            label = name[0].upper() + name[1:]
            across = w.IntSlider(value=x, min=0, max=10, description=f"{label}: engagement", style=SLIDER_STYLE,
                                 layout=SLIDER_LAYOUT, continuous_update=False)
            up = w.IntSlider(value=y, min=0, max=10, description=f"{label}: pressure", style=SLIDER_STYLE,
                             layout=SLIDER_LAYOUT, continuous_update=False)
            self.sliders[name] = (across, up)
            rows.append(w.HBox([across, up]))
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.chart = vega.VegaChart(vega_charts.veto_spec())
        self.state: dict = {}
        for control in self.controls().values():
            control.observe(lambda _change: self.update(), names="value")
        super().__init__([self.mode, *rows, SliderLabels(), self.summary, self.chart])
        self.update()

    def controls(self) -> dict:
        found = {"mode": self.mode}
        for name, (across, up) in self.sliders.items():
            key = name.replace(" ", "_").lower()
            found[f"{key}_x"], found[f"{key}_y"] = across, up
        return found

    def _positions(self) -> dict[str, tuple[int, int]]:
        return {name: (across.value, up.value) for name, (across, up) in self.sliders.items()}

    @reported
    def update(self) -> None:
        self.state.pop("error", None)
        positions = self._positions()
        status_quo = positions.pop("status quo")
        label, names = VETO_MODES[self.mode.value]
        ideals = {name: positions[name] for name in names}
        for name, pair in self.sliders.items():  # a player with no veto has nothing to move here
            for slider in pair:
                slider.disabled = name not in names and name != "status quo"
        region = veto.winset(ideals, status_quo)
        alone = veto.winset({"President": positions["President"]}, status_quo)
        share, share_alone = veto.share_of_space(region), veto.share_of_space(alone)
        sentence = veto_sentence(names, status_quo, share, share_alone)
        discs = [{"player": name, "order": k, "x": x, "y": y}
                 for name in names for k, (x, y) in enumerate(veto.preferred_set(ideals[name], status_quo, 120))]
        shown = veto.within(region)  # the chart shows the square; so does the share
        self.chart.update(
            datasets={"players": [{"player": n, "x": ideals[n][0], "y": ideals[n][1]} for n in names],
                      "discs": discs, "winset": [{"order": k, "x": x, "y": y} for k, (x, y) in enumerate(shown)],
                      "status_quo": [{"x": status_quo[0], "y": status_quo[1]}]},
            params={"heading": "Which policies could replace the status quo? " + ("(President alone)"
                                                                                 if len(names) == 1 else "(a law)")},
            description=f"Policy space chart: {sentence}")
        self.summary.value = live_text(sentence)
        self.state.update(mode=self.mode.value, **{k: c.value for k, c in self.controls().items() if k != "mode"},
                          veto_players=list(names), share=share, share_alone=share_alone, empty=not region,
                          description=sentence)


def veto_sentence(names, status_quo, share: float, share_alone: float) -> str:
    alone = len(names) == 1
    who = "the President alone" if alone else f"{len(names)} veto players ({', '.join(names)})"
    where = f"The status quo is at ({status_quo[0]}, {status_quo[1]}). With {who} deciding, "
    if share == 0:
        found = ("no policy is preferred by " + ("the President: the status quo is the President's ideal point."
                                                 if alone else "every veto player: the status quo cannot be changed "
                                                 "(it lies at a player's ideal point, or between the players)."))
    else:
        found = (f"the policies {'the President' if alone else 'every veto player'} prefers to it cover "
                 f"{share:.0%} of the space shown.")
    compare = (f" With the President alone they would cover {share_alone:.0%}." if len(names) > 1 else "")
    return where + found + compare


def instrument_explorer(**settings) -> InstrumentExplorer:
    """Who holds which instrument (notebook 01)."""
    return InstrumentExplorer(**settings)


def votes_explorer(**settings) -> VotesExplorer:
    """Recorded votes of Congress on the region (notebook 01)."""
    return VotesExplorer(**settings)


def veto_explorer(**settings) -> VetoExplorer:
    """The veto-players model (notebook 01)."""
    return VetoExplorer(**settings)
