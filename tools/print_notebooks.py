"""Build the print and projection version of every notebook: HTML and PDF in build/print/.

Each notebook is run top to bottom in a fresh kernel in print mode (``BALKANS_PRINT=1``:
``helpers.printing`` shows every widget as static HTML) with its own empty temporary
journal, then written as HTML with its code hidden and a print stylesheet, then printed
to PDF by Chromium. The page count of each PDF goes into docs/teacher/print.md.

    .venv/bin/python tools/print_notebooks.py                 # everything (make print)
    .venv/bin/python tools/print_notebooks.py --only 00_start_here --no-pdf

Nothing is written into data/: the build checks that data/ is unchanged when it ends.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
OUT = REPO / "build" / "print"
PAGES_DOC = REPO / "docs" / "teacher" / "print.md"
CHROMIUM = "/usr/bin/chromium"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SOURCES = re.compile(r"<details>(<summary>\d+ sources of these tables)")
# helpers.tables.html_table: a table in its scrolling box
SCROLL_BOX = re.compile(r'<div(?=[^>]*\brole="region")(?=[^>]*max-height:480px)(?=[^>]*\baria-label="([^"]*)")[^>]*>'
                        r"(.*?</table>)\s*</div>", re.S)  # any order of attributes: nbconvert may reorder them
LONG_TABLE_ROWS = 12  # longer than this, a table on paper would push the rest of the lesson pages away
LESSON_ONLY = "@media print { .appendix, .sources { display: none !important; } }"

CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff; line-height: 1.45;
       max-width: 62em; margin: 0 auto; padding: 1em 1.5em; }
@media screen { body { font-size: 20px; } }   /* projection: readable from the back of a classroom */
@media print { body { font-size: 10.5pt; max-width: none; padding: 0; }
               /* a table's scrolling box would cut it at 480px on paper: print every row */
               [role="region"] { max-height: none !important; overflow: visible !important; }
               [role="region"] table { font-size: 0.85em; }
               /* a long table prints in the appendix, after the lesson, named where it stands */
               .screen-only { display: none; }
               .appendix { break-before: page; } }
@media screen { .print-only { display: none; } }
@page { size: A4; margin: 15mm 14mm 16mm 14mm; }
header.print-note { font-size: 0.85em; color: #333; border-bottom: 1px solid #999; margin-bottom: 1em; }
h1, h2, h3, h4 { break-after: avoid; line-height: 1.2; }
img, svg { max-width: 100%; height: auto; }
figure, .chart, tr, .choices, .write-in, .control, blockquote { break-inside: avoid; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
th, td { border: 1px solid #999; padding: 2px 6px; vertical-align: top; text-align: left; }
blockquote { border-left: 4px solid #777; margin: 0.6em 0; padding: 0.1em 0.9em; }
.exercise { border: 1.5px solid #555; border-radius: 4px; padding: 0.2em 0.9em 0.6em; margin: 0.8em 0; }
.answer-line { border-bottom: 1px solid #555; height: 1.9em; }
.row { display: flex; flex-wrap: wrap; gap: 0.4em 2em; }
.gated { margin: 0.5em 0; }
.marker-item { border-top: 1px dashed #888; margin-top: 0.5em; }
details > summary { font-weight: bold; }
.sources { font-size: 0.85em; }
a { color: #0b4f9c; }
.jp-OutputArea-output pre, pre { white-space: pre-wrap; }
"""


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def data_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO / "data").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def execute(path: Path, timeout: int = 300):
    """Run one notebook in print mode with a fresh temporary journal; the executed notebook."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="balkans-print-") as tmp:
        # The kernel's own environment: the calling process (a test run, say) keeps its own untouched.
        env = {**os.environ, "BALKANS_PRINT": "1", "BALKANS_JOURNAL": str(Path(tmp) / "journal.json"),
               "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
        NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute(env=env)
    return nb


def printable(nb) -> None:
    """Keep what a reader should see: no errors on stderr, no widget views, no widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                continue
            if "data" in output:
                output["data"].pop(WIDGET_MIME, None)
                if not output["data"]:
                    continue
            kept.append(output)
        cell.outputs = kept


def long_tables_to_appendix(body: str) -> str:
    """On paper each long table moves to an appendix after the lesson and is named where it stood, so a
    teacher can print the lesson alone; on screen (projection) it stays in place in its scrolling box."""
    moved = []

    def move(match: re.Match) -> str:
        rows = match.group(2).count("<tr>") - 1  # less the header row
        if rows <= LONG_TABLE_ROWS:
            return match.group(0)
        moved.append(match.group(0))
        return (f'<div class="screen-only">{match.group(0)}</div>'
                f'<p class="print-only appendix-ref"><b>Table A{len(moved)}</b>, “{match.group(1)}” ({rows} rows), '
                "is printed in full in the appendix after the lesson.</p>")

    body = SCROLL_BOX.sub(move, body)
    if not moved:
        return body
    tables = "".join(f"<h3>Table A{n}</h3>{table}" for n, table in enumerate(moved, 1))
    return f'{body}<section class="print-only appendix"><h2>Appendix: the long tables</h2>{tables}</section>'


