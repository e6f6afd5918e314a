"""Write the classroom kit: docs/teacher/NN_name.md (teacher's guides) and docs/worksheets/NN_name.md.

Generated from the notebooks, data/questions.csv, the data tables and the hand-written notes in
docs/teacher/notes/NN_name.md (see helpers/classroom.py). Run after changing any of them:
`.venv/bin/python tools/build_classroom.py`. tests/test_classroom.py fails until then.
`--check` writes nothing and exits 1 if a file is missing or out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import classroom  # noqa: E402


def main(argv: list[str]) -> int:
    problems = classroom.problems()
    if problems:
        print("The kit cannot be built:\n" + "\n".join(f"- {p}" for p in problems), file=sys.stderr)
        return 1
    stale = []
    for path, text in classroom.expected_files().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(classroom.ROOT))
        if "--check" not in argv:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "out of date" if "--check" in argv else "written"
    print(f"{len(stale)} file(s) {verb}" + "".join(f"\n  {p}" for p in stale))
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
