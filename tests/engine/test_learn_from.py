"""«У кого поучиться» (issue 28, part 2) on hand-built groups: the same level and member-size band, higher on the KPI,
the most improved first, named only with consent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.learn_from import Candidate, learn_from, weak_kpis
from maturity.method.profile import load_profile
from maturity.views.learn_from_text import learn_from_lines, peer_name

PROFILE = load_profile()  # the default bands: до 100, 100–299, 300–999, 1000–4999, 5000 и более
OWN = Candidate(1, "ППО Наша", "primary", 150, "Тверская область", 40.0, 35.0)


def candidate(org_id, name, value, last=None, members=200, level="primary", region="Тверская область", consent=True):
    return Candidate(org_id, name, level, members, region, value, last, consent)


def test_peers_are_of_the_same_level_and_band_higher_and_the_most_improved_first() -> None:
    others = [
        candidate(2, "Выше, +5", 60.0, 55.0),
        candidate(3, "Выше, +20", 50.0, 30.0),
        candidate(4, "Выше, без прошлого года", 90.0),
        candidate(5, "Выше, −10", 70.0, 80.0),
        candidate(6, "Ниже", 30.0, 10.0),
        candidate(7, "Равно", 40.0, 0.0),
        candidate(8, "Другой размер", 95.0, 10.0, members=300),  # 300–999
        candidate(9, "Другой уровень", 95.0, 10.0, level="territorial"),
        candidate(10, "Без численности", 95.0, 10.0, members=None),
        candidate(11, "Не оценён", None, 10.0),
    ]
    found = learn_from(PROFILE, OWN, "k1", [OWN, *others])
    assert [p.name for p in found.peers] == ["Выше, +20", "Выше, +5", "Выше, −10"]
    assert [p.gain for p in found.peers] == [20.0, 5.0, -10.0]
    assert found.similar == 6  # same level and band, scored: 2, 3, 4, 5, 6 and 7
    assert found.band_label == PROFILE.member_band(150).label


def test_an_organization_that_did_not_agree_is_shown_without_its_name() -> None:
    others = [candidate(2, "Согласна", 60.0, 50.0), candidate(3, "Не согласна", 70.0, 40.0, consent=False,
                                                               region="Самарская область")]  # fmt: skip
    found = learn_from(PROFILE, OWN, "k1", [OWN, *others])
    hidden, named = found.peers
    assert (hidden.name, hidden.named, named.name) == (None, False, "Согласна")
    assert peer_name(PROFILE, hidden) == "ППО вашего размера из другого региона"
    same_region = learn_from(PROFILE, OWN, "k1", [candidate(4, "Тайная", 80.0, 10.0, consent=False)]).peers[0]
    assert peer_name(PROFILE, same_region) == "ППО вашего размера в вашем регионе"
    text = "\n".join(learn_from_lines(PROFILE, found))
    assert "Не согласна" not in text and "ППО вашего размера из другого региона: 70,0 (+30,0 за год)" in text
    assert "Согласна: 60,0 (+10,0 за год)" in text


def test_unknown_members_give_no_band_and_no_peers() -> None:
    found = learn_from(PROFILE, candidate(1, "Без численности", 10.0, members=None), "k1", [candidate(2, "А", 90.0)])
    assert found.peers == () and found.band_label is None
    assert "Численность организации не указана" in learn_from_lines(PROFILE, found)[0]


def test_the_weak_kpis_come_weakest_first_in_the_profiles_order_between_equals() -> None:
    assert weak_kpis(PROFILE, {"k1": 50.0, "k2": 10.0, "k3": None, "k4": 10.0, "k5": 80.0}) == ["k2", "k4", "k1", "k5"]


scores = st.one_of(st.none(), st.floats(0, 100, allow_nan=False))
members = st.one_of(st.none(), st.integers(1, 20_000))


@settings(max_examples=examples(60), deadline=None)
@given(
    own_value=st.floats(0, 100, allow_nan=False),
    others=st.lists(
        st.tuples(scores, scores, members, st.sampled_from(["primary", "territorial"]), st.booleans()), max_size=30
    ),
)
def test_every_peer_is_similar_higher_and_no_better_similar_one_is_passed_over(own_value, others) -> None:
    own = Candidate(0, "Своя", "primary", 250, "Р", own_value)
    candidates = [Candidate(i, f"П{i}", lvl, m, "Р", v, last, c) for i, (v, last, m, lvl, c) in enumerate(others, 1)]
    found = learn_from(PROFILE, own, "k1", [own, *candidates])
    band = PROFILE.member_band(250)
    eligible = [c for c in candidates if c.level == "primary" and c.value is not None and c.value > own_value
                and PROFILE.member_band(c.members) == band]  # fmt: skip
    assert len(found.peers) == min(3, len(eligible))
    by_id = {c.organization_id: c for c in candidates}
    for peer in found.peers:
        source = by_id[peer.organization_id]
        assert source in eligible and (peer.name is not None) == source.consent
    chosen = {p.organization_id for p in found.peers}
    for left_out in (c for c in eligible if c.organization_id not in chosen):  # none of them preferred to a chosen one
        worst = found.peers[-1]
        assert (left_out.gain is None, -(left_out.gain or 0.0)) >= (worst.gain is None, -(worst.gain or 0.0))
