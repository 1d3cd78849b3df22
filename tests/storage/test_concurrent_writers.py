"""Several writers on one database wait for each other (SQLite and PostgreSQL).

Real, separate processes (``maturity import`` in fresh interpreters) are released together by a
start file; each imports its own generated assessment files. Every process must succeed and every
file must land exactly once — whether the database is new (the processes race on creating the
schema) or already in use, and while another program holds a write transaction open.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

import maturity.storage.database
from maturity.cli import main
from maturity.storage.store import open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
FILES_PER_WRITER, PARTS = 30, 5  # each writer imports its files in PARTS runs: many transactions interleave

# Imports first, then says it is ready, then waits for the start file: the writers start together.
# Then ``maturity import FOLDER --db URL`` for each folder in turn, as a script of imports would.
WRITER = """
import sys, time, pathlib
import maturity.cli, maturity.usecases.importing, maturity.storage.store, maturity.exchange.files  # the slow part, before the start
ready, start, url, folders = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4:]
ready.touch()
deadline = time.monotonic() + 60
while not start.exists() and time.monotonic() < deadline:
    time.sleep(0.001)
sys.exit(max(maturity.cli.main(["import", folder, "--db", url]) for folder in folders))
"""

# An app-like writer: holds one write transaction open for HOLD seconds, then commits.
HOLDER = """
import sys, time, pathlib
from maturity.storage.store import open_store
ready, url, name, hold = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
with open_store(url) as store, store.atomic():
    store.create_organization(name, "primary")
    ready.touch()
    time.sleep(hold)
