"""Answers computed from the data, and what a question shows once the student has committed.

The question bank (``data/questions.csv``) names these by key: ``answer_from`` picks a
function of ``ANSWERS`` and ``reveal`` one of ``REVEALS``. Keeping them here, not in the
notebook, is what lets a lesson run top to bottom without printing an answer before the
student has given one. Only names listed here can be called: the bank never holds code.
"""

from __future__ import annotations

import html

import pandas as pd

from . import accession, analysis, charts, congress, continuity, data, eu_explorers, history, partners, tables
from .questions import Figure


def un_recognition_figures() -> list[Figure]:
    """Every defensible figure for 'how many UN members recognise Kosovo', with what each counts."""
    every = analysis.recognition_count("un", count_claimed_withdrawals=True)
    serbia_way = analysis.recognition_count("un", count_claimed_withdrawals=False)
    figures = [
        Figure(every, "our table, every recognition counted",
               "UN member states that have ever formally recognised Kosovo (Kosovo's way of counting); "
               f"{analysis.recognitions_resting_on('kosovo_only')} of these dates are known only from Kosovo's "
               "government (its claim, by the same rule as withdrawals known only from Serbia's)",
               "data/kosovo_recognitions.csv"),
        Figure(serbia_way, "our table, leaving out the withdrawals Serbia claims",
               "the same list without the states whose withdrawal Serbia's government claims "
               "(our arithmetic, not a figure Serbia publishes)", "data/kosovo_recognitions.csv"),
    ]
    for row in analysis.reported_counts(of_withdrawals=False).itertuples():
        when = "date not shown" if pd.isna(row.as_of) else charts.format_date(row.as_of, "month")
        figures.append(Figure(float(row.figure), f"{row.claimant}, {when}", str(row.what_is_counted),
                              data.source_label(str(row.source_id))))
        if not pd.isna(row.alt_figure):
            figures.append(Figure(float(row.alt_figure), f"{row.claimant}, {when}: the same statement as another "
                                  "outlet reported it (see section 9)",
                                  str(row.what_is_counted), data.source_label(str(row.alt_source_id))))
    return figures


def un_recognition_range_html() -> str:
    """The reveal of the UN-count prediction: each figure, what it counts, who says so."""
    rows = [[f"<b>{f.value:g}</b>", html.escape(f.who), html.escape(f.counts),
             f.source if f.source.startswith("<") else html.escape(f.source)]
            for f in sorted(un_recognition_figures(), key=lambda f: f.value)]
    return (tables.html_table("Figures for the number of states that recognise Kosovo, lowest first",
                              ["Figure", "Who", "What is counted", "Source"], rows)
            + f"<p>{html.escape(analysis.withdrawal_counts_sentence())}</p>")


def eu_non_recognising_count() -> int:
    return len(analysis.non_recognising("eu"))


def eu_non_recognising_html() -> str:
    names = analysis.non_recognising("eu")
    return (f"<p>The {len(names)} EU member states that have not recognised Kosovo: "
            f"{html.escape(', '.join(names))}.</p>")


def united_votes() -> int:
    return congress.united_votes()


def united_votes_html() -> str:
    """Each tallied vote on the region: united or divided, and what it was about."""
    table = congress.votes()
    table = table[table["in_region"] & table["share_yea"].notna()]
    rows = [[html.escape(charts.format_date(r.date, str(r.date_precision))), html.escape(str(r.chamber)),
             html.escape(congress.COMPILER_NOTE.sub("", str(r.measure))), f"{r.yeas}&#8209;{r.nays}",
             "<b>united</b>" if congress.is_united(r.share_yea) else "divided"] for r in table.itertuples()]
    untallied = congress.votes().pipe(lambda t: t[t["in_region"] & t["share_yea"].isna()])
    note = (f"<p>{len(untallied)} more vote in the table has no tally in the sources read: "
            f"{html.escape('; '.join(untallied['label']))}.</p>" if len(untallied) else "")
    return (tables.html_table(f"{congress.united_votes()} of the {congress.tallied_votes()} tallied votes on the region "
                              "had at least 9 in 10 voting the same way", ["Date", "Chamber", "Measure", "Tally",
                                                                           "United?"], rows) + note)


def change_by_term() -> dict[str, dict[str, float]]:
    """Three ways to measure 'the substance changed most', each per administration (our coding)."""
    table = continuity.by_administration()
    return {"the number of actions we coded as a change of substance": table["changes"].to_dict(),
            "the share of its recorded actions coded as a change (%)": table["change_share"].to_dict(),
            "the number of actions whose tone we coded as changed": table["tone_changed"].to_dict()}


