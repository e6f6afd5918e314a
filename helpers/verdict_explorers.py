"""Notebook 09's widgets: mark what happened one item at a time, compare with our coding, weigh a verdict.

- ``EventMarker`` (question ``09.mark-events``): one item at a time, with date, who acted, what
  happened, which sub-prediction it tests and its source; the student marks substance, tone and
  importance. Every save keeps all marks so far in the journal; the parts that depend on the
  marks open once the class set is marked.
- ``MarkComparison``: the student's marks beside our coding, with our reason where they differ.
- ``VerdictExplorer``: weights per sub-prediction and for tone, a chart and a table of scores
  (``verdict.compute``), redrawn on every change; the student saves the verdict they defend.
- ``Conclusion``: the written conclusion, saved in the journal with the verdict beside it.
"""

from __future__ import annotations

import html

import ipywidgets as w

from . import argmap, data, exercises, questions, tables, vega, verdict
from .charts import OKABE_ITO
from .exercises import STYLE, WIDE, status_html
from .guard import reported
from .journal import Journal
from .vega import VEGA_LITE_SCHEMA
from .vega_charts import FIT, FONT
from .widgets import live_text

QUESTION = "09.mark-events"
NOTEBOOK = "09_the_verdict.ipynb"
_listeners: list = []  # widgets of this kernel that redraw when the marks change


def _notify(marks: dict) -> None:
    for listener in list(_listeners):
        listener(marks)


def saved_marks(journal: Journal | None = None) -> dict[str, dict]:
    """The student's usable marks from the journal (an empty dict if none)."""
    journal = journal or Journal(warn=False)
    return verdict.usable_marks(journal.latest("marking", QUESTION))


def _radios(options: dict, description: str) -> w.RadioButtons:
    # A fixed width per group: side by side, long option labels would otherwise run into the next group.
    return w.RadioButtons(options=[(label, key) for key, label in options.items()], value=None,
                          description=description, style=STYLE, layout=w.Layout(width="250px"))


