"""An import killed half-way (SIGKILL: no clean-up at all) leaves a consistent SQLite database."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = 4000


def write_files(folder: Path) -> dict[str, dict]:
    """FILES assessments of different organizations without parents: answers by organization name."""
    template = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    template["answers"].pop("profile.parent", None)
    by_name = {}
    for number in range(FILES):
        answers = dict(template["answers"], **{"profile.name": f"ППО № {number}", "k3.info_meetings": number % 9})
        document = dict(template, answers=answers, meta={"organization_id": str(uuid.uuid4())})
        (folder / f"{number:05d}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        by_name[answers["profile.name"]] = answers
    return by_name


def stored_assessments(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM assessment").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.subprocess
def test_a_killed_import_leaves_whole_files_and_an_intact_database(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    answers_by_name = write_files(folder)
    database = tmp_path / "maturity.db"
    command = [sys.executable, "-m", "maturity", "import", str(folder), "--db", f"sqlite:///{database}"]

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while stored_assessments(database) == 0 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert process.poll() is None, "the import ended before it could be killed: " + process.stderr.read().decode()
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assessments = connection.execute("SELECT count(*) FROM assessment").fetchone()[0]
        scores = connection.execute("SELECT count(*) FROM assessment_score").fetchone()[0]
        organizations = connection.execute("SELECT count(*) FROM organization").fetchone()[0]
        without_scores = connection.execute(
            "SELECT count(*) FROM assessment a LEFT JOIN assessment_score s ON s.assessment_id = a.id "
            "WHERE s.assessment_id IS NULL"
        ).fetchone()[0]
        stored = connection.execute(
            "SELECT o.name, a.answers FROM assessment a JOIN organization o ON o.id = a.organization_id"
        ).fetchall()

    assert 0 < assessments < FILES  # killed half-way
    assert without_scores == 0
    assert scores == assessments == organizations  # one organization, assessment and score row per whole file
    for name, answers in stored:
        assert json.loads(answers) == answers_by_name[name]

    # the same import again, skipping what is there, completes the database
    finished = subprocess.run(command + ["--on-conflict", "skip"], capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert f"Импортировано: {FILES - assessments}, пропущено: {assessments}, отклонено: 0" in finished.stdout
    assert stored_assessments(database) == FILES
