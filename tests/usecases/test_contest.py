"""The contest on hand-built groups, on SQLite and PostgreSQL: who takes part (complete and accepted, of the
group), the groups by level and member-size band, the commission's marks by the contest's weight, ties, the
refusals in Russian (nothing written), who and when of every mark, the best practices without personal data."""

from __future__ import annotations

import json

import pytest
from contest_groups import OTHER_TERRITORY, RESPONDENT, TERRITORY, YEAR, Spec, build, index_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.rounding import round_figure
from maturity.errors import BadInput
from maturity.usecases.contest import add_mark, contest_results, marks_document, parse_points, results_document
from maturity.usecases.journal import entries

GROUP = [
    Spec("ППО «Альфа»", members=85, structure="chair"),
    Spec("ППО «Бета»", members=90, structure="department"),
    Spec("ППО «Гамма»", members=150, structure="activist"),
    Spec("ППО «Черновик»", members=80, complete=False),
    Spec("ППО «Не принята»", members=70, accepted=False),
    Spec("ППО «Чужая»", members=90, structure="department", under=OTHER_TERRITORY),
]


@pytest.fixture
def group(store, base_profile):
    return build(store, base_profile, GROUP)


def overall(results):
    return results.nomination("overall")


def test_only_complete_accepted_assessments_of_the_group_take_part_grouped_by_level_and_band(store, base_profile,
                                                                                              group):  # fmt: skip
    results = contest_results(store, YEAR, group[TERRITORY])

    assert results.participants == 3
    assert results.left_out == {"черновик (не все ответы)": 1, "оценка не принята": 1}
    small, larger = base_profile.member_band(85), base_profile.member_band(150)
    assert small.id != larger.id and base_profile.member_band(90).id == small.id
    groups = overall(results).groups
    assert [(g.level, g.band) for g in groups] == [("primary", small.id), ("primary", larger.id)]
    assert groups[0].band_label == small.label
    # department (1.0) scores higher than chair (0.4): «Бета» first
    assert [(p.entrant.name, p.place) for p in groups[0].ranking] == [("ППО «Бета»", 1), ("ППО «Альфа»", 2)]
    assert [p.final for p in groups[0].ranking] == [index_of(store, group["ППО «Бета»"]),
                                                    index_of(store, group["ППО «Альфа»"])]  # fmt: skip
    names = {p.entrant.name for n in results.nominations for g in n.groups for p in g.ranking}
    assert names == {"ППО «Альфа»", "ППО «Бета»", "ППО «Гамма»"}


def test_the_whole_database_is_one_contest_without_a_parent(store, group):
    results = contest_results(store, YEAR)
    assert results.participants == 4 and results.scope == "все организации базы"
    first = overall(results).groups[0].ranking
    # «Бета» and «Чужая» have the same answers but their names: the same index, so they share the first place
    assert [(p.entrant.name, p.place) for p in first[:2]] == [("ППО «Бета»", 1), ("ППО «Чужая»", 1)]
    assert first[2].place == 3


def test_the_commission_mean_mark_is_added_by_the_contests_weight_and_can_change_the_places(store, group):
    alpha, beta = group["ППО «Альфа»"], group["ППО «Бета»"]
    gap = index_of(store, beta) - index_of(store, alpha)
    assert 0 < gap < 10  # hand-built so that the commission can close it
    add_mark(store, YEAR, alpha, "overall", "Петров П.П.", 10, "стенд обновляется каждую неделю", group[TERRITORY])
    add_mark(store, YEAR, alpha, "overall", "Сидорова А.А.", 9.5, "", group[TERRITORY])
    add_mark(store, YEAR, beta, "overall", "Петров П.П.", 0, "", group[TERRITORY])

    results = contest_results(store, YEAR, group[TERRITORY])

    ranking = overall(results).groups[0].ranking
    # weight 1 (the base method's rule): Альфа = index + 9.75, Бета = index + 0
    assert [p.entrant.name for p in ranking] == ["ППО «Альфа»", "ППО «Бета»"]
    assert ranking[0].final == pytest.approx(index_of(store, alpha) + 9.75)
    assert ranking[0].mean_mark == 9.75 and len(ranking[0].entrant.marks) == 2
    assert results.commission == ("Петров П.П.", "Сидорова А.А.")
    document = results_document(results)
    first = document["nominations"][0]
    assert first["id"] == "overall"
    entry = first["groups"][0]["ranking"][0]
    assert set(entry) >= {"organization_id", "name", "score", "place"}
    assert entry["organization_id"] == alpha.uid and entry["score"] == round_figure(ranking[0].final)
    assert entry["method_score"] == round_figure(index_of(store, alpha))


def test_a_component_nomination_ranks_by_the_component_and_its_best_practices_show_the_answers(store, base_profile):
    made = build(store, base_profile, [Spec("ППО «Стенд-неделя»", stand="weekly"), Spec("ППО «Стенд-месяц»")])

    stand = contest_results(store, YEAR).nomination("stand")

    ranking = stand.groups[0].ranking
    # k6.stand is the value of k6.stand_update: weekly 1.0 → 100, monthly 0.5 → 50
    assert [(p.entrant.name, p.entrant.score) for p in ranking] == [("ППО «Стенд-неделя»", 100.0),
                                                                    ("ППО «Стенд-месяц»", 50.0)]  # fmt: skip
    question = base_profile.question("k6.stand_update")
    practice = stand.practices[0]
    assert practice.name == "ППО «Стенд-неделя»" and practice.place == 1
    assert (question.text, question.option("weekly").label) in practice.answers
    assert made  # both organizations were built


