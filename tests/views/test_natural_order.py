"""Natural name order: digit runs compared as numbers, case and ё ignored, a total order."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from maturity.views.natural_order import natural_key

names = st.text(alphabet=st.sampled_from("аеёбАЕЁБ №-0123456789x²"), max_size=12)


def test_number_two_comes_before_number_ten():
    assert sorted(["ППО № 10", "ППО № 2", "ППО № 1"], key=natural_key) == ["ППО № 1", "ППО № 2", "ППО № 10"]


@given(st.integers(0, 10**30), st.integers(0, 10**30), names)
def test_numbers_after_the_same_text_are_compared_as_numbers(a, b, prefix):
    prefix = prefix.rstrip("0123456789")  # the number must be a run of its own
    first, second = f"{prefix}{a} ППО", f"{prefix}{b} ППО"
    if a < b:
        assert natural_key(first) < natural_key(second)
    elif a > b:
        assert natural_key(first) > natural_key(second)


@given(st.integers(0, 10**6), st.integers(0, 5))
def test_leading_zeros_do_not_change_the_number(a, zeros):
    assert natural_key(f"№ {'0' * zeros}{a}")[0] == natural_key(f"№ {a}")[0]


@given(names)
def test_case_and_yo_do_not_matter(name):
    assert natural_key(name.upper())[0] == natural_key(name.lower().replace("ё", "е"))[0]


@given(names, names)
def test_different_names_never_share_a_key(a, b):
    assert (natural_key(a) == natural_key(b)) == (a == b)


@given(names, names, names)
def test_the_order_is_transitive_and_antisymmetric(a, b, c):
    ka, kb, kc = natural_key(a), natural_key(b), natural_key(c)
    assert not (ka < kb and kb < ka)
    assert (ka < kb) or (kb < ka) or (ka == kb)  # total: every two names compare
    if ka <= kb and kb <= kc:
        assert ka <= kc


@given(st.lists(names, max_size=20), st.randoms())
def test_sorting_gives_one_order_whatever_the_input_order(items, rnd: random.Random):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert sorted(shuffled, key=natural_key) == sorted(items, key=natural_key)


def test_thousands_of_digits_are_compared_without_converting_them():
    assert natural_key("№ " + "9" * 5000) > natural_key("№ " + "9" * 4999)
