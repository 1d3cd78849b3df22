"""Broken, foreign, truncated and hostile workbooks are refused with a Russian reason, and nothing is written."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest
import sqlalchemy as sa
from openpyxl import Workbook
from workbook_helpers import example, rewrite_member, sheet_xml

from maturity.exchange.assessment_json import AssessmentFileError
from maturity.exchange.blank_form import write_blank_form
from maturity.exchange.files import read_assessment_file, read_assessment_files
from maturity.exchange.safe_xlsx import WorkbookError, WorkbookLimits, check_workbook_file
from maturity.exchange.workbook_export import write_assessment_workbook
from maturity.storage.models import Assessment, Organization
from maturity.storage.store import open_store
from maturity.usecases.importing import import_documents

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.xlsx"
    write_assessment_workbook(example(), path)
    return path


def refused(path) -> str:
    with pytest.raises(WorkbookError) as error:
        read_assessment_file(path)
    return str(error.value)


def test_a_text_file_named_xlsx_is_not_a_workbook(tmp_path):
    path = tmp_path / "отчёт.xlsx"
    path.write_text("организация;индекс\nППО;55\n", encoding="utf-8")
    assert "это не книга Excel (.xlsx) или файл повреждён" in refused(path)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "файл пустой" in refused(path)


def test_a_truncated_download_is_refused(good, tmp_path):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
    assert "файл повреждён (например, скачан не до конца)" in refused(path)


def test_a_sheet_cut_in_the_middle_is_refused(good, tmp_path):
    path = tmp_path / "cut-sheet.xlsx"
    rewrite_member(good, path, "xl/worksheets/sheet2.xml", lambda xml: xml[: len(xml) // 2])
    assert "повреждён" in refused(path)


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    reason = refused(path)
    assert "zip-бомбы" in reason and "отклонён как опасный" in reason


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        (WorkbookLimits(max_file_bytes=1000), "файл слишком большой"),
        (WorkbookLimits(max_members=3), "слишком много частей"),
        (WorkbookLimits(max_uncompressed_bytes=10_000), "в распакованном виде книга занимает"),
    ],
)
def test_size_limits_are_checked_with_zipfile_first(good, limits, reason):
    with pytest.raises(WorkbookError, match=reason):
        check_workbook_file(good, limits)
    check_workbook_file(good)  # the real workbook is within the default limits


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "привет")
    assert "это zip-архив, но не книга Excel" in refused(path)


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet2.xml"])
def test_xml_entities_are_not_expanded(good, tmp_path, member):
    path = tmp_path / "laughs.xlsx"

    def inject(xml: str) -> str:
        body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
        return BILLION_LAUGHS + body.replace("</sheetData>", "</sheetData>", 1)

    rewrite_member(good, path, member, inject)
    assert "в XML есть DTD или сущности, которые программа не выполняет" in refused(path)


def test_workbooks_are_not_read_without_defusedxml(good, monkeypatch):
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    assert "не установлен пакет defusedxml" in refused(good)


def test_a_workbook_of_another_program_is_not_ours(tmp_path):
    rng = random.Random(7)
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Ответы"  # even a sheet with our name
    for _ in range(30):
        ws.append([rng.choice(["format", "да", "нет", "k1.structure"]), rng.random(), rng.randint(-5, 5)])
    path = tmp_path / "foreign.xlsx"
    workbook.save(path)
    assert "это книга Excel, но не файл программы «Цифровая зрелость»" in refused(path)


def test_text_answers_that_look_like_formulas_are_written_as_text_in_a_form(tmp_path):
    document = example()
    document.answers["profile.name"] = "=cmd|' /C calc'!A0"
    document.answers["profile.region"] = "+1+2"
    document.answers["profile.sector"] = "@SUM(A1)"
    document.answers["profile.respondent"] = "#N/A"
    path = tmp_path / "form.xlsx"
    write_blank_form(document.profile, path, year=2025, answers=document.answers)
    for title, xml in sheet_xml(path).items():
        assert "<f>" not in xml and "<f " not in xml, title
        assert 't="e"' not in xml, title
    again = read_assessment_file(path)
    for qid in ("profile.name", "profile.region", "profile.sector", "profile.respondent"):
        assert again.answers[qid] == document.answers[qid]


def test_refused_files_are_reported_one_by_one_and_nothing_is_written(tmp_path, good):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "text.xlsx").write_text("не книга", encoding="utf-8")
    (folder / "cut.xlsx").write_bytes(good.read_bytes()[:3000])
    foreign = Workbook()
    foreign.active.append(["что-то", 1])
    foreign.save(folder / "foreign.xlsx")
    bad_answer = folder / "bad-answer.xlsx"
    rewrite_member(good, bad_answer, "xl/worksheets/sheet2.xml", lambda xml: xml.replace("<v>85</v>", "<v>-85</v>"))

    with open_store(f"sqlite:///{tmp_path / 'm.db'}") as store:
        report = import_documents(store, [folder])
        reasons = {item.source.rsplit("/", 1)[1]: item.reason for item in report.rejected}
        assert not report.imported
        assert set(reasons) == {"text.xlsx", "cut.xlsx", "foreign.xlsx", "bad-answer.xlsx"}
        assert "не книга Excel" in reasons["text.xlsx"]
        assert "не файл программы" in reasons["foreign.xlsx"]
        assert "(profile.members): число должно быть не меньше 1" in reasons["bad-answer.xlsx"]
        for count_of in (Organization, Assessment):
            assert store.session.execute(sa.select(sa.func.count()).select_from(count_of)).scalar() == 0


def test_a_report_reader_refuses_the_same_hostile_files(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(random.Random(1).randbytes(5000)))
    with pytest.raises(WorkbookError, match="не книга Excel"):
        read_assessment_files(path)


def test_a_sheet_claiming_a_million_rows_is_read_by_its_real_rows(good, tmp_path):
    path = tmp_path / "claims.xlsx"
    rewrite_member(
        good,
        path,
        "xl/worksheets/sheet2.xml",
        lambda xml: re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:XFD1048576"', xml),
    )
    assert 'ref="A1:XFD1048576"' in sheet_xml(path)["Ответы"]
    started = time.perf_counter()
    assert read_assessment_file(path).answers == example().answers
    assert time.perf_counter() - started < 5


def test_a_sheet_with_more_rows_than_any_assessment_is_refused(good, monkeypatch):
    monkeypatch.setattr("maturity.exchange.workbook_import.MAX_ANSWER_ROWS", 30)
    assert "на листе «Ответы» больше 30 строк — это не файл программы" in refused(good)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_other_spreadsheet_files_are_refused_with_advice_to_save_as_xlsx(tmp_path, suffix):
    path = tmp_path / f"анкета{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old binary workbook")
    with pytest.raises(AssessmentFileError, match="сохраните его как «Книга Excel \\(.xlsx\\)»"):
        read_assessment_file(path)


@pytest.mark.subprocess
def test_maturity_import_refuses_a_hostile_file_with_exit_code_2_and_writes_nothing(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (16 * 1024 * 1024))
    db = tmp_path / "m.db"
    done = subprocess.run(
        [sys.executable, "-m", "maturity", "import", str(bomb), "--db", f"sqlite:///{db}"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "отклонён" in done.stderr and "zip-бомбы" in done.stderr
    with open_store(f"sqlite:///{db}") as store:
        assert store.count_organizations() == 0
