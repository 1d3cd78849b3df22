"""Reading and writing workbooks safely: hostile files refused, text never turned into a formula.

Reading. Before openpyxl sees a file, :func:`check_workbook_file` looks at it with :mod:`zipfile`
only: the file size, the number of zip members, their total uncompressed size and the compression
ratio of every large member (a zip bomb), and that it has the parts of an Excel workbook. Python's
zipfile never inflates a member beyond the size the archive declares (it fails on the CRC), so the
declared sizes are a real bound. openpyxl parses XML through defusedxml when it is importable
(``openpyxl.DEFUSEDXML``); without it the program refuses to read workbooks at all, because
entity expansion («billion laughs») would be obeyed. Every problem is a :class:`WorkbookError`
with a Russian sentence.

Writing. openpyxl stores a string that starts with «=» as a formula and «#N/A» as an error. The
helpers here keep such text a string cell (``data_type = "s"``, with Excel's «quote prefix» so
that editing the cell keeps it text), and drop the control characters XML cannot hold. Files are
written next to the target and renamed into place, so an error never leaves half a workbook.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    from defusedxml import DefusedXmlException
except ImportError:  # then require_defusedxml() refuses every workbook with a reason

    class DefusedXmlException(ValueError):  # type: ignore[no-redef]
        pass


from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

from maturity.errors import os_why
from maturity.exchange.assessment_json import AssessmentFileError
from maturity.output_files import check_output_path, write_output

# Characters that make a spreadsheet program read text as a formula (CSV/DDE injection).
FORMULA_PREFIXES = ("=", "+", "-", "@")
_RISKY_FIRST = frozenset("=+-@#")  # and «#» for error values such as #N/A


class WorkbookError(AssessmentFileError):
    """A workbook the program refuses; ``str()`` names the file (and the cell) and the reason."""


@dataclass(frozen=True)
class WorkbookLimits:
    max_file_bytes: int = 100 * 1024 * 1024
    max_members: int = 1000
    max_uncompressed_bytes: int = 1024 * 1024 * 1024
    # members larger than ratio_floor_bytes must not be compressed more than max_ratio : 1
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1024 * 1024


DEFAULT_LIMITS = WorkbookLimits()
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} МБ".replace(".", ",")


def check_workbook_file(path: str | Path, limits: WorkbookLimits = DEFAULT_LIMITS) -> None:
    """Refuse a file that is missing, too big, not a zip of an Excel workbook, or a zip bomb."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise WorkbookError(f"{path}: файл не открывается ({os_why(exc)})") from exc
    if size == 0:
        raise WorkbookError(f"{path}: файл пустой")
    if size > limits.max_file_bytes:
        raise WorkbookError(
            f"{path}: файл слишком большой ({_mb(size)}; программа читает книги до {_mb(limits.max_file_bytes)})"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise WorkbookError(
            f"{path}: это не книга Excel (.xlsx) или файл повреждён (например, скачан не до конца)"
        ) from exc
    if len(members) > limits.max_members:
        raise WorkbookError(f"{path}: в архиве книги слишком много частей ({len(members)}); файл отклонён как опасный")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.ratio_floor_bytes:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_ratio:
                raise WorkbookError(
                    f"{path}: часть книги «{member.filename}» сжата в {ratio:.0f} раз — так устроены "
                    "«zip-бомбы»; файл отклонён как опасный"
                )
    if total > limits.max_uncompressed_bytes:
        raise WorkbookError(
            f"{path}: в распакованном виде книга занимает {_mb(total)} (допустимо до "
            f"{_mb(limits.max_uncompressed_bytes)}); файл отклонён как опасный"
        )
    names = {m.filename for m in members}
    if not all(part in names for part in REQUIRED_PARTS):
        raise WorkbookError(f"{path}: это zip-архив, но не книга Excel (.xlsx)")


def require_defusedxml() -> None:
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        raise WorkbookError(
            "книги Excel не читаются: не установлен пакет defusedxml (без него чтение небезопасно); "
            "переустановите программу"
        )


@contextmanager
def open_workbook(path: str | Path, limits: WorkbookLimits = DEFAULT_LIMITS) -> Iterator[Any]:
    """A checked workbook opened read-only (formulas kept as formulas, so callers can refuse them)."""
    require_defusedxml()
    check_workbook_file(path, limits)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ParseError, defusedxml's) on broken files
        raise WorkbookError(f"{path}: книга Excel повреждена или небезопасна и не читается ({_describe(exc)})") from exc
    try:
        yield workbook
    finally:
        workbook.close()


def _describe(exc: BaseException) -> str:
    """A short reason for an error (openpyxl wraps the parser's error in a ValueError: look down the chain)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):  # DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
            return "в XML есть DTD или сущности, которые программа не выполняет"
        cause = cause.__cause__ or cause.__context__
    return type(exc).__name__


def read_guard(path: str | Path) -> Callable[[BaseException], WorkbookError]:
    """A converter of errors raised while streaming rows (a truncated or broken sheet) into a WorkbookError."""

    def convert(exc: BaseException) -> WorkbookError:
        return WorkbookError(f"{path}: лист книги повреждён и не читается ({_describe(exc)})")

    return convert


# ---------------------------------------------------------------- writing


def clean_text(text: str) -> str:
    """Text without the control characters an XML file cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def needs_protection(value: Any) -> bool:
    """Text that openpyxl or a spreadsheet program would take for a formula or an error value."""
    return (
        isinstance(value, str)
        and value[:1] in _RISKY_FIRST
        and (value.startswith(FORMULA_PREFIXES) or value in ERROR_CODES)
    )


def protect(cell: Any) -> Any:
    """Make a cell that holds text keep it as text (string type, quote prefix)."""
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def put(ws: Any, row: int, column: int, value: Any, **style: Any) -> Any:
    """Write one value into a normal worksheet safely and apply styles (font=…, fill=…, …)."""
    if isinstance(value, str):
        value = clean_text(value)
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if needs_protection(value):
        protect(cell)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def safe_row(ws: Any, values: list[Any]) -> list[Any]:
    """Values for ``WriteOnlyWorksheet.append`` with every risky text wrapped in a protected cell."""
    search = ILLEGAL_CHARACTERS_RE.search
    out = values
    for i, value in enumerate(values):
        if type(value) is str and (value[:1] in _RISKY_FIRST or search(value)):
            if out is values:
                out = list(values)
            out[i] = safe_cell(ws, value)
    return out


def safe_cell(ws: Any, value: Any, **style: Any) -> Any:
    """A WriteOnlyCell for a write-only sheet: text kept text, styles applied."""
    if isinstance(value, str):
        value = clean_text(value)
    cell = WriteOnlyCell(ws, value=value)
    if needs_protection(value):
        protect(cell)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def save_workbook_atomically(workbook: Any, path: str | Path) -> None:
    """Save the workbook in memory, then :func:`maturity.output_files.write_output` puts it in place:
    on any error the old file stays as it was, and the new file gets the old one's mode or 0644."""
    check_output_path(path)  # refuse a folder or a device before the work of saving
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_output(path, buffer.getbuffer())
