"""Notebook 09: the verdict computed from the student's marks and weights, the marker, the comparison, the hand-in."""

import json

import pytest

from helpers import data, exercises, handin, questions, verdict, verdict_explorers
from helpers.journal import Journal

C, X, U = "continuity", "change", "unclear"


def mark(substance, tone, importance=2):
    return {"substance": substance, "tone": tone, "importance": importance}


# Hand-computed case: SP1 has PE108 and PE042, SP2 has PE045 (data/verdict_items.csv).
MARKS = {"PE108": mark(C, X, 3), "PE042": mark(X, X, 1), "PE045": mark(X, X, 2)}


def test_the_items_used_here_test_the_parts_the_hand_computation_assumes():
    placed = data.load("verdict_items").set_index("item_id")["sub_prediction_id"]
    assert (placed["PE108"], placed["PE042"], placed["PE045"]) == ("SP1", "SP1", "SP2")


def test_scores_are_importance_weighted_means_and_the_overall_a_weight_weighted_mean():
    result = verdict.compute(MARKS)
    table = result.table.set_index("sub_prediction_id")
    assert table.loc["SP1", "substance_score"] == pytest.approx((3 * 1 + 1 * -1) / 4)  # 0.5
    assert table.loc["SP1", "tone_score"] == pytest.approx(-1.0)
    assert table.loc["SP2", "score"] == pytest.approx(-1.0)
    assert table.loc["SP1", ["substance_continuity", "substance_change", "substance_unclear"]].tolist() == [1, 1, 0]
    assert result.overall == pytest.approx((0.5 - 1.0) / 2) and result.counted == 3
    assert verdict.compute(MARKS, weights={"SP1": 3, "SP2": 1}).overall == pytest.approx((3 * 0.5 - 1) / 4)
    assert verdict.compute(MARKS, weights={"SP2": 0}).overall == pytest.approx(0.5)  # left out
    # With tone counting half, PE108 (substance held, tone changed) counts 0.
    half = verdict.compute(MARKS, tone_share=0.5).table.set_index("sub_prediction_id")
    assert half.loc["SP1", "score"] == pytest.approx((3 * 0 + 1 * -1) / 4)


def test_nothing_marked_gives_no_verdict_and_says_so():
    result = verdict.compute({})
    assert result.overall is None and result.counted == 0 and result.overall_words == "nothing marked"
    assert "Nothing is counted yet" in verdict.sentence(result)
    assert verdict.compute(MARKS, weights={"SP1": 0, "SP2": 0}).overall is None


def test_unusable_marks_and_unknown_items_are_ignored_not_counted():
    noisy = {**MARKS, "PE999": mark(C, C), "PE039": mark("maybe", C), "PE046": mark(C, C, True),
             "PE043": "continuity"}
    assert verdict.compute(noisy).overall == verdict.compute(MARKS).overall
    assert verdict.usable_marks(["not", "a", "dict"]) == {}


def test_bad_settings_are_refused_with_what_is_allowed():
    with pytest.raises(ValueError, match="tone_share"):
        verdict.compute(MARKS, tone_share=0.3)
    with pytest.raises(ValueError, match="weight of SP1"):
        verdict.compute(MARKS, weights={"SP1": 7})


@pytest.mark.parametrize("score", [0.0, 0.1, 0.2, 0.21, 0.5, 0.6, 0.61, 1.0])
def test_the_words_for_a_score_are_symmetric(score):
    mirrored = verdict.words(-score).replace("change", "@").replace("continuity", "change").replace("@", "continuity")
    assert verdict.words(score) == mirrored


def test_our_coding_on_the_same_items_differs_only_by_coding():
    ours = verdict.our_marks()
    same = {k: ours[k] for k in MARKS}
    assert verdict.ours_on_same_items(same).overall == pytest.approx(verdict.compute(same).overall)
    filled = verdict.compute({}, fill_with_ours=True, outgoing=True)
    assert filled.counted == len(data.load("verdict_items"))


