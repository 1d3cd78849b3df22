"""The list of organizations that have not submitted, as a workbook — for the reminders a territory sends.

One sheet «Не сдали»: a title (the year, the group, «сдали X из Y»), then one row per organization —
name, level, parent, region, state, last year's index, code. Written through
:func:`~maturity.exchange.safe_xlsx.save_workbook_atomically` (so through
:func:`maturity.output_files.write_output`): whole file or nothing; names that look like formulas stay text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from maturity.method.profile import Profile
from maturity.views.numbers import format_score

SHEET = "Не сдали"
STATE_LABELS = {"missing": "нет оценки", "draft": "черновик", "complete": "сдана"}
HEADERS = ("Наименование", "Уровень", "Вышестоящая организация", "Субъект РФ", "Состояние",
           "Индекс за прошлый год", "Код организации")  # fmt: skip


def write_submission_list(
    rows: Sequence[Any], path: str | Path, *, year: int, scope: str, submitted: str, profile: Profile
) -> None:
    """``rows``: :class:`maturity.storage.submissions.Submission`-like objects (name, level, parent,
    region, state, index_last_year, organization_id); ``submitted``: «X из Y»."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from maturity.exchange.safe_xlsx import put, save_workbook_atomically  # openpyxl: only when a list is written

    workbook = Workbook()
    ws = workbook.worksheets[0]
    ws.title = SHEET
    put(ws, 1, 1, f"Не сдали оценку за {year} год: {scope}", font=Font(bold=True, size=13))
    put(ws, 2, 1, f"Сдали {submitted}; в списке — организаций: {len(rows)}")
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
    for column, title in enumerate(HEADERS, 1):
        put(ws, 4, column, title, font=bold, fill=fill)
    for number, row in enumerate(rows, 5):
        values = (row.name, profile.organization_level_label(row.level) if row.level else "—", row.parent or "—",
                  row.region or "—", STATE_LABELS.get(row.state, row.state), format_score(row.index_last_year),
                  row.organization_id)  # fmt: skip
        for column, value in enumerate(values, 1):
            put(ws, number, column, value)
    for letter, width in zip("ABCDEFG", (50, 34, 40, 24, 14, 12, 38), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:G{max(4, len(rows) + 4)}"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    save_workbook_atomically(workbook, path)
