"""«Пересчитать по новой версии» from fnpr-base 2025.1 to 2026.1: the answers stay as they were, the questions
2026.1 adds stay empty (their components «н/п»), the figures are 2026.1's, and it is recorded."""

from __future__ import annotations

from base_versions import BASE_2025_1, BASE_2026_1, base_current

from maturity.engine.scoring import score
from maturity.usecases.profiles import other_versions, rescore_assessment

YEAR = 2025


def test_a_2025_1_assessment_is_offered_2026_1_and_rescored_with_the_new_questions_empty(
    store, base_profile, example_answers
):
    answers = example_answers("territorial-health.json")
    org = store.create_organization(answers["profile.name"], "territorial")
    store.save_assessment(org, YEAR, base_profile, answers)
    assessment = store.get_assessment(org, YEAR)
    assert assessment.profile_version == BASE_2025_1 and assessment.status == "complete"
    assert [e.version for e in other_versions(store, assessment)] == [BASE_2026_1]

    done = rescore_assessment(store, store.stored_id(org), YEAR, BASE_2026_1, by="Петрова")

    current = base_current()
    rescored = store.get_assessment(org, YEAR)
    assert (done.before_version, done.after_version) == (BASE_2025_1, BASE_2026_1)
    assert (rescored.profile_version, rescored.profile_sha256) == (BASE_2026_1, current.sha256)
    assert rescored.answers == answers  # nothing added: the new questions are unanswered
    new_questions = set(current.questions) - set(base_profile.questions)
    assert new_questions and not new_questions & set(rescored.answers)
    expected = score(current, answers)
    assert store.get_score(rescored).index == expected.index == done.after_index
    assert store.get_kpis(rescored) == dict(expected.kpis)
    assert store.get_score(rescored).completeness < 1  # the new questions wait for answers
    [record] = store.rescores(rescored)
    assert (record.from_version, record.to_version, record.rescored_by) == (BASE_2025_1, BASE_2026_1, "Петрова")
