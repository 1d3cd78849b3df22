"""The passport's content, assembled in the core without Qt: figures with the change since last year, the
KPI table, the failed norms, the plan, last year's plan results and the peers — on hand-built data."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.benchmark import PERCENTILES, Benchmark, BenchmarkGroup, Spread
from maturity.engine.plan import STATUS_LABELS, PlanStep, default_plan, step_text, step_title
from maturity.engine.plan_review import review_plan
from maturity.engine.roadmap import recommendations
from maturity.engine.scoring import score
from maturity.engine.year_change import EarlierYear
from maturity.errors import BadInput
from maturity.method.profile import load_profile
from maturity.usecases.passport import passport_content, passport_from_store
from maturity.views.roadmap_labels import roadmap_subject

PROFILE = load_profile("fnpr-base", "2025.1")  # pinned: the figures below were worked out under 2025.1
ANSWERS = json.loads((Path(__file__).resolve().parents[2] / "examples" / "primary-small.json").read_text("utf-8"))[
    "answers"
]
RESULT = score(PROFILE, ANSWERS)  # index 58.41…, digital index 26.0
LEVEL = PROFILE.organization_fact(ANSWERS, "level")
FIRST, SECOND = PROFILE.kpis[0], PROFILE.kpis[1]


def earlier(**changes) -> EarlierYear:
    """2024: index 45.4576 (reads 45,5), digital 17.84, the first KPI 0, the second not scored."""
    kpis = dict(RESULT.kpis) | {FIRST.id: 0.0, SECOND.id: None}
    fields = {
        "year": 2024,
        "index": 45.4576,
        "level": RESULT.level,
        "kpis": kpis,
        "norms": {n: o.status for n, o in RESULT.norms.items()},
        "digital_index": 17.84,
    }
    return EarlierYear(**(fields | changes))


def passport(**options):
    options.setdefault("organization_name", "ППО школы № 7")
    options.setdefault("draft", False)
    return passport_content(PROFILE, 2025, ANSWERS, RESULT, **options)


def test_the_figures_state_the_change_between_the_reported_figures():
    index, level, digital = passport(earlier=earlier()).figures
    assert index.value == "58,4"
    # 58,4 − 45,5 = +12,9 (the raw difference 12.95 would read +13,0)
    assert index.change == "+12,9 к 2024 году (было 45,5)"
    assert digital.value == "26,0" and digital.change == "+8,2 к 2024 году (было 17,8)"
    assert level.value == PROFILE.level_label(RESULT.level) and level.change == "как и в 2024 году"


def test_a_level_that_changed_names_the_earlier_one():
    other = next(level for level in PROFILE.data.maturity_levels if level.id != RESULT.level)
    level = passport(earlier=earlier(level=other.id)).figures[1]
    assert level.change == f"в 2024 году — {other.label}"


def test_without_an_earlier_year_there_is_no_change_and_no_earlier_column():
    content = passport()
    assert all(figure.change == "" for figure in content.figures)
    assert content.kpi_columns == ("Показатель", "2025 год")
    assert content.year_before is None and content.radar.previous is None and content.norm_changes == ()


def test_the_kpi_table_has_both_years_and_the_change_of_each_kpi():
    content = passport(earlier=earlier())
    assert content.kpi_columns == ("Показатель", "2024 год", "2025 год", "Изменение")
    first, second = content.kpis[0], content.kpis[1]
    assert first.title == f"{FIRST.id.upper()}. {FIRST.title}"
    assert (first.before, first.now, first.change) == ("0,0", "44,0", "+44,0")
    assert (second.before, second.now, second.change) == ("не оценивается", "50,0", "—")
    assert content.radar.previous[FIRST.id] == 0.0 and content.radar.previous_label == "2024 год"


def test_the_failed_norms_are_listed_with_their_reasons_and_only_they():
    content = passport()
    failed = [n for n in PROFILE.norms if RESULT.norms[n.id].status == "fail"]
    assert len(failed) == 3
    assert [(line.title, line.reason) for line in content.norms_failed] == [
        (n.title, RESULT.norms[n.id].reason) for n in failed
    ]
    assert "2,5 % — ниже норматива 5 %" in [line.reason for line in content.norms_failed]


def test_a_norm_met_since_last_year_is_said_so():
    failed_before = next(n for n in PROFILE.norms if RESULT.norms[n.id].status == "pass")
    norms = {n: o.status for n, o in RESULT.norms.items()} | {failed_before.id: "fail"}
    content = passport(earlier=earlier(norms=norms))
    assert content.norm_changes == (f"Выполнен, а в 2024 году нет: {failed_before.title}",)


def test_the_kept_plan_is_shown_with_the_responsible_and_the_quarter():
    road_map = default_plan(PROFILE, ANSWERS, 2025)
    kept = [PlanStep(road_map[1].step, "in_progress", "Иванова Е. В.", "2026-Q2", "смета"), PlanStep(road_map[0].step)]
    content = passport(plan=kept, plan_saved=True)
    assert content.plan_heading == "План на 2026 год" and content.plan_note == ""
    first = content.plan[0]
    assert first.what == step_text(PROFILE, road_map[1].step, ANSWERS)
    assert (first.responsible, first.quarter, first.status, first.note) == (
        "Иванова Е. В.",
        "II кв. 2026",
        STATUS_LABELS["in_progress"],
        "смета",
    )
    assert (content.plan[1].responsible, content.plan[1].quarter) == ("—", "—")


def test_until_a_plan_is_kept_the_road_map_is_the_plan_and_says_so():
    content = passport()
    # word for word as the road map: what is left to do, the KPI by its title, a norm by its name
    road_map = recommendations(PROFILE, ANSWERS, RESULT)
    assert [line.what for line in content.plan] == [r.text for r in road_map]
    assert [line.kpi for line in content.plan] == [roadmap_subject(r) for r in road_map]
    assert "ещё не утверждён" in content.plan_note


def test_the_plan_names_only_the_options_still_missing():
    chosen = ["web_form", "bot"]  # «форма на сайте» and the chat-bot are there already
    answers = ANSWERS | {"k7.feedback_forms": chosen}
    content = passport_content(PROFILE, 2025, answers, score(PROFILE, answers), organization_name="ППО", draft=False)
    line = next(line for line in content.plan if line.what.startswith("Добавьте формы обратной связи"))
    question = PROFILE.question("k7.feedback_forms")
    for option in question.options:
        assert (option.label.lower() in line.what.lower()) is (option.id not in chosen), option.label


def last_year_review(statuses: dict[str, str]):
    """Last year's plan (the 2024 road map of weaker answers) with the given statuses, against 2025."""
    before_answers = ANSWERS | {"k8.member_registry": "paper", "k6.members_reached": 30}
    before = score(PROFILE, before_answers)
    steps = [PlanStep(s.step, statuses.get(s.step, "planned")) for s in default_plan(PROFILE, before_answers, 2024)]
    return steps, review_plan(PROFILE, steps, before, RESULT, 2024, 2025)


