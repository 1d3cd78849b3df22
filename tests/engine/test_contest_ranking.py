"""The contest's arithmetic (maturity.engine.contest): the final score with the commission's weight, the tie
rule, shared places and prize places — hand-computed cases and generated groups."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.contest import Entrant, Mark, Rules, final_score, rank
from maturity.engine.rounding import round_figure


def entrant(uid: str, score: float | None, index: float | None = 50.0, marks: tuple[float, ...] = ()) -> Entrant:
    return Entrant(uid, f"Организация {uid}", "primary", "b0", score, index, tuple(Mark(f"М{i}", p) for i, p in
                                                                                     enumerate(marks)))  # fmt: skip


def test_the_final_score_is_the_method_score_plus_the_weight_times_the_mean_mark():
    # 60 + 0.5 × (8 + 6) / 2 = 63.5
    assert final_score(60.0, [Mark("А", 8), Mark("Б", 6)], 0.5) == 63.5
    assert final_score(60.0, [], 0.5) == 60.0


def test_the_commission_can_turn_a_ranking_over_by_its_weight():
    a, b = entrant("a", 70.0, marks=(2.0,)), entrant("b", 66.0, marks=(9.0, 10.0))
    # weight 0: 70 > 66; weight 1: 70 + 2 = 72 < 66 + 9.5 = 75.5
    assert [p.entrant.organization_id for p in rank([a, b], Rules(commission_weight=0.0))] == ["a", "b"]
    ranked = rank([a, b], Rules(commission_weight=1.0))
    assert [(p.entrant.organization_id, p.final, p.place) for p in ranked] == [("b", 75.5, 1), ("a", 72.0, 2)]
    assert ranked[0].mean_mark == 9.5


def test_equal_final_scores_go_to_the_higher_index_and_equal_both_share_the_place():
    ranked = rank(
        [entrant("a", 80.0, index=55.0), entrant("b", 80.0, index=61.0), entrant("c", 80.0, index=55.0),
         entrant("d", 79.0, index=90.0)],
        Rules(prize_places=2),
    )  # fmt: skip
    assert [(p.entrant.organization_id, p.place, p.winner) for p in ranked] == [
        ("b", 1, True), ("a", 2, True), ("c", 2, True), ("d", 4, False),
    ]  # fmt: skip


def test_scores_compare_as_the_protocol_prints_them_to_one_decimal():
    # 70.04 and 70.01 both print «70,0»: a tie, decided by the index
    ranked = rank([entrant("a", 70.04, index=40.0), entrant("b", 70.01, index=45.0)], Rules())
    assert [p.entrant.organization_id for p in ranked] == ["b", "a"]
    assert [p.place for p in ranked] == [1, 2]


def test_an_entrant_without_the_nominations_figure_is_left_out():
    ranked = rank([entrant("a", None), entrant("b", 10.0)], Rules())
    assert [p.entrant.organization_id for p in ranked] == ["b"]


def test_a_shared_third_place_gives_two_third_place_winners_and_the_next_is_fifth():
    ranked = rank([entrant("a", 90.0), entrant("b", 80.0), entrant("c", 70.0), entrant("d", 70.0),
                   entrant("e", 60.0)], Rules(prize_places=3))  # fmt: skip
    assert [(p.place, p.winner) for p in ranked] == [(1, True), (2, True), (3, True), (3, True), (5, False)]


scores = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2)))
marks = st.lists(st.sampled_from([0.0, 2.5, 5.0, 7.5, 10.0]), max_size=3).map(tuple)


@settings(max_examples=examples(60))
@given(
    group=st.lists(st.tuples(scores, st.sampled_from([None, 40.0, 50.0, 60.0]), marks), max_size=12),
    weight=st.sampled_from([0.0, 0.5, 1.0, 2.0]),
    prizes=st.integers(min_value=1, max_value=5),
)
def test_a_place_is_one_more_than_the_number_of_entrants_strictly_ahead(group, weight, prizes):
    entrants = [entrant(f"u{i}", s, index, m) for i, (s, index, m) in enumerate(group)]
    ranked = rank(entrants, Rules(commission_weight=weight, prize_places=prizes))

    def key(p):
        index = round_figure(p.entrant.index)
        return (round_figure(p.final), -1.0 if index is None else index)

    assert len(ranked) == sum(1 for s, _, _ in group if s is not None)
    for p in ranked:
        mean = sum(p.entrant.marks and [m.points for m in p.entrant.marks] or [0]) / max(1, len(p.entrant.marks))
        assert p.final == (p.entrant.score + weight * mean if p.entrant.marks else p.entrant.score)
        assert p.place == 1 + sum(1 for other in ranked if key(other) > key(p))
        assert p.winner == (p.place <= prizes)
    assert [key(p) for p in ranked] == sorted((key(p) for p in ranked), reverse=True)
