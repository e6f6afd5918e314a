"""Measuring the wait for EU membership (claims C7, C8, C12): milestones, years waited, chapters, and a scenario.

Pure functions of ``data/eu_accession.csv`` and ``data/eu_chapters.csv``. A wait is counted in
years of 365.25 days from the application to each later step, or to the end of our record
(``AS_OF``) for a step not reached. The scenario in ``extrapolate`` is arithmetic on the pace a
country has kept, never a forecast: its assumptions travel with its answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import charts, data
from .continuity import SEARCHED_TO

AS_OF = SEARCHED_TO  # the record was searched to the end of November 2026
STAGES = {  # the steps every country's path shares, in order
    "application": "applied",
    "candidate_status": "became a candidate",
    "negotiations_opened": "opened negotiations",
    "treaty_signed": "signed the accession treaty",
    "accession": "joined",
    "application_frozen_or_withdrawn": "froze or withdrew its application",
}
WESTERN_BALKANS = ("ALB", "BIH", "MNE", "MKD", "SRB", "XKX")
GROUPS = {  # the groups the timeline offers, each a tuple of country codes
    "Western Balkans six": WESTERN_BALKANS,
    "Western Balkans six beside Croatia and Poland": WESTERN_BALKANS + ("HRV", "POL"),
    "Southern enlargement: Greece, Spain, Portugal": ("GRC", "ESP", "PRT"),
    "2004 and 2007 members": ("CYP", "CZE", "EST", "HUN", "LTU", "LVA", "MLT", "POL", "SVK", "SVN", "BGR", "ROU"),
    "Other candidates: Türkiye, Ukraine, Moldova": ("TUR", "UKR", "MDA"),
}
YEAR = 365.25


def years_between(start, end) -> float:
    """Years from start to end, in days over 365.25 (so leap years do not shift a wait)."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / YEAR


def country_names(codes) -> dict[str, str]:
    countries = data.load("countries")
    names = dict(zip(countries["country_code"].astype(str), countries["country_name"].astype(str)))
    return {code: names.get(code, code) for code in codes}


def milestones(countries=None) -> pd.DataFrame:
    """The dated steps of STAGES for the countries (all if None), with years since each country applied."""
    table = data.load("eu_accession")
    table = table[table["milestone"].astype(str).isin(STAGES) & table["date"].notna()].copy()
    table["milestone"] = table["milestone"].astype(str)
    table["country_code"] = table["country_code"].astype(str)
    if countries is not None:
        table = table[table["country_code"].isin(countries)]
    applied = table[table["milestone"] == "application"].set_index("country_code")["date"]
    table["years_since_application"] = [years_between(applied[c], d) if c in applied else None
                                        for c, d in zip(table["country_code"], table["date"])]
    table["stage"] = table["milestone"].map(STAGES)
    table["when"] = [charts.format_date(d, p) for d, p in zip(table["date"], table["date_precision"].astype(str))]
    table["country_name"] = table["country_code"].map(country_names(table["country_code"].unique()))
    order = {m: i for i, m in enumerate(STAGES)}
    return table.sort_values(["country_code", "milestone"], key=lambda s: s.map(order) if s.name == "milestone"
                             else s).reset_index(drop=True)


def years_waited(country: str, as_of=AS_OF) -> float:
    """Years from application to accession (or to a frozen or withdrawn application), else to as_of."""
    steps = milestones([country]).set_index("milestone")["date"]
    if "application" not in steps:
        raise ValueError(f"no application date for {country} in data/eu_accession.csv")
    end = next((steps[m] for m in ("accession", "application_frozen_or_withdrawn") if m in steps), pd.Timestamp(as_of))
    return years_between(steps["application"], end)


def waits(countries, as_of=AS_OF) -> pd.DataFrame:
    """One row per country: years from application to each later step, and whether it is still waiting."""
    steps = milestones(countries)
    rows = []
    for code, own in steps.groupby("country_code", sort=False):
        dates = own.set_index("milestone")["years_since_application"]
        joined = "accession" in dates
        stopped = not joined and "application_frozen_or_withdrawn" in dates
        rows.append({"country_code": code, "country_name": own["country_name"].iloc[0],
                     "applied": own.loc[own["milestone"] == "application", "when"].squeeze(),
                     **{f"to_{m}": dates.get(m) for m in STAGES if m != "application"},
                     "waiting": not joined and not stopped, "stopped": stopped,
                     "years_waited": years_waited(code, as_of)})
    return pd.DataFrame(rows)


# Chapters and clusters over time ----------------------------------------------------------

def chapter_steps(countries=None) -> pd.DataFrame:
    """Each dated change in chapters opened and closed (cumulative), oldest first."""
    table = data.load("eu_chapters")
    table = table.assign(country_code=table["country_code"].astype(str))
    if countries is not None:
        table = table[table["country_code"].isin(countries)]
    table = table.sort_values(["country_code", "date"]).reset_index(drop=True)
    table["when"] = [charts.format_date(d, p) for d, p in zip(table["date"], table["date_precision"].astype(str))]
    table["country_name"] = table["country_code"].map(country_names(table["country_code"].unique()))
    return table


