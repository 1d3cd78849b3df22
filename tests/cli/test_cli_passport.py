"""`maturity passport` as a user runs it (the console script ``ui.launcher``, a real subprocess): the PDF
is written and reads back; a bad organization, year or output is refused in Russian with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_reading import fonts, page_count, pdf_text, squeezed

from maturity.engine.plan import PlanStep, default_plan, step_title

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"
ANSWERS = json.loads(EXAMPLE.read_text(encoding="utf-8"))["answers"]


def maturity(*args: str, entry: str = "ui.launcher") -> subprocess.CompletedProcess:
    env = {k: v for k, v in __import__("os").environ.items() if k != "QT_QPA_PLATFORM"}  # the command sets it
    return subprocess.run(
        [sys.executable, "-m", entry, *args], capture_output=True, text=True, encoding="utf-8", timeout=120, env=env
    )


@pytest.fixture
def database(tmp_path, base_profile) -> str:
    from maturity.storage.store import open_store

    url = f"sqlite:///{tmp_path / 'база.sqlite'}"
    with open_store(url) as store:
        org = store.create_organization(ANSWERS["profile.name"], "primary")
        store.save_assessment(org, 2024, base_profile, ANSWERS | {"k8.member_registry": "paper"})
        store.save_plan(org, 2024, [PlanStep(s.step, "done") for s in default_plan(base_profile, ANSWERS, 2024)])
        store.save_assessment(org, 2025, base_profile, ANSWERS)
    return url


@pytest.mark.subprocess
def test_the_passport_is_written_and_reads_back(database, tmp_path, base_profile):
    target = tmp_path / "паспорт.pdf"
    run = maturity("passport", "--org", ANSWERS["profile.name"], "--year", "2025", "-o", str(target), "--db", database)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Паспорт «") and str(target) in run.stdout and run.stderr == ""
    text = pdf_text(target)
    assert squeezed(ANSWERS["profile.name"]) in squeezed(text) and "58,4" in text and "Подпись" in text
    first = default_plan(base_profile, ANSWERS, 2025)[0].step
    assert squeezed(step_title(base_profile, first)) in squeezed(text)
    assert page_count(target) <= 2 and all(embedded for _name, embedded in fonts(target))


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"--org": "нет такой"}, "не найдена"),
        ({"--year": "2023"}, "нет оценки за 2023 год"),
        ({"-o": "{tmp}"}, "папка, а не файл"),
        ({"-o": "{tmp}/нет папки/п.pdf"}, "не существует"),
    ],
)
def test_a_bad_organization_year_or_output_is_exit_2_with_the_reason(database, tmp_path, change, reason):
    options = {"--org": ANSWERS["profile.name"], "--year": "2025", "-o": str(tmp_path / "п.pdf")}
    options |= {k: v.format(tmp=tmp_path) for k, v in change.items()}
    before = sorted(tmp_path.rglob("*"))
    run = maturity("passport", *[x for pair in options.items() for x in pair], "--db", database)
    assert run.returncode == 2 and reason in run.stderr and "Traceback" not in run.stderr
    assert run.stderr.startswith("maturity passport: ") and run.stdout == ""
    assert sorted(tmp_path.rglob("*")) == before  # nothing written


@pytest.mark.subprocess
def test_a_benchmark_of_another_method_is_refused(database, tmp_path):
    other = tmp_path / "сравнение.json"
    other.write_text(
        json.dumps({"format": "maturity-benchmark", "format_version": 1, "year": 2025,
                    "profile": {"id": "sudprof", "version": "2025.1"}, "groups": []}),
        encoding="utf-8",
    )  # fmt: skip
    target = tmp_path / "п.pdf"
    run = maturity(
        "passport", "--org", ANSWERS["profile.name"], "--year", "2025", "-o", str(target), "--db", database,
        "--benchmark", str(other),
    )  # fmt: skip
    assert run.returncode == 2 and "сравнивать их нельзя" in run.stderr and not target.exists()


@pytest.mark.subprocess
def test_python_m_maturity_says_the_pdf_is_drawn_by_the_program(database, tmp_path):
    run = maturity("passport", "--org", "x", "--year", "2025", "-o", str(tmp_path / "п.pdf"), entry="maturity")
    assert run.returncode == 1 and "паспорт в PDF рисует программа" in run.stderr


def test_the_console_scripts_passport_command_writes_a_pdf_in_the_same_process(qapp, database, tmp_path, capsys):
    """The quick lane's view of the command: ui.launcher.main hands Qt's PDF writer to the core's command
    (``qapp`` first: the command would start a QGuiApplication, and the later tests' widgets need a QApplication)."""
    from ui.launcher import main

    target = tmp_path / "паспорт.pdf"
    code = main(["passport", "--org", ANSWERS["profile.name"], "--year", "2025", "-o", str(target), "--db", database])
    assert code == 0
    assert capsys.readouterr().out.startswith("Паспорт «")
    assert target.read_bytes().startswith(b"%PDF-") and target.stat().st_size > 20_000
