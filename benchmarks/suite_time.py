"""(a) Wall time of the nbval run over every notebook, against as many empty notebooks.

Prints both times and their ratio. Not a test: nothing fails on a number.
Usage: python benchmarks/suite_time.py [repeats]
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
NBVAL = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-lax", "--nbval-current-env",
         "-o", "addopts=", "-o", "testpaths="]


def run(folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run(NBVAL + [str(folder)], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(repeats: int = 3) -> None:
    notebooks = sorted((REPO / "notebooks").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        real, empty = Path(tmp, "real"), Path(tmp, "empty")
        real.mkdir()
        empty.mkdir()
        for path in notebooks:
            shutil.copy(path, real / path.name)
            blank = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
            blank.metadata = nbformat.read(path, as_version=4).metadata
            nbformat.write(blank, empty / path.name)
        real_times = [run(real) for _ in range(repeats)]
        empty_times = [run(empty) for _ in range(repeats)]
    r, e = statistics.median(real_times), statistics.median(empty_times)
    print(f"notebooks: {len(notebooks)}; repeats: {repeats}")
    print(f"nbval over the notebooks:       median {r:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in real_times)})")
    print(f"nbval over as many empty ones:  median {e:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in empty_times)})")
    print(f"ratio: {r / e:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
