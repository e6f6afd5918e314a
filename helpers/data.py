"""Load the collection's datasets: validated against data/datapackage.json, typed, cached.

A notebook calls ``load("policy_events")`` and gets a pandas DataFrame whose dates are
dates and whose coded columns are categories. Before any row is read, the file is checked
against the one schema file, ``data/datapackage.json`` (a Frictionless Data Package); a
file that breaks it raises one ``DataError`` that names the file, the line, the column
and what was expected.

A file that passed once is not validated again while its content, its schema, the files
it refers to and the validator stay the same (fingerprints in helpers/cache.py's folder):
frictionless costs ~1.5 s per kernel start. A changed file is always checked again.

This module only reads: nothing here writes into ``data/``.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import html
import json
import os
import re
import sys
from pathlib import Path

import pandas as pd

from . import cache

DESCRIPTOR = "datapackage.json"
PACKAGE_NAME = "us-policy-western-balkans"  # the "name" in data/datapackage.json
_NAMED = re.compile(r'"name"\s*:\s*"' + re.escape(PACKAGE_NAME) + '"')


def _is_collection_data(folder: Path) -> bool:
    """Is this a data/ folder of this collection (even one whose schema file a student broke)?"""
    try:
        with (folder / DESCRIPTOR).open(encoding="utf-8", errors="replace") as stream:
            return bool(_NAMED.search(stream.read(4096)))  # the name comes first; the rest may be broken
    except OSError:
        return False


def find_data_dir(start: Path | str | None = None) -> Path:
    """The data/ folder to read: the student's own copy of the collection, wherever it was put.

    In order: ``BALKANS_DATA_DIR`` if set; else the first ``data/`` holding this collection's
    ``datapackage.json`` in the folder a kernel runs in (a notebook's folder) or any folder
    above it, so a copy pulled into a student's home on JupyterHub reads its own tables, not
    the copy the environment was installed from; else the ``data/`` next to this package.
    """
    override = os.environ.get("BALKANS_DATA_DIR")
    if override:
        return Path(override)
    try:
        here = Path(start or Path.cwd()).resolve()
    except OSError:  # the working folder was deleted
        here = None
    for folder in ((here, *here.parents) if here else ()):
        if _is_collection_data(folder / "data"):
            return folder / "data"
    return Path(__file__).resolve().parent.parent / "data"


DATA_DIR = find_data_dir()  # once per kernel, from the folder the notebook runs in


def _validator_version() -> str:
    from importlib.metadata import version

    return f"frictionless {version('frictionless')}; rules 1"  # bump 'rules' when validate() checks more


VALIDATOR_VERSION = _validator_version()


class DataError(Exception):
    """A dataset could not be loaded; the message says where and how to fix it."""


def _import_frictionless():
    # jsonschema builds ~40 grammars for IRI checks at import when the optional
    # rfc3987_syntax package is present (~3 s). Our descriptor has no IRI formats, so we
    # hide that package for this one import and put everything back afterwards.
    hide = "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules
    if hide:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import frictionless
        import jsonschema  # noqa: F401  (frictionless imports it lazily; import it here, hidden)
    finally:
        if hide:
            sys.modules.pop("rfc3987_syntax", None)
    return frictionless


def _restore_hint(filename: str) -> str:
    return (
        f"Restore the original with `git checkout -- data/{filename}` in the collection's "
        "folder, or copy it again from the downloaded collection."
    )


_signatures: dict[Path, tuple] = {}


def _fresh(data_dir: Path) -> Path:
    """Forget cached tables when a file in data/ changed since they were read (size or time).

    A teacher who fixes a row and reruns a cell sees the fix at once; checking costs one
    stat() per file, far less than the reload it saves.
    """
    data_dir = Path(data_dir)
    files = sorted(data_dir.glob("*.csv")) + [data_dir / DESCRIPTOR]
    signature = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())
    if _signatures.get(data_dir, signature) != signature:
        clear_cache()
    _signatures[data_dir] = signature
    return data_dir


@functools.lru_cache(maxsize=None)
def _descriptor(data_dir: Path) -> dict:
    path = data_dir / DESCRIPTOR
    if not data_dir.is_dir():  # e.g. a command run outside the collection, with the helpers installed elsewhere
        raise DataError(f"The collection's data/ folder was not found (looked for {data_dir}). Run this from the "
                        "collection's folder (the one holding data/ and notebooks/), or set BALKANS_DATA_DIR to "
                        "its data/ folder.")
    if not path.exists():
        raise DataError(f"The schema file data/{DESCRIPTOR} is missing. {_restore_hint(DESCRIPTOR)}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataError(
            f"data/{DESCRIPTOR}, line {err.lineno}: not valid JSON ({err.msg}). {_restore_hint(DESCRIPTOR)}"
        ) from None


@functools.lru_cache(maxsize=None)
def _package(data_dir: Path):
    frictionless = _import_frictionless()
    return frictionless.Package(_descriptor(data_dir), basepath=str(data_dir))


def dataset_names(data_dir: Path | None = None) -> list[str]:
    """Names of every dataset described in the schema file, in its order."""
    return [r["name"] for r in _descriptor(_fresh(data_dir or DATA_DIR))["resources"]]


def dataset_info(name: str, data_dir: Path | None = None) -> dict:
    """The schema file's entry for one dataset: title, description, unit, notes, fields."""
    return _resource(name, _fresh(data_dir or DATA_DIR))


def _resource(name: str, data_dir: Path) -> dict:
    # Inside one load the files were just checked for changes: no stat() per lookup.
    for resource in _descriptor(Path(data_dir))["resources"]:
        if resource["name"] == name:
            return resource
    known = ", ".join(r["name"] for r in _descriptor(Path(data_dir))["resources"])
    raise DataError(f"There is no dataset called {name!r}. Known datasets: {known}.")


def _expected(field: dict, note: str = "") -> str:
    """Plain words for what a column accepts (note: Frictionless's note on the broken rule)."""
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    limits = {"minimum": "no less than", "maximum": "no more than", "maxLength": "at most this many characters:"}
    for rule, words in limits.items():
        if f'"{rule}"' in note and rule in constraints:
            if kind == "date" and rule != "maxLength":
                words = {"minimum": "no earlier than", "maximum": "no later than"}[rule]
            return f"{_expected(field)}, {words} {constraints[rule]}"
    if '"required"' in note:
        return f"{_expected(field)} (this column may not be empty)"
    if "enum" in constraints:
        return "one of " + ", ".join(constraints["enum"])
    if kind == "date":
        return "a real date written YYYY-MM-DD (for example 2008-02-18)"
    if kind == "boolean":
        return "true or false"
    if kind in ("integer", "number"):
        return "a number" if kind == "number" else "a whole number"
    if "pattern" in constraints:
        return f"text matching the pattern {constraints['pattern']}"
    return "some text"


def _explain_header(where: str, expected: list[str], header: list[str]) -> str:
    missing = [name for name in expected if name not in header]
    unexpected = [name for name in header if name not in expected]
    order = "Expected these columns in this order: " + ", ".join(expected) + "."
    if len(header) == 1 and ";" in header[0]:
        return (f"{where}, line 1 (the header): the cells are separated by semicolons, as some spreadsheet programs "
                f"save them; save the file again as CSV with commas (CSV UTF-8). {order}")
    if missing:
        return f"{where}, line 1 (the header): column {missing[0]!r} is missing or misnamed. {order}"
    if unexpected:
        return f"{where}, line 1 (the header): column {unexpected[0]!r} is not expected. {order}"
    return f"{where}, line 1 (the header): the columns are in the wrong order or repeated. {order}"


def _precheck(resource: dict, path: Path) -> list[str]:
    """What Frictionless reports badly or not at all: encoding, NUL bytes, the header, no rows.

    Returns the file's lines, for the caller to tell blank lines from real rows."""
    where, filename = f"data/{resource['path']}", resource["path"]
    raw = path.read_bytes()
    if not raw.strip():
        raise DataError(f"{where} is empty. {_restore_hint(filename)}")
    try:
        text = raw.decode("utf-8-sig")  # a spreadsheet's byte-order mark is harmless
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(f"{where}, line {line}: the file is not saved as UTF-8 text (byte {raw[err.start]:#04x}); "
                        "save it again as 'CSV UTF-8' in the spreadsheet program. "
                        f"{_restore_hint(filename)}") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DataError(f"{where}, line {line}: the file contains an invisible NUL character (often from a "
                        f"copy and paste); delete it. {_restore_hint(filename)}")
    lines = text.splitlines()
    expected = [field["name"] for field in resource["schema"]["fields"]]
    header = next(csv.reader(lines[:1]), [])
    if header != expected:
        raise DataError(_explain_header(where, expected, header) + " " + _restore_hint(filename))
    if not any(line.strip() for line in lines[1:]):
        raise DataError(f"{where} has a header but no rows. {_restore_hint(filename)}")
    return lines


def _explain(error, resource: dict, data_dir: Path) -> str:
    """Turn the first Frictionless error into one sentence a teacher can act on."""
    filename = resource["path"]
    where = f"data/{filename}"
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    kind = error.type
    field_name = getattr(error, "field_name", None)
    row = getattr(error, "row_number", None)
    cell = getattr(error, "cell", None)
    if kind in ("missing-label", "incorrect-label", "extra-label", "duplicate-label", "blank-label"):
        with (data_dir / filename).open(encoding="utf-8-sig", newline="") as stream:
            header = next(csv.reader(stream), [])
        return _explain_header(where, list(fields), header) + " " + _restore_hint(filename)
    if kind == "foreign-key":
        key = next(
            (fk for fk in resource["schema"].get("foreignKeys", []) if f'"{fk["fields"][0]}"' in error.note),
            None,
        )
        column = key["fields"][0] if key else "?"
        table = key["reference"]["resource"] if key else "another table"
        return (
            f"{where}, line {row}, column {column!r}: the value is not a known "
            f"{key['reference']['fields'][0] if key else 'key'} in data/{table}.csv "
            f"({error.note}). Expected an id listed in data/{table}.csv."
        )
    if kind in ("primary-key", "unique-error"):
        keys = resource["schema"].get("primaryKey", [])
        column = field_name or ", ".join(keys)
        return (
            f"{where}, line {row}, column {column!r}: the value is already used by another row "
            f"({error.note}). Expected each row to have its own {column}."
        )
    if kind in ("type-error", "constraint-error"):
        field = fields.get(field_name, {})
        found = "an empty cell" if cell in (None, "") else repr(cell)
        return f"{where}, line {row}, column {field_name!r}: expected {_expected(field, error.note)}, found {found}."
    if kind in ("extra-cell", "missing-cell"):
        detail = "more cells than the header has columns" if kind == "extra-cell" else "fewer cells than the header"
        return (
            f"{where}, line {row}{f', column {field_name!r}' if field_name else ''}: the row has {detail}; a comma "
            "inside a text cell needs the whole cell in double quotes."
        )
    location = f", line {row}" if row else ""
    column = f", column {field_name!r}" if field_name else ""
    return f"{where}{location}{column}: {error.message}"


@functools.lru_cache(maxsize=None)
def validate(name: str, data_dir: Path | None = None) -> None:
    """Check one dataset against the schema file; raise DataError on the first problem."""
    data_dir = Path(data_dir or DATA_DIR)
    resource = _resource(name, data_dir)
    path = data_dir / resource["path"]
    if not path.exists():
        raise DataError(f"data/{resource['path']} is missing. {_restore_hint(resource['path'])}")
    for reference in {fk["reference"]["resource"] for fk in resource["schema"].get("foreignKeys", [])}:
        if reference != name:
            validate(reference, data_dir)
    lines = _precheck(resource, path)
    fingerprint = _fingerprint(name, data_dir)
    if cache.has_passed(fingerprint):
        return  # this exact file, with this schema and these referenced files, passed before
    report = _package(data_dir).get_resource(name).validate()
    # Blank lines (a spreadsheet's trailing empty rows) are harmless: pandas skips them too.
    blank = {number for number, line in enumerate(lines, start=1) if not line.strip(",; \t")}
    errors = [e for e in (report.tasks[0].errors if report.tasks else report.errors)
              if getattr(e, "row_number", None) not in blank]
    if errors:
        first = errors[0]
        # A stray comma shifts every later cell; report that cause, not its symptoms.
        structural = [e for e in errors if e.type in ("extra-cell", "missing-cell")
                      and getattr(e, "row_number", None) == getattr(first, "row_number", None)]
        message = _explain(structural[0] if structural else first, resource, data_dir)
        if len(errors) > 1:
            message += f" ({len(errors) - 1} more problem(s) in this file after this one.)"
        raise DataError(message)
    cache.remember_passed(fingerprint)


@functools.lru_cache(maxsize=None)
def _fingerprint(name: str, data_dir: Path) -> str:
    """What a validation result depends on: the file, its schema, the files it refers to, the validator."""
    resource = _resource(name, data_dir)
    digest = hashlib.sha256()
    digest.update(f"{VALIDATOR_VERSION}\n{json.dumps(resource, sort_keys=True)}\n".encode())
    digest.update((data_dir / resource["path"]).read_bytes())
    for reference in sorted({fk["reference"]["resource"] for fk in resource["schema"].get("foreignKeys", [])}):
        if reference != name:
            digest.update(_fingerprint(reference, data_dir).encode())
    return digest.hexdigest()


def _typed(frame: pd.DataFrame, resource: dict) -> pd.DataFrame:
    columns = {}  # built apart and joined once: assigning column by column costs ~5x more
    for field in resource["schema"]["fields"]:
        column, kind = field["name"], field.get("type", "string")
        enum = field.get("constraints", {}).get("enum")
        values = frame[column]
        if kind == "date":
            columns[column] = pd.to_datetime(values, format="%Y-%m-%d")
        elif kind == "boolean":
            columns[column] = values.map({"true": True, "false": False}).astype(bool)
        elif kind == "integer":
            columns[column] = pd.to_numeric(values).astype("Int64")
        elif kind == "number":
            columns[column] = pd.to_numeric(values)
        elif enum:
            columns[column] = pd.Series(pd.Categorical(values, categories=enum), index=frame.index)
        else:
            columns[column] = values.astype("string")
    return pd.DataFrame(columns, index=frame.index)


@functools.lru_cache(maxsize=None)
def _load_cached(name: str, data_dir: Path) -> pd.DataFrame:
    validate(name, data_dir)
    resource = _resource(name, data_dir)
    frame = pd.read_csv(
        data_dir / resource["path"], dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"
    )
    return _derive(name, _typed(frame, resource), data_dir)


def load(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """One dataset as a typed DataFrame (validated once, then cached).

    You get your own copy: changing it never changes the cache or the file.
    """
    frame = _load_cached(name, _fresh(data_dir or DATA_DIR))
    return frame.copy(deep=True)


def clear_cache() -> None:
    """Forget every loaded dataset, e.g. after a teacher fixed a file."""
    for cached in (_descriptor, _package, validate, _fingerprint, _load_cached, world_map, _sources_by_id):
        cached.cache_clear()


# Derived columns --------------------------------------------------------------------


def administration_on(dates: pd.Series, data_dir: Path | None = None) -> pd.Series:
    """The administration in office on each date (inauguration day goes to the new one)."""
    terms = _load_cached("administrations", Path(data_dir or DATA_DIR)).sort_values("term_start")
    labels = terms["administration_id"].astype(str).tolist()
    bins = terms["term_start"].tolist() + [terms["term_end"].max()]
    result = pd.cut(pd.to_datetime(dates), bins=bins, labels=labels, right=False, ordered=True)
    return pd.Series(result, index=dates.index, name="administration")


# Tables whose rows get the administration in office on their date: table -> (date column, id column).
_DATED_ACTIONS = {"policy_events": ("date", "event_id"), "sanctions": ("date", "action_id"),
                  "russia_measures": ("date", "measure_id"),
                  "roll_call_votes": ("date", "vote_id")}


def _derive(name: str, frame: pd.DataFrame, data_dir: Path) -> pd.DataFrame:
    if name in _DATED_ACTIONS:
        date_column, id_column = _DATED_ACTIONS[name]
        frame["administration"] = administration_on(frame[date_column], data_dir)
        missing = frame[frame["administration"].isna()]
        if not missing.empty:
            first = missing.iloc[0]
            raise DataError(
                f"data/{name}.csv, row {first[id_column]}, column {date_column!r}: "
                f"{first[date_column]:%Y-%m-%d} falls outside every term in data/administrations.csv."
            )
    if "claim_ids" in frame.columns:
        frame["claim_list"] = frame["claim_ids"].str.split(";")
    return frame


# Sources ----------------------------------------------------------------------------


def tagged(frame: pd.DataFrame, claim_id: str | tuple[str, ...]) -> pd.Series:
    """A boolean mask: the rows whose claim_ids include claim_id (or any of several; an empty frame gives an
    empty mask)."""
    wanted = {claim_id} if isinstance(claim_id, str) else set(claim_id)
    return pd.Series([bool(wanted & set(ids)) for ids in frame["claim_list"]], index=frame.index, dtype=bool)


def _rows_for_claim(frame: pd.DataFrame, claim_id: str | tuple[str, ...] | None, data_dir: Path | None = None) -> pd.DataFrame:
    if claim_id is None:
        return frame
    if "claim_list" not in frame.columns and "context_id" in frame.columns:  # a view follows its event's tags
        events = _rows_for_claim(_load_cached("context_events", Path(data_dir or DATA_DIR)), claim_id)
        return frame[frame["context_id"].isin(events["context_id"])]
    if "claim_list" not in frame.columns:
        return frame
    return frame[tagged(frame, claim_id)]


def sources_for(names: list[str], data_dir: Path | None = None,
                claim_id: str | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every source cited by the rows of the given datasets (only rows tagged claim_id, or any of a tuple
    of claim ids, where a table tags claims), sorted by title."""
    data_dir = _fresh(data_dir or DATA_DIR)
    used: set[str] = set()
    for name in names:
        frame = _rows_for_claim(_load_cached(name, data_dir), claim_id, data_dir)
        for column in frame.columns:
            if column == "source_id" or column.endswith("_source_id"):
                used.update(frame[column].dropna().astype(str))
    sources = _load_cached("sources", data_dir)
    return sources[sources["source_id"].isin(used)].sort_values("title").reset_index(drop=True)


def sources_markdown(names: list[str], data_dir: Path | None = None, claim_id: str | None = None) -> str:
    """A Markdown reference list for the rows a notebook shows, with each source's kind."""
    lines = []
    for row in sources_for(names, data_dir, claim_id).itertuples():
        published = f", {row.date_published}" if isinstance(row.date_published, str) else ""
        link = f" <{row.url}>" if isinstance(row.url, str) else ""
        kind = SOURCE_KINDS.get(str(row.source_type), str(row.source_type))
        lines.append(
            f"- **{row.title}**. {row.publisher}{published}.{link} "
            f"Accessed {row.date_accessed:%Y-%m-%d}. *{kind}*: {row.reliability_note}"
        )
    scope = f" (rows tagged {claim_id})" if claim_id else ""
    header = f"{len(lines)} sources of the tables " + ", ".join(f"`{n}`" for n in names) + f"{scope}.\n\n"
    return header + "\n".join(lines)


SOURCE_KINDS = {
    "official_record": "official record", "government_statement": "government statement",
    "news_report": "news report", "state_media": "public broadcaster or state media", "partisan_outlet": "partisan outlet",
    "encyclopedia": "encyclopedia", "academic": "academic", "think_tank": "think tank", "ngo": "NGO",
    "dataset": "dataset", "course_text": "course text",
}


@functools.lru_cache(maxsize=None)
def _sources_by_id(data_dir: Path) -> dict[str, dict]:
    sources = _load_cached("sources", data_dir)
    return {row["source_id"]: row for row in sources.to_dict("records")}


def source_label(source_id: str, data_dir: Path | None = None) -> str:
    """A source as a student can judge it: linked title, publisher and kind (HTML)."""
    row = _sources_by_id(_fresh(data_dir or DATA_DIR)).get(source_id)
    if row is None:
        return html.escape(source_id)
    title = html.escape(str(row["title"]))
    if isinstance(row["url"], str):
        title = f'<a href="{html.escape(row["url"])}" target="_blank" rel="noopener">{title}</a>'
    kind = SOURCE_KINDS.get(str(row["source_type"]), str(row["source_type"]))
    return f"{title}, {html.escape(str(row['publisher']))} ({kind})"


def source_title(source_id: str, data_dir: Path | None = None) -> str:
    """A source's title and publisher as plain text (a chart's tooltip)."""
    row = _sources_by_id(_fresh(data_dir or DATA_DIR)).get(source_id)
    return source_id if row is None else f"{row['title']}, {row['publisher']}"


# Map shapes ---------------------------------------------------------------------------

MAP_FILE = "maps/countries-50m.json"
# world-atlas gives Kosovo a shape but no ISO numeric id; we match it by name.
_MAP_NAME_CODES = {"Kosovo": "XKX"}


@functools.lru_cache(maxsize=None)
def world_map(data_dir: Path | None = None) -> tuple[str, dict[str, str]]:
    """The shipped world-atlas countries as TopoJSON text (drawn in the browser), and the
    country_code of each shape by its key (its ISO numeric id, or its name where it has none).

    Shapes that are not in countries.csv (e.g. Greenland) get '' and are drawn as background.
    """
    data_dir = Path(data_dir or DATA_DIR)
    path = data_dir / MAP_FILE
    if not path.exists():
        raise DataError(f"data/{MAP_FILE} is missing. {_restore_hint(MAP_FILE)}")
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        geometries = topology["objects"]["countries"]["geometries"]
    except (ValueError, KeyError) as err:
        raise DataError(f"data/{MAP_FILE} is not a world-atlas TopoJSON file ({err}). {_restore_hint(MAP_FILE)}") from None
    topology["objects"] = {"countries": topology["objects"]["countries"]}  # the map draws no 'land'
    codes = _load_cached("countries", data_dir).dropna(subset=["iso_numeric"])
    by_numeric = {str(int(n)): str(c) for n, c in zip(codes["iso_numeric"], codes["country_code"])}
    keys = {}
    for geometry in geometries:
        key = str(geometry.get("id") or geometry["properties"]["name"])
        keys[key] = (by_numeric.get(str(int(key))) if key.isdigit() else None) or _MAP_NAME_CODES.get(
            geometry["properties"]["name"], "")
    return json.dumps(topology, separators=(",", ":")), keys
