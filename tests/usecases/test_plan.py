"""The plan kept with an assessment: its checks (every received value hostile), its default (the road
map), its round trips through the JSON file and the workbook, and its storage beside the scores."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from plan_strategies import clean_text, plans

from maturity.engine.plan import (
    NOTE_MAX,
    RESPONSIBLE_MAX,
    STATUSES,
    PlanInvalid,
    PlanStep,
    check_plan,
    default_plan,
    done_share,
    step_ids,
)
from maturity.engine.roadmap import recommendations
from maturity.engine.years import YEAR_RANGE
from maturity.exchange.assessment_json import (
    AssessmentDocument,
    AssessmentFileError,
    parse_assessment,
    read_assessment_json,
    write_assessment_json,
)
from maturity.exchange.files import read_assessment_file
from maturity.exchange.workbook_export import write_assessment_workbook

SETTINGS = settings(
    max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def file_with_plan(profile, answers, plan) -> dict:
    return {**AssessmentDocument(profile, 2025, answers).to_json(), "plan": plan}


# ------------------------------------------------------------------ the default plan


def test_the_default_plan_is_the_road_map_planned_in_its_quarters_of_the_next_year(base_profile, example_answers):
    answers = example_answers("primary-small.json")
    road_map = recommendations(base_profile, answers)
    plan = default_plan(base_profile, answers, 2025)
    assert [s.step for s in plan] == [r.ref for r in road_map]
    assert {s.status for s in plan} == {"planned"}
    assert [s.due for s in plan] == [f"2026-Q{r.quarter}" for r in road_map]


# ------------------------------------------------------------------ hostile values


def test_every_step_of_the_profile_is_accepted_and_nothing_else(base_profile):
    ids = step_ids(base_profile)
    assert len(ids) == sum(len(k.components) for k in base_profile.kpis) + len(base_profile.norms)
    assert [s.step for s in check_plan(base_profile, [{"step": i} for i in ids])] == list(ids)


@given(st.text(max_size=40))
@settings(max_examples=examples(60), deadline=None)
def test_a_step_the_profile_does_not_have_is_refused_with_the_reason(text):
    from maturity.method.profile import load_profile

    profile = load_profile("fnpr-base")
    if text in step_ids(profile):
        return
    with pytest.raises(PlanInvalid, match="нет в методике"):
        check_plan(profile, [{"step": text}])


@given(st.one_of(st.text(max_size=20), st.integers(), st.none(), st.booleans(), st.lists(st.text(), max_size=2)))
@settings(max_examples=examples(60), deadline=None)
def test_a_status_outside_the_list_is_refused(status):
    from maturity.engine.plan import STATUS_LABELS
    from maturity.method.profile import load_profile

    profile = load_profile("fnpr-base")
    if isinstance(status, str) and (status.strip() in STATUSES or status.strip().lower() in STATUS_LABELS.values()):
        return
    with pytest.raises(PlanInvalid, match="неизвестный статус"):
        check_plan(profile, [{"step": step_ids(profile)[0], "status": status}])


BAD_DUES = st.one_of(
    st.builds(
        lambda y, q: f"{y}-Q{q}",
        st.integers(0, 9999).filter(lambda y: not YEAR_RANGE[0] <= y <= YEAR_RANGE[1]),
        st.integers(1, 4),
    ).filter(lambda d: len(d) == 7),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(*YEAR_RANGE), st.integers(5, 9) | st.just(0)),
    st.text(max_size=12).filter(lambda t: not __import__("re").match(r"^\s*\d{4}-Q[1-4]\s*$", t) and t != ""),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)


@given(BAD_DUES)
@settings(max_examples=examples(80), deadline=None)
def test_a_due_quarter_not_in_the_form_or_out_of_the_years_is_refused(due):
    from maturity.method.profile import load_profile

    profile = load_profile("fnpr-base")
    with pytest.raises(PlanInvalid, match="срок"):
        check_plan(profile, [{"step": step_ids(profile)[0], "due": due}])


CONTROL = st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\ud800"])


@pytest.mark.parametrize("field, limit", [("responsible", RESPONSIBLE_MAX), ("note", NOTE_MAX)])
@given(data=st.data())
@settings(max_examples=examples(30), deadline=None)
def test_texts_with_control_characters_or_beyond_their_length_are_refused(field, limit, data):
    from maturity.method.profile import load_profile

    profile = load_profile("fnpr-base")
    text = data.draw(
        st.one_of(
            st.builds(lambda a, c, b: a + c + b, clean_text(20), CONTROL, clean_text(20)),
            st.text(st.sampled_from("абвгд xyz"), min_size=limit + 1, max_size=limit + 30).filter(
                lambda t: len(t.strip()) > limit
            ),
            st.integers(),
            st.lists(st.text(), max_size=1, min_size=1),
        )
    )
    with pytest.raises(PlanInvalid):
        check_plan(profile, [{"step": step_ids(profile)[0], field: text}])


@given(data=st.data())
@settings(max_examples=examples(30), deadline=None)
def test_a_step_twice_or_an_unknown_field_or_not_a_list_is_refused(data):
    from maturity.method.profile import load_profile

    profile = load_profile("fnpr-base")
    step = data.draw(st.sampled_from(step_ids(profile)))
    with pytest.raises(PlanInvalid, match="уже есть"):
        check_plan(profile, [{"step": step}, {"step": step, "status": "done"}])
    field = data.draw(
        st.text(min_size=1, max_size=10).filter(lambda k: k not in ("step", "status", "responsible", "due", "note"))
    )
    with pytest.raises(PlanInvalid, match="неизвестное поле"):
        check_plan(profile, [{"step": step, field: "x"}])
    with pytest.raises(PlanInvalid):
        check_plan(profile, data.draw(st.one_of(st.text(), st.integers(), st.dictionaries(st.text(), st.text()))))


def test_a_hostile_plan_in_a_file_refuses_the_file_naming_it(base_profile, example_answers, tmp_path):
    answers = example_answers("primary-small.json")
    data = file_with_plan(base_profile, answers, [{"step": "нет-такого", "status": "done"}])
    with pytest.raises(AssessmentFileError, match="файл.json: план, шаг №1: шага «?нет-такого"):
        parse_assessment(data, "файл.json")


@pytest.mark.subprocess
def test_the_cli_refuses_a_hostile_plan_with_exit_code_2(base_profile, example_answers, tmp_path):
    import subprocess
    import sys

    path = tmp_path / "plan.json"
    data = file_with_plan(
        base_profile, example_answers("primary-small.json"), [{"step": step_ids(base_profile)[0], "due": "2026-Q7"}]
    )
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "maturity", "import", str(path), "--db", f"sqlite:///{tmp_path}/m.db"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "2026-Q7" in run.stderr and "Traceback" not in run.stderr


# ------------------------------------------------------------------ round trips


@given(data=st.data())
@SETTINGS
def test_a_plan_comes_back_from_the_json_file_exactly(base_profile, example_answers, tmp_path, data):
    plan = data.draw(plans(base_profile))
    document = AssessmentDocument(base_profile, 2025, example_answers("primary-small.json"), plan=plan)
    path = tmp_path / "a.json"
    write_assessment_json(document, path)
    assert json.loads(path.read_text(encoding="utf-8"))["plan"] == [s.to_json() for s in plan]
    assert read_assessment_json(path).plan == plan


@pytest.mark.slow
@given(data=st.data())
@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_plan_comes_back_from_the_workbook_sheet_exactly(base_profile, example_answers, tmp_path, data):
    plan = data.draw(plans(base_profile))
    document = AssessmentDocument(base_profile, 2025, example_answers("primary-small.json"), plan=plan)
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(document, path)
    assert read_assessment_file(path).plan == plan


def test_a_file_without_a_plan_has_none_and_writes_no_key(base_profile, example_answers, tmp_path):
    document = AssessmentDocument(base_profile, 2025, example_answers("primary-small.json"))
    assert "plan" not in document.to_json()
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(document, path)
    assert read_assessment_file(path).plan is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "cell, value, reason",
    [
        ("A2", "нет-такого", "нет в методике"),
        ("D2", "почти готов", "неизвестный статус"),
        ("F2", "2026-Q5", "срок"),
        ("E2", '=HYPERLINK("x")', "формул"),
        ("A3", None, "уже есть в строке 2"),
    ],
)
def test_a_hostile_plan_sheet_refuses_the_workbook_naming_the_row(
    base_profile, example_answers, tmp_path, cell, value, reason
):
    from openpyxl import load_workbook

    steps = [PlanStep(i) for i in step_ids(base_profile)[:2]]
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(
        AssessmentDocument(base_profile, 2025, example_answers("primary-small.json"), plan=steps), path
    )
    workbook = load_workbook(path)
    sheet = workbook["План"]
    sheet[cell] = value if value is not None else sheet["A2"].value
    workbook.save(path)
    with pytest.raises(AssessmentFileError.__mro__[1], match=reason):
        read_assessment_file(path)


# ------------------------------------------------------------------ storage


def organization_with_year(store, profile, answers, year=2025):
    org = store.create_organization("ППО «Волга»", "primary")
    store.save_assessment(org, year, profile, answers)
    return org


def test_a_saved_plan_is_read_back_in_its_order_and_rescoring_keeps_it(store, base_profile, example_answers):
    answers = example_answers("primary-small.json")
    org = organization_with_year(store, base_profile, answers)
    steps = [
        PlanStep(i, STATUSES[n % 4], f"Иванова {n}", f"2026-Q{n % 4 + 1}", "прим.")
        for n, i in enumerate(step_ids(base_profile)[:7])
    ]
    steps.reverse()
    store.save_plan(org, 2025, steps)
    assessment = store.get_assessment(org, 2025)
    assert store.get_plan(assessment) == steps
    store.save_assessment(org, 2025, base_profile, dict(list(answers.items())[:-1]))  # rescored, one answer less
    assert store.get_plan(store.get_assessment(org, 2025)) == steps


def test_saving_a_plan_does_not_rescore_or_touch_the_assessment(store, base_profile, example_answers):
    org = organization_with_year(store, base_profile, example_answers("primary-small.json"))
    before = store.get_assessment(org, 2025)
    updated, index = before.updated_at, store.get_score(before).index
    store.save_plan(org, 2025, [PlanStep(step_ids(base_profile)[0], "done")])
    after = store.get_assessment(org, 2025)
    assert after.updated_at == updated and store.get_score(after).index == index


def test_a_hostile_plan_is_refused_by_the_store_and_the_stored_one_is_kept(store, base_profile, example_answers):
    org = organization_with_year(store, base_profile, example_answers("primary-small.json"))
    good = [PlanStep(step_ids(base_profile)[0], "done")]
    store.save_plan(org, 2025, good)
    with pytest.raises(PlanInvalid):
        store.save_plan(org, 2025, [PlanStep(step_ids(base_profile)[1]), PlanStep("k99.none")])
    assert store.get_plan(store.get_assessment(org, 2025)) == good


def test_import_keeps_the_plan_and_export_json_gives_it_back_exactly(store, base_profile, example_answers, tmp_path):
    from maturity.usecases.documents import assessment_document
    from maturity.usecases.importing import import_documents

    plan = [
        PlanStep(i, "in_progress", "Петров П. П.", "2026-Q3", "«кавычки» и ёлки") for i in step_ids(base_profile)[-3:]
    ]
    path = tmp_path / "in.json"
    write_assessment_json(
        AssessmentDocument(base_profile, 2025, example_answers("primary-small.json"), plan=plan), path
    )
    assert import_documents(store, [path]).ok
    (org,) = [o for o in store.list_organizations() if not o.placeholder]
    exported = assessment_document(store, org, 2025)
    assert exported.plan == plan
    out = tmp_path / "out.json"
    write_assessment_json(exported, out)
    assert json.loads(out.read_text(encoding="utf-8"))["plan"] == json.loads(path.read_text(encoding="utf-8"))["plan"]
    # a file without a plan, imported over it, says nothing of the plan: the stored one stays
    bare = tmp_path / "bare.json"
    write_assessment_json(
        AssessmentDocument(
            base_profile, 2025, example_answers("primary-small.json"), meta={"organization_id": org.uid}
        ),
        bare,
    )
    assert import_documents(store, [bare], on_conflict="replace").ok
    assert assessment_document(store, org, 2025).plan == plan


@given(st.lists(st.sampled_from(STATUSES), max_size=12))
@settings(max_examples=examples(40), deadline=None)
def test_the_share_done_leaves_dropped_steps_out(statuses):
    steps = [PlanStep(f"s{i}", s) for i, s in enumerate(statuses)]
    counted = [s for s in statuses if s != "dropped"]
    expected = None if not counted else counted.count("done") / len(counted)
    assert done_share(steps) == expected


def test_the_report_gives_each_organization_its_share_of_steps_done(store, base_profile, example_answers, tmp_path):
    from openpyxl import load_workbook

    from maturity.exchange.report_export import SUMMARY_SHEET
    from maturity.usecases.report_source import export_report

    answers = example_answers("primary-small.json")
    org = organization_with_year(store, base_profile, answers)
    other = store.create_organization("ППО «Кама»", "primary")
    store.save_assessment(other, 2025, base_profile, {**answers, "profile.name": "ППО «Кама»"})
    ids = step_ids(base_profile)
    # 2 done of 3 counted (one dropped): 67 %
    store.save_plan(
        org,
        2025,
        [PlanStep(ids[0], "done"), PlanStep(ids[1], "done"), PlanStep(ids[2], "planned"), PlanStep(ids[3], "dropped")],
    )
    path = tmp_path / "report.xlsx"
    export_report(store, 2025, path)
    sheet = load_workbook(path)[SUMMARY_SHEET]
    header = [c.value for c in sheet[2]]
    column = header.index("План, %")
    shares = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=3)}
    assert shares == {store.get_organization(org.id).name: 67, "ППО «Кама»": "—"}
