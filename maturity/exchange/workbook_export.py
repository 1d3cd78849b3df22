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

Every text goes through :mod:`maturity.exchange.safe_xlsx`, so an answer like «=HYPERLINK(…)»
stays text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from maturity import __version__
from maturity.engine.relevance import relevance_rules
from maturity.engine.roadmap import recommendations
from maturity.engine.rounding import percent, round_figure
from maturity.engine.scoring import ScoreResult, score
from maturity.exchange.answer_cells import NO_ANSWER, NOT_ASKED, display_answer, machine_value
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.plan_sheet import write_plan_sheet
from maturity.exchange.safe_xlsx import put, save_workbook_atomically
from maturity.views.score_text import STATUS_LABELS

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
)
ANSWER_HEADER = ("question_id", "type", "value", "Вопрос", "Ответ")
DOCUMENT_META_KEYS = ("organization_id", "parent_organization_id", "created", "app_version")


@dataclass(frozen=True)
class _Styles:
    title: Any
    bold: Any
    header_fill: Any
    section_fill: Any
    grey: Any
    wrap: Any
    top: Any


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
    )


def write_assessment_workbook(
    document: AssessmentDocument, path: str | Path, result: ScoreResult | None = None
) -> None:
    """Write the assessment workbook; the file appears whole or not at all."""
    from openpyxl import Workbook

    result = result or score(document.profile, document.answers)
    workbook = Workbook()
    readable = workbook.worksheets[0]
    readable.title = READABLE_SHEET
    _write_readable(readable, document, result, _styles())
    _write_machine(workbook.create_sheet(MACHINE_SHEET), document, _styles())
    write_plan_sheet(workbook, document.profile, document.plan or [])
    workbook.active = 0
    save_workbook_atomically(workbook, path)


def _write_readable(ws: Any, document: AssessmentDocument, result: ScoreResult, st: _Styles) -> None:
    from openpyxl.chart import BarChart, Reference

    profile, answers = document.profile, document.answers
    ws.column_dimensions["A"].width = 62
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 70
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
        put(ws, row, 2, value, alignment=st.top)
        row += 1

    row += 1
    for col, title in enumerate(("Показатель", "Балл (0–100)", "Примечание"), 1):
        put(ws, row, col, title, font=st.bold, fill=st.header_fill)
    first_kpi = row + 1
    for kpi in profile.kpis:
        row += 1
        value = result.kpis[kpi.id]
        put(ws, row, 1, f"{kpi.id.upper()} {kpi.title}", alignment=st.wrap)
        put(ws, row, 2, round_figure(value), number_format="0.0")
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
        put(ws, row, 2, value, font=st.bold, number_format="0.0")
        if value is None:
            put(ws, row, 3, "не оценивается", font=st.grey)
    row += 1
    put(ws, row, 1, "Уровень цифровой зрелости", font=st.bold)
    put(ws, row, 2, profile.level_label(result.level), font=st.bold)

    chart = BarChart()
    chart.type = "bar"
    chart.title = "Показатели (КПЭ), баллы"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=first_kpi - 1, max_row=last_kpi), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first_kpi, max_row=last_kpi))
    chart.height, chart.width = 10, 18
    ws.add_chart(chart, "D3")

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
        put(ws, row, 2, STATUS_LABELS[outcome.status])
        put(ws, row, 4, outcome.reason, alignment=st.wrap)

    row += 2
    put(ws, row, 1, "Дорожная карта цифровизации", font=st.title)
    row += 1
    steps = recommendations(profile, answers, result)
    if not steps:
        put(ws, row, 1, "Рекомендаций нет: все нормативы выполнены, все составляющие не ниже порога.")
    else:
        for col, title in enumerate(("Рекомендация", "Показатель", "Квартал", "Прирост индекса, баллов"), 1):
            put(ws, row, col, title, font=st.bold, fill=st.header_fill)
        for step in steps:
            row += 1
            put(ws, row, 1, step.text, alignment=st.wrap)
            put(ws, row, 2, step.kpi_id.upper() if step.kpi_id else step.title, alignment=st.wrap)
            put(ws, row, 3, f"{step.quarter} кв. {document.year + 1}")
            put(ws, row, 4, round_figure(step.gain), number_format="0.0", alignment=st.top)

    row += 2
    put(ws, row, 1, "Ответы на вопросы", font=st.title)
    hidden = relevance_rules(profile).split(answers)[1]
    for section in profile.sections:
        row += 1
        put(ws, row, 1, section.title, font=st.bold, fill=st.section_fill)
        put(ws, row, 2, None, fill=st.section_fill)
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
            put(ws, row, 2, shown, alignment=st.wrap)
    ws.freeze_panes = "A2"


def _write_machine(ws: Any, document: AssessmentDocument, st: _Styles) -> None:
    profile = document.profile
    meta = {
        "format": WORKBOOK_FORMAT,
        "format_version": WORKBOOK_FORMAT_VERSION,
        "questionnaire_id": profile.id,
        "questionnaire_version": profile.version,
        "year": document.year,
        "app_version": __version__,
    }
    for key in DOCUMENT_META_KEYS:
        if document.meta.get(key) is not None:
            meta.setdefault(key, str(document.meta[key]))
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
    for column, width in zip("ABCDE", (26, 9, 28, 60, 40), strict=True):
        ws.column_dimensions[column].width = width
