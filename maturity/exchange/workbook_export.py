"""The assessment workbook (.xlsx): what a chair sends up (method §8).

Two sheets:

- «Оценка» — for people: the organization and the year, the ten KPI scores with a native Excel
  bar chart of them, the index and the level, the norms with their reasons, the road map
  (:mod:`maturity.engine.roadmap`) and every question with its answer in Russian;
- «Ответы» — for the program: the format, the profile, the year, the organization's and its
  parent's identifiers as key/value rows, then one row per question: its id, its type and the
  exact typed value (lists as JSON text), from which :mod:`maturity.exchange.workbook_import`
  restores the very same answers;
- «План» (when the assessment has a plan) — its steps, read back too (:mod:`maturity.exchange.plan_sheet`).
- «Целевые показатели» (when the organization approved targets for the year) — read back too
  (:mod:`maturity.exchange.targets_sheet`).

Every text goes through :mod:`maturity.exchange.safe_xlsx`, so an answer like «=HYPERLINK(…)»
stays text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from maturity import __version__
from maturity.engine.draft_range import index_range
from maturity.engine.relevance import relevance_rules
from maturity.engine.roadmap import recommendations
from maturity.engine.rounding import percent, round_figure
from maturity.engine.scoring import ScoreResult, score
from maturity.engine.year_change import YearChange
from maturity.errors import BadInput
from maturity.exchange.answer_cells import NO_ANSWER, NOT_ASKED, display_answer, machine_value
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.plan_sheet import write_plan_sheet
from maturity.exchange.safe_xlsx import put, save_workbook_atomically
from maturity.exchange.targets_sheet import write_targets_sheet
from maturity.views.draft_text import RANGE_NOTE, range_level_text, range_text
from maturity.views.numbers import FIGURE_CELL_FORMAT
from maturity.views.plan_text import quarter_label
from maturity.views.roadmap_labels import roadmap_subject
from maturity.views.score_text import NOT_APPLICABLE_NOTE, STATUS_LABELS
from maturity.views.year_change_text import heading, kpi_label, level_line, marked, norm_lines

WORKBOOK_FORMAT = "maturity-assessment-workbook"
WORKBOOK_FORMAT_VERSION = 1
READABLE_SHEET = "Оценка"
MACHINE_SHEET = "Ответы"
# key/value rows at the top of the machine sheet, in this order; then a blank row and the answers table
META_KEYS = (
    "format",
    "format_version",
    "questionnaire_id",
    "questionnaire_version",
    "year",
    "organization_id",
    "parent_organization_id",
    "created",
    "app_version",
    "questionnaire_sha256",  # the sha256 of the profile's text (added last: the rows above keep their places)
    "review",  # the higher body's review (state, comments) as JSON text; empty when there is none
    "attachments_sha256",  # the sha256 of the manifest of the zip of attached files beside the workbook
)
REVIEW_SHEET = "Замечания"
REVIEW_STATE_LABELS = {"received": "получена", "accepted": "принята", "returned": "возвращена на доработку"}
ANSWER_HEADER = ("question_id", "type", "value", "Вопрос", "Ответ", "comment", "evidence", "evidence_reference")
EVIDENCE_MARK = "да"  # column G: an evidence mark («подтверждается документом»); H: its reference
DOCUMENT_META_KEYS = ("organization_id", "parent_organization_id", "created", "app_version")
# A figure with a decimal comma whatever the reader's locale ([$-419]: Russian), as printed.
FIGURE_FORMAT = FIGURE_CELL_FORMAT
CHANGE_FORMAT = "[$-419]+0.0;-0.0;0.0"
ANSWER_NUMBER_FORMAT = "[$-419]General"  # an answered number as typed, with a decimal comma
READABLE_WIDTHS = {"A": 52, "B": 16, "C": 13, "D": 46}
CHART_LABELS_COLUMN = 6  # F, hidden: «K1» … «K10», the KPI chart's labels (the titles in A are too long for it)
CHARS_PER_LINE = 0.95  # characters of 11-point text per unit of column width, to size wrapped rows
LINE_HEIGHT = 15.0  # points per line of wrapped text


@dataclass(frozen=True)
class _Styles:
    title: Any
    bold: Any
    header_fill: Any
    section_fill: Any
    grey: Any
    wrap: Any
    top: Any
    wrap_left: Any


def _styles() -> _Styles:
    from openpyxl.styles import Alignment, Font, PatternFill

    return _Styles(
        title=Font(bold=True, size=14),
        bold=Font(bold=True),
        header_fill=PatternFill("solid", fgColor="DCE6F1"),
        section_fill=PatternFill("solid", fgColor="F2F2F2"),
        grey=Font(color="808080", size=9),
        wrap=Alignment(wrap_text=True, vertical="top"),
        top=Alignment(vertical="top"),
        wrap_left=Alignment(wrap_text=True, vertical="top", horizontal="left"),
    )


def write_assessment_workbook(
    document: AssessmentDocument,
    path: str | Path,
    result: ScoreResult | None = None,
    change: YearChange | None = None,
) -> None:
    """Write the assessment workbook; the file appears whole or not at all.

    ``change``: «Что изменилось» since the organization's previous assessment, if it has one. Files attached
    to answers go beside it as a zip with a sha256 manifest (:mod:`maturity.exchange.attachment_zip`).
    """
    from openpyxl import Workbook

    result = result or score(document.profile, document.answers)
    workbook = Workbook()
    readable = workbook.worksheets[0]
    readable.title = READABLE_SHEET
    _write_readable(readable, document, result, _styles(), change)
    _fit_wrapped_rows(readable)
    _set_up_printing(readable, document)
    machine = workbook.create_sheet(MACHINE_SHEET)
    _write_machine(machine, document, _styles())
    machine.sheet_state = "hidden"  # for the program: neither printed nor in a chair's way
    write_plan_sheet(workbook, document.profile, document.plan or [], document.answers)
    level = document.answers.get(document.profile.organization_question("level"))
    write_targets_sheet(workbook, document.profile, document.own_targets, level)
    _write_review_sheet(workbook, document, _styles())
    _write_notes_sheet(workbook, document, _styles())
    workbook.active = 0
    if document.attachments:
        from maturity.exchange.attachment_zip import write_attachment_zip, zip_path_for

        write_attachment_zip(document.attachments, zip_path_for(path))
    save_workbook_atomically(workbook, path)


NOTES_SHEET = "Подтверждения"


def _write_notes_sheet(workbook: Any, document: AssessmentDocument, st: _Styles) -> None:
    """«Подтверждения» (for people, only when there are any): each question with a comment or an evidence
    mark, its answer, «подтверждается документом: …» and the comment. Read back from «Ответы», not from here."""
    notes = document.notes
    if not notes:
        return
    from maturity.views.notes_text import notes_rows

    ws = workbook.create_sheet(NOTES_SHEET)
    for column, width in zip("ABCD", (50, 24, 40, 50), strict=True):
        ws.column_dimensions[column].width = width
    put(ws, 1, 1, "Комментарии и подтверждения ответов", font=st.title)
    for col, title in enumerate(("Вопрос", "Ответ", "Подтверждение", "Комментарий"), 1):
        put(ws, 3, col, title, font=st.bold, fill=st.header_fill)
    rows = notes_rows(document.profile, document.answers, notes)
    for row, item in enumerate(rows, 4):
        for col, text in enumerate((item.question, item.answer, item.evidence, item.comment), 1):
            put(ws, row, col, text, alignment=st.wrap)
    _fit_wrapped_rows(ws)
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"  # A4 landscape, the four columns on one page's width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "3:3"
    ws.print_area = f"A1:D{3 + len(rows)}"


def _write_review_sheet(workbook: Any, document: AssessmentDocument, st: _Styles) -> None:
    """«Замечания»: the review's state and each comment beside its question (only when the file carries one)."""
    review = document.review or {}
    comment, questions = review.get("comment") or "", review.get("questions") or {}
    if not review or (not comment and not questions and review.get("state") != "accepted"):
        return
    ws = workbook.create_sheet(REVIEW_SHEET)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 14, 60, 60
    put(ws, 1, 1, "Замечания вышестоящей организации", font=st.title)
    state = REVIEW_STATE_LABELS.get(review.get("state", ""), "—")
    put(ws, 2, 1, "Состояние", font=st.bold)
    put(ws, 2, 2, state)
    put(ws, 3, 1, "Общий комментарий", font=st.bold)
    put(ws, 3, 2, comment or "—", alignment=st.wrap)
    for col, title in enumerate(("Вопрос", "Текст вопроса", "Замечание"), 1):
        put(ws, 5, col, title, font=st.bold, fill=st.header_fill)
    for row, (qid, text) in enumerate(questions.items(), 6):
        question = document.profile.questions.get(qid)
        put(ws, row, 1, qid)
        put(ws, row, 2, question.text if question is not None else "—", alignment=st.wrap)
        put(ws, row, 3, text, alignment=st.wrap)


