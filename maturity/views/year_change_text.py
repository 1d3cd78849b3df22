"""«Что изменилось» in words: the texts the result page and the workbook show for a
:class:`~maturity.engine.year_change.YearChange` (figures through :mod:`maturity.views.numbers`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maturity.views.numbers import NOT_SCORED, format_change, format_score

if TYPE_CHECKING:  # the main window reads DRAFT_NOTE before the first paint: no pydantic, no YAML yet
    from maturity.engine.year_change import KpiChange, YearChange
    from maturity.method.profile import Profile

TITLE = "Что изменилось"
METHOD_CHANGED = "методика изменилась"  # beside a KPI defined differently in the two years (method/fingerprint.py)
DRAFT_NOTE = "предварительно"


def index_line(change: YearChange) -> str:
    """«Индекс: 45,0 (2024) → 52,3 (2025), +7,3»."""
    before = format_score(change.index_before, NOT_SCORED)
    now = format_score(change.index_now, NOT_SCORED)
    return f"Индекс: {before} ({change.year_before}) → {now} ({change.year_now}), {format_change(change.index_change)}"


def level_line(profile: Profile, change: YearChange) -> str:
    before, now = profile.level_label(change.level_before), profile.level_label(change.level_now)
    if change.level_before == change.level_now:
        return f"Уровень: {now}, как и в {change.year_before} году"
    return f"Уровень: {before} → {now}"


def change_text(kpi: KpiChange) -> str:
    """«+1,3», or «+1,3 (методика изменилась)» when the KPI was defined differently that year."""
    text = format_change(kpi.change)
    return f"{text} ({METHOD_CHANGED})" if kpi.method_changed else text


def kpi_label(kpi: KpiChange) -> str:
    """The workbook's label of a KPI's line: «K3 Название», with «(методика изменилась)» where it was redefined."""
    label = f"{kpi.kpi_id.upper()} {kpi.title}"
    return f"{label} ({METHOD_CHANGED})" if kpi.method_changed else label


def kpi_rows(change: YearChange) -> list[tuple[str, str, str, str]]:
    """(title, then, now, change) per KPI; the change says «методика изменилась» where the KPI's definition differs."""
    return [(k.title, format_score(k.before), format_score(k.now), change_text(k)) for k in change.kpis]


def norm_lines(profile: Profile, change: YearChange) -> list[str]:
    """«Норматив выполнен впервые: …» / «Норматив больше не выполняется: …»; «…без изменений» when neither."""
    titles = {norm.id: norm.title for norm in profile.norms}
    lines = [f"Выполнен, а в {change.year_before} году нет: {titles[n]}" for n in change.norms_met]
    lines += [f"Не выполнен, а в {change.year_before} году выполнялся: {titles[n]}" for n in change.norms_lost]
    return lines or [f"Нормативы: выполнены и не выполнены те же, что в {change.year_before} году"]


def heading(change: YearChange) -> str:
    text = f"{TITLE} с {change.year_before} года"
    return f"{text} (та оценка — черновик, {DRAFT_NOTE})" if change.before_was_draft else text
