"""The hand-in: one student's journal as a readable HTML file and a Markdown file.

``export(journal_file, name, folder)`` reads the journal (never changes it), gathers the
student's current answers notebook by notebook, and writes ``<name>-journal-<date>.html``
and ``.md``: the name the student typed, the date, the collection's version and commit, then
per notebook the predictions (with each question's prompt), answers to checks (right or
not), codings and sortings, decisions with reasons, reflections, claim ratings with reasons
and a conclusion, and what is still missing. The latest entry of a kind and key is the
answer shown, as everywhere else; entries this export cannot interpret are shown as saved,
never dropped.

Both files carry the same machine-readable copy of the name, date and ratings in an HTML
comment, which ``helpers.overview`` reads back for a class overview (JSON, never eval).
Same journal and date give byte-identical files; each is replaced atomically. A journal
that cannot be read is reported (``HandInError``) and left exactly as it is.

``export_button()`` is the notebook widget; ``python -m helpers.handin`` the teacher's command.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from .cache import write_atomically

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_MARK = "balkans-handin-data"
FORMAT = 1
GROUPS = {  # journal kind -> heading, in the order a notebook section shows them
    "prediction": "Predictions", "answer": "Answers to checks", "coding": "Codings and sortings",
    "decision": "Decisions", "marking": "What happened after the election, as I marked it", "reflection": "Reflections",
    "rating": "Claim ratings", "verdict": "My verdict", "conclusion": "Conclusion",
}
OTHER = "Other saved work"
SINGULAR = {"prediction": "prediction", "answer": "check", "coding": "coding or sorting", "decision": "decision",
            "reflection": "Think! answer", "marking": "marking of what happened"}
RATING_WORDS = {1: "the evidence contradicts the claim", 2: "mostly against", 3: "mixed", 4: "mostly supports",
                5: "the evidence strongly supports the claim"}


class HandInError(Exception):
    """A journal or hand-in that cannot be read; the message says which file, why, and that nothing changed."""


@dataclass
class Item:
    """One saved answer, in words: what was asked, and label/value lines for what the student gave."""

    title: str
    lines: list[tuple[str, str]]
    saved: str = ""
    note: str = ""


@dataclass
class Section:
    notebook: str
    title: str
    groups: dict[str, list[Item]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


@dataclass
class HandIn:
    name: str
    date: str
    version: str
    commit: str
    journal_name: str
    sections: list[Section]
    missing: list[str]  # for the whole collection: claims with no notebook yet, the conclusion
    problems: list[str]  # entries that could not be read, files set aside earlier
    ratings: dict[str, dict]
    claims_total: int = 0  # how many claims the collection asks the student to rate

    def summary(self) -> str:
        """The whole collection in one sentence: how many claims are rated, and whether anything is missing."""
        rated = f"{len(self.ratings)} of {self.claims_total} claims rated"
        if len(self.ratings) >= self.claims_total and not self.missing:
            return f"Every claim is rated ({rated}) and the conclusion is written."
        return f"{rated[0].upper()}{rated[1:]}; what is still missing is listed under each notebook above and here."


# Reading the journal, without changing it -------------------------------------------------


def read_journal(path: Path | str) -> tuple[list[dict], list]:
    """(entries, damaged): the journal's entries, and any that lack kind, key or value. Never writes.

    A missing file is an empty journal. A file that is not a journal raises HandInError.
    """
    path = Path(path)
    if not path.exists():
        return [], []
    try:
        content = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HandInError(f"The journal {path.name} (in {path.parent}) could not be read: it is not valid JSON "
                          f"({error}). Nothing was exported, and the journal was left exactly as it is; a teacher "
                          "can repair it by hand.") from None
    except OSError as error:
        raise HandInError(f"The journal {path} could not be opened ({error.strerror}). Nothing was exported.") from None
    entries = content.get("entries") if isinstance(content, dict) else None
    if not isinstance(entries, list):
        raise HandInError(f"The journal {path.name} (in {path.parent}) could not be read: it has no 'entries' list. "
                          "Nothing was exported, and the journal was left exactly as it is.")
    good = [e for e in entries if isinstance(e, dict) and {"kind", "key", "value"} <= e.keys()
            and isinstance(e["kind"], str) and isinstance(e["key"], str)]
    return good, [e for e in entries if not any(e is g for g in good)]


def latest(entries: list[dict]) -> dict[tuple[str, str], dict]:
    """The current entry of each kind and key (the latest wins), in the order each was first saved."""
    current: dict[tuple[str, str], dict] = {}
    for entry in entries:
        current[(entry["kind"], entry["key"])] = entry
    return current


PROFILE_KIND = "profile"  # the student's name for the hand-in, kept in the journal; never shown as an answer


def remembered_name(journal_file: Path | str) -> str:
    """The name given at the last export, or ''. Reads only: a damaged journal is left as it is."""
    try:
        entries, _damaged = read_journal(journal_file)
    except HandInError:
        return ""
    entry = latest(entries).get((PROFILE_KIND, "name"))
    return entry["value"] if entry and isinstance(entry["value"], str) else ""


# The collection: version, commit, questions, claims, notebook titles ----------------------


@functools.lru_cache(maxsize=1)
def collection_version() -> tuple[str, str]:
    """(version, commit) of the student's copy: pyproject.toml (else the installed package), and its git commit or ''.

    The copy is the one whose data/ the notebooks read (on a hub, the student's clone, even when the
    helpers are installed elsewhere); failing that, the folder this package lives in.
    """
    from . import data

    version, commit = "", ""
    copies = [data.find_data_dir().parent, PACKAGE_DIR.parent]
    copy = next((c for c in copies if (c / "pyproject.toml").exists()), copies[0])
    pyproject = copy / "pyproject.toml"
    if pyproject.exists():  # the copy being run, even if another copy is installed
        found = re.search(r'(?m)^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"))
        version = found.group(1) if found else ""
    if not version:
        try:
            from importlib.metadata import version as installed

            version = installed("balkans-claims")
        except Exception:  # noqa: BLE001 (not installed: say so rather than fail)
            version = "unknown"
    for folder in dict.fromkeys([copy, *copies]):
        try:
            done = subprocess.run(["git", "-C", str(folder), "rev-parse", "--short=12", "HEAD"],
                                  capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):  # no git on this machine
            break
        if done.returncode == 0 and done.stdout.strip():
            commit = done.stdout.strip()
            break
    return version, commit


def _bank():
    from . import questions

    return questions.bank()


def _claims() -> dict[str, tuple[str, str]]:
    """claim_id -> (claim text, notebook), in the table's order."""
    import pandas as pd

    from . import data

    claims = data.load("claims")
    return {str(r.claim_id): (str(r.claim), "" if pd.isna(r.notebook) else str(r.notebook))
            for r in claims.itertuples()}


