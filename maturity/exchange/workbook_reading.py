"""What every workbook reader needs: rows with their cell names, the key/value block, the profile and
the year from it, and answers checked with every error pinned to its cell.

All problems become one :class:`~maturity.exchange.safe_xlsx.WorkbookError` naming the file and
the cells («Лист „Ответы“, ячейка C14: число не может быть отрицательным»), so a reader either
returns complete documents or raises before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from maturity.engine.validation import errors_only, normalize, text_problem, validate_answers
from maturity.errors import BadInput, shorten
from maturity.exchange.answer_cells import CellIssue, CellValueError
from maturity.exchange.assessment_json import YEAR_RANGE, uid_problem
from maturity.exchange.safe_xlsx import WorkbookError, read_guard
from maturity.method.catalog import ProfileCatalog, shipped_catalog
from maturity.method.profile import Profile

MAX_LISTED_ISSUES = 5
FORMULA_MESSAGE = "в ячейке формула; программа не вычисляет формулы — впишите значение"
# LibreOffice saves a yes/no cell as the formula TRUE() with its value: these constants are values, not formulas
CONSTANT_FORMULAS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}


def cell_value(cell: Any) -> Any:
    """A read-only cell's value; a formula (other than TRUE()/FALSE()) raises CellValueError."""
    if cell.data_type != "f":
        return cell.value
    constant = CONSTANT_FORMULAS.get(str(cell.value).replace(" ", "").upper())
    if constant is None:
        raise CellValueError(FORMULA_MESSAGE)
    return constant


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def sheet_rows(
    path: str | Path, ws: Any, *, max_col: int | None, max_rows: int, values_only: bool = False
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """``(row number, cells)`` for the rows of a read-only sheet, at most ``max_rows`` of them (the
    first ``max_col`` cells of each, every cell when it is None).

    ``cells`` are openpyxl read-only cells (with ``data_type``), or plain values with
    ``values_only``. A sheet that breaks while streaming (a truncated file) becomes a WorkbookError.
    """
    ws.reset_dimensions()  # never trust the declared size: a hostile file may claim a million rows
    convert = read_guard(path)
    try:
        for number, row in enumerate(ws.iter_rows(min_row=1, max_col=max_col, values_only=values_only), 1):
            if number > max_rows:
                raise WorkbookError(f"{path}: на листе «{ws.title}» больше {max_rows} строк — это не файл программы")
            yield number, row
    except WorkbookError:
        raise
    except Exception as exc:  # a truncated or malformed sheet: zlib, XML or zip errors of every kind
        raise convert(exc) from exc


def read_key_values(path: str | Path, ws: Any, max_rows: int = 40) -> dict[str, tuple[Any, str]]:
    """The key/value block at the top of a sheet (column A keys, B values) up to the first blank key.

    Returns ``{key: (value, cell name)}`` (the first of a key written twice). A key written twice, or
    a key or value cell holding a formula, is kept in ``.issues``: once the file is known to be the
    program's, :func:`check_key_values` refuses it naming the cell — these cells say what the file
    is and whose it is.
    """
    return key_values(sheet_rows(path, ws, max_col=2, max_rows=10_000), max_rows, sheet=ws.title)


class KeyValues(dict):
    """``{key: (value, cell name)}`` of a key/value block, with the problems of its cells."""

    issues: list[CellIssue]


def key_values(rows: Iterable[tuple[int, tuple[Any, ...]]], max_rows: int = 40, *, sheet: str) -> KeyValues:
    """The key/value block of rows already read (see :func:`read_key_values`)."""
    found = KeyValues()
    found.issues = issues = []
    for number, row in rows:
        if number > max_rows:
            break
        key_cell = row[0] if row else None
        key = key_cell.value if key_cell is not None else None
        if key_cell is None or not isinstance(key, str) or not key.strip():
            break
        value_cell = row[1] if len(row) > 1 else None
        value = value_cell.value if value_cell is not None else None
        if key_cell.data_type == "f":
            issues.append(CellIssue(sheet, f"A{number}", FORMULA_MESSAGE))
            continue
        key = key.strip()
        if key in found:
            issues.append(
                CellIssue(sheet, f"A{number}", f"служебный ключ «{key}» уже был в строке {found[key][1][1:]}")
            )
            continue
        if value_cell is not None and getattr(value_cell, "data_type", None) == "f":
            issues.append(CellIssue(sheet, f"B{number}", f"{FORMULA_MESSAGE} (ключ «{key}»)"))
        if isinstance(value, str):
            value = value.strip()
        found[key] = (value, f"B{number}")
    return found


def check_key_values(path: str | Path, meta: Mapping[str, tuple[Any, str]]) -> None:
    """Refuse a file of the program whose key/value block has a key twice or a formula (see above)."""
    issues = getattr(meta, "issues", [])
    if issues:
        raise fail_with(path, issues)


def meta_text(meta: Mapping[str, tuple[Any, str]], key: str) -> str | None:
    value = meta.get(key, (None, ""))[0]
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def profile_from_meta(
    path: str | Path, sheet: str, meta: Mapping[str, tuple[Any, str]], catalog: ProfileCatalog | None = None
) -> Profile:
    """The profile a workbook names (id, version and, since profiles are installed, the sha256 of its text),
    looked up in ``catalog`` only (default: the shipped profiles)."""
    profile_id = meta_text(meta, "questionnaire_id")
    if profile_id is None:
        raise WorkbookError(f"{path}: на листе «{sheet}» не указана методика (questionnaire_id)")
    try:
        return (catalog or shipped_catalog()).find(
            profile_id, meta_text(meta, "questionnaire_version"), meta_text(meta, "questionnaire_sha256")
        )
    except BadInput as exc:
        raise WorkbookError(f"{path}: методика: {exc}") from exc


def check_format_version(path: str | Path, meta: Mapping[str, tuple[Any, str]], supported: int) -> None:
    version = meta.get("format_version", (None, ""))[0]
    if isinstance(version, str) and version.strip().isdecimal() and len(version.strip()) < 10:
        version = int(version)
    if isinstance(version, float) and version.is_integer():
        version = int(version)
    if type(version) is not int or version != supported:  # «ИСТИНА» is not version 1
        raise WorkbookError(
            f"{path}: версия формата книги {shorten(version)} не поддерживается (программа читает версию {supported}); "
            "обновите программу"
        )


def parse_year(value: Any) -> int | None:
    """A year from a cell (a number, or text like « 2025 »), None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            return None
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
        return value
    return None


def year_problem(value: Any) -> str:
    shown = "пусто" if value is None or value == "" else f"«{shorten(value)}»"
    return f"отчётный год должен быть целым числом от {YEAR_RANGE[0]} до {YEAR_RANGE[1]} (сейчас: {shown})"


def document_meta(
    path: str | Path, sheet: str, meta: Mapping[str, tuple[Any, str]], keys: Iterable[str]
) -> dict[str, str]:
    """The texts of ``keys`` in a key/value block (the organization's ids checked), skipping empty ones."""
    found: dict[str, str] = {}
    for key in keys:
        value = meta_text(meta, key)
        if value is None:
            continue
        if key in ("organization_id", "parent_organization_id"):
            problem = uid_problem(value)
            problem = problem and f"код организации {problem}"
        else:
            problem = text_problem(value)
        if problem:
            raise WorkbookError(f"{path}: Лист „{sheet}“, ячейка {meta[key][1]} ({key}): {problem}")
        found[key] = value
    return found


def fail_with(path: str | Path, issues: list[CellIssue], what: str = "") -> WorkbookError:
    listed = "; ".join(str(i) for i in issues[:MAX_LISTED_ISSUES])
    more = f" (и ещё ошибок: {len(issues) - MAX_LISTED_ISSUES})" if len(issues) > MAX_LISTED_ISSUES else ""
    return WorkbookError(f"{path}: {what}{listed}{more}")


def checked_answers(
    profile: Profile, answers: dict[str, Any], cells: Any, sheet: str
) -> tuple[dict[str, Any], list[CellIssue]]:
    """Validate answers read from cells; errors are returned pinned to the cell of their question.

    ``cells`` maps a question id to the cell it was read from (anything with ``.get(id, default)``). Returns the cleaned answers (when
    there are no errors) and the issues.
    """
    issues = []
    for issue in errors_only(validate_answers(profile, answers)):
        issues.append(CellIssue(sheet, cells.get(issue.question_id, "?"), issue.message, issue.question_id))
    if issues:
        return {}, issues
    cleaned = {qid: normalize(profile.question(qid), v) for qid, v in answers.items() if v is not None}
    return cleaned, []
