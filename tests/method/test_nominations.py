"""The contest's nominations as data: the default set, a federation's own over it (by id), and the refusals in
Russian of a nomination that names no figure of the method."""

from __future__ import annotations

import pytest

from maturity.method.nominations import nominations_of
from maturity.method.profile import ProfileError, profile_from_text

HEAD = 'id: fed-contest\nversion: "1"\nextends: fnpr-base\ntitle: Методика федерации\n'


def test_the_base_method_has_the_default_set_with_overall_first_by_the_index(base_profile):
    nominations = base_profile.nominations
    assert [(n.id, n.by) for n in nominations] == [
        ("overall", "index"), ("site", "k4.site"), ("social", "k4"), ("stand", "k6.stand"),
        ("publications", "k5"), ("digital", "digital_index"), ("digital_access", "k7"), ("training", "k10"),
    ]  # fmt: skip
    assert base_profile.data.contest.mark_max == 10 and base_profile.data.contest.prize_places == 3


def test_a_federation_replaces_removes_and_adds_nominations_by_id():
    profile = profile_from_text(
        HEAD + "nominations:\n"
        "  - {id: site, title: Сайт года, by: k4.site}\n"
        "  - {id: training, remove: true}\n"
        "  - {id: solidarnost, title: Подписка на «Солидарность», by: k6.solidarnost}\n"
        "contest: {mark_max: 5, commission_weight: 2, prize_places: 1}\n",
        "федерация.yaml",
    )
    ids = [n.id for n in profile.nominations]
    assert ids[0] == "overall" and "training" not in ids and ids[-1] == "solidarnost"
    assert next(n for n in profile.nominations if n.id == "site").title == "Сайт года"
    assert (profile.data.contest.mark_max, profile.data.contest.commission_weight) == (5, 2)


def test_a_default_nomination_whose_figure_the_method_lacks_is_left_out(base_profile):
    data = base_profile.data.model_copy(update={"digital_kpis": ()})
    assert "digital" not in [n.id for n in nominations_of(data)]


@pytest.mark.parametrize(
    ("nominations", "where", "words"),
    [
        ("  - {id: x, title: X, by: k99}\n", "nominations.0.by", "нет показателя «k99»"),
        ("  - {id: x, title: X, by: k4.nothing}\n", "nominations.0.by", "нет компонента «nothing»"),
        ("  - {id: overall, title: X, by: k1}\n", "nominations.0", "по индексу"),
        ("  - {id: overall, title: X, remove: true}\n", "nominations.0", "всегда есть"),
        ("  - {id: x, title: X, by: k1}\n  - {id: x, title: Y, by: k2}\n", "nominations.1", "встречается дважды"),
        ("  - {id: x, by: k1}\n", "nominations.0.title", "нет названия"),
    ],
)
def test_a_nomination_naming_no_figure_of_the_method_is_refused_in_russian(nominations, where, words):
    with pytest.raises(ProfileError) as refused:
        profile_from_text(HEAD + "nominations:\n" + nominations, "федерация.yaml")
    assert refused.value.where == where and words in refused.value.problem


def test_a_mark_range_without_room_is_refused():
    with pytest.raises(ProfileError) as refused:
        profile_from_text(HEAD + "contest: {mark_min: 5, mark_max: 5}\n", "федерация.yaml")
    assert refused.value.where == "contest.mark_max" and "больше наименьшей" in refused.value.problem
