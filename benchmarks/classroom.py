"""A class on one machine: N students, each with their own kernel, all moving widgets at once.

For each N (default 1, 2, 4, 8, 16, 30) a fresh class opens together: N IPython kernels are
started at once with jupyter_client (kernel python3 of this environment, loopback only, cwd
the repository, a journal file per student, one shared BALKANS_CACHE warmed before anything
is timed, so setup is measured warm). Each kernel then runs notebook 03's setup: its import
cell, `widgets.recognition_explorer()` and `widgets.events_explorer(claim_id="C3")`.
Reported per N, as medians over the students: kernel start (start_kernel until the kernel
answers kernel_info), setup (until the setup cell's reply) and memory (VmRSS of the kernel
process after setup).

Then every student changes controls for --seconds (or at most --changes changes each),
exactly as JupyterLab does: a `comm_msg` on the shell channel to the control's widget comm,
`{"method": "update", "state": {...}}`, with `value` for the year slider and `index` for the
dropdowns and toggle buttons (ipywidgets 8 syncs a selection by index). Controls are visited
in turn with values that keep moving, so first visits of a setting are included, with a
think time between changes. One change's latency: from sending the comm_msg until iopub
says `idle` for it, by then the observer has run and the chart's new state has gone out.
A change counts as measured only if an `update` for another widget (the chart's revision or
the summary) arrived before that idle; the others are reported as failures.

Growth stops early when the next class would not fit in the available memory or p95 went
past 5 s. Prints a Markdown table. Not a test: nothing fails on a number. Run with the
environment's Python: .venv/bin/python benchmarks/classroom.py [--max-students 30] [--seconds 20]
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from jupyter_client import KernelManager

try:
    import psutil
except ImportError:  # /proc is enough on Linux
    psutil = None

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1, 2, 4, 8, 16, 30)
SLOW_MS = 300  # the class notices from here on
ABSURD_MS = 5000  # no point growing the class further
THINK_S = 0.2  # a student looks at the chart before the next change
# The shared cache, plus the kernel's own modules into the page cache, so N=1 is not the one cold start.
WARM = "import ipykernel.kernelapp; from helpers import vega, data; vega.bundle(); [data.load(n) for n in data.dataset_names()]"
# Notebook 03: its import cell, then the two explorers its cells build.
SETUP = """\
from IPython.display import HTML, Markdown, display

from helpers import analysis, exercises, tables, widgets
explorer = widgets.recognition_explorer()
actions = widgets.events_explorer(claim_id="C3")
"""
# Each control's comm id, the state key a front end sends for it, the values it can take and
# the current one, so every change is a real change (otherwise no observer runs).
CONTROLS = """\
import json as _json
def _selection(c):
    return {"comm": c.model_id, "key": "index", "values": list(range(len(c.options))), "now": c.index}
print(_json.dumps({
    "year": {"comm": explorer.year.model_id, "key": "value",
             "values": list(range(explorer.year.min, explorer.year.max + 1)), "now": explorer.year.value},
    "group": _selection(explorer.group),
    "counting": _selection(explorer.counting),
    "country": _selection(actions.country),
    "administration": _selection(actions.administration),
}))
"""


def rss_mb(pid: int) -> float:
    if psutil:
        return psutil.Process(pid).memory_info().rss / 2**20
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def available_mb() -> float:
    if psutil:
        return psutil.virtual_memory().available / 2**20
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("inf")


def total_mb() -> float:
    if psutil:
        return psutil.virtual_memory().total / 2**20
    return int(Path("/proc/meminfo").read_text().split()[1]) / 1024


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[int(0.95 * (len(values) - 1))]


def run(kc, code: str, timeout: float = 300) -> str:
    """Execute code in the kernel; its stdout, or an error with the kernel's traceback."""
    msg_id = kc.execute(code)
    out, error = [], None
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream" and content["name"] == "stdout":
            out.append(content["text"])
        elif kind == "error":
            error = "\n".join(content["traceback"])
        elif kind == "status" and content["execution_state"] == "idle":
            break
    if error:
        raise RuntimeError(f"kernel error:\n{error}")
    return "".join(out)