def latest_counts(country: str, as_of=AS_OF) -> dict:
    """Chapters opened and closed at the last step on or before as_of (zeros before any step)."""
    steps = chapter_steps([country])
    steps = steps[steps["date"] <= pd.Timestamp(as_of)]
    if steps.empty:
        return {"opened": 0, "closed": 0, "total": None, "date": None}
    last = steps.iloc[-1]
    opened = steps["chapters_opened_total"].dropna()
    closed = steps["chapters_closed_total"].dropna()
    return {"opened": int(opened.iloc[-1]) if len(opened) else 0,
            "closed": int(closed.iloc[-1]) if len(closed) else 0,
            "total": int(last["chapters_total"]) if not pd.isna(last["chapters_total"]) else None,
            "date": last["date"]}


# The C12 scenario -------------------------------------------------------------------------

@dataclass(frozen=True)
class Scenario:
    """At a pace of `pace` chapters closed a year, when would the last chapter close? And on what assumptions."""
    country: str
    closed: int
    total: int
    remaining: int
    negotiations_opened: pd.Timestamp | None
    as_of: pd.Timestamp
    own_pace: float | None  # chapters closed a year since negotiations opened; None if not negotiating
    pace: float | None  # the pace the scenario uses
    years_needed: float | None  # None: never at this pace, or no negotiations to count from
    finish_year: float | None  # a decimal year; None as above
    assumptions: list[str] = field(default_factory=list)
    candidate: bool = True  # False: an applicant the EU has not made a candidate


def own_pace(country: str, as_of=AS_OF) -> float | None:
    """Chapters closed per year from the opening of negotiations to as_of (to accession for a member)."""
    steps = milestones([country]).set_index("milestone")["date"]
    if "negotiations_opened" not in steps:
        return None
    end = pd.Timestamp(as_of)
    closed_on = data.load("eu_accession").query("country_code == @country and milestone == 'negotiations_closed'")
    for last in [d for d in closed_on["date"]] + [steps.get("treaty_signed"), steps.get("accession")]:
        if last is not None and not pd.isna(last) and last <= end:
            end = last  # a member's pace runs to the close of its negotiations, not to today
            break
    years = years_between(steps["negotiations_opened"], end)
    closed = latest_counts(country, end)["closed"]
    return closed / years if years > 0 else None


def extrapolate(country: str, pace: float | None = None, as_of=AS_OF, total: int | None = None) -> Scenario:
    """The year the last chapter would close if the country kept `pace` (its own pace if None) from as_of."""
    as_of = pd.Timestamp(as_of)
    counts = latest_counts(country, as_of)
    total = total or counts["total"] or data.load("eu_chapters")["chapters_total"].dropna().astype(int).mode()[0]
    steps = milestones([country]).set_index("milestone")["date"]
    opened = steps.get("negotiations_opened")
    mine = own_pace(country, as_of)
    used = mine if pace is None else float(pace)
    remaining = max(total - counts["closed"], 0)
    recorded = (f"by {charts.format_date(counts['date'], 'day')}, the last step in our record (our sources were "
                f"searched to {as_of:%B %Y})" if counts["date"] is not None else f"by {as_of:%B %Y}")
    assumptions = [f"{counts['closed']} of {total} chapters closed {recorded}, so {remaining} to go."]
    if opened is None:
        assumptions.append("Negotiations have not opened: there are no chapters to count yet. Any count of years "
                           "would start only on the day they open.")
    elif mine is not None:
        assumptions.append(f"Its own pace: {counts['closed']} closed in {years_between(opened, as_of):.1f} years "
                           f"since negotiations opened in {opened:%B %Y}, about {mine:.1f} a year.")
    assumptions.append("Every chapter counts the same, though some take years and others weeks; the pace is kept "
                       "without pause; nothing is reopened; and after the last chapter every member state must still "
                       "ratify the accession treaty.")
    if used is None or used <= 0:
        years = None if remaining else 0.0
    else:
        years = remaining / used
    finish = None if years is None or opened is None else as_of.year + (as_of.day_of_year - 1) / YEAR + years
    return Scenario(country, counts["closed"], total, remaining, opened, as_of, mine, used, years, finish,
                    assumptions, candidate="candidate_status" in steps or opened is not None)


def scenario_sentence(s: Scenario, name: str) -> str:
    """The scenario's answer in words, with the pace it used; never worded as a forecast."""
    pace = "no pace" if s.pace is None else f"{s.pace:.1f} chapters closed a year"
    if s.remaining == 0:
        return f"{name} has closed all {s.total} chapters in our record."
    if not s.candidate:
        return (f"{name} is not a candidate: there are no negotiations to extrapolate. At {pace}, its {s.remaining} "
                f"chapters would take about {s.years_needed:.0f} years from the day negotiations open, after candidate "
                "status and a decision to open them." if s.years_needed is not None else
                f"{name} is not a candidate: there are no negotiations to extrapolate.")
    if s.years_needed is None:
        return (f"At {pace}, {name}'s remaining {s.remaining} chapters never close: the extrapolation gives no year.")
    if s.finish_year is None:
        return (f"{name} has not opened negotiations. At {pace}, its {s.remaining} chapters would take about "
                f"{s.years_needed:.0f} years from the day negotiations open.")
    took = f"{s.years_needed:.1f}" if s.years_needed < 20 else f"{s.years_needed:,.0f}"
    return (f"At {pace}, {name}'s remaining {s.remaining} chapters would take about {took} years: "
            f"the last would close around {s.finish_year:.0f}. This extrapolates the pace; it is not a forecast.")
