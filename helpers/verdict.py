"""The verdict on the essay's prediction (claim T): what happened after the election, marked and weighed.

The prediction is split into sub-predictions (``data/sub_predictions.csv``); each item that
happened after the election (a US action, or a report on US troops in KFOR) tests one of them
(``data/verdict_items.csv``). The student marks each item as continuity, change or unclear, in
substance and in tone, and says how much it matters; the verdict is computed from those marks
and from weights the student gives each sub-prediction. Nothing here decides for the student:
the same arithmetic runs on our coding, so the two can be compared.

The arithmetic, printed in the notebook too:

- an item counts +1 for continuity, -1 for change and 0 for unclear; substance and tone are
  mixed by the share the student gives tone: ``(1 - tone_share) * substance + tone_share * tone``;
- a sub-prediction's score is the importance-weighted mean of its marked items (-1 to +1);
- the overall score is the weight-weighted mean of the sub-predictions that have marked items.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import analysis, charts, data

CODES = {"continuity": "continuity: the line held", "change": "change: the line moved", "unclear": "unclear"}
VALUE = {"continuity": 1.0, "change": -1.0, "unclear": 0.0}
IMPORTANCE = {1: "matters a little", 2: "matters", 3: "matters a lot"}
DEFAULT_IMPORTANCE = 2  # for items counted with our coding that the student did not mark
TONE_SHARES = {0.0: "not at all: substance only", 0.25: "a little: 1 part tone to 3 parts substance",
               0.5: "as much as substance: 1 part to 1"}
WEIGHTS = {0: "left out", 1: "counts", 2: "counts double", 3: "counts triple"}
# Symmetric bands: within 0.2 of zero is mixed, beyond 0.6 is clear, either way.
BANDS = ("clearly continuity", "more continuity than change", "mixed", "more change than continuity",
         "clearly change")


def sub_predictions() -> pd.DataFrame:
    """The sub-predictions, in order (SP1 first), with the claims each rests on."""
    return data.load("sub_predictions").sort_values("sub_prediction_id").reset_index(drop=True)


def short_labels() -> dict[str, str]:
    return dict(zip(sub_predictions()["sub_prediction_id"], sub_predictions()["short_label"]))


def _reports() -> pd.DataFrame:
    reports = data.load("presence_reports").rename(columns={"report_id": "item_id"})
    return reports.assign(who="Report on US troops in KFOR", country_name="Kosovo", summary_short=reports["summary"],
                          reason_substance="", reason_tone="")


def _actions() -> pd.DataFrame:
    events = analysis.described_events(data.load("policy_events")).rename(columns={"event_id": "item_id"})
    return events.assign(who=events["administration_label"] + " · " + events["institution"].astype(str),
                         reason_substance=events["substance_rationale"], reason_tone=events["tone_rationale"])


def items(class_set: bool = False) -> pd.DataFrame:
    """Every item that tests a sub-prediction, by sub-prediction and date, with what a student reads.

    Columns include item_id, sub_prediction_id, in_class_set, bearing, when, who, country_name,
    summary_short, summary, source_id, alt_source_id, and our coding: substance, tone, and the
    reasons for each (reason_substance, reason_tone).
    """
    placed = data.load("verdict_items")
    keep = ["item_id", "date", "date_precision", "who", "country_name", "summary_short", "summary", "source_id",
            "alt_source_id", "reason_substance", "reason_tone"]
    found = pd.concat([_actions()[keep], _reports()[keep]], ignore_index=True)
    missing = sorted(set(placed["item_id"]) - set(found["item_id"]))
    if missing:
        raise KeyError(f"data/verdict_items.csv names items that are in neither policy_events nor presence_reports: "
                       f"{', '.join(missing)}.")
    merged = placed.drop(columns=["source_id"]).merge(found, on="item_id", how="left")
    own = merged["reason"].fillna("").astype(str)  # our reason, for items whose coding is kept here
    merged["reason_substance"] = merged["reason_substance"].where(own == "", own)
    merged["reason_tone"] = merged["reason_tone"].where(own == "", own)
    merged["when"] = [charts.format_date(d, p) for d, p in zip(merged["date"], merged["date_precision"])]
    merged = merged.sort_values(["sub_prediction_id", "date", "item_id"]).reset_index(drop=True)
    return merged[merged["in_class_set"] == "yes"].reset_index(drop=True) if class_set else merged


def usable_mark(mark) -> bool:
    """A mark the verdict can use: substance and tone among CODES, importance 1-3."""
    return (isinstance(mark, dict) and mark.get("substance") in CODES and mark.get("tone") in CODES
            and mark.get("importance") in IMPORTANCE and not isinstance(mark.get("importance"), bool))


def usable_marks(marks) -> dict[str, dict]:
    """The usable marks of a saved value, keyed by item id (anything else is left out)."""
    if not isinstance(marks, dict):
        return {}
    return {str(k): v for k, v in marks.items() if usable_mark(v)}


def class_set_done(marks) -> bool:
    """True once every item of the class set has a usable mark: the parts after the marking open then."""
    placed = data.load("verdict_items")
    return set(placed.loc[placed["in_class_set"] == "yes", "item_id"]) <= set(usable_marks(marks))


def our_marks(importance: dict[str, int] | None = None) -> dict[str, dict]:
    """Our coding of every item as marks, with the student's importance where given, else DEFAULT_IMPORTANCE."""
    importance = importance or {}
    return {row.item_id: {"substance": row.substance, "tone": row.tone,
                          "importance": importance.get(row.item_id, DEFAULT_IMPORTANCE)}
            for row in data.load("verdict_items").itertuples()}


