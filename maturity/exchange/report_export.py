"""The consolidated report (.xlsx) for a higher body (method §8).

Sheets, each written in openpyxl's streaming (write-only) mode so that 10 000 organizations take
seconds:

- «Сводка» — organizations × KPIs, both indices, the maturity level, failed norms, completeness;
  colour scales (conditional formatting) on the scores, frozen headers;
- «Нормативы» — organizations × norms, «выполнен» / «не выполнен» / «н/п», coloured;
- «Динамика» — the index last year and this year, and the change of every KPI;
- «Ответы организаций» — the raw answers, one row per organization, one column per question id
  (row 1 holds the ids, row 2 the questions' text): the importer finds columns by id, never by
  position, together with each organization's uid, its parent's uid, the year and the profile;
- «Параметры методики» — the parameters of every profile used;
- «Диаграммы» — native Excel charts: mean KPI scores (this year and last), organizations by level
  of maturity, mean index by organization level;
- «Служебный» (hidden) — format, version, year, scope, number of organizations.

The writer takes plain :class:`ReportEntry` rows (no database): :func:`entry_from_document` builds
one from an assessment, :mod:`maturity.usecases.report_source` builds them from the store.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell

from maturity import __version__
from maturity.engine.rounding import percent, round_figure
from maturity.engine.scoring import ScoreResult, score
from maturity.errors import BadInput
from maturity.exchange.answer_cells import NUMBER_FORMAT, exact_number
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.safe_xlsx import safe_cell, safe_row, save_workbook_atomically
from maturity.method.profile import Profile
from maturity.views.score_text import STATUS_LABELS

REPORT_FORMAT = "maturity-report"
REPORT_FORMAT_VERSION = 1
SUMMARY_SHEET = "Сводка"
NORMS_SHEET = "Нормативы"
CHANGES_SHEET = "Динамика"
ANSWERS_SHEET = "Ответы организаций"
PARAMETERS_SHEET = "Параметры методики"
CHARTS_SHEET = "Диаграммы"
SERVICE_SHEET = "Служебный"
ANSWER_META_COLUMNS = (
    ("organization_id", "Код организации"),
    ("parent_organization_id", "Код вышестоящей организации"),
    ("year", "Год"),
    ("questionnaire_id", "Методика"),
    ("questionnaire_version", "Версия методики"),
)
STATUS_NAMES = {"complete": "завершена", "draft": "черновик"}
FIRST_DATA_ROW = 3  # row 1: title (or ids), row 2: header


@dataclass(frozen=True)
class ReportEntry:
    """One organization's assessment of the report year, with its figures (unrounded)."""

    organization_id: str  # the uid
    name: str
    year: int
    profile: Profile
    answers: Mapping[str, Any]
    kpis: Mapping[str, float | None]
    index: float | None
    digital_index: float | None
    maturity_level: str | None
    norms: Mapping[str, str]  # norm id → "pass" | "fail" | "n/a"
    completeness: float
    level: str | None = None
    parent_organization_id: str | None = None
    parent_name: str | None = None
    region: str | None = None
    status: str | None = None
    previous_index: float | None = None
    previous_kpis: Mapping[str, float | None] = field(default_factory=dict)


def entry_from_document(
    document: AssessmentDocument,
    result: ScoreResult | None = None,
    previous: ScoreResult | None = None,
    *,
    name: str | None = None,
    status: str | None = None,
) -> ReportEntry:
    """A report row from an assessment (scored here unless ``result`` is given) and last year's scores."""
    result = result or score(document.profile, document.answers)
    answers = document.answers
    return ReportEntry(
        organization_id=str(document.meta.get("organization_id") or ""),
        name=name or document.profile.organization_fact(answers, "name") or "—",
        year=document.year,
        profile=document.profile,
        answers=answers,
        kpis=result.kpis,
        index=result.index,
        digital_index=result.digital_index,
        maturity_level=result.level,
        norms={k: v.status for k, v in result.norms.items()},
        completeness=result.completeness,
        level=document.profile.organization_fact(answers, "level"),
        parent_organization_id=document.meta.get("parent_organization_id"),
        parent_name=document.profile.organization_fact(answers, "parent"),
        region=document.profile.organization_fact(answers, "region"),
        status=status or ("complete" if result.complete else "draft"),
        previous_index=previous.index if previous else None,
        previous_kpis=dict(previous.kpis) if previous else {},
    )


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


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


