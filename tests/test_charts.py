"""The Vega-Lite charts, drawn by Vega itself (vl-convert) at chosen settings and read back as SVG."""

import re

import pandas as pd
import pytest

from helpers import analysis, charts, vega, vega_charts, widgets


def drawn(spec: dict, **params) -> str:
    return vega.Static(vega.resolved(spec, params), "").svg()


def fill_of(svg: str, state: str) -> str:
    """The fill of the first shape Vega drew for a state (its aria-label names it)."""
    path = next(p for p in re.findall(r"<path [^>]*>", svg) if f"State: {state};" in p)
    return re.search(r'fill="([^"]+)"', path).group(1).lower()


@pytest.fixture(scope="module")
def timeline():
    return vega_charts.recognition_timeline_spec()


@pytest.fixture(scope="module")
def world():
    return vega_charts.recognition_map_spec()


def test_palette_is_okabe_ito():
    assert charts.PALETTE[:3] == ["#E69F00", "#56B4E9", "#009E73"]
    assert len(set(charts.PALETTE)) == 8


def test_timeline_is_titled_and_shows_the_count_up_to_the_year(timeline):
    svg = drawn(timeline, year=2009)
    assert "Recognitions of Kosovo by UN member states, 2008-2009" in svg
    assert f">{analysis.recognition_count('un', up_to_year=2009)}<" in svg  # the label at the line's end
    assert "Number of states (cumulative)" in svg and "All 193 UN member states" in svg
    eu = drawn(timeline, year=2026, group="eu", group_label="EU member states", counted=False)
    assert "by EU member states, 2008-2026" in eu and "All 27 EU member states" in eu
    assert f">{analysis.recognition_count('eu', count_claimed_withdrawals=False)}<" in eu


def test_timeline_marks_only_milestones_up_to_the_year(timeline):
    early, late = drawn(timeline, year=2009), drawn(timeline, year=2026)
    milestones = analysis.us_milestones()
    milestones = milestones[milestones["date"].dt.year >= 2008]
    for label, year in zip(milestones["short_label"], milestones["date"].dt.year):
        assert label in late
        assert (label in early) == (year <= 2009), label


def test_every_timeline_marks_when_the_essay_was_written(timeline):
    events = analysis.filter_events(claim_id="C3")
    actions = vega_charts.events_timeline_spec(events, widgets._administration_terms())
    assert "after the essay →" in drawn(timeline)
    assert "actions to its right came after it" in drawn(actions)


def test_map_colours_states_only_once_they_recognised(world):
    years = analysis.recognition_years()
    later = next(c for c, y in sorted(years.items(), key=lambda i: -i[1]))
    name = analysis.data.load("countries").set_index("country_code").loc[later, "country_name"]
    early, late = drawn(world, year=2008), drawn(world, year=2026)
    assert fill_of(early, "France") != vega_charts.NOT_YET.lower()
    assert fill_of(early, "Serbia") == fill_of(late, "Serbia") == vega_charts.NOT_YET.lower()  # never recognised
    assert fill_of(late, "Kosovo") == charts.KOSOVO_COLOUR.lower()
    if f"State: {name};" in late:  # the newest recogniser may be too small for the 50m map
        assert fill_of(early, name) == vega_charts.NOT_YET.lower() != fill_of(late, name)


def test_map_outlines_a_claimed_withdrawal_only_from_its_year(world):
    names = analysis.data.load("countries").set_index("country_code")["country_name"]
    late = drawn(world, year=2026)
    outlines = [p for p in re.findall(r"<path [^>]*>", late) if "Withdrawal: " in p]
    claims = {names[c]: v for c, v in analysis.withdrawal_claims().items() if f"State: {names[c]};" in late}
    assert claims and all("stroke-dasharray" in p for p in outlines)
    for name, (year, _status) in sorted(claims.items(), key=lambda i: i[1][0])[:3]:  # each draw costs ~1 s
        assert any(f"State: {name};" in p for p in outlines), name
        assert not any(f"State: {name};" in p and "Withdrawal: " in p
                       for p in re.findall(r"<path [^>]*>", drawn(world, year=year - 1))), name


def test_events_timeline_marks_substance_by_shape_and_tone_by_a_ring():
    events = analysis.filter_events(claim_id="C3")
    spec = vega_charts.events_timeline_spec(events, widgets._administration_terms())
    svg = drawn(spec, heading="US actions tagged C3")
    assert "US actions tagged C3" in svg and "Acting institution" in svg
    assert len({shape for _colour, shape in vega_charts.SUBSTANCE_SHAPES.values()}) == 4  # not colour alone
    rings = [p for p in re.findall(r"<path [^>]*>", svg) if "Tone changed: " in p]
    assert len(rings) == int((events["tone"] == "changed").sum()) > 0


def test_dates_are_printed_only_as_precisely_as_known():
    day = pd.Timestamp("2025-05-01")
    assert charts.format_date(day) == "1 May 2025"
    assert charts.format_date(day, "month") == "May 2025" and charts.format_date(day, "year") == "2025"
    assert charts.format_date(pd.NaT) == ""


def test_table_hides_the_index_and_formats_dates():
    frame = pd.DataFrame({"date": pd.to_datetime(["2008-02-18"]), "what": ["x"]})
    html = charts.table(frame, "A caption", {"date": "Date", "what": "What"}).to_html()
    assert "A caption" in html and "2008-02-18" in html and "00:00:00" not in html


def test_static_copy_is_a_png_with_its_text_alternative(timeline):
    static = vega.Static(vega.resolved(timeline, {"year": 2012}), "A sentence & more")
    assert static.png()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'alt="A sentence &amp; more"' in static.html() and "<figcaption" in static.html()