def item_value(mark: dict, tone_share: float) -> float:
    """One item's contribution, from -1 (change) to +1 (continuity)."""
    return (1 - tone_share) * VALUE[mark["substance"]] + tone_share * VALUE[mark["tone"]]


def words(score: float | None) -> str:
    """A score in words, by symmetric bands (the same width for continuity and for change)."""
    if score is None or math.isnan(score):
        return "nothing marked"
    size = 2 if abs(score) <= 0.2 else 1 if abs(score) <= 0.6 else 0
    return BANDS[size] if score > 0 or size == 2 else BANDS[4 - size]


@dataclass
class Verdict:
    """Scores per sub-prediction (table) and overall, with what went into them."""

    table: pd.DataFrame  # one row per sub-prediction
    overall: float | None
    counted: int  # items counted
    ours_filled: int = 0  # of which counted with our coding because the student did not mark them

    @property
    def overall_words(self) -> str:
        return words(self.overall)


def inauguration() -> pd.Timestamp:
    """The day the election's winner took office: the start of the last administration in the table."""
    return data.load("administrations")["term_start"].max()


def outgoing_items() -> set[str]:
    """Items dated after the election but before the inauguration: the outgoing administration's last weeks.

    They happened after the essay, but they do not test what the winner did.
    """
    dated = pd.concat([data.load("policy_events").rename(columns={"event_id": "item_id"})[["item_id", "date"]],
                       data.load("presence_reports").rename(columns={"report_id": "item_id"})[["item_id", "date"]]])
    placed = set(data.load("verdict_items")["item_id"])
    return set(dated[(dated["date"] < inauguration()) & dated["item_id"].isin(placed)]["item_id"])


