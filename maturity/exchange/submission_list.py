"""The list of organizations that have not submitted, as a workbook — for the reminders a territory sends.

One sheet «Не сдали»: a title (the year, the group, «сдали X из Y»), then one row per organization —
number, name, level, parent, the contacts it last gave, state, code. Written through
:func:`~maturity.exchange.safe_xlsx.save_workbook_atomically` (so through
:func:`maturity.output_files.write_output`): whole file or nothing; names that look like formulas stay text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from maturity.method.profile import Profile

SHEET = "Не сдали"
STATE_LABELS = {"missing": "нет оценки", "draft": "черновик", "complete": "сдана"}
# (title, width in characters): on A4 landscape at 10 pt, names and contacts wrap, rows grow
COLUMNS = (("№", 5), ("Наименование", 42), ("Уровень", 8), ("Вышестоящая организация", 24),
           ("Контакты (из последней оценки)", 28), ("Состояние", 11), ("Код организации", 17))  # fmt: skip
HEADERS = tuple(title for title, _width in COLUMNS)
FONT_SIZE = 10


def write_submission_list(
    rows: Sequence[Any],
    path: str | Path,
    *,
    year: int,
    scope: str,
    submitted: str,
    profile: Profile,
    contacts: Mapping[int, str] | None = None,
) -> None:
    """``rows``: :class:`maturity.storage.submissions.Submission`-like objects (id, name, level, parent, state,
    organization_id); ``submitted``: «X из Y»; ``contacts``: by organization id, what it last gave to be reached
    by (who filled in its assessment, their role, a phone or e-mail where the method asks for them).

    Printed on A4 landscape, a page wide, at the font's own size: every cell wraps, so a long name takes more
    lines of its row rather than being cut; the header repeats on every page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    from maturity.exchange.print_setup import row_height, set_row_height
    from maturity.exchange.safe_xlsx import put, save_workbook_atomically  # openpyxl: only when a list is written

    contacts = contacts or {}
    workbook = Workbook()
    ws = workbook.worksheets[0]
    ws.title = SHEET
    wrap = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="A0A0A0")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(size=FONT_SIZE)
    put(ws, 1, 1, f"Не сдали оценку за {year} год: {scope}", font=Font(bold=True, size=13))
    put(ws, 2, 1, f"Сдали {submitted}; в списке — организаций: {len(rows)}", font=body)
    bold, fill = Font(bold=True, size=FONT_SIZE), PatternFill("solid", fgColor="DCE6F1")
    # LibreOffice keeps a row at its stored height: each row is given the height its wrapped cells need (the
    # widths count 11-point characters; at 10 points a tenth more fit on a line)
    fitting = [width * 11 / FONT_SIZE for _title, width in COLUMNS]
    for column, title in enumerate(HEADERS, 1):
        put(ws, 4, column, title, font=bold, fill=fill, alignment=wrap, border=border)
    set_row_height(ws, 4, row_height(HEADERS, fitting) * FONT_SIZE / 11)
    for number, row in enumerate(rows, 1):
        level = profile.organization_level_short(row.level) if row.level else "—"
        values = (number, row.name, level, row.parent or "—", contacts.get(row.id) or "—",
                  STATE_LABELS.get(row.state, row.state), row.organization_id)  # fmt: skip
        for column, value in enumerate(values, 1):
            put(ws, number + 4, column, value, font=body, alignment=wrap, border=border)
        set_row_height(ws, number + 4, row_height(values, fitting) * FONT_SIZE / 11)  # lines of 10-point text
    for column, (_title, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(column)].width = width
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:{last}{max(4, len(rows) + 4)}"
    ws.print_title_rows = "4:4"
    ws.print_area = f"A1:{last}{max(4, len(rows) + 4)}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.8
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3  # the footer inside the page, above its edge
    footer: Any = ws.oddFooter
    footer.center.text = "Страница &P из &N"
    save_workbook_atomically(workbook, path)
