"""What an answer rests on: a comment and an evidence mark on any question of an assessment.

A comment is the respondent's own words beside an answer («по протоколу профкома, уточнить у Ивановой»). An
evidence mark says the answer is confirmed by a document — «подтверждается документом: …» with a short
reference (a protocol number, a link); an empty reference is a mark without one. Both are kept per question
of the profile and travel with the assessment (JSON ``comments``/``evidence``, the workbook, the report's
share of answers with evidence). They never change a score.

Comments may name people, so they are personal data: a consolidated report leaves them out unless asked,
like respondents' names (:attr:`maturity.method.profile.Profile.personal_question_ids`).

The share of answers with evidence counts the answered, relevant questions of the method other than those
that say who the organization is and who answered (name, level, members, parent, region, sector, respondent
and personal questions): evidence of an organization's name means nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from maturity.engine.relevance import relevance_rules
from maturity.engine.validation import AnswerIssue
from maturity.errors import BadInput, shorten
from maturity.method.profile import Profile
from maturity.text_rules import forbidden_character

COMMENT_LIMIT = 2000
EVIDENCE_LIMIT = 500
EVIDENCE_MISSING = "ответ без подтверждения: методика ожидает документ (отметьте «подтверждается документом»)"
ORGANIZATION_FACTS = ("name", "level", "members", "parent", "region", "sector", "respondent")


class NotesInvalid(BadInput):
    """Comments or evidence marks that cannot be kept; ``str()`` is the Russian reason."""


@dataclass(frozen=True)
class AnswerNotes:
    """The comments and the evidence marks of one assessment, by question id."""

    comments: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)  # "" : a mark without a reference

    def __bool__(self) -> bool:
        return bool(self.comments or self.evidence)

    def comment(self, question_id: str) -> str:
        return self.comments.get(question_id, "")

    def has_evidence(self, question_id: str) -> bool:
        return question_id in self.evidence

    def question_ids(self) -> set[str]:
        return set(self.comments) | set(self.evidence)

    def without_comments(self) -> AnswerNotes:
        """The notes as they leave home without personal data: the evidence marks only."""
        return AnswerNotes({}, dict(self.evidence))


def notes_problem(profile: Profile, comments: Any, evidence: Any) -> str | None:
    """Why a file's ``comments`` / ``evidence`` cannot be kept, or None: objects question → text, only
    questions of the method, texts without control characters within their length caps."""
    for key, value, limit, blank_ok in (
        ("comments", comments, COMMENT_LIMIT, False),
        ("evidence", evidence, EVIDENCE_LIMIT, True),
    ):
        if value is None:
            continue
        if not isinstance(value, dict):
            return f"{key} должно быть JSON-объектом: вопрос → текст"
        for qid, text in value.items():
            if qid not in profile.questions:
                return f"{key}: в методике «{profile.id}» нет вопроса «{shorten(qid)}»"
            problem = text_problem(text, limit, blank_ok=blank_ok)
            if problem:
                return f"{key}.{qid}: {problem}"
    return None


def text_problem(text: Any, limit: int, *, blank_ok: bool) -> str | None:
    """Why a comment (``blank_ok`` False) or an evidence reference cannot be kept, or None."""
    if not isinstance(text, str):
        return f"ожидался текст, а не {shorten(text)}"
    if len(text) > limit:
        return f"текст длиннее {limit} знаков"
    problem = forbidden_character(text.replace("\r", " "))
    if problem:
        return problem
    if not blank_ok and not text.strip():
        return "пустой комментарий (уберите его)"
    return None


def check_notes(profile: Profile, comments: Any, evidence: Any) -> AnswerNotes:
    """The notes of a file, checked (NotesInvalid with the Russian reason), texts stripped."""
    problem = notes_problem(profile, comments, evidence)
    if problem:
        raise NotesInvalid(problem)
    return AnswerNotes(
        {q: t.strip() for q, t in (comments or {}).items()},
        {q: t.strip() for q, t in (evidence or {}).items()},
    )


def counted_question_ids(profile: Profile, answers: Mapping[str, Any]) -> list[str]:
    """The answered, relevant questions whose evidence counts (not who the organization is or who answered)."""
    left_out = {profile.organization_question(f) for f in ORGANIZATION_FACTS} | profile.personal_question_ids
    relevant = relevance_rules(profile).relevant_ids(answers)
    return [q for q in relevant if q not in left_out and answers.get(q) is not None]


def evidence_share(profile: Profile, answers: Mapping[str, Any], evidence: Mapping[str, str]) -> float | None:
    """The share (0–1) of counted answers with an evidence mark; None when no counted question is answered."""
    counted = counted_question_ids(profile, answers)
    if not counted:
        return None
    return sum(1 for q in counted if q in evidence) / len(counted)


def evidence_warnings(profile: Profile, answers: Mapping[str, Any], evidence: Mapping[str, str]) -> list[AnswerIssue]:
    """A warning (never an error) for each answered, relevant question the method marks ``evidence: expected``
    that has no evidence mark."""
    relevant = set(relevance_rules(profile).relevant_ids(answers))
    return [
        AnswerIssue(q.id, EVIDENCE_MISSING, "warning")
        for q in profile.questions.values()
        if q.evidence == "expected" and q.id in relevant and answers.get(q.id) is not None and q.id not in evidence
    ]