def change_by_term_html() -> str:
    """The reveal: every administration's counts, shares and years, and why the measures disagree."""
    table = continuity.by_administration()
    rows = [[html.escape(r.label), f"{r.actions}", f"{r.departs}", f"{r.starts}", f"{r.unclear}",
             "–" if r.change_share is None or r.change_share != r.change_share else f"{r.change_share:g}%",
             f"{r.tone_changed}", f"{r.years:g}"] for r in table.itertuples()]
    return (tables.html_table("Substance and tone by administration, as we coded each recorded action",
                              ["Administration", "Actions recorded", "Substance departs", "Starts a new line",
                               "Unclear", "Share that depart or start", "Tone changed", "Years covered"], rows)
            + "".join(f"<p>{html.escape(r.label)}: {r.actions} recorded action{'s' if r.actions != 1 else ''}, so one "
                      "action more or less would change its share a great deal; it was not among the choices.</p>"
                      for r in table.itertuples() if r.actions < 5)
            + f"<p>{html.escape(continuity.density_sentence())}</p>")


def _after_election() -> pd.DataFrame:
    events = data.load("policy_events")
    tagged = events["claim_ids"].astype(str).str.split(";").apply(lambda ids: "T" in ids)
    return events[analysis.after_essay(events["date"]) & tagged]


def post_election_change_share() -> float:
    """Of the US actions recorded after the election (tagged T), the share we coded as departing or starting (%)."""
    events = _after_election()
    return round(100 * events["substance"].isin(continuity.CHANGE).sum() / len(events), 1)


def post_election_counts_html() -> str:
    """The reveal: the post-election actions by our substance and tone codes, and what a share of rows leaves out."""
    events = _after_election()
    start, end = events["date"].min(), events["date"].max()
    substance = events["substance"].value_counts()
    tone = events["tone"].value_counts()
    rows = [[html.escape(tables.SUBSTANCE_WORDS.get(code, code)), str(int(substance.get(code, 0)))]
            for code in tables.SUBSTANCE_WORDS]
    rows += [[f"tone: {html.escape(code)}", str(int(tone.get(code, 0)))] for code in ("same", "changed", "unclear")]
    return (tables.html_table(f"The {len(events)} US actions recorded after the election (the outgoing administration's "
                              "last weeks included), as we coded them",
                              ["Our code", "Actions"], rows)
            + f"<p>They run from {charts.format_date(start, 'day')} to {charts.format_date(end, 'day')}; our month-by-"
              "month search ran to the end of November 2026; our record has fewer sources after February 2026.</p>")


def bih_continues_of_ten() -> int:
    """Of every 10 recorded US actions on Bosnia and Herzegovina, how many we coded as continuing the line."""
    events = analysis.filter_events(country="BIH")
    return round(10 * (events["substance"] == "continues").mean())


def bih_by_term_html() -> str:
    """The reveal: US actions on Bosnia and Herzegovina by administration, as we coded their substance."""
    events = analysis.filter_events(country="BIH")
    table = continuity.by_administration(events)
    rows = [[html.escape(r.label), f"{r.actions}", f"{r.actions - r.changes - r.unclear}", f"{r.departs}",
             f"{r.starts}", f"{r.unclear}"] for r in table.itertuples() if r.actions]
    share = (events["substance"] == "continues").mean()
    return (tables.html_table(f"US actions on Bosnia and Herzegovina: {round(100 * share)}% of the {len(events)} recorded "
                              "continue the previous line, by our coding", ["Administration", "Actions recorded",
                              "Continue the line", "Depart from it", "Start a new line", "Unclear"], rows)
            + f"<p>{html.escape(continuity.density_sentence(events, 'Bosnia and Herzegovina'))}</p>")


def bosnia_deaths_html() -> str:
    """The reveal: the documented totals, and the figure repeated for years with why it was revised."""
    figures = history.bosnia_death_figures()
    rows = [[f"<b>{f.value:,.0f}</b>", html.escape(f.who), html.escape(f.counts), f.source]
            for f in sorted(figures, key=lambda f: f.value)]
    old = history.figures("Bosnian War", "deaths_total", status="discredited")
    revised = "".join(f"<p><b>A figure repeated for years: {history.figure_text(r)}</b> ({html.escape(str(r.estimating_body))}). "
                      f"{html.escape(tables.named(r.note))}</p>" for r in old.itertuples())
    return (tables.html_table("The dead and missing of the war in Bosnia and Herzegovina, as counted since 2004",
                              ["Figure", "Who counted, when", "How", "Source"], rows) + revised)


