"""The «План» sheet of the assessment workbook: the plan kept with the assessment, readable and read back.

One row per step under a header row: the step's id (the column the program reads the step by: hidden,
neither printed nor in a reader's way), what is left to do as the road map says it and the KPI by its
title, a norm by its name (for people, ignored when read), the status in Russian, the responsible person,
the due quarter as everywhere else («II кв. 2026»; «2026-Q2» is read too) and a note. It prints on A4
landscape, every column on the page's width, the header on every page, each row as tall as its wrapped
text. Reading checks every cell like any received value (:func:`maturity.engine.plan.check_plan`): an
unknown step, a status not in the list, a quarter out of range, a formula or an overlong text refuses
the workbook with the cell named.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from maturity.engine.plan import STATUS_LABELS, PlanInvalid, PlanStep, check_step, step_kpi_title, step_text
from maturity.exchange.answer_cells import CellIssue, CellValueError
from maturity.exchange.safe_xlsx import WorkbookError, put
from maturity.exchange.workbook_reading import cell_value, fail_with, sheet_rows
from maturity.method.profile import Profile
from maturity.views.plan_text import quarter_text

PLAN_SHEET = "План"
PLAN_HEADER = ("Шаг", "Что сделать", "Показатель", "Статус", "Ответственный", "Срок", "Примечание")
READ_COLUMNS = {"step": 0, "status": 3, "responsible": 4, "due": 5, "note": 6}
MAX_PLAN_ROWS = 600
WIDTHS = (16, 58, 28, 14, 22, 12, 30)


def write_plan_sheet(
    workbook: Any, profile: Profile, plan: list[PlanStep], answers: Mapping[str, Any] | None = None
) -> None:
    """Add the «План» sheet (nothing when there is no plan); ``answers``: the assessment's, which say what
    each step has left to do."""
    if not plan:
        return
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from maturity.exchange.print_setup import row_height, set_row_height

    ws = workbook.create_sheet(PLAN_SHEET)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, title in enumerate(PLAN_HEADER, start=1):
        put(ws, 1, column, title, font=bold, fill=fill, alignment=wrap)
        ws.column_dimensions[get_column_letter(column)].width = WIDTHS[column - 1]
    ws.column_dimensions["A"].hidden = True  # the step's id: for the program
    for row, step in enumerate(plan, start=2):
        values = (
            step.step,
            step_text(profile, step.step, answers),
            step_kpi_title(profile, step.step),
            STATUS_LABELS[step.status],
            step.responsible,
            quarter_text(step.due) if step.due else "",
            step.note,
        )
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, alignment=wrap)
        set_row_height(ws, row, row_height(values[1:], WIDTHS[1:]))
    ws.freeze_panes = "B2"
    _set_up_printing(ws, len(plan) + 1)


def _set_up_printing(ws: Any, last_row: int) -> None:
    """A4 landscape, the visible columns on one page's width, the header row on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.gridLines = True
    ws.print_title_rows = "1:1"
    ws.print_area = f"B1:G{last_row}"
    ws.oddFooter.center.text = "План — стр. &P из &N"


def _text_of(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def read_plan_sheet(path: str | Path, workbook: Any, profile: Profile) -> list[PlanStep] | None:
    """The workbook's plan, checked; None when it has no «План» sheet (or an empty one)."""
    if PLAN_SHEET not in workbook.sheetnames:
        return None
    rows = list(sheet_rows(path, workbook[PLAN_SHEET], max_col=len(PLAN_HEADER), max_rows=MAX_PLAN_ROWS + 1))
    if not rows:
        return None
    header = tuple(str(c.value).strip() if c.value is not None else "" for c in rows[0][1])
    if header[: len(PLAN_HEADER)] != PLAN_HEADER:
        raise WorkbookError(
            f"{path}: на листе «{PLAN_SHEET}» первая строка должна быть заголовком: {', '.join(PLAN_HEADER)}"
        )
    steps: list[PlanStep] = []
    seen: dict[str, int] = {}
    for number, row in rows[1:]:
        where = f"лист «{PLAN_SHEET}», строка {number}"
        item: dict[str, Any] = {}
        try:
            for key, column in READ_COLUMNS.items():
                item[key] = _text_of(cell_value(row[column])) if column < len(row) else None
        except CellValueError as exc:
            raise fail_with(path, [CellIssue(PLAN_SHEET, f"A{number}", str(exc))]) from None
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in item.values()):
            continue
        if isinstance(item["step"], str):
            item["step"] = item["step"].strip()
        try:
            step = check_step(profile, item, where)
        except PlanInvalid as exc:
            raise WorkbookError(f"{path}: {exc}") from exc
        if step.step in seen:
            raise WorkbookError(f"{path}: {where}: шаг «{step.step}» уже есть в строке {seen[step.step]}")
        seen[step.step] = number
        steps.append(step)
    if len(steps) > MAX_PLAN_ROWS:
        raise WorkbookError(f"{path}: на листе «{PLAN_SHEET}» больше {MAX_PLAN_ROWS} шагов")
    return steps or None
