"""The contest's «Итоговый протокол» as an Excel workbook: sheet «Протокол» (the commission, the rules, the
rankings of every nomination and group, the winners) and sheet «Лучшие практики» (for each nomination, what
its winners answered behind its figure). The same words and figures as the PDF (:mod:`maturity.views.contest_text`);
printed A4 landscape (:mod:`maturity.exchange.print_setup`). Organizations' names only: no personal data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from maturity import __version__
from maturity.engine.contest import ContestResults
from maturity.engine.rounding import round_figure
from maturity.exchange.print_setup import MAX_ROW_HEIGHT, Sender, row_height, set_page, set_row_height
from maturity.exchange.safe_xlsx import save_workbook_atomically
from maturity.views.contest_text import PROTOCOL_TITLE, RANKING_HEADER, group_title, mark_text, place_text, rules_lines
from maturity.views.numbers import FIGURE_CELL_FORMAT

PROTOCOL_WIDTHS = (10, 48, 16, 22, 14, 14)
PRACTICE_WIDTHS = (90, 50)
BOLD_WIDTH = 1.1  # a bold letter is about a tenth wider
BODY_FONT = "Calibri"  # named on every styled cell: a font without a name prints in a wider serif (LibreOffice)


def protocol_workbook(results: ContestResults, made_on: date | None = None) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    sender = Sender(results.scope, (made_on or date.today()).strftime("%d.%m.%Y"), __version__)
    wb = Workbook()
    ws: Any = wb.active
    ws.title = "Протокол"
    for i, width in enumerate(PROTOCOL_WIDTHS):
        ws.column_dimensions["ABCDEF"[i]].width = width
    bold, wrap = Font(name=BODY_FONT, bold=True), Alignment(wrap_text=True, vertical="top")
    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    title = f"{PROTOCOL_TITLE} за {results.year} год"
    set_page(ws, title_rows=None, title_columns=None, sender=sender, title=title)
    row = 1

    def line(text: str, *, font: Any = None) -> None:
        nonlocal row
        ws.cell(row, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(PROTOCOL_WIDTHS))
        if font is not None:
            ws.cell(row, 1).font = font
        set_row_height(ws, row, _row_height_at(text, sum(PROTOCOL_WIDTHS), font))
        row += 1

    line(title, font=Font(name=BODY_FONT, bold=True, size=13))
    line(results.scope)
    row += 1
    line("Комиссия", font=bold)
    line(", ".join(results.commission) if results.commission else "оценок комиссии нет")
    row += 1
    line("Правила", font=bold)
    for text in rules_lines(results):
        line(text)
    for nomination in results.nominations:
        row += 1
        line(f"Номинация «{nomination.title}»", font=Font(name=BODY_FONT, bold=True, size=12))
        shown = nomination.description and nomination.description != nomination.by_label
        description = f" {nomination.description[:1].upper()}{nomination.description[1:]}." if shown else ""
        line(f"По: {nomination.by_label}.{description}")
        if not nomination.groups:
            line("Участников нет.")
        for group in nomination.groups:
            line(group_title(group), font=bold)
            for col, text in enumerate((*RANKING_HEADER, "Итог"), start=1):
                cell = ws.cell(row, col, text)
                cell.font, cell.alignment = bold, wrap
            set_row_height(ws, row, row_height(RANKING_HEADER, PROTOCOL_WIDTHS))
            row += 1
            for placed in group.ranking:
                values = (placed.place, placed.entrant.name, round_figure(placed.entrant.score), mark_text(placed),
                          round_figure(placed.final), place_text(placed.place) if placed.winner else "")  # fmt: skip
                for col, value in enumerate(values, start=1):
                    cell = ws.cell(row, col, value)
                    # the marks and the place centred: beside a right-aligned figure, a left-aligned text printed
                    # as one («70,0 8,8 (2)», «78,8 I место»)
                    cell.alignment = centred if col in (4, 6) else wrap
                    if col in (3, 5):
                        cell.number_format = FIGURE_CELL_FORMAT
                set_row_height(ws, row, row_height([str(v) for v in values], PROTOCOL_WIDTHS))
                row += 1
    _practices_sheet(wb.create_sheet("Лучшие практики"), results, sender)
    return wb


def _row_height_at(text: str, width: float, font: Any) -> float:
    """The height of a row of one wrapped ``text`` in ``font`` (a title of 13 points, bold): its letters are
    wider than the 11 points :func:`row_height` counts, so it takes more lines, each taller."""
    size = (font.size if font is not None and font.size else 11) / 11
    wider = size * (BOLD_WIDTH if font is not None and font.bold else 1)
    return min(MAX_ROW_HEIGHT, row_height([text], [width / wider]) * size)


def _practices_sheet(ws: Any, results: ContestResults, sender: Sender) -> None:
    """A nomination's title, then each winner (name, place, group) with its answers beneath, a row each."""
    from openpyxl.styles import Alignment, Font

    for i, width in enumerate(PRACTICE_WIDTHS):
        ws.column_dimensions["AB"[i]].width = width
    set_page(ws, title_rows="1:1", title_columns=None, sender=sender,
             title=f"Лучшие практики смотра-конкурса за {results.year} год")  # fmt: skip
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, text in enumerate(("Что делают победители (вопрос анкеты)", "Ответ"), start=1):
        ws.cell(1, col, text).font = Font(name=BODY_FONT, bold=True)
    row = 2

    def whole_row(text: str, font: Any) -> None:
        nonlocal row
        cell = ws.cell(row, 1, text)
        cell.font, cell.alignment = font, wrap
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        set_row_height(ws, row, _row_height_at(text, sum(PRACTICE_WIDTHS), font))
        row += 1

    for nomination in results.nominations:
        whole_row(f"Номинация «{nomination.title}»", Font(name=BODY_FONT, bold=True, size=12))
        if not nomination.practices:
            whole_row("победителей нет", Font(name=BODY_FONT, italic=True))
        for practice in nomination.practices:
            whole_row(
                f"{place_text(practice.place)} — {practice.name} ({practice.group})", Font(name=BODY_FONT, bold=True)
            )
            for question, answer in practice.answers:
                for col, value in enumerate((question, answer), start=1):
                    ws.cell(row, col, value).alignment = wrap
                set_row_height(ws, row, row_height((question, answer), PRACTICE_WIDTHS))
                row += 1


def write_protocol_xlsx(results: ContestResults, path: str | Path, made_on: date | None = None) -> None:
    """Write the protocol workbook to ``path`` atomically (OutputError with the Russian reason)."""
    save_workbook_atomically(protocol_workbook(results, made_on), path)
