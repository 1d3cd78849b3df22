"""Reading workbooks back: the assessment workbook, a filled blank form, a consolidated report.

The kind is recognised by the program's own key/value block — on the sheet «Ответы» of an
assessment workbook, on the hidden sheet «Служебный» of a blank form or a report — never by file
name or sheet order. Anything else (a workbook of another program, a text file named .xlsx, a
truncated or hostile file) is refused with a Russian reason; see :mod:`maturity.exchange.safe_xlsx`.

A reader returns complete, validated documents or raises: a file with one bad answer yields none.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from maturity.engine.answer_notes import NotesInvalid, check_notes
from maturity.errors import shorten
from maturity.exchange.answer_cells import CellIssue, CellValueError, read_machine_value
from maturity.exchange.assessment_json import AssessmentDocument, decode_json, review_problem, said_name
from maturity.exchange.plan_sheet import read_plan_sheet
from maturity.exchange.safe_xlsx import WorkbookError, open_workbook
from maturity.exchange.targets_sheet import read_targets_sheet
from maturity.exchange.workbook_export import (
    ANSWER_HEADER,
    DOCUMENT_META_KEYS,
    EVIDENCE_MARK,
    MACHINE_SHEET,
    WORKBOOK_FORMAT,
    WORKBOOK_FORMAT_VERSION,
)
from maturity.exchange.workbook_reading import (
    FORMULA_MESSAGE,
    cell_value,
    check_format_version,
    check_key_values,
    checked_answers,
    document_meta,
    fail_with,
    key_values,
    meta_text,
    parse_year,
    profile_from_meta,
    read_key_values,
    sheet_rows,
    year_problem,
)
from maturity.method.catalog import ProfileCatalog

if TYPE_CHECKING:
    from maturity.exchange.report_import import ReportReader

SERVICE_SHEET = "Служебный"  # the hidden key/value sheet of the blank form and the report
MAX_ANSWER_ROWS = 2000


def read_workbook_documents(path: str | Path, catalog: ProfileCatalog | None = None) -> list[AssessmentDocument]:
    """Every assessment in a workbook of the program: one, or one per organization of a report; profiles
    are looked up in ``catalog`` only (default: the shipped ones)."""
    from maturity.exchange.report_import import ReportReader

    with workbook_contents(path, catalog) as contents:
        return contents.read_all() if isinstance(contents, ReportReader) else contents


@contextmanager
def workbook_contents(
    path: str | Path, catalog: ProfileCatalog | None = None
) -> Iterator[list[AssessmentDocument] | ReportReader]:
    """A workbook of the program, open: the assessment it holds (in a list), or, for a consolidated report, a
    :class:`~maturity.exchange.report_import.ReportReader` of its assessments in batches (read while the
    block runs)."""
    from maturity.exchange.blank_form import BLANK_FORM_FORMAT, read_blank_form
    from maturity.exchange.report_import import REPORT_FORMAT, ReportReader

    path = Path(path)
    with open_workbook(path) as workbook:
        names = workbook.sheetnames
        if SERVICE_SHEET in names:
            meta = read_key_values(path, workbook[SERVICE_SHEET])
            kind = meta_text(meta, "format")
            if kind in (BLANK_FORM_FORMAT, REPORT_FORMAT):
                check_key_values(path, meta)
            if kind == BLANK_FORM_FORMAT:
                yield [read_blank_form(path, workbook, meta, catalog)]
                return
            if kind == REPORT_FORMAT:
                yield ReportReader(path, workbook, meta, catalog)
                return
        if MACHINE_SHEET in names:
            rows = list(sheet_rows(path, workbook[MACHINE_SHEET], max_col=8, max_rows=MAX_ANSWER_ROWS))
            meta = key_values(rows, sheet=MACHINE_SHEET)
            if meta_text(meta, "format") == WORKBOOK_FORMAT:
                check_key_values(path, meta)
                document = _read_assessment(path, rows, meta, catalog)
                document.plan = read_plan_sheet(path, workbook, document.profile)
                level = document.answers.get(document.profile.organization_question("level"))
                document.own_targets = read_targets_sheet(path, workbook, document.profile, document.year, level)
                document.attachments = _attachments_beside(path, document, meta_text(meta, "attachments_sha256"))
                yield [document]
                return
    raise WorkbookError(
        f"{path}: это книга Excel, но не файл программы «Цифровая зрелость»: в ней нет служебных данных "
        f"(листа «{MACHINE_SHEET}» или «{SERVICE_SHEET}»)"
    )


def read_assessment_workbook(path: str | Path, catalog: ProfileCatalog | None = None) -> AssessmentDocument:
    """One assessment from an assessment workbook or a filled blank form (a report of one organization too)."""
    documents = read_workbook_documents(path, catalog)
    if len(documents) != 1:
        raise WorkbookError(
            f"{path}: это сводный отчёт (организаций: {len(documents)}), а не одна оценка; "
            "отчёт загружается в базу целиком — импортом"
        )
    return documents[0]


def _read_assessment(
    path: Path,
    rows: list[tuple[int, tuple[Any, ...]]],
    meta: dict[str, tuple[Any, str]],
    catalog: ProfileCatalog | None,
) -> AssessmentDocument:
    check_format_version(path, meta, WORKBOOK_FORMAT_VERSION)
    profile = profile_from_meta(path, MACHINE_SHEET, meta, catalog)
    year_value, year_cell = meta.get("year", (None, "B5"))
    year = parse_year(year_value)
    issues: list[CellIssue] = []
    if year is None:
        issues.append(CellIssue(MACHINE_SHEET, year_cell, year_problem(year_value)))

    answers: dict[str, Any] = {}
    cells: dict[str, str] = {}
    notes: dict[str, dict[str, str]] = {"comments": {}, "evidence": {}}
    in_table = False
    for number, row in rows:
        first = row[0].value if row else None
        if not in_table:
            in_table = first == ANSWER_HEADER[0]
            continue
        if first is None or (isinstance(first, str) and not first.strip()):
            continue
        if row[0].data_type == "f":
            issues.append(CellIssue(MACHINE_SHEET, f"A{number}", FORMULA_MESSAGE))
            continue
        qid = str(first).strip()
        value_cell = row[2] if len(row) > 2 else None
        name = f"C{number}"
        if qid in cells:
            issues.append(
                CellIssue(MACHINE_SHEET, f"A{number}", f"вопрос «{shorten(qid)}» уже встречался в ячейке {cells[qid]}")
            )
            continue
        cells[qid] = name
        question = profile.questions.get(qid)
        if question is None:
            issues.append(
                CellIssue(MACHINE_SHEET, f"A{number}", f"неизвестный вопрос «{shorten(qid)}»: такого нет в методике")
            )
            continue
        _read_notes(row, number, qid, notes, issues)
        if value_cell is None or value_cell.value is None:
            continue
        try:
            value = read_machine_value(question, cell_value(value_cell))
        except CellValueError as exc:
            issues.append(CellIssue(MACHINE_SHEET, name, str(exc), qid))
            continue
        if value is not None:
            answers[qid] = value
    if not in_table:
        raise WorkbookError(f"{path}: на листе «{MACHINE_SHEET}» нет таблицы ответов (строки с заголовком question_id)")
    if not issues:
        cleaned, issues = checked_answers(profile, answers, cells, MACHINE_SHEET)
    if issues or year is None:  # a missing or bad year is among the issues
        raise fail_with(path, issues).about(said_name(profile, answers), year)
    ids = document_meta(path, MACHINE_SHEET, meta, DOCUMENT_META_KEYS)
    try:
        checked_notes = check_notes(profile, notes["comments"], notes["evidence"])
    except NotesInvalid as exc:
        raise WorkbookError(f"{path}: Лист „{MACHINE_SHEET}“: {exc}") from exc
    return AssessmentDocument(
        profile=profile, year=year, answers=cleaned, meta=ids, review=_review(path, meta, profile),
        notes=checked_notes if has_notes_columns(rows) else None,
    )  # fmt: skip


def _attachments_beside(path: Path, document: AssessmentDocument, manifest: str | None) -> list | None:
    """The files attached to the answers, from the zip beside the workbook (None when there is none: the
    stored files are left as they are); a changed file or manifest refuses the workbook."""
    from maturity.exchange.attachment_zip import read_attachment_zip, zip_path_for

    beside = zip_path_for(path)
    if not beside.is_file():
        return None
    return read_attachment_zip(beside, document.profile.questions, manifest)


def has_notes_columns(rows: list[tuple[int, tuple[Any, ...]]]) -> bool:
    """Whether the answers table has the comment and evidence columns (a workbook written before them says
    nothing of comments: the stored ones are left as they are)."""
    for _number, row in rows:
        if row and row[0].value == ANSWER_HEADER[0]:
            return len(row) > 5 and row[5].value == ANSWER_HEADER[5]
    return False


def _read_notes(row: tuple[Any, ...], number: int, qid: str, notes: dict[str, dict[str, str]], issues: list) -> None:
    """The comment (F), the evidence mark (G, «да») and its reference (H) of one answer row."""
    texts: list[Any] = []
    for index, letter in ((5, "F"), (6, "G"), (7, "H")):
        cell = row[index] if len(row) > index else None
        try:
            value = None if cell is None else cell_value(cell)
        except CellValueError as exc:
            issues.append(CellIssue(MACHINE_SHEET, f"{letter}{number}", str(exc), qid))
            return
        if value is not None and not isinstance(value, (str, bool, int, float)):
            value = str(value)
        texts.append(value)
    comment, mark, reference = texts
    if comment is not None and str(comment).strip():
        notes["comments"][qid] = str(comment)
    marked = mark is True or (isinstance(mark, str) and mark.strip().casefold() in EVIDENCE_MARKS)
    if mark is not None and mark is not False and not marked and not (isinstance(mark, str) and not mark.strip()):
        issues.append(
            CellIssue(
                MACHINE_SHEET, f"G{number}", f"ожидалось «{EVIDENCE_MARK}» или пустая ячейка, а не {shorten(mark)}", qid
            )
        )
        return
    if reference is not None and str(reference).strip():
        notes["evidence"][qid] = str(reference)
    elif marked:
        notes["evidence"][qid] = ""


EVIDENCE_MARKS = ("да", "true", "1", "+", "yes")


def _review(path: Path, meta: dict[str, tuple[Any, str]], profile: Any) -> dict[str, Any] | None:
    """The review block of the machine sheet (JSON text), checked as a JSON file's; None when empty."""
    text = meta_text(meta, "review")
    if not text:
        return None
    cell = meta["review"][1]
    review = decode_json(text, f"{path}: Лист „{MACHINE_SHEET}“, ячейка {cell}", "отзыв", WorkbookError)
    problem = review_problem(profile, review)
    if problem:
        raise WorkbookError(f"{path}: Лист „{MACHINE_SHEET}“, ячейка {cell}: {problem}")
    return review
