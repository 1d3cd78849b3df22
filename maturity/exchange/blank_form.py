"""The blank form workbook: for a chair who cannot install the program (method §8).

Sheet «Анкета»: a cell for the reporting year, then one row per question of the profile with the
method's text and a yellow answer cell in column D guarded by Excel data validation — a drop-down
of the Russian option labels for a choice, «да»/«нет» for a yes/no question, whole-number or
decimal limits for numbers, a length limit for text. A multi-choice question takes one row per
option, each answered «да» or «нет». When a question is asked only in some cases (relevance), the
answer cell carries a note saying when to answer it. Column A holds each row's code (question id,
or ``question_id:option_id``): the reader finds answers by these codes, never by position, so
inserted or moved rows do no harm.

The hidden sheet «Списки» holds the option labels the drop-downs point to (labels may contain
commas, which an inline list cannot), the hidden sheet «Служебный» the format and the profile.

:func:`read_blank_form` reads a form filled in Excel or LibreOffice back into an
:class:`AssessmentDocument`: labels map back to option ids, numbers typed as text (with comma
decimals or spaces) are accepted, and every bad answer is reported with its cell.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from maturity import __version__
from maturity.engine.validation import format_number
from maturity.errors import shorten
from maturity.exchange.answer_cells import (
    NO,
    YES,
    CellIssue,
    CellValueError,
    condition_text,
    display_answer,
    is_blank,
    parse_bool,
    read_form_value,
)
from maturity.exchange.assessment_json import YEAR_RANGE, AssessmentDocument
from maturity.exchange.safe_xlsx import WorkbookError, put, save_workbook_atomically
from maturity.exchange.workbook_reading import (
    FORMULA_MESSAGE,
    cell_value,
    check_format_version,
    checked_answers,
    document_meta,
    fail_with,
    parse_year,
    profile_from_meta,
    sheet_rows,
    year_problem,
)
from maturity.method.catalog import ProfileCatalog
from maturity.method.profile import Profile
from maturity.method.schema import Question

BLANK_FORM_FORMAT = "maturity-blank-form"
BLANK_FORM_FORMAT_VERSION = 1
FORM_SHEET = "Анкета"
LISTS_SHEET = "Списки"
SERVICE_SHEET = "Служебный"
YEAR_CODE = "year"
HEADER_CODE = "Код"
OPTION_SEPARATOR = ":"
ANSWER_COLUMN = 4  # D
MAX_FORM_ROWS = 3000
INPUT_COLOR = "FFF2CC"
MULTI_PLACEHOLDER = "отметьте варианты ниже"  # the answer cell of a multi-choice question


# Characters of a line in the question column (width 70, 11 pt) and the hint column (width 40, 9 pt), and a
# line's height in points: a row is given the height its longest wrapped text needs (LibreOffice does not
# grow a row whose other cells fit one line, and the next row would print over the wrapped text).
QUESTION_LINE, HINT_LINE, LINE_POINTS, HINT_POINTS = 66, 46, 15.0, 12.0


def _row_height(question_text: str, hint: str) -> float:
    question_lines = max(1, math.ceil(len(question_text) / QUESTION_LINE))
    hint_lines = max(1, math.ceil(len(hint) / HINT_LINE)) if hint else 1
    return max(question_lines * LINE_POINTS, hint_lines * HINT_POINTS)


def _hint(question: Question) -> str:
    t = question.type
    if t == "bool":
        hint = "выберите «да» или «нет»"
    elif t == "choice":
        hint = "выберите вариант из списка"
    elif t == "multi":
        hint = "ответьте «да» или «нет» в каждой строке ниже"
    elif t == "int":
        low = question.min if question.min is not None else 0
        hint = f"целое число не меньше {low:g}"
    elif t == "number":
        hint = "число (дробная часть — через запятую)" + (", руб." if question.money else "")
    if t in ("int", "number") and question.max is not None:
        hint += f", не больше {format_number(question.max)}"
    else:
        hint = "текст" + (f" до {question.max_length} знаков" if question.max_length else "")
    if question.optional:
        hint += "; можно не отвечать"
    if question.informational:
        hint += "; для сведения, в баллы не входит"
    return hint


def _formula_number(value: float) -> str:
    """A number for a data-validation formula: plain digits (Excel reads «1e+12» as text in some locales)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class _Validations:
    """One DataValidation per rule, each covering all the cells it guards."""

    def __init__(self, ws: Any):
        self.ws = ws
        self.by_key: dict[Any, Any] = {}

    def add(self, key: Any, cell: str, **rule: Any) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = self.by_key.get(key)
        if dv is None:
            dv = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="Неверный ответ", **rule)
            self.ws.add_data_validation(dv)
            self.by_key[key] = dv
        dv.add(cell)

    def for_question(self, question: Question, cell: str, list_ref: str | None) -> None:
        t = question.type
        if t == "bool":
            self.add("bool", cell, type="list", formula1=f'"{YES},{NO}"', error=f"Выберите «{YES}» или «{NO}».")
        elif t == "choice":
            self.add(question.id, cell, type="list", formula1=list_ref, error="Выберите вариант из списка.")
        elif t in ("int", "number"):
            low = question.min if question.min is not None else 0
            kind = "whole" if t == "int" else "decimal"
            if question.max is not None:
                self.add(
                    (kind, low, question.max),
                    cell,
                    type=kind,
                    operator="between",
                    formula1=f"{low:g}",
                    formula2=_formula_number(question.max),
                    error=f"Введите {'целое ' if t == 'int' else ''}число от {format_number(low)} до "
                    f"{format_number(question.max)}.",
                )
            else:
                self.add(
                    (kind, low),
                    cell,
                    type=kind,
                    operator="greaterThanOrEqual",
                    formula1=f"{low:g}",
                    error=f"Введите {'целое ' if t == 'int' else ''}число не меньше {low:g}.",
                )
        elif t == "text" and question.max_length:
            self.add(
                ("text", question.max_length),
                cell,
                type="textLength",
                operator="lessThanOrEqual",
                formula1=str(question.max_length),
                error=f"Не больше {question.max_length} знаков.",
            )


