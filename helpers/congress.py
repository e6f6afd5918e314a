"""Roll-call votes in Congress on the region: tallies, party splits, and how united a vote was.

Reads data/roll_call_votes.csv. A tally or party split the sources did not give stays
missing and is said to be missing; nothing is filled in. One vote (Finland and Sweden's
NATO accession) is a comparison case from outside the region and is marked as such.
"""

from __future__ import annotations

import re

import pandas as pd

from . import data
from .charts import format_date

REGION = {"SRB", "MNE", "XKX", "BIH", "ALB", "MKD", "HRV"}
UNITED = 0.9  # a vote is 'united' when at least 9 in 10 of those voting voted the same way
PARTIES = {"democratic": "Democrats", "republican": "Republicans", "independent": "Independents"}


def votes() -> pd.DataFrame:
    """Every vote, oldest first, with in_region, share_yea (of yeas and nays) and a short label."""
    table = data.load("roll_call_votes").sort_values(["date", "vote_id"]).reset_index(drop=True)
    table["in_region"] = table["countries"].astype(str).apply(lambda c: bool(set(c.split(";")) & REGION))
    counted = table["yeas"].notna() & table["nays"].notna()
    total = (table["yeas"] + table["nays"]).where(counted)
    table["share_yea"] = (table["yeas"] / total).astype("Float64")
    table["label"] = [vote_label(row) for row in table.itertuples()]
    return table


COMPILER_NOTE = re.compile(r"\s*\([^)]*not confirmed[^)]*\)")  # our research notes stay in the CSV, not on screen


def vote_label(row) -> str:
    tally = f" ({row.yeas}-{row.nays})" if not pd.isna(row.yeas) and not pd.isna(row.nays) else " (no tally found)"
    measure = COMPILER_NOTE.sub("", str(row.measure)).split(",")[0]
    outside = " [comparison: outside the region]" if not set(str(row.countries).split(";")) & REGION else ""
    return f"{format_date(row.date, str(row.date_precision))}, {row.chamber}: {measure}{tally}{outside}"


def is_united(share) -> bool:
    return not pd.isna(share) and max(share, 1 - share) >= UNITED


def united_votes(in_region: bool = True, table: pd.DataFrame | None = None) -> int:
    """How many recorded tallies (on the region, by default) had at least 9 in 10 voting the same way."""
    table = votes() if table is None else table
    table = table[table["in_region"]] if in_region else table
    return int(sum(is_united(s) for s in table["share_yea"]))


def tallied_votes(in_region: bool = True, table: pd.DataFrame | None = None) -> int:
    table = votes() if table is None else table
    table = table[table["in_region"]] if in_region else table
    return int(table["share_yea"].notna().sum())


def party_rows(vote_id: str, table: pd.DataFrame | None = None) -> list[dict]:
    """Yeas and nays by party for one vote, only where a source gave them (for the chart)."""
    row = (votes() if table is None else table).set_index("vote_id").loc[vote_id]
    rows = [{"party": "All members (total)", "side": side[:-1] if side == "yeas" else "nay", "count": int(row[side])}
            for side in ("yeas", "nays") if not pd.isna(row[side])]
    for key, party in PARTIES.items():
        for side in ("yeas", "nays"):
            value = row[f"{side}_{key}"]
            if not pd.isna(value):
                rows.append({"party": party, "side": side[:-1] if side == "yeas" else "nay", "count": int(value)})
    return rows


def vote_sentence(vote_id: str, table: pd.DataFrame | None = None) -> str:
    """What one vote shows, in words, saying what the sources did not give."""
    row = (votes() if table is None else table).set_index("vote_id").loc[vote_id]
    when = format_date(row["date"], str(row["date_precision"]))
    if pd.isna(row["yeas"]) or pd.isna(row["nays"]):
        return (f"{when}, {row['chamber']}: {COMPILER_NOTE.sub('', str(row['measure']))}. Result: {row['result']}. No tally was found in the "
                f"sources read (it may have passed by voice or without a recorded vote).")
    share = float(row["share_yea"])
    unity = ("at least 9 in 10 of those voting voted the same way" if is_united(share)
             else f"the chamber was divided: {share:.0%} yea")
    known = [f"{party}: {count(row, key, 'yeas')}, {count(row, key, 'nays')}"
             for key, party in PARTIES.items()
             if not (pd.isna(row[f"yeas_{key}"]) and pd.isna(row[f"nays_{key}"]))]
    parties = ("By party: " + "; ".join(known) + "." if known else "The split by party was not found in the sources read.")
    return (f"{when}, {row['chamber']}: {COMPILER_NOTE.sub('', str(row['measure']))}. {row['result'].capitalize()}, {row['yeas']} to "
            f"{row['nays']}: {unity}. {parties}")


def count(row, party: str, side: str) -> str:
    value = row[f"{side}_{party}"]
    return f"{side} not given" if pd.isna(value) else f"{int(value)} {side[:-1] if side == 'yeas' else 'nay'}"
