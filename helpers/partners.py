"""Who trades, invests, lends and builds ties in the region (claim C9): the EU, China, Russia, the US.

Pure functions of ``trade_shares``, ``fdi``, ``investment_projects``, ``ties`` and
``public_opinion``. A figure is shown as its source gave it: a partner a source does not
name is left out, never drawn as zero; flows of different periods, and loans, grants and
purchases, are never added up.
"""

from __future__ import annotations

import pandas as pd

from . import charts, data

COUNTRIES = {"WB6": "the six together", "ALB": "Albania", "BIH": "Bosnia and Herzegovina", "XKX": "Kosovo",
             "MNE": "Montenegro", "MKD": "North Macedonia", "SRB": "Serbia"}
MEASURES = {  # key -> (words, unit)
    "exports": ("Goods exports: share going to each partner", "%"),
    "imports": ("Goods imports: share coming from each partner", "%"),
    "total": ("All goods trade: share with each partner", "%"),
    "fdi_eur": ("Direct investment from each partner (EUR million)", "EUR million"),
    "fdi_share": ("Direct investment: share from each partner", "%"),
}
LATEST = "latest"
FOUR = ("EU", "China", "Russia", "United States")
FDI_MEASURES = {"fdi_eur": ("inflow_eur_million", "cumulative_inflow_eur_million"),
                "fdi_share": ("inflow_share_percent", "cumulative_inflow_share_percent")}


def _period_label(start, start_precision, end, end_precision) -> str:
    first = charts.format_date(start, start_precision)
    last = charts.format_date(end, end_precision)
    return first if first == last else f"{first} to {last}"


def figures(country: str, measure: str) -> pd.DataFrame:
    """Every figure for a country and measure: partner, share or value, period label, what is counted, sources."""
    columns = ["period", "order", "partner", "share", "value", "what", "source_id", "alt_source_id"]
    if measure in FDI_MEASURES:
        table = data.load("fdi")
        table = table[(table["country_code"].astype(str) == country) & table["measure"].isin(FDI_MEASURES[measure])]
        rows = [{"period": ("total " if r.measure.startswith("cumulative") else "") + _period_label(
                    r.period_start, r.period_start_precision, r.period_end, r.period_end_precision),
                 "order": f"{r.period_end:%Y-%m}", "partner": r.partner,
                 "share": float(r.value), "value": float(r.value), "what": str(r.note),
                 "source_id": r.source_id, "alt_source_id": r.alt_source_id} for r in table.itertuples()]
    else:
        table = data.load("trade_shares")
        table = table[(table["country_code"].astype(str) == country) & (table["flow"].astype(str) == measure)
                      & table["share_percent"].notna()]
        rows = [{"period": str(r.year), "order": f"{r.year}", "partner": str(r.partner),
                 "share": float(r.share_percent), "value": float(r.share_percent), "what": str(r.note),
                 "source_id": r.source_id, "alt_source_id": r.alt_source_id} for r in table.itertuples()]
    return pd.DataFrame(rows, columns=columns)


def periods(country: str, measure: str) -> list[str]:
    """The periods with figures for a country and measure, oldest first."""
    table = figures(country, measure)
    return list(dict.fromkeys(table.sort_values("order")["period"]))


def all_periods() -> list[str]:
    """Every period any country has for any measure (the explorer's options), oldest first."""
    found = pd.concat([figures(c, m)[["period", "order"]] for c in COUNTRIES for m in MEASURES])
    return list(dict.fromkeys(found.sort_values(["order", "period"])["period"]))


def shares(country: str, measure: str, period: str = LATEST) -> pd.DataFrame:
    """The figures of one period (the latest if LATEST), largest first; empty if the period has none."""
    table = figures(country, measure)
    if table.empty:
        return table
    if period == LATEST:  # the latest period with the EU's figure, else one naming another of the four partners
        for wanted in (("EU",), FOUR):
            named = table[table["partner"].isin(wanted)]
            if not named.empty:
                break
        period = (named if not named.empty else table).sort_values("order")["period"].iloc[-1]
    return table[table["period"] == period].sort_values("share", ascending=False).reset_index(drop=True)


def not_like_for_like(shown: pd.DataFrame) -> bool:
    """Different sources, or a note that says a figure covers only part of the trade: not comparable bars."""
    return shown["source_id"].nunique() > 1 or shown["what"].str.contains("only|not comparable", case=False).any()


