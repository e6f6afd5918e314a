"""How completely the record of US actions covers each month since the 2024 election.

A table of actions cannot show neglect, and a quiet month looks like a gap. So every month
from the election to the end of the record was searched country by country, and the searches
are logged in ``data/verification/searches_2024_2026.csv``. This module counts the rows of
``policy_events`` per month and country and renders the table; ``tools/update_coverage.py``
writes it into ``data/README.md`` (helpers never write into data/), and a test checks that
the README is current.

The same goes for figures that are true "as of" a date (troops in KFOR, recognitions, EU
chapters, polls): ``latest_figures`` gives the newest value of each with its date, and
the log ``data/verification/as_of_searches.csv`` says how far we searched for a newer one,
so an old figure says it is old instead of passing for current.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from . import charts, data

COUNTRIES = ("SRB", "XKX", "BIH", "MNE", "MKD", "ALB", "REGION")
FIRST, LAST = "2024-11", "2026-11"  # from the month of the election to the end of the record
SEARCH_LOG = Path("verification") / "searches_2024_2026.csv"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"
AS_OF_LOG = Path("verification") / "as_of_searches.csv"
LATEST_START, LATEST_END = "<!-- latest:start -->", "<!-- latest:end -->"
SIX = ("SRB", "XKX", "BIH", "MNE", "MKD", "ALB")  # the six states, without the region-wide column
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _read_log(data_dir: Path | None, log: Path, required: tuple[str, ...], checks: dict) -> list[dict] | None:
    """A search log's rows (None if there is no log); a damaged one is refused naming file, line and column."""
    path = Path(data_dir or data.DATA_DIR) / log
    if not path.exists():
        return None
    name = f"data/{log.as_posix()}"
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = [column for column in required if column not in (reader.fieldnames or [])]
        if missing:
            raise data.DataError(f"{name}, line 1: the header lacks the column {', '.join(repr(c) for c in missing)}; "
                                 f"it needs {', '.join(required)}.")
        rows = []
        for line, row in enumerate(reader, start=2):
            if None in row or any(row[column] is None for column in required):
                more = "more" if None in row else "fewer"
                raise data.DataError(f"{name}, line {line}: the row has {more} cells than the header has columns; "
                                     "a comma inside a text cell needs the whole cell in double quotes.")
            for column, (expected, is_valid) in checks.items():
                if not is_valid(row[column]):
                    raise data.DataError(f"{name}, line {line}, column '{column}': expected {expected}, "
                                         f"found '{row[column]}'.")
            rows.append(row)
    return rows


def searched(data_dir: Path | None = None) -> dict[tuple[str, str], str]:
    """(month, country) -> the search log's note, for every pair that was searched."""
    rows = _read_log(data_dir, SEARCH_LOG, ("month", "country", "note"),
                     {"month": ("a month written YYYY-MM", MONTH.fullmatch),
                      "country": (f"one of {', '.join(COUNTRIES)}", COUNTRIES.__contains__)})
    return {(row["month"], row["country"]): row["note"] for row in rows or []}


def cell(count: int, note: str | None, unsearched: str = "-") -> str:
    """A count; '0 (searched)' for a month searched with no US action found; '0 (no sources)' where the
    sources available to the search thin out; `unsearched` where no search is logged."""
    if count:
        return str(count)
    if note is None:
        return unsearched
    return "0 (no sources)" if note.lower().startswith("no sources") else "0 (searched)"


def table(data_dir: Path | None = None) -> pd.DataFrame:
    """Rows of policy_events per month (index) and country (columns), since the election."""
    events = data.load("policy_events", data_dir)
    months = pd.period_range(FIRST, LAST, freq="M").astype(str)
    counts = (events.assign(month=events["date"].dt.to_period("M").astype(str))
              .groupby(["month", "country"], observed=True).size())
    return pd.DataFrame({c: [int(counts.get((m, c), 0)) for m in months] for c in COUNTRIES}, index=months)


