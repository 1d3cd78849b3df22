"""An assessment's answers as a reader sees them, question by question: «Раздел», «Вопрос», «Ответ» — the
read-only view of a received assessment shows them. Each answer through
:func:`maturity.views.explain_text.answer_text`, as the breakdown reads it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from maturity.method.profile import Profile
from maturity.views.explain_text import answer_text


class AnswerRow(NamedTuple):
    section: str
    question: str
    answer: str
    answered: bool


def answer_rows(profile: Profile, answers: Mapping[str, Any]) -> list[AnswerRow]:
    """Every question of the method in its order, with its answer («нет ответа» where there is none)."""
    rows = []
    for section in profile.sections:
        for question in section.questions:
            value = answers.get(question.id)
            answered = value is not None and value != ""
            rows.append(AnswerRow(section.title, question.text, answer_text(question, value), answered))
    return rows