"""


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MATURITY_DB"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def write_files(folder: Path, writer: int, count: int, rng: random.Random, parts: int = 1) -> dict[str, int]:
    """``count`` assessment files of new organizations, made from examples/*.json: {uid: year}.

    With ``parts`` > 1 they are spread over sub-folders part-0, part-1, ….
    """
    made = {}
    for number in range(count):
        document = json.loads(rng.choice(EXAMPLES).read_text(encoding="utf-8"))
        uid, year = str(uuid.uuid4()), rng.randint(2019, 2026)
        document["meta"]["organization_id"] = uid
        document["year"] = year
        document["answers"]["profile.name"] = f"{document['answers']['profile.name']} — писатель {writer}, № {number}"
        where = folder / f"part-{number % parts}" if parts > 1 else folder
        where.mkdir(parents=True, exist_ok=True)
        (where / f"{number:03d}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        made[uid] = year
    return made


def start_writer(tmp_path: Path, name: str, url: str, folders: list[Path]) -> tuple[subprocess.Popen, Path]:
    """A writer process, ready once its file exists; it imports the folders after the start file appears."""
    ready = tmp_path / f"ready-{name}"
    command = [sys.executable, "-c", WRITER, str(ready), str(tmp_path / "start"), url, *map(str, folders)]
    process = subprocess.Popen(command, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, ready


def finish(processes: list[subprocess.Popen]) -> list[tuple[str, str]]:
    try:
        return [p.communicate(timeout=120) for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.wait()


def wait_for(paths: list[Path], processes: list[subprocess.Popen], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not all(p.exists() for p in paths):
        failed = [p for p in processes if p.poll() is not None]
        assert not failed, failed[0].communicate()[1]
        assert time.monotonic() < deadline, "the processes did not get ready"
        time.sleep(0.005)


def run_writers_together(tmp_path: Path, url: str, writers: int, rng: random.Random) -> dict[str, int]:
    """``writers`` importing processes released at once; each must succeed quietly. All files made: {uid: year}."""
    made: dict[str, int] = {}
    started = []
    for writer in range(writers):
        folder = tmp_path / f"files-{writer}"
        made.update(write_files(folder, writer, FILES_PER_WRITER, rng, parts=PARTS))
        started.append(start_writer(tmp_path, str(writer), url, sorted(folder.iterdir())))
    processes = [process for process, _ready in started]
    wait_for([ready for _process, ready in started], processes)
    (tmp_path / "start").touch()
    for p, (out, err) in zip(processes, finish(processes), strict=True):
        assert p.returncode == 0, err
        part = FILES_PER_WRITER // PARTS
        assert out.count(f"Импортировано: {part}, пропущено: 0, отклонено: 0") == PARTS, out
        assert "locked" not in err and "Traceback" not in err
    return made


def assert_landed_once(url: str, made: dict[str, int], before: int = 0, others: int = 0) -> None:
    """Every file's organization and assessment is stored once; nothing else but shared parents.

    ``before``: assessments (each of its own organization) stored earlier; ``others``: organizations
    without an assessment written by someone else.
    """
    with open_store(url) as store:
        rows = store.session.execute(
            sa.text(
                "SELECT o.uid, o.name, o.placeholder, a.year FROM organization o "
                "LEFT JOIN assessment a ON a.organization_id = o.id"
            )
        ).all()
        scores = store.session.execute(sa.text("SELECT count(*) FROM assessment_score")).scalar()
    names = Counter(name for _uid, name, _placeholder, _year in rows)
    assert [name for name, times in names.items() if times > 1] == []  # no organization twice
    stored = {uid: year for uid, _name, _placeholder, year in rows if uid in made}
    assert stored == made  # each file's organization with its one assessment, of its year
    assessments = sum(1 for *_rest, year in rows if year is not None)
    assert assessments == scores == len(made) + before
    parents = {name for _uid, name, placeholder, _year in rows if placeholder}
    assert len(rows) == len(made) + before + others + len(parents)  # the shared parents, created once


def three_imports_into_a_new_database(url: str, tmp_path: Path, seed: int) -> None:
    made = run_writers_together(tmp_path, url, writers=3, rng=random.Random(seed))

    assert_landed_once(url, made)
    engine = maturity.storage.database.create_db_engine(url)
    try:
        assert maturity.storage.database.current_revision(engine) == maturity.storage.database.head_revision()
    finally:
        engine.dispose()


@pytest.mark.subprocess
def test_three_imports_at_once_into_a_new_database_each_land_every_file_once(db_url, tmp_path):
    three_imports_into_a_new_database(db_url, tmp_path, seed=0)


@pytest.mark.subprocess
@pytest.mark.parametrize("round_", [1, 2])
def test_the_race_on_a_new_sqlite_file_again(tmp_path, round_):
    """Rounds of the race above (SQLite, where the schema and the WAL switch race on one file)."""
    three_imports_into_a_new_database(f"sqlite:///{tmp_path / 'maturity.db'}", tmp_path, seed=round_)


@pytest.mark.subprocess
def test_two_imports_at_once_into_a_database_in_use_each_land_every_file_once(db_url, tmp_path):
    from maturity.usecases.importing import import_documents

    with open_store(db_url) as store:
        assert import_documents(store, EXAMPLES).ok
    made = run_writers_together(tmp_path, db_url, writers=2, rng=random.Random(7))

    assert_landed_once(db_url, made, before=len(EXAMPLES))


@pytest.mark.subprocess
def test_an_import_waits_while_the_app_holds_a_write_transaction(db_url, tmp_path):
    hold = 1.0
    with open_store(db_url):
        pass  # the schema exists: the holder starts writing at once
    folder = tmp_path / "files"
    made = write_files(folder, 0, 10, random.Random(3))
    importer, importer_ready = start_writer(tmp_path, "import", db_url, [folder])
    holding = tmp_path / "holding"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(holding), db_url, "Окно программы", str(hold)],
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for([importer_ready, holding], [importer, holder])
    began = time.monotonic()
    (tmp_path / "start").touch()  # the import begins while the app is in the middle of its write
    (out, err), (_, holder_err) = finish([importer, holder])
    waited = time.monotonic() - began

    assert holder.returncode == 0, holder_err
    assert importer.returncode == 0, err
    assert "Импортировано: 10, пропущено: 0, отклонено: 0" in out
    assert waited >= hold * 0.8  # the import could only write once the app had committed
    assert_landed_once(db_url, made, others=1)
    with open_store(db_url) as store:
        assert len(store.organizations_named("Окно программы")) == 1


@pytest.mark.slow
@pytest.mark.parametrize("wait", [0.2, 0.5])
def test_a_writer_that_waits_too_long_gets_a_russian_reason_and_exit_2(db_url, tmp_path, monkeypatch, capsys, wait):
    monkeypatch.setattr(maturity.storage.database, "WRITE_WAIT_SECONDS", wait)
    folder = tmp_path / "files"
    write_files(folder, 0, 3, random.Random(5))
    with open_store(db_url) as holder, holder.atomic():  # another program keeps writing
        holder.create_organization("Окно программы", "primary")
        began = time.monotonic()
        code = main(["import", str(folder), "--db", db_url])
        waited = time.monotonic() - began

    err = capsys.readouterr().err
    assert code == 2
    assert "база данных занята другой программой" in err and "Traceback" not in err
    assert wait * 0.9 <= waited < wait + 10
    with open_store(db_url) as store:
        assert store.count_organizations() == 1  # the holder's; nothing of the import


def test_readers_and_opening_the_database_never_wait_for_a_writer(db_url, monkeypatch):
    from maturity.storage.comparison import ComparisonFilter, comparison_ids, rows_by_id
    from maturity.usecases.importing import import_documents

    with open_store(db_url) as store:
        assert import_documents(store, EXAMPLES).ok
    monkeypatch.setattr(maturity.storage.database, "WRITE_WAIT_SECONDS", 0.2)  # a reader that waited would fail
    with open_store(db_url) as writer, writer.atomic():
        writer.create_organization("Пишется сейчас", "primary")
        with open_store(db_url) as reader:  # opening a database at the current schema only reads
            # the writer commits only after these reads: had they waited for it, they would have failed
            names = [org.name for org in reader.list_organizations()]
            compared = rows_by_id(reader.session, 2025, comparison_ids(reader.session, ComparisonFilter(year=2025)))

    assert "Пишется сейчас" not in names and len(names) == len(EXAMPLES) + 3  # what is committed (3 parents)
    assert len(compared) == len(EXAMPLES)  # the comparison window's queries
