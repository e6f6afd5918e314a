"""A class overview from a folder of hand-ins: every student's rating of every claim, on one page.

``write_overview(folder, out)`` reads the machine-readable copy that ``helpers.handin``
puts in each export (an HTML comment holding JSON; read with ``json.loads``, never eval or
pickle), and writes one HTML page: a table of ratings per claim per student, and per claim
the class's spread (how many gave 1, 2, 3, 4, 5) as an inline SVG bar chart with a title
and a text description, in the Okabe-Ito palette, with the reasons the students gave. A
file that cannot be read is listed with its name and the reason, never skipped silently.
The page loads nothing from the network and has no scripts.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from .charts import OKABE_ITO
from .handin import DATA_MARK, FORMAT, RATING_WORDS, HandInError, write_atomic

BLOCK = re.compile(r"<!-- " + DATA_MARK + r"\n(.*?)\n-->", re.DOTALL)
CLAIM_ID = re.compile(r"[A-Za-z0-9_.-]{1,20}")
READ = (".html", ".htm", ".md")
GENERATOR = '<meta name="generator" content="balkans-claims class overview">'
# One colour per rating, from contradicts (vermillion) to strongly supports (blue); each bar is also labelled.
COLOURS = {1: OKABE_ITO["vermillion"], 2: OKABE_ITO["orange"], 3: OKABE_ITO["yellow"], 4: OKABE_ITO["sky_blue"],
           5: OKABE_ITO["blue"]}


@dataclass
class Student:
    file: str
    name: str
    date: str
    ratings: dict[str, dict]  # claim_id -> {"stars": 1-5, "reason": str}


def read_handin(path: Path) -> Student:
    """One exported hand-in, from its machine-readable copy. Raises HandInError with the reason."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise HandInError("not UTF-8 text, so not an export of the journal") from None
    except OSError as error:
        raise HandInError(f"could not be opened ({error.strerror})") from None
    blocks = BLOCK.findall(text)
    if len(blocks) != 1:
        raise HandInError("no machine-readable copy of the ratings in it: not a hand-in exported from the "
                          "collection, or cut short" if not blocks else "more than one machine-readable copy in it")
    try:
        content = json.loads(blocks[0])
    except json.JSONDecodeError as error:
        raise HandInError(f"its machine-readable copy is damaged ({error})") from None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise HandInError(f"its machine-readable copy is not format {FORMAT} (made by another version?)")
    name, ratings = content.get("name"), content.get("ratings")
    if not isinstance(name, str) or not name.strip():
        raise HandInError("it has no student name")
    if not isinstance(ratings, dict):
        raise HandInError("its ratings are not a list of claims")
    for claim, rating in ratings.items():
        if not CLAIM_ID.fullmatch(claim):
            raise HandInError(f"{claim[:30]!r} is not a claim id")
        stars = rating.get("stars") if isinstance(rating, dict) else None
        if isinstance(stars, bool) or stars not in RATING_WORDS or not isinstance(rating.get("reason", ""), str):
            raise HandInError(f"its rating of claim {claim} is not a whole number from 1 to 5 with a reason")
    return Student(path.name, " ".join(name.split()), str(content.get("date", "")), ratings)


def read_folder(folder: Path, skip: Path | None = None) -> tuple[list[Student], list[tuple[str, str]]]:
    """(students, unreadable): every hand-in in folder and below, and (file, reason) for every file not read.

    An export's .md is read only when its .html is missing (both carry the same copy).
    """
    students, unreadable = [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or (skip and path.resolve() == skip.resolve()):
            continue  # hidden files (checkpoints, temporary files) and the overview itself
        if path.suffix.lower() not in READ:
            unreadable.append((str(relative), "not a hand-in: only the .html and .md files an export writes are read"
                               + (" (a journal: export it first with python -m helpers.handin export)"
                                  if path.suffix.lower() == ".json" else "")))
            continue
        if path.suffix.lower() == ".md" and any(path.with_suffix(s).exists() for s in (".html", ".htm")):
            continue
        try:
            if GENERATOR in path.read_text(encoding="utf-8", errors="replace")[:2000]:
                continue  # an earlier overview
            students.append(read_handin(path))
            students[-1].file = str(relative)
        except HandInError as error:
            unreadable.append((str(relative), str(error)))
    return students, unreadable


def _claims() -> dict[str, str]:
    from . import data

    return {str(r.claim_id): str(r.claim) for r in data.load("claims").itertuples()}


def spread(students: list[Student], claim: str) -> dict[int, int]:
    counts = {n: 0 for n in RATING_WORDS}
    for student in students:
        if claim in student.ratings:
            counts[student.ratings[claim]["stars"]] += 1
    return counts


def describe(claim: str, counts: dict[int, int], of: int) -> str:
    rated = sum(counts.values())
    parts = ", ".join(f"{counts[n]} gave {n}" for n in RATING_WORDS)
    return (f"Claim {claim}: {rated} of {of} student{'s' if of != 1 else ''} rated it; {parts} "
            f"(1: the evidence contradicts the claim, 5: it strongly supports it).")


def bar_chart(claim: str, counts: dict[int, int], of: int) -> str:
    """An inline SVG bar chart of how many students gave each rating, with a title and a description."""
    width, height, left, bottom, top = 360, 190, 40, 40, 24
    plot_height, slot = height - bottom - top, (width - left - 10) / 5
    most = max(max(counts.values()), 1)
    ident = f"claim-{claim}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-labelledby="{ident}-title {ident}-desc">',
           f'<title id="{ident}-title">How the class rated claim {html.escape(claim)}</title>',
           f'<desc id="{ident}-desc">{html.escape(describe(claim, counts, of))}</desc>',
           f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#000"/>']
    for n, count in counts.items():
        bar = plot_height * count / most
        x, y = left + slot * (n - 1) + slot * 0.15, height - bottom - bar
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar:.1f}" fill="{COLOURS[n]}" '
                   'stroke="#000" stroke-width="0.8"/>')
        out.append(f'<text x="{x + slot * 0.35:.1f}" y="{y - 5:.1f}" text-anchor="middle" font-size="13">{count}</text>')
        out.append(f'<text x="{x + slot * 0.35:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                   f'font-size="13">{n}</text>')
    out.append(f'<text x="{left + (width - left) / 2:.0f}" y="{height - 6}" text-anchor="middle" font-size="12">'
               "rating (1: contradicts, 5: strongly supports)</text>")
    out.append(f'<text x="12" y="{top + plot_height / 2:.0f}" text-anchor="middle" font-size="12" '
               f'transform="rotate(-90 12 {top + plot_height / 2:.0f})">students</text>')
    out.append("</svg>")
    return "\n".join(out)


CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.4; color: #1a1a1a;
       margin: 2rem; }
