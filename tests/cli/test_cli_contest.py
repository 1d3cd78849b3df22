"""`maturity contest` as a user runs it: results (text and --json), a mark, its refusals with exit code 2 in
Russian, the «Итоговый протокол» as xlsx (read back) and as PDF, the diplomas (read back through pdftotext)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from contest_groups import TERRITORY, YEAR, Spec, build
from pdf_reading import page_count, pdf_text, squeezed

from maturity.cli.parser import main
from maturity.views.numbers import format_score

GROUP = [
    Spec("ППО «Альфа»", members=85, structure="chair"),
    Spec("ППО «Бета»", members=90, structure="department", stand="weekly"),
    Spec("ППО «Гамма»", members=150, structure="activist"),
    Spec("ППО «Черновик»", members=80, complete=False),
]


@pytest.fixture
def database(tmp_path, base_profile) -> str:
    from maturity.storage.store import open_store

    url = f"sqlite:///{tmp_path / 'база.sqlite'}"
    with open_store(url) as store:
        build(store, base_profile, GROUP)
    return url


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_results_json_has_the_issues_shape_with_overall_first(database, capsys):
    code, out, _ = run(
        capsys, "contest", "results", "--year", str(YEAR), "--parent", TERRITORY, "--json", "--db", database
    )
    assert code == 0
    document = json.loads(out)
    first = document["nominations"][0]
    assert (first["id"], first["title"]) == ("overall", "Лучшая постановка информационной работы")
    [small, larger] = first["groups"]
    assert (small["level"], larger["level"]) == ("primary", "primary") and small["band"] != larger["band"]
    assert (small["band"], small["band_label"]) == ("under-100", "до 100 членов")
    assert [(r["name"], r["place"]) for r in small["ranking"]] == [("ППО «Бета»", 1), ("ППО «Альфа»", 2)]
    assert all(set(r) >= {"organization_id", "name", "score", "place"} for r in small["ranking"])
    assert document["participants"] == 3


def test_a_mark_is_written_and_changes_the_score_by_the_weight(database, capsys):
    code, out, _ = run(capsys, "contest", "results", "--year", str(YEAR), "--json", "--db", database)
    before = json.loads(out)["nominations"][0]["groups"][0]["ranking"][1]  # «Альфа»
    code, out, err = run(capsys, "contest", "mark", "--year", str(YEAR), "--org", "ППО «Альфа»", "--nomination",
                         "overall", "--member", "Петров П.П.", "--points", "4,5", "--db", database)  # fmt: skip
    assert code == 0 and "записана" in out and err == ""
    code, out, _ = run(capsys, "contest", "results", "--year", str(YEAR), "--json", "--db", database)
    after = next(r for r in json.loads(out)["nominations"][0]["groups"][0]["ranking"] if r["name"] == "ППО «Альфа»")
    assert after["score"] == pytest.approx(before["score"] + 4.5, abs=0.11)
    assert after["commission_mark"] == 4.5 and after["method_score"] == before["method_score"]
    code, out, _ = run(capsys, "contest", "marks", "--year", str(YEAR), "--db", database)
    assert "Петров П.П.: 4,5" in out


@pytest.mark.parametrize(
    ("org", "points", "words"),
    [
        ("ППО «Альфа»", "11", "вне допустимого диапазона"),
        ("ППО «Альфа»", "много", "оценка комиссии — число"),
        ("ППО «Черновик»", "5", "черновик"),
        ("нет такой", "5", "не найдена"),
    ],
)
def test_a_bad_mark_is_exit_2_with_the_reason_in_russian(database, capsys, org, points, words):
    code, out, err = run(capsys, "contest", "mark", "--year", str(YEAR), "--org", org, "--nomination", "overall",
                         "--member", "Петров П.П.", "--points", points, "--db", database)  # fmt: skip
    assert code == 2 and words in err and err.startswith("maturity contest: ") and out == ""


def test_two_marks_by_one_member_are_refused(database, capsys):
    args = ["contest", "mark", "--year", str(YEAR), "--org", "ППО «Альфа»", "--nomination", "stand",
            "--member", "Петров П.П.", "--points", "5", "--db", database]  # fmt: skip
    assert run(capsys, *args)[0] == 0
    code, _, err = run(capsys, *args)
    assert code == 2 and "уже оценил" in err


@pytest.mark.slow
def test_the_protocol_workbook_has_the_rankings_the_winners_and_the_best_practices(database, capsys, tmp_path,
                                                                                   base_profile):  # fmt: skip
    from openpyxl import load_workbook

    target = tmp_path / "протокол.xlsx"
    code, out, _ = run(capsys, "contest", "protocol", "--year", str(YEAR), "-o", str(target), "--db", database)
    assert code == 0 and "Итоговый протокол" in out
    wb = load_workbook(target)
    assert wb.sheetnames == ["Протокол", "Лучшие практики"]
    protocol = [str(c) for row in wb["Протокол"].iter_rows(values_only=True) for c in row if c is not None]
    assert "Номинация «Лучшая постановка информационной работы»" in protocol
    assert "ППО «Бета»" in protocol and "I место" in protocol and "ППО «Черновик»" not in protocol
    assert any("Итоговый балл номинации" in c for c in protocol)
    practices = [str(c) for row in wb["Лучшие практики"].iter_rows(values_only=True) for c in row if c is not None]
    stand = base_profile.question("k6.stand_update")
    assert stand.text in practices and stand.option("weekly").label in practices
    assert wb["Протокол"].page_setup.orientation == "landscape"


def test_a_protocol_in_another_format_is_refused(database, capsys, tmp_path):
    code, _, err = run(capsys, "contest", "protocol", "--year", str(YEAR), "-o", str(tmp_path / "п.docx"),
                       "--db", database)  # fmt: skip
    assert code == 2 and ".pdf или .xlsx" in err and not (tmp_path / "п.docx").exists()


def maturity(*args: str, entry: str = "ui.launcher") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the command sets it
    return subprocess.run(
        [sys.executable, "-m", entry, *args], capture_output=True, text=True, encoding="utf-8", timeout=180, env=env
    )


@pytest.mark.subprocess
def test_the_protocol_pdf_and_a_diploma_read_back_through_pdftotext(database, tmp_path):
    protocol = tmp_path / "протокол.pdf"
    done = maturity("contest", "protocol", "--year", str(YEAR), "--parent", TERRITORY, "-o", str(protocol),
                    "--db", database)  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = pdf_text(protocol)
    assert "Итоговый протокол смотра-конкурса" in text and "Комиссия" in text and "Правила" in text
    assert squeezed("Номинация «Лучшая постановка информационной работы»") in squeezed(text)
    assert "ППО «Бета»" in text and "Победители" in text and "Лучшие практики" in text
    listed = maturity("contest", "results", "--year", str(YEAR), "--parent", TERRITORY, "--json", "--db", database)
    beta = json.loads(listed.stdout)["nominations"][0]["groups"][0]["ranking"][0]
    assert beta["name"] == "ППО «Бета»"
    assert f"1 ППО «Бета» {format_score(beta['score'])}" in text  # the figure of the JSON, as the window writes it

    folder = tmp_path / "дипломы"
    done = maturity("contest", "diplomas", "--year", str(YEAR), "--parent", TERRITORY, "-o", str(folder),
                    "--db", database)  # fmt: skip
    assert done.returncode == 0, done.stderr
    files = sorted(folder.iterdir())
    assert files and all(f.suffix == ".pdf" for f in files)
    [beta] = [f for f in files if f.name.startswith("Диплом-overall-1-") and "Бета" in f.name]
    diploma = pdf_text(beta)
    assert "ДИПЛОМ" in diploma and "ППО «Бета»" in diploma and "I место" in diploma
    assert squeezed("«Лучшая постановка информационной работы»") in squeezed(diploma)
    assert page_count(beta) == 1
    info = subprocess.run(["pdfinfo", str(beta)], capture_output=True, text=True, check=True).stdout
    width, height = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split("x"))
    assert width > height  # A4 landscape: 842 × 595 pt
    assert round(width) == 842 and round(height) == 595


@pytest.mark.subprocess
def test_python_m_maturity_says_the_pdf_is_drawn_by_the_program(database, tmp_path):
    done = maturity("contest", "diplomas", "--year", str(YEAR), "-o", str(tmp_path / "д"), "--db", database,
                    entry="maturity")  # fmt: skip
    assert done.returncode == 1 and "PDF рисует программа" in done.stderr


def test_the_console_scripts_contest_command_writes_the_pdfs_in_the_same_process(qapp, database, tmp_path, capsys):
    from ui.launcher import main as launcher

    target = tmp_path / "протокол.pdf"
    assert launcher(["contest", "protocol", "--year", str(YEAR), "-o", str(target), "--db", database]) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert launcher(["contest", "diplomas", "--year", str(YEAR), "-o", str(tmp_path / "д"), "--db", database]) == 0
    assert "Дипломов записано" in capsys.readouterr().out
