"""Never lose more than a pause of typing: the app killed in the middle of the wizard, then opened again."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from wizard_driver import __file__ as DRIVER

from maturity.engine.relevance import relevance_rules

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"
READY_TIMEOUT_S = 60
STOP_SECTION = "k5"  # «Цитируемость и публикации»: the user gave its first answer, then the process died


def run_until_ready_then_kill(db_url: str, ui_state_path: str, pause: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MATURITY_UI_STATE=ui_state_path)
    process = subprocess.Popen(
        [sys.executable, DRIVER, db_url, str(EXAMPLE), STOP_SECTION, pause],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], READY_TIMEOUT_S)
        assert ready, f"the driver said nothing in {READY_TIMEOUT_S} s"
        line = process.stdout.readline()
        assert line.startswith("READY"), process.stderr.read() if process.poll() is not None else line
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return line.split()[1]


@pytest.mark.subprocess
@pytest.mark.parametrize("pause", ["pause", "no-pause"])
def test_after_a_kill_the_app_offers_the_draft_at_the_section_where_the_user_was(
    qtbot, qapp, sqlite_url, ui_state_path, example_answers, pause
):
    """Killed after a pause: nothing is lost. Killed at once: only the answer of the last pause is."""
    from PySide6.QtCore import QSettings

    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow

    assert run_until_ready_then_kill(sqlite_url, ui_state_path, pause) == STOP_SECTION

    settings = QSettings(ui_state_path, QSettings.Format.IniFormat)
    window = MainWindow(sqlite_url, settings=settings, runner=SyncRunner())
    qtbot.addWidget(window)
    window.show()
    window.open_database()

    answers = example_answers("primary-small.json")
    order = relevance_rules(window.view.default_profile).ordered_ids
    given = [q for q in order if q in answers and not q.startswith(("k5.", "k6.", "k7.", "k8.", "k9.", "k10."))]
    expected = {q: answers[q] for q in given}
    if pause == "pause":
        expected["k5.leader_citations"] = answers["k5.leader_citations"]
    draft = window.view.store.get_assessment(window.view.organization, 2025)
    assert draft.status == "draft"
    assert draft.answers == expected

    assert not window.banner.isHidden()
    assert "2025" in window.banner.text.text() and "Цитируемость и публикации" in window.banner.text.text()
    window.banner.continue_button.click()

    wizard = window.view.wizard
    assert wizard.position() == STOP_SECTION
    page = wizard.currentPage()
    assert page.rows["k5.leader_citations"].editor.value() == expected.get("k5.leader_citations")
    assert page.rows["k5.positive_publications"].editor.value() is None
    wizard.back()
    assert wizard.position() == "k4"  # the way back is there too
    assert wizard.currentPage().rows["k4.subscribers"].editor.value() == answers["k4.subscribers"]
    wizard.close()
    window.view.store.close()
