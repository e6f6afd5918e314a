"""Widget callback cost in the kernel: from `.value` set to every output updated. Not a test.

Observers run synchronously, so the time of the assignment is the kernel's whole share of a
student's action: the sentence written and the chart's new params or rows ready to send.
The drawing itself happens in the browser (benchmarks/browser_latency.py measures both).
The floor is the same assignment on a bare ipywidgets control with no observer, measured in
the same run. Median and p95 over every setting of each control, visited in turn.
"""

import statistics
import time

import ipywidgets as w

from helpers import widgets


def measure(control, values, check=None) -> list[float]:
    times = []
    for value in values:
        before = check() if check else None
        start = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - start) * 1000)
        if check:
            assert check() != before, "the output did not change"
    return sorted(times)


def summary(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main(rounds: int = 5) -> None:
    explorer = widgets.recognition_explorer()
    actions = widgets.events_explorer(claim_id="C3")
    years = [y for _ in range(rounds) for y in list(range(2025, 2007, -1)) + [2026]]
    rows = [
        ("recognitions: year slider", explorer.year, years, lambda: explorer.timeline.revision),
        ("recognitions: group dropdown", explorer.group,
         [g for _ in range(rounds) for g in ("eu", "nato", "g20", "all", "un")], lambda: explorer.summary.value),
        ("recognitions: withdrawals toggle", explorer.counting, [False, True] * rounds, lambda: explorer.summary.value),
    ]
    for key, control in actions.controls().items():
        options = [value for _label, value in control.options]
        cycle = [options[(i + 1) % len(options)] for i in range(len(options))] * rounds
        rows.append((f"US actions: {key} dropdown", control, cycle, lambda: actions.chart.revision))
    bare = w.IntSlider(min=2008, max=2026)
    floor = summary(measure(bare, years))
    print(f"{'control':36} {'median ms':>10} {'p95 ms':>8} {'x floor':>8}   n")
    print(f"{'(floor: bare slider, no observer)':36} {floor[0]:10.2f} {floor[1]:8.2f} {1:8.0f}")
    for name, control, values, check in rows:
        median, p95 = summary(measure(control, values, check))
        print(f"{name:36} {median:10.1f} {p95:8.1f} {median / floor[0]:8.0f}   {len(values)}")


if __name__ == "__main__":
    main()
