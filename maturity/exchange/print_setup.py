"""How a sheet of a written workbook prints: A4 landscape, fitted to the page's width, the header rows and
the name column repeated on every page, a header and a footer naming the sheet, the sender and the page.

Works on openpyxl's streaming (write-only) sheets as on ordinary ones; everything here is set before the
first row is appended (row heights are written with their rows).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

A4 = 9  # ECMA-376 paperSize
LINE_HEIGHT = 15.0  # points per line of 11-point text, as Excel and LibreOffice lay it out
MAX_ROW_HEIGHT = 409.0  # Excel's limit
CHARACTERS_PER_WIDTH = 0.95  # a Cyrillic letter is a little wider than the «0» that column widths count
PRINT_SCALE = 80  # per cent: 11-point text prints at 8.8 points, 10-point at 8 (charts: their 10-point labels)
TABLE_SCALE = 73  # per cent: the sheets of a row per organization — 11-point text (their smallest) at 8.03 points
HEADER_FOOTER_SIZE = 11  # points: scaled with the page, still 8 at TABLE_SCALE
PRINTABLE_WIDTH = 769.9  # points: A4 landscape (841.9) less the left and right margins (0.5 inch each)
WIDTH_SAFETY = 0.97  # a page set's columns fill at most this share of the page: fonts measure a little apart
HEADER_PART_LIMIT = 80  # characters of a name in a page header (Excel allows 255 for the whole header)
# A header's or footer's parts share one line (Excel and LibreOffice print a long left part over the centre and
# the right, never on a second line): the characters of 11-point Calibri/Carlito that one line of A4 landscape
# holds at 100 % (measured 5.0 points a character in LibreOffice's PDF, counted at 5.6 for capitals)
LINE_CHARACTERS = 137
PARTS_GAP = 4  # characters left blank between a line's left and right parts
SHEET_NAME_LIMIT = 31  # Excel's limit of a sheet's name: the header's right part «Лист «&A»» is at most 38


@dataclass(frozen=True)
class Sender:
    """Who a report is from and for: the organization it was made for, the date, the program's version."""

    made_for: str  # the parent organization's name, or «все организации»
    made_on: str  # the date, «02.05.2025»
    version: str  # maturity.__version__

    def line(self) -> str:
        return f"Для: {self.made_for} · сформирован {self.made_on} · программа «Цифровая зрелость» {self.version}"


def header_footer_text(text: str, limit: int = HEADER_PART_LIMIT) -> str:
    """Text from the data made safe for a page header: «&» starts a code there (a name «А&Б» would print
    «А» and lose the rest), so it is doubled; a long name is cut at its end."""
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("&", "&&")


def column_points(width: float) -> float:
    """A column ``width`` characters wide, in points at 100 %: 7 pixels per character of 11-point Calibri
    (Carlito in LibreOffice) and 5 pixels of padding, at 96 pixels per inch."""
    return 0.75 * (7 * width + 5)


def page_width_characters(scale: int, columns: int) -> float:
    """How many characters of column width ``columns`` columns may take together to print one page wide
    (A4 landscape) at ``scale`` per cent."""
    room = PRINTABLE_WIDTH * WIDTH_SAFETY / (scale / 100)
    return (room - columns * 0.75 * 5) / (0.75 * 7)


def header_width(title: str) -> float:
    """The width a column needs for the longest word of its bold header (a header word is never broken)."""
    return longest_word(title) / CHARACTERS_PER_WIDTH + 3 if title else 0.0


def longest_word(text: Any) -> int:
    """The length of the longest word of ``text`` (a column narrower than it breaks the word in two)."""
    return max((len(word) for word in str(text or "").split()), default=0)


