"""The consolidated report (.xlsx) for a higher body (method §8).

Sheets, each written in openpyxl's streaming (write-only) mode so that 10 000 organizations take
seconds:

- «Итоги» — one printed page for the federation's meeting: who the report is for, the date and the
  program's version; organizations assessed (of those expected), the average index and its change
  since last year over the organizations assessed in both years, the level distribution, the KPI
  averages, the norms failed most often (:mod:`maturity.exchange.report_totals`);
- «Расшифровка» — what each short column header of the three sheets below means (K1 … K10, Н1 …, «ИЦЗ»…),
  printed once (:mod:`maturity.exchange.report_layout`);
- «Сводка» — organizations × KPIs, both indices, the maturity level, failed norms, completeness;
  colour scales (conditional formatting) on the scores, frozen headers;
- «Нормативы» — organizations × norms, «выполнен» / «не выполнен» / «н/п», coloured;
- «Динамика» — the index last year and this year, and the change of every KPI;
- «Ответы организаций» (hidden: a technical sheet, not printed) — the raw answers, one row per organization,
  one column per question id
  (row 1 holds the ids, row 2 the questions' text): the importer finds columns by id, never by
  position, together with each organization's uid, its parent's uid, the year and the profile;
- «Параметры методики» — the parameters of every profile used;
- «Диаграммы» — native Excel charts: mean KPI scores (this year and last), organizations by level
  of maturity, mean index by organization level;
- «Не сдали» — the organizations the report covers that have no assessment of the year (when any): the
  columns of the register of organizations (code, name, level, parent and its code, region, sector,
  members), so that a higher body importing the report knows whom the territory expects and reads the
  same «X из Y»;
- «Служебный» (hidden) — format, version, year, scope, number of organizations.

Every sheet prints (:mod:`maturity.exchange.print_setup`): A4 landscape fitted to the page's width, the
header rows and the first column repeated on every page, header rows tall enough for their wrapped
text, each chart on a page of its own, and the sender (the organization the report was made for, the
date, the program's version) in every page's footer.

The writer takes plain :class:`ReportEntry` rows (no database): :func:`entry_from_document` builds
one from an assessment, :mod:`maturity.usecases.report_source` builds them from the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell

from maturity import __version__
from maturity.engine.rounding import percent, round_figure
from maturity.errors import BadInput
from maturity.exchange.answer_cells import NUMBER_FORMAT, exact_number
from maturity.exchange.print_setup import (
    CHARACTERS_PER_WIDTH,
    PRINT_SCALE,
    TABLE_SCALE,
    Sender,
    longest_word,
    row_height,
    set_page,
    set_row_height,
)
from maturity.exchange.report_chart_figures import ChartTally
from maturity.exchange.report_entry import ReportEntry, redefined_figures
from maturity.exchange.report_layout import (
    EVIDENCE_TITLE,
    OWN_TARGETS_TITLE,
    changes_layout,
    legend_rows,
    norms_layout,
    summary_layout,
)
from maturity.exchange.report_rows import ReportRows, report_rows
from maturity.exchange.report_totals import ReportTotals, TotalsTally
from maturity.exchange.safe_xlsx import safe_cell, safe_row, save_workbook_atomically
from maturity.method.profile import Profile
from maturity.views.change_text import fair_change_text
from maturity.views.method_change_text import short_figure_names
from maturity.views.numbers import FIGURE_CELL_FORMAT, format_score
from maturity.views.score_text import STATUS_LABELS

REPORT_FORMAT = "maturity-report"
REPORT_FORMAT_VERSION = 1
TOTALS_SHEET = "Итоги"
SUMMARY_SHEET = "Сводка"
NORMS_SHEET = "Нормативы"
CHANGES_SHEET = "Динамика"
ANSWERS_SHEET = "Ответы организаций"
PARAMETERS_SHEET = "Параметры методики"
CHARTS_SHEET = "Диаграммы"
SERVICE_SHEET = "Служебный"
LEGEND_SHEET = "Расшифровка"
MISSING_SHEET = "Не сдали"
ANSWER_META_COLUMNS = (
    ("organization_id", "Код организации"),
    ("parent_organization_id", "Код вышестоящей организации"),
    ("year", "Год"),
    ("questionnaire_id", "Методика"),
    ("questionnaire_version", "Версия методики"),
    ("questionnaire_sha256", "Хэш текста методики"),
    ("review", "Проверка"),  # the higher body's review where the report was made: received / accepted / returned
    ("own_targets", "Целевые показатели (утверждены организацией)"),  # JSON as in an assessment file; empty: none
    ("evidence", "Подтверждения ответов"),  # JSON: question → evidence reference (maturity.engine.answer_notes)
    ("comments", "Комментарии к ответам"),  # JSON: question → comment; personal data: only with respondents
)
REVIEW_NAMES = {"received": "получена", "accepted": "принята", "returned": "возвращена"}
STATUS_NAMES = {"complete": "завершена", "draft": "черновик"}
FIRST_DATA_ROW = 3  # row 1: title (or ids), row 2: header
CHART_PAGE_ROWS = (
    24  # «Диаграммы»: rows of a printed page holding one chart (the tallest, 11 cm from row 3, ends by row 24)
)
TOTALS_WIDTHS = (44, 30, 2, 52, 14)  # «Итоги»: the cards and levels | a gap | the KPIs and norms
TOTALS_LAST_COLUMN = "E"  # «Диаграммы»: the last rows of the first two printed pages (a chart on each page)


def _ordered_union(lists: Sequence[Sequence[str]]) -> list[str]:
    seen: dict[str, None] = {}
    for items in lists:
        for item in items:
            seen.setdefault(item, None)
    return list(seen)


def _difference(now: float | None, before: float | None) -> float | None:
    if now is None or before is None:
        return None
    return now - before


METHOD_CHANGED_COLUMN = "Методика изменилась"  # «Динамика»: the KPIs defined differently last year
EVIDENCE_COLUMN = EVIDENCE_TITLE  # «Сводка»: the share of answers with an evidence mark («Подтв., %»)
OWN_TARGETS_COLUMN = OWN_TARGETS_TITLE  # «Сводка»: the share of the own targets met («ЦП, %»)
CELL_TEXT_LIMIT = 32000  # the longest JSON text a cell of «Ответы организаций» takes (Excel keeps 32 767)


Progress = Callable[[int, int, str], None]  # (steps done, steps in all, what is being done)
ROW_SHEETS = 4  # the sheets with a row per organization: summary, norms, changes, answers
PROGRESS_REPORTS = 100  # reports per sheet at most, however many organizations


class _Writer:
    """Writes the sheets one by one, each over a fresh pass of the rows (:class:`ReportRows`): nothing holds
    them all; the totals and the charts' figures are counted in a pass of their own (:meth:`tally`) first."""

    def __init__(
        self,
        rows: ReportRows,
        year: int,
        scope: str,
        sender: Sender,
        with_respondents: bool = False,
        progress: Progress | None = None,
    ):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        self.rows, self.year, self.scope, self.sender = rows, year, scope, sender
        self.count = len(rows)
        self.with_respondents = with_respondents
        self.progress = progress
        self.steps = ROW_SHEETS * self.count + 1  # a step per organization's row on each sheet, one to save
        self.sheets_done = 0
        self.report_every = max(1, self.count // PROGRESS_REPORTS)
        self.column_widths: dict[str, list[float]] = {}
        self.workbook = Workbook(write_only=True)
        self.bold, self.title = Font(bold=True), Font(bold=True, size=13)
        self.header_fill = PatternFill("solid", fgColor="DCE6F1")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.one_decimal: Any = None  # the style of a figure cell, made on first use
        self.profiles: dict[tuple[str, str], Profile] = {}
        for profile in rows.profiles():
            self.profiles.setdefault((profile.id, profile.version), profile)
        main = next(iter(self.profiles.values()), None)
        self.main = main
        self.kpis = [(k.id, k.title) for k in main.kpis] if main else []
        self.levels = [(lvl.short or lvl.label, lvl.label) for lvl in main.data.organization_levels] if main else []
        norm_lists = [[n.id for n in p.norms] for p in self.profiles.values()]
        self.norm_ids = _ordered_union(norm_lists)
        self.norm_titles = {n.id: n.title for p in self.profiles.values() for n in p.norms}
        question_lists = [[q.id for s in p.sections for q in s.questions] for p in self.profiles.values()]
        personal = set() if with_respondents else {q for p in self.profiles.values() for q in p.personal_question_ids}
        self.question_ids = [q for q in _ordered_union(question_lists) if q not in personal]
        self.question_texts = {q.id: q.text for p in self.profiles.values() for q in p.questions.values()}
        self.redefined: dict[tuple[str, ...], frozenset[str]] = {}  # (last year's version, this year's): figures

        self.reserved: dict[str, Any] = {}  # sheets made early to keep their place, written later
        # counted while «Сводка» is written: the totals of «Итоги» and «Динамика», the figures of «Диаграммы»,
        # and whether any row's figures were defined differently last year (the column «Методика изменилась»)
        self.tallies = TotalsTally(self.main), ChartTally([k for k, _ in self.kpis], self.level_label)
        self.noted = False

    def reserve(self, title: str) -> None:
        """Make the sheet ``title`` now, in this place among the sheets; :meth:`sheet` fills it in later."""
        self.reserved[title] = self.workbook.create_sheet(title)

    def tally_row(self, e: ReportEntry) -> None:
        totals, charts = self.tallies
        totals.add(e)
        charts.add(e)
        if not self.noted and self.redefined_figures(e):
            self.noted = True

    def counted(self, expected: int | None) -> None:
        """The figures counted over every row (after «Сводка»)."""
        totals, charts = self.tallies
        self.totals_figures: ReportTotals = totals.totals(self.year, expected)
        self.chart_figures = charts

    def redefined_figures(self, e: ReportEntry) -> frozenset[str]:
        """:func:`redefined_figures` of the row, worked out once for each pair of profile versions."""
        if e.previous_profile is None:
            return frozenset()
        before, now = e.previous_profile, e.profile
        pair = (before.id, before.version, before.sha256, now.id, now.version, now.sha256)
        found = self.redefined.get(pair)
        if found is None:
            found = self.redefined[pair] = redefined_figures(e)
        return found

    # -------------------------------------------------------- helpers
    def rows_written(self, sheet: str, count: int) -> None:
        """Report ``count`` organizations' rows written on ``sheet`` (every so many, and the last)."""
        if self.progress is None or (count % self.report_every and count != self.count):
            return
        done = self.sheets_done * self.count + count
        # the bar counts the rows of every sheet; the text says which sheet of how many, so the two agree
        self.progress(
            done,
            self.steps,
            f"Лист {self.sheets_done + 1} из {ROW_SHEETS} («{sheet}»): {count} из {self.count} организаций",
        )
        if count == self.count:
            self.sheets_done += 1

    def figure(self, ws: Any, value: float | None) -> Any:
        """A score rounded to one decimal (halves up) and shown with one decimal: 72,0."""
        if value is None:
            return None
        cell = WriteOnlyCell(ws, value=round_figure(value))
        if self.one_decimal is None:
            cell.number_format = FIGURE_CELL_FORMAT
            self.one_decimal = cell._style  # type: ignore[attr-defined]  # openpyxl's stubs omit Cell._style
        else:
            cell._style = self.one_decimal  # type: ignore[attr-defined]  # one shared style: cheaper than setting number_format per cell
        return cell

    def sheet(
        self,
        title: str,
        columns: int | None = None,
        *,
        title_rows: str | None = "1:2",
        fit_height: int = 0,
        fit_width: bool = False,
        scale: int = PRINT_SCALE,
        column_breaks: Sequence[int] = (),
    ) -> Any:
        """A streaming sheet set up for printing (``title_rows`` repeated on every page, the first column
        too); with ``columns``, one that declares its size (title, header, a row per entry).

        A streamed sheet has no <dimension> element, and then openpyxl's read-only loader parses
        the whole sheet just to find its size — for every sheet, even those never read. Declaring
        the exact size spares every reader that work.
        """
        from openpyxl.formatting.formatting import ConditionalFormattingList
        from openpyxl.utils import get_column_letter

        ws = self.reserved.pop(title, None) or self.workbook.create_sheet(title)
        ws.conditional_formatting = ConditionalFormattingList()  # not set up by write-only sheets
        set_page(
            ws,
            title_rows=title_rows,
            sender=self.sender,
            fit_height=fit_height,
            fit_width=fit_width,
            scale=scale,
            column_breaks=column_breaks,
            title=f"Цифровая зрелость: сводный отчёт за {self.year} год — {self.scope}",
        )
        if columns is not None:
            size = f"A1:{get_column_letter(columns)}{FIRST_DATA_ROW - 1 + self.count}"
            ws.calculate_dimension = lambda: size  # read by openpyxl's WorksheetWriter.write_dimensions
        return ws

    def header(self, ws: Any, titles: Sequence[str], row: int) -> None:
        """A header row (``row``: its number), tall enough for its wrapped titles in their columns' widths."""
        widths = self.column_widths.get(ws.title, [])
        set_row_height(ws, row, row_height(titles, [*widths, *[8.43] * (len(titles) - len(widths))]))
        ws.append([safe_cell(ws, t, font=self.bold, fill=self.header_fill, alignment=self.wrap) for t in titles])

    def name_row(self, ws: Any, number: int, texts: Sequence[Any]) -> None:
        """The height of the ``number``-th entry's row: its name (and the texts beside it) wrapped whole in their
        columns (set before the row is appended)."""
        set_row_height(ws, FIRST_DATA_ROW + number - 1, row_height(texts, self.column_widths.get(ws.title, [])))

    def append_entry_row(self, ws: Any, number: int, row: list[Any]) -> None:
        """Append the ``number``-th entry's row; its height, written with it, is then forgotten (a streamed
        sheet's row dimensions would otherwise pile up, one per organization)."""
        ws.append(row)
        ws.row_dimensions.pop(FIRST_DATA_ROW + number - 1, None)

    def name_cell(self, ws: Any, name: str) -> Any:
        return safe_cell(ws, name, alignment=self.wrap)

    def title_row(self, ws: Any, text: str) -> None:
        ws.append([safe_cell(ws, text, font=self.title)])

    def widths(self, ws: Any, widths: Sequence[float], titles: Sequence[str] = ()) -> None:
        """The columns' widths (before the sheet's first row); a column narrower than the longest word of its
        title in ``titles`` is widened to it: a header word is never broken in two."""
        from openpyxl.utils import get_column_letter

        titles = [*titles[: len(widths)], *[""] * (len(widths) - len(titles))]
        widths = [
            max(w, longest_word(t) / CHARACTERS_PER_WIDTH + 3) if t else w  # bold letters are wider
            for w, t in zip(widths, titles, strict=True)
        ]
        self.column_widths[ws.title] = list(widths)
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width

    def last_row(self) -> int:
        return FIRST_DATA_ROW + max(self.count, 1) - 1

    def level_label(self, entry: ReportEntry) -> str:
        """The organization's level as «Сводка» prints it: short («ППО»), explained on «Расшифровка»."""
        return entry.profile.organization_level_short(entry.level) if entry.level else "—"

    def long_level_label(self, entry: ReportEntry) -> str:
        return entry.profile.organization_level_label(entry.level) if entry.level else "—"

    # -------------------------------------------------------- sheets
    def totals(self, totals: ReportTotals) -> None:
        """«Итоги»: one page for the federation's meeting — the sender, the cards, the level distribution,
        the KPI averages and the norms failed most often, in two blocks side by side."""
        from openpyxl.styles import Alignment, Font

        ws = self.sheet(TOTALS_SHEET, title_rows="1:2", fit_height=1, fit_width=True)
        widths = TOTALS_WIDTHS
        self.widths(ws, widths)
        whole = [sum(widths)]
        y = self.year

        def figure(value: float | None) -> Any:
            if value is None:
                return "—"
            cell = WriteOnlyCell(ws, value=round_figure(value))
            cell.number_format, cell.alignment = FIGURE_CELL_FORMAT, Alignment(vertical="top")
            return cell

        assessed = f"{totals.assessed} из {totals.expected}" if totals.expected is not None else str(totals.assessed)
        left: list[tuple[bool, list[Any]]] = [
            (True, ["Итоги", f"{y} год"]),
            (False, ["Оценено организаций (завершённые оценки)", assessed]),
            (False, ["Средний индекс", figure(totals.average_index)]),
            (False, ["Средний индекс цифровой зрелости", figure(totals.average_digital_index)]),
            (False, [f"Изменение среднего индекса к {y - 1} году", fair_change_text(totals.change, totals.paired)]),
        ]
        if totals.change is not None:
            left.append(
                (
                    False,
                    [
                        f"Их средний индекс: {y - 1} → {y}",
                        f"{format_score(totals.paired_before)} → {format_score(totals.paired_now)}",
                    ],
                )
            )
        left += [(False, ["", ""]), (True, ["Уровень зрелости", "Организаций"])]
        left += [(False, [label, count]) for label, count in totals.levels]
        right: list[tuple[bool, list[Any]]] = [(True, ["Показатель", "Средний балл"])]
        right += [(False, [title, figure(mean)]) for title, mean in totals.kpis]
        right += [(False, ["", ""]), (True, ["Чаще всего не выполнены нормативы", "Организаций"])]
        right += [(False, [title, count]) for title, count in totals.failed_norms] or [
            (False, ["все нормативы выполнены", ""])
        ]

        heading = f"Итоги оценки цифровой зрелости за {y} год: {self.scope}"
        set_row_height(ws, 1, row_height([heading], whole) * 1.3)
        ws.merged_cells.add(f"A1:{TOTALS_LAST_COLUMN}1")
        ws.append([safe_cell(ws, heading, font=Font(bold=True, size=14), alignment=self.wrap)])
        set_row_height(ws, 2, row_height([self.sender.line()], whole))
        ws.merged_cells.add(f"A2:{TOTALS_LAST_COLUMN}2")
        ws.append([safe_cell(ws, self.sender.line(), font=Font(italic=True, color="555555"), alignment=self.wrap)])
        ws.append([])
        plain = Alignment(wrap_text=True, vertical="top")
        for number in range(max(len(left), len(right))):
            cells: list[Any] = []
            texts: list[Any] = []
            for side in (left, right):
                header, values = side[number] if number < len(side) else (False, ["", ""])
                style = {"font": self.bold, "fill": self.header_fill} if header else {}
                for value in values:
                    plain_value = isinstance(value, str | int)  # else a figure's cell, already styled
                    texts.append(value if plain_value else "")
                    cells.append(safe_cell(ws, value, alignment=plain, **style) if plain_value else value)
                if side is left:
                    cells.append(None)
                    texts.append("")
            set_row_height(ws, 4 + number, row_height(texts, widths))
            ws.append(cells)

    def summary(self) -> None:
        from openpyxl.formatting.rule import ColorScaleRule
        from openpyxl.utils import get_column_letter

        first_score = 5
        layout = summary_layout(self.kpis, self.levels)  # short headers (K1 … K10, «ИЦЗ»…), explained on «Расшифровка»
        titles = layout.titles
        breaks = [layout.column_break] if layout.column_break else []
        ws = self.sheet(SUMMARY_SHEET, columns=len(titles), scale=TABLE_SCALE, column_breaks=breaks)
        # on paper without the last column, the organization's code (for the importer, not for a reader)
        ws.print_area = f"A1:{get_column_letter(len(titles) - 1)}{self.last_row()}"
        self.widths(ws, layout.widths, titles)
        ws.freeze_panes = f"B{FIRST_DATA_ROW}"
        self.title_row(ws, f"Сводный отчёт за {self.year} год: {self.scope}")
        self.header(ws, titles, row=2)
        kpi_ids = [k for k, _ in self.kpis]
        # with the answers: the share of own targets met and of answers with evidence are read from them
        for number, e in enumerate(self.rows.read(answers=True), 1):
            self.tally_row(e)
            texts = [e.name, self.level_label(e), e.parent_name, e.region]
            self.name_row(ws, number, texts)
            row: list[Any] = [self.name_cell(ws, text) if text else text for text in texts]
            row += [self.figure(ws, e.kpis.get(k)) for k in kpi_ids]
            row += [
                self.figure(ws, e.index),
                self.figure(ws, e.digital_index),
                e.profile.level_label(e.maturity_level) if e.maturity_level else "—",
                sum(1 for s in e.norms.values() if s == "fail"),
                percent(e.completeness),
                STATUS_NAMES.get(e.status or "", e.status),
                REVIEW_NAMES.get(e.review or "", "—"),
                "—" if e.plan_done is None else percent(e.plan_done),
                "—" if (met := e.own_targets_met) is None else percent(met),
                "—" if (share := e.evidence_share) is None else percent(share),
                e.organization_id,
            ]
            self.append_entry_row(ws, number, safe_row(ws, row))
            self.rows_written(SUMMARY_SHEET, number)
        last_score = get_column_letter(first_score + len(kpi_ids) + 1)
        ws.conditional_formatting.add(
            f"{get_column_letter(first_score)}{FIRST_DATA_ROW}:{last_score}{self.last_row()}",
            ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color="F8696B",
                mid_type="num",
                mid_value=50,
                mid_color="FFEB84",
                end_type="num",
                end_value=100,
                end_color="63BE7B",
            ),
        )

    def norms(self) -> None:
        from openpyxl.formatting.rule import CellIsRule
        from openpyxl.styles import PatternFill
        from openpyxl.utils import get_column_letter

        ws = self.sheet(NORMS_SHEET, columns=len(self.norm_ids) + 2, scale=TABLE_SCALE)
        layout = norms_layout(self.norm_ids, self.norm_titles)  # Н1 … Н9, explained on «Расшифровка»
        titles = layout.titles
        self.widths(ws, layout.widths, titles)
        ws.freeze_panes = f"B{FIRST_DATA_ROW}"
        self.title_row(ws, f"Нормативы за {self.year} год: {self.scope}")
        self.header(ws, titles, row=2)
        for number, e in enumerate(self.rows, 1):
            statuses = [STATUS_LABELS.get(e.norms.get(n, "n/a"), "н/п") for n in self.norm_ids]
            self.name_row(ws, number, [e.name])
            self.append_entry_row(
                ws,
                number,
                safe_row(ws, [self.name_cell(ws, e.name), *statuses, sum(1 for s in e.norms.values() if s == "fail")]),
            )
            self.rows_written(NORMS_SHEET, number)
        area = f"B{FIRST_DATA_ROW}:{get_column_letter(1 + len(self.norm_ids))}{self.last_row()}"
        red, green = PatternFill("solid", bgColor="F8CBAD"), PatternFill("solid", bgColor="C6EFCE")
        ws.conditional_formatting.add(
            area, CellIsRule(operator="equal", formula=[f'"{STATUS_LABELS["fail"]}"'], fill=red)
        )
        ws.conditional_formatting.add(
            area, CellIsRule(operator="equal", formula=[f'"{STATUS_LABELS["pass"]}"'], fill=green)
        )

    def changes(self) -> None:
        from openpyxl.formatting.rule import ColorScaleRule
        from openpyxl.utils import get_column_letter

        kpi_ids = [k for k, _ in self.kpis]
        noted = self.noted  # a last column «методика изменилась» only when some figure was redefined
        ws = self.sheet(CHANGES_SHEET, columns=4 + len(kpi_ids) + noted, scale=TABLE_SCALE)
        layout = changes_layout(self.year, kpi_ids, METHOD_CHANGED_COLUMN if noted else None)
        titles = layout.titles
        self.widths(ws, layout.widths, titles)
        ws.freeze_panes = f"B{FIRST_DATA_ROW}"
        totals = self.totals_figures
        self.title_row(
            ws,
            f"Изменение к {self.year - 1} году: {self.scope}. Средний индекс: "
            f"{fair_change_text(totals.change, totals.paired)}",
        )
        self.header(ws, titles, row=2)
        for number, e in enumerate(self.rows, 1):
            self.name_row(ws, number, [e.name])
            row = [
                self.name_cell(ws, e.name),
                round_figure(e.previous_index),  # plain numbers here: a styled cell costs a third more to write
                round_figure(e.index),
                round_figure(_difference(e.index, e.previous_index)),
            ]
            row += [round_figure(_difference(e.kpis.get(k), e.previous_kpis.get(k))) for k in kpi_ids]
            if noted:
                row.append(short_figure_names(e.profile, self.redefined_figures(e)) or None)
            self.append_entry_row(ws, number, safe_row(ws, row))
            self.rows_written(CHANGES_SHEET, number)
        ws.conditional_formatting.add(
            f"D{FIRST_DATA_ROW}:{get_column_letter(4 + len(kpi_ids))}{self.last_row()}",
            ColorScaleRule(
                start_type="min",
                start_color="F8696B",
                mid_type="num",
                mid_value=0,
                mid_color="FFFFFF",
                end_type="max",
                end_color="63BE7B",
            ),
        )

    def legend(self) -> None:
        """«Расшифровка»: what each short header of «Сводка», «Нормативы» and «Динамика» means, printed once."""
        ws = self.sheet(LEGEND_SHEET, title_rows="1:2")
        widths = [16, 12, 110]
        self.widths(ws, widths)
        self.title_row(ws, f"Расшифровка сокращений в заголовках столбцов: {self.scope}")
        self.header(ws, ["Лист", "Столбец", "Что в нём"], row=2)
        rows = legend_rows(
            self.kpis,
            self.levels,
            self.norm_ids,
            self.norm_titles,
            self.year,
            (SUMMARY_SHEET, NORMS_SHEET, CHANGES_SHEET),
        )
        for number, (sheet, code, meaning) in enumerate(rows, 1):
            self.name_row(ws, number, [sheet, code, meaning])
            ws.append(safe_row(ws, [sheet, code, self.name_cell(ws, meaning)]))

    def answers(self) -> None:
        ws = self.sheet(ANSWERS_SHEET, columns=len(ANSWER_META_COLUMNS) + len(self.question_ids))
        ws.sheet_state = "hidden"  # for the importer (a column per question id): not printed; Excel can show it
        self.widths(ws, [38, 38, 8, 12, 12, 16, 12, 24, 24] + [20] * len(self.question_ids))
        ws.freeze_panes = f"B{FIRST_DATA_ROW}"
        ws.append([key for key, _ in ANSWER_META_COLUMNS] + self.question_ids)
        self.header(
            ws,
            [caption for _, caption in ANSWER_META_COLUMNS] + [self.question_texts[q] for q in self.question_ids],
            row=2,
        )
        multi = {q.id for p in self.profiles.values() for q in p.questions.values() if q.type == "multi"}
        for number, e in enumerate(self.rows.read(answers=True, scores=False), 1):
            row: list[Any] = [
                e.organization_id, e.parent_organization_id, e.year, e.profile.id, e.profile.version, e.profile.sha256,
                e.review, own_targets_cell(e), *self.notes_cells(e),
            ]  # fmt: skip
            answers = e.answers
            for qid in self.question_ids:
                value = answers.get(qid)
                if value is not None:
                    if qid in multi:
                        value = json.dumps(list(value), ensure_ascii=False)
                    elif type(value) is float and float(NUMBER_FORMAT % value) != value:
                        value = exact_number(value)
                row.append(value)
            self.append_entry_row(ws, number, safe_row(ws, row))
            self.rows_written(ANSWERS_SHEET, number)

    def notes_cells(self, e: ReportEntry) -> list[str | None]:
        """The evidence marks and (with respondents only: they may name people) the comments, as JSON text."""
        cells: list[str | None] = []
        for values in (
            e.notes.evidence if e.notes else {},
            e.notes.comments if e.notes and self.with_respondents else {},
        ):
            text = json.dumps(values, ensure_ascii=False, sort_keys=True) if values else None
            if text is not None and len(text) > CELL_TEXT_LIMIT:
                raise BadInput(
                    f"у «{e.name}» слишком много комментариев и подтверждений для ячейки Excel — выгрузите оценку в JSON"
                )
            cells.append(text)
        return cells

    def parameters(self) -> None:
        ws = self.sheet(PARAMETERS_SHEET, title_rows="1:1")
        self.widths(ws, [14, 10, 44, 16, 50])
        self.header(ws, ["Методика", "Версия", "Параметр", "Значение", "Название методики"], row=1)
        for profile in self.profiles.values():
            for name, value in _flatten(profile.parameters):
                ws.append(safe_row(ws, [profile.id, profile.version, name, value, profile.title]))
            for kpi in profile.kpis:
                ws.append(safe_row(ws, [profile.id, profile.version, f"kpi_weight.{kpi.id}", kpi.weight, kpi.title]))

    def charts(self) -> None:
        from openpyxl.chart import BarChart, PieChart, Reference
        from openpyxl.worksheet.pagebreak import Break

        ws = self.sheet(CHARTS_SHEET, title_rows="1:1")
        self.widths(ws, [44, 14, 14, 14])
        kpi_ids = [k for k, _ in self.kpis]
        # last year beside this year only over the same organizations: those assessed (complete) in both
        figures = self.chart_figures
        both = figures.both
        self.header(
            ws,
            [
                "Показатель",
                f"Среднее {self.year}",
                f"{self.year}: оценённые в оба года ({both})",
                f"{self.year - 1}: оценённые в оба года ({both})",
            ],
            row=1,
        )
        for number, (kpi_id, title) in enumerate(self.kpis, 2):
            set_row_height(ws, number, row_height([f"{kpi_id.upper()} {title}"], [44]))
            now = figures.kpis[kpi_id].mean
            paired_now = figures.both_now[kpi_id].mean
            paired_before = figures.both_before[kpi_id].mean
            ws.append(
                safe_row(
                    ws,
                    [
                        safe_cell(ws, f"{kpi_id.upper()} {title}", alignment=self.wrap),
                        self.figure(ws, now),
                        self.figure(ws, paired_now),
                        self.figure(ws, paired_before),
                    ],
                )
            )
        kpi_rows = (2, 1 + len(kpi_ids))
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Средние баллы по показателям"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        chart.add_data(Reference(ws, min_col=2, max_col=4, min_row=1, max_row=kpi_rows[1]), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=kpi_rows[0], max_row=kpi_rows[1]))
        chart.height, chart.width = 11, 15  # beside the table on one page at the print scale
        charts: list[Any] = [chart]

        ws.append([])
        level_header = kpi_rows[1] + 2
        self.header(ws, ["Уровень зрелости", "Организаций"], row=level_header)
        counts = figures.levels
        levels = self.main.data.maturity_levels if self.main else ()
        for level in levels:
            ws.append(safe_row(ws, [level.label, counts.get(level.id, 0)]))
        ws.append(safe_row(ws, ["не оценивается", counts.get(None, 0)]))
        pie = PieChart()
        pie.title = "Организации по уровням зрелости"
        last = level_header + len(levels) + 1
        pie.add_data(Reference(ws, min_col=2, min_row=level_header, max_row=last), titles_from_data=True)
        pie.set_categories(Reference(ws, min_col=1, min_row=level_header + 1, max_row=last))
        pie.height, pie.width = 9, 13
        charts.append(pie)

        ws.append([])
        by_level_header = last + 2
        self.header(ws, ["Уровень организации", "Средний индекс"], row=by_level_header)
        groups = figures.index_by_level
        for label, mean in groups.items():
            ws.append(safe_row(ws, [label, self.figure(ws, mean.mean)]))
        bars = BarChart()
        bars.title = "Средний индекс по уровням организаций"
        bars.legend = None
        bars.y_axis.scaling.min, bars.y_axis.scaling.max = 0, 100
        end = by_level_header + max(len(groups), 1)
        bars.add_data(Reference(ws, min_col=2, min_row=by_level_header, max_row=end), titles_from_data=True)
        bars.set_categories(Reference(ws, min_col=1, min_row=by_level_header + 1, max_row=end))
        bars.height, bars.width = 9, 15
        charts.append(bars)
        # the tables whole on the first printed page, then each chart on a page of its own, under the tables'
        # columns: the sheet prints at the report's scale (text at 8 points or more) a page wide
        first_page_end = max(CHART_PAGE_ROWS, end + 1)
        for number, drawn in enumerate(charts):
            page_end = first_page_end + number * CHART_PAGE_ROWS
            ws.row_breaks.append(Break(id=page_end))
            ws.add_chart(drawn, f"A{page_end + 2}")

    def missing(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """«Не сдали»: whom the report covers without an assessment of the year, in the register's columns."""
        from maturity.exchange.organization_register import write_register_rows

        ws = self.workbook.create_sheet(MISSING_SHEET)
        set_page(ws, title_rows="1:1", sender=self.sender, title=f"Не сдали оценку за {self.year} год — {self.scope}")
        self.widths(ws, [38, 50, 30, 44, 38, 26, 26, 18])
        profile = self.main if self.main is not None else self.rows.profiles()[0]
        write_register_rows(profile, ws, rows)

    def service(self, parent_uid: str | None) -> None:
        ws = self.sheet(SERVICE_SHEET)
        ws.sheet_state = "hidden"
        rows = [
            ("format", REPORT_FORMAT),
            ("format_version", REPORT_FORMAT_VERSION),
            ("year", self.year),
            ("scope", self.scope),
            ("parent_organization_id", parent_uid),
            ("organizations", self.count),
            ("created", datetime.now(UTC).isoformat(timespec="seconds")),
            ("app_version", __version__),
        ]
        for key, value in rows:
            ws.append(safe_row(ws, [key, value]))


def own_targets_cell(entry: ReportEntry) -> str | None:
    """The hidden answers sheet's cell of the organization's own targets: the assessment file's JSON object."""
    if entry.own_targets is None:
        return None
    return json.dumps(entry.own_targets.to_json(), ensure_ascii=False)


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, Mapping):
        out = []
        for key, inner in value.items():
            out += _flatten(inner, f"{prefix}.{key}" if prefix else str(key))
        return out
    return [(prefix, value)]