def shares_sentence(country: str, measure: str, shown: pd.DataFrame, period: str) -> str:
    """The figures in words; where there are none, which periods do have them."""
    words, unit = MEASURES[measure]
    where = COUNTRIES[country]
    if shown.empty:
        have = periods(country, measure)
        return (f"No figure for {where}, {words.lower()}, in {period}. "
                + (f"Periods with figures: {', '.join(have)}." if have else "No period has figures for this."))
    figures_text = "; ".join(f"{r.partner} {r.share:,.1f}%" if unit == "%" else f"{r.partner} {r.share:,.0f} million euros"
                             for r in shown.itertuples())
    missing = [p for p in FOUR if p not in set(shown["partner"])]
    mixed = not_like_for_like(shown)
    return (f"{where[0].upper() + where[1:]}, {shown['period'].iloc[0]}, {words[0].lower() + words[1:]}: "
            f"{figures_text}." + (f" Not given by the source: {', '.join(missing)}." if missing else "")
            + (" The figures do not all count the same thing, so they are not drawn on one axis: read 'What is "
               "counted' in the table before comparing them." if mixed else ""))


# Projects ---------------------------------------------------------------------------------

SORTS = {"largest": "Largest first (in euros)", "newest": "Newest first", "oldest": "Oldest first"}


def projects(partner: str = "all", kind: str = "all", sort: str = "largest") -> pd.DataFrame:
    """Notable loans, investments, grants and guarantees, filtered and sorted."""
    table = data.load("investment_projects").copy()
    for column, value in (("partner", partner), ("kind", kind)):
        if value != "all":
            table = table[table[column].astype(str) == value]
    by, ascending = {"largest": ("amount_eur_million", False), "newest": ("year", False),
                     "oldest": ("year", True)}[sort]
    return table.sort_values([by, "project_id"], ascending=[ascending, True]).reset_index(drop=True)


def conversion_words(row) -> str:
    """How an amount became euros: the rate and its date, or 'in euros in the source'."""
    if str(row.currency) == "EUR":
        return "in euros in the source"
    when = charts.format_date(row.conversion_date, str(row.conversion_date_precision))
    return f"{float(row.conversion_rate):g} {row.currency} per euro (ECB reference rate, {when})"


# Ties -------------------------------------------------------------------------------------

DIMENSIONS = {"arms": "Arms", "military_cooperation": "Military cooperation", "energy": "Energy", "media": "Media",
              "identity_culture": "Identity and culture", "security_policy": "Security policy"}


def ties(partner: str = "all", dimension: str = "all", country: str = "all") -> pd.DataFrame:
    """Dated ties of the six with outside partners, oldest first."""
    table = data.load("ties")
    for column, value in (("partner", partner), ("dimension", dimension), ("country_code", country)):
        if value != "all":
            table = table[table[column].astype(str) == value]
    return table.sort_values(["date", "tie_id"]).reset_index(drop=True)


# Polls ------------------------------------------------------------------------------------

def poll_questions(country: str) -> dict[str, str]:
    """One series per pollster and exact wording asked in the country: key -> label with the number of polls."""
    table = data.load("public_opinion")
    table = table[table["country_code"].astype(str) == country]
    found = {}
    for (pollster, wording), rows in table.groupby(["pollster", "question_wording"], sort=True):
        polls = rows["poll_id"].nunique()
        found[f"{pollster}|{wording}"] = f"{pollster}: {wording} ({polls} poll{'s' if polls > 1 else ''})"
    return found


def poll_series(country: str, key: str) -> pd.DataFrame:
    """The answers of one series (pollster and wording) in one country, oldest first, with a fieldwork date."""
    pollster, wording = key.split("|", 1)
    table = data.load("public_opinion")
    table = table[(table["country_code"].astype(str) == country) & (table["pollster"] == pollster)
                  & (table["question_wording"] == wording)].copy()
    table["date"] = table["fieldwork_end"].fillna(table["fieldwork_start"])
    precision = table["fieldwork_end_precision"].astype(str).where(table["fieldwork_end"].notna(),
                                                                   table["fieldwork_start_precision"].astype(str))
    table["when"] = [charts.format_date(d, p) if not pd.isna(d) else "date not given" for d, p in
                     zip(table["date"], precision)]
    return table.sort_values(["date", "answer"]).reset_index(drop=True)
