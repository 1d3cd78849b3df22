"""Why a KPI has its score: each component with its weight, the answers it used, its value or why it is
n/a, and how many index points it would add at full value (method §2, §7).

The values are those :func:`maturity.engine.scoring.score` computed (``ScoreResult.components``); this
module only says which answers a component reads, why one without a value has none, and what
bringing it to 1 would add to the index, with the arithmetic of the scorer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from maturity.engine.relevance import condition_predicate
from maturity.engine.rounding import round_figure, rounded
from maturity.engine.scoring import ScoreResult, score, scorer_for
from maturity.method.profile import Profile
from maturity.method.schema import BlendComponent, Component, Condition, RatioPart, SharePart, ValuePart


@dataclass(frozen=True)
class ComponentExplanation:
    kpi_id: str
    id: str
    weight: float
    questions: tuple[str, ...]  # the question ids it reads, in the profile's order of mention
    value: float | None  # 0..1, None: n/a
    na_reason: str | None  # a Russian sentence when value is None
    gain: float  # index points at full value (0 when already 1)

    @property
    def step(self) -> str:
        """The id of this component as a plan step or road-map reference: ``"<kpi>.<component>"``."""
        return f"{self.kpi_id}.{self.id}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "weight": self.weight,
            "value": None if self.value is None else float(rounded(self.value, 3)),
            "na_reason": self.na_reason,
            "gain": round_figure(self.gain),
        }


@dataclass(frozen=True)
class KpiExplanation:
    kpi_id: str
    title: str
    weight: float
    score: float | None
    components: tuple[ComponentExplanation, ...]


def component_questions(profile: Profile, comp: Component) -> tuple[str, ...]:
    """Every question a component reads: its parts' answers, its conditions, and the members or the
    level its target needs."""
    found: list[str] = []

    def add(qid: str | None) -> None:
        if qid is not None and qid not in found:
            found.append(qid)

    for cond in (comp.only_when, comp.zero_when):
        if cond is not None:
            add(cond.question)
    for part in comp.parts if isinstance(comp, BlendComponent) else (comp,):
        if isinstance(part, (ValuePart, SharePart)):
            add(part.question)
            continue
        for qid in part.sum:
            add(qid)
        add(part.per)
        target = part.target
        if target.members or target.of_members or target.one_per_members:
            add(profile.organization_question("members"))
        if target.param is not None and isinstance(profile.parameters.get(target.param), dict):
            add(profile.organization_question("level"))
    if comp.only_when is not None and comp.otherwise_zero_above is not None:
        add(profile.organization_question("members"))
    return tuple(found)


def _question_text(profile: Profile, qid: str) -> str:
    return profile.question(qid).text


def _missing(profile: Profile, qid: str, answers: Mapping[str, Any], hidden: set[str]) -> str:
    """Why an answer is missing: not given, or its question not asked (then: because of which answer)."""
    condition = profile.question(qid).relevant_if
    if qid in hidden and condition is not None:
        if condition.question not in answers:
            return _missing(profile, condition.question, answers, hidden)
        return (
            f"вопрос «{_question_text(profile, qid)}» не задаётся: так ответили на вопрос "
            f"«{_question_text(profile, condition.question)}»"
        )
    return f"нет ответа на вопрос «{_question_text(profile, qid)}»"


def _part_reason(
    profile: Profile, part: ValuePart | SharePart | RatioPart, a: Mapping[str, Any], hidden: set[str]
) -> str | None:
    if isinstance(part, (ValuePart, SharePart)):
        return None if part.question in a else _missing(profile, part.question, a, hidden)
    for qid in part.sum:
        if qid not in a:
            return _missing(profile, qid, a, hidden)
    if part.per is not None:
        if part.per not in a:
            return _missing(profile, part.per, a, hidden)
        if a[part.per] == 0 and part.per_zero == "na":
            return f"ответ на вопрос «{_question_text(profile, part.per)}» — ноль, доля не определена"
    target = part.target
    if (target.members or target.of_members or target.one_per_members) and profile.organization_question(
        "members"
    ) not in a:
        return _missing(profile, profile.organization_question("members"), a, hidden)
    if target.param is not None and isinstance(profile.parameters.get(target.param), dict):
        level = profile.organization_question("level")
        if level not in a:
            return _missing(profile, level, a, hidden)
        if a[level] not in profile.parameters[target.param]:
            return "для уровня организации у методики нет целевого значения"
    return None


def _condition_text(profile: Profile, cond: Condition) -> str:
    return f"«{_question_text(profile, cond.question)}»"


def na_reason(profile: Profile, comp: Component, answers: Mapping[str, Any]) -> str:
    """Why a component without a value has none (the answers as given; relevance is applied here)."""
    a, hidden = scorer_for(profile).relevance.split(answers)
    if comp.only_when is not None:
        holds = condition_predicate(comp.only_when)(a)
        if holds is None:
            return _missing(profile, comp.only_when.question, a, hidden)
        if not holds:
            return f"не применяется: так ответили на вопрос {_condition_text(profile, comp.only_when)}"
    for part in comp.parts if isinstance(comp, BlendComponent) else (comp,):
        reason = _part_reason(profile, part, a, hidden)
        if reason is not None:
            return reason
    return "не оценивается"


def _index_with(profile: Profile, result: ScoreResult, kpi_id: str, comp_id: str, value: float) -> float | None:
    """The index were one component ``value`` (the others as scored): the scorer's arithmetic."""
    weighted = weights = 0.0
    for kpi in profile.kpis:
        values = dict(result.components[kpi.id])
        if kpi.id == kpi_id:
            values[comp_id] = value
        acc = total = 0.0
        for c in kpi.components:
            v = values[c.id]
            if v is not None:
                acc += c.weight * v
                total += c.weight
        if total:
            weighted += kpi.weight * 100.0 * acc / total
            weights += kpi.weight
    return weighted / weights if weights else None


def explain(profile: Profile, answers: Mapping[str, Any], result: ScoreResult | None = None) -> list[KpiExplanation]:
    """Every KPI of the profile with its components explained, in the profile's order."""
    result = result or score(profile, answers)
    explained = []
    for kpi in profile.kpis:
        components = []
        for comp in kpi.components:
            value = result.components[kpi.id][comp.id]
            full = _index_with(profile, result, kpi.id, comp.id, 1.0)
            gain = max(0.0, (full or 0.0) - (result.index or 0.0))
            components.append(
                ComponentExplanation(
                    kpi_id=kpi.id,
                    id=comp.id,
                    weight=comp.weight,
                    questions=component_questions(profile, comp),
                    value=value,
                    na_reason=na_reason(profile, comp, answers) if value is None else None,
                    gain=gain,
                )
            )
        explained.append(KpiExplanation(kpi.id, kpi.title, kpi.weight, result.kpis[kpi.id], tuple(components)))
    return explained


def explanation_json(explained: list[KpiExplanation]) -> dict[str, list[dict[str, Any]]]:
    """``maturity score --json --explain``'s ``components``: per KPI id, its components in order."""
    return {kpi.kpi_id: [c.to_json() for c in kpi.components] for kpi in explained}
