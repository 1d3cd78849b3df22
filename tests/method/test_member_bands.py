"""Member-size bands: every non-negative member count falls in exactly one band — the last whose ``from`` it
reaches; an unknown count in none; a profile's own bands replace the default set, and bands that do not start at 0,
do not ascend or repeat an id are refused with a Russian reason."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.method.profile import ProfileError, load_profile, profile_from_mapping
from maturity.method.schema import DEFAULT_MEMBER_BANDS

BASE = load_profile("fnpr-base")


def with_bands(bands: list[dict]) -> dict:
    raw = copy.deepcopy(BASE.data.model_dump(mode="json", by_alias=True))
    raw["member_bands"] = bands
    return raw


def test_a_profile_that_names_no_bands_has_the_default_set():
    assert BASE.member_bands == DEFAULT_MEMBER_BANDS
    assert [band.from_ for band in BASE.member_bands] == [0, 100, 300, 1000, 5000]
    assert BASE.member_band(99).label == "до 100 членов"
    assert BASE.member_band(100).label == "100–299 членов"
    assert BASE.member_band(4999).id == "1000-4999"
    assert BASE.member_band(5000).id == "5000-plus"


@pytest.mark.parametrize("members", [None, -1, True, "120", 12.5])
def test_an_unknown_or_impossible_member_count_has_no_band(members):
    assert BASE.member_band(members) is None


@settings(max_examples=examples(80))
@given(
    starts=st.lists(st.integers(min_value=1, max_value=100_000), max_size=6, unique=True).map(sorted),
    members=st.integers(min_value=0, max_value=200_000),
)
def test_every_member_count_falls_in_the_last_band_it_reaches(starts, members):
    bands = [{"id": f"b{i}", "label": f"Группа {i}", "from": start} for i, start in enumerate([0, *starts])]
    profile = profile_from_mapping(with_bands(bands), "test")
    band = profile.member_band(members)
    reached = [b for b in bands if members >= b["from"]]
    assert band is not None and band.id == reached[-1]["id"]
    following = [b["from"] for b in bands if b["from"] > band.from_]
    assert not following or members < following[0]


@pytest.mark.parametrize(
    "bands",
    [
        [{"id": "a", "label": "А", "from": 10}],
        [{"id": "a", "label": "А", "from": 0}, {"id": "b", "label": "Б", "from": 0}],
        [
            {"id": "a", "label": "А", "from": 0},
            {"id": "b", "label": "Б", "from": 500},
            {"id": "c", "label": "В", "from": 100},
        ],
        [{"id": "a", "label": "А", "from": 0}, {"id": "a", "label": "Б", "from": 100}],
        [{"id": "a", "label": "А", "from": -5}],
        [],
    ],
)
def test_bands_that_do_not_start_at_zero_and_ascend_are_refused_in_russian(bands):
    with pytest.raises(ProfileError) as refused:
        profile_from_mapping(with_bands(bands), "test")
    assert any("а" <= ch <= "я" for ch in str(refused.value).lower())
