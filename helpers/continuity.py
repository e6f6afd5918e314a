"""Comparing administrations (claims C2 and C6): counts of US actions by administration and
policy area, how densely each term is recorded, and which term changed the most.

Pure functions of the loaded data, like analysis.py. A count here is a count of rows we
recorded, so every figure comes with the years it covers: eight years of one president and
two of another are not comparable without that.
"""

from __future__ import annotations

import pandas as pd

from . import analysis, data

# What a cell of the grid can count; each is computed from our coding of substance and tone.
GRID_MEASURES = {
    "actions": "Actions recorded",
    "changes": "Substance: departs from the line or starts a new one",
    "change_share": "Substance: share of the actions that depart or start (%)",
    "tone_changed": "Tone: changed",
    "per_year": "Actions recorded per year in office",
}
CHANGE = ("departs", "starts")  # substance codes that count as a change of line
ALL_AREAS = "all"
# The month-by-month search after the election ran to here (data/README.md, "Searched month by month");
# the stored copies it could read thin out after February 2026.
SEARCHED_TO = pd.Timestamp("2026-11-30")


def record_span() -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last dates in the table of US actions: the period the counts cover."""
    dates = data.load("policy_events")["date"]
    return dates.min(), dates.max()


def years_covered(record_end: pd.Timestamp | None = None) -> pd.Series:
    """Years of each administration that fall inside the record (administration_id -> years)."""
    start = record_span()[0]
    end = SEARCHED_TO if record_end is None else record_end
    terms = data.load("administrations")
    years = {}
    for term in terms.itertuples():
        term_end = term.term_end if not pd.isna(term.term_end) else end
        left, right = max(term.term_start, start), min(term_end, end)
        years[str(term.administration_id)] = max((right - left).days, 0) / 365.25
    return pd.Series(years, name="years")


def _summarise(events: pd.DataFrame) -> dict:
    actions = len(events)
    changes = int(events["substance"].isin(CHANGE).sum())
    return {"actions": actions, "changes": changes, "departs": int((events["substance"] == "departs").sum()),
            "starts": int((events["substance"] == "starts").sum()),
            "unclear": int((events["substance"] == "unclear").sum()),
            "tone_changed": int((events["tone"] == "changed").sum()),
            "change_share": round(100 * changes / actions, 1) if actions else None}


def by_administration(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per administration (oldest first): actions, changes of substance, tone, years, rates."""
    events = data.load("policy_events") if events is None else events
    labels = analysis.administration_labels()
    years = years_covered()
    rows = []
    for administration, label in labels.items():
        summary = _summarise(events[events["administration"].astype(str) == administration])
        span = float(years.get(administration, 0.0))
        summary.update(administration=administration, label=label, years=round(span, 1),
                       per_year=round(summary["actions"] / span, 1) if span else None)
        rows.append(summary)
    return pd.DataFrame(rows).set_index("administration")


def grid(measure: str = "actions", events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long table of the grid: one row per administration and policy area, plus each row's total.

    Columns: administration, label, pillar, area, value (the measure; None where it cannot be
    computed, e.g. a share of no actions), actions (the count behind it).
    """
    if measure not in GRID_MEASURES:
        raise ValueError(f"Unknown measure {measure!r}; choose one of {', '.join(GRID_MEASURES)}.")
    events = data.load("policy_events") if events is None else events
    years = years_covered()
    areas = {**analysis.PILLAR_WORDS, ALL_AREAS: "All areas"}
    rows = []
    for administration, label in analysis.administration_labels().items():
        of_term = events[events["administration"].astype(str) == administration]
        for pillar, area in areas.items():
            cell = of_term if pillar == ALL_AREAS else of_term[of_term["pillar"] == pillar]
            summary = _summarise(cell)
            span = float(years.get(administration, 0.0))
            value = (round(summary["actions"] / span, 1) if span else None) if measure == "per_year" \
                else summary[measure]
            rows.append({"administration": administration, "label": label, "pillar": pillar, "area": area,
                         "value": value, "actions": summary["actions"]})
    return pd.DataFrame(rows)


def leaders(table: pd.DataFrame, column: str) -> list[str]:
    """The administrations (ids) with the highest value in a column of by_administration; ties kept."""
    values = table[column].dropna()
    if values.empty or values.max() == 0:
        return []
    return list(values[values == values.max()].index)


def rank_of(table: pd.DataFrame, column: str, administration: str) -> int | None:
    """1 for the highest value; equal values share a rank (competition ranking)."""
    values = table[column].dropna()
    if administration not in values.index:
        return None
    return int((values > values[administration]).sum()) + 1


def density_sentence(events: pd.DataFrame | None = None, where: str = "") -> str:
    """The caveat, in figures: how many actions per year of each term the table holds (for `where`, if given)."""
    table = by_administration(events)
    start, last = record_span()
    parts = [f"{row.label}: {row.actions} in {row.years:g} years" for row in table.itertuples() if row.years]
    scope = f" on {where}" if where else ""
    return (f"The table starts in {start:%B %Y}; from the election of November 2024 it was searched month by "
            f"month to {SEARCHED_TO:%B %Y}. Its latest action is dated {last:%B %Y}, and the sources we could read "
            f"thin out after February 2026. Actions recorded{scope} per term: " + "; ".join(parts) + ". Each action is "
            "filed under one country: the 1999 air campaign, for example, under Serbia (then the Federal Republic of "
            f"Yugoslavia), not Kosovo. {analysis.DENSITY_CAVEAT}")
