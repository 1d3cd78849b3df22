"""Recommendations and the road map (method §7).

Every failed norm and every KPI component below the profile's threshold (0.5) yields a
recommendation, priced by the points it would add to the index:

- a component: the index gain if that component were brought to 1 (the other answers unchanged);
- a norm: the index gain if the answers changed just enough for the norm to pass.

They are ordered by that gain (norms first among equals) and spread over the quarters of the
next year, ``roadmap.steps_per_quarter`` steps to a quarter, none later than the fourth.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from maturity.engine.scoring import ScoreResult, score, scorer_for
from maturity.method.profile import Profile
from maturity.method.schema import Component, Kpi


@dataclass(frozen=True)
class Recommendation:
    kind: Literal["norm", "component"]
    ref: str  # a norm id, or "kpi_id.component_id"
    kpi_id: str | None
    title: str  # the norm's title or the KPI's title
    text: str
    gain: float  # index points
    quarter: int  # 1..4 of the next year


def _component_gain(
    result: ScoreResult, kpi_weights: dict[str, float], kpi: Kpi, component: Component, value: float
) -> float:
    """The index points gained when ``component`` of ``kpi``, scored ``value`` now, reaches 1."""
    values = result.components[kpi.id]
    total = sum(c.weight for c in kpi.components if values[c.id] is not None)
    kpi_gain = 100.0 * component.weight * (1.0 - value) / total
    scored_weight = sum(kpi_weights[k] for k, v in result.kpis.items() if v is not None)
    return kpi_gain * kpi_weights[kpi.id] / scored_weight


def component_advice(profile: Profile, component: Any, answers: Mapping[str, Any]) -> str:
    """The component's advice; for a share with some options chosen, only the options not chosen yet."""
    template = getattr(component, "advice_missing", None)
    chosen = answers.get(getattr(component, "question", ""))
    if template is None or not chosen or not isinstance(chosen, (list, tuple)):
        return component.advice
    question = profile.question(component.question)
    missing = [_in_sentence(option.label) for option in question.options if option.id not in set(chosen)]
    return template.format(missing=", ".join(missing)) if missing else component.advice


def _in_sentence(label: str) -> str:
    """An option's label inside a sentence: «Форма на сайте» → «форма на сайте»; «ВКонтакте», «MAX» stay."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def recommendations(
    profile: Profile, answers: Mapping[str, Any], result: ScoreResult | None = None
) -> list[Recommendation]:
    """The road map for these answers, best gain first."""
    scorer = scorer_for(profile)
    result = result or score(profile, answers)
    threshold = profile.data.roadmap.component_threshold
    kpi_weights = {k.id: k.weight for k in profile.kpis}
    effective = scorer.relevance.effective(answers)
    members = effective.get(profile.organization_question("members"))
    items: list[tuple[float, int, Recommendation]] = []
    for norm in scorer.norms.items:
        if result.norms[norm.norm.id].status != "fail":
            continue
        fixed = score(profile, norm.fixed(effective, members))
        gain = max(0.0, (fixed.index or 0.0) - (result.index or 0.0))
        items.append((gain, 0, Recommendation("norm", norm.norm.id, None, norm.norm.title, norm.norm.advice, gain, 0)))
    seen_texts = {rec.text for _, _, rec in items}
    for kpi in profile.kpis:
        for component in kpi.components:
            value = result.components[kpi.id][component.id]
            if value is None or value >= threshold or component.advice in seen_texts:
                continue
            gain = _component_gain(result, kpi_weights, kpi, component, value)
            ref = f"{kpi.id}.{component.id}"
            text = component_advice(profile, component, answers)
            items.append((gain, 1, Recommendation("component", ref, kpi.id, kpi.title, text, gain, 0)))
    items.sort(key=lambda item: (-round(item[0], 9), item[1]))
    per_quarter = profile.data.roadmap.steps_per_quarter
    return [
        Recommendation(r.kind, r.ref, r.kpi_id, r.title, r.text, r.gain, min(4, 1 + i // per_quarter))
        for i, (_, _, r) in enumerate(items)
    ]