def title_of(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return fallback


def to_html(nb, name: str) -> str:
    """The executed notebook as one self-contained page: text and outputs, no code."""
    from nbconvert import HTMLExporter

    printable(nb)
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, exclude_anchor_links=True)
    body, _ = exporter.from_notebook_node(nb)
    body = re.sub(r'href="([^"#:]+)\.ipynb', r'href="\1.html', body)  # links between notebooks
    body = SOURCES.sub(r'<details open class="sources">\1', body)  # a sources list shown without a gate: open, as on paper
    body = long_tables_to_appendix(body)
    title = html.escape(title_of(nb, name))
    note = (f'<header class="print-note">Print version of <code>notebooks/{html.escape(name)}.ipynb</code>. '
            "Charts and explorers are shown as they first appear; questions are left for you to answer; "
            "parts that open after an answer in the notebook are named where they would appear.</header>")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{CSS}</style></head><body>{note}<main>{body}</main></body></html>\n")


def build_html(path: Path, out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{path.stem}.html"
    target.write_text(to_html(execute(path), path.stem), encoding="utf-8")
    return target


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def build_pdfs(pages: list[Path]) -> dict[str, tuple[int, int]]:
    """Each HTML page printed to PDF by Chromium; the pages of the lesson alone (no appendix, no sources)
    and of the whole PDF."""
    from playwright.sync_api import sync_playwright

    counts = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        for path in pages:
            page.goto(path.as_uri(), wait_until="load")
            pdf = page.pdf(path=str(path.with_suffix(".pdf")), format="A4", print_background=True,
                           prefer_css_page_size=True, display_header_footer=True,
                           header_template="<span></span>",
                           footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                                           '<span class="title"></span> · page <span class="pageNumber"></span> of '
                                           '<span class="totalPages"></span></div>')
            page.add_style_tag(content=LESSON_ONLY)
            lesson = page_count(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
            counts[path.stem] = (lesson, page_count(pdf))
        browser.close()
    return counts


def write_pages_doc(counts: dict[str, tuple[int, int]], target: Path = PAGES_DOC) -> None:
    rows = "\n".join(f"| `{name}.ipynb` | [HTML](../../build/print/{name}.html) | [PDF](../../build/print/{name}.pdf) "
                     f"| {lesson} | {whole} |" for name, (lesson, whole) in counts.items())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "# Print and projection versions\n\n"
        "<!-- Generated by tools/print_notebooks.py (make print): do not edit by hand. -->\n\n"
        "`make print` runs every notebook with an empty journal and writes, into `build/print/`, an HTML page "
        "(for a projector: large type, no code) and an A4 PDF (to print) of each. Charts and explorers are shown "
        "as they first appear; every question is printed with its options and lines to write on, never with its "
        "answer or feedback; a part the notebook opens only after an answer is named where it would appear, so "
        "students still answer first; the sources of each notebook are listed once, at its end. On paper a table "
        f"of more than {LONG_TABLE_ROWS} rows moves to an appendix after the lesson and is named where it stands "
        "(on a projector it stays in place), so the first pages of each PDF are the lesson: print those for a "
        "class, and the rest (the sources and the long tables) once, for reference.\n\n"
        "| Notebook | Projection | Print | A4 pages of the lesson | A4 pages with sources and long tables |\n"
        "| --- | --- | --- | --- | --- |\n"
        f"{rows}\n\n"
        f"Total: {sum(lesson for lesson, _ in counts.values())} pages of lessons, "
        f"{sum(whole for _, whole in counts.values())} in all.\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="notebook names (stems) to build; default: all")
    parser.add_argument("--no-pdf", action="store_true", help="HTML only")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    started = time.monotonic()
    before = data_fingerprint()
    chosen = [p for p in notebooks() if not args.only or p.stem in args.only]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        pages = list(pool.map(build_html, chosen, [args.out] * len(chosen)))
    for page in pages:
        print(f"HTML {page.relative_to(REPO) if page.is_relative_to(REPO) else page}")
    if data_fingerprint() != before:
        print("data/ changed while the notebooks ran: the print build must never write there.", file=sys.stderr)
        return 1
    if not args.no_pdf and not Path(CHROMIUM).exists():
        print(f"Chromium is not at {CHROMIUM}: the HTML pages are built, the PDFs are not "
              "(an administrator can run: apt-get install chromium).")
        args.no_pdf = True
    if args.no_pdf:
        print(f"Built {len(pages)} HTML pages in {time.monotonic() - started:.0f} s.")
        return 0
    counts = build_pdfs(pages)
    seconds = time.monotonic() - started
    for name, (lesson, whole) in counts.items():
        print(f"PDF  {name}.pdf: {whole} pages, the lesson {lesson}")
    if not args.only:
        write_pages_doc(counts)
        print(f"Page counts written to {PAGES_DOC.relative_to(REPO)}")
    print(f"Built {len(pages)} notebooks in {seconds:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
