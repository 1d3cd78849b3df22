"""How comments and evidence marks read, the same in the workbook, the passport's appendix and the windows:
«подтверждается документом: протокол № 5», the comment as written, the answer as people read it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from maturity.engine.answer_notes import AnswerNotes
from maturity.method.profile import Profile
from maturity.views.explain_text import answer_text
from maturity.views.numbers import NO_FIGURE, format_percent

EVIDENCE_LABEL = "подтверждается документом"


@dataclass(frozen=True)
class NotesRow:
    question_id: str
    question: str
    answer: str
    evidence: str  # «подтверждается документом: …», or «—»
    comment: str  # the comment, or ""


def evidence_text(reference: str | None) -> str:
    """«подтверждается документом: протокол № 5»; without a reference the mark alone; None: «—»."""
    if reference is None:
        return NO_FIGURE
    return f"{EVIDENCE_LABEL}: {reference}" if reference else EVIDENCE_LABEL


def notes_rows(profile: Profile, answers: Mapping[str, Any], notes: AnswerNotes) -> list[NotesRow]:
    """A row per question with a comment or an evidence mark, in the method's order."""
    ids = notes.question_ids()
    return [
        NotesRow(
            question.id,
            question.text,
            answer_text(question, answers.get(question.id)),
            evidence_text(notes.evidence.get(question.id)),
            notes.comment(question.id),
        )
        for section in profile.sections
        for question in section.questions
        if question.id in ids
    ]


def evidence_share_text(share: float | None) -> str:
    """The share of answers with evidence: «40 %», «—» when nothing counted is answered."""
    return NO_FIGURE if share is None else format_percent(share)
