"""The wait for EU membership and the C12 extrapolation, on cases computed by hand."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from helpers import accession, data, eu_explorers

SOURCE = "collection-question-bank"  # any existing source: these rows are made up for the test


def add_rows(path, rows):
    with path.open(encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    with path.open("a", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=header, lineterminator="\n")
        writer.writerows([{k: r.get(k, "") for k in header} for r in rows])


@pytest.fixture
def made_up(data_copy, monkeypatch):
    """Armenia (made up: it never applied) negotiates from 1 Jan 2010 and has closed 10 of 33 chapters by 1 Jan 2020 (3652 days later);
    Azerbaijan (made up too) applied but never opened negotiations."""
    monkeypatch.setattr(data, "DATA_DIR", data_copy)
    common = {"date_precision": "day", "claim_ids": "C12", "source_id": SOURCE}
    add_rows(data_copy / "eu_accession.csv", [
        {**common, "milestone_id": "EU990", "country_code": "ARM", "milestone": "application", "date": "2005-01-01"},
        {**common, "milestone_id": "EU991", "country_code": "ARM", "milestone": "negotiations_opened",
         "date": "2010-01-01"},
        {**common, "milestone_id": "EU992", "country_code": "AZE", "milestone": "application", "date": "2006-01-01"}])
    add_rows(data_copy / "eu_chapters.csv", [
        {**common, "step_id": "CH990", "country_code": "ARM", "date": "2012-06-01", "event": "made up",
         "chapters_opened_total": "12", "chapters_closed_total": "4", "chapters_total": "33"},
        {**common, "step_id": "CH991", "country_code": "ARM", "date": "2019-06-01", "event": "made up",
         "chapters_opened_total": "33", "chapters_closed_total": "10", "chapters_total": "33"}])
    data.clear_cache()
    yield
    data.clear_cache()


AS_OF = pd.Timestamp("2020-01-01")  # day 1 of 2020: the decimal year is exactly 2020.0


def test_a_chosen_pace_gives_remaining_over_pace(made_up):
    s = accession.extrapolate("ARM", pace=2, as_of=AS_OF)
    assert (s.closed, s.total, s.remaining) == (10, 33, 23)
    assert s.years_needed == pytest.approx(11.5)  # 23 chapters at 2 a year
    assert s.finish_year == pytest.approx(2031.5)


def test_own_pace_is_chapters_closed_over_years_negotiating(made_up):
    years = 3652 / 365.25  # 1 Jan 2010 to 1 Jan 2020: ten years and two leap days
    assert accession.own_pace("ARM", as_of=AS_OF) == pytest.approx(10 / years)
    s = accession.extrapolate("ARM", as_of=AS_OF)
    assert s.years_needed == pytest.approx(23 / (10 / years))  # about 23 years: its own pace is ~1 a year
    assert "not a forecast" in accession.scenario_sentence(s, "Zedland")


def test_counts_are_those_of_the_last_step_before_the_date(made_up):
    assert accession.latest_counts("ARM", "2015-01-01")["closed"] == 4
    assert accession.latest_counts("ARM", "2011-01-01") == {"opened": 0, "closed": 0, "total": None, "date": None}
    assert accession.extrapolate("ARM", pace=1, as_of="2015-01-01").remaining == 29


def test_zero_pace_never_finishes(made_up):
    s = accession.extrapolate("ARM", pace=0, as_of=AS_OF)
    assert s.years_needed is None and s.finish_year is None
    assert "never close" in accession.scenario_sentence(s, "Zedland")


def test_without_negotiations_there_is_no_year_only_a_duration(made_up):
    s = accession.extrapolate("AZE", pace=3, as_of=AS_OF, total=33)
    assert s.own_pace is None and s.negotiations_opened is None and s.finish_year is None
    assert s.years_needed == pytest.approx(11.0)
    assert "is not a candidate" in accession.scenario_sentence(s, "Zedland B")  # applied, never made a candidate
    assert any("no chapters to count" in a for a in s.assumptions)


def test_waits_count_years_to_each_step_or_to_the_end_of_the_record(made_up):
    assert accession.years_waited("ARM", as_of=AS_OF) == pytest.approx(5478 / 365.25)  # 2005-01-01 to 2020-01-01: three leap days
    table = accession.waits(["ARM", "AZE"], as_of=AS_OF).set_index("country_code")
    assert table.loc["ARM", "to_negotiations_opened"] == pytest.approx(1826 / 365.25)
    assert table.loc["AZE", "waiting"] and pd.isna(table.loc["AZE", "to_candidate_status"])


def test_real_waits_north_macedonia_and_croatia():
    # 22 March 2004 to 30 November 2026: 22 years (8035 days, five 29 Februaries) and 253 days.
    assert accession.years_waited("MKD") == pytest.approx(8288 / 365.25)
    # Croatia: applied 21 February 2003, joined 1 July 2013.
    assert accession.years_waited("HRV") == pytest.approx(3783 / 365.25)


def test_the_slider_moves_to_each_countrys_own_pace_and_the_answer_follows():
    explorer = eu_explorers.ScenarioExplorer(country="MNE")
    assert explorer.pace.value == round(accession.own_pace("MNE"), 1)
    first = explorer.state["finish_year"]
    explorer.pace.value = explorer.pace.value * 2
    assert explorer.state["finish_year"] < first
    explorer.country.value = "BIH"  # no negotiations: the slider starts at Croatia's pace
    assert explorer.pace.value == round(accession.own_pace("HRV"), 1)
    assert explorer.state["finish_year"] is None and "has not opened negotiations" in explorer.summary.value
    explorer.pace.value = 0
    assert "never close" in explorer.summary.value


def test_the_timeline_lines_up_by_years_or_calendar():
    explorer = eu_explorers.AccessionExplorer(group="Western Balkans six", align="years")
    assert explorer.chart.spec["layer"][-1]["encoding"]["x"]["field"] == "years"
    assert "North Macedonia" in explorer.summary.value and "Croatia" not in explorer.summary.value
    explorer.extra.value = "HRV"
    assert "Croatia" in explorer.summary.value and "HRV" in explorer.state["countries"]
    explorer.align.value = "calendar"
    assert explorer.chart.spec["layer"][-1]["encoding"]["x"]["field"] == "date"
    assert "after the essay" in str(explorer.chart.spec)


def test_where_each_country_stands_is_said_in_words(made_up):
    assert eu_explorers.where_it_stands("HRV") == "member since 1 July 2013"
    assert eu_explorers.where_it_stands("AZE") == "applied; not a candidate"
    assert eu_explorers.where_it_stands("ARM").startswith("negotiating since 1 January 2010: 10 of 33 chapters closed")
    assert "decided to open negotiations (21 March 2024), which have not yet opened" in eu_explorers.where_it_stands("BIH")


def test_the_waits_table_says_not_yet_only_for_those_still_waiting():
    table = eu_explorers.waits_table(("HRV", "MKD", "ISL"), "x")
    rows = {r.split("</td>", 1)[0].rsplit(">", 1)[-1]: r for r in table.split("<tr>")[2:]}
    assert "not yet" not in rows["Croatia"] and ">10.4<" in rows["Croatia"]
    assert "not yet: 22.7 years so far" in rows["North Macedonia"]
    assert "not yet" not in rows["Iceland"] and "application frozen or withdrawn" in rows["Iceland"]
