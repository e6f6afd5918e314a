"""Change a widget as a student would (set .value) and check that what it shows changes."""

import html

import pytest

from helpers import analysis, data, widgets


@pytest.fixture(scope="module")
def explorer():
    return widgets.recognition_explorer()


def test_starts_on_un_members_up_to_2026(explorer):
    assert explorer.state["group"] == "un" and explorer.state["year"] == 2026
    assert explorer.state["count"] == analysis.recognition_count("un")
    assert explorer.timeline.params["year"] == explorer.map.params["year"] == 2026
    assert explorer.timeline.description == explorer.state["description"]


def test_year_slider_changes_count_text_timeline_and_map(explorer):
    explorer.year.value = 2026
    before = (explorer.timeline.revision, explorer.map.revision, explorer.summary.value)
    explorer.year.value = 2009
    assert explorer.state["count"] == analysis.recognition_count("un", up_to_year=2009)
    assert explorer.state["count"] < analysis.recognition_count("un")
    assert "by the end of 2009" in explorer.summary.value
    # The browser redraws from the params it is sent (tests/test_charts.py draws them with Vega).
    assert explorer.timeline.revision > before[0] and explorer.map.revision > before[1]
    assert explorer.timeline.params["year"] == explorer.map.params["year"] == 2009
    assert "2008-2009" in explorer.timeline.static().svg()
    assert "by the end of 2009" in explorer.state["map_description"]
    explorer.year.value = 2026


def test_group_dropdown_changes_the_count(explorer):
    explorer.group.value = "eu"
    assert explorer.state["count"] == analysis.recognition_count("eu")
    assert explorer.state["group_size"] == 27
    assert "of the 27 EU member states" in explorer.summary.value
    assert explorer.timeline.params["group"] == "eu" and explorer.timeline.params["group_label"] == "EU member states"
    explorer.group.value = "un"


def test_withdrawals_toggle_leaves_out_claimed_withdrawals(explorer):
    every = explorer.state["count"]
    explorer.counting.value = False
    assert explorer.state["count"] == analysis.recognition_count("un", count_claimed_withdrawals=False) < every
    assert "leaving out claimed withdrawals" in explorer.summary.value
    explorer.counting.value = True
    assert explorer.state["count"] == every


def test_every_control_is_described(explorer, actions):
    for control in (explorer.group, explorer.year, explorer.counting, actions.country, actions.administration,
                    actions.pillar, actions.show):
        assert control.description.strip()


def test_static_version_matches_the_default_settings():
    timeline, world = widgets.recognition_static()
    fresh = widgets.recognition_explorer()
    assert timeline.description == fresh.state["description"]
    assert world.description == fresh.state["map_description"]


@pytest.fixture(scope="module")
def actions():
    return widgets.events_explorer(claim_id="C3")


def test_events_explorer_filters_by_country_administration_and_change(actions):
    everything = actions.state["count"]
    assert everything == len(analysis.events_for_claim("C3"))
    chart_before = actions.chart.revision
    actions.country.value = "XKX"
    assert actions.state["count"] == len(analysis.filter_events(country="XKX", claim_id="C3")) < everything
    assert "US actions on Kosovo, tagged C3" in actions.summary.value and actions.chart.revision > chart_before
    assert [r["event_id"] for r in actions.chart.datasets["events"]] == actions.state["event_ids"]
    actions.administration.value = "trump1"
    ids = actions.state["event_ids"]
    events = analysis.filter_events(country="XKX", administration="trump1", claim_id="C3")
    assert ids == list(events["event_id"])
    # Sources by title and kind, not by id; names in words.
    titles = data.load("sources").set_index("source_id").loc[list(events["source_id"]), "title"]
    assert all(html.escape(t) in actions.table.value for t in titles)
    assert "Trump, first term" in actions.table.value and "trump1" not in actions.table.value
    actions.show.value = "departs_or_unclear"
    assert "0 continue the previous line" in actions.summary.value
    assert set(analysis.events_by_id(actions.state["event_ids"])["substance"]) <= {"departs", "starts", "unclear"}
    actions.administration.value = "all"
    actions.country.value = "all"
    actions.show.value = "all"
    assert actions.state["count"] == everything


