"""Record the expected output of every `# NBVAL_CHECK_OUTPUT` cell in tests/pinned_outputs.json.

Run this only after a deliberate change to the data, then read the diff of
pinned_outputs.json: every changed line is a changed fact that a teacher will see.
Usage: python tests/pin_outputs.py
"""

import json
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
MARK = "# NBVAL_CHECK_OUTPUT"


def main() -> None:
    pins = {}
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
        cells = {}
        for cell in notebook.cells:
            if cell.cell_type == "code" and MARK in cell.source:
                text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
                if not text:
                    sys.exit(f"{path.name} cell {cell.id}: a pinned cell must print its value")
                cells[cell.id] = text
        if cells:
            pins[path.name] = cells
    target = REPO / "tests" / "pinned_outputs.json"
    target.write_text(json.dumps(pins, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
