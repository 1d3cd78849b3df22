"""How the organization's own targets read: ``maturity targets``, ``maturity score``, the app, the passport,
the workbook and the report. Every number through :func:`maturity.engine.own_targets.shown_value` /
:func:`~maturity.engine.own_targets.plain_number`, so a target reads the same everywhere."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from maturity.engine.own_targets import (
    OwnTargets,
    TargetOutcome,
    TargetSlot,
    TargetsSummary,
    federation_value,
    plain_number,
    shown_value,
    target_slots,
)
from maturity.engine.rounding import rounded
from maturity.method.profile import Profile
from maturity.method.schema import NormRule
from maturity.views.numbers import NO_FIGURE, format_percent

MET_LABELS = {True: "выполнен", False: "не выполнен", None: "нет данных"}
OUTCOME_TITLE = "Выполнение утверждённых целевых показателей"


def targets_title(year: int) -> str:
    """«Целевые показатели на 2026 год»: the one name of the table, the sheet's title and the command's heading."""
    return f"Целевые показатели на {year} год"


def summary_line(summary: TargetsSummary) -> str:
    """«Выполнение утверждённых целевых показателей: 5 из 7»."""
    return f"{OUTCOME_TITLE}: {summary.met} из {summary.total}"


def share_text(summary: TargetsSummary | None) -> str:
    """The share of own targets met as a whole percentage («71 %»); «—» without targets."""
    if summary is None or summary.share is None:
        return NO_FIGURE
    return format_percent(summary.share)


def quantity_text(slot: TargetSlot, value: float | None) -> str:
    """What a component measures, as people write it: a share of an answer as a percentage, a count as a number."""
    if value is None:
        return NO_FIGURE
    if slot.part.per is not None:  # a share: to one decimal of a percent, as the method rounds a figure
        return f"{plain_number(float(rounded(value * 100)))}\u00a0%"
    return plain_number(float(rounded(value, 2)))


def approved_text(slot: TargetSlot, value: float | None) -> str:
    """The approved value with its unit: «5 %», «4», «30 % численности членов», «один на 500 членов»."""
    if value is None:
        return NO_FIGURE
    if slot.part.target.of_members:
        return f"{shown_value(slot, value)} численности членов"
    if slot.one_per_members:
        return f"один на {plain_number(value)} членов"
    return shown_value(slot, value)


def outcome_cells(outcome: TargetOutcome) -> tuple[str, str, str, str, str]:
    """(target parameter, approved value, target in the component's quantity, actual, met or not)."""
    slot = outcome.slot
    return (
        slot.label,
        approved_text(slot, outcome.approved),
        quantity_text(slot, outcome.target),
        quantity_text(slot, outcome.actual),
        MET_LABELS[outcome.met],
    )


def outcomes_text(outcomes: Sequence[TargetOutcome], summary: TargetsSummary) -> str:
    """The block ``maturity score`` prints after the scores (nothing without own targets)."""
    if not outcomes:
        return ""
    lines = ["", summary_line(summary)]
    for outcome in outcomes:
        label, approved, target, actual, met = outcome_cells(outcome)
        lines.append(f"  {label}: утверждено {approved}; цель {target}, факт {actual} — {met}")
    return "\n".join(lines) + "\n"


def targets_rows(profile: Profile, targets: OwnTargets | None, level: str | None) -> list[tuple[str, str, str, str]]:
    """(target parameter, the federation's value, the approved value, «нижняя граница» or «») for every target of
    the method: what ``maturity targets`` prints and the targets table shows."""
    values = targets.values if targets is not None else {}
    return [
        (
            slot.label,
            approved_text(slot, federation_value(profile, slot, level)),
            approved_text(slot, values.get(slot.id)) if slot.id in values else NO_FIGURE,
            "нижняя граница" if slot.floor else "",
        )
        for slot in target_slots(profile)
    ]


def decision_line(targets: OwnTargets | None) -> str:
    """«Утверждены: Президиум № 12 от 20.12.2025», or that no decision is recorded."""
    if targets is None or targets.decision.empty:
        return "Решение выборного органа не указано"
    return f"Утверждены: {targets.decision.text()}"


def step_targets(profile: Profile, values: Mapping[str, float] | None) -> dict[str, str]:
    """Plan step (``"<kpi>.<component>"``) → «утверждённая цель: 7,5 %» for each step whose component has an own
    target among ``values``: how the plan names the target it works towards."""
    if not values:
        return {}
    notes = {
        slot.step: f"утверждённая цель: {approved_text(slot, values[slot.id])}"
        for slot in target_slots(profile)
        if slot.id in values
    }
    for norm in profile.norms:  # a norm that reads the same parameter (n1: 5 % of the budget) names it too
        for slot in target_slots(profile):
            if slot.id in values and slot.key is None and slot.param in _norm_parameters(norm.rule):
                notes.setdefault(norm.id, f"утверждённая цель: {approved_text(slot, values[slot.id])}")
    return notes


def _norm_parameters(rule: NormRule) -> set[str]:
    found = {p for p in (rule.param, rule.per_members_param) if p is not None}
    for inner in rule.rules:
        found |= _norm_parameters(inner)
    return found


def with_target(what: str, note: str | None) -> str:
    """A plan step's text with the own target it works towards: «… (утверждённая цель: 7,5 %)»."""
    return f"{what} ({note})" if note else what