class EventMarker(exercises._Exercise):
    """What happened after the election, one item at a time: the student marks each in substance and tone."""

    def __init__(self, q: questions.Question, journal: Journal | None = None):
        self.all_items = verdict.items()
        self.labels = verdict.short_labels()
        n_class, n_all = int((self.all_items["in_class_set"] == "yes").sum()), len(self.all_items)
        n_reports = int(self.all_items["item_id"].str.startswith("PR").sum())
        self.scope = w.Dropdown(options=[(f"The {n_class} chosen for class", "class"),
                                         (f"All {n_all} in our record ({n_all - n_reports} US actions and "
                                          f"{n_reports} reports on KFOR)", "all")],
                                value="class", description="Items to mark:", style=STYLE)
        self.progress = w.HTML(layout=WIDE)
        self.card = w.HTML(layout=WIDE)
        self.substance = _radios(verdict.CODES, "Substance:")
        self.tone = _radios(verdict.CODES, "Tone:")
        self.importance = _radios(verdict.IMPORTANCE, "How much it matters:")
        self.back_button = w.Button(description="◀ Previous", tooltip="Show the previous item (nothing is saved)")
        self.save_button = w.Button(description="Save and next ▶", button_style="primary",
                                    tooltip="Save your mark for this item and show the next")
        self.skip_button = w.Button(description="Skip ▶", tooltip="Show the next item without saving a mark")
        self.back_button.on_click(lambda _b: self.move(-1))
        self.skip_button.on_click(lambda _b: self.move(+1))
        self.save_button.on_click(lambda _b: self.keep())
        self.scope.observe(lambda _c: self.show(0), names="value")
        self.marks: dict[str, dict] = {}
        self.position = 0
        super().__init__(q, [exercises._prompt(q), self.scope, self.progress, self.card,
                             w.HBox([self.substance, self.tone, self.importance]),
                             w.HBox([self.back_button, self.save_button, self.skip_button])], journal)
        earlier = self.earlier()
        self.marks = verdict.usable_marks(earlier)
        self.show(self.first_unmarked())

    def shown(self):
        """The items of the chosen scope, in order."""
        if self.scope.value == "class":
            return self.all_items[self.all_items["in_class_set"] == "yes"].reset_index(drop=True)
        return self.all_items

    def first_unmarked(self) -> int:
        ids = list(self.shown()["item_id"])
        return next((i for i, item in enumerate(ids) if item not in self.marks), 0)

    def current(self):
        return self.shown().iloc[self.position]

    @reported
    def show(self, position: int) -> None:
        items = self.shown()
        self.position = max(0, min(position, len(items) - 1))
        item = self.current()
        source = tables.source_cell(item["source_id"], item["alt_source_id"])
        self.card.value = (
            f'<div style="border:1px solid #999;padding:6px 12px;margin:4px 0">'
            f"<p><b>{html.escape(item['when'])}</b> · {html.escape(str(item['who']))} · "
            f"{html.escape(str(item['country_name']))}</p>"
            f"<p>{html.escape(tables.named(item['summary']))}</p>"
            f"<p><b>Tests {html.escape(item['sub_prediction_id'])}:</b> "
            f"{html.escape(self.labels[item['sub_prediction_id']])}. <i>{html.escape(item['bearing'])}</i></p>"
            f"<p><small>Source: {source}</small></p></div>")
        mark = self.marks.get(item["item_id"], {})
        self.substance.value = mark.get("substance")
        self.tone.value = mark.get("tone")
        self.importance.value = mark.get("importance")
        self.back_button.disabled = self.position == 0
        # Last, so that once the progress line has changed the choices for this item are already in place.
        done = sum(i in self.marks for i in items["item_id"])
        self.progress.value = (f"<p><b>Item {self.position + 1} of {len(items)}</b> ({done} of {len(items)} "
                               f"marked{'; all marked' if done == len(items) else ''})</p>")

    def move(self, step: int) -> None:
        self.show(self.position + step)

    def keep(self) -> bool:
        # Disabled while the comparison and the verdict redraw, so an impatient second click cannot queue a save.
        self.save_button.disabled = True
        try:
            return self._keep()
        finally:
            self.save_button.disabled = False

    @reported
    def _keep(self) -> bool:
        unset = [name for name, radios in (("substance", self.substance), ("tone", self.tone),
                                           ("how much it matters", self.importance)) if radios.value is None]
        if unset:
            self.feedback.value = status_html(f"Choose {' and '.join(unset)} before you save.", False)
            return False
        was_done = verdict.class_set_done(self.marks)
        item = self.current()
        self.marks[item["item_id"]] = {"substance": self.substance.value, "tone": self.tone.value,
                                       "importance": self.importance.value}
        self.journal.record("marking", QUESTION, dict(self.marks), notebook=NOTEBOOK)
        done = verdict.class_set_done(self.marks)
        note = ""
        if done and not was_done:
            exercises._committed(QUESTION)
            note = " You have marked every item chosen for class: the comparison and the verdict below are open."
        self.feedback.value = status_html(f"Saved your mark for item {self.position + 1}.{note}", True) + \
            self.journal_notice()
        _notify(dict(self.marks))
        last = self.position == len(self.shown()) - 1
        self.show(self.position if last else self.position + 1)
        return True


def event_marker(journal: Journal | None = None) -> EventMarker:
    return EventMarker(questions.question(QUESTION), journal)


def _code_words(code: str) -> str:
    return verdict.CODES[code].split(":")[0]


def pair(mine: str, ours: str, same: bool, reason: str) -> str:
    """One cell of the comparison: the student's code, ours (flagged where they differ) and our reason."""
    flag = "" if same else " <b>(differs)</b>"
    return (f"yours: {html.escape(_code_words(mine))}<br>ours: <b>{html.escape(_code_words(ours))}</b>"
            f"{flag}<br><small>{html.escape(tables.named(reason))}</small>")


class MarkComparison(w.VBox):
    """The student's marks beside our coding, with our reason for each; redrawn when the marks change."""

    def __init__(self, journal: Journal | None = None):
        self.summary = w.HTML(layout=WIDE)
        self.table = w.HTML(layout=WIDE)
        super().__init__([self.summary, self.table])
        _listeners.append(self.refresh)
        self.refresh(saved_marks(journal))

    @reported
    def refresh(self, marks: dict) -> None:
        rows = verdict.differences(marks)
        n = len(rows)
        same_s, same_t = int(rows["same_substance"].sum()), int(rows["same_tone"].sum())
        self.summary.value = live_text(
            f"You have marked {n} items. You and our coding agree on substance for {same_s} of {n} and on tone for "
            f"{same_t} of {n}. Where you differ, our reason is beside ours: read it and decide whether it changes "
            "your mind; you can change any mark above.")
        cells = []
        for row in rows.itertuples():
            cells.append([html.escape(row.when), html.escape(row.sub_prediction_id),
                          html.escape(row.summary_short),
                          pair(row.my_substance, row.substance, row.same_substance, row.reason_substance),
                          pair(row.my_tone, row.tone, row.same_tone, row.reason_tone),
                          html.escape(verdict.IMPORTANCE[row.my_importance])])
        self.table.value = tables.html_table("Your marks beside our coding", ["When", "Tests", "What happened",
                                             "Substance", "Tone", "Your importance"], cells)


