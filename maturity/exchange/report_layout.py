"""How the consolidated report's sheets of a row per organization («Сводка», «Нормативы», «Динамика») are laid
out for paper: short column headers (K1 … K10, Н1 … Н9, «ИЦЗ», «НВ»…) explained once on the sheet
«Расшифровка», the columns' widths, and where a page set ends — so that a report of hundreds of organizations
prints at :data:`~maturity.exchange.print_setup.TABLE_SCALE` (11-point text at 8 points), every name whole
(wrapped in its cell, the row as tall as it needs), on as few pages as that allows.

The name column takes what the page leaves once the other columns have the width their values and short
headers need: one page wide for «Нормативы» and «Динамика»; «Сводка» in two page sets by design — who the
organization is and its KPI scores, then the indices, the level and the review — its names repeated on both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from maturity.exchange.print_setup import TABLE_SCALE, header_width, page_width_characters

NAME_MIN_WIDTH = 36.0  # the name column never narrower (a long word of a name still fits)
NAME_MAX_WIDTH = 100.0  # nor wider: a name of about 95 characters in one line
FIGURE_WIDTH = 5.5  # «100,0» at 11 points
LEVEL_WIDTH = 9.5  # the short level: «ППО», «террит.», «объедин.»
REGION_WIDTH = 16.0  # «Ханты-Мансийский», the region's longest word, in one line
MATURITY_LEVEL_WIDTH = 15.2  # «Развивающийся»
STATUS_WIDTH = 11.0  # «завершена»
REVIEW_WIDTH = 12.0  # «возвращена»
NORM_STATUS_WIDTH = 13.1  # «не выполнен» in one line
METHOD_NOTE_WIDTH = 24.0
CODE_WIDTH = 38.0  # the organization's code (for the importer; not printed)

INDEX_TITLE = "Индекс"
DIGITAL_TITLE = "ИЦЗ"
FAILED_TITLE = "НВ"
COMPLETENESS_TITLE = "ПЗ, %"
PLAN_TITLE = "План, %"
OWN_TARGETS_TITLE = "ЦП, %"
EVIDENCE_TITLE = "Подтв., %"
CHANGE_TITLE = "Изм."
LEVEL_TITLE = "Уровень"


@dataclass(frozen=True)
class Column:
    """A printed column: its header, its width (characters), and what the header means when it is a code."""

    title: str
    width: float
    meaning: str = ""


@dataclass(frozen=True)
class SheetLayout:
    columns: tuple[Column, ...]
    column_break: int | None = None  # a page set ends after this column (1-based), None: one page wide

    @property
    def titles(self) -> list[str]:
        return [c.title for c in self.columns]

    @property
    def widths(self) -> list[float]:
        return [c.width for c in self.columns]


def kpi_code(kpi_id: str) -> str:
    """«K1»: the KPI's code, as the radar's axes and the result page name it."""
    return kpi_id.upper()


def norm_code(number: int) -> str:
    """«Н1»: the norm's code on «Нормативы» (in the method's order)."""
    return f"Н{number}"


def _name_width(room: float) -> float:
    return max(NAME_MIN_WIDTH, min(NAME_MAX_WIDTH, room))


def _fitted(columns: Sequence[Column]) -> list[Column]:
    """Each column at least as wide as its header's longest word (a header word is never broken)."""
    return [Column(c.title, max(c.width, header_width(c.title)), c.meaning) for c in columns]


def level_meaning(levels: Sequence[tuple[str, str]]) -> str:
    """«уровень организации: ППО — Первичная профсоюзная организация (ППО); …» (``levels``: short, full)."""
    told = "; ".join(f"{short} — {label}" for short, label in levels if short != label)
    return f"уровень организации: {told}" if told else "уровень организации"