def test_every_action_after_the_election_is_placed_once_and_our_coding_agrees_with_policy_events():
    events = data.load("policy_events")
    after = events[(events["date"] > "2024-11-05") & events["claim_ids"].str.split(";").apply(lambda c: "T" in c)]
    placed = data.load("verdict_items")
    assert set(after["event_id"]) <= set(placed["item_id"])
    assert placed["item_id"].is_unique
    codes = events.set_index("event_id")
    substance = {"continues": C, "departs": X, "starts": X, "unclear": U}
    tone = {"same": C, "changed": X, "unclear": U}
    for row in placed.itertuples():
        own_reason = isinstance(row.reason, str) and row.reason.strip()
        if row.item_id.startswith("PE") and not own_reason:  # same coding, in the verdict's words
            assert (row.substance, row.tone) == (substance[codes.loc[row.item_id, "substance"]],
                                                 tone[codes.loc[row.item_id, "tone"]]), row.item_id
        else:  # a report, or a reading that differs for this sub-prediction: the reason says why
            assert own_reason, row.item_id
    assert set(verdict.items(class_set=True)["sub_prediction_id"]) == set(verdict.sub_predictions()["sub_prediction_id"])


def _mark_class_set(marker, codes=(C, C, 2)):
    for _ in range(len(marker.shown())):
        marker.substance.value, marker.tone.value, marker.importance.value = codes
        marker.save_button.click()


def test_the_marker_refuses_an_incomplete_mark_and_saves_nothing(journal_file):
    journal = Journal(journal_file)
    marker = exercises.ask("09.mark-events", journal=journal)
    assert isinstance(marker, verdict_explorers.EventMarker)
    marker.substance.value = C
    marker.save_button.click()
    assert "before you save" in marker.feedback.value and journal.latest("marking", "09.mark-events") is None


def test_marking_the_class_set_opens_the_comparison_and_the_verdict_follows_every_mark(journal_file):
    journal = Journal(journal_file)
    marker = exercises.ask("09.mark-events", journal=journal)
    gate = exercises.after("09.mark-events", lambda: verdict_explorers.VerdictExplorer(journal), journal=journal)
    first = marker.current()["item_id"]
    marker.substance.value, marker.tone.value, marker.importance.value = X, X, 3
    marker.save_button.click()
    assert not gate.is_open and marker.current()["item_id"] != first  # moved on, nothing opened yet
    _mark_class_set(marker)
    assert gate.is_open
    explorer = gate.children[0]
    n = len(verdict.items(class_set=True))
    assert explorer.state["counted"] == n
    before = explorer.state["overall"]
    # Change the first mark back to continuity: the open verdict follows.
    marker.show(0)
    marker.substance.value, marker.tone.value, marker.importance.value = C, C, 3
    marker.save_button.click()
    assert explorer.state["overall"] > before
    # Weights move it too, and the chart's rows follow.
    rows_before = json.dumps(explorer.chart.datasets)
    for sp, control in explorer.weights.items():
        control.value = 0 if sp != "SP1" else 3
    assert explorer.state["overall"] == pytest.approx(explorer.state["scores"]["SP1"])
    assert json.dumps(explorer.chart.datasets) != rows_before
    explorer.save_button.click()
    saved = journal.latest("verdict", "T")
    assert saved["weights"]["SP1"] == 3 and saved["overall"] == pytest.approx(explorer.state["overall"], abs=1e-3)


def test_marks_come_back_after_a_restart_and_the_comparison_shows_where_we_differ(journal_file):
    journal = Journal(journal_file)
    _mark_class_set(exercises.ask("09.mark-events", journal=journal), codes=(U, U, 1))
    again = exercises.ask("09.mark-events", journal=journal)
    assert again.substance.value == U and "all marked" in again.progress.value
    comparison = verdict_explorers.MarkComparison(journal)
    n = len(verdict.items(class_set=True))
    ours_unclear = int((verdict.items(class_set=True)["substance"] == U).sum())
    assert f"agree on substance for {ours_unclear} of {n}" in comparison.summary.value
    assert "(differs)" in comparison.table.value
    again.scope.value = "all"
    assert f"of {len(verdict.items())}" in again.progress.value


