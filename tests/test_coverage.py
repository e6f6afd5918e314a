"""The coverage table of the record since the election: counted from the data, current in the README."""

import csv

import pytest

from helpers import coverage, data
from tests.conftest import read_rows, write_rows


def test_the_readme_shows_the_current_coverage_table():
    readme = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    shown = readme.split(coverage.START, 1)[1].split(coverage.END, 1)[0].strip()
    assert shown == coverage.markdown(), "run `.venv/bin/python tools/update_coverage.py`"


def test_counts_come_from_policy_events_and_quiet_months_say_they_were_searched(data_copy):
    events = data.load("policy_events", data_copy)
    counted = coverage.table(data_copy)
    kosovo_2025_09 = ((events["country"] == "XKX") & (events["date"].dt.strftime("%Y-%m") == "2025-09")).sum()
    assert counted.loc["2025-09", "XKX"] == kosovo_2025_09 > 0
    log = data_copy / coverage.SEARCH_LOG
    log.parent.mkdir(exist_ok=True)
    with log.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["month", "country", "queries", "rows_added", "note"])
        writer.writerow(["2024-11", "MNE", "US embassy Podgorica November 2024", "0", "quiet: searched, nothing found"])
    table = coverage.markdown(data_copy)
    november = next(line for line in table.splitlines() if line.startswith("| 2024-11"))
    assert "0 (searched)" in november and november.count("| - ") >= 1  # searched vs not searched


def test_the_readme_shows_how_old_each_figure_is():
    readme = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    shown = readme.split(coverage.LATEST_START, 1)[1].split(coverage.LATEST_END, 1)[0].strip()
    assert shown == coverage.latest_markdown(), "run `.venv/bin/python tools/update_coverage.py`"


def test_every_as_of_figure_is_current_or_was_searched_to_the_end_of_the_record():
    figures = coverage.latest_figures()
    assert {"kfor_total", "kfor_us", "eufor_total", "recognitions_kosovo", "recognitions_serbia", "eu_SRB", "eu_MNE",
            "eu_ALB", "eu_MKD", "polls_SRB", "polls_XKX"} <= set(figures["key"])
    unsearched = figures[~figures["status"].isin(["current", "older: nothing newer found"])]
    assert unsearched.empty, f"search for newer figures and log it in {coverage.AS_OF_LOG}: {unsearched['key'].tolist()}"


def test_a_newer_row_replaces_the_latest_figure_and_an_old_one_says_how_far_it_was_searched(data_copy):
    rows = read_rows(data_copy / "troop_presence.csv")
    newest = dict(zip(rows[0], rows[1]))
    newest.update(as_of="2026-11-15", as_of_precision="day", force="KFOR", total_troops="4100", us_troops="550")
    write_rows(data_copy / "troop_presence.csv", rows + [[newest[c] for c in rows[0]]])
    with (data_copy / coverage.AS_OF_LOG).open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["key", "searched_through", "queries", "note"])
        writer.writerow(["eu_MNE", "2026-11", "Montenegro closes chapters 2026", "quiet: searched, nothing found"])
        writer.writerow(["eu_SRB", "2026-05", "Serbia cluster 3", "stopped in May"])
    figures = coverage.latest_figures(data_copy).set_index("key")
    assert figures.loc["kfor_us", "value"] == "about 550" and figures.loc["kfor_us", "as_of_text"] == "15 November 2026"
    assert figures.loc["kfor_us", "status"] == "current"
    assert figures.loc["eu_MNE", "status"] == "older: nothing newer found"
    assert figures.loc["eu_SRB", "status"] == "older: not searched past 2026-05"
    assert figures.loc["polls_SRB", "status"] == "older: never searched"
    assert "| US troops in KFOR | about 550 | 15 November 2026 |" in coverage.latest_markdown(data_copy)


def test_every_as_of_search_names_sources_that_exist():
    known = set(data.load("sources")["source_id"])
    log = coverage.as_of_searches()
    assert log and all(row["source_ids"] for row in log.values())
    cited = {s.strip() for row in log.values() for s in row["source_ids"].split(";")}
    assert cited <= known, cited - known


def test_serbias_withdrawal_count_stands_beside_what_our_table_records_of_each_claim(data_copy):
    figures = coverage.latest_figures().set_index("key")
    assert {"recognitions_serbia", "recognitions_kosovo", "recognitions_withdrawals"} <= set(figures.index)
    shown = figures.loc["recognitions_withdrawals", "value"]
    assert shown.startswith("27 claimed: 4 confirmed by the state itself, 22 on Serbia's word only, 1 followed")
    assert "Kosovo holds that a recognition cannot be withdrawn" in shown
    # one more claim confirmed by the state itself changes the count shown
    rows = read_rows(data_copy / "kosovo_recognitions.csv")
    header, status = rows[0], rows[0].index("withdrawal_status")
    contested = next(i for i, row in enumerate(rows) if row[status] == "contested")
    rows[contested][status] = "confirmed"
    write_rows(data_copy / "kosovo_recognitions.csv", rows)
    again = coverage.latest_figures(data_copy).set_index("key").loc["recognitions_withdrawals", "value"]
    assert again.startswith("27 claimed: 5 confirmed by the state itself, 21 on Serbia's word only")


@pytest.mark.parametrize("damage, message", [
    (lambda rows: [["mnth"] + rows[0][1:]] + rows[1:], r"searches_2024_2026\.csv, line 1: the header lacks the column 'month'"),
    (lambda rows: rows[:2] + [rows[2][:2]] + rows[3:], r"searches_2024_2026\.csv, line 3: the row has fewer cells"),
    (lambda rows: rows[:3] + [["2026-13"] + rows[3][1:]] + rows[4:], r"searches_2024_2026\.csv, line 4, column 'month': expected a month"),
])
def test_a_damaged_search_log_is_refused_naming_file_line_and_column(data_copy, damage, message):
    path = data_copy / coverage.SEARCH_LOG
    write_rows(path, damage(read_rows(path)))
    with pytest.raises(data.DataError, match=message):
        coverage.searched(data_copy)


def test_a_damaged_as_of_log_is_refused_and_a_missing_one_means_never_searched(data_copy):
    path = data_copy / coverage.AS_OF_LOG
    rows = read_rows(path)
    column = rows[0].index("searched_through")
    rows[1][column] = "soon"
    write_rows(path, rows)
    with pytest.raises(data.DataError, match=r"as_of_searches\.csv, line 2, column 'searched_through': .*found 'soon'"):
        coverage.latest_figures(data_copy)
    path.unlink()
    assert "older: nothing newer found" not in set(coverage.latest_figures(data_copy)["status"])