class Student:
    """One kernel and its client; the client is made and used only in the student's thread."""

    def __init__(self, number: int, journal_dir: str, env: dict):
        self.number = number
        self.km = KernelManager(kernel_name="python3", ip="127.0.0.1", transport="tcp")
        self.env = {**env, "BALKANS_JOURNAL": os.path.join(journal_dir, f"student-{number}.json")}
        self.kc = None
        self.log_path = os.path.join(journal_dir, f"kernel-{number}.log")
        self.log = None
        self.started = self.start_s = self.setup_s = self.rss = None
        self.controls = None
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.error = None
        self.ready = threading.Event()

    def launch(self):
        self.started = time.perf_counter()
        # The kernel's own stderr (a TCP warning, any crash) goes to a log, shown only if it failed.
        self.log = open(self.log_path, "w")
        self.km.start_kernel(cwd=str(ROOT), env=self.env, stdout=self.log, stderr=self.log)

    def prepare(self):
        """Thread body, part 1: wait for the kernel, run the setup, read the controls."""
        try:
            self.kc = self.km.client()
            self.kc.start_channels()
            self.kc.wait_for_ready(timeout=300)
            self.start_s = time.perf_counter() - self.started
            began = time.perf_counter()
            run(self.kc, SETUP)
            self.setup_s = time.perf_counter() - began
            self.rss = rss_mb(self.km.provisioner.pid)
            self.controls = json.loads(run(self.kc, CONTROLS))
        except Exception as exc:  # reported in the output; the rest of the class carries on
            self.log.flush()
            tail = Path(self.log_path).read_text()[-1500:]
            self.error = f"{type(exc).__name__}: {exc}\nkernel log: {tail}"
        finally:
            self.ready.set()

    def change(self, control: dict, value) -> tuple[float, bool]:
        """One change as a front end makes it; latency in ms, and whether the chart got an update."""
        msg = self.kc.session.msg("comm_msg", {"comm_id": control["comm"], "data": {
            "method": "update", "state": {control["key"]: value}, "buffer_paths": []}})
        sent = time.perf_counter()
        self.kc.shell_channel.send(msg)
        msg_id, updated = msg["header"]["msg_id"], False
        while True:
            reply = self.kc.get_iopub_msg(timeout=30)
            if reply["parent_header"].get("msg_id") != msg_id:
                continue
            content = reply["content"]
            if reply["msg_type"] == "comm_msg" and content["comm_id"] != control["comm"] \
                    and content["data"].get("method") == "update":
                updated = True  # not the control's own echo_update: the output changed
            elif reply["msg_type"] == "error":
                self.failures.append("error: " + content.get("evalue", ""))
            elif reply["msg_type"] == "status" and content["execution_state"] == "idle":
                return (time.perf_counter() - sent) * 1000, updated

    def play(self, go: threading.Event, deadline_s: float, max_changes: int, stop: threading.Event):
        """Thread body, part 2: change the controls in turn until time or the count runs out."""
        if self.error:
            return
        go.wait()
        names = list(self.controls)
        # Each student steps through values at its own pace, so the class does not move in lockstep
        # and most settings are new to the kernel when they come up.
        steps = {name: 1 + (self.number + i) % max(1, len(c["values"]) - 1)
                 for i, (name, c) in enumerate(self.controls.items())}
        end = time.monotonic() + deadline_s
        turn = self.number
        try:
            while not stop.is_set() and time.monotonic() < end and len(self.latencies) < max_changes:
                name = names[turn % len(names)]
                turn += 1
                control = self.controls[name]
                values = control["values"]
                if len(values) < 2:
                    continue
                position = (values.index(control["now"]) + steps[name]) % len(values)
                if values[position] == control["now"]:
                    position = (position + 1) % len(values)
                value = values[position]
                latency, updated = self.change(control, value)
                control["now"] = value
                if updated:
                    self.latencies.append(latency)
                else:
                    self.failures.append(f"{name}={value}: no update for another widget before idle")
                time.sleep(THINK_S)
        except Exception as exc:
            self.failures.append(f"{type(exc).__name__}: {exc}")

    def shutdown(self):
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:
                pass
        try:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        except Exception as exc:
            print(f"could not shut down student {self.number}'s kernel: {exc}", file=sys.stderr)
        if self.log:
            self.log.close()


def join(threads):
    # A timeout so Ctrl-C reaches the main thread while students run.
    for thread in threads:
        while thread.is_alive():
            thread.join(0.5)