def test_no_personal_data_reaches_the_results(store, group):
    results = contest_results(store, YEAR, group[TERRITORY])
    text = json.dumps(results_document(results), ensure_ascii=False) + repr(results)
    assert RESPONDENT not in text and "Председатель ППО" not in text


def test_every_mark_is_kept_with_who_entered_it_and_when_and_is_in_the_journal(store, group):
    store.actor = "секретарь-комиссии"
    alpha = group["ППО «Альфа»"]
    add_mark(store, YEAR, alpha, "stand", "  Петров   П.П. ", parse_points("7,5"), "фото стенда", group[TERRITORY])

    [mark] = marks_document(contest_results(store, YEAR, group[TERRITORY]))
    assert (mark["member"], mark["points"], mark["remark"], mark["marked_by"]) == (
        "Петров П.П.", 7.5, "фото стенда", "секретарь-комиссии",
    )  # fmt: skip
    assert mark["marked_at"] is not None
    [entry] = [e for e in entries(store, alpha, YEAR) if e.action == "mark"]
    assert entry.os_user == "секретарь-комиссии"
    assert entry.detail == {"nomination": "stand", "member": "Петров П.П.", "points": 7.5, "remark": "фото стенда"}


def marks_count(store) -> int:
    import sqlalchemy as sa

    return store.session.execute(sa.text("SELECT count(*) FROM contest_mark")).scalar()


@pytest.mark.parametrize(
    ("who", "nomination", "member", "points", "words"),
    [
        ("ППО «Альфа»", "overall", "Петров П.П.", 10.5, "вне допустимого диапазона"),
        pytest.param("ППО «Альфа»", "overall", "Петров П.П.", -1, "от 0 до 10", marks=pytest.mark.slow),
        pytest.param(
            "ППО «Чужая»", "overall", "Петров П.П.", 5, "не участвует в конкурсе группы", marks=pytest.mark.slow
        ),
        pytest.param("ППО «Черновик»", "overall", "Петров П.П.", 5, "черновик", marks=pytest.mark.slow),
        pytest.param("ППО «Не принята»", "overall", "Петров П.П.", 5, "не принята", marks=pytest.mark.slow),
        pytest.param("ППО «Альфа»", "nothing", "Петров П.П.", 5, "нет номинации «nothing»", marks=pytest.mark.slow),
        pytest.param("ППО «Альфа»", "overall", "   ", 5, "член комиссии", marks=pytest.mark.slow),
        ("ППО «Альфа»", "overall", "петров  п.п.", 5, "уже оценил"),  # the same member, typed otherwise
    ],
)
def test_a_bad_mark_is_refused_in_russian_and_nothing_is_written(store, group, who, nomination, member, points,
                                                                 words):  # fmt: skip
    add_mark(store, YEAR, group["ППО «Альфа»"], "overall", "Петров П.П.", 5, "", group[TERRITORY])
    before, journal = marks_count(store), len(entries(store))

    with pytest.raises(BadInput) as refused:
        add_mark(store, YEAR, group[who], nomination, member, points, "", group[TERRITORY])

    assert words in str(refused.value)
    assert marks_count(store) == before and len(entries(store)) == journal


@settings(max_examples=examples(20), suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(points=st.floats(allow_nan=False, allow_infinity=False, min_value=-1000, max_value=1000))
def test_a_generated_mark_is_kept_exactly_when_it_is_within_the_range(store, group, points):
    alpha = group["ППО «Альфа»"]
    member = f"Член {points!r}"
    before = marks_count(store)
    if 0 <= points <= 10:
        add_mark(store, YEAR, alpha, "overall", member, points)
        assert marks_count(store) == before + 1
    else:
        with pytest.raises(BadInput, match="вне допустимого диапазона"):
            add_mark(store, YEAR, alpha, "overall", member, points)
        assert marks_count(store) == before


@settings(max_examples=examples(60))
@given(text=st.text(max_size=12))
def test_a_typed_mark_is_read_as_the_number_it_means_or_refused_in_russian(text):
    import re

    plain = text.strip().replace(",", ".")
    try:
        value = parse_points(text)
    except BadInput as refused:
        assert "оценка комиссии — число" in str(refused)
        assert not re.fullmatch(r"-?\d{1,3}(\.\d{1,2})?", plain.replace(" ", "").replace("\u00a0", ""))
    else:
        assert value == float(plain.replace(" ", "").replace("\u00a0", "").replace("\u2212", "-"))


@pytest.mark.slow
@settings(max_examples=examples(25), suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(member=st.text(max_size=40), remark=st.text(max_size=60))
def test_a_generated_member_and_remark_are_kept_cleaned_or_refused_with_a_russian_reason(store, group, member, remark):
    import re

    alpha = group["ППО «Альфа»"]
    before = marks_count(store)
    try:
        mark = add_mark(store, YEAR, alpha, "stand", member, 5, remark)
    except BadInput as refused:
        assert str(refused).startswith(("член комиссии", "замечание комиссии", "член комиссии «"))
        assert marks_count(store) == before
        return
    assert mark.member == re.sub(r"\s+", " ", member).strip() and mark.member
    assert mark.remark == remark.strip()
    kept = [m for m in marks_document(contest_results(store, YEAR)) if m["member"] == mark.member]
    assert [(m["remark"], m["nomination"]) for m in kept] == [(mark.remark, "stand")]
