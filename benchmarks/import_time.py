"""What a kernel start costs: `import helpers` plus loading every table, against the stack alone.

Fresh interpreter each run (what a student pays when a kernel starts); median of 7.
'Stack' is what the notebooks' own display needs: pandas, ipywidgets and anywidget. The
issue's earlier stack (pandas, matplotlib, ipywidgets) is printed too. The validation cache
is measured both ways: cold (a new student, or a changed file: frictionless validates every
table) and warm (every later start). Not a test: nothing fails on a number.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

LOAD_ALL = "import helpers; from helpers import data; [data.load(n) for n in data.dataset_names()]"
STACK = "import pandas, ipywidgets, anywidget"
OLD_STACK = "import pandas, matplotlib, ipywidgets"


def timed(code: str, runs: int = 7, env: dict | None = None, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "BALKANS_CACHE": cache}
        validated = os.path.join(cache, "validated.json")

        def forget():
            if os.path.exists(validated):
                os.remove(validated)

        timed("pass", runs=2)  # warm the disk cache for the interpreter itself
        floor = timed(STACK)
        old = timed(OLD_STACK)
        cold = timed(LOAD_ALL, runs=5, env=env, before=forget)
        warm = timed(LOAD_ALL, env=env)
    print(f"{'stack alone (pandas, ipywidgets, anywidget)':52} {floor:6.2f} s   1.00x (the floor)")
    print(f"{'earlier stack (pandas, matplotlib, ipywidgets)':52} {old:6.2f} s   {old / floor:.2f}x")
    print(f"{'helpers + every table, validation cache warm':52} {warm:6.2f} s   {warm / floor:.2f}x   (goal 1.3x)")
    print(f"{'helpers + every table, cold (frictionless runs)':52} {cold:6.2f} s   {cold / floor:.2f}x")


if __name__ == "__main__":
    main()
