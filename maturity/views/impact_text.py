"""The impact of a new version as a person reads it: ``maturity impact`` prints these lines, the profile
editor's «Что изменится…» shows the same sections (the same figures, formatted by :mod:`maturity.views.numbers`)."""

from __future__ import annotations

from maturity.engine.impact import Impact
from maturity.method.profile import Profile
from maturity.views.numbers import format_change, format_count, format_score

MOVERS_SHOWN = 20


def _level(profile: Profile, level_id: str | None) -> str:
    return profile.level_label(level_id) if level_id is not None else "без уровня"


def headline(impact: Impact) -> str:
    """One sentence: what was re-scored and how many change level."""
    versions = ", ".join(impact.from_versions) or "—"
    if impact.assessments == 0 and not impact.refused:
        return (
            f"Завершённых оценок за {impact.year} год по методике «{impact.profile_id}» нет: "
            f"версии {impact.version} пересчитывать нечего."
        )
    return (
        f"Версия {impact.version} методики «{impact.profile_id}» на завершённых оценках {impact.year} года "
        f"(рассчитаны по версии {versions}): пересчитано в памяти {format_count(impact.assessments)}, "
        f"уровень меняется у {format_count(impact.changed_level)}. В базе ничего не изменено."
    )


def index_line(impact: Impact) -> str:
    if not impact.index_n:
        return "Индекс: нет оценок с индексом до и после."
    return (
        f"Изменение индекса: в среднем {format_change(impact.index_mean_change)}, разброс (стандартное "
        f"отклонение) {format_score(impact.index_spread)}, от {format_change(impact.index_min_change)} до "
        f"{format_change(impact.index_max_change)}; индекс меняется у {format_count(impact.index_changed)} "
        f"из {format_count(impact.index_n)}."
    )


def matrix_lines(impact: Impact, profile: Profile) -> list[str]:
    """«из → в: число», pairs that change first (largest first), then those that stay."""
    rows = sorted(impact.matrix.items(), key=lambda item: (item[0][0] == item[0][1], -item[1]))
    lines = []
    for (before, after), count in rows:
        if before == after:
            lines.append(f"  {_level(profile, before)}: остаётся — {format_count(count)}")
        else:
            lines.append(f"  {_level(profile, before)} → {_level(profile, after)}: {format_count(count)}")
    return lines


def kpi_lines(impact: Impact, profile: Profile) -> list[str]:
    titles = {k.id: k.title for k in profile.kpis}
    lines = []
    for k in impact.kpis:
        title = f"{k.kpi_id.upper()} {titles.get(k.kpi_id, '')}".strip()
        if k.n:
            text = (
                f"  {title}: {format_score(k.mean_before)} → {format_score(k.mean_after)} "
                f"(в среднем {format_change(k.mean_change)}; меняется у {format_count(k.changed)})"
            )
        else:
            text = f"  {title}: не с чем сравнить"
        if k.only_after:
            text += f"; впервые оценивается у {format_count(k.only_after)}"
        if k.only_before:
            text += f"; перестаёт оцениваться у {format_count(k.only_before)}"
        lines.append(text)
    return lines


def norm_lines(impact: Impact, profile: Profile) -> list[str]:
    titles = {n.id: n.title for n in profile.norms}
    lines = [
        f"  {titles.get(n.norm_id, n.norm_id)}: начинают не выполнять — {format_count(n.start_failing)}, "
        f"перестают не выполнять — {format_count(n.stop_failing)}"
        for n in impact.norms
        if n.start_failing or n.stop_failing
    ]
    return lines or ["  ни один норматив не меняется"]


def mover_lines(impact: Impact, profile: Profile) -> list[str]:
    lines = []
    for place, m in enumerate(impact.movers[:MOVERS_SHOWN], start=1):
        level = (
            f"; {_level(profile, m.before_level)} → {_level(profile, m.after_level)}"
            if m.before_level != m.after_level
            else ""
        )
        lines.append(
            f"  {place}. {m.name}: {format_score(m.before)} → {format_score(m.after)} ({format_change(m.change)}{level})"
        )
    return lines or ["  ни у одной организации индекс не меняется"]


def impact_lines(impact: Impact, profile: Profile) -> list[str]:
    """The whole text of ``maturity impact``."""
    lines = [headline(impact)]
    if impact.assessments:
        lines += ["", index_line(impact), "", "Уровни (было → станет):", *matrix_lines(impact, profile)]
        lines += ["", "Показатели (среднее было → станет):", *kpi_lines(impact, profile)]
        lines += ["", "Нормативы:", *norm_lines(impact, profile)]
        lines += ["", f"Больше всего меняется индекс ({min(len(impact.movers), MOVERS_SHOWN)}):"]
        lines += mover_lines(impact, profile)
    if impact.became_draft:
        lines += [
            "",
            f"Станут незавершёнными (новая версия требует ответов, которых в них нет): "
            f"{format_count(impact.became_draft)}.",
        ]
    if impact.refused:
        lines += ["", f"Не подходят к новой версии (пересчёт их отклонит): {format_count(len(impact.refused))}"]
        lines += [f"  {r.name}: {r.reason}" for r in impact.refused[:10]]
        if len(impact.refused) > 10:
            lines.append(f"  и ещё {format_count(len(impact.refused) - 10)}")
    if impact.assessments and impact.unchanged:
        lines += ["", "Ни одна цифра не меняется."]
    return lines
