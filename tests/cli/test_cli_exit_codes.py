"""What exit code 2 means (issue 10, item 8): ``import`` keeps the good files whole and lists the bad ones;
the other commands write nothing. The words in ``--help`` and README say the same.

Folders of received files are generated from the three examples and from bad files of seven kinds.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from maturity.cli.options import EXIT_2_IMPORT, EXIT_2_WRITES_A_FILE
from maturity.cli.parser import build_parser, main
from maturity.storage.store import open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def _example(name: str) -> dict:
    return json.loads((ROOT / "examples" / name).read_text(encoding="utf-8"))


def _changed(change) -> bytes:
    data = _example("primary-small.json")
    change(data)
    return json.dumps(data, ensure_ascii=False).encode()


BAD_FILES = {
    "не JSON.json": lambda: b"{ not json",
    "пустой.json": lambda: b"",
    "не UTF-8.json": lambda: b"\xff\xfe{}",
    "чужой формат.json": lambda: _changed(lambda d: d.update(format="something-else")),
    "неизвестный вопрос.json": lambda: _changed(lambda d: d["answers"].update({"k99.x": 1})),
    "год 1800.json": lambda: _changed(lambda d: d.update(year=1800)),
    "не книга.xlsx": lambda: b"PK\x03\x04 not a workbook",
}


def generated_folders(count: int, seed: int = 10) -> list[tuple[list[str], list[str]]]:
    """(good example names, bad file names): every good subset at least once, bad files drawn at random."""
    rng = random.Random(seed)
    names = [p.name for p in EXAMPLES]
    cases = []
    for i in range(count):
        good = rng.sample(names, k=1 + i % len(names))
        bad = rng.sample(sorted(BAD_FILES), k=rng.randint(1, 3))
        cases.append((good, bad))
    return cases


def make_folder(folder: Path, good: list[str], bad: list[str]) -> Path:
    folder.mkdir()
    for name in good:
        (folder / name).write_bytes((ROOT / "examples" / name).read_bytes())
    for name in bad:
        (folder / name).write_bytes(BAD_FILES[name]())
    return folder


def stored(db_url: str) -> dict[str, int]:
    """Organization name → number of stored assessments, organizations with at least one."""
    with open_store(db_url) as store:
        counts = {org.name: len(store.list_assessments(org)) for org in store.list_organizations()}
    return {name: n for name, n in counts.items() if n}


def example_name(file_name: str) -> str:
    return _example(file_name)["answers"]["profile.name"]


@pytest.mark.parametrize(("good", "bad"), generated_folders(4), ids=lambda v: "+".join(v))
def test_import_of_good_and_bad_files_stores_the_good_ones_lists_the_bad_ones_and_exits_2(
    db_url, tmp_path, capsys, good, bad
):
    folder = make_folder(tmp_path / "получено", good, bad)
    code = main(["--db", db_url, "import", str(folder)])
    out, err = capsys.readouterr()
    assert code == 2
    assert stored(db_url) == {example_name(name): 1 for name in good}
    assert err.splitlines()[0] == f"Импортировано: {len(good)}, пропущено: 0, отклонено: {len(bad)}"
    for name in bad:
        assert f"отклонён {folder / name}: " in err
    for name in good:
        assert str(folder / name) not in err


def test_import_of_only_good_files_exits_0(tmp_path, capsys):
    db_url = f"sqlite:///{tmp_path / 'база.sqlite'}"
    folder = make_folder(tmp_path / "получено", [p.name for p in EXAMPLES], [])
    assert main(["--db", db_url, "import", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(f"Импортировано: {len(EXAMPLES)}, пропущено: 0, отклонено: 0")


@pytest.mark.subprocess
def test_import_as_a_user_runs_it_exits_2_and_keeps_the_good_files(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'база.sqlite'}"
    folder = make_folder(tmp_path / "получено", [p.name for p in EXAMPLES], sorted(BAD_FILES))
    done = subprocess.run(
        [sys.executable, "-m", "maturity", "--db", db_url, "import", str(folder)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr
    assert len([line for line in done.stderr.splitlines() if line.startswith("  отклонён ")]) == len(BAD_FILES)
    assert stored(db_url) == {example_name(p.name): 1 for p in EXAMPLES}


def sub_help(command: str) -> str:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return " ".join(action.choices[command].format_help().split())


def words(text: str) -> str:
    return " ".join(text.split())


def test_import_help_says_good_files_are_loaded_and_exit_2_means_some_were_rejected():
    text = sub_help("import")
    assert words(EXIT_2_IMPORT) in text
    assert "Остальные файлы при этом загружены, каждый целиком" in text


@pytest.mark.parametrize("command", ["export-json", "export-xlsx", "export", "template"])
def test_each_writing_commands_help_says_exit_2_writes_nothing(command):
    assert words(EXIT_2_WRITES_A_FILE) in sub_help(command)
    assert "файл не записан" in sub_help(command)


@pytest.mark.parametrize("command", ["score", "profiles", "demo"])
def test_the_other_commands_help_explains_exit_2_too(command):
    assert "Код выхода 2:" in sub_help(command)


def test_readme_no_longer_says_nothing_is_written_for_every_error():
    readme = words((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "завершается с кодом 2; ничего не записывается" not in readme
    assert "`import` загружает каждый хороший файл целиком" in readme
    assert "Код 2 — если отклонён хотя бы один файл" in readme