table { border-collapse: collapse; margin: 1rem 0; } caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: center; } th[scope=row], td.file { text-align: left; }
td.none { color: #666; font-size: .8rem; } .claim { break-inside: avoid; page-break-inside: avoid; margin-bottom: 1.5rem; }
.problems li { color: #8f3a00; }
@page { size: landscape; margin: 1.5cm; }
@media print { body { margin: 0; font-size: 10pt; } details { display: block; } .problems li { color: #000; } }
"""


def overview_html(students: list[Student], unreadable: list[tuple[str, str]], folder_name: str, on: str) -> str:
    e = html.escape
    known = _claims()
    extra = sorted({c for s in students for c in s.ratings if c not in known})
    claims = list(known) + extra
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', GENERATOR,
           f"<title>Class overview of claim ratings, {e(on)}</title>", f"<style>{CSS}</style>", "</head>",
           "<body>", "<main>", "<h1>Class overview: how each student rated each claim</h1>",
           f"<p>{len(students)} hand-in{'s' if len(students) != 1 else ''} read from the folder {e(folder_name)} on "
           f"{e(on)}; {len(unreadable)} file{'s' if len(unreadable) != 1 else ''} could not be read (listed below). "
           "Ratings run from 1 (the evidence contradicts the claim) to 5 (it strongly supports it).</p>",
           "<h2>Ratings per student</h2>", '<div role="region" aria-label="Ratings per student" tabindex="0">',
           "<table><caption>Each student's rating of each claim (1 to 5)</caption><thead><tr>"
           '<th scope="col">Student</th><th scope="col">Date</th>'
           + "".join(f'<th scope="col"><abbr title="{e(known.get(c, c))}">{e(c)}</abbr></th>' for c in claims)
           + '<th scope="col">File</th></tr></thead><tbody>']
    for s in sorted(students, key=lambda s: (s.name.casefold(), s.date, s.file)):
        cells = "".join(f"<td>{s.ratings[c]['stars']}</td>" if c in s.ratings else '<td class="none">not rated</td>'
                        for c in claims)
        out.append(f'<tr><th scope="row">{e(s.name)}</th><td>{e(s.date)}</td>{cells}<td class="file">{e(s.file)}</td></tr>')
    out.append("</tbody></table></div>")
    names = [s.name.casefold() for s in students]
    twice = sorted({s.name for s in students if names.count(s.name.casefold()) > 1})
    if twice:
        out.append(f"<p>More than one hand-in carries the name {', '.join(e(n) for n in twice)}: each file is a row "
                   "and each is counted in the charts; keep the latest if they are the same student.</p>")
    out.append("<h2>The class's spread, claim by claim</h2>")
    for claim in claims:
        counts = spread(students, claim)
        text = known.get(claim, "(not a claim of this copy of the collection)")
        out.append(f'<section class="claim"><h3>Claim {e(claim)}</h3><p>{e(text)}</p>')
        if sum(counts.values()):
            out.append(bar_chart(claim, counts, len(students)))
            out.append(f"<p>{e(describe(claim, counts, len(students)))}</p>")
            reasons = [(s.name, s.ratings[claim]) for s in sorted(students, key=lambda s: s.name.casefold())
                       if claim in s.ratings]
            out.append("<details><summary>The reasons students gave</summary><ul>"
                       + "".join(f"<li><b>{e(name)}</b> ({r['stars']}): {e(r.get('reason', ''))}</li>"
                                 for name, r in reasons) + "</ul></details>")
        else:
            out.append("<p>No student has rated this claim yet.</p>")
        out.append("</section>")
    out.append("<h2>Files that could not be read</h2>")
    if unreadable:
        out.append('<ul class="problems">' + "".join(f"<li><b>{e(name)}</b>: {e(reason)}</li>"
                                                     for name, reason in unreadable) + "</ul>")
    else:
        out.append("<p>Every file in the folder was read.</p>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def write_overview(folder: Path | str, out: Path | str, on: str | None = None) -> list[tuple[str, str]]:
    """Write the overview of folder's hand-ins to out (atomically); returns the files that could not be read."""
    from . import data

    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise HandInError(f"{folder} is not a folder of hand-ins.")
    target = out.resolve().parent
    protected = data.find_data_dir().resolve()
    if target == protected or protected in target.parents:
        raise HandInError(f"The overview is never written into the collection's data folder ({protected}).")
    students, unreadable = read_folder(folder, skip=out)
    target.mkdir(parents=True, exist_ok=True)
    write_atomic(out, overview_html(students, unreadable, folder.name or str(folder), on or Date.today().isoformat()))
    return unreadable
