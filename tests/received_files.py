"""Received files of every kind the program reads, built from the examples, with one value changed.

The trust tests put a value of their choice into the cell or field a reader trusts least (the
profile id, an answer, a question id, a year…) of a JSON file, an assessment workbook, a filled
blank form and a consolidated report, then read the file as an import would.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from workbook_helpers import EXAMPLES, example, examples

from maturity.exchange.blank_form import FORM_SHEET, SERVICE_SHEET, write_blank_form
from maturity.exchange.report_entry import entry_from_document
from maturity.exchange.report_export import ANSWERS_SHEET, FIRST_DATA_ROW, write_report
from maturity.exchange.workbook_export import MACHINE_SHEET, write_assessment_workbook

KINDS = ("json", "workbook", "form", "report")


def example_json(name: str = "primary-small.json") -> dict[str, Any]:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


@cache
def _originals() -> dict[str, Path]:
    """One untouched file of each workbook kind (written once per test session)."""
    folder = Path(tempfile.mkdtemp(prefix="received-originals-"))
    paths = {kind: folder / f"{kind}.xlsx" for kind in ("workbook", "form", "report")}
    document = example()
    write_assessment_workbook(document, paths["workbook"])
    write_blank_form(document.profile, paths["form"], year=document.year, answers=document.answers, meta=document.meta)
    # with the respondents: every question column is there for the cells to be tried in
    write_report([entry_from_document(d) for d in examples()], paths["report"], year=2025, with_respondents=True)
    return paths


def cell_safe(value: Any) -> Any:
    """A value openpyxl can write: characters XML cannot hold become Excel's «_xHHHH_» escapes."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m[0]):04X}_", value)
        return re.sub("[\ud800-\udfff]", lambda m: f"_x{ord(m[0]):04X}_", value)
    return value


def _key_cell(ws: Any, key: str, column: int) -> Any:
    for row in ws.iter_rows(min_col=1, max_col=column):
        if row[0].value == key:
            return row[column - 1]
    raise KeyError(key)


def _report_cell(ws: Any, column_id: str, row: int = FIRST_DATA_ROW) -> Any:
    for cell in ws[1]:
        if cell.value == column_id:
            return ws.cell(row=row, column=cell.column)
    raise KeyError(column_id)


def report_column(path: Path, column_id: str, value: Any) -> None:
    """Put ``value`` in the column ``column_id`` of every organization's row of the report at ``path``."""
    workbook = load_workbook(path)
    ws = workbook[ANSWERS_SHEET]
    column = _report_cell(ws, column_id).column
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        ws.cell(row=row, column=column).value = value
    workbook.save(path)


def workbook_with(kind: str, target: Path, where: str, value: Any, *, in_code_column: bool = False) -> Path:
    """A copy of the ``kind`` workbook with ``value`` in the cell of key or question ``where``.

    ``in_code_column``: replace the key/question id itself (column A) instead of its value.
    """
    workbook = load_workbook(_originals()[kind])
    if kind == "workbook":
        ws = workbook[MACHINE_SHEET]
        cell = _key_cell(ws, where, 1 if in_code_column else (2 if where in META_KEYS else 3))
    elif kind == "form":
        if where in META_KEYS and where != "year":  # the form's year is typed in on the form itself
            cell = _key_cell(workbook[SERVICE_SHEET], where, 1 if in_code_column else 2)
        else:
            cell = _key_cell(workbook[FORM_SHEET], where, 1 if in_code_column else 4)
    elif where in ("format", "format_version"):  # a report's own key/value block
        cell = _key_cell(workbook[SERVICE_SHEET], where, 1 if in_code_column else 2)
    else:  # a report: the column's cell on every organization's row (or its id in row 1)
        ws = workbook[ANSWERS_SHEET]
        column = _report_cell(ws, where).column
        rows = [1] if in_code_column else range(FIRST_DATA_ROW, ws.max_row + 1)
        for row in rows:
            ws.cell(row=row, column=column).value = cell_safe(value)
        workbook.save(target)
        return target
    cell.value = cell_safe(value)
    workbook.save(target)
    return target


META_KEYS = ("format", "format_version", "questionnaire_id", "questionnaire_version", "year", "organization_id")


def json_with(target: Path, change) -> Path:
    """A copy of the example JSON after ``change(document)``; written with surrogates kept as escapes."""
    document = copy.deepcopy(example_json())
    change(document)
    target.write_text(json.dumps(document, ensure_ascii=True, allow_nan=True), encoding="utf-8")
    return target


def question_cells() -> list[str]:
    """Question ids present in every kind of file (answered in the example)."""
    return sorted(example().answers)
