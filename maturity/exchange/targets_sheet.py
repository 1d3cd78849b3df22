"""The «Целевые показатели» sheet of the assessment workbook: the own targets approved for the assessment's year,
readable and read back.

One row per target of the method under a header row: the parameter's id (hidden: the column the program reads
the row by), its name, the federation's value for the organization and the approved value (a share as a
percentage cell, so 0,075 reads «7,5 %»; an empty cell: no own target). Under them, the decision: the body, its
number and date, each on a row named in the hidden column. Reading checks every cell like a received value
(:mod:`maturity.engine.own_targets`: a number or a number typed as text, the profile's bounds, a floor at the
organization's level); a bad one refuses the workbook with the cell named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from maturity.engine.own_targets import (
    OwnTargets,
    OwnTargetsInvalid,
    check_decision,
    check_value,
    federation_value,
    slot_by_id,
    target_slots,
    typed_value,
)
from maturity.exchange.answer_cells import CellIssue, CellValueError
from maturity.exchange.safe_xlsx import WorkbookError, put
from maturity.exchange.workbook_reading import cell_value, fail_with, sheet_rows
from maturity.method.profile import Profile
from maturity.views.own_targets_text import approved_text, targets_title

TARGETS_SHEET = "Целевые показатели"
TARGETS_HEADER = ("Параметр", "Целевой показатель", "Значение федерации", "Утверждено")
DECISION_ROWS = (
    ("decision_body", "Решение выборного органа: орган"),
    ("decision_number", "Номер решения"),
    ("decision_date", "Дата решения (дд.мм.гггг)"),
)
WIDTHS = (22, 60, 26, 16)
MAX_ROWS = 200


def write_targets_sheet(workbook: Any, profile: Profile, targets: OwnTargets | None, level: Any) -> None:
    """Add the sheet (nothing when no targets were approved for the year)."""
    if targets is None:
        return
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = workbook.create_sheet(TARGETS_SHEET)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, title in enumerate(TARGETS_HEADER, start=1):
        put(ws, 1, column, title, font=bold, fill=fill, alignment=wrap)
        ws.column_dimensions[get_column_letter(column)].width = WIDTHS[column - 1]
    ws.column_dimensions["A"].hidden = True
    row = 2
    for slot in target_slots(profile):
        put(ws, row, 1, slot.id)
        put(ws, row, 2, slot.label + (" (нижняя граница)" if slot.floor else ""), alignment=wrap)
        put(ws, row, 3, approved_text(slot, federation_value(profile, slot, level)))
        value = targets.values.get(slot.id)
        put(ws, row, 4, value)
        ws.cell(row=row, column=4).number_format = "0.0##%" if slot.is_share else "0.###"
        row += 1
    row += 1
    decision = targets.decision
    values = {"decision_body": decision.body, "decision_number": decision.number, "decision_date": _date(decision.date)}
    for key, caption in DECISION_ROWS:
        put(ws, row, 1, key)
        put(ws, row, 2, caption, font=bold)
        put(ws, row, 4, values[key])
        row += 1
    ws.freeze_panes = "B2"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = "1:1"
    ws.print_area = f"B1:D{row - 1}"
    ws.oddHeader.center.text = targets_title(targets.year)


def _date(iso: str | None) -> str:
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def _number(slot: Any, value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        return typed_value(slot, value, where)
    return value


def _text(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def read_targets_sheet(path: str | Path, workbook: Any, profile: Profile, year: int, level: Any) -> OwnTargets | None:
    """The workbook's own targets for ``year``, checked; None when it has no such sheet."""
    if TARGETS_SHEET not in workbook.sheetnames:
        return None
    rows = list(sheet_rows(path, workbook[TARGETS_SHEET], max_col=len(TARGETS_HEADER), max_rows=MAX_ROWS))
    if not rows:
        return None
    header = tuple(str(c.value).strip() if c.value is not None else "" for c in rows[0][1])
    if header[: len(TARGETS_HEADER)] != TARGETS_HEADER:
        raise WorkbookError(
            f"{path}: на листе «{TARGETS_SHEET}» первая строка должна быть заголовком: {', '.join(TARGETS_HEADER)}"
        )
    slots = slot_by_id(profile)
    values: dict[str, float] = {}
    decision: dict[str, Any] = {}
    for number, row in rows[1:]:
        try:
            key, value = (cell_value(row[0]) if row else None), (cell_value(row[3]) if len(row) > 3 else None)
        except CellValueError as exc:
            raise fail_with(path, [CellIssue(TARGETS_SHEET, f"D{number}", str(exc))]) from None
        if key is None or (isinstance(key, str) and not key.strip()):
            if value is not None and str(value).strip():
                raise WorkbookError(f"{path}: лист «{TARGETS_SHEET}», строка {number}: значение без параметра")
            continue
        key = str(key).strip()
        where = f"{path}: лист «{TARGETS_SHEET}», ячейка D{number}"
        try:
            if key in dict(DECISION_ROWS):
                decision[key] = _text(value)
            elif key in slots:
                number_value = _number(slots[key], value, where)
                if number_value is not None:
                    values[key] = check_value(profile, slots[key], number_value, level, where)
            else:
                raise OwnTargetsInvalid(
                    f"{path}: лист «{TARGETS_SHEET}», строка {number}: параметра «{key}» нет среди целевых "
                    f"показателей методики {profile.id} {profile.version}"
                )
        except OwnTargetsInvalid as exc:
            raise WorkbookError(str(exc)) from exc
    try:
        checked = check_decision(
            decision.get("decision_body"), decision.get("decision_number"), decision.get("decision_date"),
            f"{path}: лист «{TARGETS_SHEET}», решение",
        )  # fmt: skip
    except OwnTargetsInvalid as exc:
        raise WorkbookError(str(exc)) from exc
    return OwnTargets(year, values, checked)
