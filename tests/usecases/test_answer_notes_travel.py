"""Comments and evidence marks on answers: kept in the database, carried by the JSON file (``comments``,
``evidence``) and read back unchanged; a hostile block refuses the file with a Russian reason (SQLite and
PostgreSQL through the ``store`` fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.answer_notes import AnswerNotes, evidence_share, evidence_warnings
from maturity.exchange.assessment_json import AssessmentFileError, parse_assessment, read_assessment_json
from maturity.method.profile import load_profile
from maturity.storage.answer_notes import notes_of
from maturity.usecases.documents import assessment_document
from maturity.usecases.importing import import_documents

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL_UID = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"
PROFILE = load_profile("fnpr-base", "2025.1")  # the version examples/primary-small.json names
QUESTION_IDS = sorted(PROFILE.questions)

note_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60).filter(str.strip)
notes_strategy = st.builds(
    AnswerNotes,
    st.dictionaries(st.sampled_from(QUESTION_IDS), note_text.map(str.strip), max_size=6),
    st.dictionaries(st.sampled_from(QUESTION_IDS), st.one_of(st.just(""), note_text.map(str.strip)), max_size=6),
)


def evidence_expected_profile(*question_ids: str):
    """fnpr-base with ``evidence: expected`` on the questions given (another id: the method is data)."""
    import yaml

    from maturity.method.profile import _shipped_text, profile_from_mapping

    raw = yaml.safe_load(_shipped_text("fnpr-base")[0])
    raw["id"] = "evidence-test"
    for section in raw["sections"]:
        for question in section["questions"]:
            if question["id"] in question_ids:
                question["evidence"] = "expected"
    return profile_from_mapping(raw, "evidence-test.yaml")


def small() -> dict:
    return json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=notes_strategy)
def test_comments_and_evidence_round_trip_through_json_and_the_database(store, tmp_path_factory, notes):
    folder = tmp_path_factory.mktemp("notes")
    data = small()
    data["comments"], data["evidence"] = notes.comments, notes.evidence
    path = folder / "in.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    report = import_documents(store, [path], on_conflict="replace")
    assert report.ok, report.rejected
    organization = store.organization_by_uid(SMALL_UID)
    document = assessment_document(store, organization, data["year"])
    out = document.to_json()

    assert out.get("comments", {}) == notes.comments and out.get("evidence", {}) == notes.evidence
    again = parse_assessment(json.loads(json.dumps(out)))
    assert (again.notes or AnswerNotes()) == notes


def test_a_file_without_comments_leaves_the_stored_ones_alone(store, tmp_path):
    data = small()
    data["comments"], data["evidence"] = {"k1.structure": "решение профкома"}, {"k1.structure": "протокол № 5"}
    (tmp_path / "a.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    import_documents(store, [tmp_path / "a.json"])
    plain = small()
    (tmp_path / "b.json").write_text(json.dumps(plain, ensure_ascii=False), encoding="utf-8")
    import_documents(store, [tmp_path / "b.json"], on_conflict="replace")

    aid = store.stored_id_of(store.get_assessment(store.organization_by_uid(SMALL_UID), plain["year"]))
    assert notes_of(store.session, [aid])[aid] == AnswerNotes(
        {"k1.structure": "решение профкома"}, {"k1.structure": "протокол № 5"}
    )


@pytest.mark.parametrize(
    ("block", "reason"),
    [
        ({"comments": {"k99.nothing": "текст"}}, "нет вопроса «k99.nothing»"),
        ({"comments": {"k1.structure": "a\x1b[31m"}}, "управляющий символ"),
        ({"comments": {"k1.structure": "   "}}, "пустой комментарий"),
        ({"comments": {"k1.structure": 5}}, "ожидался текст"),
        ({"comments": ["k1.structure"]}, "comments должно быть JSON-объектом"),
        ({"evidence": {"k1.structure": "x" * 501}}, "длиннее 500 знаков"),
        ({"evidence": {"k1.structure": None}}, "ожидался текст"),
    ],
)
def test_a_hostile_notes_block_refuses_the_file_with_a_russian_reason(tmp_path, block, reason):
    data = small()
    data.update(block)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(AssessmentFileError, match=reason):
        read_assessment_json(path)


@settings(max_examples=examples(40), deadline=None)
@given(marked=st.sets(st.sampled_from(QUESTION_IDS)))
def test_the_share_of_answers_with_evidence_counts_answered_questions_but_not_who_the_organization_is(marked):
    answers = small()["answers"]
    left_out = {PROFILE.organization_question(f) for f in ("name", "level", "members", "parent", "region", "sector")}
    left_out |= set(PROFILE.personal_question_ids)
    from maturity.engine.relevance import relevance_rules

    relevant = relevance_rules(PROFILE).relevant_ids(answers)
    counted = [q for q in relevant if q in answers and q not in left_out]
    expected = len([q for q in counted if q in marked]) / len(counted)

    assert evidence_share(PROFILE, answers, dict.fromkeys(marked, "")) == pytest.approx(expected)


def test_evidence_expected_by_the_method_is_a_warning_never_an_error():
    profile = evidence_expected_profile("k1.structure")
    answers = small()["answers"]
    warnings = evidence_warnings(profile, answers, {})
    assert [w.question_id for w in warnings] == ["k1.structure"]
    assert all(w.severity == "warning" for w in warnings)
    assert evidence_warnings(profile, answers, {"k1.structure": "протокол № 3"}) == []
    del answers["k1.structure"]  # unanswered: nothing to confirm
    assert evidence_warnings(profile, answers, {}) == []


@pytest.mark.parametrize("marked", [set(), {"k1.structure"}])
def test_the_wizards_save_keeps_its_notes_and_their_share_even_when_there_are_none(store, marked):
    from maturity.engine.record import record_from_session
    from maturity.engine.session import AssessmentSession
    from maturity.storage.answer_notes import EVIDENCE

    answers = small()["answers"]
    session = AssessmentSession(profile=PROFILE, year=2025, answers=answers)
    for qid in marked:
        session.set_evidence(qid, "протокол № 1")
    org = store.create_organization(answers["profile.name"], "primary")
    saved = store.save_record(org, record_from_session(session))
    aid = store.stored_id_of(saved)
    assert notes_of(store.session, [aid])[aid] == session.notes
    share = store.session.execute(EVIDENCE.select().with_only_columns(EVIDENCE.c.share)).scalar_one()
    assert share == pytest.approx(evidence_share(PROFILE, answers, dict.fromkeys(marked, "протокол № 1")))