def write_report(
    entries: Sequence[ReportEntry] | ReportRows,
    path: str | Path,
    *,
    year: int,
    scope: str = "все организации",
    parent_organization_id: str | None = None,
    expected: int | None = None,
    made_on: date | None = None,
    with_respondents: bool = False,
    progress: Progress | None = None,
    missing: Sequence[Mapping[str, Any]] = (),
) -> None:
    """Write the consolidated report of ``entries`` (one per organization; a list, or :class:`ReportRows` read
    as a stream: once for the totals, then once per sheet); whole file or nothing.

    ``missing``: the organizations the report covers without an assessment of the year (rows of the
    register's columns), written on «Не сдали» so that they travel up with the report.

    ``scope`` names the organization the report is made for (or «все организации»); ``expected`` is how
    many organizations it covers (the «Итоги» say «X из Y» when known); ``made_on`` the date it names
    (today by default). The answers of personal questions (who filled the form in: name, role) are left
    out unless ``with_respondents``. ``progress(done, total, text)`` hears how far the writing is: a step per
    organization's row on each of its sheets and one to save (it may raise to stop: nothing is written)."""
    rows = report_rows(entries)
    if not len(rows):
        raise BadInput(f"нет оценок за {year} год — отчёт не создан")
    sender = Sender(scope, (made_on or date.today()).strftime("%d.%m.%Y"), __version__)
    writer = _Writer(rows, year, scope, sender, with_respondents, progress)
    writer.reserve(TOTALS_SHEET)  # the first sheet, written once «Сводка» has counted its figures
    writer.legend()
    writer.summary()
    writer.counted(expected)
    writer.totals(writer.totals_figures)
    writer.norms()
    writer.changes()
    writer.answers()
    writer.parameters()
    writer.charts()
    if missing:
        writer.missing(missing)
    writer.service(parent_organization_id)
    if progress is not None:
        progress(writer.steps - 1, writer.steps, "Сохраняю файл отчёта…")
    save_workbook_atomically(writer.workbook, path)
    if progress is not None:
        progress(writer.steps, writer.steps, "Отчёт записан")