def test_last_years_plan_shows_the_done_steps_with_their_outcome_and_counts_the_rest():
    road_map = default_plan(PROFILE, ANSWERS | {"k8.member_registry": "paper", "k6.members_reached": 30}, 2024)
    done = road_map[0].step
    steps, review = last_year_review({done: "done"})
    content = passport(review=review)
    results = content.last_year
    assert results is not None
    assert results.heading == "Итоги: план на 2025 год"  # named as it was made: «План на 2025 год»
    assert results.summary.startswith(f"План на 2025 год: выполнено шагов 1 из {len(steps)}")
    (line,) = results.done
    assert line.what == step_title(PROFILE, done)
    assert line.verdict_id == review.outcomes[0].verdict
    # every step not done is in this year's road map again, or named with its status
    this_year = {s.step for s in default_plan(PROFILE, ANSWERS, 2025)}
    carried = [s for s in steps[1:] if s.step in this_year]
    left = [s for s in steps[1:] if s.step not in this_year]
    assert results.not_done.startswith(f"Не выполнены {len(steps) - 1} шаг")
    if left:
        assert f"{len(carried)} из них вошли в план на 2026 год" in results.not_done
        for step in left:
            assert f"{step_title(PROFILE, step.step)} ({STATUS_LABELS['planned']})" in results.not_done


@pytest.mark.parametrize(
    ("count", "words"), [(1, "1 шаг"), (3, "3 шага"), (11, "11 шагов"), (21, "21 шаг"), (14, "14 шагов")]
)
def test_the_count_of_steps_not_done_reads_in_russian(count, words):
    from maturity.usecases.passport import _not_done_text

    assert _not_done_text(count, [], 2025) == f"Не выполнены {words}; все они вошли в план на 2026 год."


def test_all_steps_done_leave_no_not_done_sentence():
    steps, _ = last_year_review({})
    _, review = last_year_review({s.step: "done" for s in steps})
    assert passport(review=review).last_year.not_done == ""


def benchmark(level: str | None) -> Benchmark:
    spread = Spread(120, 50.0, (20.0, 30.0, 50.0, 60.0, 80.0))
    kpis = {k.id: spread for k in PROFILE.kpis}
    group = BenchmarkGroup(level or "", 120, kpis, spread, spread)
    return Benchmark(2025, PROFILE.id, PROFILE.version, (group,))