def write_blank_form(
    profile: Profile,
    path: str | Path,
    *,
    year: int | None = None,
    answers: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> None:
    """Write the blank form of ``profile``; ``year``, ``answers`` and ``meta`` (organization uids) may
    pre-fill it. The file appears whole or not at all."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    answers = answers or {}
    bold, title_font = Font(bold=True), Font(bold=True, size=14)
    grey = Font(color="808080", size=9)
    wrap = Alignment(wrap_text=True, vertical="top")
    input_fill = PatternFill("solid", fgColor=INPUT_COLOR)
    section_fill = PatternFill("solid", fgColor="DCE6F1")

    workbook = Workbook()
    ws = workbook.worksheets[0]  # the one sheet a new workbook has (its active one)
    ws.title = FORM_SHEET
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    service = workbook.create_sheet(SERVICE_SHEET)
    service.sheet_state = "hidden"
    validations = _Validations(ws)

    for column, width in zip("ABCDE", (24, 6, 70, 32, 40), strict=True):
        ws.column_dimensions[column].width = width
    put(ws, 1, 3, f"Анкета: {profile.title}", font=title_font)
    put(
        ws,
        2,
        3,
        "Заполните жёлтые ячейки столбца D. Варианты выбирайте из выпадающего списка; числа вводите "
        "цифрами. Не меняйте столбец A: по его кодам программа «Цифровая зрелость» читает ответы. "
        "Заполненный файл отправьте в вышестоящую организацию.",
        alignment=wrap,
    )
    ws.row_dimensions[2].height = 60
    put(ws, 4, 1, YEAR_CODE, font=grey)
    put(ws, 4, 3, "Отчётный год", font=bold)
    put(ws, 4, ANSWER_COLUMN, year, fill=input_fill)
    put(ws, 4, 5, f"целое число, например {YEAR_RANGE[0] + 25}", font=grey)
    validations.add(
        "year",
        "D4",
        type="whole",
        operator="between",
        formula1=str(YEAR_RANGE[0]),
        formula2=str(YEAR_RANGE[1]),
        error=f"Год — целое число от {YEAR_RANGE[0]} до {YEAR_RANGE[1]}.",
    )
    for col, text in enumerate((HEADER_CODE, "№", "Вопрос", "Ответ", "Как отвечать"), 1):
        put(ws, 6, col, text, font=bold, fill=section_fill)
    ws.freeze_panes = "A7"
    _fit_to_page_width(ws, title_rows="6:6")

    row, list_column, number = 6, 0, 0
    for section in profile.sections:
        row += 1
        put(ws, row, 3, section.title, font=bold, fill=section_fill)
        for question in section.questions:
            row += 1
            number += 1
            value = answers.get(question.id)
            answer_cell = ws.cell(row=row, column=ANSWER_COLUMN)
            put(ws, row, 1, question.id, font=grey)
            put(ws, row, 2, number)
            put(ws, row, 3, question.text, alignment=wrap)
            put(ws, row, 5, _hint(question), font=grey, alignment=wrap)
            ws.row_dimensions[row].height = _row_height(question.text, _hint(question))
            notes = []
            if question.relevant_if is not None:
                notes.append(condition_text(profile, question.relevant_if))
            if question.help:
                notes.append(question.help)
            if question.type == "multi":
                put(ws, row, ANSWER_COLUMN, MULTI_PLACEHOLDER, font=grey)
                if notes:
                    answer_cell.comment = Comment("\n".join(notes), "Цифровая зрелость", width=300, height=120)
                chosen = set(value) if isinstance(value, list) else None
                for option in question.options:
                    row += 1
                    cell = ws.cell(row=row, column=ANSWER_COLUMN)
                    put(ws, row, 1, f"{question.id}{OPTION_SEPARATOR}{option.id}", font=grey)
                    put(ws, row, 3, f"    — {option.label}", alignment=wrap)
                    ws.row_dimensions[row].height = _row_height(f"    — {option.label}", "")
                    shown = None if chosen is None else (YES if option.id in chosen else NO)
                    put(ws, row, ANSWER_COLUMN, shown, fill=input_fill)
                    validations.add(
                        "bool",
                        cell.coordinate,
                        type="list",
                        formula1=f'"{YES},{NO}"',
                        error=f"Выберите «{YES}» или «{NO}».",
                    )
                continue
            list_ref = None
            if question.type == "choice":
                list_column += 1
                letter = get_column_letter(list_column)
                for i, option in enumerate(question.options, 1):
                    put(lists, i, list_column, option.label)
                list_ref = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(question.options)}"
            put(ws, row, ANSWER_COLUMN, display_answer(question, value), fill=input_fill, alignment=wrap)
            validations.for_question(question, answer_cell.coordinate, list_ref)
            if notes:
                answer_cell.comment = Comment("\n".join(notes), "Цифровая зрелость", width=300, height=120)

    service_rows = {
        "format": BLANK_FORM_FORMAT,
        "format_version": BLANK_FORM_FORMAT_VERSION,
        "questionnaire_id": profile.id,
        "questionnaire_version": profile.version,
        "app_version": __version__,
        "questionnaire_sha256": profile.sha256,
    }
    for key in ("organization_id", "parent_organization_id"):
        if meta and meta.get(key):
            service_rows[key] = str(meta[key])
    for i, (key, value) in enumerate(service_rows.items(), 1):
        put(service, i, 1, key)
        put(service, i, 2, value)
    workbook.active = 0
    save_workbook_atomically(workbook, path)


def _fit_to_page_width(ws: Any, title_rows: str) -> None:
    """Print landscape, one page wide, the header row repeated on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = title_rows


# ---------------------------------------------------------------- reading


def read_blank_form(
    path: str | Path, workbook: Any, meta: dict[str, tuple[Any, str]], catalog: ProfileCatalog | None = None
) -> AssessmentDocument:
    """A filled form's answers as an assessment; every bad cell is named in the WorkbookError."""
    check_format_version(path, meta, BLANK_FORM_FORMAT_VERSION)
    profile = profile_from_meta(path, SERVICE_SHEET, meta, catalog)
    if FORM_SHEET not in workbook.sheetnames:
        raise WorkbookError(f"{path}: в книге нет листа «{FORM_SHEET}» с ответами")
    issues: list[CellIssue] = []
    answers: dict[str, Any] = {}
    cells: dict[str, str] = {}
    options: dict[str, dict[str, bool | None]] = {}
    year: int | None = None
    year_seen = False
    codes: dict[str, str] = {}  # code → the cell of column A it was first met in

    def note(cell: str, message: str, qid: str | None = None) -> None:
        issues.append(CellIssue(FORM_SHEET, cell, message, qid))

    ws = workbook[FORM_SHEET]
    for number, row in sheet_rows(path, ws, max_col=ANSWER_COLUMN, max_rows=MAX_FORM_ROWS):
        code = row[0].value if row else None
        if row and row[0].data_type == "f":
            note(f"A{number}", f"{FORMULA_MESSAGE}; не меняйте столбец A")
            continue
        if not isinstance(code, str) or not code.strip() or code.strip() == HEADER_CODE:
            continue
        code = code.strip()
        if code in codes:  # a row twice: neither copy may silently win
            note(f"A{number}", f"строка с кодом «{code}» встречается в анкете дважды (первая — {codes[code]})")
            continue
        codes[code] = f"A{number}"
        cell = row[ANSWER_COLUMN - 1] if len(row) >= ANSWER_COLUMN else None
        name = f"D{number}"
        try:
            raw = None if cell is None else cell_value(cell)
        except CellValueError as exc:
            note(name, str(exc))
            continue
        if code == YEAR_CODE:
            year_seen = True
            year = parse_year(raw)
            if year is None:
                note(name, year_problem(raw))
            continue
        qid, _, option_id = code.partition(OPTION_SEPARATOR)
        question = profile.questions.get(qid)
        if question is None or (option_id and (question.type != "multi" or question.option(option_id) is None)):
            note(
                f"A{number}", f"неизвестный код «{shorten(code)}»: такого вопроса нет в методике; не меняйте столбец A"
            )
            continue
        if option_id:
            cells.setdefault(qid, name)
            chosen = options.setdefault(qid, {})
            if is_blank(raw):
                chosen[option_id] = None
                continue
            try:
                chosen[option_id] = parse_bool(raw)
            except CellValueError as exc:
                note(name, str(exc), qid)
            continue
        if question.type == "multi":
            if not is_blank(raw) and raw != MULTI_PLACEHOLDER:
                note(name, "ответ на этот вопрос даётся по вариантам: «да» или «нет» в строках ниже", qid)
            continue
        cells[qid] = name
        try:
            value = read_form_value(question, raw)
        except CellValueError as exc:
            note(name, str(exc), qid)
            continue
        if value is not None:
            answers[qid] = value
    if not year_seen:
        note("D4", "не найдена строка отчётного года (код «year» в столбце A)")
    name_question = profile.organization_question("name")  # a form must name its organization
    if not issues and name_question in profile.questions and name_question not in answers:
        note(
            cells.get(name_question, "?"),
            "не указано наименование организации — без него анкету не к чему отнести",
            name_question,
        )
    for qid, chosen in options.items():
        if any(v is not None for v in chosen.values()):
            question = profile.question(qid)
            answers[qid] = [o.id for o in question.options if chosen.get(o.id)]
    if not issues:
        cleaned, issues = checked_answers(profile, answers, cells, FORM_SHEET)
    if issues or year is None:  # a missing or bad year is among the issues
        raise fail_with(path, issues)
    ids = document_meta(path, SERVICE_SHEET, meta, ("organization_id", "parent_organization_id"))
    return AssessmentDocument(profile=profile, year=year, answers=cleaned, meta=ids)
