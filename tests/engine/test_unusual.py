"""The check of the unusual, on hand-built and generated groups: a value far from its level and size band
is found, a five-fold jump is found unless the organization itself grew (last year's members show it), a count
above the members is found; a group too small is not judged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.unusual import Subject, above_limits, far_from_group, jumps, size_band, unusual

NUMBERS = {"q.posts": "int", "q.members": "int"}


def subject(key: str, posts: float, members: float = 300, level: str = "primary") -> Subject:
    return Subject(key, f"ППО {key}", level, members, {"q.posts": posts, "q.members": members}, NUMBERS, {},
                   "q.members")  # fmt: skip


def test_a_value_far_from_its_level_and_size_band_is_found_and_the_usual_ones_are_not():
    group = [subject(str(i), posts) for i, posts in enumerate([40, 45, 50, 52, 48, 55, 900])]

    found = far_from_group(group)

    assert [(f.key, f.question_id, f.value) for f in found] == [("6", "q.posts", 900)]
    assert found[0].reference == 50 and "100–499 членов" in found[0].group


def test_organizations_of_another_size_band_or_level_are_not_its_group():
    group = [subject(str(i), 50) for i in range(5)]
    big = subject("big", 900, members=5000)  # 2000–9999: a band of its own, too small to judge
    other_level = subject("t", 900, level="territorial")

    assert far_from_group([*group, big, other_level]) == []
    assert size_band(99) == 0 and size_band(100) == 1 and size_band(10000) == 4


def test_when_all_the_others_agree_a_lone_far_value_is_still_found():
    group = [subject(str(i), 50) for i in range(5)] + [subject("x", 5000)]

    assert [f.key for f in far_from_group(group)] == ["x"]


def test_a_group_smaller_than_five_is_not_judged():
    assert far_from_group([subject(str(i), p) for i, p in enumerate([10, 10, 10, 9000])]) == []


def test_a_count_that_jumped_more_than_five_fold_is_found():
    steady = Subject("a", "ППО a", "primary", 300, {"q.posts": 60, "q.members": 300}, NUMBERS, {}, "q.members",
                     {"q.posts": 10, "q.members": 300}, 300)  # fmt: skip

    [found] = jumps([steady])

    assert (found.kind, found.value, found.reference, found.group) == ("jump", 60, 10, "6.0")


def test_a_real_grower_whose_members_grew_with_the_count_is_not_flagged():
    grower = Subject("g", "ППО g", "primary", 2100, {"q.posts": 60, "q.members": 2100}, NUMBERS, {}, "q.members",
                     {"q.posts": 10, "q.members": 300}, 300)  # fmt: skip  # joined by six organizations: 7× members

    assert jumps([grower]) == []


def test_a_count_above_the_members_where_the_method_forbids_it_is_found():
    s = Subject("a", "ППО a", "primary", 300, {"q.reached": 450, "q.members": 300}, {"q.reached": "int"},
                {"q.reached": "q.members"}, "q.members")  # fmt: skip

    [found] = above_limits([s])

    assert (found.kind, found.value, found.reference, found.group) == ("above", 450, 300, "q.members")


@settings(max_examples=examples(60), deadline=None)
@given(
    core=st.lists(st.integers(20, 80), min_size=5, max_size=30),
    far=st.integers(10, 1000),
)
def test_a_value_planted_far_above_any_group_is_always_found(core, far):
    spread = max(core) - min(core) + 1
    planted = max(core) + 20 * spread + far
    group = [subject(str(i), v) for i, v in enumerate(core)] + [subject("planted", planted)]

    assert "planted" in {f.key for f in unusual(group)}


@settings(max_examples=examples(60), deadline=None)
@given(posts=st.integers(1, 1000), count_growth=st.floats(1.0, 50.0), members_growth=st.floats(1.0, 50.0))
def test_a_jump_is_flagged_exactly_when_the_count_per_member_grew_more_than_five_fold(
    posts, count_growth, members_growth
):
    now_posts, now_members = round(posts * count_growth), round(300 * members_growth)
    s = Subject("a", "ППО a", "primary", now_members, {"q.posts": now_posts, "q.members": now_members}, NUMBERS, {},
                "q.members", {"q.posts": posts, "q.members": 300}, 300)  # fmt: skip

    per_member = (now_posts / posts) / (now_members / 300)
    assert bool(jumps([s])) == (per_member > 5)
