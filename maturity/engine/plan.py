"""The organization's plan for the next year: the road map's steps, each with a status, a responsible
person, a due quarter and a note.

A step is named as the road map names it (:class:`maturity.engine.roadmap.Recommendation.ref`): a
KPI component ``"<kpi>.<component>"`` or a norm id — both from the profile, so which steps exist is
the method's data. The plan is kept beside an assessment, not inside its scored record: editing it
never rescores anything.

:func:`check_plan` reads a plan from anywhere outside the program (a JSON file, a workbook sheet,
the app's table): every value is hostile until checked, and a bad one is a :class:`PlanInvalid`
with the Russian reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from maturity.engine.roadmap import Recommendation, component_advice, recommendations
from maturity.engine.scoring import ScoreResult
from maturity.engine.validation import text_problem
from maturity.engine.years import YEAR_RANGE
from maturity.errors import BadInput, shorten
from maturity.method.profile import Profile

STATUSES = ("planned", "in_progress", "done", "dropped")
STATUS_LABELS = {"planned": "запланирован", "in_progress": "выполняется", "done": "выполнен", "dropped": "отменён"}
RESPONSIBLE_MAX = 300
NOTE_MAX = 1000
MAX_STEPS = 500
FIELDS = ("step", "status", "responsible", "due", "note")
DUE_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")
# the way people and the printed plan write a quarter: «II кв. 2026» (also «2 кв. 2026», «II квартал 2026»)
QUARTER_WORDS = re.compile(r"^(I{1,3}|IV|[1-4])\s*(?:кв\.?|квартал)\s*(\d{4})(?:\s*г(?:ода|\.)?)?$", re.IGNORECASE)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


class PlanInvalid(BadInput):
    """A plan that cannot be kept; ``str()`` is the Russian reason."""


@dataclass(frozen=True)
class PlanStep:
    step: str  # "<kpi>.<component>" or a norm id
    status: str = "planned"
    responsible: str = ""
    due: str | None = None  # "2026-Q2"
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "status": self.status,
            "responsible": self.responsible,
            "due": self.due,
            "note": self.note,
        }


def due_quarter(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def step_ids(profile: Profile) -> tuple[str, ...]:
    """Every step a plan of this profile may name: its components, then its norms."""
    return tuple(f"{k.id}.{c.id}" for k in profile.kpis for c in k.components) + tuple(n.id for n in profile.norms)


def step_title(profile: Profile, step: str) -> str:
    """What the step is, for a person: the component's or the norm's advice."""
    for norm in profile.norms:
        if norm.id == step:
            return norm.advice
    kpi_id, _, comp_id = step.partition(".")
    for kpi in profile.kpis:
        if kpi.id == kpi_id:
            for comp in kpi.components:
                if comp.id == comp_id:
                    return comp.advice
    return step


def step_text(profile: Profile, step: str, answers: Mapping[str, Any] | None = None) -> str:
    """What is left to do for the step, as the road map says it for these ``answers``: a component that
    counts chosen options names only those not chosen yet («Добавьте: чат-бот, …»); without answers, the
    step's advice (:func:`step_title`)."""
    kpi_id, dot, comp_id = step.partition(".")
    if dot and answers is not None:
        for kpi in profile.kpis:
            if kpi.id == kpi_id:
                for comp in kpi.components:
                    if comp.id == comp_id:
                        return component_advice(profile, comp, answers)
    return step_title(profile, step)


def step_kpi_title(profile: Profile, step: str) -> str:
    """The KPI's title of a component step; «Норматив: <its title>» for a norm (as the road map names it)."""
    kpi_id, dot, _ = step.partition(".")
    if dot:
        for kpi in profile.kpis:
            if kpi.id == kpi_id:
                return kpi.title
    for norm in profile.norms:
        if norm.id == step:
            return f"Норматив: {norm.title}"
    return step


def default_plan(
    profile: Profile, answers: Mapping[str, Any], year: int, result: ScoreResult | None = None
) -> list[PlanStep]:
    """The road map of ``year``'s assessment as the plan of the next year: every step planned, due in
    the road map's quarter."""
    return [_from_recommendation(r, year) for r in recommendations(profile, answers, result)]


def _from_recommendation(rec: Recommendation, year: int) -> PlanStep:
    return PlanStep(rec.ref, "planned", "", due_quarter(year + 1, rec.quarter), "")


