"""How a plan and last year's plan results read: ``maturity plan``, the app's tables and the passport.
Every figure through :mod:`maturity.views.numbers`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from maturity.engine.plan import STATUS_LABELS, PlanStep, due_quarter, step_kpi_title, step_text, step_title
from maturity.engine.plan_review import VERDICT_LABELS, PlanReview
from maturity.method.profile import Profile
from maturity.views.numbers import format_change, format_percent, format_score


def quarter_text(due: str | None) -> str:
    """«2026-Q2» → «II кв. 2026»; «—» without one."""
    if not due:
        return "—"
    year, _, quarter = due.partition("-Q")
    return f"{('I', 'II', 'III', 'IV')[int(quarter) - 1]} кв. {year}"


def plan_name(year: int) -> str:
    """The plan made with the assessment of ``year``, named the one way everywhere: «план на 2026 год»."""
    return f"план на {year + 1} год"


def quarter_label(year: int, quarter: int) -> str:
    """The 2nd quarter of 2026 → «II кв. 2026»: the road map's and the plan's one way of writing it."""
    return quarter_text(due_quarter(year, quarter))


def plan_step_cells(
    profile: Profile, step: PlanStep, answers: Mapping[str, Any] | None = None
) -> tuple[str, str, str, str, str, str]:
    """(what to do, KPI, status, responsible, quarter, note) of one step; what to do as the road map says it
    for ``answers`` (only what is left: :func:`maturity.engine.plan.step_text`)."""
    return (
        step_text(profile, step.step, answers),
        step_kpi_title(profile, step.step),
        STATUS_LABELS[step.status],
        step.responsible or "—",
        quarter_text(step.due),
        step.note,
    )


def plan_text(
    profile: Profile,
    name: str,
    year: int,
    steps: Sequence[PlanStep],
    saved: bool,
    answers: Mapping[str, Any] | None = None,
    targets: Mapping[str, str] | None = None,
) -> str:
    """``maturity plan``: the steps of the plan kept with the assessment of ``year``; ``targets``: step → the own
    target approved for the plan's year it works towards (:func:`maturity.views.own_targets_text.step_targets`)."""
    where = "" if saved else " (по дорожной карте; план ещё не сохранён)"
    lines = [f"{name}: план на {year + 1} год по оценке {year} года{where}", ""]
    if not steps:
        lines.append("Шагов нет: рекомендаций по этой оценке нет.")
    for number, step in enumerate(steps, start=1):
        what, kpi, status, responsible, quarter, note = plan_step_cells(profile, step, answers)
        aim = (targets or {}).get(step.step)
        lines.append(f"{number}. [{status}] {what}" + (f" ({aim})" if aim else ""))
        lines.append(f"   {kpi}; срок: {quarter}; ответственный: {responsible}" + (f"; {note}" if note else ""))
    return "\n".join(lines) + "\n"


LOOKS_DONE = "по ответам похоже, что выполнен"


def review_cells(profile: Profile, review: PlanReview) -> list[tuple[str, str, str, str, str]]:
    """Rows of last year's plan: (what to do, status, before → after, index points, verdict); a step not
    marked done whose component rose reads «по ответам похоже, что выполнен» as its verdict."""
    rows = []
    for outcome in review.outcomes:
        step = outcome.step
        if "." in step.step:
            change = f"{_share(outcome.before)} → {_share(outcome.after)}"
        else:
            change = f"{_met(outcome.before)} → {_met(outcome.after)}"
        points = format_change(outcome.index_points) if outcome.index_points is not None else "—"
        rows.append(
            (
                step_title(profile, step.step),
                STATUS_LABELS[step.status],
                change,
                points,
                LOOKS_DONE if outcome.looks_done else VERDICT_LABELS[outcome.verdict],
            )
        )
    return rows


def review_summary(review: PlanReview) -> str:
    done = review.done
    risen = sum(1 for o in done if o.verdict == "risen")
    return (
        f"{plan_name(review.year_before).capitalize()}: выполнено шагов {len(done)} из {len(review.outcomes)}, "
        f"из них показатель вырос у {risen}. Индекс: {format_score(review.index_before)} → "
        f"{format_score(review.index_after)} ({format_change(review.reported_index_change)}); "
        f"выполненные шаги дали {format_change(review.done_points)}."
    )


def review_text(profile: Profile, review: PlanReview) -> str:
    lines = ["", review_summary(review)]
    for what, status, change, points, verdict in review_cells(profile, review):
        lines.append(f"  [{status}] {what}: {change}, индекс {points} — {verdict}")
    return "\n".join(lines) + "\n"


def _share(value: float | None) -> str:
    return "н/п" if value is None else format_percent(value)


def _met(value: float | None) -> str:
    return "н/п" if value is None else ("выполнен" if value else "не выполнен")
