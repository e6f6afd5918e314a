import matplotlib.colors as mcolors
import pandas as pd

from helpers import analysis, charts, data


def _timeline(year=2026, group="un"):
    return charts.recognition_timeline(analysis.recognitions(group), analysis.group_label(group),
                                       analysis.group_size(group), year, analysis.us_milestones())


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
    labels_2026 = [t.get_text() for t in _timeline(2026).figure.axes[0].texts]
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
    assert colour_of(late, "XKX") == charts.OKABE_ITO["orange"].lower()
    assert "World map" in late.description and late.title.endswith("by the end of 2026?")


def test_table_hides_the_index_and_formats_dates():
    frame = pd.DataFrame({"date": pd.to_datetime(["2008-02-18"]), "what": ["x"]})
    html = charts.table(frame, "A caption", {"date": "Date", "what": "What"}).to_html()
    assert "A caption" in html and "2008-02-18" in html and "00:00:00" not in html


def test_events_timeline_marks_direction_by_colour_and_shape():
    events = analysis.filter_events(claim_id="C3")
    terms = data.load("administrations").assign(administration_id=lambda t: t["administration_id"].astype(str))
    chart = charts.events_timeline(events, terms, "US actions tagged C3", "summary sentence")
    ax = chart.figure.axes[0]
    assert chart.title == "US actions tagged C3" and ax.get_ylabel() == "Acting institution"
    markers = {c.get_label() for c in ax.collections}
    assert {"continues", "departs", "mixed"} <= markers
    assert len({charts.DIRECTION_STYLE[d][1] for d in charts.DIRECTION_STYLE}) == 3  # shapes differ, not only colours
    assert chart.description == "Timeline, US actions tagged C3: summary sentence"


def test_map_hatches_a_state_only_from_the_year_serbia_claims_its_withdrawal():
    shapes, years = data.load_country_shapes(), analysis.recognition_years()
    claimed = analysis.withdrawal_claimed_years()

    def hatched_rings(year):
        collections = charts.recognition_map(shapes, years, year, claimed).figure.axes[0].collections
        return len(collections[1].get_paths()) if len(collections) > 1 else 0

    assert hatched_rings(2012) == 0  # no claim before São Tomé's in 2013
    assert 0 < hatched_rings(2016) < hatched_rings(2020)
