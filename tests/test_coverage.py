"""The coverage table of the record since the election: counted from the data, current in the README."""

import csv

from helpers import coverage, data


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