# ------------------------------------------------------------------ checking a received plan


def _text(value: Any, where: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PlanInvalid(f"{where}: ожидался текст, а не {shorten(value)}")
    value = value.strip()
    if len(value) > limit:
        raise PlanInvalid(f"{where}: текст длиннее {limit} знаков")
    problem = text_problem(value)
    if problem:
        raise PlanInvalid(f"{where}: {problem}")
    return value


def check_due(value: Any, where: str = "срок") -> str | None:
    """A due quarter within the program's years as «YYYY-Qn» (the form it is kept in), read from that form
    or from the way it is printed, «II кв. 2026»; None when there is none."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PlanInvalid(f"{where}: ожидался квартал вида «II кв. 2026», а не {shorten(value)}")
    words = QUARTER_WORDS.match(" ".join(value.split()))
    if words is not None:
        number = words[1].upper()
        value = due_quarter(int(words[2]), ROMAN.get(number) or int(number))
    match = DUE_PATTERN.match(value.strip())
    if match is None:
        raise PlanInvalid(f"{where}: ожидался квартал вида «II кв. 2026», а не «{shorten(value)}»")
    year = int(match[1])
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise PlanInvalid(f"{where}: год {year} вне допустимого диапазона {YEAR_RANGE[0]}–{YEAR_RANGE[1]}")
    return value.strip()


def check_status(value: Any, where: str = "статус") -> str:
    """A status id, or its Russian label (a workbook's cell)."""
    if isinstance(value, str):
        text = value.strip()
        if text in STATUSES:
            return text
        for status, label in STATUS_LABELS.items():
            if text.lower() == label:
                return status
    allowed = ", ".join(f"{s} ({STATUS_LABELS[s]})" for s in STATUSES)
    raise PlanInvalid(f"{where}: неизвестный статус {shorten(value)}; допустимы: {allowed}")


def check_step(profile: Profile, raw: Any, where: str) -> PlanStep:
    if isinstance(raw, PlanStep):
        raw = raw.to_json()
    if not isinstance(raw, Mapping):
        raise PlanInvalid(f"{where}: ожидался объект с полями {', '.join(FIELDS)}")
    unknown = [k for k in raw if k not in FIELDS]
    if unknown:
        raise PlanInvalid(f"{where}: неизвестное поле «{shorten(unknown[0])}»")
    step = raw.get("step")
    if not isinstance(step, str) or step not in step_ids(profile):
        raise PlanInvalid(
            f"{where}: шага {shorten(step)} нет в методике {profile.id} {profile.version} "
            "(шаг — компонент показателя «kN.компонент» или норматив методики)"
        )
    return PlanStep(
        step=step,
        status=check_status(raw.get("status", "planned"), f"{where}, статус"),
        responsible=_text(raw.get("responsible"), f"{where}, ответственный", RESPONSIBLE_MAX),
        due=check_due(raw.get("due"), f"{where}, срок"),
        note=_text(raw.get("note"), f"{where}, примечание", NOTE_MAX),
    )


def check_plan(profile: Profile, raw: Any, where: str = "план") -> list[PlanStep]:
    """A received plan (a list of step objects) checked step by step; duplicates refused."""
    if not isinstance(raw, Sequence) or isinstance(raw, (str, bytes)):
        raise PlanInvalid(f"{where}: ожидался список шагов")
    if len(raw) > MAX_STEPS:
        raise PlanInvalid(f"{where}: слишком много шагов ({len(raw)}; не больше {MAX_STEPS})")
    steps: list[PlanStep] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        step = check_step(profile, item, f"{where}, шаг №{number}")
        if step.step in seen:
            raise PlanInvalid(f"{where}, шаг №{number}: шаг «{step.step}» в плане уже есть")
        seen.add(step.step)
        steps.append(step)
    return steps


def with_status(step: PlanStep, status: str) -> PlanStep:
    return replace(step, status=check_status(status))


def done_share(steps: Sequence[PlanStep]) -> float | None:
    """The share of steps done (dropped ones do not count); None for a plan without steps."""
    counted = [s for s in steps if s.status != "dropped"]
    if not counted:
        return None
    return sum(1 for s in counted if s.status == "done") / len(counted)
