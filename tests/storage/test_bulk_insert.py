"""Rows written by maturity.storage.bulk.insert_rows (a driver executemany; COPY on PostgreSQL) read back
exactly as written, and a row the database refuses fails the whole statement as SQLAlchemy's DBAPIError
(what the import catches to retry a batch file by file), leaving nothing behind. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from maturity.method.profile import load_profile
from maturity.storage.bulk import insert_rows
from maturity.storage.models import utcnow
from maturity.storage.store import ASSESSMENT, KPI, KPI_COLUMNS, NEW_ASSESSMENT_COLUMNS, insert_scores


def _assessment(store, answers):
    org = store.create_organization("Первичная организация «Ромашка»", "primary")
    profile = load_profile()
    now = utcnow()
    with store.atomic():
        insert_rows(
            store.session,
            ASSESSMENT,
            NEW_ASSESSMENT_COLUMNS,
            [(org.id, 2025, profile.id, profile.version, profile.sha256, "draft", answers, None, now, now)],
        )
    return org, store.get_assessment(org, 2025)


def test_bulk_rows_read_back_as_written_json_text_and_nulls(store):
    answers = {"profile.name": "ППО «Ромашка» — 100 %", "k6.channels": ["email", "chats"], "profile.budget": 0.1}
    org, assessment = _assessment(store, answers)
    assert assessment.answers == answers
    assert assessment.created_at is not None and assessment.respondent is None
    with store.atomic():
        insert_scores(
            store.session,
            [
                dict(assessment_id=assessment.id, kpis={"k1": 26.25, "k2": None}, index=26.25, digital_index=None,
                     level="basic", norms={"n1": "pass"}, failed_norms_count=0, completeness=0.5)
            ],
        )  # fmt: skip
    assert store.get_kpis(assessment) == {"k1": 26.25, "k2": None}
    stored = store.get_score(assessment)
    assert (stored.index, stored.digital_index, stored.norms, stored.completeness) == (26.25, None, {"n1": "pass"}, 0.5)


def test_a_row_the_database_refuses_fails_the_statement_as_dbapi_error_and_leaves_nothing(store):
    _, assessment = _assessment(store, {"profile.name": "ППО"})
    rows = [(assessment.id, "k1", 1.0), (assessment.id, "k2", 2.0), (assessment.id, "k1", 3.0)]  # k1 twice
    with pytest.raises(sa.exc.DBAPIError), store.atomic():
        insert_scores(
            store.session,
            [dict(assessment_id=assessment.id, kpis={}, index=None, digital_index=None, level=None, norms={},
                  failed_norms_count=0, completeness=0.0)],
        )  # fmt: skip
        insert_rows(store.session, KPI, KPI_COLUMNS, rows)
    assert store.get_kpis(assessment) == {}
    assert store.get_score(assessment) is None
