"""The essay's argument as a map (issue 14): the thesis, the claims that hold it up, what each notebook found.

Drawn in code as one SVG, readable on a projector, with a text outline for screen readers and
print. Once the student has rated a claim, its box takes the rating's colour and says the
rating in words, so colour is never the only carrier. Claims, their short labels and their
notebooks come from ``data/claims.csv``; the evidence counts from ``data/evidence_points.csv``.
"""

from __future__ import annotations

import html
import textwrap

from . import data
from .charts import OKABE_ITO
from .exercises import RATING_LABELS
from .journal import Journal

GROUPS = (  # the four strands of the argument, left to right
    ("How US policy is made", ("C1", "C5")),
    ("The record since the 1990s", ("C2", "C3", "C4", "C6")),
    ("Europe, Russia and China", ("C7", "C8", "C9", "C12")),
    ("Security and history", ("C10", "C11")),
)
LEADS_TO = (("C8", "C9"), ("C8", "C12"))  # within a strand: one claim builds on another
RATING_WORDS = {1: "contradicts", 2: "mostly against", 3: "mixed", 4: "mostly supports", 5: "strongly supports"}
RATING_COLOURS = {1: OKABE_ITO["vermillion"], 2: OKABE_ITO["orange"], 3: "#999999", 4: OKABE_ITO["sky_blue"],
                  5: OKABE_ITO["blue"]}
WIDTH, COLUMN_W, BOX_W, BOX_H, ROW_H, TOP = 1000, 250, 232, 104, 118, 190


def ratings(journal: Journal | None = None) -> dict[str, int]:
    """The student's latest rating of each claim (1-5), from the journal; claims not rated are left out."""
    journal = journal or Journal(warn=False)
    found = {}
    for claim_id in data.load("claims")["claim_id"].astype(str):
        value = journal.latest("rating", claim_id)
        if isinstance(value, dict) and value.get("stars") in RATING_LABELS:
            found[claim_id] = int(value["stars"])
    return found


def _claims() -> dict[str, dict]:
    return {str(r["claim_id"]): r for r in data.load("claims").to_dict("records")}


def _evidence(notebook) -> tuple[int, int]:
    points = data.load("evidence_points")
    mine = points[points["notebook"] == notebook]
    return int((mine["side"] == "for").sum()), int((mine["side"] == "against").sum())


def _notebook_words(notebook) -> str:
    return f"notebook {str(notebook)[:2]}" if isinstance(notebook, str) and notebook else "the events since the election"


def _rating_words(claim_id: str, rated: dict[str, int]) -> str:
    return f"your rating: {rated[claim_id]}/5, {RATING_WORDS[rated[claim_id]]}" if claim_id in rated else "not rated yet"


def _box(x: float, y: float, claim: dict, rated: dict[str, int], width: float = BOX_W) -> str:
    claim_id = str(claim["claim_id"])
    stars = rated.get(claim_id)
    colour = RATING_COLOURS.get(stars, "#555555")
    fill, dash = (colour, "") if stars else ("white", "5 4")
    for_, against = _evidence(claim["notebook"])
    lines = textwrap.wrap(f"{claim_id} · {claim['short_label']}", 25 if width == BOX_W else 50)[:2]
    parts = [f'<g><rect x="{x}" y="{y}" width="{width}" height="{BOX_H}" rx="8" fill="{fill}" fill-opacity="0.18" '
             f'stroke="{colour}" stroke-width="3" stroke-dasharray="{dash}"/>']
    for number, line in enumerate(lines):
        parts.append(f'<text x="{x + 10}" y="{y + 24 + 19 * number}" font-size="16" font-weight="bold">'
                     f"{html.escape(line)}</text>")
    evidence = f"{_notebook_words(claim['notebook'])}: {for_} for, {against} against" if for_ or against \
        else f"tested by {_notebook_words(claim['notebook'])}"
    parts.append(f'<text x="{x + 10}" y="{y + 70}" font-size="14">{html.escape(evidence)}</text>')
    rating = _rating_words(claim_id, rated)
    parts.append(f'<text x="{x + 10}" y="{y + 91}" font-size="14" font-style="{"normal" if stars else "italic"}">'
                 f"{html.escape(rating)}</text></g>")
    return "".join(parts)


def map_sentence(rated: dict[str, int]) -> str:
    """The map in words: what holds up the thesis, and how many claims the student has rated."""
    claims = _claims()
    strands = "; ".join(f"{label}: " + ", ".join(f"{c} ({claims[c]['short_label']})" for c in ids)
                        for label, ids in GROUPS)
    return (f"The thesis T ({claims['T']['short_label']}) rests on four strands of claims. {strands}. "
            f"Claim C8 leads to C9 and C12. You have rated {len(rated)} of {len(claims)} claims.")


