"""Any sequence of changes to any explorer's controls leaves it consistent: never an exception.

Property-based (Hypothesis): for every explorer in helpers.widgets, term_explorers, eu_explorers and partner_explorers (found by its `controls()`
method, so a new explorer is covered without editing this file), random sequences of settings
must give a summary that agrees with the controls, a chart or the empty-state message, and no
error. This is the test that would have caught the Croatia filter failing silently.
"""

from __future__ import annotations

import inspect

import ipywidgets as w
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import eu_explorers, partner_explorers, term_explorers, widgets

BUILDERS = {  # how a notebook builds each explorer; every explorer class must appear here
    widgets.RecognitionExplorer: [dict(), dict(show_map=False)],
    widgets.EventsExplorer: [dict(claim_id="C3"), dict()],
    widgets.InstrumentExplorer: [dict()],
    widgets.VotesExplorer: [dict()],
    widgets.VetoExplorer: [dict(), dict(mode="law")],
    term_explorers.GridExplorer: [dict()],
    term_explorers.RussiaExplorer: [dict()],
    term_explorers.PostureExplorer: [dict()],
    term_explorers.SanctionsExplorer: [dict(), dict(country="MKD")],
    term_explorers.HumanCostExplorer: [dict(), dict(war="Kosovo War")],
    term_explorers.TroopsExplorer: [dict()],
    eu_explorers.AccessionExplorer: [dict(), dict(align="calendar")],
    eu_explorers.ChaptersExplorer: [dict()],
    eu_explorers.ScenarioExplorer: [dict(), dict(country="BIH")],
    partner_explorers.PartnersExplorer: [dict(), dict(country="SRB", measure="fdi_eur")],
    partner_explorers.ProjectsExplorer: [dict()],
    partner_explorers.TiesExplorer: [dict()],
    partner_explorers.OpinionExplorer: [dict(), dict(country="ALB")],
}
MODULES = (widgets, term_explorers, eu_explorers, partner_explorers)


def test_every_explorer_is_covered():
    explorers = {cls for module in MODULES for _name, cls in inspect.getmembers(module, inspect.isclass)
                 if cls.__module__ == module.__name__ and hasattr(cls, "controls")}
    assert explorers == set(BUILDERS), "add the new explorer to BUILDERS (and so to this property test)"


def choices(control) -> list:
    if isinstance(control, (w.Dropdown, w.ToggleButtons, w.RadioButtons)):
        return [value for _label, value in control.options] if isinstance(control.options[0], tuple) \
            else list(control.options)
    if isinstance(control, w.IntSlider):
        return list(range(control.min, control.max + 1))
    if isinstance(control, w.FloatSlider):
        return [round(control.min + i * control.step, 1) for i in range(round((control.max - control.min) / control.step) + 1)]
    raise TypeError(f"no strategy for {type(control).__name__}: teach choices() about it")


CASES = [(cls, kwargs) for cls, variants in BUILDERS.items() for kwargs in variants]


@pytest.mark.parametrize("cls, kwargs", CASES, ids=[f"{c.__name__}{k}" for c, k in CASES])
def test_any_settings_give_a_consistent_view(cls, kwargs):
    explorer = cls(**kwargs)
    controls = explorer.controls()
    initial = {key: control.value for key, control in controls.items()}
    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def check(draw):
        for key, value in initial.items():  # each example starts where the notebook starts
            controls[key].value = value
        for _step in range(draw.draw(st.integers(min_value=1, max_value=4))):
            key = draw.draw(st.sampled_from(sorted(controls)))
            # Drawn from the options the control offers now: some follow another control (a poll's questions).
            value = draw.draw(st.sampled_from(choices(controls[key])))
            controls[key].value = value
            assert "error" not in explorer.state, explorer.state.get("error")
            for name, control in controls.items():  # what is shown is what the controls say
                assert explorer.state[name] == control.value, name
            assert explorer.summary.value.strip() and explorer.state["description"]
            if explorer.state.get("count") == 0:
                assert any(empty in explorer.summary.value for empty in ("No US action", "had recognised Kosovo",
                                                                         "No measure", "No sanctions action",
                                                                         "No figure", "No project", "No tie",
                                                                         "No step"))

            if isinstance(explorer, widgets.VetoExplorer):  # the winset never grows with more veto players
                assert explorer.state["share"] <= explorer.state["share_alone"] + 1e-9

    check()
