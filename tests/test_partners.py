"""Who trades, invests, lends and builds ties (claim C9), and the charts of notebooks 05 and 06, drawn by Vega."""

from __future__ import annotations

import pandas as pd

from helpers import eu_charts, eu_explorers, partner_explorers, partners, vega


def drawn(spec: dict, **params) -> str:
    return vega.Static(vega.resolved(spec, params), "").svg()


def test_latest_is_the_latest_period_with_the_eus_figure():
    # Serbia's latest export rows give only China and Russia, or only trade within the region: "latest"
    # skips them for the latest period that gives the EU's share, so China never looks like the top market.
    every = partners.figures("SRB", "exports")
    latest = partners.shares("SRB", "exports")
    assert "EU" in set(latest["partner"])
    assert latest["period"].iloc[0] == every[every["partner"] == "EU"].sort_values("order")["period"].iloc[-1]
    assert list(latest["share"]) == sorted(latest["share"], reverse=True)
    assert set(partners.shares("XKX", "imports")["partner"]) & set(partners.FOUR)  # no EU figure: another of the four


def test_a_partner_the_source_leaves_out_is_named_not_drawn_as_zero():
    shown = partners.shares("WB6", "exports", "2019")
    sentence = partners.shares_sentence("WB6", "exports", shown, "2019")
    assert "EU 68.0%" in sentence and "Not given by the source: Russia, United States." in sentence
    assert 0 not in list(shown["share"])


def test_figures_that_count_different_things_are_flagged():
    shown = partners.shares("WB6", "exports", "2021")  # the EU's share is of extra-regional exports only
    assert "do not all count the same thing" in partners.shares_sentence("WB6", "exports", shown, "2021")
    same = partners.shares("WB6", "exports", "2019")
    assert "do not all count" not in partners.shares_sentence("WB6", "exports", same, "2019")


def test_a_period_without_figures_says_which_periods_have_them():
    sentence = partners.shares_sentence("XKX", "fdi_eur", partners.shares("XKX", "fdi_eur", "2020"), "2020")
    assert sentence.startswith("No figure for Kosovo") and "No period has figures" in sentence
    empty = partners.shares("SRB", "fdi_eur", "1999")
    assert empty.empty and "Periods with figures: " in partners.shares_sentence("SRB", "fdi_eur", empty, "1999")


def test_investment_periods_are_written_as_precisely_as_known():
    periods = partners.periods("SRB", "fdi_eur")
    assert "total 2010 to June 2022" in periods and "January 2023 to September 2023" in periods


def test_projects_filter_and_sort_and_say_how_each_amount_became_euros():
    largest = partners.projects(sort="largest")["amount_eur_million"].tolist()
    assert largest == sorted(largest, reverse=True)
    china = partners.projects(partner="China", sort="oldest")
    assert set(china["partner"]) == {"China"} and china["year"].is_monotonic_increasing
    loan = partners.projects().set_index("project_id").loc[["inv-mne-bar-boljare-2014"]]
    assert partners.conversion_words(next(loan.itertuples())) == \
        "1.2598 USD per euro (ECB reference rate, 30 October 2014)"
    euro = partners.projects(partner="EU").iloc[[0]]
    assert partners.conversion_words(next(euro.itertuples())) == "in euros in the source"


def test_a_poll_series_is_one_pollster_and_one_wording():
    for key in partners.poll_questions("SRB"):
        series = partners.poll_series("SRB", key)
        assert series["pollster"].nunique() == 1 and series["question_wording"].nunique() == 1
        assert series["date"].is_monotonic_increasing


def test_the_opinion_explorer_offers_only_questions_asked_in_the_country():
    explorer = partner_explorers.OpinionExplorer(country="SRB")
    serbia_only = [k for k in partners.poll_questions("SRB") if k not in partners.poll_questions("ALB")]
    explorer.question.value = serbia_only[0]
    explorer.country.value = "ALB"
    assert set(v for _l, v in explorer.question.options) == set(partners.poll_questions("ALB"))
    assert explorer.state["question"] == explorer.question.value and "Albania:" in explorer.summary.value


def test_the_partners_explorer_swaps_to_a_money_axis_for_investment_in_euros():
    explorer = partner_explorers.PartnersExplorer(country="SRB", measure="exports")
    assert explorer.chart.spec["layer"][0]["encoding"]["x"]["scale"] == {"domain": [0, 100]}
    explorer.measure.value = "fdi_eur"
    assert explorer.chart.spec["layer"][0]["encoding"]["x"]["title"] == "EUR million"
    assert "million euros" in explorer.summary.value


def test_the_ties_explorer_counts_what_it_shows():
    explorer = partner_explorers.TiesExplorer(partner="China")
    shown = partners.ties(partner="China")
    assert explorer.state["count"] == len(shown) and f"China {len(shown)}" in explorer.summary.value
    explorer.dimension.value = "media"
    assert explorer.state["count"] == len(partners.ties(partner="China", dimension="media"))


def test_the_charts_are_titled_and_timelines_mark_the_essay():
    points, spans = eu_explorers.timeline_rows(("SRB", "HRV"))
    calendar = drawn(eu_charts.timeline_spec("calendar", points, spans))
    assert "The road to EU membership on the calendar" in calendar and "after the essay" in calendar
    years = drawn(eu_charts.timeline_spec("years", points, spans))
    assert "Years since the country applied" in years and "after the essay" not in years
    steps = eu_explorers.chapter_rows(pd.concat([eu_explorers.accession.chapter_steps(["MNE"])]))
    chapters = drawn(eu_charts.chapters_spec(steps))
    assert "Chapters opened and closed" in chapters and "after the essay" in chapters
    bars = drawn(eu_charts.shares_spec(partner_explorers.share_rows(partners.shares("WB6", "exports", "2019"), "%")),
                 heading="The six, 2019")
    assert "The six, 2019" in bars and "68.0%" in bars


def test_the_chapters_chart_draws_an_opened_and_a_closed_line_per_country():
    import re

    rows = eu_explorers.chapter_rows(eu_explorers.accession.chapter_steps(["SRB", "MNE"]))
    svg = drawn(eu_charts.chapters_spec(rows))
    assert len(re.findall(r'<g class="mark-line role-mark', svg)) == 4  # 2 countries x opened and closed
