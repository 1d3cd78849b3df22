"""How a KPI's breakdown reads: the same rows for ``maturity score --explain`` and the app's breakdown.
Every figure through :mod:`maturity.views.numbers`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from maturity.engine.explain import ComponentExplanation, KpiExplanation
from maturity.engine.plan import step_title
from maturity.engine.scoring import scorer_for, target_value
from maturity.engine.validation import format_number
from maturity.method.profile import Profile
from maturity.method.schema import BlendComponent, Question, SharePart, ValuePart
from maturity.views.numbers import NOT_SCORED, format_gain, format_percent, format_score

NO_ANSWER_TEXT = "нет ответа"


def answer_text(question: Question, value: Any) -> str:
    """An answer as a person reads it: «да», an option's label, a number with spaces."""
    if value is None or value == "":
        return NO_ANSWER_TEXT
    if question.type == "bool":
        return "да" if value else "нет"
    if question.type == "choice":
        option = question.option(value)
        return option.label if option else str(value)
    if question.type == "multi":
        labels = [option.label if (option := question.option(v)) else str(v) for v in value]
        return "; ".join(labels) if labels else "ничего не выбрано"
    if question.type in ("int", "number") and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def component_value_text(component: ComponentExplanation) -> str:
    """«60 %» of its full value, or «н/п — reason»."""
    if component.value is None:
        return f"н/п — {component.na_reason}"
    return format_percent(component.value)


@dataclass(frozen=True)
class AnswerLine:
    question: str  # the question's text
    answer: str


def answers_used(profile: Profile, component: ComponentExplanation, answers: Mapping[str, Any]) -> list[AnswerLine]:
    return [
        AnswerLine(profile.question(qid).text, answer_text(profile.question(qid), answers.get(qid)))
        for qid in component.questions
    ]


def component_title(profile: Profile, component: ComponentExplanation) -> str:
    """What the component measures, for a person: the questions it reads (the organization's size and level,
    which targets use, aside) — never its advice, which asks for more even when the value is full."""
    comp = _schema_component(profile, component)
    if comp is None:
        return step_title(profile, component.step)
    measured: list[str] = []
    for part in comp.parts if isinstance(comp, BlendComponent) else (comp,):
        ids = [part.question] if isinstance(part, (ValuePart, SharePart)) else [*part.sum, part.per]
        measured += [qid for qid in ids if qid and qid not in measured]
    return "; ".join(_unquoted(profile.question(qid).text) for qid in measured)


def _unquoted(text: str) -> str:
    return text.rstrip("?")


def _options(count: int) -> str:
    """«все 3 варианта», «все 5 вариантов», «все 21 вариант»."""
    if count % 10 == 1 and count % 100 != 11:
        return f"все {count} вариант"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return f"все {count} варианта"
    return f"все {count} вариантов"


def component_target_text(profile: Profile, component: ComponentExplanation, answers: Mapping[str, Any]) -> str:
    """The full value of the component as its target reads: «да», the best option, every option, a number."""
    comp = _schema_component(profile, component)
    if comp is None:
        return "—"
    counted = scorer_for(profile).relevance.effective(answers)
    members = counted.get(profile.organization_question("members"))
    level = counted.get(profile.organization_question("level"))
    parts = comp.parts if isinstance(comp, BlendComponent) else (comp,)
    texts = [_part_target(profile, part, members, level) for part in parts]
    return "; ".join(t for t in texts if t)


def _schema_component(profile: Profile, component: ComponentExplanation) -> Any:
    for kpi in profile.kpis:
        if kpi.id == component.kpi_id:
            return next((c for c in kpi.components if c.id == component.id), None)
    return None


def _part_target(profile: Profile, part: Any, members: Any, level: Any) -> str:
    if isinstance(part, ValuePart):
        question = profile.question(part.question)
        if question.type == "bool":
            return "да"
        best = max(question.options, key=lambda o: o.value if o.value is not None else -1.0)
        return best.label
    if isinstance(part, SharePart):
        return _options(len(profile.question(part.question).options))
    target = target_value(profile, part.target, members, level)
    if target is None:
        return "зависит от численности и уровня организации"
    if part.per is not None:
        per = _unquoted(profile.question(part.per).text).lower()
        shown = format_percent(target) if target < 1 else format_number(target)
        return f"{shown} от «{per}»"
    amount = target / part.factor if part.factor else target
    return f"не меньше {format_number(round(amount, 2))}"


def explanation_text(profile: Profile, explained: Sequence[KpiExplanation], answers: Mapping[str, Any]) -> str:
    """``maturity score --explain``: each KPI, then its components with weight, answers, value and gain."""
    lines = ["", "Из чего складываются баллы (вес компонента, ответы, значение, прирост индекса при полном значении):"]
    for kpi in explained:
        lines.append("")
        lines.append(f"{kpi.kpi_id.upper()} {kpi.title}: {format_score(kpi.score, NOT_SCORED)}")
        for component in kpi.components:
            lines.append(
                f"  {component.id} (вес {format_number(component.weight)}): {component_value_text(component)}; "
                f"прирост {format_gain(component.gain)}"
            )
            for line in answers_used(profile, component, answers):
                lines.append(f"      {line.question}: {line.answer}")
    return "\n".join(lines) + "\n"