def map_svg(rated: dict[str, int] | None = None) -> str:
    """The argument map as an SVG figure, titled and described for screen readers."""
    rated = ratings() if rated is None else rated
    claims = _claims()
    rows = max(len(ids) for _label, ids in GROUPS)
    height = TOP + rows * ROW_H + 10
    title = "The essay's argument: the thesis and the claims that hold it up"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="argmap-title argmap-desc" '
             f'viewBox="0 0 {WIDTH} {height}" style="max-width:{WIDTH}px;width:100%;font-family:sans-serif">',
             f'<title id="argmap-title">{html.escape(title)}</title>'
             f'<desc id="argmap-desc">{html.escape(map_sentence(rated))}</desc>',
             '<defs><marker id="argmap-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
             f'<text x="0" y="22" font-size="20" font-weight="bold">{html.escape(title)}</text>']
    thesis_x = (WIDTH - 2 * BOX_W) / 2
    parts.append(_box(thesis_x, 36, claims["T"], rated, width=2 * BOX_W))
    for column, (label, ids) in enumerate(GROUPS):
        x = column * COLUMN_W
        parts.append(f'<line x1="{x + BOX_W / 2}" y1="{TOP - 22}" x2="{thesis_x + BOX_W * (0.5 + column / 2)}" '
                     f'y2="{36 + BOX_H}" stroke="#333" stroke-width="1.5" marker-end="url(#argmap-arrow)"/>')
        parts.append(f'<text x="{x}" y="{TOP - 6}" font-size="15" font-style="italic">{html.escape(label)}</text>')
        for row, claim_id in enumerate(ids):
            parts.append(_box(x, TOP + row * ROW_H, claims[claim_id], rated))
    for source, target in LEADS_TO:  # dashed, down the right edge of the strand, in the gap before the next
        column = next(i for i, (_l, ids) in enumerate(GROUPS) if source in ids)
        ids = GROUPS[column][1]
        x = column * COLUMN_W + BOX_W
        y1, y2 = (TOP + ids.index(c) * ROW_H + BOX_H / 2 for c in (source, target))
        parts.append(f'<path d="M{x},{y1} C{x + 14},{y1} {x + 14},{y2} {x + 2},{y2}" fill="none" stroke="#333" '
                     f'stroke-width="1.5" stroke-dasharray="4 3" marker-end="url(#argmap-arrow)"/>')
    parts.append("</svg>")
    return "".join(parts)


def map_outline(rated: dict[str, int] | None = None) -> str:
    """The same map as a nested list, each claim linked to its notebook (text version, print)."""
    rated = ratings() if rated is None else rated
    claims = _claims()

    def item(claim_id: str) -> str:
        claim = claims[claim_id]
        notebook = claim["notebook"] if isinstance(claim["notebook"], str) else ""
        for_, against = _evidence(notebook)
        link = f'<a href="{html.escape(notebook)}">{html.escape(_notebook_words(notebook))}</a>' if notebook \
            else html.escape(_notebook_words(notebook))
        found = f"; evidence: {for_} points for, {against} against" if for_ or against else ""
        return (f"<li><b>{claim_id}</b>: {html.escape(str(claim['short_label']))} ({link}{found}; "
                f"{html.escape(_rating_words(claim_id, rated))})</li>")

    strands = "".join(f"<li>{html.escape(label)}<ul>{''.join(item(c) for c in ids)}</ul></li>" for label, ids in GROUPS)
    return (f"<ul>{item('T')[:-5]}<ul>{strands}</ul></li></ul>"
            "<p><small>Claim C8 leads to C9 and C12.</small></p>")


def argument_map(journal: Journal | None = None) -> str:
    """The map with its text version folded below it, coloured by the student's ratings so far."""
    rated = ratings(journal)
    key = " ".join(f'<span style="display:inline-block;width:0.9em;height:0.9em;background:{RATING_COLOURS[n]};'
                   f'vertical-align:middle"></span> {n}: {html.escape(words)}' for n, words in RATING_WORDS.items())
    return (f"{map_svg(rated)}<p><small>Colours follow your ratings: {key}; a dashed outline: not rated yet. "
            "Solid arrows: the strands hold up the thesis; a dashed arrow: one claim leads to another. Each box names "
            "the notebook that tests the claim.</small></p>"
            f"<details><summary>The map as text, with a link to each notebook</summary>{map_outline(rated)}</details>")
