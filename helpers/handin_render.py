"""A gathered hand-in (``helpers.handin.HandIn``) as a printable HTML page and as Markdown.

Both show the same things in the same order. The HTML escapes every text, uses headings in
order (h1 the hand-in, h2 a notebook, h3 a kind of answer, h4 one question), has a print
stylesheet, and loads nothing: no scripts, no fonts, no images from the network.
"""

from __future__ import annotations

import html
import re

from .handin import HandIn, data_block

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.45; color: #1a1a1a;
       max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem;
margin-top: 2.2rem; } h3 { font-size: 1.1rem; color: #0a4f7a; } h4 { font-size: 1rem; margin-bottom: .3rem; }
dl.answer { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .2rem 0 .4rem; }
dl.answer dt { font-weight: 600; } dl.answer dd { margin: 0; white-space: pre-wrap; }
.saved, .note { color: #555; font-size: .85rem; margin: 0 0 1rem; }
.missing li { color: #8f3a00; }
@page { margin: 1.8cm; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; color: #000; }
  h2 { break-after: avoid; page-break-after: avoid; } h3, h4 { break-after: avoid; page-break-after: avoid; }
  article { break-inside: avoid; page-break-inside: avoid; }
  h2 { border-color: #000; } h3 { color: #000; } .missing li { color: #000; }
}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _one_line(text) -> str:
    return " ".join(str(text).split())


def _version(hand_in: HandIn) -> str:
    return f"balkans-claims {hand_in.version}" + (f", commit {hand_in.commit}" if hand_in.commit else "")


def to_html(hand_in: HandIn) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="balkans-claims hand-in">',
           f"<title>Journal of {_e(hand_in.name)}: claims and evidence, {_e(hand_in.date)}</title>",
           f"<style>{CSS}</style>", "</head>", "<body>", "<main>",
           f"<h1>Claims and evidence on US policy towards the Western Balkans: the journal of {_e(hand_in.name)}</h1>",
           '<dl class="answer">',
           f"<dt>Name</dt><dd>{_e(hand_in.name)}</dd>", f"<dt>Date</dt><dd>{_e(hand_in.date)}</dd>",
           f"<dt>Collection</dt><dd>{_e(_version(hand_in))}</dd>",
           f"<dt>Journal</dt><dd>{_e(hand_in.journal_name)}</dd>", "</dl>"]
    for section in hand_in.sections:
        out.append(f"<section><h2>{_e(section.title)}</h2>")
        if not section.groups:
            out.append("<p>Nothing from this notebook is in the journal yet.</p>")
        for group, items in section.groups.items():
            out.append(f"<h3>{_e(group)}</h3>")
            for item in items:
                out.append(f"<article><h4>{_e(_one_line(item.title))}</h4><dl class=\"answer\">")
                out += [f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in item.lines]
                out.append("</dl>")
                if item.note:
                    out.append(f'<p class="note">{_e(item.note)}</p>')
                if item.saved:
                    out.append(f'<p class="saved">Saved {_e(item.saved)}</p>')
                out.append("</article>")
        if section.missing:
            out.append('<h3>Not answered yet</h3><ul class="missing">')
            out += [f"<li>{_e(_one_line(m))}</li>" for m in section.missing]
            out.append("</ul>")
        out.append("</section>")
    out.append(f"<section><h2>The whole collection</h2><p>{_e(hand_in.summary())}</p>")
    if hand_in.missing:
        out.append('<h3>Not answered yet</h3><ul class="missing">')
        out += [f"<li>{_e(_one_line(m))}</li>" for m in hand_in.missing]
        out.append("</ul>")
    if hand_in.problems:
        out.append("<h3>Could not be read</h3><ul>")
        out += [f"<li>{_e(p)}</li>" for p in hand_in.problems]
        out.append("</ul>")
    out += ["</section>", data_block(hand_in), "</main>", "</body>", "</html>", ""]
    return "\n".join(out)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _m(text) -> str:
    """Text as Markdown that shows exactly these characters (no emphasis, links or raw HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _m_block(text) -> str:
    """A possibly multi-line value inside a list item: hard line breaks, continuation indented."""
    return "  \n  ".join(_m(line) for line in str(text).splitlines() or [""])


def to_markdown(hand_in: HandIn) -> str:
    out = [f"# Claims and evidence on US policy towards the Western Balkans: the journal of {_m(hand_in.name)}", "",
           f"- **Name:** {_m(hand_in.name)}", f"- **Date:** {_m(hand_in.date)}",
           f"- **Collection:** {_m(_version(hand_in))}", f"- **Journal:** {_m(hand_in.journal_name)}", ""]
    for section in hand_in.sections:
        out += [f"## {_m(section.title)}", ""]
        if not section.groups:
            out += ["Nothing from this notebook is in the journal yet.", ""]
        for group, items in section.groups.items():
            out += [f"### {_m(group)}", ""]
            for item in items:
                out += [f"#### {_m(_one_line(item.title))}", ""]
                out += [f"- **{_m(label)}:** {_m_block(value)}" for label, value in item.lines]
                if item.note:
                    out.append(f"- *{_m(item.note)}*")
                if item.saved:
                    out.append(f"- Saved {_m(item.saved)}")
                out.append("")
        if section.missing:
            out += ["### Not answered yet", ""] + [f"- {_m(_one_line(m))}" for m in section.missing] + [""]
    out += ["## The whole collection", "", _m(hand_in.summary()), ""]
    if hand_in.missing:
        out += ["### Not answered yet", ""] + [f"- {_m(_one_line(m))}" for m in hand_in.missing] + [""]
    if hand_in.problems:
        out += ["### Could not be read", ""] + [f"- {_m(p)}" for p in hand_in.problems] + [""]
    out += [data_block(hand_in), ""]
    return "\n".join(out)