def summary_layout(
    kpis: Sequence[tuple[str, str]], levels: Sequence[tuple[str, str]] = (), scale: int = TABLE_SCALE
) -> SheetLayout:
    """«Сводка»: page set 1 — name, level, parent, region and the first KPIs; page set 2 — the name again, the
    other KPIs, the indices, the level of maturity, failed norms, completeness, status, review, plan, own targets
    met, answers with evidence. The KPIs
    are split where the names get the widest column both sets allow. The last column (the organization's code)
    is for the importer and is not printed."""
    who = _fitted(
        [
            Column(LEVEL_TITLE, LEVEL_WIDTH, level_meaning(levels)),
            Column("Субъект РФ", REGION_WIDTH),
        ]
    )  # fmt: skip
    kpi_columns = _fitted([Column(kpi_code(k), FIGURE_WIDTH, title) for k, title in kpis])
    figures = _fitted(
        [
            Column(INDEX_TITLE, FIGURE_WIDTH, "индекс информационной работы и цифровой зрелости"),
            Column(DIGITAL_TITLE, FIGURE_WIDTH, "индекс цифровой зрелости"),
            Column("Уровень зрелости", MATURITY_LEVEL_WIDTH),
            Column(FAILED_TITLE, FIGURE_WIDTH, "нормативов не выполнено"),
            Column(COMPLETENESS_TITLE, FIGURE_WIDTH, "полнота заполнения анкеты, %"),
            Column("Статус", STATUS_WIDTH, "завершена или черновик (есть вопросы без ответа)"),
            Column("Проверка", REVIEW_WIDTH, "решение вышестоящей организации: получена, принята, возвращена"),
            Column(PLAN_TITLE, FIGURE_WIDTH, "план прошлого года выполнен, %"),
            Column(
                OWN_TARGETS_TITLE, FIGURE_WIDTH, "целевые показатели, утверждённые организацией на год, выполнены, %"
            ),
            Column(EVIDENCE_TITLE, FIGURE_WIDTH, "ответы с подтверждением документом, %"),
        ]
    )
    name = parent = NAME_MIN_WIDTH
    first_set = 2 + len(who) + len(kpi_columns)
    for split in range(len(kpi_columns), -1, -1):  # the KPIs on the first page set, the rest on the second
        first, second = kpi_columns[:split], [*kpi_columns[split:], *figures]
        room = page_width_characters(scale, 2 + len(who) + len(first)) - sum(c.width for c in (*who, *first))
        room_second = page_width_characters(scale, 1 + len(second)) - sum(c.width for c in second)
        width = min(room / 2, room_second)  # the parent's name is as long as a name
        if width > name:
            name, parent, first_set = _name_width(width), _name_width(room - width), 2 + len(who) + split
    columns = (
        Column("Организация", name),
        who[0],
        Column("Вышестоящая организация", parent),
        who[1],
        *kpi_columns,
        *figures,
        Column("Код организации", CODE_WIDTH),
    )
    return SheetLayout(columns, column_break=first_set)


def norms_layout(norm_ids: Sequence[str], titles: Mapping[str, str], scale: int = TABLE_SCALE) -> SheetLayout:
    """«Нормативы»: the name, Н1 … Н9 (each norm's status), how many are failed — one page wide."""
    statuses = _fitted([Column(norm_code(n), NORM_STATUS_WIDTH, titles[nid]) for n, nid in enumerate(norm_ids, 1)])
    count = _fitted([Column(FAILED_TITLE, FIGURE_WIDTH, "нормативов не выполнено")])
    room = page_width_characters(scale, 2 + len(statuses)) - sum(c.width for c in (*statuses, *count))
    return SheetLayout((Column("Организация", _name_width(room)), *statuses, *count))


def changes_layout(
    year: int, kpi_ids: Sequence[str], method_note: str | None = None, scale: int = TABLE_SCALE
) -> SheetLayout:
    """«Динамика»: the name, the index last year and this year, its change, the change of each KPI (and the
    column ``method_note`` — «Методика изменилась» — when some figure was defined differently) — one page wide."""
    rest = _fitted(
        [
            Column(f"{INDEX_TITLE} {year - 1}", FIGURE_WIDTH),
            Column(f"{INDEX_TITLE} {year}", FIGURE_WIDTH),
            Column(CHANGE_TITLE, FIGURE_WIDTH, "изменение индекса к прошлому году"),
            *[Column(kpi_code(k), FIGURE_WIDTH) for k in kpi_ids],
            *([Column(method_note, METHOD_NOTE_WIDTH)] if method_note else []),
        ]
    )
    room = page_width_characters(scale, 1 + len(rest)) - sum(c.width for c in rest)
    return SheetLayout((Column("Организация", _name_width(room)), *rest))


def legend_rows(
    kpis: Sequence[tuple[str, str]],
    levels: Sequence[tuple[str, str]],
    norm_ids: Sequence[str],
    norm_titles: Mapping[str, str],
    year: int,
    sheets: tuple[str, str, str],
) -> list[tuple[str, str, str]]:
    """«Расшифровка»: (sheet, code, meaning) of every short header of the three sheets (``sheets``: the names of
    «Сводка», «Нормативы», «Динамика»), printed once."""
    SUMMARY_SHEET, NORMS_SHEET, CHANGES_SHEET = sheets  # noqa: N806 (the sheets' names)
    rows: list[tuple[str, str, str]] = []
    for c in summary_layout(kpis, levels).columns:
        if c.meaning:
            rows.append((SUMMARY_SHEET, c.title, c.meaning))
    for c in norms_layout(norm_ids, norm_titles).columns:
        if c.meaning:
            rows.append((NORMS_SHEET, c.title, c.meaning))
    changes = changes_layout(year, [k for k, _ in kpis])
    rows += [(CHANGES_SHEET, c.title, c.meaning) for c in changes.columns if c.meaning]
    rows.append((CHANGES_SHEET, f"{kpi_code(kpis[0][0])} … {kpi_code(kpis[-1][0])}" if kpis else "K",
                 f"изменение балла показателя к {year - 1} году (названия — как на листе «{SUMMARY_SHEET}»)"))  # fmt: skip
    return rows
