"""Write the coverage table (helpers.coverage) into data/README.md between its two markers.

Run after adding US actions or searches: `.venv/bin/python tools/update_coverage.py`.
A maintainer's tool: the notebooks and helpers never write into data/.
"""

from pathlib import Path

from helpers import coverage, data


def main() -> None:
    readme = Path(data.DATA_DIR) / "README.md"
    text = readme.read_text(encoding="utf-8")
    before, rest = text.split(coverage.START, 1)
    _old, after = rest.split(coverage.END, 1)
    readme.write_text(f"{before}{coverage.START}\n{coverage.markdown()}\n{coverage.END}{after}", encoding="utf-8")
    print(f"wrote {readme}")


if __name__ == "__main__":
    main()
