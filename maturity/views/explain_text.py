"""How a KPI's breakdown reads: the same rows for ``maturity score --explain`` and the app's breakdown.
Every figure through :mod:`maturity.views.numbers`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from maturity.engine.explain import ComponentExplanation, KpiExplanation
from maturity.engine.plan import step_title
from maturity.engine.validation import format_number
from maturity.method.profile import Profile
from maturity.method.schema import Question
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
    """What the component measures, for a person: its advice is what it asks for."""
    return step_title(profile, component.step)


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