def test_events_explorer_says_when_nothing_matches(actions):
    actions.administration.value = "clinton"
    actions.pillar.value = "aid_and_economy"
    assert actions.state["count"] == 0 and "No US action in the table matches" in actions.summary.value
    assert actions.table.value == "" and actions.chart.layout.display == "none"  # no empty, garbled chart
    assert "Clinton; Aid" in actions.chart.params["heading"]  # the title names the filters set
    actions.pillar.value = "all"
    actions.administration.value = "all"


def test_every_filter_combination_gives_rows_or_says_none_match():
    countries = ["all", *analysis.event_countries()]
    administrations = ["all", *analysis.administration_labels()]
    pillars = ["all", *data.dataset_info("policy_events")["schema"]["fields"][5]["constraints"]["enum"]]
    for country in countries:
        for administration in administrations:
            for pillar in pillars:
                for show in analysis.SHOW:
                    events = analysis.filter_events(country, administration, pillar, "C3", show)
                    sentence = analysis.coding_counts_sentence(events)
                    assert sentence.startswith(f"{len(events)} US action") or (
                        events.empty and sentence.startswith("No US action"))


def test_events_explorer_offers_only_countries_and_areas_with_actions_and_counts_them(actions):
    offered = dict((code, label) for label, code in actions.country.options)
    assert "HRV" not in offered  # no action on Croatia is tagged C3: no choice leads to an empty chart
    for code, label in offered.items():
        if code != "all":
            count = len(analysis.filter_events(country=code, claim_id="C3"))
            assert count > 0 and label.endswith(f"({count})")
    areas = dict((code, label) for label, code in actions.pillar.options)
    assert "sanctions" not in areas  # no C3 action is a sanction: not offered
    for code, label in areas.items():
        if code != "all":
            assert label.endswith(f"({len(analysis.filter_events(pillar=code, claim_id='C3'))})")


def test_a_failing_view_says_so_in_the_widget_instead_of_failing_silently(monkeypatch):
    explorer = widgets.events_explorer(claim_id="C3")

    def broken(*args, **kwargs):
        raise KeyError("date")

    monkeypatch.setattr(analysis, "filter_events", broken)
    explorer.country.value = "SRB"
    assert "Something went wrong here" in explorer.summary.value and "KeyError" in explorer.state["error"]
    assert explorer.chart.layout.display == "none" and explorer.table.value == ""  # nothing stale left on screen
    monkeypatch.undo()
    explorer.country.value = "XKX"
    assert "error" not in explorer.state and "US actions on Kosovo" in explorer.summary.value
    assert explorer.chart.layout.display is None


def test_a_broken_table_shows_its_own_message_and_prints_no_traceback(monkeypatch, capsys):
    from helpers.data import DataError

    explorer = widgets.events_explorer(claim_id="C3")

    def broken(*args, **kwargs):
        raise DataError("data/policy_events.csv, line 3, column 'date': expected a real date")

    monkeypatch.setattr(analysis, "filter_events", broken)
    explorer.country.value = "SRB"
    assert "A data file could not be read." in explorer.summary.value and "line 3, column" in explorer.summary.value
    assert "Something went wrong" not in explorer.summary.value
    assert "Traceback" not in capsys.readouterr().err  # nothing printed into the cell beyond the message


def test_hiding_one_chart_never_hides_another():
    explorer = widgets.votes_explorer(vote_id="RC01")  # no tally: its party chart hides, the overview stays
    assert explorer.chart.layout.display == "none" and explorer.overview.layout.display is None
    assert explorer.chart.layout is not explorer.overview.layout


def test_the_timeline_sentence_names_the_milestones_it_shows():
    explorer = widgets.recognition_explorer(year=2009)
    milestones = analysis.us_milestones()
    for label, when in zip(milestones["short_label"], milestones["date"]):
        if when.year >= 2008:
            assert (label in explorer.state["description"]) == (when.year <= 2009), label