def wrapped_lines(text: Any, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (at least 1): wrapped at
    spaces, as a spreadsheet wraps it (a word that does not fit moves whole to the next line), a word longer
    than a line broken where the line ends."""
    if text is None or text == "":
        return 1
    fits = max(1, int(width * CHARACTERS_PER_WIDTH) - 1)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += _paragraph_lines(paragraph, fits)
    return lines


def _paragraph_lines(paragraph: str, fits: int) -> int:
    lines, used = 1, 0
    for word in paragraph.split():
        if used and used + 1 + len(word) <= fits:
            used += 1 + len(word)
            continue
        if used:
            lines += 1
        lines += (len(word) - 1) // fits if word else 0
        used = len(word) - (math.ceil(len(word) / fits) - 1) * fits if word else 0
    return lines


def row_height(texts: Sequence[Any], widths: Sequence[float]) -> float:
    """The height (points) a row of wrapped cells needs so that no text is cut or printed over the next row."""
    lines = max((wrapped_lines(t, w) for t, w in zip(texts, widths, strict=False)), default=1)
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + 3)


def set_row_height(ws: Any, row: int, height: float) -> None:
    """A row's height, marked custom (a streaming sheet writes it with the row: set it before appending)."""
    ws.row_dimensions[row].height = height


def set_page(
    ws: Any,
    *,
    title_rows: str | None,
    title_columns: str | None = "A:A",
    sender: Sender,
    title: str,
    fit_height: int = 0,
    fit_width: bool = True,
    scale: int = PRINT_SCALE,
    column_breaks: Sequence[int] = (),
) -> None:
    """A4 landscape, fitted to one page wide (``fit_height`` pages tall; 0: as many as needed) — or, without
    ``fit_width``, at ``scale`` (:data:`PRINT_SCALE`; :data:`TABLE_SCALE` for sheets of 11-point text only) in
    page sets (the columns that fit a page, all rows, then the next columns; a set also ends after each column
    of ``column_breaks``), so that no text prints under 8 points however wide the sheet; ``title_rows`` (e.g. "1:2") and
    ``title_columns`` repeated on every page (the names beside every page set); the header names the report
    and the sheet, the footer the sender and the page «N из M»."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    if fit_width:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = fit_height
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.page_setup.scale = scale
        ws.page_setup.pageOrder = "overThenDown"  # a row's figures on consecutive pages
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
    if column_breaks:
        from openpyxl.worksheet.pagebreak import Break

        for column in column_breaks:
            ws.col_breaks.append(Break(id=column))
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    if title_columns:
        ws.print_title_cols = title_columns
    for part in (ws.oddHeader, ws.oddFooter):
        for side in (part.left, part.center, part.right):
            side.size = HEADER_FOOTER_SIZE
    header, footer = header_footer_lines(title, sender, 100 if fit_width else scale)
    ws.oddHeader.left.text, ws.oddHeader.right.text = header
    ws.oddFooter.left.text, ws.oddFooter.right.text = footer


def header_footer_lines(title: str, sender: Sender, scale: int) -> tuple[tuple[str, str], tuple[str, str]]:
    """The header's (left, right) and the footer's (left, right) at ``scale`` per cent: the header names the
    report and the sheet; the footer the sender and the date on the left, the page «N из M» and the program on
    the right. Each line's left part is cut so that the two parts fit one line without touching, however long
    the report's title or the organization's name (a long name printed over the page number was unreadable)."""
    line = int(LINE_CHARACTERS * 100 / max(scale, 1))
    sheet = "Лист «&A»"
    header_room = line - PARTS_GAP - (len(sheet) - 2 + SHEET_NAME_LIMIT)
    page = f"Страница &P из &N · {header_footer_text(f'Цифровая зрелость {sender.version}')}"
    beside_name = len("Для:  · ") + len(sender.made_on)
    name_room = line - PARTS_GAP - printed_length(page) - beside_name
    footer_left = f"Для: {header_footer_text(sender.made_for, max(name_room, 12))} · {sender.made_on}"
    return (header_footer_text(title, header_room), sheet), (footer_left, page)


def printed_length(text: str) -> int:
    """How many characters a header or footer part prints: «&&» prints one «&», «&P» and «&N» a page number of
    up to three digits, «&A» a sheet's name (counted by the caller)."""
    return len(text.replace("&&", "&").replace("&P", "999").replace("&N", "999"))
