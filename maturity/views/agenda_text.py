"""How a merge's agenda reads («обсудить на заседании»): the same rows for ``maturity merge``, the merge dialog
and the passport. Respondents are «Респондент 1…N», in the order their files were given — never names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from maturity.engine.respondent_merge import MergedAssessment
from maturity.method.profile import Profile
from maturity.views.explain_text import answer_text
from maturity.views.numbers import format_percent

AGENDA_TITLE = "Обсудить на заседании"
OPEN_TEXT = "решает председатель"


@dataclass(frozen=True)
class AgendaRow:
    question_id: str
    question: str  # the method's text of the question
    disagreement: str  # «67 %»
    answers: tuple[str, ...]  # each respondent's answer, as people read it
    merged: str  # the merged answer, or «решает председатель»
    reason: str  # why it is left open ("" when it is not)


def agenda_rows(profile: Profile, agenda: Sequence[Mapping[str, Any]]) -> list[AgendaRow]:
    rows = []
    for item in agenda:
        question = profile.question(item["question"])
        rows.append(
            AgendaRow(
                question.id,
                question.text,
                format_percent(item["disagreement"]),
                tuple(answer_text(question, value) for value in item["answers"]),
                OPEN_TEXT if item["open"] else answer_text(question, item["merged"]),
                item.get("reason", ""),
            )
        )
    return rows


def respondent_label(number: int) -> str:
    return f"Респондент {number}"


def agenda_text(profile: Profile, merged: MergedAssessment, limit: int = 20) -> str:
    """The agenda for a terminal: the widest disagreements first, each with every respondent's answer."""
    rows = agenda_rows(profile, merged.agenda)
    if not rows:
        return f"Ответы {merged.respondents} респондентов совпали: обсуждать на заседании нечего."
    lines = [f"{AGENDA_TITLE} ({len(rows)} вопр.; расхождение — от 0 % (все согласны) до 100 %):"]
    for number, row in enumerate(rows[:limit], 1):
        lines.append(f"{number}. {row.question} [{row.question_id}] — расхождение {row.disagreement}")
        answers = "; ".join(f"{respondent_label(i)}: {a}" for i, a in enumerate(row.answers, 1))
        lines.append(f"   {answers}")
        lines.append(f"   Итог: {row.merged}" + (f" ({row.reason})" if row.reason else ""))
    if len(rows) > limit:
        lines.append(f"… и ещё {len(rows) - limit} вопр. — все они в объединённом файле (agenda)")
    return "\n".join(lines)
