"""Diagrams drawn in code, each with a text version (claim C4: what the Dayton agreement built).

Every box names a glossary term, and every fact in a box comes from that term's definition
(``data/glossary.csv``, each row with its source), so the diagram and the glossary cannot
drift apart: tests/test_bosnia.py checks each box against its term.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from . import data
from .charts import OKABE_ITO


@dataclass(frozen=True)
class Box:
    term_id: str  # the glossary term the box stands for
    title: str
    lines: tuple[str, ...]  # short facts, each from the term's definition
    column: int  # 0, 1 or 2: where it is drawn
    row: int
    group: str  # "state", "entity", "international"


DAYTON = (
    Box("presidency-bih", "Presidency", ("three members: a Bosniak and a Croat", "elected in the Federation, a Serb",
                                          "elected in Republika Srpska"), 0, 0, "state"),
    Box("house-of-peoples", "House of Peoples", ("15 delegates: five Bosniaks,", "five Croats, five Serbs"), 1, 0, "state"),
    Box("constituent-peoples", "Constituent peoples", ("Bosniaks, Croats and Serbs,", "alongside 'Others' and citizens"),
        2, 0, "state"),
    Box("federation-bih", "The Federation", ("Federation of Bosnia and Herzegovina:", "an entity, not a state;",
                                              "ten cantons; about 51% of the territory"), 0, 1, "entity"),
    Box("brcko-district", "Brčko District", ("under the state's sovereignty,", "run by neither entity (1999)"), 1, 1, "entity"),
    Box("republika-srpska", "Republika Srpska", ("an entity, not a state;", "about 49% of the territory"),
        2, 1, "entity"),
    Box("high-representative", "High Representative", ("oversees the civilian side; chosen by", "the Peace Implementation Council;",
                                                         "the 2021 choice disputed"), 0, 2, "international"),
    Box("bonn-powers", "Bonn powers (1997)", ("used to impose laws and remove", "officials; their basis in the",
                                               "agreement is disputed"), 1, 2, "international"),
    Box("eufor-althea", "EUFOR Althea", ("EU force that took over", "from NATO on 2 December 2004"), 2, 2, "international"),
)
GROUPS = {  # colour and line style both differ, so the diagram reads in grey
    "state": ("The state: institutions and peoples shared by the whole country", OKABE_ITO["blue"], ""),
    "entity": ("The two entities and Brčko District", OKABE_ITO["green"], "6 3"),
    "international": ("International roles: set by the agreement and later decisions", OKABE_ITO["orange"], "2 3"),
}
WIDTH, BOX_W, BOX_H, GAP_X, TOP, ROW_H = 780, 240, 92, 20, 70, 150


def glossary_terms() -> dict[str, dict]:
    table = data.load("glossary")
    return {row["term_id"]: row for row in table.to_dict("records")}


def dayton_svg() -> str:
    """The structure as an SVG figure, titled and described for screen readers."""
    title = "What the Dayton agreement built"
    desc = dayton_sentence()
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="dayton-title dayton-desc" '
             f'viewBox="0 0 {WIDTH} {TOP + 3 * ROW_H}" style="max-width:{WIDTH}px;width:100%;font-family:sans-serif">',
             f'<title id="dayton-title">{html.escape(title)}</title><desc id="dayton-desc">{html.escape(desc)}</desc>',
             f'<text x="0" y="22" font-size="18" font-weight="bold">{html.escape(title)}</text>',
             '<text x="0" y="44" font-size="13">Bosnia and Herzegovina: one state, two entities and a district, '
             'with international roles (glossary terms in bold)</text>']
    for group, (label, colour, dash) in GROUPS.items():
        row = next(b.row for b in DAYTON if b.group == group)
        y = TOP + row * ROW_H
        parts.append(f'<text x="0" y="{y + 14}" font-size="13" font-style="italic">{html.escape(label)}</text>')
        for box in (b for b in DAYTON if b.group == group):
            x = box.column * (BOX_W + GAP_X)
            parts.append(f'<rect x="{x}" y="{y + 22}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="white" '
                         f'stroke="{colour}" stroke-width="3" stroke-dasharray="{dash}"/>')
            parts.append(f'<text x="{x + 10}" y="{y + 44}" font-size="14" font-weight="bold">{html.escape(box.title)}</text>')
            for number, line in enumerate(box.lines):
                parts.append(f'<text x="{x + 10}" y="{y + 64 + 17 * number}" font-size="12.5">{html.escape(line)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def dayton_sentence() -> str:
    """The diagram in one paragraph, for the chart's description."""
    return " ".join(f"{GROUPS[g][0]}: " + "; ".join(f"{b.title} ({' '.join(b.lines)})" for b in DAYTON if b.group == g)
                    + "." for g in GROUPS)


def dayton_outline() -> str:
    """The same structure as a nested list, each item linked to its glossary term (text version, print)."""
    terms = glossary_terms()
    groups = []
    for group, (label, _colour, _dash) in GROUPS.items():
        items = "".join(f'<li><a href="glossary.ipynb#{b.term_id}"><b>{html.escape(b.title)}</b></a>: '
                        f"{html.escape(' '.join(b.lines))}. <small>({html.escape(terms[b.term_id]['term'])} in the "
                        f"glossary, with its source)</small></li>" for b in DAYTON if b.group == group)
        groups.append(f"<li>{html.escape(label)}<ul>{items}</ul></li>")
    return f"<ul>{''.join(groups)}</ul>"


def dayton() -> str:
    """The diagram with its text version folded below it."""
    return (f"{dayton_svg()}<details><summary>The diagram as text</summary>{dayton_outline()}</details>")