def verdict_rows(mine: verdict.Verdict, ours: verdict.Verdict) -> list[dict]:
    """One row per sub-prediction and one for the overall score, yours and ours, for the chart."""
    rows = []
    labels = [(f"{r.sub_prediction_id}: {r.short_label}", r.score, o.score, r.weight)
              for r, o in zip(mine.table.itertuples(), ours.table.itertuples())]
    labels.insert(0, ("Overall (weighted)", mine.overall, ours.overall, None))  # the answer first
    for order, (label, score, our_score, weight) in enumerate(labels):
        score, our_score = (None if x is None or x != x else float(x) for x in (score, our_score))  # NaN: none
        left_out = weight == 0
        rows.append({"order": order, "label": label + (" (left out)" if left_out else ""),
                     "score": score, "ours": our_score,
                     "direction": "none" if score is None else verdict.words(score),
                     "text": "nothing marked" if score is None else verdict.signed(score)})
    return rows


DIRECTIONS = list(verdict.BANDS)
DIRECTION_COLOURS = [OKABE_ITO["blue"], OKABE_ITO["sky_blue"], "#999999", OKABE_ITO["orange"],
                     OKABE_ITO["vermillion"]]


def verdict_spec(rows: list[dict]) -> dict:
    """Scores as horizontal bars from -1 (changed) to +1 (held), a black tick for our coding on the same items."""
    y = {"field": "label", "type": "nominal", "title": None, "sort": {"field": "order"},
         "axis": {"labelLimit": 320}}
    x = {"field": "score", "type": "quantitative", "scale": {"domain": [-1, 1]},
         "title": "Score: -1 = everything changed, 0 = mixed, +1 = everything held"}
    # resize: the long part names arrive with the first rows, after the chart is first laid out empty
    return {"$schema": VEGA_LITE_SCHEMA, "width": "container", "autosize": {**FIT, "resize": True}, "config": FONT,
            "height": 250,
            "title": {"text": "Did the prediction hold? Your verdict, part by part",
                      "subtitle": ["Bars: your marks and weights. Black ticks: one other reading, our coding of the same items ",
                                   "with your importance and weights. The score is printed at each bar."]},
            "datasets": {"scores": rows},
            "layer": [{"data": {"name": "scores"}, "mark": {"type": "bar"},
                       "encoding": {"x": x, "y": y,
                                    "color": {"field": "direction", "type": "nominal", "title": "Your score",
                                              "legend": {"orient": "bottom", "direction": "horizontal",
                                                         "columns": 3, "labelLimit": 260},
                                              "scale": {"domain": DIRECTIONS, "range": DIRECTION_COLOURS}},
                                    "tooltip": [{"field": "label", "title": "Part"},
                                                {"field": "text", "title": "Your score"},
                                                {"field": "ours", "title": "Our coding", "format": "+.2f"}]}},
                      {"data": {"name": "scores"}, "mark": {"type": "tick", "color": "#000000", "thickness": 3},
                       "encoding": {"x": {"field": "ours", "type": "quantitative"}, "y": y}},
                      {"data": {"name": "scores"}, "mark": {"type": "rule", "color": "#555555"},
                       "encoding": {"x": {"datum": 0}}},
                      {"data": {"name": "scores"}, "mark": {"type": "text", "align": "left", "x": 4,
                                                            "fontWeight": "bold"},
                       "encoding": {"y": y, "text": {"field": "text"}}}]}


