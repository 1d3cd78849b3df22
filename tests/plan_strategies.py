"""Generated plans of a profile: any steps of it, any status, any quarter in range, any clean text."""

from __future__ import annotations

from hypothesis import strategies as st

from maturity.engine.plan import NOTE_MAX, RESPONSIBLE_MAX, STATUSES, PlanStep, step_ids
from maturity.engine.years import YEAR_RANGE
from maturity.method.profile import Profile

# text a person may type: letters (Cyrillic too), digits, punctuation, inner spaces; no control characters
_chars = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"))


def clean_text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(_chars, max_size=max_size).map(str.strip)


quarters = st.one_of(st.none(), st.builds(lambda y, q: f"{y}-Q{q}", st.integers(*YEAR_RANGE), st.integers(1, 4)))


def plans(profile: Profile, min_size: int = 1) -> st.SearchStrategy[list[PlanStep]]:
    ids = step_ids(profile)
    return st.lists(st.sampled_from(ids), min_size=min_size, max_size=min(12, len(ids)), unique=True).flatmap(
        lambda chosen: st.tuples(
            *[
                st.builds(
                    PlanStep,
                    st.just(step),
                    st.sampled_from(STATUSES),
                    clean_text(RESPONSIBLE_MAX),
                    quarters,
                    clean_text(NOTE_MAX),
                )
                for step in chosen
            ]
        ).map(list)
    )
