"""A plain table (a title, a header row, rows of text) as tab-separated text, a CSV file or a workbook.

What a person copies or saves from a list the app shows (the import verdicts): :func:`tab_separated` for
the clipboard (a spreadsheet pastes it into cells), :func:`write_table` for a file — ``.xlsx`` or ``.csv``
by its name — written whole or not at all through :mod:`maturity.output_files`. A value a spreadsheet
would run as a formula (``=…``, ``+…``) stays text in both files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from maturity.errors import BadInput
from maturity.exchange.safe_xlsx import needs_protection, put, save_workbook_atomically
from maturity.output_files import check_output_path, write_output

TABLE_SUFFIXES = (".xlsx", ".csv")
Rows = Sequence[Sequence[str]]


def tab_separated(headers: Sequence[str], rows: Rows) -> str:
    """The header and the rows, a line each, cells apart by tabs (tabs and line breaks inside become spaces)."""

    def line(cells: Sequence[str]) -> str:
        return "\t".join(" ".join(str(c).split()) for c in cells)

    return "\n".join(line(cells) for cells in (headers, *rows)) + "\n"


def write_table(path: str | Path, title: str, headers: Sequence[str], rows: Rows) -> Path:
    """Write the table to ``path``: a workbook (``.xlsx``: the title, then the table) or a CSV file
    (``.csv``: UTF-8 with a byte-order mark and «;» between cells, as a Russian Excel opens it)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise BadInput(f"{target.name}: таблица сохраняется в книгу Excel (.xlsx) или в файл CSV (.csv)")
    check_output_path(target)
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([_csv_text(c) for c in cells] for cells in rows)
        return write_output(target, ("\ufeff" + buffer.getvalue()).encode("utf-8"))
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    ws = workbook.worksheets[0]
    ws.title = "Таблица"
    put(ws, 1, 1, title, font=Font(bold=True, size=13))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    for column, header in enumerate(headers, 1):
        put(ws, 3, column, header, font=bold, fill=fill)
    for number, cells in enumerate(rows, 4):
        for column, value in enumerate(cells, 1):
            put(ws, number, column, value)
    ws.freeze_panes = "A4"
    save_workbook_atomically(workbook, target)
    return target


def _csv_text(value: str) -> str:
    """A cell of a CSV file: text a spreadsheet would run as a formula gets an apostrophe in front."""
    return "'" + value if needs_protection(value) else value