class VerdictExplorer(w.VBox):
    """Weights per sub-prediction and for tone; the verdict computed from the student's own marks, redrawn live."""

    def __init__(self, journal: Journal | None = None):
        self.journal = journal or Journal(warn=False)
        earlier = self.journal.latest("verdict", "T")
        earlier = earlier if isinstance(earlier, dict) else {}
        saved_weights = earlier.get("weights") if isinstance(earlier.get("weights"), dict) else {}
        self.weights: dict[str, w.Dropdown] = {}
        for sp in verdict.sub_predictions().itertuples():
            start = saved_weights.get(sp.sub_prediction_id, 1)
            self.weights[sp.sub_prediction_id] = w.Dropdown(
                options=[(label, n) for n, label in verdict.WEIGHTS.items()],
                value=start if start in verdict.WEIGHTS else 1,
                description=f"{sp.sub_prediction_id} {sp.short_label}:", style=STYLE,
                layout=w.Layout(width="max-content"))
        tone = earlier.get("tone_share", 0.0)
        self.tone_share = w.Dropdown(options=[(label, share) for share, label in verdict.TONE_SHARES.items()],
                                     value=tone if tone in verdict.TONE_SHARES else 0.0,
                                     description="How much tone counts beside substance:", style=STYLE,
                                     layout=w.Layout(width="max-content"))
        self.fill = w.Checkbox(value=bool(earlier.get("fill_with_ours", False)), indent=False, layout=WIDE,
                               description="Also count the items I did not mark, with our coding (each counted as "
                                           "'matters')")
        n_outgoing = len(verdict.outgoing_items())
        self.outgoing = w.Checkbox(value=bool(earlier.get("outgoing", False)), indent=False, layout=WIDE,
                                   description=f"Also count the outgoing administration's {n_outgoing} items "
                                               f"(after the election, before {verdict.inauguration():%-d %B %Y})")
        self.summary = w.HTML(layout=WIDE)
        self.chart = vega.VegaChart(verdict_spec([]))
        self.table = w.HTML(layout=WIDE)
        self.save_button = w.Button(description="Save my verdict", button_style="primary",
                                    tooltip="Save your weights and the verdict they give in your journal")
        self.status = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        for control in self.controls().values():
            control.observe(lambda _c: self.update(), names="value")
        self.marks = saved_marks(self.journal)
        self.state: dict = {}
        super().__init__([w.HTML("<p><b>How much does each part of the prediction count in your verdict?</b></p>"),
                          *self.weights.values(), self.tone_share, self.fill, self.outgoing, self.summary, self.chart, self.table,
                          self.save_button, self.status])
        _listeners.append(self.refresh)
        self.update()

    def controls(self) -> dict:
        return {**{f"weight_{k}": v for k, v in self.weights.items()}, "tone_share": self.tone_share,
                "fill_with_ours": self.fill, "outgoing": self.outgoing}

    def settings(self) -> dict:
        return {"weights": {k: v.value for k, v in self.weights.items()}, "tone_share": self.tone_share.value,
                "fill_with_ours": self.fill.value, "outgoing": self.outgoing.value}

    def refresh(self, marks: dict) -> None:
        self.marks = verdict.usable_marks(marks)
        self.update()

    @reported
    def update(self) -> None:
        settings = self.settings()
        mine = verdict.compute(self.marks, **settings)
        ours = verdict.ours_on_same_items(self.marks, **settings)
        text = verdict.sentence(mine, ours)
        self.state = {"overall": mine.overall, "ours": ours.overall, "counted": mine.counted,
                      "scores": dict(zip(mine.table["sub_prediction_id"], mine.table["score"]))}
        saved = self.journal.latest("verdict", "T")
        if isinstance(saved, dict) and isinstance(saved.get("overall"), (int, float)) and mine.overall is not None \
                and abs(saved["overall"] - mine.overall) > 0.0005:
            text += (f" Your saved verdict ({verdict.signed(saved['overall'])}) is older than this: press Save my "
                     "verdict to keep the new one.")
        self.summary.value = live_text(text)
        self.chart.update(datasets={"scores": verdict_rows(mine, ours)}, description=f"Chart. {text}")
        rows = []
        for r, o in zip(mine.table.itertuples(), ours.table.itertuples()):
            rows.append([f"<b>{html.escape(r.sub_prediction_id)}</b> {html.escape(r.short_label)}", str(r.items),
                         f"{r.substance_continuity} / {r.substance_change} / {r.substance_unclear}",
                         verdict.signed(r.substance_score), verdict.signed(r.tone_score),
                         f"<b>{verdict.signed(r.score)}</b> ({html.escape(verdict.words(r.score))})",
                         html.escape(verdict.WEIGHTS[r.weight]), verdict.signed(o.score)])
        self.table.value = tables.html_table(
            "Your verdict, part by part", ["Sub-prediction", "Items counted", "Substance: continuity / change / "
                                           "unclear", "Substance score", "Tone score", "Your score",
                                           "Your weight", "Our coding's score"], rows)

    @reported
    def save(self) -> bool:
        mine = verdict.compute(self.marks, **self.settings())
        if mine.overall is None:
            self.status.value = status_html("There is no verdict to save yet: mark some items first, or give a "
                                            "weight above 'left out' to a part with marked items.", False)
            return False
        value = {**self.settings(), "overall": round(mine.overall, 3), "items_marked": mine.counted - mine.ours_filled,
                 "items_with_our_coding": mine.ours_filled,
                 "scores": {k: (None if v is None or v != v else round(v, 3))
                            for k, v in zip(mine.table["sub_prediction_id"], mine.table["score"])}}
        self.journal.record("verdict", "T", value, notebook=NOTEBOOK)
        self.status.value = status_html(f"Saved: {verdict.signed(mine.overall)}, {mine.overall_words}. Change any "
                                        "weight or mark and save again at any time.", True)
        self.update()  # the note that the saved verdict is older goes away
        return True