def one_class(n: int, env: dict, seconds: float, max_changes: int, stop: threading.Event, live: list) -> dict:
    with tempfile.TemporaryDirectory(prefix="classroom-journals-") as journals:
        students = [Student(i, journals, env) for i in range(n)]
        live.extend(students)  # registered before start, so the finally shuts down every one
        go = threading.Event()
        try:
            for student in students:  # the whole class opens the notebook at once
                student.launch()
            threads = [threading.Thread(target=lambda s=s: (s.prepare(), s.play(go, seconds, max_changes, stop)),
                                        daemon=True) for s in students]
            for thread in threads:
                thread.start()
            for student in students:
                while not student.ready.wait(0.5):
                    pass
            go.set()  # everyone is set up: the class starts clicking together
            join(threads)
        except BaseException:
            stop.set()  # Ctrl-C: the students stop before their kernels go
            go.set()
            raise
        finally:
            for student in students:
                student.shutdown()
                live.remove(student)
    ok = [s for s in students if not s.error]
    latencies = [t for s in ok for t in s.latencies]
    return {
        "n": n,
        "start": statistics.median(s.start_s for s in ok) if ok else None,
        "setup": statistics.median(s.setup_s for s in ok) if ok else None,
        "rss": statistics.median(s.rss for s in ok) if ok else None,
        "median": statistics.median(latencies) if latencies else None,
        "p95": p95(latencies) if latencies else None,
        "count": len(latencies),
        "failures": [f"student {s.number}: {f}" for s in students for f in s.failures]
                    + [f"student {s.number} did not start: {s.error}" for s in students if s.error],
    }


def fmt(value, pattern):
    return "n/a" if value is None else format(value, pattern)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-students", type=int, default=SIZES[-1])
    parser.add_argument("--seconds", type=float, default=20, help="of clicking per class size")
    parser.add_argument("--changes", type=int, default=150, help="at most, per student per class size")
    args = parser.parse_args()
    sizes = [n for n in SIZES if n < args.max_students] + [args.max_students]

    stop, live, rows, interrupted = threading.Event(), [], [], False
    with tempfile.TemporaryDirectory(prefix="classroom-cache-") as cache:
        env = {**os.environ, "BALKANS_CACHE": cache}
        # Warm the shared cache (validated tables, the chart bundle) once, outside every timing.
        subprocess.run([sys.executable, "-c", WARM], check=True, env=env, cwd=ROOT)
        try:
            for n in sizes:
                if rows and rows[-1]["rss"] and n * rows[-1]["rss"] * 1.25 > available_mb():
                    print(f"stopped before N={n}: {n} kernels of ~{rows[-1]['rss']:.0f} MB would not fit "
                          f"in {available_mb():.0f} MB available", file=sys.stderr)
                    break
                print(f"N={n} ...", file=sys.stderr, flush=True)
                rows.append(one_class(n, env, args.seconds, args.changes, stop, live))
                if rows[-1]["p95"] and rows[-1]["p95"] > ABSURD_MS:
                    print(f"stopped after N={n}: p95 above {ABSURD_MS / 1000:.0f} s", file=sys.stderr)
                    break
        except KeyboardInterrupt:
            interrupted = True
            print("interrupted: every kernel shut down; the class sizes finished so far follow", file=sys.stderr)
        finally:
            stop.set()
            for student in list(live):  # only reached with kernels left on Ctrl-C or an error
                student.shutdown()

    print(f"\nSetup measured warm (shared validation and bundle cache); {args.seconds:g} s of changes per N, "
          f"think time {THINK_S * 1000:.0f} ms, at most {args.changes} changes per student.\n")
    print("| students N | kernel start s (median) | setup s (median) | memory per kernel MB (median) "
          "| callback median ms | callback p95 ms | changes measured |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['n']} | {fmt(r['start'], '.2f')} | {fmt(r['setup'], '.2f')} | {fmt(r['rss'], '.0f')} "
              f"| {fmt(r['median'], '.0f')} | {fmt(r['p95'], '.0f')} | {r['count']} |")
    print(f"\nMachine: {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), "
          f"{total_mb() / 1024:.1f} GB memory, Python {platform.python_version()}.")
    slow = next((r["n"] for r in rows if r["p95"] and r["p95"] > SLOW_MS), None)
    print(f"p95 first passes {SLOW_MS} ms at N={slow}." if slow else
          f"p95 passes {SLOW_MS} ms: not reached up to N={rows[-1]['n'] if rows else 0}.")
    failures = [f for r in rows for f in r["failures"]]
    print(f"Failed changes: {len(failures)}." if not failures else f"Failed changes: {len(failures)}:")
    for failure in failures[:20]:
        print(f"  {failure}")
    if interrupted:
        sys.exit(130)


if __name__ == "__main__":
    main()
