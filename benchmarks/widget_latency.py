"""(b) Widget callback latency in the kernel: from `.value` set to output redrawn.

Observers run synchronously, so the time of the assignment is the time until the new
chart's HTML is in the widget's value (what the front end then receives). Median and p95
over 50 changes per control, for a setting seen for the first time (cold: the charts are
drawn) and for a setting seen before (warm: the explorer reuses the drawn chart).
Not a test.
"""

import statistics
import time

from helpers import widgets


def measure(widget, control, values, check, cold):
    times = []
    for value in values:
        if cold and hasattr(widget, "_maps"):  # first visit of a setting: nothing cached
            widget._timelines.clear()
            widget._maps.clear()
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
    actions = widgets.events_explorer(claim_id="C3")
    owners = {id(timeline_only.year): timeline_only}
    offered = [code for _label, code in actions.country.options]  # the countries the dropdown offers
    countries = [offered[(i + 1) % len(offered)] for i in range(changes)]
    rows.append(("actions: country dropdown (no cache)", actions.country, countries, lambda: actions.chart.value))
    owners[id(actions.country)] = actions
    print(f"{'control':34} {'cold median':>12} {'cold p95':>9} {'warm median':>12} {'warm p95':>9}  ms, n={changes}")
    for name, control, values, check in rows:
        owner = owners.get(id(control), explorer)
        cold = measure(owner, control, values, check, cold=True)
        for value in dict.fromkeys(values):  # visit every setting once, so the warm pass only revisits
            control.value = value
        warm = measure(owner, control, values, check, cold=False)
        print(f"{name:34} {cold[0]:12.1f} {cold[1]:9.1f} {warm[0]:12.1f} {warm[1]:9.1f}")


if __name__ == "__main__":
    main()