def notebook_title(notebook: str) -> str:
    """The notebook's first heading ('03 · Serbia and Kosovo: ...'), else its file name."""
    from . import data

    for folder in (data.find_data_dir().parent / "notebooks", PACKAGE_DIR.parent / "notebooks"):
        try:
            cells = json.loads((folder / notebook).read_text(encoding="utf-8"))["cells"]
            text = "".join(next(c for c in cells if c["cell_type"] == "markdown")["source"])
            return text.lstrip("# ").splitlines()[0].strip() or notebook
        except (OSError, ValueError, KeyError, StopIteration, IndexError, TypeError):
            continue
    return notebook


# What each kind of answer says, in words ----------------------------------------------------


def _as_text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _words(kind: str, value, q) -> list[tuple[str, str]]:
    """Label/value lines for one saved answer. Raises (KeyError, TypeError...) when the value is not as expected."""
    from . import analysis, questions, tables

    if kind == "prediction":
        guess = value["guess"]
        if q is not None and q.items:
            guess = analysis.administration_labels().get(str(guess), str(guess))
        return [("My prediction", _as_text(guess))]
    if kind == "answer":
        option = q.option(str(value["answer"])) if q is not None and q.options else None
        given = option.text if option else _as_text(value["answer"])
        return [("My answer", given), ("Checked", "right" if value["correct"] is True else "not right")]
    if kind == "reflection":
        return [("My answer", _as_text(value["text"]))]
    if kind == "decision":
        option = q.option(str(value["answer"])) if q is not None else None
        return [("My decision", option.text if option else _as_text(value["answer"])),
                ("My reason", _as_text(value["text"]))]
    if kind == "rating":
        stars = value["stars"]
        if stars not in RATING_WORDS or isinstance(stars, bool):
            raise ValueError(stars)
        return [("My rating", f"{stars}/5: {RATING_WORDS[stars]}"), ("My reason", _as_text(value["reason"]))]
    if kind == "coding" and q is not None and q.options:  # a sorting into the question's options
        lines, agree = [], 0
        for item in questions.our_sorting(q).itertuples():
            mine = q.option(str(value[item.item_id]))
            agree += mine is not None and mine.key == item.code
            ours = q.option(item.code)
            lines.append((item.when, f"{item.label}: {item.text}\nMine: {mine.text if mine else value[item.item_id]}"
                          f"\nOurs: {ours.text if ours else item.code}"))
        return lines + [("Same as ours", f"{agree} of {len(lines)}")]
    if kind == "coding" and q is not None:  # substance and tone of US actions
        lines, agree = [], 0
        for event in analysis.events_by_id(list(q.items)).itertuples():
            mine = value[event.event_id]
            agree += (mine["substance"], mine["tone"]) == (event.substance, event.tone)
            words = tables.SUBSTANCE_WORDS
            lines.append((event.when, f"{event.summary_short}\nMine: {words.get(mine['substance'], mine['substance'])}"
                          f", tone {mine['tone']}\nOurs: {words.get(event.substance, event.substance)}, tone {event.tone}"))
        return lines + [("Same as ours (substance and tone)", f"{agree} of {len(lines)}")]
    if kind == "marking":  # what happened after the election (notebook 09), beside our coding
        from . import verdict

        lines, agree = [], 0
        rows = verdict.differences(value)
        if len(rows) != len(value):
            raise ValueError("marks this export cannot read")
        for row in rows.itertuples():
            agree += row.same_substance and row.same_tone
            lines.append((row.when, f"{row.summary_short}\nMine: substance {row.my_substance}, tone {row.my_tone}, "
                          f"{verdict.IMPORTANCE[row.my_importance]}\nOurs: substance {row.substance}, tone {row.tone}"))
        return lines + [("Same as ours (substance and tone)", f"{agree} of {len(lines)}")]
    if kind == "verdict":
        from . import verdict

        labels = verdict.short_labels()
        counted = ""
        if "items_marked" in value:
            counted = f" (from {value['items_marked']} items I marked"
            counted += f" and {value['items_with_our_coding']} with the authors' coding)" \
                if value.get("items_with_our_coding") else ")"
        lines = [("My overall score", f"{verdict.signed(value['overall'])}: {verdict.words(value['overall'])}{counted}"),
                 ("How much tone counted", verdict.TONE_SHARES[value["tone_share"]]),
                 ("The outgoing administration's items", "counted" if value.get("outgoing") else "not counted")]
        lines += [(f"{sp} {labels.get(sp, '')}", f"score {verdict.signed(value['scores'].get(sp))}, weight: "
                   f"{verdict.WEIGHTS[weight]}") for sp, weight in value["weights"].items()]
        return lines
    if kind == "conclusion":
        text = value if isinstance(value, str) else value["text"]
        lines = [("My conclusion", _as_text(text))]
        if isinstance(value, dict) and value.get("verdict"):
            lines.append(("My verdict when I wrote it", _as_text(value["verdict"])))
        return lines
    raise KeyError(kind)


