"""`maturity --self-test`: reports every step it checked, or the step that failed and why.

The bundle itself is built and self-tested by scripts/build-bundle-check (CI), not here: these
tests run the same code from the source tree, in-process and as the console script.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from maturity.engine.scoring import score
from maturity.exchange.assessment_json import read_assessment_json
from maturity.usecases.selftest import EXIT_FAILED, EXIT_OK, Step, decimal, run_self_test

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "primary-small.json"


def run(**kwargs) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_self_test(out=out, **kwargs)
    return code, out.getvalue().splitlines()


def expected_index() -> str:
    document = read_assessment_json(EXAMPLE)
    return decimal(score(document.profile, document.answers).index)


def test_passes_every_core_step_and_ends_with_a_summary_naming_the_example_index():
    code, lines = run()

    assert code == EXIT_OK
    summary = lines[-1]
    assert summary.startswith("самопроверка: методика ОК")
    for part in (
        "база ОК (схема ",
        "пример ОК (primary-small.json",
        f"расчёт ОК (индекс {expected_index()})",
        "диаграмма ОК",
        "книга Excel ОК",
        "файл JSON ОК",
    ):
        assert part in summary
    assert "ОШИБКА" not in "\n".join(lines)


def test_uses_a_temporary_database_and_restores_the_users_setting(monkeypatch, tmp_path):
    users_db = tmp_path / "users.db"
    monkeypatch.setenv("MATURITY_DB", f"sqlite:///{users_db}")

    code, _ = run()

    assert code == EXIT_OK
    assert os.environ["MATURITY_DB"] == f"sqlite:///{users_db}"
    assert not users_db.exists()


def test_an_unreadable_example_fails_at_that_step_with_the_files_reason(tmp_path):
    broken = tmp_path / "primary-small.json"
    broken.write_text('{"format": "maturity-assessment", ', encoding="utf-8")

    code, lines = run(example_path=broken)

    assert code == EXIT_FAILED
    assert lines[-1].startswith("самопроверка: ОШИБКА на шаге «пример»: ")
    assert "это не JSON" in lines[-1] and str(broken) in lines[-1]
    assert "  база ОК (схема" in "\n".join(lines)  # the steps before it ran and passed…
    assert not any("расчёт" in line for line in lines)  # …those after it did not


def test_a_missing_example_is_named(tmp_path):
    code, lines = run(example_path=tmp_path / "nowhere.json")

    assert code == EXIT_FAILED
    assert lines[-1] == f"самопроверка: ОШИБКА на шаге «пример»: нет файла примера {tmp_path / 'nowhere.json'}"


def test_the_example_can_be_chosen_by_environment_variable(monkeypatch, tmp_path):
    other = tmp_path / "other.json"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["year"] = 2024
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("MATURITY_SELFTEST_EXAMPLE", str(other))

    code, lines = run()

    assert code == EXIT_OK
    assert "пример ОК (other.json, 2024 год)" in lines[-1]


def test_a_workbook_that_reads_back_different_answers_fails_the_workbook_step(monkeypatch):
    import maturity.exchange.workbook_import as workbook_import

    real_reader = workbook_import.read_assessment_workbook

    def lossy_reader(path):
        document = real_reader(path)
        document.answers["k4.subscribers"] = document.answers["k4.subscribers"] + 1
        return document

    monkeypatch.setattr(workbook_import, "read_assessment_workbook", lossy_reader)

    code, lines = run()

    assert code == EXIT_FAILED
    assert lines[-1] == (
        "самопроверка: ОШИБКА на шаге «книга Excel»: книга Excel: после записи и чтения изменились ответы "
        "k4.subscribers"
    )


def test_without_the_optional_postgresql_driver_the_step_says_so_and_the_check_still_passes(monkeypatch):
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real_find_spec(name, *a)
    )

    code, lines = run()

    assert code == EXIT_OK
    assert "  драйвер PostgreSQL: нет (не установлен, общая база PostgreSQL недоступна (maturity[postgres]))" in lines
    assert lines[-1].endswith(", драйвер PostgreSQL: нет")


def test_with_the_driver_installed_the_step_names_its_versions():
    import psycopg

    code, lines = run()

    assert code == EXIT_OK
    assert f"драйвер PostgreSQL ОК (psycopg {psycopg.__version__}, libpq " in lines[-1]


def test_an_unexpected_exception_is_reported_with_its_type_and_a_traceback(capsys):
    def broken(_context):
        raise RuntimeError("сломалось")

    out = io.StringIO()
    code = run_self_test(steps=(Step("шаг", broken),), out=out)

    assert code == EXIT_FAILED
    assert out.getvalue().splitlines()[-1] == "самопроверка: ОШИБКА на шаге «шаг»: RuntimeError: сломалось"
    assert "Traceback" in capsys.readouterr().err


def test_a_long_unexpected_message_is_cut_to_its_first_and_last_lines(capsys):
    def broken(_context):
        raise ImportError(
            "\n\nIMPORTANT: PLEASE READ THIS\nadvice\nmore advice\n\nOriginal error was: lib.so: bad ELF\n"
        )

    out = io.StringIO()
    code = run_self_test(steps=(Step("диаграмма", broken),), out=out)

    assert code == EXIT_FAILED
    assert out.getvalue().splitlines()[-1] == (
        "самопроверка: ОШИБКА на шаге «диаграмма»: ImportError: IMPORTANT: PLEASE READ THIS … "
        "Original error was: lib.so: bad ELF"
    )


def test_a_refused_input_is_reported_by_its_sentence_without_a_traceback(capsys):
    from maturity.errors import BadInput

    def refused(_context):
        raise BadInput("файл не в кодировке UTF-8")

    out = io.StringIO()
    code = run_self_test(steps=(Step("пример", refused),), out=out)

    assert code == EXIT_FAILED
    assert out.getvalue().splitlines()[-1] == "самопроверка: ОШИБКА на шаге «пример»: файл не в кодировке UTF-8"
    assert "Traceback" not in capsys.readouterr().err


def test_extra_steps_run_after_the_core_ones_and_see_its_database():
    seen = {}

    def extra(context):
        seen["url"] = context.database_url
        return "дополнительно"

    code, lines = run(extra_steps=(Step("ещё", extra),))

    assert code == EXIT_OK
    assert lines[-1].endswith(", ещё ОК (дополнительно)")
    assert seen["url"].startswith("sqlite:///") and "maturity-selftest-" in seen["url"]


@pytest.mark.slow
def test_the_window_step_opens_the_main_window_on_the_temporary_database(qapp):
    from ui.selftest.window import WINDOW_STEP

    code, lines = run(extra_steps=(WINDOW_STEP,))

    assert code == EXIT_OK
    assert "окно ОК (offscreen, " in lines[-1] and "диаграмма, перевод Qt ru" in lines[-1]


def test_the_window_step_turns_the_windows_error_message_into_a_failure(qapp, tmp_path):
    from maturity.usecases.selftest import SelfTestContext, SelfTestFailure
    from ui.selftest.window import check_main_window

    context = SelfTestContext(
        folder=tmp_path, example_path=EXAMPLE, database_url=f"sqlite:///{tmp_path / 'нет такой папки' / 'maturity.db'}"
    )

    with pytest.raises(SelfTestFailure, match="главное окно сообщило: .*папка для файла базы данных не существует"):
        check_main_window(context)


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("module", "has_window_step"),
    [("ui.launcher", True), ("maturity", False)],
    ids=["console-script", "python-m-maturity"],
)
def test_the_option_works_from_the_command_line(module, has_window_step):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("MATURITY_DB", None)

    done = subprocess.run(
        [sys.executable, "-m", module, "--self-test"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )

    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout.splitlines()[-1]
    assert summary.startswith("самопроверка: методика ОК") and f"индекс {expected_index()}" in summary
    assert ("окно ОК" in summary) is has_window_step
