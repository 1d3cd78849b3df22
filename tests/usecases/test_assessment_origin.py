"""Whose assessment it is: the latest write of its answers decides — a file («import», «replace») makes it
someone else's (read-only in the window), a save on this computer makes it one's own; a recount or a review
decision changes nothing; a chair's own assessment sent back as «returned» is editable. Both databases."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from workbook_helpers import EXAMPLES

from maturity.errors import BadInput
from maturity.usecases.assessment_origin import assessment_origin
from maturity.usecases.importing import import_documents
from maturity.usecases.review import decide

SMALL_UID = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"
SMALL_FILE = EXAMPLES / "primary-small.json"


def small() -> dict:
    return json.loads(SMALL_FILE.read_text(encoding="utf-8"))


def test_an_imported_assessment_is_someone_elses_with_its_file_time_loader_respondent_and_state(store):
    import_documents(store, [SMALL_FILE])
    org = store.organization_by_uid(SMALL_UID)

    origin = assessment_origin(store, org, 2025)

    assert origin is not None and origin.from_file and origin.read_only and not origin.accepted
    assert origin.file_name == "primary-small.json" and origin.received_at is not None
    assert origin.respondent == "Иванова Мария Петровна"
    assert origin.received_text().startswith("Получена из файла «primary-small.json» ")
    assert origin.sender_text() == "Заполнил(а): Иванова Мария Петровна."
    assert origin.review_text() == "Проверка: получена."
    assert "Средняя школа № 7" in origin.confirmation_text() and "Иванова Мария Петровна" in origin.confirmation_text()


def test_an_assessment_saved_here_is_ones_own_and_a_year_without_one_has_no_origin(
    store, base_profile, example_answers
):
    org = store.create_organization("ППО завода", "primary")
    store.save_assessment(org, 2025, base_profile, example_answers("primary-small.json"))

    origin = assessment_origin(store, org, 2025)
    assert origin is not None and not origin.from_file and not origin.read_only
    assert origin.received_text() == "Оценка сделана на этом компьютере."
    assert assessment_origin(store, org, 2024) is None


def test_a_file_path_of_either_system_shows_only_the_files_name(store, tmp_path):
    folder = tmp_path / "почта" / "от председателей"
    folder.mkdir(parents=True)
    path = folder / "школа 7.json"
    path.write_text(SMALL_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    import_documents(store, [path])
    assert assessment_origin(store, store.organization_by_uid(SMALL_UID), 2025).file_name == "школа 7.json"


def test_an_accepted_assessment_says_who_accepted_it_and_how_to_reopen(store):
    import_documents(store, [SMALL_FILE])
    org = store.organization_by_uid(SMALL_UID)
    decide(store, org, 2025, "accept")

    origin = assessment_origin(store, org, 2025)
    assert origin.accepted and origin.read_only and origin.from_file  # a decision changes no owner
    assert origin.review_text().startswith("Проверка: принята (")
    text = origin.locked_text()
    assert text.startswith("Оценка организации «") and "принята" in text and "Снять приёмку" in text


def test_the_chairs_own_assessment_sent_back_as_returned_opens_for_correction(store, tmp_path):
    data = small()
    data["review"] = {"state": "returned", "comment": "исправьте охват", "questions": {}}
    path = tmp_path / "на-доработку.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    import_documents(store, [path])

    origin = assessment_origin(store, store.organization_by_uid(SMALL_UID), 2025)
    assert origin.from_file and origin.sent_back_for_correction and not origin.read_only


def _write(store, step: str, base_profile) -> None:
    org = store.organization_by_uid(SMALL_UID)
    if step == "import":
        report = import_documents(store, [SMALL_FILE], on_conflict="replace")
        if report.rejected:  # an accepted assessment is not replaced: the import refuses it
            raise BadInput(report.rejected[0].note)
    elif step == "save":
        store.save_assessment(org, 2025, base_profile, small()["answers"])
    else:
        decide(store, org, 2025, step)


@pytest.mark.slow
@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.sampled_from(["import", "save", "accept", "reopen", "return"]), max_size=6))
def test_the_latest_write_of_the_answers_decides_whose_it_is_whatever_came_between(base_profile, tmp_path, steps):
    """Any order of imports, saves and review decisions (each refused where the state does not allow it, as in
    the program): read-only exactly when the latest write of the answers that went through was a file's."""
    import uuid

    from maturity.storage.store import open_store

    with open_store(f"sqlite:///{tmp_path / uuid.uuid4().hex}.db") as store:
        import_documents(store, [SMALL_FILE])
        latest, state = "import", "received"
        for step in steps:
            try:
                if step == "return":
                    decide(store, store.organization_by_uid(SMALL_UID), 2025, "return", "исправьте")
                else:
                    _write(store, step, base_profile)
            except BadInput:  # a locked write, a decision that does not follow: nothing changed
                store.session.rollback()
                continue
            if step in ("import", "save"):
                latest, state = step, "received"
            else:
                state = {"accept": "accepted", "reopen": "received", "return": "returned"}[step]
        origin = assessment_origin(store, store.organization_by_uid(SMALL_UID), 2025)
        assert origin.from_file == (latest == "import")
        assert origin.read_only == (latest == "import")
        assert origin.accepted == (state == "accepted") and origin.review.state == state
