"""Reading an assessment from any file the program accepts, by its kind.

JSON assessment files are read here; workbooks (assessment workbook, blank form, consolidated
report) by :mod:`maturity.exchange.workbook_import`. A file of another kind is refused with a reason.

:func:`read_assessment_files` is what an importer calls: a consolidated report holds the
assessments of many organizations (each with its uid, parent uid and year), so one file may give
several documents — all of them, or none when any is bad (all-or-nothing per file).
"""

from __future__ import annotations

from pathlib import Path

from maturity.exchange.assessment_json import AssessmentDocument, AssessmentFileError, read_assessment_json
from maturity.method.catalog import ProfileCatalog

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
OTHER_SPREADSHEETS = (".xls", ".ods", ".csv", ".xlsb")


def read_assessment_files(path: str | Path, catalog: ProfileCatalog | None = None) -> list[AssessmentDocument]:
    """Every assessment in a file: one from a JSON file, an assessment workbook or a blank form, one per
    organization from a consolidated report (parents before their children); raises AssessmentFileError.
    Profiles are looked up in ``catalog`` only (the database's; default: the shipped ones)."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
        from maturity.exchange.workbook_import import read_workbook_documents

        return read_workbook_documents(path, catalog)
    return [read_assessment_file(path, catalog)]


def read_assessment_file(path: str | Path, catalog: ProfileCatalog | None = None) -> AssessmentDocument:
    """One assessment from a JSON file or a workbook; raises AssessmentFileError (a BadInput).

    A consolidated report of several organizations is refused here: importers should call
    :func:`read_assessment_files`, which returns all of its assessments.
    """
    path = Path(path)
    if not path.is_file():
        raise AssessmentFileError(f"{path}: файл не найден")
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from maturity.exchange.workbook_import import read_assessment_workbook

        return read_assessment_workbook(path, catalog)
    if suffix in (".json", ""):
        return read_assessment_json(path, catalog)
    if suffix in OTHER_SPREADSHEETS:
        raise AssessmentFileError(
            f"{path}: книги «{suffix}» программа не читает; откройте файл в Excel или LibreOffice и сохраните "
            "его как «Книга Excel (.xlsx)»"
        )
    raise AssessmentFileError(f"{path}: программа читает файлы оценки .json и книги Excel .xlsx, а не «{suffix}»")