def kfor_us_figures() -> list[Figure]:
    """The US contingent in KFOR at the latest dates our sources give (2022 onwards)."""
    table = data.load("troop_presence")
    table = table[(table["force"] == "KFOR") & table["us_troops"].notna() & (table["as_of"].dt.year >= 2022)]
    return [Figure(float(r.us_troops), charts.format_date(r.as_of, r.as_of_precision),
                   f"US troops in KFOR (of about {int(r.total_troops):,} in all)" if not pd.isna(r.total_troops)
                   else "US troops in KFOR", data.source_label(str(r.source_id))) for r in table.itertuples()]


def kfor_html() -> str:
    """The reveal: KFOR and its US contingent from 1999, each figure with its date and source."""
    table = data.load("troop_presence")
    table = table[(table["force"] == "KFOR") & (table["total_troops"].notna() | table["us_troops"].notna())].sort_values("as_of")
    rows = [[html.escape(charts.format_date(r.as_of, r.as_of_precision)),
             "" if pd.isna(r.total_troops) else f"{int(r.total_troops):,}", "" if pd.isna(r.us_troops) else f"{int(r.us_troops):,}",
             data.source_label(str(r.source_id))] for r in table.itertuples()]
    return tables.html_table("KFOR and the US troops in it, at the dates our sources give",
                             ["When", "KFOR in all", "US troops", "Source"], rows)


def north_macedonia_candidate_to_talks() -> int:
    """Whole years from North Macedonia's candidate status (2005) to the opening of its negotiations (2022)."""
    steps = accession.milestones(["MKD"]).set_index("milestone")["date"]
    return int(accession.years_between(steps["candidate_status"], steps["negotiations_opened"]))


def waits_compared_html() -> str:
    """The reveal: the six's waits beside Croatia's and Poland's, each step in years, with sources."""
    countries = accession.WESTERN_BALKANS + ("HRV", "POL")
    return eu_explorers.waits_table(countries, "Years from application to each step, to November 2026")


def wb6_eu_export_share() -> float:
    """The EU's share of the six economies' goods exports in 2019, as Eurostat gave it."""
    return float(partners.shares("WB6", "exports", "2019").set_index("partner").loc["EU", "share"])


def wb6_partners_html() -> str:
    """The reveal: each partner's share of the six's exports and imports in 2019, with what is left out."""
    rows = []
    for flow in ("exports", "imports"):
        for r in partners.shares("WB6", flow, "2019").itertuples():
            rows.append([flow, html.escape(r.partner), f"{r.share:g}%", html.escape(r.what),
                         tables.source_cell(r.source_id, r.alt_source_id)])
    return (tables.html_table("The six economies' goods trade in 2019, by partner", ["Flow", "Partner", "Share",
                                                                                      "What is counted", "Source"], rows)
            + "<p>Russia's and the United States' shares are not given by this source. The explorer below has "
              "each country's figures, from other sources.</p>")


def bar_boljare_eur() -> float:
    """The Bar-Boljare loan in euros at the ECB rate of its signing day (our conversion, shown in the table)."""
    row = data.load("investment_projects").set_index("project_id").loc["inv-mne-bar-boljare-2014"]
    return round(float(row["amount_original"]) / float(row["conversion_rate"]), 1)


ANSWERS = {
    "post_election_change_share": post_election_change_share,
    "north_macedonia_candidate_to_talks": north_macedonia_candidate_to_talks,
    "wb6_eu_export_share": wb6_eu_export_share,
    "bar_boljare_eur": bar_boljare_eur,
    "kfor_us_figures": kfor_us_figures,
    "bosnia_death_figures": history.bosnia_death_figures,
    "bih_continues_of_ten": bih_continues_of_ten,
    "change_by_term": change_by_term,
    "united_votes": united_votes,
    "un_recognition_figures": un_recognition_figures,
    "eu_non_recognising_count": eu_non_recognising_count,
}
REVEALS = {
    "post_election_counts": post_election_counts_html,
    "waits_compared": waits_compared_html,
    "wb6_partners": wb6_partners_html,
    "kfor": kfor_html,
    "north_kosovo_precedents": lambda: tables.crisis_table("What past administrations did in comparable moments"),
    "bosnia_deaths": bosnia_deaths_html,
    "bih_by_term": bih_by_term_html,
    "change_by_term": change_by_term_html,
    "united_votes": united_votes_html,
    "un_recognition_range": un_recognition_range_html,
    "eu_non_recognising": eu_non_recognising_html,
}


def answer(key: str):
    if key not in ANSWERS:
        raise KeyError(f"No computed answer {key!r}; known: {', '.join(ANSWERS)} (helpers/reveals.py).")
    return ANSWERS[key]()


def reveal_html(key: str) -> str:
    if not key:
        return ""
    if key not in REVEALS:
        raise KeyError(f"No reveal {key!r}; known: {', '.join(REVEALS)} (helpers/reveals.py).")
    return REVEALS[key]()
