"""Interactive charts drawn in the browser from a Vega-Lite spec, and their static copies.

Why: a slider step used to cost the kernel ~0.6 s of matplotlib drawing and PNG encoding,
and on a shared server every student's step queued behind the others'. Here the kernel
sends the spec and the data once; a control changes a param or a named dataset's rows,
and the student's own browser redraws (benchmarks/README.md has the figures).

- ``VegaChart`` is the widget: ``spec`` once, then ``update(params=..., datasets=...,
  description=...)``. Python tests read what it shows from ``params``, ``datasets`` and
  ``description``.
- ``Static`` is the same chart as a PNG with its text alternative, drawn by vl-convert,
  for print and exported HTML.

Offline: vega, vega-lite and vega-embed come bundled inside vl-convert-python; the bundle
is built once per installed version and kept in the user's cache folder (never in data/).
"""

from __future__ import annotations

import base64
import copy
import functools
import hashlib
import html
from dataclasses import dataclass, field
from pathlib import Path

import anywidget
import ipywidgets
import pandas as pd
import traitlets

from .cache import cache_dir, write_atomically

JS_SOURCE = Path(__file__).with_name("js") / "vega_widget.js"
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier, never fetched


@functools.lru_cache(maxsize=1)  # read once per kernel, not once per chart
def bundle() -> str:
    """The widget's JavaScript with vega-embed inlined (about 0.9 MB), built once per version."""
    import vl_convert

    snippet = JS_SOURCE.read_text(encoding="utf-8")
    key = hashlib.sha256(f"{vl_convert.__version__}\n{snippet}".encode()).hexdigest()[:16]
    path = cache_dir() / f"vega-widget-{key}.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    built = vl_convert.javascript_bundle(snippet)  # ~1.8 s, once per installed version
    try:
        for old in path.parent.glob("vega-widget-*.js"):  # bundles of earlier versions
            old.unlink(missing_ok=True)
        write_atomically(path, built)
    except OSError:
        pass  # a read-only home still gets charts, it only builds the bundle again next time
    return built


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts: dates as ISO text, missing values as null."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    out = out.astype(object).where(out.notna(), None)
    return out.to_dict(orient="records")


class VegaChart(anywidget.AnyWidget):
    """A Vega-Lite chart whose params and named datasets the kernel can change cheaply."""

    spec = traitlets.Dict().tag(sync=True)
    params = traitlets.Dict().tag(sync=True)
    datasets = traitlets.Dict().tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    revision = traitlets.Int(0).tag(sync=True)
    renderer = traitlets.Unicode("svg").tag(sync=True)  # "canvas" for charts with many shapes (maps)

    def __init__(self, spec: dict, description: str = "", **kwargs):
        type(self)._esm = bundle()
        # Its own layout: clear() hides this chart only (a Layout shared by several widgets hides them all).
        kwargs["layout"] = ipywidgets.Layout(width="100%")
        super().__init__(spec=spec, description=description, **kwargs)

    def update(self, params: dict | None = None, datasets: dict | None = None, description: str | None = None):
        """Change what the chart shows; the browser redraws once, when the revision arrives."""
        with self.hold_sync():
            if params:
                self.params = {**self.params, **params}
            if datasets:
                self.datasets = {**self.datasets, **datasets}
            if description is not None:
                self.description = description
            self.layout.display = None
            self.revision += 1

    def clear(self) -> None:
        """Hide the chart (its settings failed); the next update shows it again."""
        self.layout.display = "none"

    def static(self) -> "Static":
        """What the chart shows now, as a PNG with its text alternative."""
        return Static(resolved(self.spec, self.params, self.datasets), self.description)


STATIC_WIDTH = 760  # a chart that fits its container in the browser gets this width on paper


def resolved(spec: dict, params: dict | None = None, datasets: dict | None = None) -> dict:
    """The spec with params set to their current values and datasets replaced: one fixed picture."""
    out = copy.deepcopy(spec)
    if out.get("width") == "container":
        out["width"] = STATIC_WIDTH
    for param in out.get("params", []):
        if params and param["name"] in params:
            param["value"] = params[param["name"]]
    for name, rows in (datasets or {}).items():
        out.setdefault("datasets", {})[name] = rows
    return out


@dataclass
class Static:
    """A chart drawn once to PNG (for print, export and reading without a live kernel)."""

    spec: dict
    description: str
    _png: bytes | None = field(default=None, repr=False)

    def png(self) -> bytes:
        if self._png is None:
            import vl_convert

            self._png = vl_convert.vegalite_to_png(self.spec, scale=1)
        return self._png

    def svg(self) -> str:
        """The chart as SVG text: what Vega draws, readable by tests (each mark carries its aria-label)."""
        import vl_convert

        return vl_convert.vegalite_to_svg(self.spec)

    def html(self, caption: bool = True) -> str:
        encoded = base64.b64encode(self.png()).decode("ascii")
        text = html.escape(self.description)
        shown = f'<figcaption style="font-size:0.95em">{text}</figcaption>' if caption else ""
        return (f'<figure style="margin:0"><img src="data:image/png;base64,{encoded}" alt="{text}" '
                f'style="max-width:100%"/>{shown}</figure>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.description}
