"""Saving drafts: written on every change, and a failure is said aloud and retried, not hidden."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from sqlalchemy.exc import OperationalError

from maturity.engine.session import AssessmentSession
from ui.drafts import DraftSaver, ResumeMarks


class FlakyStore:
    """Refuses the first ``failures`` saves as a database that went away would."""

    def __init__(self, failures: int):
        self.failures = failures
        self.saved: list[dict] = []

    def save_draft(self, org_id, year, profile, answers):
        if self.failures:
            self.failures -= 1
            raise OperationalError("UPDATE assessment", {}, Exception("database is locked"))
        self.saved.append(dict(answers))


def test_a_failed_save_is_reported_and_the_next_change_saves_everything(base_profile, tmp_path):
    store = FlakyStore(failures=1)
    reports = []
    marks = ResumeMarks(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), "sqlite:///x.db")
    saver = DraftSaver(store, 1, "uid-1", marks, report=lambda text, error: reports.append((text, error)))
    session = AssessmentSession(profile=base_profile, year=2025, on_change=saver)

    session.set_answer("profile.members", 85)
    session.set_answer("k1.structure", "chair")

    assert reports[0] == ("Черновик не сохранён: база данных недоступна (OperationalError).", True)
    assert reports[1] == ("Черновик сохранён", False)
    assert store.saved == [{"profile.members": 85, "k1.structure": "chair"}]


def test_the_position_is_remembered_per_database(base_profile, tmp_path):
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    here = ResumeMarks(settings, "sqlite:///a.db")
    there = ResumeMarks(settings, "sqlite:///b.db")

    here.remember("uid-1", 2025, "k4")

    assert here.position("uid-1", 2025) == "k4"
    assert here.position("uid-1", 2024) is None
    assert there.last() is None
    here.forget("uid-1", 2025)
    assert here.last() is None