class _Writer:
    def __init__(self, entries: Sequence[ReportEntry], year: int, scope: str, with_respondents: bool = False):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        self.entries, self.year, self.scope = entries, year, scope
        self.workbook = Workbook(write_only=True)
        self.bold, self.title = Font(bold=True), Font(bold=True, size=13)
        self.header_fill = PatternFill("solid", fgColor="DCE6F1")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.one_decimal: Any = None  # the style of a figure cell, made on first use
        self.profiles: dict[tuple[str, str], Profile] = {}
        for e in entries:
            self.profiles.setdefault((e.profile.id, e.profile.version), e.profile)
        main = next(iter(self.profiles.values()), None)
        self.main = main
        self.kpis = [(k.id, k.title) for k in main.kpis] if main else []
        norm_lists = [[n.id for n in p.norms] for p in self.profiles.values()]
        self.norm_ids = _ordered_union(norm_lists)
        self.norm_titles = {n.id: n.title for p in self.profiles.values() for n in p.norms}
        question_lists = [[q.id for s in p.sections for q in s.questions] for p in self.profiles.values()]
        personal = set() if with_respondents else {q for p in self.profiles.values() for q in p.personal_question_ids}
        self.question_ids = [q for q in _ordered_union(question_lists) if q not in personal]
        self.question_texts = {q.id: q.text for p in self.profiles.values() for q in p.questions.values()}

    # -------------------------------------------------------- helpers
    def figure(self, ws: Any, value: float | None) -> Any:
        """A score rounded to one decimal (halves up) and shown with one decimal: 72,0."""
        if value is None:
            return None
        cell = WriteOnlyCell(ws, value=round_figure(value))
        if self.one_decimal is None:
            cell.number_format = "0.0"
            self.one_decimal = cell._style
        else:
            cell._style = self.one_decimal  # one shared style: cheaper than setting number_format per cell
        return cell

    def sheet(self, title: str, columns: int | None = None) -> Any:
        """A streaming sheet; with ``columns``, one that declares its size (title, header, a row per entry).

        A streamed sheet has no <dimension> element, and then openpyxl's read-only loader parses
        the whole sheet just to find its size — for every sheet, even those never read. Declaring
        the exact size spares every reader that work.
        """
        from openpyxl.formatting.formatting import ConditionalFormattingList
        from openpyxl.utils import get_column_letter

        ws = self.workbook.create_sheet(title)
        ws.conditional_formatting = ConditionalFormattingList()  # not set up by write-only sheets
        if columns is not None:
            size = f"A1:{get_column_letter(columns)}{FIRST_DATA_ROW - 1 + len(self.entries)}"
            ws.calculate_dimension = lambda: size  # read by openpyxl's WorksheetWriter.write_dimensions
        return ws

    def header(self, ws: Any, titles: Sequence[str]) -> None:
        ws.append([safe_cell(ws, t, font=self.bold, fill=self.header_fill, alignment=self.wrap) for t in titles])

    def title_row(self, ws: Any, text: str) -> None:
        ws.append([safe_cell(ws, text, font=self.title)])

    def widths(self, ws: Any, widths: Sequence[float]) -> None:
        from openpyxl.utils import get_column_letter

        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width

    def last_row(self) -> int:
        return FIRST_DATA_ROW + max(len(self.entries), 1) - 1

    def level_label(self, entry: ReportEntry) -> str:
        return entry.profile.organization_level_label(entry.level) if entry.level else "—"

    # -------------------------------------------------------- sheets
    def summary(self) -> None:
        from openpyxl.formatting.rule import ColorScaleRule
        from openpyxl.utils import get_column_letter

        first_score = 5
        titles = ["Организация", "Уровень организации", "Вышестоящая организация", "Субъект РФ"]
        titles += [f"{k.upper()} {title}" for k, title in self.kpis]
        titles += [
            "Индекс",
            "Индекс цифровой зрелости",
            "Уровень зрелости",
            "Нормативов не выполнено",
            "Полнота, %",
            "Статус",
            "Код организации",
        ]
        ws = self.sheet(SUMMARY_SHEET, columns=len(titles))
        self.widths(ws, [48, 22, 36, 22] + [12] * len(self.kpis) + [12, 12, 16, 12, 10, 12, 38])
        ws.freeze_panes = f"B{FIRST_DATA_ROW}"
        self.title_row(ws, f"Сводный отчёт за {self.year} год: {self.scope}")
        self.header(ws, titles)
        kpi_ids = [k for k, _ in self.kpis]
        for e in self.entries:
            row = [e.name, self.level_label(e), e.parent_name, e.region]
            row += [self.figure(ws, e.kpis.get(k)) for k in kpi_ids]
            row += [
                self.figure(ws, e.index),
                self.figure(ws, e.digital_index),
                e.profile.level_label(e.maturity_level) if e.maturity_level else "—",
                sum(1 for s in e.norms.values() if s == "fail"),
                percent(e.completeness),
                STATUS_NAMES.get(e.status or "", e.status),
                e.organization_id,
            ]
            ws.append(safe_row(ws, row))
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

        ws = self.sheet(NORMS_SHEET, columns=len(self.norm_ids) + 2)
        self.widths(ws, [48] + [18] * len(self.norm_ids) + [14])
        ws.freeze_panes = f"B{FIRST_DATA_ROW}"
        self.title_row(ws, f"Нормативы за {self.year} год: {self.scope}")
        self.header(ws, ["Организация"] + [self.norm_titles[n] for n in self.norm_ids] + ["Не выполнено"])
        for e in self.entries:
            statuses = [STATUS_LABELS.get(e.norms.get(n, "n/a"), "н/п") for n in self.norm_ids]
            ws.append(safe_row(ws, [e.name, *statuses, sum(1 for s in e.norms.values() if s == "fail")]))
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
        ws = self.sheet(CHANGES_SHEET, columns=4 + len(kpi_ids))
        self.widths(ws, [48, 14, 14, 14] + [10] * len(kpi_ids))
        ws.freeze_panes = f"B{FIRST_DATA_ROW}"
        self.title_row(ws, f"Изменение к {self.year - 1} году: {self.scope}")
        self.header(
            ws,
            ["Организация", f"Индекс {self.year - 1}", f"Индекс {self.year}", "Изменение индекса"]
            + [f"Изменение {k.upper()}" for k in kpi_ids],
        )
        for e in self.entries:
            row = [
                e.name,
                round_figure(e.previous_index),  # plain numbers here: a styled cell costs a third more to write
                round_figure(e.index),
                round_figure(_difference(e.index, e.previous_index)),
            ]
            row += [round_figure(_difference(e.kpis.get(k), e.previous_kpis.get(k))) for k in kpi_ids]
            ws.append(safe_row(ws, row))
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

    def answers(self) -> None:
        ws = self.sheet(ANSWERS_SHEET, columns=len(ANSWER_META_COLUMNS) + len(self.question_ids))
        self.widths(ws, [38, 38, 8, 12, 12] + [20] * len(self.question_ids))
        ws.freeze_panes = f"B{FIRST_DATA_ROW}"
        ws.append([key for key, _ in ANSWER_META_COLUMNS] + self.question_ids)
        self.header(
            ws, [caption for _, caption in ANSWER_META_COLUMNS] + [self.question_texts[q] for q in self.question_ids]
        )
        multi = {q.id for p in self.profiles.values() for q in p.questions.values() if q.type == "multi"}
        for e in self.entries:
            row = [e.organization_id, e.parent_organization_id, e.year, e.profile.id, e.profile.version]
            answers = e.answers
            for qid in self.question_ids:
                value = answers.get(qid)
                if value is not None:
                    if qid in multi:
                        value = json.dumps(list(value), ensure_ascii=False)
                    elif type(value) is float and float(NUMBER_FORMAT % value) != value:
                        value = exact_number(value)
                row.append(value)
            ws.append(safe_row(ws, row))

    def parameters(self) -> None:
        ws = self.sheet(PARAMETERS_SHEET)
        self.widths(ws, [14, 10, 44, 16, 50])
        self.header(ws, ["Методика", "Версия", "Параметр", "Значение", "Название методики"])
        for profile in self.profiles.values():
            for name, value in _flatten(profile.parameters):
                ws.append(safe_row(ws, [profile.id, profile.version, name, value, profile.title]))
            for kpi in profile.kpis:
                ws.append(safe_row(ws, [profile.id, profile.version, f"kpi_weight.{kpi.id}", kpi.weight, kpi.title]))

    def charts(self) -> None:
        from openpyxl.chart import BarChart, PieChart, Reference

        ws = self.sheet(CHARTS_SHEET)
        self.widths(ws, [44, 14, 14])
        kpi_ids = [k for k, _ in self.kpis]
        self.header(ws, ["Показатель", f"Среднее {self.year}", f"Среднее {self.year - 1}"])
        for kpi_id, title in self.kpis:
            now = _mean([e.kpis.get(kpi_id) for e in self.entries])
            before = _mean([e.previous_kpis.get(kpi_id) for e in self.entries])
            ws.append(safe_row(ws, [f"{kpi_id.upper()} {title}", self.figure(ws, now), self.figure(ws, before)]))
        kpi_rows = (2, 1 + len(kpi_ids))
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Средние баллы по показателям"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=1, max_row=kpi_rows[1]), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=kpi_rows[0], max_row=kpi_rows[1]))
        chart.height, chart.width = 11, 20
        ws.add_chart(chart, "E1")

        ws.append([])
        level_header = kpi_rows[1] + 2
        self.header(ws, ["Уровень зрелости", "Организаций"])
        counts = Counter(e.maturity_level for e in self.entries)
        levels = self.main.data.maturity_levels if self.main else ()
        for level in levels:
            ws.append(safe_row(ws, [level.label, counts.get(level.id, 0)]))
        ws.append(safe_row(ws, ["не оценивается", counts.get(None, 0)]))
        pie = PieChart()
        pie.title = "Организации по уровням зрелости"
        last = level_header + len(levels) + 1
        pie.add_data(Reference(ws, min_col=2, min_row=level_header, max_row=last), titles_from_data=True)
        pie.set_categories(Reference(ws, min_col=1, min_row=level_header + 1, max_row=last))
        pie.height, pie.width = 9, 14
        ws.add_chart(pie, "E24")

        ws.append([])
        by_level_header = last + 2
        self.header(ws, ["Уровень организации", "Средний индекс"])
        groups: dict[str, list[float | None]] = defaultdict(list)
        for e in self.entries:
            groups[self.level_label(e)].append(e.index)
        for label, values in groups.items():
            ws.append(safe_row(ws, [label, self.figure(ws, _mean(values))]))
        bars = BarChart()
        bars.title = "Средний индекс по уровням организаций"
        bars.legend = None
        bars.y_axis.scaling.min, bars.y_axis.scaling.max = 0, 100
        end = by_level_header + max(len(groups), 1)
        bars.add_data(Reference(ws, min_col=2, min_row=by_level_header, max_row=end), titles_from_data=True)
        bars.set_categories(Reference(ws, min_col=1, min_row=by_level_header + 1, max_row=end))
        bars.height, bars.width = 9, 16
        ws.add_chart(bars, "E43")

    def service(self, parent_uid: str | None) -> None:
        ws = self.sheet(SERVICE_SHEET)
        ws.sheet_state = "hidden"
        rows = [
            ("format", REPORT_FORMAT),
            ("format_version", REPORT_FORMAT_VERSION),
            ("year", self.year),
            ("scope", self.scope),
            ("parent_organization_id", parent_uid),
            ("organizations", len(self.entries)),
            ("created", datetime.now(UTC).isoformat(timespec="seconds")),
            ("app_version", __version__),
        ]
        for key, value in rows:
            ws.append(safe_row(ws, [key, value]))


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, Mapping):
        out = []
        for key, inner in value.items():
            out += _flatten(inner, f"{prefix}.{key}" if prefix else str(key))
        return out
    return [(prefix, value)]


def write_report(
    entries: Sequence[ReportEntry],
    path: str | Path,
    *,
    year: int,
    scope: str = "все организации",
    parent_organization_id: str | None = None,
    with_respondents: bool = False,
) -> None:
    """Write the consolidated report of ``entries`` (one per organization); whole file or nothing.
    The answers of personal questions (who filled the form in: name, role) are left out unless
    ``with_respondents``."""
    if not entries:
        raise BadInput(f"нет оценок за {year} год — отчёт не создан")
    writer = _Writer(entries, year, scope, with_respondents)
    writer.summary()
    writer.norms()
    writer.changes()
    writer.answers()
    writer.parameters()
    writer.charts()
    writer.service(parent_organization_id)
    save_workbook_atomically(writer.workbook, path)
