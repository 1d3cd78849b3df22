"""Hypothesis strategies: valid answer sets generated from a profile (so they follow the profile)."""

from __future__ import annotations

from hypothesis import strategies as st

from maturity.method.profile import Profile
from maturity.method.schema import Question

LIMITS = {"profile.members": (1, 200_000)}


def value_of(question: Question) -> st.SearchStrategy:
    low, high = LIMITS.get(question.id, (0, 50_000))
    if question.max is not None:
        high = min(high, int(question.max))
    if question.type == "bool":
        return st.booleans()
    if question.type == "int":
        return st.integers(low, high)
    if question.type == "number":
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    if question.type == "choice":
        return st.sampled_from([o.id for o in question.options])
    if question.type == "multi":
        return st.lists(st.sampled_from([o.id for o in question.options]), unique=True)
    return st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщэюя ППО", min_size=1, max_size=40).filter(str.strip)


def _repair(answers: dict) -> dict:
    """Bring cross-field limits into line (validation would refuse them otherwise)."""
    for small, big in (
        ("profile.info_spending", "profile.budget"),
        ("k4.main_subscribers", "k4.subscribers"),
        ("k6.members_reached", "profile.members"),
    ):
        if small in answers and big in answers and answers[small] > answers[big]:
            answers[small] = answers[big]
    return answers


def answer_sets(profile: Profile, always: tuple[str, ...] = ("profile.level", "profile.members")) -> st.SearchStrategy:
    """Valid answers: each question answered or left out (the ids in ``always`` are always answered)."""
    questions = [q for s in profile.sections for q in s.questions]
    fields = {q.id: (value_of(q) if q.id in always else st.one_of(st.none(), value_of(q))) for q in questions}
    return st.fixed_dictionaries(fields).map(lambda d: _repair({k: v for k, v in d.items() if v is not None}))