def _set_up_printing(ws: Any, document: AssessmentDocument) -> None:
    """A4 portrait, every column on the page, the title row on each page, page numbers below."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.gridLines = False
    ws.print_area = f"A1:D{ws.max_row}"
    ws.oddFooter.center.text = f"{document.year} год — стр. &P из &N"


def _fit_wrapped_rows(ws: Any) -> None:
    """Rows as tall as their wrapped text, so that printed rows never overlap (Excel does not
    size the rows of a written file itself)."""
    widths = {column: ws.column_dimensions[column].width for column in READABLE_WIDTHS}
    merged = {  # the top-left cell of a merged range → the range's width
        (r.min_row, r.min_col): sum(widths[chr(64 + c)] for c in range(r.min_col, r.max_col + 1))
        for r in ws.merged_cells.ranges
    }
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=len(READABLE_WIDTHS)):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment is not None and cell.alignment.wrap_text:
                width = merged.get((cell.row, cell.column), widths[cell.column_letter])
                per_line = max(1, int(width * CHARS_PER_LINE))
                needed = sum(max(1, -(-len(part) // per_line)) for part in cell.value.split("\n"))
                lines = max(lines, needed)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


def _write_readable(
    ws: Any, document: AssessmentDocument, result: ScoreResult, st: _Styles, change: YearChange | None = None
) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    profile, answers = document.profile, document.answers
    for column, width in READABLE_WIDTHS.items():
        ws.column_dimensions[column].width = width
    put(ws, 1, 1, "Оценка информационной работы и цифровой зрелости", font=st.title)
    put(
        ws, 2, 1, f"Лист для чтения: при загрузке файла программа берёт ответы с листа «{MACHINE_SHEET}».", font=st.grey
    )
    facts = [
        ("Организация", profile.organization_fact(answers, "name") or "—"),
        ("Уровень организации", profile.organization_level_label(profile.organization_fact(answers, "level"))),
        ("Вышестоящая организация", profile.organization_fact(answers, "parent") or "—"),
        ("Отчётный год", document.year),
        ("Методика", f"{profile.title} ({profile.id}, версия {profile.version})"),
        ("Полнота ответов, %", percent(result.completeness)),
    ]
    row = 3
    for label, value in facts:
        put(ws, row, 1, label, font=st.bold)
        put(ws, row, 2, value, alignment=st.wrap_left)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        row += 1

    row += 1
    for col, title in enumerate(("Показатель", "Балл (0–100)", "Примечание"), 1):
        put(ws, row, col, title, font=st.bold, fill=st.header_fill)
    chart_anchor = f"D{row}"
    first_kpi = row + 1
    for kpi in profile.kpis:
        row += 1
        value = result.kpis[kpi.id]
        put(ws, row, 1, f"{kpi.id.upper()} {kpi.title}", alignment=st.wrap)
        put(ws, row, 2, round_figure(value), number_format=FIGURE_FORMAT, alignment=st.top)
        put(ws, row, CHART_LABELS_COLUMN, kpi.id.upper())  # the chart's short label: every bar gets one
        if value is None:
            put(ws, row, 3, "не оценивается", font=st.grey)
    last_kpi = row
    summary = [
        ("Индекс информационной работы и цифровой зрелости", round_figure(result.index)),
        ("Индекс цифровой зрелости", round_figure(result.digital_index)),
    ]
    for label, value in summary:
        row += 1
        put(ws, row, 1, label, font=st.bold)
        put(ws, row, 2, value, font=st.bold, number_format=FIGURE_FORMAT)
        if value is None:
            put(ws, row, 3, "не оценивается", font=st.grey)
    row += 1
    span = None if result.complete else index_range(profile, answers)
    level = profile.level_label(result.level) if result.complete else range_level_text(profile, span)
    put(ws, row, 1, "Уровень цифровой зрелости", font=st.bold)
    put(ws, row, 2, level, font=st.bold)
    if not result.complete:  # a draft: the range its index can still end in (as the window and the passport)
        row += 1
        put(ws, row, 1, f"Черновик: индекс — {range_text(span)}. {RANGE_NOTE}", font=st.grey,
            alignment=st.wrap_left)  # fmt: skip
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)

    chart = BarChart()
    chart.type = "bar"
    chart.title = "Показатели (КПЭ), баллы"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=first_kpi - 1, max_row=last_kpi), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=CHART_LABELS_COLUMN, min_row=first_kpi, max_row=last_kpi))
    ws.column_dimensions[get_column_letter(CHART_LABELS_COLUMN)].hidden = True  # outside the print area too
    chart.visible_cells_only = False  # the labels are in a hidden column
    chart.x_axis.tickLblSkip = 1  # «K1» … «K10»: each bar labelled
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.height = 8  # beside the KPI table, within column D
    chart.width = 8.5  # type: ignore[assignment]  # centimetres: openpyxl's stubs type it int
    ws.add_chart(chart, chart_anchor)

    if change is not None:
        row = _write_change(ws, row, profile, change, st)
    row += 2
    put(ws, row, 1, "Нормативы", font=st.title)
    row += 1
    for col, title in enumerate(("Норматив", "Статус", "", "Пояснение"), 1):
        if title:
            put(ws, row, col, title, font=st.bold, fill=st.header_fill)
    for norm in profile.norms:
        row += 1
        outcome = result.norms[norm.id]
        put(ws, row, 1, norm.title, alignment=st.wrap)
        put(ws, row, 2, STATUS_LABELS[outcome.status], alignment=st.top)
        put(ws, row, 4, outcome.reason, alignment=st.wrap)
    if any(result.norms[norm.id].status == "n/a" for norm in profile.norms):
        row += 1
        put(ws, row, 1, NOT_APPLICABLE_NOTE, font=st.grey, alignment=st.wrap)

    row += 2
    put(ws, row, 1, "Дорожная карта цифровизации", font=st.title)
    row += 1
    steps = recommendations(profile, answers, result)
    if not steps:
        put(ws, row, 1, "Рекомендаций нет: все нормативы выполнены, все составляющие не ниже порога.")
    else:
        for col, title in enumerate(("Рекомендация", "Прирост индекса", "Квартал", "Показатель или норматив"), 1):
            put(ws, row, col, title, font=st.bold, fill=st.header_fill, alignment=st.wrap)
        for step in steps:
            row += 1
            put(ws, row, 1, step.text, alignment=st.wrap)
            put(ws, row, 2, round_figure(step.gain), number_format=FIGURE_FORMAT, alignment=st.top)
            put(ws, row, 3, quarter_label(document.year + 1, step.quarter), alignment=st.top)
            put(ws, row, 4, roadmap_subject(step), alignment=st.wrap)

    row += 2
    put(ws, row, 1, "Ответы на вопросы", font=st.title)
    hidden = relevance_rules(profile).split(answers)[1]
    for section in profile.sections:
        row += 1
        put(ws, row, 1, section.title, font=st.bold, fill=st.section_fill)
        for filled in range(2, 5):
            put(ws, row, filled, None, fill=st.section_fill)
        for question in section.questions:
            row += 1
            value = answers.get(question.id)
            if question.id in hidden:
                shown = NOT_ASKED
            elif value is None:
                shown = NO_ANSWER
            else:
                shown = display_answer(question, value)
            put(ws, row, 1, question.text, alignment=st.wrap)
            number = isinstance(shown, (int, float)) and not isinstance(shown, bool)
            put(ws, row, 2, shown, alignment=st.wrap_left, number_format=ANSWER_NUMBER_FORMAT if number else "General")
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    ws.freeze_panes = "A2"


def _write_change(ws: Any, row: int, profile: Any, change: YearChange, st: _Styles) -> int:
    """The «Что изменилось» block after the level (the result page shows the same); its last row."""
    row += 2
    put(ws, row, 1, heading(change), font=st.title)
    row += 1
    titles = ("Показатель", f"{change.year_before} год", f"{change.year_now} год", "Изменение")
    for col, title in enumerate(titles, 1):
        put(ws, row, col, title, font=st.bold, fill=st.header_fill)
    lines = [(marked("Индекс информационной работы и цифровой зрелости", change, "index"), change.index_before,
              change.index_now, change.index_change, st.bold)]  # fmt: skip
    lines += [(kpi_label(k), k.before, k.now, k.change, None) for k in change.kpis]
    lines += [(marked("Индекс цифровой зрелости", change, "digital_index"), change.digital_before,
               change.digital_now, change.digital_change, None)]  # fmt: skip
    for label, before, now, difference, font in lines:
        row += 1
        put(ws, row, 1, label, alignment=st.wrap, font=font)
        put(ws, row, 2, before, number_format=FIGURE_FORMAT, alignment=st.top)
        put(ws, row, 3, now, number_format=FIGURE_FORMAT, alignment=st.top)
        put(ws, row, 4, difference, number_format=CHANGE_FORMAT, alignment=st.top)
    row += 1
    put(ws, row, 1, level_line(profile, change), font=st.bold, alignment=st.wrap)
    for line in norm_lines(profile, change):
        row += 1
        put(ws, row, 1, line, alignment=st.wrap)
    return row


def _write_machine(ws: Any, document: AssessmentDocument, st: _Styles) -> None:
    profile = document.profile
    meta = {
        "format": WORKBOOK_FORMAT,
        "format_version": WORKBOOK_FORMAT_VERSION,
        "questionnaire_id": profile.id,
        "questionnaire_version": profile.version,
        "questionnaire_sha256": profile.sha256,
        "year": document.year,
        "app_version": __version__,
    }
    for key in DOCUMENT_META_KEYS:
        if document.meta.get(key) is not None:
            meta.setdefault(key, str(document.meta[key]))
    if document.attachments:
        from maturity.exchange.attachment_zip import manifest_sha256

        meta["attachments_sha256"] = manifest_sha256(document.attachments)
    if document.review:
        text = json.dumps(document.review, ensure_ascii=False, sort_keys=True)
        if len(text) > 32000:
            raise BadInput("замечаний к оценке слишком много для ячейки книги Excel: сократите их или выгрузите JSON")
        meta["review"] = text
    for row, key in enumerate(META_KEYS, 1):
        put(ws, row, 1, key, font=st.grey)
        put(ws, row, 2, meta.get(key))
    put(
        ws,
        1,
        4,
        "Служебный лист: по нему программа «Цифровая зрелость» загружает оценку. Не изменяйте его.",
        font=st.bold,
    )
    notes = document.notes
    row = len(META_KEYS) + 2
    for col, title in enumerate(ANSWER_HEADER, 1):
        put(ws, row, col, title, font=st.bold, fill=st.header_fill)
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate
    for question in (q for s in profile.sections for q in s.questions):
        row += 1
        value = document.answers.get(question.id)
        put(ws, row, 1, question.id)
        put(ws, row, 2, question.type, font=st.grey)
        put(ws, row, 3, machine_value(question, value))
        put(ws, row, 4, question.text)
        put(ws, row, 5, display_answer(question, value))
        if notes is not None:
            put(ws, row, 6, notes.comments.get(question.id))
            if question.id in notes.evidence:
                put(ws, row, 7, EVIDENCE_MARK)
                put(ws, row, 8, notes.evidence[question.id] or None)
    for column, width in zip("ABCDEFGH", (26, 9, 28, 60, 40, 40, 10, 40), strict=True):
        ws.column_dimensions[column].width = width