def compute(marks: dict[str, dict], weights: dict[str, int] | None = None, tone_share: float = 0.0,
            fill_with_ours: bool = False, outgoing: bool = False) -> Verdict:
    """The verdict from marks (item id -> substance, tone, importance) and weights (sub-prediction -> 0-3).

    Unusable marks and items not in the table are ignored. With fill_with_ours, every item the
    student did not mark counts with our coding at DEFAULT_IMPORTANCE. Items of the outgoing
    administration (before the inauguration) count only with outgoing=True. A sub-prediction
    with no counted item, or with weight 0, is left out of the overall score.
    """
    if tone_share not in TONE_SHARES:
        raise ValueError(f"tone_share must be one of {', '.join(map(str, TONE_SHARES))}, not {tone_share!r}.")
    placed = data.load("verdict_items").set_index("item_id")["sub_prediction_id"]
    chosen = {k: v for k, v in usable_marks(marks).items() if k in placed.index}
    own = set(chosen)
    if fill_with_ours:
        chosen = {**our_marks(), **chosen}
    if not outgoing:
        left_out = outgoing_items()
        chosen = {k: v for k, v in chosen.items() if k not in left_out}
    weights = weights or {}
    rows = []
    for sp in sub_predictions().itertuples():
        mine = {k: v for k, v in chosen.items() if placed[k] == sp.sub_prediction_id}
        total = sum(m["importance"] for m in mine.values())

        def mean(part_share: float, marks_here=mine, total_here=total) -> float | None:
            if not total_here:
                return None
            return sum(m["importance"] * item_value(m, part_share) for m in marks_here.values()) / total_here

        weight = weights.get(sp.sub_prediction_id, 1)
        if weight not in WEIGHTS:
            raise ValueError(f"The weight of {sp.sub_prediction_id} must be one of 0, 1, 2, 3, not {weight!r}.")
        count = {code: sum(m["substance"] == code for m in mine.values()) for code in CODES}
        rows.append({"sub_prediction_id": sp.sub_prediction_id, "short_label": sp.short_label, "items": len(mine),
                     **{f"substance_{code}": n for code, n in count.items()},
                     "substance_score": mean(0.0), "tone_score": mean(1.0), "score": mean(tone_share),
                     "weight": weight})
    table = pd.DataFrame(rows)
    counted = table[table["score"].notna() & (table["weight"] > 0)]
    overall = None
    if not counted.empty:
        overall = float((counted["score"] * counted["weight"]).sum() / counted["weight"].sum())
    return Verdict(table, overall, len(chosen), len(set(chosen) - own))


def differences(marks: dict[str, dict]) -> pd.DataFrame:
    """Items the student marked, with ours beside: same_substance and same_tone say where they differ."""
    chosen = usable_marks(marks)
    rows = items()
    rows = rows[rows["item_id"].isin(chosen)].copy()
    rows["my_substance"] = [chosen[i]["substance"] for i in rows["item_id"]]
    rows["my_tone"] = [chosen[i]["tone"] for i in rows["item_id"]]
    rows["my_importance"] = [chosen[i]["importance"] for i in rows["item_id"]]
    rows["same_substance"] = rows["my_substance"] == rows["substance"]
    rows["same_tone"] = rows["my_tone"] == rows["tone"]
    return rows.reset_index(drop=True)


def signed(score: float | None) -> str:
    return "none" if score is None or math.isnan(score) else f"{score:+.2f}"


def sentence(verdict: Verdict, ours: Verdict | None = None) -> str:
    """The verdict in one or two sentences, for the page and the chart's text alternative."""
    if verdict.overall is None:
        return ("Nothing is counted yet: mark some items, or give at least one sub-prediction with marked items "
                "a weight above 0.")
    counted = (f"{verdict.counted} items" if not verdict.ours_filled else
               f"{verdict.counted} items: {verdict.counted - verdict.ours_filled} marked by you and "
               f"{verdict.ours_filled} with our coding")
    text = (f"On your marks and weights the overall score is {signed(verdict.overall)} on a scale from -1 (everything "
            f"changed) to +1 (everything held): {verdict.overall_words}, from {counted}.")
    if ours is not None and ours.overall is not None:
        text += f" With our coding and the same weights it would be {signed(ours.overall)}: {ours.overall_words}."
    return text


def ours_on_same_items(marks: dict[str, dict], weights: dict[str, int] | None = None, tone_share: float = 0.0,
                       fill_with_ours: bool = False, outgoing: bool = False) -> Verdict:
    """The same computation on our coding of the items the student counted, with the student's importance:
    any difference from ``compute`` comes from the coding alone."""
    mine = usable_marks(marks)
    ours = our_marks({k: v["importance"] for k, v in mine.items()})
    if not fill_with_ours:
        ours = {k: ours[k] for k in mine if k in ours}
    return compute(ours, weights, tone_share, outgoing=outgoing)
