"""The background-work helper: work on a worker thread, results and errors back on the UI thread."""

from __future__ import annotations

import threading

from maturity.errors import BadInput
from ui.background import SyncRunner, ThreadRunner


def test_work_runs_off_the_ui_thread_and_the_result_comes_back_on_it(qtbot):
    ui_thread = threading.get_ident()
    seen = {}

    def work():
        seen["work"] = threading.get_ident()
        return 42

    def done(result):
        seen["done"] = threading.get_ident()
        seen["result"] = result

    ThreadRunner().run(work, done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)

    assert seen["result"] == 42
    assert seen["work"] != ui_thread
    assert seen["done"] == ui_thread


def test_an_error_in_the_work_reaches_on_error_on_the_ui_thread(qtbot):
    ui_thread = threading.get_ident()
    errors = []

    def work():
        raise BadInput("файл не найден")

    ThreadRunner().run(work, lambda _r: errors.append("done?!"), lambda e: errors.append((e, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)

    ((error, thread),) = errors
    assert str(error) == "файл не найден" and thread == ui_thread


def test_the_synchronous_runner_gives_the_same_answers_at_once():
    results, errors = [], []
    runner = SyncRunner()
    runner.run(lambda: 1 + 1, results.append)
    runner.run(lambda: 1 / 0, results.append, errors.append)

    assert results == [2]
    assert isinstance(errors[0], ZeroDivisionError)


def test_a_task_that_ends_after_the_program_closed_is_dropped_quietly(qapp):
    """At exit the relay goes with the program while a background read may still be running: its result
    has nobody to go to and is dropped (before, the pool thread printed «Signal source has been deleted»)."""
    import shiboken6

    from ui import background

    relay = background._the_relay()
    number = relay.add(background._Handlers(lambda: None, lambda _r: None, lambda _e: None))
    shiboken6.delete(relay)

    background._run_task(lambda: 42, relay, number)  # no RuntimeError
    background._run_task(lambda: 1 / 0, relay, number)

    assert shiboken6.isValid(background._the_relay())  # the next task gets a new relay