def test_peers_add_the_percentile_and_the_median_to_each_kpi():
    assert PERCENTILES == (10, 25, 50, 75, 90)
    content = passport(benchmark=benchmark(LEVEL))
    assert content.kpi_columns[-2:] == ("Среди других", "Медиана")
    assert content.has_peers
    # the first KPI 44,0 lies between p25 = 30 and p50 = 50: 25 + 25 · 14/20 = 42,5 → «43-й процентиль»
    assert (content.kpis[0].percentile, content.kpis[0].median) == ("43-й процентиль", "50,0")
    # the index 58,41 between p50 = 50 and p75 = 60: 50 + 25 · 8,41/10 = 71,0
    assert content.figures[0].peers == "среди 120: 71-й процентиль, медиана 50,0"
    assert content.radar.band[FIRST.id] == (30.0, 60.0)
    assert "Сравнение с организациями уровня" in content.peers_note


def test_a_benchmark_without_the_organizations_level_says_there_is_no_one_to_compare_with():
    other = next(level for level in PROFILE.organization_level_ids if level != LEVEL)
    content = passport(benchmark=benchmark(other))
    assert not content.has_peers and "Среди других" not in content.kpi_columns
    assert "сравнивать не с кем" in content.peers_note and content.radar.band is None


def test_a_draft_shows_its_index_range_and_a_level_only_when_the_range_fits_one():
    from maturity.engine.draft_range import index_range
    from maturity.views.draft_text import range_text

    order = [q.id for s in PROFILE.sections for q in s.questions if q.id in ANSWERS]
    answers = {qid: ANSWERS[qid] for qid in order[: len(order) // 3]}
    content = passport_content(PROFILE, 2025, answers, score(PROFILE, answers), organization_name="ППО", draft=True)
    span = index_range(PROFILE, answers)
    assert content.figures[0].value == range_text(span) and content.figures[0].value.startswith("от ")
    assert content.figures[1].value == "пока не ясен"
    assert [f.provisional for f in content.figures] == [True, True, False]
    # a draft whose answers settle every KPI: the range is the one figure and its level is certain
    point = passport(draft=True)
    assert point.figures[0].value == "58,4" and point.figures[1].value == PROFILE.level_label(RESULT.level)
    assert [f.provisional for f in point.figures] == [True, False, False]


def test_the_passport_from_the_store_has_last_year_and_the_kept_plan(store):
    org = store.create_organization("ППО школы № 7", "primary", members=ANSWERS["profile.members"])
    before_answers = ANSWERS | {"k8.member_registry": "paper"}
    store.save_assessment(org, 2024, PROFILE, before_answers)
    last_plan = default_plan(PROFILE, before_answers, 2024)
    store.save_plan(org, 2024, [PlanStep(s.step, "done") for s in last_plan])
    store.save_assessment(org, 2025, PROFILE, ANSWERS)
    kept = [PlanStep(default_plan(PROFILE, ANSWERS, 2025)[0].step, "planned", "Петров А. С.", "2026-Q1")]
    store.save_plan(org, 2025, kept)

    content = passport_from_store(store, org, 2025)
    # the organization takes its name from the answers of its latest year
    assert content.organization == ANSWERS["profile.name"] and content.year == 2025 and content.year_before == 2024
    assert content.method == f"{PROFILE.title}, версия {PROFILE.version}"
    assert [(p.responsible, p.quarter) for p in content.plan] == [("Петров А. С.", "I кв. 2026")]
    assert content.last_year is not None and len(content.last_year.done) == len(last_plan)
    assert content.figures[0].value == "58,4" and not content.draft
    with pytest.raises(BadInput, match="нет оценки за 2023 год"):
        passport_from_store(store, org, 2023)


# ------------------------------------------------------------------ hostile names in the HTML

MARKUP = ["<b>&", "</td></tr></table>", "&amp;", "<img src=x>", '"', "'", "<br>", "&nbsp;", "«»", "<!--"]
hostile_text = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(MARKUP)), max_size=12).map("".join)


def structure(html: str) -> tuple[int, ...]:
    """How many tables, rows, cells and images the HTML has."""
    return tuple(html.count(tag) for tag in ("<table", "</table>", "<tr>", "<td", "<img", "<br>"))


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile_text.filter(lambda s: s.strip()), responsible=hostile_text, note=hostile_text)
def test_every_text_of_a_hostile_passport_is_escaped_in_the_html(name, responsible, note):
    from ui.passport.html import passport_html

    step = default_plan(PROFILE, ANSWERS, 2025)[0].step
    content = passport(organization_name=name, plan=[PlanStep(step, "planned", responsible, None, note)])
    plain_step = PlanStep(step, "planned", "Иванова" if responsible else "", None, "примечание" if note else "")
    plain = passport(organization_name="ППО", plan=[plain_step])
    html = passport_html(content)
    for value in (content.organization, responsible, note):
        if value:
            assert escape(value, quote=True) in html
    # the markup in the names adds no table, row, cell, image or line break: it is text
    assert structure(html) == structure(passport_html(plain))
