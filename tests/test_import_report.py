"""A federation imports a consolidated report one level up: every organization's assessment, or none."""

from __future__ import annotations

import subprocess
import sys

import pytest
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
