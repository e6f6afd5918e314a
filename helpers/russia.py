"""US policy on Russia (claim C6): dated measures in two arenas, and the figures of US posture in Europe.

Pure functions of ``data/russia_measures.csv`` and ``data/us_posture_europe.csv``. The
measures are coded for *direction* (firmer or softer on Moscow, compared with the line
before), a judgement like the substance coding of US actions, with its reason in each row.
"""

from __future__ import annotations

import pandas as pd

from . import analysis, charts, data

ARENAS = {"russia_europe": "Russia and Europe", "balkans": "The Western Balkans"}
# The US stance towards Russia's influence; in the Balkan lane it says how hard the US pressed against Russian ties,
# not whether a government of the region chose well.
DIRECTIONS = {"firmer": "firmer against Russia's influence", "softer": "softer on Russia's influence", "mixed": "mixed",
              "not_us": "not a US act"}
KINDS = {"sanctions": "Sanctions", "diplomacy": "Diplomacy and treaties", "deterrence_and_troops":
         "Deterrence and troops", "arms_to_ukraine": "Arms to Ukraine", "energy": "Energy",
         "military_ties": "Military ties in the region", "statement": "Statements"}
SERIES = {"edi_enacted_usd_m": "European Deterrence Initiative: money enacted (US$ million)",
          "edi_requested_usd_m": "European Deterrence Initiative: money requested (US$ million)",
          "us_troops_europe": "US military personnel in Europe"}


def measures(arena: str = "all", administration: str = "all", kind: str = "all") -> pd.DataFrame:
    """The measures matching every filter ('all' leaves it out), oldest first, with words for each code."""
    table = analysis.where(data.load("russia_measures"), arena=arena, administration=administration, kind=kind)
    labels = analysis.administration_labels()
    table = table.sort_values("date").reset_index(drop=True)
    return table.assign(
        when=[charts.format_date(d, p) for d, p in zip(table["date"], table["date_precision"])],
        administration_label=table["administration"].astype(str).map(labels),
        arena_label=table["arena"].map(ARENAS), direction_label=table["direction"].map(DIRECTIONS),
        after_essay=analysis.after_essay(table["date"]))


def measures_by_id(measure_ids: list[str]) -> pd.DataFrame:
    """The measures named, oldest first; an unknown id is an error that names the file."""
    table = measures().set_index("measure_id", drop=False)
    missing = [m for m in measure_ids if m not in table.index]
    if missing:
        raise KeyError(f"No measure {', '.join(missing)} in data/russia_measures.csv.")
    return table.loc[measure_ids].sort_values("date", kind="stable").reset_index(drop=True)


def direction_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Administrations (rows, in office order) by direction (columns): how many measures of each."""
    order = [a for a in analysis.administration_labels() if a in set(table["administration"].astype(str))]
    counts = pd.crosstab(table["administration"].astype(str), table["direction"]).reindex(order)
    return counts.reindex(columns=list(DIRECTIONS), fill_value=0).fillna(0).astype(int)


def direction_sentence(table: pd.DataFrame) -> str:
    """Counts of each direction, per administration, in words; with the caveat that counts reflect our search."""
    if table.empty:
        return "No measure in the table matches these filters; set one of them back to 'All'."
    labels = analysis.administration_labels()
    parts = []
    for administration, row in direction_counts(table).iterrows():
        shown = ", ".join(f"{n} {DIRECTIONS[d]}" for d, n in row.items() if n)
        parts.append(f"{labels[administration]}: {shown}")
    return (f"{len(table)} measure{'s' if len(table) != 1 else ''}. As we coded them: " + "; ".join(parts)
            + ". A count shows what we recorded, not everything that happened.")


def posture(series: str) -> pd.DataFrame:
    """One series of US posture in Europe, oldest first, each figure with its source."""
    if series not in SERIES:
        raise ValueError(f"Unknown series {series!r}; choose one of {', '.join(SERIES)}.")
    table = data.load("us_posture_europe")
    return table[table["series"] == series].sort_values("period").reset_index(drop=True)
