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


def marked(text: str, change: YearChange, figure: str) -> str:
    """``text`` with «(методика изменилась)» when ``figure`` (an id: ``index``, ``level``, a KPI's, a norm's)
    was defined differently in the two years."""
    return f"{text} ({METHOD_CHANGED})" if figure in change.method_changed else text


def index_line(change: YearChange) -> str:
    """«Индекс: 45,0 (2024) → 52,3 (2025), +7,3», with «(методика изменилась)» when its definition differs."""
    before = format_score(change.index_before, NOT_SCORED)
    now = format_score(change.index_now, NOT_SCORED)
    text = f"Индекс: {before} ({change.year_before}) → {now} ({change.year_now}), {format_change(change.index_change)}"
    return marked(text, change, "index")


def digital_line(change: YearChange) -> str:
    """«Цифровой индекс: 30,0 (2024) → 35,0 (2025), +5,0», marked as the index."""
    before = format_score(change.digital_before, NOT_SCORED)
    now = format_score(change.digital_now, NOT_SCORED)
    text = (
        f"Цифровой индекс: {before} ({change.year_before}) → {now} ({change.year_now}), "
        f"{format_change(change.digital_change)}"
    )
    return marked(text, change, "digital_index")


def level_line(profile: Profile, change: YearChange) -> str:
    before, now = profile.level_label(change.level_before), profile.level_label(change.level_now)
    if change.level_before == change.level_now:
        return marked(f"Уровень: {now}, как и в {change.year_before} году", change, "level")
    return marked(f"Уровень: {before} → {now}", change, "level")


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
    lines = [marked(f"Выполнен, а в {change.year_before} году нет: {titles[n]}", change, n) for n in change.norms_met]
    lines += [
        marked(f"Не выполнен, а в {change.year_before} году выполнялся: {titles[n]}", change, n)
        for n in change.norms_lost
    ]
    lines = lines or [f"Нормативы: выполнены и не выполнены те же, что в {change.year_before} году"]
    shown = set(change.norms_met) | set(change.norms_lost)
    redefined = [norm.title for norm in profile.norms if norm.id in change.method_changed and norm.id not in shown]
    if redefined:
        lines.append(
            f"Нормативы, которые считаются иначе, чем в {change.year_before} году ({METHOD_CHANGED}): "
            + "; ".join(f"«{title}»" for title in redefined)
        )
    return lines


def heading(change: YearChange) -> str:
    text = f"{TITLE} с {change.year_before} года"
    return f"{text} (та оценка — черновик, {DRAFT_NOTE})" if change.before_was_draft else text
