"""Ready-made interactive demos for the notebooks, built on ipywidgets.

A notebook cell calls one builder and shows what it returns. Each demo is a widget
(a VBox) that also exposes ``state``: the settings and the numbers currently shown, so a
test can change a control and read what changed. Charts are drawn to PNG and shown in an
HTML widget with alt text, so no plotting backend or Output widget is involved.
"""

from __future__ import annotations

import html

import ipywidgets as w

from . import analysis, charts, data

FULL_WIDTH = w.Layout(width="100%")
CONTROL_STYLE = {"description_width": "initial"}


def live_text(text: str) -> str:
    """Text announced by screen readers when it changes."""
    return f'<div role="status" aria-live="polite">{html.escape(text)}</div>'


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
            options=[("Count every recognition given", True), ("Leave out withdrawals Serbia claims", False)],
            value=count_claimed_withdrawals, description="Withdrawals:",
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=["Kosovo's way of counting: a recognition cannot be withdrawn",
                      "Serbia's way of counting: states it says withdrew are left out"],
        )
        self.summary = w.HTML(layout=FULL_WIDTH)
        self.timeline = w.HTML(layout=FULL_WIDTH)
        self.map = w.HTML(layout=FULL_WIDTH)
        self.show_map = show_map
        self.state: dict = {}
        self._timelines: dict = {}
        self._maps: dict = {}
        self._milestones = analysis.us_milestones()
        self._shapes = data.load_country_shapes() if show_map else {}
        self._years = analysis.recognition_years()
        self._contested = analysis.withdrawal_claimed_codes()
        for control in (self.group, self.counting):
            control.observe(self._on_change, names="value")
        self.year.observe(self._on_year, names="value")
        children = [self.group, self.counting, self.year, self.summary, self.timeline]
        if show_map:
            children.append(self.map)
        super().__init__(children=children)
        self.update()

    def _on_change(self, _change) -> None:
        self.update(redraw_map=False)

    def _on_year(self, _change) -> None:
        self.update()

    def _timeline_chart(self, group: str, year: int, counted: bool) -> tuple[str, str, int]:
        key = (group, year, counted)
        if key not in self._timelines:  # a redraw costs ~0.3 s; students revisit settings often
            table = analysis.recognitions(group, count_claimed_withdrawals=counted)
            counting = "counting every recognition" if counted else "leaving out claimed withdrawals"
            chart = charts.recognition_timeline(table, analysis.group_label(group), analysis.group_size(group),
                                                year, self._milestones, counting=counting)
            # The summary line above the chart already shows the description (and announces it).
            self._timelines[key] = (chart.html(caption=False), chart.description, len(chart.data))
        return self._timelines[key]

    def _map_chart(self, year: int) -> tuple[str, str]:
        if year not in self._maps:
            chart = charts.recognition_map(self._shapes, self._years, year, self._contested,
                                           extra_description=analysis.group_split_sentence("g20", year))
            self._maps[year] = (chart.html(), chart.description)
        return self._maps[year]

    def update(self, redraw_map: bool = True) -> None:
        group, year, counted = self.group.value, self.year.value, self.counting.value
        self.timeline.value, text, count = self._timeline_chart(group, year, counted)
        if self.show_map and redraw_map:
            self.map.value, self.state["map_description"] = self._map_chart(year)
        self.summary.value = live_text(text)
        self.state.update(group=group, year=year, count_claimed_withdrawals=counted, count=count,
                          description=text, group_size=analysis.group_size(group))


def recognition_explorer(**settings) -> RecognitionExplorer:
    """The Kosovo recognitions demo (notebook 03)."""
    return RecognitionExplorer(**settings)


def recognition_static(group: str = "un", year: int = 2026) -> list:
    """The explorer's two charts at their default settings, for print and exported HTML."""
    table = analysis.recognitions(group)
    timeline = charts.recognition_timeline(
        table, analysis.group_label(group), analysis.group_size(group), year, analysis.us_milestones(),
        counting="counting every recognition",
    )
    world = charts.recognition_map(data.load_country_shapes(), analysis.recognition_years(), year,
                                   analysis.withdrawal_claimed_codes(),
                                   extra_description=analysis.group_split_sentence("g20", year))
    return [timeline, world]
