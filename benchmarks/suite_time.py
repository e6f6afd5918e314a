"""Wall time of the nbval run over every notebook, against as many notebooks that only
import the stack (pandas, ipywidgets, anywidget): the floor, measured in the same run. The
notebooks run twice: as for a new student (what `make test` runs: gated explorers are not
built) and with a journal that has answered every question (every gate open).

Prints both times and their ratio. Not a test: nothing fails on a number.
Usage: python benchmarks/suite_time.py [repeats]
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.browser_latency import answered_journal  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
NBVAL = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax", "--nbval-current-env",
         "-o", "addopts=", "-o", "testpaths="]


def run(folder: Path, journal: Path) -> float:
    start = time.perf_counter()
    env = {**os.environ, "BALKANS_JOURNAL": str(journal)}
    subprocess.run(NBVAL + [str(folder)], cwd=REPO, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main(repeats: int = 3) -> None:
    notebooks = sorted((REPO / "notebooks").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        real, empty = Path(tmp, "real"), Path(tmp, "empty")
        real.mkdir()
        empty.mkdir()
        for path in notebooks:
            shutil.copy(path, real / path.name)
            blank = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, ipywidgets, anywidget")])
            blank.metadata = nbformat.read(path, as_version=4).metadata
            nbformat.write(blank, empty / path.name)
        fresh, answered = Path(tmp, "fresh.json"), Path(tmp, "answered.json")
        answered_journal(answered)  # every gate open: every explorer and table is built, as for a student at the end
        runs = {"import-only notebooks (the floor)": [run(empty, fresh) for _ in range(repeats)],
                "the notebooks, new student (gates closed)": [run(real, fresh) for _ in range(repeats)],
                "the notebooks, every question answered": [run(real, answered) for _ in range(repeats)]}
    floor = statistics.median(next(iter(runs.values())))
    print(f"notebooks: {len(notebooks)}; repeats: {repeats}")
    for name, times in runs.items():
        median = statistics.median(times)
        print(f"nbval over {name:44} median {median:6.2f} s  {median / floor:5.2f}x  "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