def _item(entry: dict, q, claims) -> Item:
    kind, key, value = entry["kind"], entry["key"], entry["value"]
    if kind == "rating":
        title = f"Claim {key}: {claims[key][0]}" if key in claims else f"Claim {key}"
    elif q is not None:
        title = q.prompt
    else:
        title = {"conclusion": "Conclusion", "verdict": "My verdict on the prediction (claim T)"}.get(kind, key)
    saved = str(entry.get("time", ""))[:10]
    try:
        return Item(title, _words(kind, value, q), saved)
    except Exception:  # noqa: BLE001 (a hand-edited or future value: shown as saved, never dropped)
        return Item(title, [("Saved as", _as_text(value))], saved,
                    note=f"This {kind} is not in a form this export recognises; it is shown exactly as saved.")


# Gathering the hand-in ---------------------------------------------------------------------


def gather(journal_file: Path | str, name: str, on: str | None = None) -> HandIn:
    """Everything the hand-in shows, from the journal (read only) and the question bank."""
    from .exercises import JOURNAL_KIND

    name = " ".join(str(name or "").split())
    if not name:
        raise HandInError("Type your name first: the hand-in carries the name you give, never a guessed one.")
    journal_file = Path(journal_file)
    entries, damaged = read_journal(journal_file)
    current = {k: e for k, e in latest(entries).items() if k[0] != PROFILE_KIND}  # the name is not an answer
    bank, claims = _bank(), _claims()

    def home(kind: str, key: str, entry: dict) -> str:  # the notebook a saved answer belongs to
        if kind in ("prediction", "answer", "reflection", "coding", "decision", "marking") and key in bank:
            return bank[key].notebook
        if kind == "rating" and key in claims and claims[key][1]:
            return entry.get("notebook") or claims[key][1]
        return str(entry.get("notebook") or "")

    notebooks = {q.notebook for q in bank.values()} | {nb for _text, nb in claims.values() if nb}
    notebooks |= {home(k, key, e) for (k, key), e in current.items()}
    sections = {nb: Section(nb, notebook_title(nb) if nb else "Not tied to a notebook")
                for nb in sorted(notebooks, key=lambda nb: (nb == "", nb))}
    order = {q: i for i, q in enumerate(bank)} | {c: i for i, c in enumerate(claims)}
    for (kind, key), entry in sorted(current.items(), key=lambda pair: (order.get(pair[0][1], len(order)), pair[0][1])):
        group = GROUPS.get(kind, OTHER)
        q = bank.get(key) if kind in GROUPS and kind not in ("rating", "verdict", "conclusion") else None
        sections[home(kind, key, entry)].groups.setdefault(group, []).append(_item(entry, q, claims))
    for section in sections.values():
        groups = section.groups
        section.groups = {g: groups[g] for g in [*GROUPS.values(), OTHER] if g in groups}
        for q in bank.values():
            if q.notebook == section.notebook and (JOURNAL_KIND[q.kind], q.question_id) not in current:
                optional = " (optional)" if q.kind == "reflection" else ""
                section.missing.append(f"{SINGULAR[JOURNAL_KIND[q.kind]]}{optional}: {q.prompt}")
        section.missing += [f"rating of claim {c}: {text}" for c, (text, nb) in claims.items()
                            if nb == section.notebook and nb and ("rating", c) not in current]
    missing = [f"rating of claim {c}: {text}" for c, (text, nb) in claims.items() if not nb and ("rating", c) not in current]
    if not any(kind == "conclusion" for kind, _key in current):
        missing.append("a written conclusion (no conclusion is in the journal yet)")
    problems = []
    if damaged:
        problems.append(f"{len(damaged)} entr{'y' if len(damaged) == 1 else 'ies'} of the journal could not be read "
                        "(no kind, key or value); shown as saved: " + "; ".join(_as_text(d) for d in damaged))
    for other in sorted(journal_file.parent.glob(f"{journal_file.stem}.set-aside{journal_file.suffix}")) + \
            sorted(journal_file.parent.glob(f"{journal_file.stem}.unreadable-*{journal_file.suffix}")):
        problems.append(f"{other.name}, next to the journal, holds answers that were set aside earlier because they "
                        "could not be read; they are not in this hand-in.")
    ratings = {key: {"stars": e["value"]["stars"], "reason": _as_text(e["value"].get("reason", ""))}
               for (kind, key), e in current.items() if kind == "rating" and isinstance(e["value"], dict)
               and e["value"].get("stars") in RATING_WORDS and not isinstance(e["value"]["stars"], bool)}
    version, commit = collection_version()
    return HandIn(name, on or Date.today().isoformat(), version, commit, journal_file.name,
                  [s for s in sections.values() if s.groups or s.missing], missing, problems, ratings, len(claims))


