"""The store: organizations and their yearly assessments, on SQLite and on PostgreSQL (db_url)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from maturity.engine.record import AssessmentIncomplete
from maturity.engine.scoring import score
from maturity.engine.validation import AnswersInvalid
from maturity.errors import BadInput
from maturity.storage.models import Assessment, AssessmentScore, Organization
from maturity.storage.store import OrganizationNotFound
from maturity.usecases.documents import assessment_document


@pytest.fixture
def answers(example_answers):
    return example_answers("primary-small.json")


def count(store, model) -> int:
    return store.session.execute(sa.select(sa.func.count()).select_from(model)).scalar()


# ------------------------------------------------------------------ organizations


def test_a_new_organization_gets_a_uid_that_survives_a_rename(store):
    org = store.create_organization("ППО школы № 7", "primary", region="Липецкая область", members=120)
    uid = org.uid
    assert len(uid) == 36

    store.update_organization(org, name="ППО МБОУ «Средняя школа № 7»")

    assert store.organization_by_uid(uid).name == "ППО МБОУ «Средняя школа № 7»"
    assert store.find_organization(uid).id == org.id


def test_an_organization_is_found_by_uid_or_by_exact_name(store):
    org = store.create_organization("Федерация профсоюзов Липецкой области", "association")

    assert store.find_organization(org.uid).id == org.id
    assert store.find_organization("Федерация профсоюзов Липецкой области").id == org.id
    with pytest.raises(OrganizationNotFound, match="не найдена"):
        store.find_organization("Федерация профсоюзов")


def test_an_ambiguous_name_asks_for_the_identifier(store):
    first = store.create_organization("ППО детского сада № 1", "primary", region="Самарская область")
    second = store.create_organization("ППО детского сада № 1", "primary", region="Свердловская область")

    with pytest.raises(OrganizationNotFound, match="несколько") as raised:
        store.find_organization("ППО детского сада № 1")
    assert first.uid in str(raised.value) and second.uid in str(raised.value)


@pytest.mark.parametrize("level", ["", "Первичная", "primary level", "x" * 40, "1st", 5])
def test_an_organization_needs_a_name_and_a_level_code(store, level):
    """Which levels there are is the profile's to say (its level question's options); the store
    takes only what can be such a code."""
    with pytest.raises(BadInput, match="наименование"):
        store.create_organization("  ", "primary")
    with pytest.raises(BadInput, match="код уровня"):
        store.create_organization("ППО", level)
    assert count(store, Organization) == 0


def test_an_organization_cannot_be_put_under_its_own_descendant(store):
    union = store.create_organization("Профсоюз", "union")
    territorial = store.create_organization("Областная организация", "territorial", parent=union)
    primary = store.create_organization("ППО", "primary", parent=territorial)

    with pytest.raises(BadInput, match="самой себе"):
        store.update_organization(union, parent=primary)
    assert store.get_organization(union.id).parent_id is None


def test_an_unknown_organization_or_parent_is_refused_by_name_of_the_problem(store, base_profile, answers):
    with pytest.raises(OrganizationNotFound, match="№999 не найдена"):
        store.create_organization("ППО", "primary", parent=999)
    with pytest.raises(OrganizationNotFound, match="№999 не найдена"):
        store.save_assessment(999, 2025, base_profile, answers)
    assert count(store, Organization) == 0 and count(store, Assessment) == 0


# ------------------------------------------------------------------ assessments


def test_saving_an_assessment_stores_the_answers_and_the_scores_of_the_method(store, base_profile, answers):
    org = store.create_organization(answers["profile.name"], "primary")

    saved = store.save_assessment(org, 2025, base_profile, answers)

    expected = score(base_profile, answers)
    stored = store.get_score(saved)
    assert saved.status == "complete"
    assert saved.profile_id == "fnpr-base" and saved.profile_version == base_profile.version
    assert saved.profile_sha256 == base_profile.sha256  # the exact text it was scored with (new and replaced)
    assert store.get_assessment(org, 2025).answers == answers
    assert store.get_kpis(saved) == pytest.approx(expected.kpis)
    assert stored.index == pytest.approx(expected.index)
    assert stored.digital_index == pytest.approx(expected.digital_index)
    assert stored.level == expected.level
    assert stored.norms == {k: n.status for k, n in expected.norms.items()}
    assert stored.failed_norms_count == sum(n.status == "fail" for n in expected.norms.values())
    assert stored.completeness == 1.0


def test_saving_the_same_organization_and_year_again_replaces_answers_and_scores(store, base_profile, answers):
    org = store.create_organization(answers["profile.name"], "primary")
    first = store.save_assessment(org, 2025, base_profile, answers)

    changed = dict(answers, **{"k1.structure": "none"})
    second = store.save_assessment(org, 2025, base_profile, changed)

    assert second.id == first.id
    assert store.get_assessment(org, 2025).profile_sha256 == base_profile.sha256
    assert count(store, Assessment) == 1 and count(store, AssessmentScore) == 1
    assert store.get_assessment(org, 2025).answers["k1.structure"] == "none"
    assert store.get_kpis(second)["k1"] == pytest.approx(score(base_profile, changed).kpis["k1"])


def test_the_database_itself_refuses_a_second_assessment_for_the_same_year(store):
    org = store.create_organization("ППО", "primary")
    table = Assessment.__table__
    row = dict(
        organization_id=org.id,
        year=2025,
        profile_id="fnpr-base",
        profile_version="2025.1",
        status="draft",
        answers={},
        created_at=sa.func.now(),
        updated_at=sa.func.now(),
    )
    store.session.execute(table.insert().values(**row))

    with pytest.raises(sa.exc.IntegrityError):
        store.session.execute(table.insert().values(**row))
    store.session.rollback()


def test_invalid_answers_are_refused_with_the_question_id_and_nothing_is_written(store, base_profile, answers):
    org = store.create_organization(answers["profile.name"], "primary")
    bad = dict(answers, **{"k6.members_reached": answers["profile.members"] + 1})

    with pytest.raises(AnswersInvalid, match="k6.members_reached"):
        store.save_assessment(org, 2025, base_profile, bad)
    assert count(store, Assessment) == 0 and count(store, AssessmentScore) == 0


def test_an_incomplete_assessment_is_saved_as_a_draft_with_partial_scores(store, base_profile, answers):
    org = store.create_organization(answers["profile.name"], "primary")
    partial = {k: v for k, v in answers.items() if not k.startswith("k8.")}

    saved = store.save_assessment(org, 2025, base_profile, partial)

    assert saved.status == "draft"
    stored, kpis = store.get_score(saved), store.get_kpis(saved)
    assert kpis["k8"] is None and kpis["k1"] == pytest.approx(score(base_profile, answers).kpis["k1"])
    assert 0 < stored.completeness < 1


def test_marking_an_incomplete_assessment_complete_is_refused(store, base_profile, answers):
    org = store.create_organization(answers["profile.name"], "primary")
    partial = {k: v for k, v in answers.items() if k != "k8.crm"}

    with pytest.raises(AssessmentIncomplete, match="k8.crm"):
        store.save_assessment(org, 2025, base_profile, partial, status="complete")
    assert store.get_assessment(org, 2025) is None


def test_a_draft_keeps_a_complete_set_of_answers_as_a_draft(store, base_profile, answers):
    org = store.create_organization(answers["profile.name"], "primary")

    saved = store.save_assessment(org, 2025, base_profile, answers, status="draft")

    assert saved.status == "draft"
    assert store.get_score(saved).completeness == 1.0


def test_assessments_of_an_organization_are_listed_by_year(store, base_profile, answers):
    org = store.create_organization(answers["profile.name"], "primary")
    for year in (2025, 2023, 2024):
        store.save_assessment(org, year, base_profile, answers)

    assert [a.year for a in store.list_assessments(org)] == [2023, 2024, 2025]


def test_the_latest_year_updates_the_organization_from_its_answers(store, base_profile, answers):
    org = store.create_organization("Старое название", "primary", members=10)
    store.save_assessment(org, 2025, base_profile, answers)
    store.save_assessment(org, 2024, base_profile, dict(answers, **{"profile.name": "Прошлогоднее название"}))

    current = store.get_organization(org.id)
    assert current.name == answers["profile.name"]  # 2024 is older than 2025: it does not rename
    assert current.members == answers["profile.members"]


def test_deleting_an_organization_deletes_its_assessments_and_their_scores(store, base_profile, answers):
    org = store.create_organization(answers["profile.name"], "primary")
    child = store.create_organization("Цеховая организация", "primary", parent=org)
    store.save_assessment(org, 2025, base_profile, answers)

    store.session.execute(Organization.__table__.delete().where(Organization.__table__.c.id == org.id))
    store.session.commit()

    assert count(store, Assessment) == 0 and count(store, AssessmentScore) == 0
    store.session.expire_all()
    assert store.get_organization(child.id).parent_id is None


def test_a_failure_inside_atomic_leaves_nothing_written(store, base_profile, answers):
    with pytest.raises(RuntimeError):
        with store.atomic():
            org = store.create_organization(answers["profile.name"], "primary")
            store.save_assessment(org, 2025, base_profile, answers)
            raise RuntimeError("сбой посреди записи")

    assert count(store, Organization) == 0 and count(store, Assessment) == 0


def test_a_year_outside_the_range_is_refused(store, base_profile, answers):
    org = store.create_organization(answers["profile.name"], "primary")
    with pytest.raises(BadInput, match="отчётный год"):
        store.save_assessment(org, 1999, base_profile, answers)


def test_the_exchange_document_carries_the_uids_of_the_organization_and_its_parent(store, base_profile, answers):
    parent = store.create_organization("Областная организация", "territorial")
    org = store.create_organization(answers["profile.name"], "primary", parent=parent)
    store.save_assessment(org, 2025, base_profile, answers)

    document = assessment_document(store, org, 2025)

    assert document.meta == {"organization_id": org.uid, "parent_organization_id": parent.uid}
    assert document.answers == answers and document.year == 2025
    with pytest.raises(BadInput, match="нет оценки за 2024"):
        assessment_document(store, org, 2024)
