"""Print mode: every widget of a notebook as static HTML, for the print and projection version.

Switched on in the kernel by the environment variable ``BALKANS_PRINT=1`` (``make print``
sets it; ``helpers`` calls ``install()`` when it is imported). Then a widget a cell shows
is not sent to a browser: its current state is written as plain HTML instead, so the
notebook can be read on paper or on a projector without a kernel.

- an HTML widget: its value; a chart (``vega.VegaChart``): a PNG with its description as alt
  text; a control of an explorer: "Label: current value"; buttons: left out;
- an exercise: its prompt, its options with a box to tick, and lines to write on; never its
  answer, hint, feedback or reveal, whatever the journal holds;
- a part that opens after an answer (``exercises.after``): a short note saying so, never its
  content; the one exception is a list of sources, which answers nothing and is printed in full.

Nothing here writes a file: the build (``tools/print_notebooks.py``) runs each notebook with
a fresh temporary journal and turns the outputs into HTML and PDF.
"""

from __future__ import annotations

import html
import os

import ipywidgets as w

ENV = "BALKANS_PRINT"
LINE = '<div class="answer-line" style="border-bottom:1px solid #555;height:1.8em"></div>'
BOX = '<span aria-hidden="true" style="font-size:1.1em">☐</span> '


def enabled() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


def lines(n: int) -> str:
    return f'<div class="answer-space">{LINE * n}</div>'


def _label(widget) -> str:
    return html.escape(str(getattr(widget, "description", "") or "").rstrip(":"))


def _option_labels(widget) -> list[str]:
    return [str(label) for label in getattr(widget, "_options_labels", ())]


def _current(widget) -> str:
    """What a control is set to now, in the words the student sees."""
    if hasattr(widget, "_options_labels"):
        index = getattr(widget, "index", None)
        if isinstance(index, tuple):
            return ", ".join(widget._options_labels[i] for i in index) or "none"
        return widget._options_labels[index] if index is not None else "none chosen"
    if isinstance(widget, w.Checkbox):
        return "yes" if widget.value else "no"
    return str(widget.value)


def _choices(widget, label: str | None = None) -> str:
    """Options to tick: a question on paper, nothing chosen."""
    label = _label(widget) if label is None else label
    items = "".join(f'<li style="list-style:none">{BOX}{html.escape(o)}</li>' for o in _option_labels(widget))
    lead = f"<p><b>{label}</b></p>" if label else ""
    return f'<div class="choices">{lead}<ul style="padding-left:1em;margin:0">{items}</ul></div>'


def _write_in(widget, n: int | None = None) -> str:
    label = _label(widget)
    if n is None:
        n = 4 if isinstance(widget, w.Textarea) else 1
    return f'<div class="write-in"><p><b>{label}</b></p>{lines(n)}</div>' if label else lines(n)


def _chart(widget) -> str:
    if widget.layout.display == "none":
        return ""
    return f'<div class="chart">{widget.static().html()}</div>'


def _sources_gate(gate) -> bool:
    """True if a gated part is the notebook's list of sources (answers nothing, printed in full)."""
    code = getattr(gate.build, "__code__", None)
    return code is not None and "sources_list" in code.co_names


def _gate(gate) -> str:
    if gate.is_open:
        return "".join(static_html(c) for c in gate.children)
    if _sources_gate(gate):
        return sources_html(gate.build())
    note = static_html(gate.children[0]) if gate.children else ""
    return f'<div class="gated">{note}</div>'


def sources_html(listing: str) -> str:
    """The sources list, open: on paper there is nothing to click (the notebook gives it its heading)."""
    return f'<section class="sources">{listing.replace("<details>", "<details open>")}</section>'