# Writing it out ----------------------------------------------------------------------------


def safe_file_stem(name: str) -> str:
    """A name as a file name: letters (any alphabet), digits, '-' and '_'; no slashes, dots or quotes."""
    text = unicodedata.normalize("NFC", name)
    stem = re.sub(r"[^\w-]+", "-", text).strip("-_")
    stem = re.sub(r"-{2,}", "-", stem)[:60].strip("-_")
    if stem.upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}:
        stem += "_"
    return stem or "student"


def data_block(hand_in: HandIn) -> str:
    """The machine-readable copy, as an HTML comment (valid in HTML and Markdown, invisible in both)."""
    payload = json.dumps({"format": FORMAT, "name": hand_in.name, "date": hand_in.date, "version": hand_in.version,
                          "commit": hand_in.commit, "ratings": hand_in.ratings}, ensure_ascii=True, sort_keys=True)
    # "<", ">", "&" and "--" can only occur inside JSON strings here, where \uXXXX means the same character: the
    # comment cannot end early, and no tag (not even an inert "<script>") appears in the file.
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("--", "-\\u002d")):
        payload = payload.replace(char, escaped)
    return f"<!-- {DATA_MARK}\n{payload}\n-->"


write_atomic = write_atomically  # the overview writes its page the same way


def _check_folder(folder: Path, journal_file: Path) -> None:
    from . import data

    folder = folder.resolve()
    for protected in {data.find_data_dir().resolve(), (PACKAGE_DIR.parent / "data").resolve()}:
        if folder == protected or protected in folder.parents:
            raise HandInError(f"A hand-in is never written into the collection's data folder ({protected}); "
                              "choose another folder.")
    if folder == journal_file.resolve().parent and journal_file.suffix in (".html", ".md"):
        raise HandInError("The journal itself ends in .html or .md; choose another folder for the hand-in.")


