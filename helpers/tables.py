"""Tables a student reads: dates as precise as they are known, names in words, sources to judge.

Each function returns an HTML string (a notebook shows it with ``display(HTML(...))`` or a
widget puts it in an HTML widget). A source is shown by title, publisher and kind, linked,
never by its id alone; a long summary is one click away behind "more".
"""

from __future__ import annotations

import functools
import html
import re

import pandas as pd

from . import analysis, charts, coverage, data, history, russia

CELL = 'style="text-align:left;vertical-align:top;padding:3px 8px"'


def html_table(caption: str, header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th {CELL}>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td {CELL}>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    # A scrolling box must be reachable by keyboard and named for screen readers.
    return (f'<div style="max-height:480px;overflow:auto" tabindex="0" role="region" '
            f'aria-label="{html.escape(caption)}"><table class="jp-RenderedHTMLCommon">'
            f"<caption style='text-align:left'><b>{html.escape(caption)}</b></caption><tr>{head}</tr>{body}"
            "</table></div>")


ROW_ID = re.compile(r"\b(PE|RU|CE|SA|EU|CH|TI)\d{3}\b|\bCF\d{2}\b")
ROW_RANGE = re.compile(r"\b((?:PE|RU|CE|SA)\d{3}|CF\d{2})\s?[-–]\s?((?:PE|RU|CE|SA)\d{3}|CF\d{2})\b")


@functools.lru_cache(maxsize=1)
def _row_names() -> dict[str, str]:
    """Each row id the texts cite, as a student reads it: its short label and date."""
    names = {}
    for table, key in (("policy_events", "event_id"), ("russia_measures", "measure_id"), ("context_events", "context_id")):
        rows = data.load(table)
        for row in rows.itertuples():
            names[getattr(row, key)] = f"‘{row.short_label}’, {charts.format_date(row.date, row.date_precision)}"
    for row in data.load("conflicts").itertuples():
        year = "" if pd.isna(row.year_published) else f", {int(row.year_published)}"
        names[row.estimate_id] = f"the figure of {row.estimating_body}{year}"
    countries = dict(zip(data.load("countries")["country_code"].astype(str), data.load("countries")["country_name"]))
    for row in data.load("eu_accession").itertuples():
        if not pd.isna(row.date):
            names[row.milestone_id] = (f"‘{str(row.milestone).replace('_', ' ')}’ of "
                                       f"{countries.get(str(row.country_code), row.country_code)}, "
                                       f"{charts.format_date(row.date, row.date_precision)}")
    for row in data.load("eu_chapters").itertuples():
        names[row.step_id] = f"‘{row.event}’, {charts.format_date(row.date, row.date_precision)}"
    for row in data.load("ties").itertuples():
        names[row.tie_id] = f"the tie of {charts.format_date(row.date, row.date_precision)} ({row.partner})"
    for row in data.load("sanctions").itertuples():
        names[row.action_id] = f"‘{row.action} of {row.target_name}’, {charts.format_date(row.date, row.date_precision)}"
    return names


def named(text: str) -> str:
    """Row ids in a text (PE045, RU212) replaced by what the row is: names in words, never codes."""
    names = _row_names()
    text = ROW_RANGE.sub(lambda m: f"{names.get(m[1], m[1])}, and the rows that follow it", str(text))
    return ROW_ID.sub(lambda m: names.get(m[0], m[0]), text)


def _more(short: str, detail: str) -> str:
    short, detail = named(short), named(detail) if detail else detail
    if not detail or detail == short:
        return html.escape(short)
    return f"{html.escape(short)}<details><summary>more</summary>{html.escape(detail)}</details>"


def source_cell(*source_ids) -> str:
    """The sources of a row, each linked with its publisher and kind; empty ids are left out."""
    shown = [data.source_label(str(s)) for s in source_ids if isinstance(s, str) and s]
    return "<br>".join(shown)



def events_table(events: pd.DataFrame, caption: str, coding: bool = False) -> str:
    """US actions: when, who, what happened (detail behind 'more'), and, if asked, our coding."""
    if events.empty:
        return f"<p><i>{html.escape(caption)}: no action in the table matches.</i></p>"
    events = events if "when" in events.columns else analysis.described_events(events)
    header = ["When", "Administration", "Who acted", "Country", "What happened"]
    header += ["Substance (our coding)", "Tone (our coding)"] if coding else []
    header += ["Source"]
    rows = []
    for event in events.itertuples():
        when = html.escape(event.when) + ("<br><small><b>after the essay</b></small>" if event.after_essay else "")
        row = [when, html.escape(event.administration_label), html.escape(str(event.institution)),
               html.escape(str(event.country_name)), _more(event.summary_short, event.summary)]
        if coding:
            row += [f"<b>{html.escape(str(event.substance))}</b>: {html.escape(named(event.substance_rationale))}",
                    f"<b>{html.escape(str(event.tone))}</b>: {html.escape(named(event.tone_rationale))}"]
        row.append(source_cell(event.source_id, event.alt_source_id, getattr(event, "reply_source_id", None)))
        rows.append(row)
    return html_table(caption, header, rows)


def measures_table(measure_ids: list[str] | pd.DataFrame, caption: str, coding: bool = True) -> str:
    """US measures on Russia (and Russia's ties in the region): when, arena, what happened, our coding, source."""
    table = measure_ids if isinstance(measure_ids, pd.DataFrame) else russia.measures_by_id(list(measure_ids))
    if table.empty:
        return f"<p><i>{html.escape(caption)}: no measure in the table matches.</i></p>"
    # Without our coding the rows are other governments' acts: the US administration of the day says nothing.
    header = ["When"] + (["Administration", "Arena"] if coding else []) + ["Who acted", "What happened"]
    header += ["Direction (our coding)"] if coding else []
    header += ["Source"]
    rows = []
    for row in table.itertuples():
        when = html.escape(row.when) + ("<br><small><b>after the essay</b></small>" if row.after_essay else "")
        cells = [when] + ([html.escape(str(row.administration_label)), html.escape(str(row.arena_label))]
                          if coding else []) + [html.escape(str(row.institution)), _more(row.short_label, row.summary)]
        if coding:
            cells.append(f"<b>{html.escape(str(row.direction_label))}</b>: {html.escape(named(row.direction_rationale))}")
        cells.append(source_cell(row.source_id, row.alt_source_id))
        rows.append(cells)
    return html_table(caption, header, rows)


MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def markdown_links(text: str) -> str:
    """Escape text for HTML, keeping its Markdown links (to the glossary or a notebook) as links."""
    parts, last = [], 0
    for link in MARKDOWN_LINK.finditer(text):
        parts += [html.escape(text[last:link.start()]),
                  f'<a href="{html.escape(link[2])}">{html.escape(link[1])}</a>']
        last = link.end()
    return "".join(parts) + html.escape(text[last:])


def evidence_points(notebook: str, side: str) -> str:
    """A lesson's strongest evidence for (or against) its claims, in words, as a list."""
    points = data.load("evidence_points")
    points = points[(points["notebook"] == notebook) & (points["side"] == side)].sort_values("position")
    if points.empty:
        raise KeyError(f"No evidence points for {notebook} ({side}) in data/evidence_points.csv.")
    claims = "them" if len(data.load("claims").pipe(lambda c: c[c["notebook"] == notebook])) > 1 else "it"
    verb = "support" if side == "for" else "weigh against"
    items = "".join(f"<li><b>{html.escape(p.lead)}</b> {markdown_links(named(p.text))}</li>" for p in points.itertuples())
    return f"<p>{len(points)} kinds of evidence {verb} {claims}:</p><ul>{items}</ul>"


def sanctions_table(table: pd.DataFrame, caption: str) -> str:
    """US sanctions actions: when, administration, action, who, legal basis, note and source."""
    rows = []
    for row in table.itertuples():
        when = html.escape(row.when) + ("<br><small><b>after the essay</b></small>" if row.after_essay else "")
        rows.append([when, html.escape(str(row.administration_label)), html.escape(str(row.action_label)),
                     html.escape(f"{row.target_name} ({row.target_type})"), html.escape(str(row.authority)),
                     source_cell(row.source_id, row.alt_source_id)])
    return html_table(caption, ["When", "Administration", "Action", "Who (person or company)", "Legal basis",
                                "Source"], rows)


def conflict_figures(conflict: str, caption: str) -> str:
    """A war's dead and displaced as each body counted them: communities in alphabetical order, never ranked."""
    rows = []
    for row in history.figures(conflict).itertuples():
        year = "" if pd.isna(row.year_published) else f", {int(row.year_published)}"
        rows.append([html.escape(str(row.who)), html.escape(history.MEASURES.get(row.measure, row.measure)),
                     history.figure_text(row), html.escape(f"{row.estimating_body}{year}"),
                     _more("what it counts", named(row.note)), source_cell(row.source_id, row.alt_source_id)])
    return html_table(caption, ["Whom", "Counted", "Figure", "Who counted, when", "Notes", "Source"], rows)


def crisis_table(caption: str) -> str:
    """Past crises in northern Kosovo: each moment, what the US did (who acted, with which instrument), and sources."""
    responses = data.load("crisis_responses")
    moments = data.load("context_events").set_index("context_id")
    rows = []
    for moment_id, group in responses.groupby("moment_id", sort=False):
        moment = moments.loc[moment_id]
        done = "<br>".join(f"{html.escape(charts.format_date(r.date, r.date_precision))}: {html.escape(named(r.response))} "
                           f"<small>({html.escape(r.institution)}; {html.escape(r.instrument)}; {source_cell(r.source_id)})</small>"
                           for r in group.sort_values("date").itertuples())
        rows.append([html.escape(charts.format_date(moment.date, moment.date_precision)),
                     _more(moment.short_label, moment.summary), done])
    return html_table(caption, ["When", "What happened", "What the US did (who; instrument; source)"], rows)


def presence_table(caption: str) -> str:
    """Reports that the US might reduce its troops in KFOR, and the answers, each with its source."""
    table = data.load("presence_reports").sort_values("date")
    rows = [[html.escape(charts.format_date(r.date, r.date_precision))
             + ("<br><small><b>after the essay</b></small>" if analysis.after_essay(pd.Series([r.date])).iloc[0] else ""),
             html.escape(r.summary), html.escape(r.note) if isinstance(r.note, str) else "",
             source_cell(r.source_id, r.alt_source_id)] for r in table.itertuples()]
    return html_table(caption, ["When", "Report or answer", "Note", "Source"], rows)


def withdrawals_table(caption: str) -> str:
    """Every withdrawal Serbia has claimed, with the status in the data's own words and both sources."""
    rows = []
    for row in analysis.claimed_withdrawals().itertuples():
        rows.append([
            html.escape(str(row.country_name)),
            html.escape(charts.format_date(row.recognised_on, row.date_precision)) + "<br><small>rests on: "
            + html.escape(analysis.BASIS_WORDS.get(str(row.recognition_basis), "")) + "</small>",
            html.escape(charts.format_date(row.withdrawal_claimed_on)),
            html.escape(analysis.WITHDRAWAL_STATUS_WORDS.get(str(row.withdrawal_status), str(row.withdrawal_status))),
            html.escape(analysis.BASIS_WORDS.get(str(row.withdrawal_basis), "")),
            source_cell(row.withdrawal_source_id),
            html.escape(row.note if isinstance(row.note, str) else ""),
        ])
    return html_table(caption, ["State", "Recognised", "Withdrawal claimed", "Status", "The withdrawal rests on",
                            "Source of the withdrawal", "Note"], rows)


def context_table(claim_id: str | None, caption: str, context_ids: list[str] | None = None) -> str:
    """Events by actors other than the US that frame a claim (or the events named), with each holder's reading."""
    events = data.load("context_events")
    chosen = events["context_id"].isin(context_ids) if context_ids else data.tagged(events, claim_id)
    events = events[chosen].sort_values("date")
    views = data.load("context_views")
    rows = []
    for event in events.itertuples():
        readings = [f"<b>{html.escape(str(v.holder))}:</b> {html.escape(named(v.view))} "
                    f"<small>({source_cell(v.source_id)})</small>"
                    for v in views[views["context_id"] == event.context_id].itertuples()]
        after = "<br><small><b>after the essay</b></small>" if analysis.after_essay(pd.Series([event.date])).iloc[0] else ""
        rows.append([html.escape(charts.format_date(event.date, event.date_precision)) + after, html.escape(str(event.actor)),
                     html.escape(named(event.summary)), "<br>".join(readings) or "<i>no reading recorded in our sources</i>",
                     source_cell(event.source_id, event.alt_source_id, getattr(event, "reply_source_id", None))])
    return html_table(caption, ["When", "Who", "What happened", "How each side reads it", "Source"], rows)


def sources_list(names: list[str], claim_id: str | tuple[str, ...] | None = None) -> str:
    """The sources of the rows a lesson shows, as a list a student can read and follow."""
    sources = data.sources_for(names, claim_id=claim_id)
    items = []
    for row in sources.itertuples():
        published = f", {html.escape(row.date_published)}" if isinstance(row.date_published, str) else ""
        items.append(f"<li>{data.source_label(row.source_id)}{published}. Accessed {row.date_accessed:%Y-%m-%d}. "
                     f"<i>{html.escape(str(row.reliability_note))}</i></li>")
    claims = (claim_id,) if isinstance(claim_id, str) else claim_id
    scope = f" (rows tagged {html.escape(' or '.join(claims))})" if claim_id else ""
    titles = [html.escape(str(data.dataset_info(n).get("title", n))) for n in names]
    return (f"<details><summary>{len(items)} sources of these tables: {'; '.join(titles)}"
            f"{scope}: show the list</summary><ol>{''.join(items)}</ol></details>")


SUBSTANCE_WORDS = {"continues": "continues the line", "departs": "departs from it", "unclear": "unclear",
                   "starts": "starts a new line"}


def coding_comparison(events: pd.DataFrame, coding: dict) -> tuple[str, int, int]:
    """The student's coding beside ours, as an HTML table, with how often they agree (codes shown in words)."""
    rows, agree_substance, agree_tone = [], 0, 0
    for event in events.itertuples():
        mine = coding.get(event.event_id, {})
        same_substance, same_tone = mine.get("substance") == event.substance, mine.get("tone") == event.tone
        agree_substance += same_substance
        agree_tone += same_tone
        rows.append([
            html.escape(event.when), html.escape(event.summary_short), html.escape(SUBSTANCE_WORDS.get(str(mine.get("substance")), str(mine.get("substance")))),
            f"<b>{html.escape(SUBSTANCE_WORDS.get(str(event.substance), str(event.substance)))}</b>{'' if same_substance else ' (differs)'}"
            f"<br><small>{html.escape(named(event.substance_rationale))}</small>",
            html.escape(str(mine.get("tone"))),
            f"<b>{html.escape(str(event.tone))}</b>{'' if same_tone else ' (differs)'}"
            f"<br><small>{html.escape(named(event.tone_rationale))}</small>",
        ])
    table = html_table("Your coding beside ours, with our reason for each",
                       ["When", "What happened", "Your substance", "Our substance, and why", "Your tone",
                        "Our tone, and why"], rows)
    return table, agree_substance, agree_tone


def instrument_card(row) -> str:
    """One instrument of US foreign policy: who holds it, on what basis, a dated use in the region, sources."""
    rows = [["Who must act", html.escape(str(row["holder"]))],
            ["Legal basis", html.escape(str(row["legal_basis"]))],
            ["How it has shown in the region", html.escape(named(row["how_it_shows_in_the_region"]))],
            ["Sources", source_cell(row["source_id"], row["alt_source_id"])]]
    return html_table(str(row["instrument"]), ["", ""], rows)


def record_coverage_table() -> str:
    """US actions in our record per month and country since the election, with quiet and unsearched months said."""
    done = coverage.searched()
    names = data.load("countries").set_index("country_code")["country_name"].astype(str).to_dict()
    header = ["Month"] + [names.get(c, "Region-wide actions") for c in coverage.COUNTRIES]
    rows = []
    for month, counts in coverage.table().iterrows():
        cells = [coverage.cell(n, done.get((month, country)), unsearched="not searched") for country, n in counts.items()]
        rows.append([html.escape(f"{pd.Period(month, freq='M'):%b %Y}")] + cells)
    return html_table("US actions in our record, per month and country, since the election", header, rows)


def latest_figures_table() -> str:
    """The newest value of each as-of figure, its date, and whether a newer one was searched for."""
    rows = [[html.escape(r.figure), html.escape(r.value), html.escape(r.as_of_text),
             html.escape(r.searched_through or "-"), html.escape(r.status), source_cell(r.source_id)]
            for r in coverage.latest_figures().itertuples()]
    return html_table("How old is each figure? The newest we could verify",
                      ["Figure", "Value", "As of", "Searched for a newer one through", "Status", "Source"], rows)
