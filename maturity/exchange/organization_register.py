"""The register of organizations as a workbook: a template to fill in and the reader of a filled one.

Sheet «Организации»: a header row of Russian captions, then one organization a row — its code (left
blank for a new one), name, level (a drop-down of the profile's organization levels), the parent (its
name, or its code), region, sector and members. Sheet «Пояснения» says how to fill it in; the hidden
sheet «Списки» holds the level labels the drop-down points to.

:func:`read_register` reads a filled list (the template, or any workbook whose first sheet has these
captions in a header row): columns are found by their caption, never by position. The file is hostile
until checked — opened through :mod:`maturity.exchange.safe_xlsx` (size, zip bomb, defusedxml), every cell
checked (a formula, a control character, a number where text belongs, a level the profile does not
know, members that are not a whole number within the profile's bound), and two rows that describe one
organization (the same code, or the same name, level and region) are refused. Every problem names its
cell; one problem refuses the whole list, so nothing of a bad list is ever loaded.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from maturity.engine.validation import text_problem
from maturity.errors import shorten
from maturity.exchange.answer_cells import CellIssue, CellValueError
from maturity.exchange.assessment_json import uid_problem
from maturity.exchange.safe_xlsx import WorkbookError, open_workbook, put, safe_row, save_workbook_atomically
from maturity.exchange.workbook_reading import cell_value, column_letter, fail_with, sheet_rows
from maturity.method.profile import Profile
from maturity.text_rules import is_invisible

SHEET = "Организации"
NOTES_SHEET = "Пояснения"
LISTS_SHEET = "Списки"
MAX_ROWS = 100_000
HEADER_SEARCH_ROWS = 10
MAX_COLUMNS = 40
TEXT_LIMITS = {"name": 300, "parent": 300, "region": 200, "sector": 300}

# (key, caption): the columns of the register, in the template's order
COLUMNS = (
    ("organization_id", "Код организации"),
    ("name", "Наименование"),
    ("level", "Уровень"),
    ("parent", "Вышестоящая организация"),
    ("parent_organization_id", "Код вышестоящей организации"),
    ("region", "Субъект РФ"),
    ("sector", "Отрасль"),
    ("members", "Численность членов профсоюза"),
    ("name_consent", "Согласие назвать организацию"),
)
CONSENT_TEXT = {True: "да", False: "нет"}
CAPTIONS = dict(COLUMNS)
NOTES = (
    "Как заполнить список организаций",
    "",
    "Одна строка — одна организация. Обязательно только наименование; остальное — если известно.",
    "«Код организации» оставьте пустым для новой организации: программа выдаст ей код при загрузке и назовёт его. "
    "Код есть у организаций, которые уже есть в базе программы (команда «maturity orgs» его показывает, "
    "«maturity orgs -o список.xlsx» записывает список с кодами): строка с кодом меняет только организацию с "
    "этим кодом.",
    "Строка без кода относится к организации с тем же наименованием, уровнем и субъектом РФ, если такая "
    "организация в базе одна; если их несколько, список не загружается — укажите код или субъект РФ.",
    "«Уровень» выберите из списка.",
    "«Вышестоящая организация» — её точное наименование (или её код в соседнем столбце). Если вышестоящей нет "
    "ни в базе, ни в списке, программа создаст для неё заготовку.",
    "«Численность членов профсоюза» — целое число больше нуля.",
    "«Согласие назвать организацию» — «да», если организация согласна, чтобы похожие организации видели её "
    "наименование среди тех, у кого можно поучиться («У кого поучиться»); «нет» — её не называют (показывают "
    "обезличенно: «ППО вашего размера в вашем регионе»). Пустая ячейка ничего не меняет; новая организация без "
    "согласия не называется.",
    "Формулы не вычисляются: в ячейки вписывайте значения.",
    "Ошибка в любой ячейке отклоняет весь список; в причине названа ячейка.",
)


@dataclass(frozen=True)
class RegisterEntry:
    """One checked row of a register: the facts of one organization (None where the cell is blank)."""

    row: int
    name: str
    organization_id: str | None = None
    level: str | None = None
    parent: str | None = None
    parent_organization_id: str | None = None
    region: str | None = None
    sector: str | None = None
    members: int | None = None
    name_consent: bool | None = None

    def where(self) -> str:
        return f"Лист „{SHEET}“, строка {self.row}"


# ---------------------------------------------------------------- the template


def write_register_template(profile: Profile, path: str | Path, rows: Sequence[Mapping[str, Any]] = ()) -> None:
    """The register: captions, the level drop-down over the rows, the notes; whole file or nothing.

    ``rows`` (each a mapping of the :data:`COLUMNS` keys, the level as the profile's id) fill it in: the
    register written back with the codes the base gave (``maturity orgs -o``), loadable again as it is."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    ws = workbook.worksheets[0]
    ws.title = SHEET
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    for column, (_key, caption) in enumerate(COLUMNS, 1):
        put(ws, 1, column, caption, font=bold, fill=fill, alignment=Alignment(wrap_text=True, vertical="top"))
    for column, width in enumerate((38, 50, 34, 44, 38, 26, 26, 18, 18), 1):
        ws.column_dimensions[column_letter(column)].width = width
    ws.freeze_panes = "A2"
    for number, entry in enumerate(rows, 2):
        for column, (key, _caption) in enumerate(COLUMNS, 1):
            value = entry.get(key)
            put(ws, number, column, _shown(profile, key, value))

    lists = workbook.create_sheet(LISTS_SHEET)
    labels = [level.label for level in profile.data.organization_levels]
    for row, label in enumerate(labels, 1):
        put(lists, row, 1, label)
    lists.sheet_state = "hidden"
    level_column = column_letter(_column_of("level"))
    if labels:
        levels = DataValidation(
            type="list", formula1=f"'{LISTS_SHEET}'!$A$1:$A${len(labels)}", allow_blank=True, showErrorMessage=True,
            errorTitle="Неверный уровень", error="Выберите уровень организации из списка.",
        )  # fmt: skip
        levels.add(f"{level_column}2:{level_column}{MAX_ROWS + 1}")
        ws.add_data_validation(levels)
    members_column = column_letter(_column_of("members"))
    members = DataValidation(
        type="whole", operator="between", formula1="1", formula2=str(members_bound(profile)), allow_blank=True,
        showErrorMessage=True, errorTitle="Неверная численность", error="Численность — целое число больше нуля.",
    )  # fmt: skip
    members.add(f"{members_column}2:{members_column}{MAX_ROWS + 1}")
    ws.add_data_validation(members)
    consent_column = column_letter(_column_of("name_consent"))
    consent = DataValidation(
        type="list", formula1='"да,нет"', allow_blank=True, showErrorMessage=True,
        errorTitle="Неверное значение", error="Впишите «да» или «нет» (или оставьте ячейку пустой).",
    )  # fmt: skip
    consent.add(f"{consent_column}2:{consent_column}{MAX_ROWS + 1}")
    ws.add_data_validation(consent)

    notes = workbook.create_sheet(NOTES_SHEET)
    notes.column_dimensions["A"].width = 120
    for row, text in enumerate(NOTES, 1):
        put(notes, row, 1, text, font=Font(bold=row == 1, size=13 if row == 1 else 11),
            alignment=Alignment(wrap_text=True, vertical="top"))  # fmt: skip
    save_workbook_atomically(workbook, path)


def write_register_rows(profile: Profile, ws: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """The register's caption row and ``rows`` appended to a write-only sheet (a report's «Не сдали»):
    the same columns :func:`read_register_sheet` reads back."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    header = []
    for _key, caption in COLUMNS:
        cell = WriteOnlyCell(ws, value=caption)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for entry in rows:
        ws.append(safe_row(ws, [_shown(profile, key, entry.get(key)) for key, _ in COLUMNS]))


def _shown(profile: Profile, key: str, value: Any) -> Any:
    """A register value as its cell shows it: a level by its label, the consent as «да» / «нет»."""
    if key == "level":
        return profile.organization_level_label(value) if value else None
    if key == "name_consent":
        return CONSENT_TEXT.get(value) if isinstance(value, bool) else None
    return value


def _column_of(key: str) -> int:
    return [k for k, _ in COLUMNS].index(key) + 1


def members_bound(profile: Profile) -> int:
    """The largest number of members the profile accepts."""
    question = profile.question(profile.organization_question("members"))
    return int(question.max) if question.max is not None else 30_000_000


# ---------------------------------------------------------------- reading


def _normal(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


HEADER_KEYS = {_normal(caption): key for key, caption in COLUMNS} | {_normal(key): key for key, _ in COLUMNS}


def level_ids(profile: Profile) -> dict[str, str]:
    """What a level cell may say (a label, a short label or an id, any case) → the level's id."""
    found: dict[str, str] = {}
    for level in profile.data.organization_levels:
        for text in (level.id, level.label, level.short):
            if text:
                found.setdefault(_normal(text), level.id)
    return found


class _Cells:
    """Checks of one cell's value; a problem raises CellValueError with a Russian reason."""

    def __init__(self, profile: Profile):
        self.levels = level_ids(profile)
        self.bound = members_bound(profile)

    def text(self, key: str, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise CellValueError(f"ожидается текст, а не {shorten(value)}")
        if isinstance(value, float) and not value.is_integer():
            raise CellValueError(f"ожидается текст, а не число {shorten(value)}")
        text = str(int(value)) if isinstance(value, (int, float)) else value
        problem = text_problem(text)
        if problem:
            raise CellValueError(problem)
        if text.strip() and is_invisible(text):
            raise CellValueError("в ячейке одни невидимые символы (U+200B и подобные): впишите текст или очистите её")
        text = " ".join(text.split())
        limit = TEXT_LIMITS.get(key)
        if limit is not None and len(text) > limit:
            raise CellValueError(f"текст длиннее {limit} знаков")
        return text or None

    def uid(self, value: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        problem = uid_problem(value)
        if problem:
            raise CellValueError(f"код организации {problem}")
        return value.strip()

    def level(self, value: Any) -> str | None:
        text = self.text("level", value)
        if text is None:
            return None
        level = self.levels.get(_normal(text))
        if level is None:
            raise CellValueError(f"уровень «{shorten(text)}» не из списка уровней методики")
        return level

    def consent(self, value: Any) -> bool | None:
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            text = _normal(value)
            if not text:
                return None
            for answer, shown in CONSENT_TEXT.items():
                if text == shown:
                    return answer
        raise CellValueError(f"согласие — «да» или «нет», а не «{shorten(value)}»")

    def members(self, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, str):
            digits = value.replace("\u00a0", "").replace(" ", "").strip()
            if not digits:
                return None
            if not (digits.isascii() and digits.isdigit() and len(digits) <= 12):
                raise CellValueError(f"численность должна быть целым числом, а не «{shorten(value)}»")
            value = int(digits)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CellValueError(f"численность должна быть целым числом, а не {shorten(value)}")
        if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
            raise CellValueError(f"численность должна быть целым числом, а не {shorten(value)}")
        number = int(value)
        if number < 1:
            raise CellValueError("численность должна быть больше нуля")
        if number > self.bound:
            raise CellValueError(f"численность должна быть не больше {self.bound:,}".replace(",", " "))
        return number


def _header(path: str | Path, rows: list[tuple[int, tuple[Any, ...]]]) -> tuple[int, dict[str, int]]:
    """(the header's row number, {key: column index}) — the first row naming «Наименование»."""
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        columns: dict[str, int] = {}
        for index, cell in enumerate(cells):
            value = cell.value if cell.data_type != "f" else None
            key = HEADER_KEYS.get(_normal(value)) if isinstance(value, str) else None
            if key is None:
                continue
            if key in columns:
                raise WorkbookError(
                    f"{path}: Лист „{SHEET}“, ячейка {column_letter(index + 1)}{number}: столбец «{CAPTIONS[key]}» "
                    "встречается дважды"
                )
            columns[key] = index
        if "name" in columns:
            return number, columns
    raise WorkbookError(
        f"{path}: это не список организаций — в первых строках листа нет заголовка «{CAPTIONS['name']}»"
    )


def read_register(profile: Profile, path: str | Path) -> list[RegisterEntry]:
    """The checked rows of a register workbook (levels as the profile's ids); WorkbookError naming the
    cells when any cell is wrong or two rows describe one organization."""
    with open_workbook(path) as workbook:
        ws = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        return read_register_sheet(profile, path, ws)


def read_register_sheet(profile: Profile, path: str | Path, ws: Any, allow_empty: bool = False) -> list[RegisterEntry]:
    """The checked rows of one register sheet of an open workbook (a register's, or a consolidated
    report's «Не сдали»); as :func:`read_register`."""
    rows = list(sheet_rows(path, ws, max_col=MAX_COLUMNS, max_rows=MAX_ROWS + HEADER_SEARCH_ROWS))
    header_row, columns = _header(path, rows)
    cells = _Cells(profile)
    checks = {"organization_id": cells.uid, "parent_organization_id": cells.uid, "level": cells.level,
              "members": cells.members, "name_consent": cells.consent}  # fmt: skip
    entries: list[RegisterEntry] = []
    issues: list[CellIssue] = []
    for number, row in rows:
        if number <= header_row:
            continue
        values: dict[str, Any] = {}
        for key, index in columns.items():
            where = f"{column_letter(index + 1)}{number}"
            try:
                raw = cell_value(row[index]) if index < len(row) else None
                check = checks.get(key)
                values[key] = check(raw) if check else cells.text(key, raw)
            except CellValueError as problem:
                issues.append(CellIssue(ws.title, where, str(problem)))
        if not any(v is not None for v in values.values()):
            continue  # a blank row
        if values.get("name") is None and all(
            f"{column_letter(columns['name'] + 1)}{number}" != i.cell for i in issues
        ):
            issues.append(
                CellIssue(ws.title, f"{column_letter(columns['name'] + 1)}{number}", "нет наименования организации")
            )
            continue
        if values.get("name") is not None:
            entries.append(RegisterEntry(row=number, **values))
    issues.extend(_duplicates(entries, ws.title, columns))
    if issues:
        raise fail_with(path, issues, "список организаций не загружен: ")
    if not entries and not allow_empty:
        raise WorkbookError(f"{path}: в списке организаций нет ни одной строки")
    return entries


def _duplicates(entries: list[RegisterEntry], sheet: str, columns: dict[str, int]) -> list[CellIssue]:
    """Two rows of one organization: the same code, or (without codes) the same name, level and region."""
    issues = []
    seen: dict[Any, RegisterEntry] = {}
    for entry in entries:
        if entry.organization_id is not None:
            key: Any = ("uid", entry.organization_id)
            column = columns["organization_id"]
        else:
            key = ("name", _normal(entry.name), entry.level, _normal(entry.region or ""))
            column = columns["name"]
        first = seen.setdefault(key, entry)
        if first is not entry:
            issues.append(CellIssue(sheet, f"{column_letter(column + 1)}{entry.row}",
                                    f"эта организация уже описана в строке {first.row}; строки-двойники не загружаются"))  # fmt: skip
    return issues