def export(journal_file: Path | str, name: str, folder: Path | str, on: str | None = None) -> tuple[Path, Path]:
    """Write <name>-journal-<date>.html and .md into folder; returns both paths. The journal is only read."""
    from .handin_render import to_html, to_markdown

    hand_in = gather(journal_file, name, on)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _check_folder(folder, Path(journal_file))
    stem = f"{safe_file_stem(hand_in.name)}-journal-{hand_in.date}"
    html_path, md_path = folder / f"{stem}.html", folder / f"{stem}.md"
    write_atomic(html_path, to_html(hand_in))
    write_atomic(md_path, to_markdown(hand_in))
    return html_path, md_path


# The button in a notebook ------------------------------------------------------------------


def download_link(path: Path, mime: str) -> str:
    """An <a download> with the file inside it as a data: URL: no server, no extension."""
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f'<a download="{html.escape(path.name)}" href="data:{mime};charset=utf-8;base64,{encoded}">'
            f"Download {html.escape(path.name)}</a>")


def export_button(journal_file: Path | str | None = None, folder: Path | str | None = None):
    """A name box, an 'Export my journal' button and a status line (with download links once exported).

    The files go to a ``hand-in`` folder beside the notebook (the folder the kernel runs in),
    where the student sees them in JupyterLab's file list.
    """
    import ipywidgets as w

    from .exercises import STYLE, status_html
    from .guard import reported
    from .journal import Journal, journal_path

    def journal_now() -> Path:
        return Path(journal_file) if journal_file else journal_path()

    class ExportButton(w.VBox):
        def __init__(self):
            # The name given at the last export comes back after a restart: typed once, not every session.
            self.name = w.Text(value=remembered_name(journal_now()), description="Your name:",
                               placeholder="as your teacher should see it", style=STYLE)
            self.button = w.Button(description="Export my journal", button_style="primary",
                                   tooltip="Write your journal as an HTML and a Markdown file to hand in")
            self.status = w.HTML()
            self.button.on_click(lambda _b: self.export())
            super().__init__([self.name, self.button, self.status])

        @reported
        def export(self):
            journal = journal_now()
            target = Path(folder) if folder else Path.cwd() / "hand-in"
            try:
                html_path, md_path = export(journal, self.name.value, target)
            except HandInError as error:
                self.status.value = status_html(str(error), False)
                return None
            name = " ".join(self.name.value.split())
            if remembered_name(journal) != name:
                Journal(journal).record(PROFILE_KIND, "name", name)
            self.status.value = status_html(
                f"Saved {html_path.name} and {md_path.name} in {target.resolve()} (the folder “{target.name}” in the "
                "file list). Exporting again replaces them with your latest answers.", True) + \
                f"<p>{download_link(html_path, 'text/html')} · {download_link(md_path, 'text/markdown')}</p>"
            return html_path, md_path

    return ExportButton()


# The teacher's command ---------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m helpers.handin", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("export", help="export one journal as HTML and Markdown")
    one.add_argument("journal", type=Path)
    one.add_argument("--name", required=True, help="the student's name, as it should appear")
    one.add_argument("--out", type=Path, default=Path("."), help="folder for the two files (default: here)")
    one.add_argument("--date", help="the date to print, YYYY-MM-DD (default: today)")
    many = commands.add_parser("overview", help="one page of a class's ratings from a folder of hand-ins")
    many.add_argument("folder", type=Path)
    many.add_argument("--out", type=Path, default=Path("overview.html"))
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            if not args.journal.is_file():
                raise HandInError(f"There is no journal file at {args.journal}.")
            if args.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
                raise HandInError(f"--date must be YYYY-MM-DD, not {args.date!r}.")
            for path in export(args.journal, args.name, args.out, args.date):
                print(f"wrote {path}")
        else:
            from .overview import write_overview

            unreadable = write_overview(args.folder, args.out)
            print(f"wrote {args.out}")
            for file_name, reason in unreadable:
                print(f"could not read {file_name}: {reason}", file=sys.stderr)
    except HandInError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
