"""Damage the real tables in 40 ways a teacher's editor or a spreadsheet could: one clear message each.

Every mutation is applied to a private copy of data/ and must either give one DataError that
names the file (and, where there is one, the line and column) and says what was expected, or
load correctly where the change is harmless (a spreadsheet's BOM, Windows line endings).
`python -m tests.test_data_mutations` prints what each mutation gives, for a closing note.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import data
from helpers.data import DataError
from tests.conftest import DATA, read_rows, write_rows


def cell(table, line, column, value):
    def mutate(d: Path):
        rows = read_rows(d / f"{table}.csv")
        rows[line - 1][rows[0].index(column)] = value
        write_rows(d / f"{table}.csv", rows)
    return mutate


def rows_of(table, change):
    def mutate(d: Path):
        path = d / f"{table}.csv"
        write_rows(path, change(read_rows(path)))
    return mutate


def raw(table, change):
    def mutate(d: Path):
        path = d / f"{table}.csv"
        path.write_bytes(change(path.read_bytes()))
    return mutate


def drop_column(rows, name):
    index = rows[0].index(name)
    return [r[:index] + r[index + 1:] for r in rows]


def swap_columns(rows, a, b):
    i, j = rows[0].index(a), rows[0].index(b)
    out = []
    for r in rows:
        r = list(r)
        r[i], r[j] = r[j], r[i]
        out.append(r)
    return out


# (name, table the message must name, mutation, expected: a regex the message must match, or "loads")
MUTATIONS = [
    ("text in a whole-number column", "troop_presence", cell("troop_presence", 2, "total_troops", "many"), r"line 2, column 'total_troops': expected a whole number"),
    ("a negative count", "troop_presence", cell("troop_presence", 2, "total_troops", "-5"), r"line 2, column 'total_troops': expected a whole number, no less than 0"),
    ("text in a number column", "public_opinion", cell("public_opinion", 2, "percent", "fifty"), r"line 2, column 'percent': expected a number"),
    ("a date written day/month/year", "policy_events", cell("policy_events", 3, "date", "18/02/2008"), r"line 3, column 'date': expected a real date written YYYY-MM-DD"),
    ("an impossible date", "policy_events", cell("policy_events", 3, "date", "2019-02-30"), r"line 3, column 'date': expected a real date"),
    ("a date with a time", "policy_events", cell("policy_events", 3, "date", "2008-02-18T10:00"), r"line 3, column 'date': expected a real date"),
    ("an event dated in the future", "policy_events", cell("policy_events", 3, "date", "2030-01-01"), r"line 3, column 'date': .*no later than 2026-12-04"),
    ("a recognition before the declaration", "kosovo_recognitions", cell("kosovo_recognitions", 2, "recognised_on", "2007-01-01"), r"line 2, column 'recognised_on': .*no earlier than 2008-02-17"),
    ("an unknown country code", "kosovo_recognitions", cell("kosovo_recognitions", 2, "country_code", "ZZZ"), r"line 2, column 'country_code': the value is not a known country_code in data/countries.csv"),
    ("an unknown source", "policy_events", cell("policy_events", 2, "source_id", "no-such-source"), r"line 2, column 'source_id': the value is not a known source_id in data/sources.csv"),
    ("a view of an unknown event", "context_views", cell("context_views", 2, "context_id", "CE999"), r"line 2, column 'context_id': the value is not a known context_id"),
    ("a value outside the list", "policy_events", cell("policy_events", 2, "substance", "maybe"), r"line 2, column 'substance': expected one of continues, departs, unclear, starts"),
    ("a list value in capitals", "policy_events", cell("policy_events", 2, "substance", "Continues"), r"line 2, column 'substance': expected one of"),
    ("a list value with a space", "policy_events", cell("policy_events", 2, "tone", " same"), r"line 2, column 'tone': expected one of"),
    ("yes for true", "countries", cell("countries", 2, "un_member", "yes"), r"line 2, column 'un_member': expected true or false"),
    ("an empty required cell", "policy_events", cell("policy_events", 2, "substance_rationale", ""), r"line 2, column 'substance_rationale': .*may not be empty"),
    ("an id breaking its pattern", "policy_events", cell("policy_events", 2, "event_id", "PE1"), r"line 2, column 'event_id': expected text matching the pattern"),
    ("a label too long", "policy_events", cell("policy_events", 2, "short_label", "x" * 40), r"line 2, column 'short_label': expected some text, at most this many characters: 32"),
    ("a question kind not in the list", "questions", cell("questions", 2, "kind", "essay"), r"line 2, column 'kind': expected one of prediction"),
    ("a duplicated row", "policy_events", rows_of("policy_events", lambda r: r + [r[1]]), r"line \d+, column 'event_id': the value is already used by another row"),
    ("a duplicated question id", "questions", rows_of("questions", lambda r: r + [r[2]]), r"column 'question_id': the value is already used"),
    ("a missing column", "policy_events", rows_of("policy_events", lambda r: drop_column(r, "tone")), r"line 1 \(the header\): column 'tone' is missing or misnamed"),
    ("an extra column", "glossary", rows_of("glossary", lambda r: [r[0] + ["comment"]] + [x + [""] for x in r[1:]]), r"line 1 \(the header\): column 'comment' is not expected"),
    ("a renamed column", "glossary", rows_of("glossary", lambda r: [["term id" if h == "term_id" else h for h in r[0]]] + r[1:]), r"line 1 \(the header\): column 'term_id' is missing or misnamed"),
    ("two columns swapped", "glossary", rows_of("glossary", lambda r: swap_columns(r, "term", "also_called")), r"line 1 \(the header\): the columns are in the wrong order"),
    ("a duplicated header", "glossary", rows_of("glossary", lambda r: [r[0][:-1] + [r[0][0]]] + r[1:]), r"line 1 \(the header\)"),
    ("an unquoted comma", "glossary", raw("glossary", lambda b: b.replace(b"\nrecognition,", b"\nrecognition,extra,", 1)), r"line \d+: the row has more cells .*a comma inside a text cell needs the whole cell in double quotes"),
    ("a quote left open", "context_views", raw("context_views", lambda b: b.replace(b'",', b',', 1)), r"data/context_views.csv, line \d+"),
    ("a row cut short", "claims", raw("claims", lambda b: b.replace(b",course-essay\n", b"\n", 1)), r"line 2, column .*fewer cells than the header"),
    ("semicolons instead of commas", "claims", raw("claims", lambda b: b.replace(b",", b";")), r"line 1 \(the header\): the cells are separated by semicolons"),
    ("saved as Latin-1", "kosovo_recognitions", raw("kosovo_recognitions", lambda b: b.decode("utf-8").encode("latin-1", "replace")), r"data/kosovo_recognitions.csv, line \d+: the file is not saved as UTF-8 text"),
    ("an empty file", "claims", raw("claims", lambda b: b""), r"data/claims.csv is empty. Restore the original"),
    ("a header and no rows", "claims", raw("claims", lambda b: b.split(b"\n", 1)[0] + b"\n"), r"data/claims.csv has a header but no rows"),
    ("a NUL byte in a cell", "glossary", raw("glossary", lambda b: b.replace(b"Resolution", b"Reso\x00lution", 1)), r"data/glossary.csv, line \d+: the file contains an invisible NUL character"),
    ("a deleted file", "glossary", lambda d: (d / "glossary.csv").unlink(), r"data/glossary.csv is missing. Restore the original with `git checkout -- data/glossary.csv`"),
    ("the schema file broken", "datapackage", lambda d: (d / "datapackage.json").write_text('{"resources": ['), r"^data/datapackage.json, line 1: not valid JSON"),
    ("the schema file deleted", "datapackage", lambda d: (d / "datapackage.json").unlink(), r"The schema file data/datapackage.json is missing"),
    ("a spreadsheet's byte-order mark", "glossary", raw("glossary", lambda b: b"\xef\xbb\xbf" + b), "loads"),
    ("Windows line endings", "glossary", raw("glossary", lambda b: b.replace(b"\n", b"\r\n")), "loads"),
    ("blank lines at the end", "glossary", raw("glossary", lambda b: b + b"\n\n"), "loads"),
]


def outcome(mutate, table, data_dir: Path) -> str:
    data.clear_cache()
    mutate(data_dir)
    try:
        frame = data.load(table if table != "datapackage" else "claims", data_dir)
    except DataError as error:
        return str(error)
    finally:
        data.clear_cache()
    return f"loads ({len(frame)} rows)"


def test_there_are_at_least_thirty_kinds_of_damage():
    assert len(MUTATIONS) >= 30 and len({m[0] for m in MUTATIONS}) == len(MUTATIONS)


@pytest.mark.parametrize("name, table, mutate, expected", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_damage_gives_one_clear_message_or_loads(data_copy, name, table, mutate, expected):
    result = outcome(mutate, table, data_copy)
    if expected == "loads":
        assert result == f"loads ({len(data.load(table))} rows)", result
    else:
        assert result.startswith(("data/", "The schema file")), result
        assert __import__("re").search(expected, result), result
        assert "Traceback" not in result and "\n" not in result


def main() -> None:
    import shutil
    import tempfile

    print("| Damage | Table | What the student or teacher sees |\n| --- | --- | --- |")
    for name, table, mutate, _expected in MUTATIONS:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "data"
            shutil.copytree(DATA, copy)
            print(f"| {name} | {table} | {outcome(mutate, table, copy)[:160]} |")


if __name__ == "__main__":
    main()
