"""``-o`` as a user meets it (issue 10, item 6): every command that writes a file, run as a real process.

A real full disk is a 64 KiB tmpfs mounted for the test (the tests run as root in CI; mounting needs it).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from maturity.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ORGANIZATION = "Первичная профсоюзная организация МБОУ «Средняя школа № 7»"  # examples/primary-small.json


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maturity", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'history.sqlite'}"
    loaded = maturity("--db", url, "import", str(EXAMPLES / "primary-small.json"))
    assert loaded.returncode == 0, loaded.stderr
    return url


def writing_commands(database: str, target: Path) -> dict[str, list[str]]:
    """Every command with ``-o``, writing to ``target`` with the right extension."""
    json_file, workbook = target.with_suffix(".json"), target.with_suffix(".xlsx")
    return {
        "export-json": ["--db", database, "export-json", "--org", ORGANIZATION, "--year", "2025", "-o", str(json_file)],
        "export-xlsx": ["--db", database, "export-xlsx", "--org", ORGANIZATION, "--year", "2025", "-o", str(workbook)],
        "export": ["--db", database, "export", "--year", "2025", "-o", str(workbook)],
        "template": ["template", "--year", "2025", "-o", str(workbook)],
    }


def fill(folder: Path) -> None:
    """Fill the file system of ``folder`` to the last byte."""
    with open(folder / "заполнитель", "wb") as out:
        try:
            while True:
                out.write(b"\0" * 1024)
                out.flush()
        except OSError:
            pass
        try:
            out.close()
        except OSError:
            pass


@pytest.fixture
def full_disk(tmp_path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.fail("the full-disk test mounts a tmpfs and needs root (CI runs the tests as root)", pytrace=False)
    folder = tmp_path / "диск"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.subprocess
@pytest.mark.parametrize("command", ["export-json", "export-xlsx", "export", "template"])
@pytest.mark.parametrize("replacing", [False, True], ids=["new file", "replacing a file"])
def test_a_full_disk_gives_one_russian_sentence_exit_2_and_the_old_file_intact(database, full_disk, command, replacing):
    args = writing_commands(database, full_disk / "выгрузка")[command]
    target = Path(args[-1])
    if replacing:
        target.write_bytes(b"old contents")
    fill(full_disk)
    before = sorted(p.name for p in full_disk.iterdir())
    done = maturity(*args)
    assert done.returncode == 2
    assert done.stderr == f"maturity {command}: на диске нет места: файл «{target}» не записан\n"
    assert done.stdout == ""
    assert sorted(p.name for p in full_disk.iterdir()) == before  # no temporary file left behind
    if replacing:
        assert target.read_bytes() == b"old contents"


def make_bad_target(root: Path, kind: str, suffix: str) -> Path:
    if kind == "folder":
        (root / ("папка" + suffix)).mkdir()
        return root / ("папка" + suffix)
    if kind == "missing folder":
        return root / "нет такой папки" / ("файл" + suffix)
    if kind == "fifo":
        os.mkfifo(root / ("канал" + suffix))
        return root / ("канал" + suffix)
    if kind == "under a file":
        (root / "файл").write_bytes(b"x")
        return root / "файл" / ("внутри" + suffix)
    raise AssertionError(kind)


def run_in_process(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_as_process(args: list[str], capsys) -> tuple[int, str, str]:
    done = maturity(*args)
    return done.returncode, done.stdout, done.stderr


BAD_KINDS = ["folder", "missing folder", "fifo", "under a file", "/dev/null"]
COMMANDS = ["export-json", "export-xlsx", "export", "template"]
# Every (command, kind) in the process of the test; a process per command (a different kind each) as a user runs it
CASES = [(run_in_process, c, k) for c in COMMANDS for k in BAD_KINDS] + [
    (run_as_process, c, BAD_KINDS[(i + 1) % len(BAD_KINDS)]) for i, c in enumerate(COMMANDS)
]


@pytest.mark.subprocess
@pytest.mark.parametrize(("run", "command", "kind"), CASES, ids=[f"{r.__name__}-{c}-{k}" for r, c, k in CASES])
def test_o_refuses_anything_but_a_regular_file_before_any_work(tmp_path, capsys, run, command, kind):
    database = tmp_path / "не создавать.sqlite"
    suffix = ".json" if command == "export-json" else ".xlsx"
    out = tmp_path / "out"
    out.mkdir()
    args = writing_commands(f"sqlite:///{database}", out / "x")[command]
    if kind == "/dev/null":
        args[-1] = os.devnull
    else:
        args[-1] = str(make_bad_target(out, kind, suffix))
    before = sorted(str(p) for p in out.rglob("*"))
    code, stdout, err = run(args, capsys)
    assert code == 2 and stdout == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"maturity {command}: ")
    assert "Traceback" not in err and "Errno" not in err
    assert any("а" <= c <= "я" for c in lines[0].split(":", 1)[1].lower())
    assert sorted(str(p) for p in out.rglob("*")) == before
    assert not database.exists()  # refused before the database was opened
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["export-json", "export-xlsx", "export", "template"])
def test_each_command_writes_a_new_file_readable_by_others_and_keeps_a_replaced_files_mode(
    database, tmp_path, capsys, command
):
    args = writing_commands(database, tmp_path / "выгрузка с пробелом")[command]
    target = Path(args[-1])
    mask = os.umask(0o022)
    try:
        assert main(args) == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        os.chmod(target, 0o600)
        assert main(args) == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    finally:
        os.umask(mask)
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
