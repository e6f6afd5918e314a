"""Accessibility checks in Chromium: axe-core plus the checks axe cannot make.

Shared by tests/browser/test_accessibility.py and tools/accessibility_report.py, so the test and
the report in docs/teacher/accessibility.md run the same checks.

- axe-core (the copy bundled with the `axe-playwright-python` package, so its version is pinned in
  constraints.txt) with the WCAG 2.0-2.2 A and AA rules and axe's best practices (heading order
  among them). Serious and critical findings fail the test.
- In JupyterLab, axe sees only the notebook's content: the rendered Markdown cells and every
  cell's outputs (widgets and charts included). JupyterLab's own chrome (menus, toolbars, the
  code editor, prompts, the heading-collapse buttons) is not ours to fix and is left out.
- Our own checks (`chart_findings`, `projector_findings`): every chart is an image with a text
  alternative; a chart that tells groups apart by colour also has a legend or text labels on its
  marks; text is large enough and contrasted enough (WCAG AAA, 7:1) for a projector.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FAILING = ("critical", "serious")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# The notebook's content in JupyterLab: Markdown as rendered, and the outputs of every cell.
NOTEBOOK_CONTENT = {"include": [[".jp-NotebookPanel .jp-MarkdownCell .jp-RenderedMarkdown"],
                                [".jp-NotebookPanel .jp-OutputArea-output"]]}
NOTEBOOK_SCOPE = ".jp-NotebookPanel .jp-MarkdownCell .jp-RenderedMarkdown, .jp-NotebookPanel .jp-OutputArea-output"
SMALLEST_TEXT_PX = 12  # text smaller than this is hard to read at the back of a classroom from a projector


@dataclass(frozen=True)
class Finding:
    rule: str
    impact: str  # critical, serious, moderate, minor (axe's scale; our own checks use it too)
    help: str
    count: int  # how many elements
    example: str  # one of them, as HTML (shortened)
    url: str = ""

    @property
    def fails(self) -> bool:
        return self.impact in FAILING

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}, {self.count}x): {self.help}\n    e.g. {self.example}"


def _axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def axe_version(page) -> str:
    _inject(page)
    return page.evaluate("() => axe.version")


def _inject(page) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_script())


def axe_findings(page, context=None, tags=None) -> list[Finding]:
    """axe-core's violations on the page (or within context), one Finding per rule."""
    _inject(page)
    options = {"runOnly": {"type": "tag", "values": tags or AXE_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("([context, options]) => axe.run(context || document, options)", [context, options])
    return [Finding(v["id"], v["impact"] or "minor", v["help"], len(v["nodes"]),
                    v["nodes"][0]["html"][:240].replace("\n", " "), v["helpUrl"].split("?")[0])
            for v in result["violations"]]


# Each .balkans-vega chart: role=img with a text alternative, and colour never the only key.
_CHARTS = """scope => {
  const found = [];
  const roots = [...document.querySelectorAll(scope)];
  const charts = [...new Set(roots.flatMap(r => [...r.querySelectorAll('.balkans-vega')]))]
      .filter(c => c.getClientRects().length > 0);  // a chart hidden until the student answers is not shown
  for (const chart of charts) {
    const image = chart.querySelector('[role="img"]');
    const label = image ? (image.getAttribute('aria-label') || '').trim() : '';
    const html = chart.outerHTML.slice(0, 200);
    if (label.length < 20) found.push(['chart-text-alternative', html]);
    const svg = chart.querySelector('svg');
    if (!svg) { found.push(['chart-colour-unchecked', html]); continue; }  // drawn on a canvas (a map)
    const fills = new Set();
    for (const mark of svg.querySelectorAll('.role-mark:not(.mark-text):not(.mark-rule) path, .role-mark:not(.mark-text):not(.mark-rule) rect')) {
      const fill = mark.getAttribute('fill');
      if (fill && fill !== 'none' && fill !== 'transparent' && mark.getAttribute('fill-opacity') !== '0') fills.add(fill);
    }
    const keyed = svg.querySelector('.role-legend') || svg.querySelector('.role-mark.mark-text text');
    if (fills.size > 1 && !keyed) found.push(['chart-colour-alone', html]);
  }
  return found;
}"""

_CHART_RULES = {
    "chart-text-alternative": ("serious", "Every chart is an image with a text alternative of at least a sentence"),
    "chart-colour-alone": ("serious", "A chart with several colours has a legend or labels on its marks, "
                                      "so colour is never the only key"),
    "chart-colour-unchecked": ("minor", "A chart drawn on a canvas (a map): whether colour is the only key is "
                                        "checked by hand"),
}


def _group(pairs: list, rules: dict) -> list[Finding]:
    findings = []
    for rule, (impact, text) in rules.items():
        examples = [html for found, html in pairs if found == rule]
        if examples:
            findings.append(Finding(rule, impact, text, len(examples), examples[0].replace("\n", " ")))
    return findings


def chart_findings(page, scope: str = "body") -> list[Finding]:
    return _group(page.evaluate(_CHARTS, scope), _CHART_RULES)


# Readable on a projector: no visible text under SMALLEST_TEXT_PX.
_SMALL_TEXT = """([scope, smallest]) => {
  const found = [];
  for (const root of document.querySelectorAll(scope)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent.trim() || !parent || parent.closest('[aria-hidden="true"], style, script')) continue;
      if (!parent.getClientRects().length) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < smallest) found.push(['small-text', `${size}px: ` + parent.outerHTML.slice(0, 160)]);
    }
  }
  return found;
}"""


def projector_findings(page, scope: str = "body", context=None) -> list[Finding]:
    """Text too small, or contrast under WCAG AAA's 7:1, for a projector: listed, never failing."""
    findings = _group(page.evaluate(_SMALL_TEXT, [scope, SMALLEST_TEXT_PX]), {
        "small-text": ("moderate", f"Text on screen is at least {SMALLEST_TEXT_PX} px, to be read from a projector")})
    for finding in axe_findings(page, context, tags=["wcag2aaa"]):
        # AAA goes beyond the AA the test enforces; a projector washes colours out, so list where it falls short.
        findings.append(Finding(f"projector-{finding.rule}", "moderate",
                                finding.help + " (WCAG AAA, for a projector)", finding.count, finding.example,
                                finding.url))
    return findings


# Pages -------------------------------------------------------------------------------


def show_everything(page) -> None:
    """Lay the whole notebook out at once, so axe sees every cell as on screen.

    JupyterLab draws cells out of view lazily (content-visibility) and scrolls inside the notebook:
    axe would skip the colour contrast of what is not on screen. The window is made as tall as
    the notebook instead.
    """
    page.add_style_tag(content=".jp-WindowedPanel-viewport > * { content-visibility: visible !important; }")
    height = page.evaluate("() => document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": min(height + 400, 60_000)})
    page.wait_for_timeout(500)


def notebook_findings(page) -> list[Finding]:
    """Every finding on a notebook open in JupyterLab after Run All, within its content only."""
    show_everything(page)
    return (axe_findings(page, NOTEBOOK_CONTENT) + chart_findings(page, NOTEBOOK_SCOPE)
            + projector_findings(page, NOTEBOOK_SCOPE, NOTEBOOK_CONTENT))


def html_file_findings(page, path: Path) -> list[Finding]:
    """Every finding on any HTML file (a print version, a hand-in): the whole document."""
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_load_state("load")
    return axe_findings(page) + chart_findings(page) + projector_findings(page)


def failing(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.fails]


def run_fresh(page, lab, notebook: str, widgets: int | None = None) -> list[str]:
    """Open a notebook, Run All, and wait for its widgets (the caller removes the journal first).

    Returns the problems output_problems() sees (errors, widgets left unrendered).
    """
    from tests.browser import jupyter

    if widgets is None:
        from tests.browser.test_in_jupyterlab import EXPECTED_WIDGETS

        widgets = EXPECTED_WIDGETS.get(notebook, 0)
    jupyter.open_notebook(page, lab, notebook)
    jupyter.run_all(page)
    problems = jupyter.output_problems(page)
    if widgets and not problems:
        jupyter.wait_for_widgets(page, widgets)
        # Each chart drawn (its revision set) before axe looks at it.
        page.wait_for_function("() => [...document.querySelectorAll('.balkans-vega')]"
                               ".every(c => c.dataset.revision !== undefined || !c.getClientRects().length)",
                               timeout=60_000)
    return problems
