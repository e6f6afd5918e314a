"""The wars of 1991-2001 in figures (claim C11): what each body counted, by war and by community.

Pure functions of ``data/conflicts.csv``. Wars get neutral names here (each side's own name
for them is given once in the notebook); communities are listed in alphabetical order, so no
table or chart ranks anyone's suffering.
"""

from __future__ import annotations

import pandas as pd

from . import data
from .questions import Figure

WAR_NAMES = {  # the table's key -> the neutral name a student reads
    "Ten-Day War (Slovenia)": "The war in Slovenia, 1991",
    "Croatian War of Independence": "The war in Croatia, 1991-1995",
    "Bosnian War": "The war in Bosnia and Herzegovina, 1992-1995",
    "Kosovo War": "The Kosovo war, 1998-1999",
    "2001 insurgency in Macedonia": "The 2001 conflict in Macedonia",
}
MEASURES = {"deaths_total": "killed or missing", "deaths_civilian": "civilians killed or missing",
            "deaths_military": "soldiers killed or missing", "missing": "still missing",
            "displaced_total": "driven from their homes", "refugees": "refugees abroad"}


def figures(war: str, measure: str | None = None, status: str = "current") -> pd.DataFrame:
    """Every figure for one war (and measure), with who is counted, in alphabetical order of community."""
    if war not in WAR_NAMES:
        raise ValueError(f"Unknown war {war!r}; choose one of {', '.join(WAR_NAMES)}.")
    table = data.load("conflicts")
    table = table[(table["conflict"] == war) | table["conflict"].str.startswith(war + ": ")]
    table = table[table["status"] == status]
    if measure:
        table = table[table["measure"] == measure]
    who = table["conflict"].map(lambda name: (name.partition(": ")[2] or "All communities")[:1].upper()
                                + (name.partition(": ")[2] or "All communities")[1:])
    return table.assign(who=who).sort_values(["measure", "who", "estimating_body"]).reset_index(drop=True)


def measures_of(war: str) -> list[str]:
    """The measures some body has counted for a war, in the order of MEASURES."""
    present = set(figures(war)["measure"])
    return [m for m in MEASURES if m in present]


def figure_text(row) -> str:
    """A figure as it is known: one number, a range, or a bound."""
    low, high, point = (None if pd.isna(v) else int(v) for v in (row.low, row.high, row.point))
    if point is not None:
        return f"{point:,}"
    if low is not None and high is not None:
        return f"{low:,} to {high:,}"
    return f"more than {low:,}" if low is not None else f"up to {high:,}"


def bosnia_death_figures() -> list[Figure]:
    """The documented totals of the dead and missing in the war in Bosnia and Herzegovina, with who counted."""
    table = figures("Bosnian War", "deaths_total")
    table = table[table["who"] == "All communities"]
    return [Figure(float(row.point), f"{row.estimating_body}, {int(row.year_published)}",
                   "people killed or missing, counted by name" if "Research" in row.estimating_body
                   else "deaths from merged lists plus a statistical estimate of those not recorded",
                   data.source_label(str(row.source_id)))
            for row in table.itertuples() if not pd.isna(row.point)]