def test_a_hand_edited_marking_is_set_aside_and_the_gate_stays_closed(journal_file):
    Journal(journal_file).record("marking", "09.mark-events", {"PE108": {"substance": "yes"}})
    marker = exercises.ask("09.mark-events", journal=Journal(journal_file))
    assert "could not be read" in marker.feedback.value and marker.marks == {}
    assert not exercises.after("09.mark-events", lambda: "open", journal=Journal(journal_file)).is_open


def test_the_conclusion_needs_sentences_and_is_saved_with_the_verdict(journal_file):
    journal = Journal(journal_file)
    journal.record("verdict", "T", {"weights": {"SP1": 1}, "tone_share": 0.0, "fill_with_ours": False,
                                    "overall": 0.4, "scores": {"SP1": 0.4}})
    conclusion = verdict_explorers.Conclusion(journal)
    conclusion.text.value = "It held."
    conclusion.save_button.click()
    assert "15 words" in conclusion.status.value and journal.latest("conclusion", "T") is None
    conclusion.text.value = " ".join(["The prediction held on Kosovo and Dayton but not on aid."] * 2)
    conclusion.save_button.click()
    assert journal.latest("conclusion", "T")["verdict"] == "+0.40: more continuity than change"


def test_the_ratings_table_names_every_claim_and_where_to_rate_it(journal_file):
    journal = Journal(journal_file)
    journal.record("rating", "C3", {"stars": 4, "reason": "Recognition was restated by the president."})
    table = verdict_explorers.ratings_table(journal)
    assert "You have rated 1 of the 13 claims" in table
    assert "4/5</b>: mostly supports" in table and "Recognition was restated" in table
    assert 'href="05_europes_long_wait.ipynb"' in table


def test_the_hand_in_shows_the_marking_the_verdict_and_the_conclusion(journal_file, tmp_path):
    journal = Journal(journal_file)
    _mark_class_set(exercises.ask("09.mark-events", journal=journal), codes=(X, C, 3))
    explorer = verdict_explorers.VerdictExplorer(journal)
    explorer.save_button.click()
    verdict_explorers.Conclusion(journal)
    journal.record("conclusion", "T", {"text": "Mostly continuity in words, change in money.", "verdict": "x"})
    html_path, md_path = handin.export(journal_file, "Ana Student", tmp_path / "hand-in")
    text = md_path.read_text(encoding="utf-8")
    assert "What happened after the election, as I marked it" in text
    assert "Mine: substance change, tone continuity, matters a lot" in text
    assert "My verdict on the prediction (claim T)" in text and "My overall score" in text
    assert "Mostly continuity in words" in text
    assert "marking of what happened" not in text  # not listed as missing once saved


def test_the_outgoing_administrations_last_weeks_count_only_when_asked():
    outgoing = verdict.outgoing_items()
    assert "PE306" in outgoing and "PE045" not in outgoing  # 17 January 2025 is before the inauguration
    everything = verdict.compute({}, fill_with_ours=True, outgoing=True)
    winner_only = verdict.compute({}, fill_with_ours=True)
    assert everything.counted - winner_only.counted == len(outgoing)
    marks = {"PE306": mark(X, X), "PE045": mark(C, C)}  # the outgoing item, marked change, is not counted
    assert verdict.compute(marks).overall == pytest.approx(1.0)
    assert verdict.compute(marks, outgoing=True).overall == pytest.approx(0.0)
    assert not outgoing & set(verdict.items(class_set=True)["item_id"])  # the class marks the winner's term
