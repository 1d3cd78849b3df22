"""Finding an organization by typed words: every word anywhere in the name, any case, «ё» as «е», in natural order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.views.name_search import NameIndex, folded
from maturity.views.natural_order import natural_key

NAMES = st.lists(
    st.text(alphabet="абвгдеёжзАБВЁ №0123456789-«»", min_size=1, max_size=20).filter(str.strip),
    min_size=0,
    max_size=60,
)


def test_numbers_come_in_the_order_people_count():
    index = NameIndex([(1, "ППО № 10"), (2, "ППО № 2"), (3, "ППО № 1"), (4, "Другая")])

    assert [o.name for o in index.matching("ппо")] == ["ППО № 1", "ППО № 2", "ППО № 10"]


def test_every_typed_word_counts_in_any_order_case_and_yo():
    index = NameIndex([(1, "Первичная организация «Ёлочка» № 12"), (2, "Первичная организация № 12"), (3, "Ёлочка")])

    assert [o.id for o in index.matching("12 ЕЛОЧ")] == [1]
    assert [o.id for o in index.matching("  ")] == [3, 1, 2]  # nothing typed: all, in natural order («« before №)


def test_the_organization_itself_can_be_left_out():
    index = NameIndex([(1, "ППО № 1"), (2, "ППО № 2")])

    assert [o.id for o in index.matching("ппо", excluding=1)] == [2]


@settings(max_examples=examples(80))
@given(names=NAMES, typed=st.text(alphabet="абвеёАЁ №0129", max_size=6), limit=st.integers(1, 10))
def test_the_matches_are_the_first_names_holding_every_word_in_natural_order(names, typed, limit):
    index = NameIndex(enumerate(names))

    found = index.matching(typed, limit)

    expected = sorted(
        (name for name in names if all(w in folded(name) for w in folded(typed).split())), key=natural_key
    )[:limit]
    assert [o.name for o in found] == expected
    assert all(index.name_of(o.id) == names[o.id] for o in found)
