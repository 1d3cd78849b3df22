"""Which questions are asked (relevance), which answers count, and how complete an assessment is.

An irrelevant question is not asked and its answer is treated as missing (method §4). Relevance
conditions refer to earlier questions, so one pass in questionnaire order settles chains.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from maturity.method.profile import Profile
from maturity.method.schema import Condition

Answers = Mapping[str, Any]


def condition_predicate(cond: Condition) -> Callable[[Answers], bool | None]:
    """``answers → True / False``, or ``None`` when the answer it looks at is missing."""
    qid, equals, greater = cond.question, cond.equals, cond.greater_than
    if cond.one_of is not None:
        options = frozenset(cond.one_of)

        def test(answers: Answers) -> bool | None:
            value = answers.get(qid)
            return None if value is None else isinstance(value, str) and value in options

    elif greater is not None:

        def test(answers: Answers) -> bool | None:
            value = answers.get(qid)
            return None if value is None else value > greater

    else:

        def test(answers: Answers) -> bool | None:
            value = answers.get(qid)
            if value is None:
                return None
            if isinstance(equals, bool) or isinstance(value, bool):
                return value is equals
            return value == equals

    return test


@dataclass(frozen=True)
class RelevanceRules:
    ordered_ids: tuple[str, ...]
    required_ids: tuple[str, ...]
    conditional: tuple[tuple[str, Callable[[Answers], bool | None]], ...]
    required_set: frozenset[str]

    def split(self, answers: Answers) -> tuple[dict[str, Any], set[str]]:
        """(the answers that count, the ids of questions not asked)."""
        effective = {k: v for k, v in answers.items() if v is not None and v != ""}
        hidden = set()
        for qid, test in self.conditional:
            if not test(effective):
                hidden.add(qid)
                effective.pop(qid, None)
        return effective, hidden

    def effective(self, answers: Answers) -> dict[str, Any]:
        """The answers that count: given (not None, not blank text) and relevant."""
        return self.split(answers)[0]

    def relevant_ids(self, answers: Answers) -> list[str]:
        """Question ids asked for these answers, in questionnaire order."""
        hidden = self.split(answers)[1]
        return [qid for qid in self.ordered_ids if qid not in hidden]

    def completeness(self, effective: Answers, hidden: set[str] | None = None) -> float:
        """Share of relevant required questions answered (1.0 when none is required)."""
        if hidden is None:
            effective, hidden = self.split(effective)
        required = self.required_set - hidden
        if not required:
            return 1.0
        return len(required & effective.keys()) / len(required)

    def missing_required(self, answers: Answers) -> list[str]:
        effective, hidden = self.split(answers)
        return [q for q in self.required_ids if q not in hidden and q not in effective]


@cache
def relevance_rules(profile: Profile) -> RelevanceRules:
    """The relevance rules of a profile, built once per loaded profile."""
    questions = [q for s in profile.sections for q in s.questions]
    return RelevanceRules(
        ordered_ids=tuple(q.id for q in questions),
        required_ids=tuple(q.id for q in questions if not q.optional),
        conditional=tuple((q.id, condition_predicate(q.relevant_if)) for q in questions if q.relevant_if),
        required_set=frozenset(q.id for q in questions if not q.optional),
    )
