"""A readable Russian plain-text report of a score, for the command line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from maturity.engine.draft_range import IndexRange
from maturity.engine.roadmap import recommendations
from maturity.engine.scoring import ScoreResult
from maturity.method.profile import Profile
from maturity.views.draft_text import RANGE_NOTE, range_level_text, range_text
from maturity.views.numbers import NOT_SCORED, format_gain, format_percent, format_score
from maturity.views.plan_text import quarter_label

STATUS_LABELS = {"pass": "выполнен", "fail": "не выполнен", "n/a": "н/п"}
NOT_APPLICABLE_NOTE = (
    "н/п — не применяется: норматив не относится к организации такого уровня или численности и на индекс не влияет."
)


def score_table(
    profile: Profile,
    result: ScoreResult,
    answers: Mapping[str, Any],
    year: int | None,
    span: IndexRange | None = None,
) -> str:
    """The score as text; a draft (``result.complete`` false) shows its index as ``span``, the range it can
    still end in, and its level only when that range fits one level."""
    lines = []
    name = profile.organization_fact(answers, "name") or "Организация"
    lines.append(f"{name}" + (f", {year} год" if year else ""))
    lines.append(f"Методика: {profile.title} ({profile.id} {profile.version})")
    lines.append("")
    width = max(len(k.title) for k in profile.kpis) + 6
    lines.append(f"{'Показатель':<{width}} Балл")
    for kpi in profile.kpis:
        label = f"{kpi.id.upper()} {kpi.title}"
        lines.append(f"{label:<{width}} {format_score(result.kpis[kpi.id], NOT_SCORED)}")
    lines.append("")
    if result.complete:
        lines.append(f"Индекс информационной работы и цифровой зрелости: {format_score(result.index, NOT_SCORED)}")
    else:
        lines.append(f"Индекс информационной работы и цифровой зрелости: {range_text(span)}")
        lines.append(f"  ({RANGE_NOTE})")
    lines.append(f"Индекс цифровой зрелости: {format_score(result.digital_index, NOT_SCORED)}")
    level = profile.level_label(result.level) if result.complete else range_level_text(profile, span)
    lines.append(f"Уровень: {level}")
    lines.append(f"Полнота ответов: {format_percent(result.completeness)}")
    lines.append("")
    lines.append("Нормативы:")
    for norm in profile.norms:
        outcome = result.norms[norm.id]
        lines.append(f"  [{STATUS_LABELS[outcome.status]}] {norm.title} — {outcome.reason}")
    if any(outcome.status == "n/a" for outcome in result.norms.values()):
        lines.append(f"  ({NOT_APPLICABLE_NOTE})")
    recs = recommendations(profile, answers, result)
    if recs:
        lines.append("")
        lines.append("Дорожная карта:")
        for rec in recs:
            gain = format_gain(rec.gain)
            when = quarter_label(year + 1, rec.quarter) if year else f"{rec.quarter}-й квартал"
            lines.append(f"  {when}: {gain} к индексу: {rec.text}")
    return "\n".join(lines) + "\n"