def markdown(data_dir: Path | None = None) -> str:
    """The coverage table for data/README.md, each cell as `cell` writes it."""
    done = searched(data_dir)
    names = data.load("countries", data_dir).set_index("country_code")["country_name"].astype(str).to_dict()
    counts = table(data_dir)
    header = "| Month | " + " | ".join(names.get(c, "Region") for c in COUNTRIES) + " |"
    lines = [header, "|" + " --- |" * (len(COUNTRIES) + 1)]
    for month, row in counts.iterrows():
        cells = [cell(n, done.get((month, c))) for c, n in row.items()]
        lines.append(f"| {month} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def as_of_searches(data_dir: Path | None = None) -> dict[str, dict]:
    """figure key -> the log's row: how far we searched for a figure newer than the one we hold."""
    rows = _read_log(data_dir, AS_OF_LOG, ("key", "searched_through"),
                     {"searched_through": ("a month written YYYY-MM, or nothing", lambda v: v == "" or MONTH.fullmatch(v))})
    return {row["key"]: row for row in rows or []}


def _newest(frame: pd.DataFrame, column: str) -> pd.Series | None:
    frame = frame.dropna(subset=[column])
    return None if frame.empty else frame.sort_values(column, kind="stable").iloc[-1]


def _figure(key: str, figure: str, value: str, when, precision: str, source_id: str) -> dict:
    return {"key": key, "figure": figure, "value": value, "as_of": pd.Timestamp(when) if when is not None else pd.NaT,
            "precision": precision, "source_id": source_id}


def _number(value) -> str:
    return f"{int(value):,}"


def _figures(data_dir: Path | None) -> list[dict]:
    names = data.load("countries", data_dir).set_index("country_code")["country_name"].astype(str).to_dict()
    rows = []
    troops = data.load("troop_presence", data_dir)
    for key, force, column, what in [("kfor_total", "KFOR", "total_troops", "Troops in KFOR (all nations)"),
                                     ("kfor_us", "KFOR", "us_troops", "US troops in KFOR"),
                                     ("eufor_total", "EUFOR", "total_troops", "Troops in EUFOR Althea (Bosnia and Herzegovina)")]:
        row = _newest(troops[(troops["force"] == force) & troops[column].notna()], "as_of")
        if row is not None:
            rows.append(_figure(key, what, f"about {_number(row[column])}", row["as_of"], row["as_of_precision"], row["source_id"]))
    listed = data.load("kosovo_recognitions", data_dir)
    row = _newest(listed, "recognised_on")
    if row is not None:
        rows.append(_figure("recognitions_listed", "Recognitions of Kosovo listed in our table",
                            f"{len(listed)} states and entities", row["recognised_on"], row["date_precision"], row["source_id"]))
        # Beside each side's headline count, what our own table shows of the withdrawals Serbia claims.
        claimed = listed.dropna(subset=["withdrawal_claimed_on"])
        last = _newest(claimed, "withdrawal_claimed_on")
        if last is not None:
            status = claimed["withdrawal_status"].astype(str).value_counts()
            rows.append(_figure("recognitions_withdrawals", "Withdrawals Serbia has claimed, as our table records them",
                                f"{len(claimed)} claimed: {status.get('confirmed', 0)} confirmed by the state itself, "
                                f"{status.get('contested', 0)} on Serbia's word only, {status.get('reaffirmed', 0)} "
                                "followed by the state reaffirming its recognition; Kosovo holds that a recognition "
                                "cannot be withdrawn", last["withdrawal_claimed_on"],
                                last["withdrawal_claimed_on_precision"], last["withdrawal_source_id"]))
    counts = data.load("kosovo_recognition_counts", data_dir)
    for side, group in counts.groupby("side", observed=True, sort=False):
        row = _newest(group, "as_of")
        row = group.iloc[-1] if row is None else row
        rows.append(_figure(f"recognitions_{str(side).lower().replace(' ', '_')}", f"Headline count: {row['claimant']}",
                            f"{_number(row['figure'])} {row['what_is_counted']}", row["as_of"] if pd.notna(row["as_of"]) else None,
                            str(row["as_of_precision"]) if pd.notna(row["as_of_precision"]) else "day", row["source_id"]))
    chapters = data.load("eu_chapters", data_dir)
    for code in SIX:
        row = _newest(chapters[chapters["country_code"] == code], "date")
        if row is None:
            continue
        parts = [f"{_number(row['chapters_opened_total'])} of {_number(row['chapters_total'])} chapters opened"
                 if pd.notna(row["chapters_opened_total"]) else None,
                 f"{_number(row['chapters_closed_total'])} closed" if pd.notna(row["chapters_closed_total"]) else None,
                 f"{_number(row['clusters_opened_total'])} of 6 clusters opened" if pd.notna(row["clusters_opened_total"]) else None]
        rows.append(_figure(f"eu_{code}", f"EU negotiations, {names.get(code, code)}", "; ".join(p for p in parts if p),
                            row["date"], row["date_precision"], row["source_id"]))
    polls = data.load("public_opinion", data_dir)
    for code in SIX:
        row = _newest(polls[polls["country_code"] == code], "fieldwork_end")
        if row is not None:
            rows.append(_figure(f"polls_{code}", f"Newest poll in our table, {names.get(code, code)}", str(row["pollster"]),
                                row["fieldwork_end"], row["fieldwork_end_precision"], row["source_id"]))
    return rows


def latest_figures(data_dir: Path | None = None) -> pd.DataFrame:
    """The newest value of every as-of figure, its date, and whether anything newer was searched for.

    `status` says "current" when the figure is from the record's last month or later, "older:
    nothing newer found" when the log shows a search through that month, and otherwise "older: not
    searched past <month>" (or "never searched"): the honest wording for a figure that may be stale.
    """
    log = as_of_searches(data_dir)
    frame = pd.DataFrame(_figures(data_dir))
    end = pd.Period(LAST, freq="M")

    def status(row) -> tuple[str, str]:
        searched = log.get(row["key"], {}).get("searched_through", "")
        if pd.notna(row["as_of"]) and pd.Period(row["as_of"], freq="M") >= end:
            return "current", searched
        if searched and pd.Period(searched, freq="M") >= end:
            return "older: nothing newer found", searched
        return (f"older: not searched past {searched}" if searched else "older: never searched"), searched

    frame[["status", "searched_through"]] = frame.apply(lambda row: pd.Series(status(row)), axis=1)
    frame["as_of_text"] = [charts.format_date(w, p) if pd.notna(w) else "date not given"
                           for w, p in zip(frame["as_of"], frame["precision"])]
    return frame


def latest_markdown(data_dir: Path | None = None) -> str:
    """The latest-figures table for data/README.md."""
    lines = ["| Figure | Newest value we could verify | As of | Searched for a newer one through | Status | Source |",
             "| --- | --- | --- | --- | --- | --- |"]
    for row in latest_figures(data_dir).itertuples():
        lines.append(f"| {row.figure} | {row.value} | {row.as_of_text} | {row.searched_through or '-'} | {row.status} "
                     f"| `{row.source_id}` |")
    return "\n".join(lines)
