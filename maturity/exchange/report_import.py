"""Reading a consolidated report back, one level up: every organization's assessment.

The sheet «Ответы организаций» holds one row per organization; row 1 names each column (the
organization's uid, its parent's uid, the year, the profile and its version, then question ids),
row 2 is the Russian header for people, the data start at row 3. Columns are found by these ids,
never by position, so a report whose columns were moved still reads.

:func:`read_report` checks the whole file before anything is returned: one bad answer anywhere refuses
the file, naming the cell; its documents come parents first. An importer reads the file in batches instead
(:class:`ReportReader`), writing them in one transaction that a bad cell further down rolls back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from maturity.collector import collector_paused
from maturity.engine.answer_notes import AnswerNotes, NotesInvalid, check_notes
from maturity.engine.own_targets import OwnTargetsInvalid, check_own_targets
from maturity.errors import BadInput, shorten
from maturity.exchange.answer_cells import CellIssue, CellValueError, read_machine_value
from maturity.exchange.assessment_json import AssessmentDocument, decode_json, uid_problem
from maturity.exchange.report_export import (
    ANSWERS_SHEET,
    FIRST_DATA_ROW,
    MISSING_SHEET,
    REPORT_FORMAT,
    REPORT_FORMAT_VERSION,
)
from maturity.exchange.safe_xlsx import WorkbookError
from maturity.exchange.workbook_reading import (
    FORMULA_MESSAGE,
    MAX_LISTED_ISSUES,
    cell_value,
    check_format_version,
    checked_answers,
    column_letter,
    fail_with,
    parse_year,
    year_problem,
)
from maturity.method.catalog import ProfileCatalog, shipped_catalog
from maturity.method.profile import Profile

__all__ = ["REPORT_FORMAT", "ReportReader", "read_report"]

MAX_REPORT_ROWS = 200_000
MAX_REPORT_COLUMNS = 2000
REQUIRED_COLUMNS = ("organization_id", "year", "questionnaire_id")
META_COLUMNS = (
    "organization_id",
    "parent_organization_id",
    "year",
    "questionnaire_id",
    "questionnaire_version",
    "questionnaire_sha256",  # optional: a report written before profiles were installed has none
    "review",  # optional: the review where the report was made (the sender's word, never a decision here)
    "own_targets",  # optional: the targets the organization approved for the year (JSON, checked like a file's)
    "evidence",  # optional: the evidence marks, JSON question → reference
    "comments",  # optional: the comments, JSON question → text (only in a report made with respondents)
)
REVIEW_STATES = ("received", "accepted", "returned")


class ReportDocuments(list[AssessmentDocument]):
    """A consolidated report's assessments (parents first) and, in ``missing``, the organizations it
    covers without an assessment of the year (its «Не сдали» sheet, checked as a register's rows)."""

    missing: list[Any]

    def __init__(self, documents: list[AssessmentDocument], missing: list[Any]):
        super().__init__(documents)
        self.missing = missing


def read_report(
    path: str | Path, workbook: Any, meta: dict[str, tuple[Any, str]], catalog: ProfileCatalog | None = None
) -> ReportDocuments:
    """Every assessment of the report at once (parents first) and its «Не сдали»; an importer reads it in
    batches instead (:class:`ReportReader`)."""
    return ReportReader(path, workbook, meta, catalog).read_all()


REPORT_BATCH = 1000  # assessments handed to the importer at a time


class ReportReader:
    """A consolidated report opened for reading as a stream: its assessments in batches, each row checked as
    it is read, so that a federation's 100 000 organizations are never all in memory.

    Once a row is wrong no further batch is handed out: the rest of the sheet is still read to name the
    other wrong cells (up to :data:`MAX_LISTED_ISSUES`), then the reading fails (a WorkbookError naming
    them) — an importer writing the batches in one transaction rolls it back, and nothing is kept."""

    def __init__(
        self, path: str | Path, workbook: Any, meta: dict[str, tuple[Any, str]], catalog: ProfileCatalog | None = None
    ):
        check_format_version(path, meta, REPORT_FORMAT_VERSION)
        if ANSWERS_SHEET not in workbook.sheetnames:
            raise WorkbookError(f"{path}: в отчёте нет листа «{ANSWERS_SHEET}» с ответами организаций")
        self.path, self.workbook = path, workbook
        self.catalog = catalog or shipped_catalog()
        self.first_profile: Profile | None = None

    def batches(self, size: int | None = None) -> Iterator[list[AssessmentDocument]]:
        """The assessments, ``size`` (:data:`REPORT_BATCH`) at a time in the file's order (parents first within
        a batch)."""
        from maturity.exchange.workbook_reading import sheet_rows

        size = size or REPORT_BATCH

        path = self.path
        rows = sheet_rows(path, self.workbook[ANSWERS_SHEET], max_col=None, max_rows=MAX_REPORT_ROWS)
        columns = _columns(path, next(rows, (1, ()))[1])
        profiles: dict[tuple[str, str | None, str | None], Profile] = {}
        batch: list[AssessmentDocument] = []
        issues: list[CellIssue] = []
        seen: dict[str, int] = {}  # the organization's uid (or «name» without one) → its row
        read = 0
        for number, row in rows:
            if number < FIRST_DATA_ROW:
                continue
            if len(issues) > MAX_LISTED_ISSUES:
                break
            document = _read_row(_Row(number, row, columns), self.catalog, profiles, seen, issues)
            if document is None or issues:
                continue
            batch.append(document)
            read += 1
            if self.first_profile is None:
                self.first_profile = document.profile
            if len(batch) >= size:
                yield parents_first(batch)
                batch = []
        if issues:
            raise fail_with(path, issues)
        if not read:
            raise WorkbookError(f"{path}: в отчёте нет ни одной оценки")
        if batch:
            yield parents_first(batch)

    def read_all(self) -> ReportDocuments:
        """Every assessment at once (parents first) and «Не сдали»."""
        with collector_paused():  # 100 000 documents kept: each pass of the collector would walk them all
            documents = [document for batch in self.batches() for document in batch]
        return ReportDocuments(parents_first(documents), self.missing())

    def missing(self) -> list[Any]:
        """The organizations on «Не сдали» (checked as a register's rows; read after :meth:`batches`)."""
        if MISSING_SHEET not in self.workbook.sheetnames or self.first_profile is None:
            return []
        from maturity.exchange.organization_register import read_register_sheet

        return read_register_sheet(self.first_profile, self.path, self.workbook[MISSING_SHEET], allow_empty=True)


class _Row:
    """One data row of «Ответы организаций»: cells by column id, and cell names."""

    def __init__(self, number: int, cells: tuple[Any, ...], columns: dict[str, int]):
        self.number, self.columns = number, columns
        self.values: dict[str, Any] = {}
        self.formulas: list[str] = []
        width = len(cells)
        for key, index in columns.items():  # the hot loop of a 10 000-row report: kept plain
            if index >= width:
                continue
            cell = cells[index]
            value = cell.value
            if value is None:
                continue
            if cell.data_type == "f":
                if key in META_COLUMNS:  # who and which year: never a formula, not even TRUE()
                    self.formulas.append(key)
                    continue
                try:
                    value = cell_value(cell)
                except CellValueError:
                    self.formulas.append(key)
                    continue
            self.values[key] = value
        self.cell_names = _CellNames(number, columns)

    def name(self, key: str) -> str:
        return cell_name(self.columns, self.number, key)

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def text(self, key: str) -> str | None:
        value = self.raw(key)
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


class _CellNames:
    """Question id → the cell name of a row, computed only when an error needs it.

    It keeps the row's number and the columns, not the row: a row and its names pointing at each
    other would be a reference cycle, left for the cyclic collector, 100 000 times in a federation's
    report.
    """

    def __init__(self, number: int, columns: dict[str, int]):
        self.number, self.columns = number, columns

    def get(self, key: str, default: str = "?") -> str:
        return cell_name(self.columns, self.number, key) if key in self.columns else default


def cell_name(columns: dict[str, int], number: int, key: str) -> str:
    """The name of the cell of column ``key`` in row ``number`` («AB12»)."""
    return f"{column_letter(columns[key] + 1)}{number}"


def _read_row(
    row: _Row,
    catalog: ProfileCatalog,
    profiles: dict[tuple[str, str | None, str | None], Profile],
    seen: dict[str, int],
    issues: list[CellIssue],
) -> AssessmentDocument | None:
    """The row's assessment, or None with its problems added to ``issues`` (or for an empty row)."""

    def note(cell: str, message: str, qid: str | None = None) -> None:
        issues.append(CellIssue(ANSWERS_SHEET, cell, message, qid))

    if not row.formulas and not row.values:
        return None
    for key in row.formulas:
        note(row.name(key), FORMULA_MESSAGE, key if "." in key else None)
    if row.formulas:
        return None
    uid = row.text("organization_id")  # a row typed in by hand may have none: the importer matches by name
    parent = row.text("parent_organization_id")
    for key, value in (("organization_id", uid), ("parent_organization_id", parent)):
        problem = value and uid_problem(value)
        if problem:
            note(row.name(key), f"код организации {problem}")
            return None
    sha256 = row.text("questionnaire_sha256") if "questionnaire_sha256" in row.columns else None
    named = (row.text("questionnaire_id") or "", row.text("questionnaire_version"), sha256)
    profile = profiles.get(named)
    if profile is None:
        try:
            profile = profiles[named] = catalog.find(*named)
        except BadInput as exc:
            note(row.name("questionnaire_id"), f"методика: {exc}")
            return None
    review = row.text("review") if "review" in row.columns else None
    if review is not None and review not in REVIEW_STATES:
        note(row.name("review"), f"проверка: ожидалось одно из {', '.join(REVIEW_STATES)}, а не «{shorten(review)}»")
        return None
    name_question = profile.organization_question("name")
    name = row.text(name_question) if name_question in row.columns else None
    if uid is None and name is None:
        note(row.name("organization_id"), f"не указаны ни код организации, ни её наименование ({name_question})")
        return None
    year = parse_year(row.raw("year"))
    if year is None:
        note(row.name("year"), year_problem(row.raw("year")))
        return None
    label = shorten(uid) if uid else f"«{shorten(name)}»"
    if label in seen:  # under any on_conflict: neither row may silently win
        where = row.name("organization_id") if uid else row.cell_names.get(name_question)
        note(where, f"организация {label} уже есть в отчёте в строке {seen[label]}; каждая организация — одной строкой")
        return None
    seen[label] = row.number
    answers: dict[str, Any] = {}
    questions = profile.questions
    for qid, raw in row.values.items():
        if qid in META_COLUMNS:
            continue
        question = questions.get(qid)
        if question is None:
            note(row.name(qid), f"в методике {profile.id} {profile.version} нет такого вопроса", qid)
            continue
        try:
            value = read_machine_value(question, raw)
        except CellValueError as exc:
            note(row.name(qid), str(exc), qid)
            continue
        if value is not None:
            answers[qid] = value
    cleaned, problems = checked_answers(profile, answers, row.cell_names, ANSWERS_SHEET)
    if problems:
        issues.extend(problems)
        return None
    meta = {"organization_id": uid} if uid else {}
    if parent:
        meta["parent_organization_id"] = parent
    sent = {"state": review} if review else None
    own_targets = None
    own_text = row.text("own_targets") if "own_targets" in row.columns else None
    if own_text:
        level = cleaned.get(profile.organization_question("level"))
        try:
            raw = decode_json(own_text, "целевые показатели", "целевые показатели", OwnTargetsInvalid)
            own_targets = check_own_targets(profile, raw, year, level, "целевые показатели")
        except OwnTargetsInvalid as exc:
            note(row.name("own_targets"), str(exc))
            return None
    notes = _notes(row, profile, note)
    if notes is False:
        return None
    return AssessmentDocument(profile=profile, year=year, answers=cleaned, meta=meta, review=sent, notes=notes or None,
        own_targets=own_targets,
    )  # fmt: skip


def _notes(row: _Row, profile: Profile, note: Any) -> AnswerNotes | None | Literal[False]:
    """The row's evidence and comments (JSON text cells), checked; None when it has neither; False (noted) when bad."""
    blocks: dict[str, Any] = {}
    for key in ("evidence", "comments"):
        text = row.text(key) if key in row.columns else None
        if not text:
            continue
        try:
            blocks[key] = decode_json(text, f"ячейка {row.name(key)}", "список подтверждений", WorkbookError)
        except WorkbookError as exc:
            note(row.name(key), str(exc).split(": ", 1)[-1])
            return False
    if not blocks:
        return None
    try:
        return check_notes(profile, blocks.get("comments"), blocks.get("evidence"))
    except NotesInvalid as exc:
        note(row.name("evidence" if "evidence" in blocks else "comments"), str(exc))
        return False


def _columns(path: str | Path, header: tuple[Any, ...]) -> dict[str, int]:
    """Column ids of row 1 → their index; every required one present, none twice."""
    if len(header) > MAX_REPORT_COLUMNS:
        raise WorkbookError(f"{path}: на листе «{ANSWERS_SHEET}» слишком много столбцов ({len(header)})")
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        if cell.value is None:
            continue
        if cell.data_type == "f":
            raise WorkbookError(
                f"{path}: Лист „{ANSWERS_SHEET}“, ячейка {column_letter(index + 1)}1: {FORMULA_MESSAGE}"
            )
        key = str(cell.value).strip()
        if key in columns:
            raise WorkbookError(
                f"{path}: Лист „{ANSWERS_SHEET}“, ячейка {column_letter(index + 1)}1: столбец «{shorten(key)}» встречается дважды"
            )
        columns[key] = index
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise WorkbookError(
            f"{path}: на листе «{ANSWERS_SHEET}» в строке 1 нет столбцов {', '.join(missing)} — "
            "это не отчёт программы или его заголовки изменены"
        )
    return columns


def parents_first(documents: list[AssessmentDocument]) -> list[AssessmentDocument]:
    """The same documents, each organization after its parent when the parent is among them."""
    parent_of = {
        d.meta["organization_id"]: d.meta.get("parent_organization_id")
        for d in documents
        if d.meta.get("organization_id")
    }

    def depth(document: AssessmentDocument) -> int:
        level, seen = 0, set()
        uid = document.meta.get("parent_organization_id")
        while uid in parent_of and uid not in seen:
            seen.add(uid)
            uid, level = parent_of[uid], level + 1
        return level

    return sorted(documents, key=depth)
