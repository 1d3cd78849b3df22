"""Every kind of workbook opens in LibreOffice Calc with the values the program wrote (Cyrillic
included, formula-looking text left as text), and a workbook saved again by LibreOffice — as a
chair who fills the form in LibreOffice would — still imports with the same answers.

LibreOffice starts slowly, so each direction converts all files in one ``soffice`` call, with a
private profile directory.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from workbook_helpers import as_sets, example, examples, row_of

from maturity.exchange.blank_form import write_blank_form
from maturity.exchange.files import read_assessment_file, read_assessment_files
from maturity.exchange.report_entry import entry_from_document
from maturity.exchange.report_export import write_report
from maturity.exchange.workbook_export import write_assessment_workbook

pytestmark = pytest.mark.libreoffice

# separator «,», quote «"», UTF-8 (76), from line 1, …, 12th token -1: every sheet to its own file
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
TRICKY_NAME = "=1+2 ППО «Ёлочка»"


def soffice(profile: Path, target: str, outdir: Path, files: list[Path]) -> None:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        pytest.fail("LibreOffice (soffice) не установлен: выполните scripts/setup-system", pytrace=False)
    done = subprocess.run(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
         "--outdir", str(outdir), *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("written")
    assessment = example()
    assessment.answers["profile.name"] = TRICKY_NAME
    paths = {"assessment": folder / "оценка.xlsx", "form": folder / "анкета.xlsx", "report": folder / "отчёт.xlsx"}
    write_assessment_workbook(assessment, paths["assessment"])
    shipyard = example("primary-shipyard.json")
    write_blank_form(shipyard.profile, paths["form"], year=2025, answers=shipyard.answers, meta=shipyard.meta)
    write_report(
        [entry_from_document(d) for d in examples()],
        paths["report"],
        year=2025,
        scope="Федерация",
        with_respondents=True,
    )  # every answer makes the round trip
    return paths


@pytest.fixture(scope="module")
def sheets(written, tmp_path_factory) -> dict[str, list[list[str]]]:
    """Every sheet of every workbook as LibreOffice reads it: {"оценка-Оценка": rows, …}."""
    out = tmp_path_factory.mktemp("csv")
    soffice(tmp_path_factory.mktemp("profile"), CSV_FILTER, out, list(written.values()))
    result = {}
    for path in out.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            result[path.stem] = list(csv.reader(handle))
    return result


@pytest.fixture(scope="module")
def resaved(written, tmp_path_factory) -> dict[str, Path]:
    """The workbooks opened and saved again as .xlsx by LibreOffice."""
    out = tmp_path_factory.mktemp("resaved")
    soffice(tmp_path_factory.mktemp("profile2"), "xlsx:Calc MS Excel 2007 XML", out, list(written.values()))
    return {kind: out / path.name for kind, path in written.items()}


def pairs(rows: list[list[str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in rows:
        if row and row[0]:
            found.setdefault(row[0], row[1:])
    return found


def number(text: str) -> float:
    return float(text.replace(",", "."))


def test_libreoffice_reads_every_sheet_of_every_workbook(sheets):
    assert {"оценка-Оценка", "оценка-Ответы", "анкета-Анкета", "отчёт-Сводка", "отчёт-Нормативы",
            "отчёт-Динамика", "отчёт-Ответы организаций", "отчёт-Параметры методики",
            "отчёт-Диаграммы"} <= set(sheets)  # fmt: skip


def test_the_assessment_workbook_reads_in_libreoffice_with_cyrillic_and_scores(sheets):
    readable = pairs(sheets["оценка-Оценка"])
    assert readable["Организация"][0] == TRICKY_NAME  # text, not the formula's result 3
    assert readable["Кто ведёт информационную работу"][0] == "Председатель"
    assert number(readable["K3 Системность информационного взаимодействия"][0]) == 63.8
    assert number(readable["Индекс информационной работы и цифровой зрелости"][0]) == 58.4
    assert readable["Уровень цифровой зрелости"][0] == "Развивающийся"
    machine = pairs(sheets["оценка-Ответы"])
    assert machine["format"][0] == "maturity-assessment-workbook"
    assert machine["k6.channels"][1] == '["chats", "social", "stand", "meetings"]'
    assert machine["profile.name"][1] == TRICKY_NAME


def test_the_blank_form_reads_in_libreoffice_with_questions_and_labels(sheets):
    form = pairs(sheets["анкета-Анкета"])
    assert form["year"][1:3] == ["Отчётный год", "2025"]
    assert form["k1.structure"][1:3] == ["Кто ведёт информационную работу", "Штатный информационный работник"]
    assert form["k6.channels:email"][2] == "да"


def test_the_report_reads_in_libreoffice_with_every_organization(sheets):
    summary = sheets["отчёт-Сводка"]
    assert summary[0][0] == "Сводный отчёт за 2025 год: Федерация"
    names = {row[0] for row in summary[2:]}
    assert "Первичная профсоюзная организация МБОУ «Средняя школа № 7»" in names
    small = next(row for row in summary if row[0].endswith("«Средняя школа № 7»"))
    assert number(small[summary[1].index("Индекс")]) == 58.4
    answers = sheets["отчёт-Ответы организаций"]
    assert answers[0][:3] == ["organization_id", "parent_organization_id", "year"]
    assert len(answers) == 2 + 3


def test_workbooks_saved_again_by_libreoffice_still_import(resaved):
    assert read_assessment_file(resaved["assessment"]).answers["profile.name"] == TRICKY_NAME
    assert read_assessment_file(resaved["assessment"]).answers == {**example().answers, "profile.name": TRICKY_NAME}
    shipyard = example("primary-shipyard.json")
    form = read_assessment_file(resaved["form"])
    assert as_sets(form.answers) == as_sets(shipyard.answers)
    assert form.year == 2025
    report = {d.meta["organization_id"]: d.answers for d in read_assessment_files(resaved["report"])}
    assert report == {d.meta["organization_id"]: d.answers for d in examples()}


def test_the_forms_drop_downs_and_notes_survive_libreoffice(resaved):
    ws = load_workbook(resaved["form"])["Анкета"]
    row = row_of(ws, "k1.structure")
    lists = [dv for dv in ws.data_validations.dataValidation if f"D{row}" in dv.sqref]
    assert len(lists) == 1 and lists[0].type == "list"
    assert "Списки" in lists[0].formula1
    assert "У организации есть сайт" in ws.cell(row=row_of(ws, "k4.site_visitors"), column=4).comment.text


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """Assessment workbooks of each example printed by LibreOffice to PDF, as a chair would print them."""
    folder, out = tmp_path_factory.mktemp("to-print"), tmp_path_factory.mktemp("pdf")
    paths = []
    for name in ("primary-small.json", "primary-shipyard.json", "territorial-health.json"):
        path = folder / name.replace(".json", ".xlsx")
        write_assessment_workbook(example(name), path)
        paths.append(path)
    soffice(tmp_path_factory.mktemp("profile3"), "pdf", out, paths)
    return {path.stem: out / f"{path.stem}.pdf" for path in paths}


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("name", ["primary-small", "primary-shipyard", "territorial-health"])
def test_the_assessment_workbook_prints_its_readable_sheet_on_a_few_a4_pages(printed, name):
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo (poppler-utils) не установлен: выполните scripts/setup-system libreoffice", pytrace=False)
    path = printed[name]
    assert pdf_pages(path) <= (3 if name.startswith("primary") else 4)  # was 16 with the machine sheet
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = (float(v) for v in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
    text = pdf_text(path)
    document = example(f"{name}.json")
    assert document.profile.organization_fact(document.answers, "name")[:30] in text
    assert "Дорожная карта цифровизации" in text
    # nothing of the machine sheet: no format key, no question id, no JSON list
    assert "maturity-assessment-workbook" not in text and "questionnaire_id" not in text
    for question_id in document.profile.questions:
        assert question_id not in text
    assert "58,4" in text if name == "primary-small" else True  # figures with a decimal comma
    assert "58.4" not in text
