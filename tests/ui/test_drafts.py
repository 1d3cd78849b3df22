"""Saving drafts: after a pause in typing, in the background, one write at a time, flushed on close;
a failure is said aloud and retried, not hidden."""

from __future__ import annotations

import random
import threading
import time
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy.exc import OperationalError

from maturity.engine.session import AssessmentSession
from ui.background import SyncRunner, ThreadRunner
from ui.wizard.drafts import DraftSaver, ResumeMarks

DELAY_MS = 150


class FakeStore:
    """Records the drafts written; refuses the first ``failures`` as a database that went away
    would; takes ``seconds`` per write and counts writes under way at the same time."""

    def __init__(self, failures: int = 0, seconds: float = 0.0):
        self.failures = failures
        self.seconds = seconds
        self.saved: list[dict] = []
        self.finished: list[dict] = []
        self.busy = 0
        self.finishing = False
        self.most_at_once = 0
        self._count = threading.Lock()

    def save_record(self, org_id, record):
        """Drafts go to ``saved``; «Сохранить оценку» (status decided from the answers) to ``finished``."""
        if record.status == "draft" and not self.finishing:
            self._write(self.saved, record.answers)
            return None
        self._write(self.finished, record.answers)
        return "saved"

    def _write(self, into: list[dict], answers) -> None:
        with self._count:
            self.busy += 1
            self.most_at_once = max(self.most_at_once, self.busy)
        try:
            time.sleep(self.seconds)
            if self.failures:
                self.failures -= 1
                raise OperationalError("UPDATE assessment", {}, Exception("database is locked"))
            into.append(dict(answers))
        finally:
            with self._count:
                self.busy -= 1

    @contextmanager
    def opened(self):
        yield self


def saver_for(store: FakeStore, tmp_path, runner=None, reports=None) -> DraftSaver:
    marks = ResumeMarks(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), "sqlite:///x.db")
    report = None if reports is None else (lambda text, error: reports.append((text, error)))
    return DraftSaver(store.opened, 1, "uid-1", marks, runner or SyncRunner(), report=report, delay_ms=DELAY_MS)


def typed(text: str) -> list[str]:
    """What a text field holds after each key of ``text``."""
    return [text[: i + 1] for i in range(len(text))]


@pytest.mark.parametrize("seed", range(5))
def test_typing_twenty_characters_writes_the_draft_once_after_the_pause(qtbot, base_profile, tmp_path, seed):
    text = "".join(random.Random(seed).choice("абвгдеёжзийклмнопрстуфхцчшщэюя -«»№1") for _ in range(20)).strip()
    text = text or "ППО"
    store = FakeStore()
    session = AssessmentSession(profile=base_profile, year=2025)
    saver = saver_for(store, tmp_path)
    saver.attach(session, {})

    for value in typed(text):
        session.set_answer("profile.respondent", value)

    assert store.saved == []  # nothing while the user types
    qtbot.waitUntil(lambda: not saver.pending, timeout=3000)
    assert 1 <= len(store.saved) <= 2
    assert store.saved[-1] == {"profile.respondent": text.strip()}


def test_a_page_change_writes_at_once(base_profile, tmp_path):
    store = FakeStore()
    session = AssessmentSession(profile=base_profile, year=2025)
    saver = saver_for(store, tmp_path)
    saver.attach(session, {})

    session.set_answer("profile.members", 85)
    session.set_section("k1")

    assert store.saved == [{"profile.members": 85}]
    assert saver.marks.position("uid-1", 2025) == "k1"


def test_closing_flushes_what_the_pause_had_not_written_yet(base_profile, tmp_path):
    store = FakeStore()
    session = AssessmentSession(profile=base_profile, year=2025)
    saver = saver_for(store, tmp_path)
    saver.attach(session, {})

    session.set_answer("profile.members", 85)
    assert saver.pending and store.saved == []
    assert saver.flush()

    assert store.saved == [{"profile.members": 85}]
    assert not saver.pending
    assert saver.flush() and len(store.saved) == 1  # nothing new: nothing written


def test_a_failed_save_is_reported_and_the_next_change_saves_everything(base_profile, tmp_path):
    store = FakeStore(failures=1)
    reports = []
    session = AssessmentSession(profile=base_profile, year=2025)
    saver = saver_for(store, tmp_path, reports=reports)
    saver.attach(session, {})

    session.set_answer("profile.members", 85)
    saver.save_now()
    session.set_answer("k1.structure", "chair")
    saver.save_now()

    assert reports[0] == ("Черновик не сохранён: база данных недоступна (OperationalError).", True)
    assert reports[1] == ("Черновик сохранён", False)
    assert store.saved == [{"profile.members": 85, "k1.structure": "chair"}]
    assert saver.last_error is None


def test_a_failed_flush_says_why(base_profile, tmp_path):
    store = FakeStore(failures=1)
    session = AssessmentSession(profile=base_profile, year=2025)
    saver = saver_for(store, tmp_path)
    saver.attach(session, {})
    session.set_answer("profile.members", 85)

    assert not saver.flush()
    assert saver.last_error == "Черновик не сохранён: база данных недоступна (OperationalError)."


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_changes_during_a_background_write_are_written_after_it_as_one(qtbot, base_profile, tmp_path, seed):
    rng = random.Random(seed)
    store = FakeStore(seconds=0.15)
    session = AssessmentSession(profile=base_profile, year=2025)
    saver = saver_for(store, tmp_path, runner=ThreadRunner())
    saver.attach(session, {})
    values = rng.sample(range(1, 5000), rng.randint(3, 8))

    for value in values:  # each change asks for a write at once, while the previous one is under way
        session.set_answer("profile.members", value)
        saver.save_now()
        qtbot.wait(rng.randint(0, 60))
    qtbot.waitUntil(lambda: not saver.pending, timeout=10000)

    assert store.most_at_once == 1
    assert store.saved[-1] == {"profile.members": values[-1]}
    assert len(store.saved) <= 2 + sum(1 for _ in values) // 2  # coalesced, never one per change queued up


def test_finishing_waits_for_a_write_in_flight_and_is_not_overwritten_by_it(qtbot, base_profile, tmp_path):
    store = FakeStore(seconds=0.2)
    session = AssessmentSession(profile=base_profile, year=2025)
    saver = saver_for(store, tmp_path, runner=ThreadRunner())
    saver.attach(session, {})
    session.set_answer("profile.members", 85)
    saver.save_now()  # in flight
    session.set_answer("profile.members", 90)

    store.finishing = True  # from here on a write is «Сохранить оценку» (the answers leave it a draft)
    saver.finish(session)
    qtbot.waitUntil(lambda: not saver.pending, timeout=5000)

    assert store.finished == [{"profile.members": 90}]
    assert store.saved in ([], [{"profile.members": 85}])  # the older write went first or not at all
    assert store.most_at_once == 1  # the final write waited for the one in flight, if it had begun


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
