"""The app opening a SQLite file with a damaged page deep inside (its header and schema read well): every page is
checked on a thread of its own while the modules load, and the window shows nothing of the file — only the Russian
reason — and never writes into it."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from maturity.cli.parser import main

PAGE = 4096


@pytest.fixture(scope="module")
def damaged(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("damaged") / "maturity.sqlite"
    assert main(["--db", f"sqlite:///{path}", "demo", "--seed", "5"]) == 0
    with sqlite3.connect(path) as connection:  # one file, the log folded in
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    last = len(data) // PAGE - 2
    data[last * PAGE : (last + 1) * PAGE] = bytes(range(256)) * (PAGE // 256)  # a page near the end spoilt
    path.write_bytes(data)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("threads", [False, True], ids=["sync", "threads"])
def test_a_damaged_page_is_named_before_the_window_shows_anything(qtbot, qapp, damaged, tmp_path, monkeypatch, threads):
    from PySide6.QtCore import QSettings

    from ui.background import SyncRunner, ThreadRunner
    from ui.main.main_window import MainWindow

    copy = tmp_path / "копия.sqlite"
    copy.write_bytes(damaged.read_bytes())
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: said.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a: said.append("внутренняя: " + text))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(f"sqlite:///{copy}", settings=settings, runner=SyncRunner() if not threads else None)
    qtbot.addWidget(window)
    if threads:
        window._runner = ThreadRunner(window)
    window.show()

    window.open_database()
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)

    assert not window.is_open
    assert len(said) == 1 and "повреждён" in said[0] and "внутренняя" not in said[0]
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before  # nothing written into it