def _exercise(exercise) -> str:
    """An exercise as a question on paper: prompt and options, lines to write on; no answer, no feedback."""
    from . import exercises

    hidden = {id(getattr(exercise, name, None)) for name in ("feedback", "reveal", "hint", "comparison", "outcome",
                                                             "status", "progress", "card")}
    parts = []
    if type(exercise).__name__ == "EventMarker":
        return _marker(exercise)
    for child in exercise.children:
        if id(child) in hidden:
            continue
        parts.append(_question_part(child, exercise))
    if isinstance(exercise, exercises.Prediction) and not isinstance(exercise, exercises.PickPrediction):
        q = exercise.question
        parts.append(f"<p><i>Write a whole number from {q.minimum} to {q.maximum}.</i></p>")
    return f'<div class="exercise">{"".join(parts)}</div>'


def _question_part(widget, exercise) -> str:
    if isinstance(widget, w.Button) or widget.layout.display == "none":
        return ""
    if isinstance(widget, (w.RadioButtons, w.ToggleButtons, w.Dropdown)):
        return _choices(widget)
    if isinstance(widget, w.Textarea):
        return _write_in(widget)
    if isinstance(widget, w.Text):
        return _write_in(widget, 1)
    if isinstance(widget, w.Box):
        inner = "".join(_question_part(c, exercise) for c in widget.children)
        return f'<div class="row">{inner}</div>' if inner else ""
    return static_html(widget)


def _marker(marker) -> str:
    """Notebook 09's marker: on paper, every item of the class set at once, each with its choices."""
    parts = [static_html(marker.children[0])]
    items = marker.shown()
    for position in range(len(items)):
        marker.show(position)
        parts.append(f'<div class="marker-item"><p><b>Item {position + 1} of {len(items)}</b></p>{marker.card.value}'
                     f'<div class="row">{_choices(marker.substance)}{_choices(marker.tone)}'
                     f'{_choices(marker.importance)}</div></div>')
    marker.show(0)
    return f'<div class="exercise">{"".join(parts)}</div>'


def _rating(rating) -> str:
    return (f'<div class="exercise">{static_html(rating.children[0])}{_choices(rating.stars)}'
            f"{_write_in(rating.reason)}</div>")


def static_html(widget) -> str:
    """A widget tree as static HTML: what it shows now, without a kernel or a browser."""
    from . import exercises, vega

    if not isinstance(widget, w.Widget):
        return html.escape(str(widget))
    layout = getattr(widget, "layout", None)
    if layout is not None and layout.display == "none":
        return ""
    if isinstance(widget, exercises.After):
        return _gate(widget)
    if isinstance(widget, exercises._Exercise):
        return _exercise(widget)
    if isinstance(widget, exercises.ClaimRating):
        return _rating(widget)
    if isinstance(widget, vega.VegaChart):
        return _chart(widget)
    if isinstance(widget, (w.HTML, w.HTMLMath)):
        return f'<div class="widget-html">{widget.value}</div>'
    if isinstance(widget, w.Label):
        return f"<p>{html.escape(widget.value)}</p>"
    if isinstance(widget, w.Button):
        return ""
    if isinstance(widget, (w.Text, w.Textarea)):
        return (f"<p><b>{_label(widget)}:</b> {html.escape(widget.value)}</p>" if widget.value.strip()
                else _write_in(widget))
    if isinstance(widget, w.RadioButtons) and widget.index is None:
        return _choices(widget)
    if isinstance(widget, w.Box):
        inner = "".join(static_html(c) for c in widget.children)
        tag = "row" if isinstance(widget, w.HBox) else "column"
        return f'<div class="{tag}">{inner}</div>' if inner else ""
    if isinstance(widget, w.ValueWidget):
        label = _label(widget)
        value = html.escape(_current(widget))
        return f'<p class="control"><b>{label}:</b> {value}</p>' if label else f'<p class="control">{value}</p>'
    return ""


def _mimebundle(widget, *_args, **_kwargs):
    return {"text/html": static_html(widget), "text/plain": ""}


def install(shell=None) -> bool:
    """In print mode, show every widget a cell displays as static HTML. True if installed."""
    if not enabled():
        return False
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.mimebundle_formatter.for_type(w.Widget, _mimebundle)
    return True
