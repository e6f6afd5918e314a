"""The glossary: data/glossary.csv rendered as notebooks/glossary.ipynb, and links checked.

Lessons link a term where it first appears, as ``[Resolution 1244](glossary.ipynb#resolution-1244)``.
The glossary notebook is generated from the table (``python -m helpers.glossary`` rewrites
it); a test checks that the committed copy matches the table and that every link resolves.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from . import data

LINK = re.compile(r"\]\(glossary\.ipynb#([a-z0-9-]+)\)")
NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "glossary.ipynb"


def terms():
    return data.load("glossary").sort_values("term", key=lambda t: t.str.lower()).reset_index(drop=True)


def _entry(row) -> str:
    also = f"\n\n*Also called:* {row.also_called.replace(';', ',')}" if isinstance(row.also_called, str) else ""
    source = data.source_label(str(row.source_id))
    return (f'<a id="{row.term_id}"></a>\n### {row.term}\n\n{row.definition}{also}\n\n'
            f"<small>Source: {source}</small>")


def notebook() -> dict:
    """The glossary notebook as JSON: one markdown cell per first letter, no code."""
    table = terms()
    cells = [{"cell_type": "markdown", "id": "intro", "metadata": {}, "source": (
        "# Glossary\n\nEvery term the notebooks use that a reader may not know, in plain words, each with a "
        "source. Where the sides of a dispute name something differently, each name is given and attributed. "
        "Generated from `data/glossary.csv`: edit the table, not this notebook.")}]
    for letter, group in table.groupby(table["term"].str[0].str.upper(), sort=True):
        body = "\n\n".join(_entry(row) for row in group.itertuples())
        cells.append({"cell_type": "markdown", "id": f"letter-{letter.lower() if letter.isalnum() else 'other'}",
                      "metadata": {}, "source": f"## {html.escape(letter)}\n\n{body}"})
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                        "name": "python3"}, "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def render() -> str:
    # Written by nbformat, as JupyterLab writes notebooks, so opening it does not mark it changed.
    import nbformat

    return nbformat.writes(nbformat.from_dict(notebook())) + "\n"


def broken_links(text: str) -> list[str]:
    """Glossary links in a text whose term id is not in data/glossary.csv."""
    known = set(data.load("glossary")["term_id"].astype(str))
    return sorted({term for term in LINK.findall(text) if term not in known})


if __name__ == "__main__":
    NOTEBOOK.write_text(render(), encoding="utf-8")
    print(f"wrote {NOTEBOOK}")
