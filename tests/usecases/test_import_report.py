"""A federation imports a consolidated report one level up: every organization's assessment, or none."""

from __future__ import annotations

import subprocess
import sys

import pytest
import sqlalchemy as sa
from test_report import FEDERATION_UID, family

from maturity.method.profile import find_profile
from maturity.storage.queries import organization_history
from maturity.storage.store import open_store
from maturity.usecases.importing import import_documents
from maturity.usecases.report_source import export_report


@pytest.fixture
def report(tmp_path):
    """A consolidated report of the three example organizations under one federation, 2025."""
    with open_store(f"sqlite:///{tmp_path / 'territory.db'}") as territory:
        assert import_documents(territory, family()).ok
        path = tmp_path / "сводный отчёт.xlsx"
        assert export_report(territory, 2025, path, parent=territory.organization_by_uid(FEDERATION_UID)) == 3
    return path


def stored(store) -> dict[str, tuple[dict, float]]:
    """uid → (answers, index) of every 2025 assessment in the store."""
    result = {}
    for org in store.list_organizations():
        assessment = store.get_assessment(org, 2025)
        if assessment is not None:
            history = organization_history(store.session, org.id)
            result[org.uid] = (assessment.answers, history[-1].index)
    return result


@pytest.mark.subprocess
def test_maturity_import_takes_every_organization_of_a_report(report, tmp_path):
    db = f"sqlite:///{tmp_path / 'federation.db'}"
    run = subprocess.run(
        [sys.executable, "-m", "maturity", "import", str(report), "--db", db],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    with open_store(f"sqlite:///{tmp_path / 'territory.db'}") as territory, open_store(db) as federation:
        assert stored(federation) == without_personal(stored(territory))
        assert len(stored(federation)) == 3


def without_personal(found: dict[str, tuple[dict, float]]) -> dict[str, tuple[dict, float]]:
    """The answers as a report without respondents carries them: personal questions left out."""
    personal = find_profile("fnpr-base").personal_question_ids
    return {
        uid: ({q: v for q, v in answers.items() if q not in personal}, index) for uid, (answers, index) in found.items()
    }


def test_a_clash_under_fail_rejects_the_whole_report_and_writes_nothing(store, report):
    small, _, _ = family()
    assert import_documents(store, [small]).ok  # one of the three is already there
    before = stored(store)

    outcome = import_documents(store, [report], on_conflict="fail")

    assert [item.source for item in outcome.rejected] == [str(report)]
    assert "сводный отчёт не загружен" in outcome.rejected[0].reason
    assert "уже есть оценка за 2025 год" in outcome.rejected[0].reason
    assert outcome.imported == []
    assert stored(store) == before


def test_under_skip_a_report_adds_the_organizations_that_are_missing(store, report):
    small, _, _ = family()
    assert import_documents(store, [small]).ok

    outcome = import_documents(store, [report], on_conflict="skip")

    assert len(outcome.imported) == 2
    assert len(outcome.skipped) == 1
    assert len(stored(store)) == 3


def tree(store) -> dict[str, tuple[str | None, str, str | None, int | None]]:
    """uid → (parent's uid, name, level, members) of every organization in the store."""
    uids = {org.id: org.uid for org in store.list_organizations()}
    return {org.uid: (uids.get(org.parent_id), org.name, org.level, org.members) for org in store.list_organizations()}


@pytest.mark.parametrize("chunk", [1, 2])
def test_a_report_written_in_parts_stores_what_it_stores_in_one_part(store, report, tmp_path, monkeypatch, chunk):
    """A report's rows go to the database a thousand assessments at a time, in its one transaction; with
    parts of one or two the stored answers, indices, organizations and links are the same."""
    import maturity.usecases.importing as importing

    with open_store(f"sqlite:///{tmp_path / 'whole.db'}") as whole:
        assert import_documents(whole, [report]).ok
        expected = stored(whole), tree(whole)
    monkeypatch.setattr(importing, "WRITE_CHUNK", chunk)

    outcome = import_documents(store, [report])

    assert outcome.ok and len(outcome.imported) == 3
    assert (stored(store), tree(store)) == expected
    assert tree(store)[FEDERATION_UID][0] is None  # the federation is the placeholder above the territory


@pytest.mark.parametrize("chunk", [1, 2])
def test_a_report_refused_in_its_last_part_writes_nothing_of_the_first(store, report, monkeypatch, chunk):
    """The parts share one transaction: a refusal after the first parts were sent undoes them too."""
    import maturity.usecases.importing as importing
    from maturity.storage.store import Store

    monkeypatch.setattr(importing, "WRITE_CHUNK", chunk)
    calls = []
    real = Store.write_records

    def fails_last(self, writes, action="save"):
        calls.append(len(writes))
        if len(calls) == -(-3 // chunk):
            raise sa.exc.IntegrityError("INSERT", {}, Exception("отказ базы на последней части"))
        return real(self, writes, action)

    monkeypatch.setattr(Store, "write_records", fails_last)

    outcome = import_documents(store, [report])

    assert len(calls) > 1 and outcome.imported == []
    assert "база данных не приняла сводный отчёт" in outcome.rejected[0].reason
    assert stored(store) == {} and store.list_organizations() == []
