"""The sums of a version's impact (maturity.engine.impact), on hand-built figures with the arithmetic written out."""

from __future__ import annotations

import math

from maturity.engine.impact import Figures, ImpactTally

LEVELS = ("initial", "basic", "developing")


def tally() -> ImpactTally:
    return ImpactTally("p", "2", 2025, ("k1", "k2"), ("n1", "n2"), LEVELS, top=2)


def figures(index, level, k1, k2, n1="pass", n2="pass", status="complete") -> Figures:
    return Figures(index, level, {"k1": k1, "k2": k2}, {"n1": n1, "n2": n2}, status)


def test_three_assessments_give_the_hand_computed_matrix_mean_spread_kpis_norms_and_movers() -> None:
    t = tally()
    t.add(1, "Альфа", figures(10.0, "initial", 10.0, 10.0), figures(30.0, "basic", 30.0, 10.0, n1="fail"), "1")
    t.add(2, "Бета", figures(50.0, "developing", 50.0, 50.0, n2="fail"), figures(40.0, "basic", 40.0, 50.0), "1")
    t.add(3, "Гамма", figures(25.0, "basic", 20.0, None), figures(25.0, "basic", 20.0, 30.0), "1")
    impact = t.impact()

    assert impact.assessments == 3 and impact.changed_level == 2
    assert impact.matrix == {("initial", "basic"): 1, ("developing", "basic"): 1, ("basic", "basic"): 1}
    # index changes +20, −10, 0: mean 10/3, spread √(((20−10/3)² + (−10−10/3)² + (10/3)²)/3)
    assert math.isclose(impact.index_mean_change, 10 / 3)
    expected_spread = math.sqrt(((20 - 10 / 3) ** 2 + (-10 - 10 / 3) ** 2 + (10 / 3) ** 2) / 3)
    assert math.isclose(impact.index_spread, expected_spread)
    assert (impact.index_min_change, impact.index_max_change, impact.index_changed) == (-10.0, 20.0, 2)
    k1, k2 = impact.kpis
    # k1: before 10, 50, 20 (mean 80/3), after 30, 40, 20 (mean 30): mean change +10/3, two change
    assert (k1.n, k1.changed) == (3, 2) and math.isclose(k1.mean_before, 80 / 3) and k1.mean_after == 30.0
    assert math.isclose(k1.mean_change, 10 / 3)
    # k2: Гамма has no value before, one after
    assert (k2.n, k2.changed, k2.only_after, k2.mean_change) == (2, 0, 1, 0.0)
    n1, n2 = impact.norms
    assert (n1.start_failing, n1.stop_failing, n2.start_failing, n2.stop_failing) == (1, 0, 0, 1)
    assert [m.name for m in impact.movers] == ["Альфа", "Бета"]  # the two largest of top=2
    assert impact.movers[0].change == 20.0 and impact.from_versions == ("1",)
    assert not impact.unchanged


def test_equal_changes_keep_the_names_first_in_the_alphabet_and_the_sums_do_not_depend_on_order() -> None:
    rows = [(i, name, figures(50.0, "basic", 1.0, 2.0), figures(55.0, "basic", 1.5, 2.0)) for i, name in
            enumerate(["Ясень", "Берёза", "Дуб", "Акация"], start=1)]  # fmt: skip
    forward, backward = tally(), tally()
    for row in rows:
        forward.add(*row)
    for row in reversed(rows):
        backward.add(*row)
    assert [m.name for m in forward.impact().movers] == ["Акация", "Берёза"]
    assert forward.impact() == backward.impact()


def test_an_assessment_that_becomes_a_draft_and_one_refused_are_counted_apart() -> None:
    t = tally()
    t.add(1, "А", figures(40.0, "basic", 1.0, 1.0), figures(40.0, "basic", 1.0, 1.0, status="draft"))
    t.refuse(2, "Б", "k1.x: число должно быть не больше 3")
    impact = t.impact()
    assert impact.became_draft == 1 and [r.name for r in impact.refused] == ["Б"]
    assert impact.assessments == 1 and not impact.unchanged
    assert impact.to_json()["refused"] == [
        {"organization_id": 2, "name": "Б", "reason": "k1.x: число должно быть не больше 3"}
    ]
