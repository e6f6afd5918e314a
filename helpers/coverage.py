"""How completely the record of US actions covers each month since the 2024 election.

A table of actions cannot show neglect, and a quiet month looks like a gap. So every month
from the election to the end of the record was searched country by country, and the searches
are logged in ``data/verification/searches_2024_2026.csv``. This module counts the rows of
``policy_events`` per month and country and renders the table; ``tools/update_coverage.py``
writes it into ``data/README.md`` (helpers never write into data/), and a test checks that
the README is current.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from . import data

COUNTRIES = ("SRB", "XKX", "BIH", "MNE", "MKD", "ALB", "REGION")
FIRST, LAST = "2024-11", "2026-11"  # from the month of the election to the end of the record
SEARCH_LOG = Path("verification") / "searches_2024_2026.csv"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"


def searched(data_dir: Path | None = None) -> dict[tuple[str, str], str]:
    """(month, country) -> the search log's note, for every pair that was searched."""
    path = Path(data_dir or data.DATA_DIR) / SEARCH_LOG
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as stream:
        return {(row["month"], row["country"]): row["note"] for row in csv.DictReader(stream)}


def _empty_cell(note: str | None) -> str:
    if note is None:
        return "-"
    # Searched, but the sources available to the search had nothing for that month at all.
    return "0 (no sources)" if note.lower().startswith("no sources") else "0 (searched)"


def table(data_dir: Path | None = None) -> pd.DataFrame:
    """Rows of policy_events per month (index) and country (columns), since the election."""
    events = data.load("policy_events", data_dir)
    months = pd.period_range(FIRST, LAST, freq="M").astype(str)
    counts = (events.assign(month=events["date"].dt.to_period("M").astype(str))
              .groupby(["month", "country"], observed=True).size())
    return pd.DataFrame({c: [int(counts.get((m, c), 0)) for m in months] for c in COUNTRIES}, index=months)


def markdown(data_dir: Path | None = None) -> str:
    """The coverage table: a count; '0 (searched)' for a quiet month; '0 (no sources)' where the
    searched sources had nothing for the month at all; '-' where no search is logged."""
    done = searched(data_dir)
    names = data.load("countries", data_dir).set_index("country_code")["country_name"].astype(str).to_dict()
    counts = table(data_dir)
    header = "| Month | " + " | ".join(names.get(c, "Region") for c in COUNTRIES) + " |"
    lines = [header, "|" + " --- |" * (len(COUNTRIES) + 1)]
    for month, row in counts.iterrows():
        cells = [str(n) if n else _empty_cell(done.get((month, c))) for c, n in row.items()]
        lines.append(f"| {month} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
