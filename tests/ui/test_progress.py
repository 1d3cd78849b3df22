"""Work with progress: reports reach a determinate progress dialog on the UI thread; «Отмена» sets a flag
the work reads between its steps."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QPushButton, QWidget

from ui.background import SyncRunner, ThreadRunner


def test_reports_from_the_worker_move_the_bar_on_the_ui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = ThreadRunner(parent)
    may_finish = threading.Event()
    results = []

    def work(progress):
        progress(0, 4, "первый файл")
        progress(1, 4, "второй файл")
        assert may_finish.wait(10)
        return "готово"

    runner.run_with_progress(work, results.append, title="Загрузка")
    dialog = runner.progress_dialog
    qtbot.waitUntil(lambda: dialog.value() == 1, timeout=5000)

    assert dialog.maximum() == 4
    assert dialog.labelText() == "второй файл"
    assert dialog.windowTitle() == "Загрузка"
    may_finish.set()
    qtbot.waitUntil(lambda: results == ["готово"], timeout=5000)


def test_the_cancel_button_sets_the_flag_the_work_reads_between_steps(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = ThreadRunner(parent)
    step_done, may_continue = threading.Event(), threading.Event()
    results = []

    def work(progress):
        steps = 0
        for step in range(5):
            progress(step, 5, f"шаг {step + 1}")
            if progress.cancelled:
                break
            steps += 1
            step_done.set()
            assert may_continue.wait(10)
        return steps

    progress = runner.run_with_progress(work, results.append, title="Загрузка")
    assert step_done.wait(10)
    cancel = runner.progress_dialog.findChild(QPushButton)
    assert cancel.text() == "Отмена"
    cancel.click()
    assert progress.cancelled
    may_continue.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)

    assert results == [1]  # the step under way finished, the next one never began


def test_an_error_in_work_with_progress_reaches_on_error_and_closes_the_dialog(qtbot):
    runner = ThreadRunner()
    errors = []

    def work(progress):
        progress(0, 2, "")
        raise ValueError("сломалось")

    runner.run_with_progress(work, lambda _r: errors.append("done?!"), errors.append)
    dialog = runner.progress_dialog
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)

    assert isinstance(errors[0], ValueError)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed (and deleted soon after)


def test_the_synchronous_runner_reports_the_same_way(qapp):
    seen = []
    runner = SyncRunner(on_progress=lambda dialog, done, total, text: seen.append((dialog.value(), dialog.maximum())))
    results = []

    def work(progress):
        for step in range(3):
            progress(step + 1, 3, "")
        return progress.cancelled

    runner.run_with_progress(work, results.append)

    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert results == [False]


@pytest.mark.slow
def test_many_works_with_progress_in_a_row_end_cleanly(qtbot):
    """Each round's progress object and closures may be dropped last on a pool thread; the UI thread's
    connections must not be touched from there (a crash within some hundred rounds before)."""
    for round_number in range(200):
        parent = QWidget()
        qtbot.addWidget(parent)
        results = []

        def work(progress, round_number=round_number):
            progress(0, 2, "первый файл")
            progress(1, 2, "второй файл")
            return round_number

        ThreadRunner(parent).run_with_progress(work, results.append, title="Загрузка")
        qtbot.waitUntil(lambda results=results: bool(results), timeout=5000)
        assert results == [round_number]


def test_work_whose_window_was_closed_still_hands_over_its_result(qtbot):
    """The window (and with it the progress dialog) is deleted while the work runs: the later reports are
    dropped and the result still reaches on_done, with no error."""
    parent = QWidget()
    runner = ThreadRunner(parent)
    may_go_on, results, errors = threading.Event(), [], []

    def work(progress):
        progress(0, 2, "первый файл")
        assert may_go_on.wait(10)
        progress(1, 2, "второй файл")
        return "готово"

    runner.run_with_progress(work, results.append, errors.append, title="Загрузка")
    dialog = runner.progress_dialog
    shiboken6.delete(parent)
    assert not shiboken6.isValid(dialog)
    may_go_on.set()
    qtbot.waitUntil(lambda: bool(results or errors), timeout=5000)

    assert results == ["готово"] and errors == []
