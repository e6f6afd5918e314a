import matplotlib.colors as mcolors
import pandas as pd

from helpers import analysis, charts, data


def _timeline(year=2026, group="un"):
    return charts.recognition_timeline(analysis.recognitions(group), analysis.group_label(group),
                                       analysis.group_size(group), year, analysis.us_milestones(),
                                       essay=analysis.ESSAY_PERIOD)


def test_palette_is_okabe_ito():
    assert charts.PALETTE[:3] == ["#E69F00", "#56B4E9", "#009E73"]
    assert len(set(charts.PALETTE)) == 8


def test_timeline_is_titled_labelled_and_described():
    chart = _timeline(2012)
    ax = chart.figure.axes[0]
    assert chart.title == "Recognitions of Kosovo by UN member states, 2008-2012"
    assert ax.get_xlabel() == "Year" and ax.get_ylabel() == "Number of states (cumulative)"
    expected = analysis.recognition_count("un", up_to_year=2012)
    assert f"by the end of 2012, {expected} of the 193 UN member states" in chart.description
    assert chart.data["cumulative"].iloc[-1] == expected


def test_timeline_marks_only_milestones_up_to_the_year():
    labels_2009 = [t.get_text() for t in _timeline(2009).figure.axes[0].texts]
    labels_2026 = [t.get_text() for t in _timeline(2026).figure.axes[0].texts if t.get_text() != "after the essay →"]
    milestones = analysis.us_milestones()
    since_2008 = milestones[milestones["date"].dt.year >= 2008]  # the axis starts at the declaration
    assert labels_2009 == list(since_2008[since_2008["date"].dt.year <= 2009]["short_label"])
    assert len(labels_2026) == len(since_2008) > len(labels_2009)


def test_chart_html_carries_the_description_as_alt_text():
    chart = _timeline()
    html = chart.html()
    assert html.startswith("<figure") and 'alt="Step chart: by the end of 2026' in html
    assert chart._repr_mimebundle_()["text/plain"] == chart.description
    assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_map_colours_states_only_once_they_recognised():
    shapes = data.load_country_shapes()
    years = analysis.recognition_years()
    early = charts.recognition_map(shapes, years, 2008)
    late = charts.recognition_map(shapes, years, 2026)

    def colour_of(chart, code):
        collection = chart.figure.axes[0].collections[0]
        index = sum(len(shapes[c]) for c in list(shapes)[: list(shapes).index(code)])
        return mcolors.to_hex(collection.get_facecolors()[index])

    later_recogniser = next(c for c, y in years.items() if y >= 2015 and c in shapes)
    assert colour_of(early, later_recogniser) == charts.NEUTRAL.lower()
    assert colour_of(late, later_recogniser) != charts.NEUTRAL.lower()
    assert colour_of(late, "SRB") == charts.NEUTRAL.lower()  # Serbia never recognised
    assert colour_of(late, "XKX") == charts.KOSOVO_COLOUR.lower()
    # Kosovo's own colour is far from every year's colour (it used to be hard to tell from the newest).
    newest = mcolors.to_rgb(colour_of(late, next(c for c, y in years.items() if y == max(years.values()) and c in shapes)))
    assert sum(abs(a - b) for a, b in zip(mcolors.to_rgb(charts.KOSOVO_COLOUR), newest)) > 0.5
    assert "not only UN members" in late.description
    assert "World map" in late.description and late.title.endswith("by the end of 2026?")


def test_table_hides_the_index_and_formats_dates():
    frame = pd.DataFrame({"date": pd.to_datetime(["2008-02-18"]), "what": ["x"]})
    html = charts.table(frame, "A caption", {"date": "Date", "what": "What"}).to_html()
    assert "A caption" in html and "2008-02-18" in html and "00:00:00" not in html


def test_events_timeline_marks_substance_by_shape_and_tone_by_a_ring():
    events = analysis.filter_events(claim_id="C3")
    terms = data.load("administrations")
    chart = charts.events_timeline(events, terms, "US actions tagged C3", "summary sentence", essay=analysis.ESSAY_PERIOD)
    ax = chart.figure.axes[0]
    assert chart.title == "US actions tagged C3" and ax.get_ylabel() == "Acting institution"
    markers = {c.get_label() for c in ax.collections}
    assert {"substance continues", "substance departs", "substance unclear", "tone changed (ring)"} <= markers
    assert len({style[1] for style in charts.SUBSTANCE_STYLE.values()}) == 4  # shapes differ, not only colours
    rings = next(c for c in ax.collections if c.get_label() == "tone changed (ring)")
    assert len(rings.get_offsets()) == (events["tone"] == "changed").sum()
    assert "Trump, first term" in [t.get_text() for t in ax.texts]  # administrations in words, not ids
    assert chart.description == "Timeline, US actions tagged C3: summary sentence"


def test_every_timeline_marks_when_the_essay_was_written():
    events = analysis.filter_events(claim_id="C3")
    terms = data.load("administrations")
    for chart in (charts.events_timeline(events, terms, "t", "s", essay=analysis.ESSAY_PERIOD), _timeline(2026)):
        labels = [p.get_label() for p in chart.figure.axes[0].patches]
        assert analysis.ESSAY_PERIOD[2] in labels, chart.title
    assert analysis.ESSAY_PERIOD[2] not in [p.get_label() for p in _timeline(2012).figure.axes[0].patches]


def test_dates_are_printed_only_as_precisely_as_known():
    day = pd.Timestamp("2025-05-01")
    assert charts.format_date(day) == "1 May 2025"
    assert charts.format_date(day, "month") == "May 2025" and charts.format_date(day, "year") == "2025"
    assert charts.format_date(pd.NaT) == ""


def test_map_hatches_a_state_only_from_the_year_serbia_claims_its_withdrawal():
    shapes, years = data.load_country_shapes(), analysis.recognition_years()
    claimed = analysis.withdrawal_claims()

    def hatched_rings(year, pattern=None):
        collections = charts.recognition_map(shapes, years, year, claimed).figure.axes[0].collections[1:]
        return sum(len(c.get_paths()) for c in collections if pattern in (None, c.get_hatch()))

    assert hatched_rings(2012) == 0  # no claim before São Tomé's in 2013
    assert 0 < hatched_rings(2016) < hatched_rings(2020)
