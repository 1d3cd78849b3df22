"""Reading an assessment from any file the program accepts, by its kind.

JSON assessment files are read here; workbooks (assessment workbook, blank form) by
:mod:`maturity.exchange.workbook_import`. A file of another kind is refused with a reason.
"""

from __future__ import annotations

from pathlib import Path

from maturity.exchange.assessment_json import AssessmentDocument, AssessmentFileError, read_assessment_json

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_assessment_file(path: str | Path) -> AssessmentDocument:
    """One assessment from a JSON file or a workbook; raises AssessmentFileError (a BadInput)."""
    path = Path(path)
    if not path.is_file():
        raise AssessmentFileError(f"{path}: файл не найден")
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from maturity.exchange.workbook_import import read_assessment_workbook

        return read_assessment_workbook(path)
    if suffix in (".json", ""):
        return read_assessment_json(path)
    raise AssessmentFileError(f"{path}: программа читает файлы оценки .json и книги Excel .xlsx, а не «{suffix}»")
