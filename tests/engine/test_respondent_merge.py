"""Several respondents' copies merged into one assessment (maturity.engine.respondent_merge): medians and
majorities as counted here by hand, ties left open for the chair, the widest disagreement first on the agenda,
names never on it."""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.answer_notes import AnswerNotes
from maturity.engine.respondent_merge import TIE, Copy, MergeInvalid, check_merge_block, merge_respondents
from maturity.method.profile import load_profile

PROFILE = load_profile("fnpr-base")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BASE = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))["answers"]
# questions asked whatever the other answers are (no relevant_if), by type
UNCONDITIONAL = {
    t: [q.id for q in PROFILE.questions.values() if q.type == t and q.relevant_if is None and (q.max is None or q.max >= 10_000)
        and q.max_question is None and q.id not in PROFILE.personal_question_ids and q.id != "profile.members"]
    for t in ("int", "bool", "choice", "multi")
}  # fmt: skip


def copies_with(question_id: str, values: list) -> list[Copy]:
    """The example's answers, one copy per value, with ``question_id`` answered by it (None: not answered)."""
    copies = []
    for value in values:
        answers = dict(BASE)
        answers.pop(question_id, None)
        if value is not None:
            answers[question_id] = value
        copies.append(Copy(answers))
    return copies


@settings(max_examples=examples(60), deadline=None)
@given(
    qid=st.sampled_from(UNCONDITIONAL["int"]),
    values=st.lists(st.integers(0, 10_000), min_size=2, max_size=9),
)
def test_a_number_is_the_median_of_the_answers_given(qid, values):
    merged = merge_respondents(PROFILE, copies_with(qid, values))
    ordered = sorted(values)
    middle = len(ordered) // 2
    by_hand = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle] + 1) // 2  # half up
    assert merged.answers[qid] == by_hand
    assert merged.spread[qid]["min"] == min(values) and merged.spread[qid]["max"] == max(values)
    assert merged.spread[qid]["median"] == statistics.median(values)


@settings(max_examples=examples(60), deadline=None)
@given(qid=st.sampled_from(UNCONDITIONAL["bool"]), values=st.lists(st.booleans(), min_size=2, max_size=9))
def test_yes_no_is_the_majority_and_a_tie_is_left_for_the_chair(qid, values):
    merged = merge_respondents(PROFILE, copies_with(qid, values))
    yes, no = values.count(True), values.count(False)
    if yes == no:
        assert qid not in merged.answers
        entry = next(e for e in merged.agenda if e["question"] == qid)
        assert entry["open"] and entry["reason"] == TIE
    else:
        assert merged.answers[qid] is (yes > no)
        assert qid not in merged.open_questions


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_a_single_choice_is_the_commonest_answer_unless_two_share_the_most_votes(data):
    qid = data.draw(st.sampled_from(UNCONDITIONAL["choice"]))
    options = [o.id for o in PROFILE.question(qid).options]
    values = data.draw(st.lists(st.sampled_from(options), min_size=2, max_size=9))
    merged = merge_respondents(PROFILE, copies_with(qid, values))
    ranked = Counter(values).most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        assert qid not in merged.answers and qid in merged.open_questions
    else:
        assert merged.answers[qid] == ranked[0][0]


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_a_multiple_choice_keeps_the_options_more_than_half_chose(data):
    qid = data.draw(st.sampled_from(UNCONDITIONAL["multi"]))
    options = [o.id for o in PROFILE.question(qid).options]
    values = data.draw(st.lists(st.lists(st.sampled_from(options), unique=True), min_size=2, max_size=9))
    merged = merge_respondents(PROFILE, copies_with(qid, values))
    by_hand = [o for o in options if sum(o in v for v in values) * 2 > len(values)]
    assert merged.answers[qid] == by_hand


def test_a_respondent_who_did_not_answer_does_not_count():
    qid = UNCONDITIONAL["int"][0]
    merged = merge_respondents(PROFILE, copies_with(qid, [10, None, 30, None]))
    assert merged.answers[qid] == 20  # the median of 10 and 30, not of 10, 30 and two zeros
    assert merged.spread[qid]["answered"] == 2


@pytest.mark.parametrize("seed", range(8))
def test_a_seeded_disagreement_is_first_on_the_agenda(seed):
    """Five respondents agree on everything but small differences; one question is split 50/50 by a wide
    margin: it heads the agenda, with every respondent's answer in their order."""
    rng = random.Random(seed)
    ints = UNCONDITIONAL["int"]
    seeded = rng.choice(ints)
    copies = []
    for number in range(5):
        answers = dict(BASE)
        for qid in ints:  # small noise: at most ±1 around 100
            answers[qid] = 100 + rng.choice((-1, 0, 1))
        answers[seeded] = 0 if number % 2 else 5000
        copies.append(Copy(answers))
    merged = merge_respondents(PROFILE, copies)
    first = merged.agenda[0]
    assert first["question"] == seeded
    assert first["answers"] == [5000, 0, 5000, 0, 5000]
    assert first["disagreement"] == 1.0
    widths = [e["disagreement"] for e in merged.agenda]
    assert widths == sorted(widths, reverse=True)


def test_respondents_names_stay_home_and_comments_carry_numbers_only():
    respondent = PROFILE.organization_question("respondent")
    copies = []
    for number, name in enumerate(("Иванова Е. В.", "Петров П. П.", "Сидорова А. А.")):
        answers = dict(BASE, **{respondent: name})
        answers["k1.responsible_designated"] = number != 1
        copies.append(
            Copy(answers, AnswerNotes({"k1.structure": f"мнение {number + 1}"}, {"k1.structure": "протокол № 5"}))
        )
    merged = merge_respondents(PROFILE, copies)
    text = json.dumps({**merged.file_block(), "comments": merged.notes.comments}, ensure_ascii=False)
    assert "Петров" not in text and "Сидорова" not in text and "Иванова" not in text
    assert merged.answers[respondent] == "Иванова Е. В."  # the chair's own copy
    assert (
        merged.notes.comments["k1.structure"]
        == "Респондент 1: мнение 1\nРеспондент 2: мнение 2\nРеспондент 3: мнение 3"
    )
    assert merged.notes.evidence == {"k1.structure": "протокол № 5"}
    assert all(e["question"] != respondent for e in merged.agenda)


def test_fewer_than_two_copies_are_refused():
    with pytest.raises(MergeInvalid, match="не меньше двух"):
        merge_respondents(PROFILE, [Copy(BASE)])


def test_a_merged_files_agenda_is_read_back_and_a_forged_one_refused():
    qid = UNCONDITIONAL["bool"][0]
    merged = merge_respondents(PROFILE, copies_with(qid, [True, False, True, False]))
    block = json.loads(json.dumps(merged.file_block()))
    assert check_merge_block(PROFILE, block) == block
    forged = json.loads(json.dumps(block))
    forged["agenda"][0]["answers"] = ["да"] * 4
    with pytest.raises(MergeInvalid, match="ожидается ответ «да» или «нет»"):
        check_merge_block(PROFILE, forged)
    forged = dict(block, respondents=1)
    with pytest.raises(MergeInvalid, match="respondents"):
        check_merge_block(PROFILE, forged)
