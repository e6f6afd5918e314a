"""(b) Widget callback latency in the kernel: from `.value` set to output redrawn.

Observers run synchronously, so the time of the assignment is the time until the new
chart's HTML is in the widget's value (what the front end then receives). Median and p95
over 50 changes per control. Not a test.
"""

import statistics
import time

from helpers import widgets


def measure(widget, control, values, check):
    times = []
    for value in values:
        before = check()
        start = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - start) * 1000)
        assert check() != before, "the output did not change"
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main(changes: int = 50) -> None:
    explorer = widgets.recognition_explorer()
    years = [2008 + (i * 7) % 19 for i in range(1, changes + 1)]
    years = [y if y != years[i - 1] else (y + 1 - 2008) % 19 + 2008 for i, y in enumerate(years)]
    groups = ["eu", "nato", "g20", "all", "un"] * (changes // 5)
    rows = [
        ("year slider (timeline + map)", explorer.year, years, lambda: explorer.map.value + explorer.timeline.value),
        ("group dropdown (timeline)", explorer.group, groups, lambda: explorer.timeline.value),
        ("withdrawals toggle (timeline)", explorer.counting, [False, True] * (changes // 2), lambda: explorer.timeline.value),
    ]
    timeline_only = widgets.recognition_explorer(show_map=False)
    rows.append(("year slider, timeline only", timeline_only.year, years, lambda: timeline_only.timeline.value))
    print(f"{'control':34} {'median ms':>10} {'p95 ms':>8}  (n={changes})")
    for name, control, values, check in rows:
        median, p95 = measure(explorer, control, values, check)
        print(f"{name:34} {median:10.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
