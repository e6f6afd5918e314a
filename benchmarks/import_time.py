"""(c) `import helpers` plus loading every dataset, against a bare `import pandas`.

Fresh interpreter each run (what a student pays when a kernel starts); median of 5.
Not a test.
"""

import statistics
import subprocess
import sys
import time

LOAD_ALL = "import helpers; from helpers import data; [data.load(n) for n in data.dataset_names()]; data.load_country_shapes()"


def timed(code: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    baseline = timed("import pandas")
    ours = timed(LOAD_ALL)
    print(f"bare `import pandas`:                 {baseline:6.2f} s")
    print(f"`import helpers` + load every dataset: {ours:6.2f} s")
    print(f"ratio: {ours / baseline:.2f}x")


if __name__ == "__main__":
    main()
