"""A damaged database is named, never written (docs/trust.md, «Повреждённая база данных»).

Generated damage over a real database (the demo federation): random bytes or zeros over pages, a file cut
short, a spoiled header, a text file in its place. Every command either works (SQLite finds nothing wrong) or
exits 2 with a Russian reason; no traceback, no library English, and the damaged file keeps every byte.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.cli.parser import main
from maturity.storage.database_errors import database_reason, is_damage

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "primary-small.json"
PAGE = 4096
CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
ENGLISH = ("malformed", "database", "disk image", "not a", "Error", "Traceback", "sqlite3", "file is")


@pytest.fixture(scope="module")
def healthy(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("healthy") / "maturity.sqlite"
    assert main(["--db", f"sqlite:///{path}", "demo", "--seed", "3"]) == 0
    with sqlite3.connect(path) as connection:  # one file, as a user copies it: the log folded in
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def commands(folder: Path) -> list[list[str]]:
    return [
        ["orgs"],
        ["status", "--year", "2025"],
        ["benchmark", "--year", "2025", "-o", str(folder / "b.json")],
        ["export", "--year", "2025", "-o", str(folder / "e.xlsx")],
        ["import", str(EXAMPLE), "--on-conflict", "replace"],
        ["history", "--org", "Первичная"],
        ["profiles"],
        ["score", str(EXAMPLE)],
        ["orgs", "template", "-o", str(folder / "t.xlsx")],
    ]


damage = st.one_of(
    st.tuples(st.just("random"), st.lists(st.integers(0, 900), min_size=1, max_size=6)),
    st.tuples(st.just("zeros"), st.lists(st.integers(0, 900), min_size=1, max_size=6)),
    st.tuples(st.just("cut"), st.floats(0.0, 0.95)),
    st.tuples(st.just("header"), st.integers(0, 99)),
    st.tuples(st.just("text"), st.just(0)),
)


def damaged_copy(healthy: Path, folder: Path, kind: str, where, seed: int) -> Path:
    import random

    data = bytearray(healthy.read_bytes())
    chance = random.Random(seed)
    if kind in ("random", "zeros"):
        for page in where:
            start = (page % (len(data) // PAGE)) * PAGE
            noise = bytes(chance.getrandbits(8) for _ in range(PAGE)) if kind == "random" else bytes(PAGE)
            data[start : start + PAGE] = noise
    elif kind == "cut":
        data = data[: int(len(data) * where)]
    elif kind == "header":
        data[where] ^= 0xFF
        data[16:18] = b"\x00\x03"  # an impossible page size as well
    else:
        data = bytearray("это не база данных\n".encode() * 50)
    path = folder / "damaged.sqlite"
    path.write_bytes(data)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=damage, seed=st.integers(0, 2**32 - 1), command=st.integers(0, 8))
def test_any_damage_gives_a_russian_reason_and_exit_2_on_every_command_and_the_file_is_not_written(
    healthy, tmp_path_factory, capsys, damage, seed, command
):
    folder = tmp_path_factory.mktemp("damaged")
    path = damaged_copy(healthy, folder, *damage, seed)
    before = digest(path)
    args = commands(folder)[command]
    capsys.readouterr()
    code = main(["--db", f"sqlite:///{path}", *args])
    err = capsys.readouterr().err
    named = any(words in err for words in ("повреждён", "не файл базы данных", "ошибка чтения"))
    if code == 2 and named:
        assert digest(path) == before, f"{args}: a damaged file was written"
        assert not any(word in err for word in ENGLISH), err
        assert CYRILLIC & set(err.lower())
    else:  # SQLite found nothing wrong (the noise fell on free or unused pages): the command worked
        assert code in (0, 2), (args, code, err)
        assert not any(word in err for word in ("Traceback", "malformed", "not a database")), err


@pytest.mark.subprocess
@pytest.mark.parametrize("kind", ["random", "cut", "header", "text"])
def test_each_command_on_a_damaged_file_exits_2_in_russian_as_a_user_runs_it(healthy, tmp_path, kind):
    every_page_but_the_first = list(range(1, healthy.stat().st_size // PAGE))  # the schema read, every table spoilt
    where = {"random": every_page_but_the_first, "cut": 0.5, "header": 0, "text": 0}[kind]
    path = damaged_copy(healthy, tmp_path, kind, where, 7)
    before = digest(path)
    for args in commands(tmp_path):
        run = subprocess.run(
            [sys.executable, "-m", "maturity", "--db", f"sqlite:///{path}", *args],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120,
        )  # fmt: skip
        assert run.returncode == 2, (args, run.stderr[-2000:])
        assert not any(word in run.stderr for word in ENGLISH), run.stderr
        assert CYRILLIC & set(run.stderr.lower()) and len(run.stderr) < 600
        assert digest(path) == before, f"{args} wrote into the damaged file"
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


@pytest.mark.parametrize(
    ("code", "damaged"),
    [(11, True), (26, True), (10, True), (24, True), (13, False), (8, False), (14, False), (19, False), (1, False)],
)
def test_every_sqlite_result_code_has_a_russian_reason_and_damage_is_told_apart(code, damaged):
    error = sqlite3.DatabaseError("database disk image is malformed" if code == 11 else "some English")
    error.sqlite_errorcode = code
    reason = database_reason(error)
    assert CYRILLIC & set(reason.lower()) and "English" not in reason and "malformed" not in reason
    assert is_damage(error) is damaged


@pytest.mark.slow
@pytest.mark.parametrize("value", ["\x00" * 26, "не дата", "\x00"])
def test_a_stored_value_that_cannot_be_read_back_is_named_as_damage_not_a_traceback(healthy, tmp_path, capsys, value):
    """A page of zeros over a date is not damage SQLite sees; the program reading it must still name it."""
    path = tmp_path / "spoilt.sqlite"
    path.write_bytes(healthy.read_bytes())
    with sqlite3.connect(path) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for column in connection.execute(f'PRAGMA table_info("{table}")').fetchall():
                if column[2].upper() == "DATETIME":
                    connection.execute(f'UPDATE "{table}" SET "{column[1]}" = ?', (value,))
    before = digest(path)
    outcomes = []
    for args in (["status", "--year", "2025"], ["orgs"], ["export", "--year", "2025", "-o", str(tmp_path / "e.xlsx")]):
        code = main(["--db", f"sqlite:///{path}", *args])
        err = capsys.readouterr().err
        assert "Traceback" not in err and not any(word in err for word in ENGLISH), err
        outcomes.append((code, "испорченное значение" in err))
    assert (2, True) in outcomes, outcomes  # at least one of them reads a spoilt date, and says so
    assert all(code == 0 or named for code, named in outcomes), outcomes
    assert digest(path) == before
