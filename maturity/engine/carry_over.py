"""A new year's assessment started from last year's answers (method data: ``carry_over`` per question).

Facts, yes/no answers and choices carry over; counts for the reporting year (``carry_over: false``)
start empty. An earlier answer this profile does not know, or no longer accepts, is left out: the
chair answers it again rather than inheriting a value the method would refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from maturity.engine.validation import check_value, normalize
from maturity.method.profile import Profile


def carried_answers(profile: Profile, earlier: Mapping[str, Any]) -> dict[str, Any]:
    """The answers of ``earlier`` that start the new year under ``profile``."""
    carried = {}
    for question_id, value in earlier.items():
        question = profile.questions.get(question_id)
        if question is None or not question.carry_over or value is None or check_value(question, value):
            continue
        carried[question_id] = normalize(question, value)
    return carried


def yearly_questions(profile: Profile) -> list[str]:
    """The questions that start empty every year."""
    return [q.id for s in profile.sections for q in s.questions if not q.carry_over]