def verdict_explorer(journal: Journal | None = None) -> VerdictExplorer:
    return VerdictExplorer(journal)


def ratings_table(journal: Journal | None = None) -> str:
    """The student's rating of every claim, from the journal, with the reason and the notebook it belongs to."""
    journal = journal or Journal(warn=False)
    rows, rated = [], 0
    for claim in data.load("claims").itertuples():
        value = journal.latest("rating", claim.claim_id)
        notebook = claim.notebook if isinstance(claim.notebook, str) and claim.notebook else NOTEBOOK
        link = f'<a href="{html.escape(notebook)}">notebook {html.escape(notebook[:2])}</a>'
        if isinstance(value, dict) and value.get("stars") in exercises.RATING_LABELS:
            rated += 1
            rating = f"<b>{value['stars']}/5</b>: {html.escape(argmap.RATING_WORDS[value['stars']])}"
            reason = html.escape(str(value.get("reason", "")))
        else:
            rating, reason = "<i>not rated yet</i>", f"Rate it in {link}."
        rows.append([f"<b>{html.escape(claim.claim_id)}</b> {html.escape(claim.short_label)}", link, rating, reason])
    n = len(rows)
    lead = (f"<p>You have rated {rated} of the {n} claims. A claim you have not rated yet says where to rate it; "
            "you can change any rating there, and this table shows the latest one when you run this cell again.</p>")
    return lead + tables.html_table("Your ratings of every claim, from your journal",
                                    ["Claim", "Notebook", "Your rating", "Your reason"], rows)


class Conclusion(w.VBox):
    """The student's written conclusion on the prediction, saved in the journal with the saved verdict beside it."""

    def __init__(self, journal: Journal | None = None):
        self.journal = journal or Journal(warn=False)
        self.text = w.Textarea(placeholder="Did the prediction hold? Say which parts held and which did not, which "
                                           "evidence weighed most, and what would change your mind.",
                               description="My conclusion:", style=STYLE,
                               layout=w.Layout(width="90%", height="140px"))
        self.save_button = w.Button(description="Save my conclusion", button_style="primary",
                                    tooltip="Save your conclusion in your journal")
        self.status = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        super().__init__([self.text, self.save_button, self.status])
        earlier = self.journal.latest("conclusion", "T")
        if isinstance(earlier, dict) and isinstance(earlier.get("text"), str):
            self.text.value = earlier["text"]
            self.status.value = status_html("Loaded the conclusion you saved earlier; change it and save again at "
                                            "any time.")

    def verdict_words(self) -> str:
        saved = self.journal.latest("verdict", "T")
        if isinstance(saved, dict) and isinstance(saved.get("overall"), (int, float)):
            return f"{verdict.signed(saved['overall'])}: {verdict.words(saved['overall'])}"
        return ""

    @reported
    def save(self) -> bool:
        text = self.text.value.strip()
        if len(text.split()) < 15:
            self.status.value = status_html("Write at least a few sentences (15 words or more): your conclusion is "
                                            "what you hand in.", False)
            return False
        self.journal.record("conclusion", "T", {"text": text, "verdict": self.verdict_words()}, notebook=NOTEBOOK)
        beside = self.verdict_words()
        self.status.value = status_html("Saved in your journal" + (f", beside your saved verdict ({beside})"
                                                                   if beside else "") + ".", True)
        return True


def parts_table() -> str:
    """The prediction's parts: what each expects, what would count as change, and the claims it rests on."""
    rows = [[f"<b>{html.escape(r.sub_prediction_id)}</b> {html.escape(r.short_label)}", html.escape(r.statement),
             html.escape(r.what_would_be_change), html.escape(r.claim_ids.replace(";", ", "))]
            for r in verdict.sub_predictions().itertuples()]
    return tables.html_table("The prediction in seven parts, and what would count as change",
                             ["Part", "What the prediction expects", "What would count as change",
                              "Claims it rests on"], rows)
