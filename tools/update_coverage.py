"""Write the coverage table and the latest-figures table (helpers.coverage) into data/README.md,
each between its two markers.

Run after adding US actions, as-of figures or searches: `.venv/bin/python tools/update_coverage.py`.
A maintainer's tool: the notebooks and helpers never write into data/.
"""

from pathlib import Path

from helpers import coverage, data


def replace_between(text: str, start: str, end: str, body: str) -> str:
    before, rest = text.split(start, 1)
    _old, after = rest.split(end, 1)
    return f"{before}{start}\n{body}\n{end}{after}"


def main() -> None:
    readme = Path(data.DATA_DIR) / "README.md"
    text = replace_between(readme.read_text(encoding="utf-8"), coverage.START, coverage.END, coverage.markdown())
    text = replace_between(text, coverage.LATEST_START, coverage.LATEST_END, coverage.latest_markdown())
    readme.write_text(text, encoding="utf-8")
    print(f"wrote {readme}")


if __name__ == "__main__":
    main()
