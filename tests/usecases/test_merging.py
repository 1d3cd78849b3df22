"""Merging two records of one organization: everything of OTHER moves to KEEP, or nothing changes.

Generated trees and years on SQLite and PostgreSQL: a merge either moves every assessment (with its
scores, plan and re-scorings), every child and every code of OTHER to KEEP and records it, or is refused
with a Russian reason — a year both have (named), or KEEP under OTHER (a loop) — and the base is as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from workbook_helpers import example

from maturity.cli.parser import main
from maturity.engine.plan import PlanStep, step_ids
from maturity.errors import BadInput
from maturity.storage.models import (
    Assessment,
    AssessmentKpi,
    AssessmentPlanStep,
    AssessmentScore,
    Organization,
    OrganizationCode,
    OrganizationMerge,
)
from maturity.usecases.importing import import_documents
from maturity.usecases.merging import merge_organizations, merges_of

PROPERTY = settings(
    max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BASE = example()
TABLES = (AssessmentPlanStep, AssessmentKpi, AssessmentScore, Assessment, OrganizationCode, OrganizationMerge,
          Organization)  # fmt: skip


def empty(store) -> None:
    for table in TABLES:
        store.session.execute(sa.delete(table.__table__))
    store.session.commit()
    store.session.expunge_all()


def state(store) -> dict:
    """Everything a merge may touch, as plain values."""
    read = store.session.execute
    return {
        "orgs": sorted(read(sa.select(Organization.id, Organization.parent_id, Organization.placeholder)).all()),
        "assessments": sorted(read(sa.select(Assessment.id, Assessment.organization_id, Assessment.year)).all()),
        "plans": sorted(read(sa.select(AssessmentPlanStep.assessment_id, AssessmentPlanStep.step)).all()),
        "codes": sorted(read(sa.select(OrganizationCode.code, OrganizationCode.organization_id)).all()),
        "merges": read(sa.select(sa.func.count()).select_from(OrganizationMerge)).scalar(),
    }


trees = st.lists(
    st.tuples(st.integers(0, 10), st.sets(st.sampled_from((2023, 2024, 2025)), max_size=2)), min_size=2, max_size=6
)  # (the parent: an earlier organization, or none; the years it has an assessment of)


@PROPERTY
@given(tree=trees, pair=st.tuples(st.integers(0, 5), st.integers(0, 5)))
def test_a_merge_moves_everything_to_keep_or_is_refused_and_changes_nothing(store, tree, pair):
    empty(store)
    orgs = []
    for number, (up, years) in enumerate(tree):
        parent = orgs[up] if orgs and up < len(orgs) else None
        org = store.create_organization(f"Организация {number}", "primary", parent=parent, uid=f"код-{number}")
        orgs.append(org)
        for year in sorted(years):
            store.save_assessment(org, year, BASE.profile, BASE.answers)
            store.save_plan(org, year, [PlanStep(step_ids(BASE.profile)[0], "planned")])
    store.session.commit()
    keep, other = orgs[pair[0] % len(orgs)], orgs[pair[1] % len(orgs)]
    keep_years, other_years = tree[pair[0] % len(orgs)][1], tree[pair[1] % len(orgs)][1]
    other_id, other_uid, other_name = other.id, other.uid, other.name
    under_other = keep.id in subtree(store, other.id)
    before = state(store)
    moving = [a for a in before["assessments"] if a[1] == other.id]
    children = [o for o in before["orgs"] if o[1] == other.id and o[0] != keep.id]

    try:
        outcome = merge_organizations(store, keep, other)
    except BadInput as refused:
        assert state(store) == before  # refused: nothing changed
        reason = str(refused)
        if keep.id == other.id:
            assert "одна и та же" in reason
        elif keep_years & other_years:
            assert all(str(y) in reason for y in keep_years & other_years) and "оценка за" in reason
        else:
            assert under_other and "круг подчинения" in reason
        return
    assert keep.id != other_id and not keep_years & other_years and not under_other
    after = state(store)
    assert other_id not in [o[0] for o in after["orgs"]]
    assert sorted(a[0] for a in after["assessments"] if a[1] == keep.id) == sorted(
        a[0] for a in [*before["assessments"]] if a[1] in (keep.id, other_id)
    )  # the same assessment rows (scores, plans, re-scorings follow them)
    assert after["plans"] == before["plans"]
    assert all(o[1] == keep.id for o in after["orgs"] if o[0] in [c[0] for c in children])
    assert (outcome.assessments, outcome.children) == (len(moving), len(children))
    assert store.organization_by_uid(other_uid).id == keep.id  # OTHER's code now finds KEEP
    [record] = merges_of(store, store.get_organization(keep.id))
    assert (record.merged_uid, record.merged_name) == (other_uid, other_name)
    assert not subtree_loops(store)


def subtree(store, org_id: int) -> set[int]:
    from maturity.storage.queries import subtree_ids

    return subtree_ids(store.session, org_id)


def subtree_loops(store) -> bool:
    parent_of = dict(store.session.execute(sa.select(Organization.id, Organization.parent_id)).all())
    for start in parent_of:
        seen, node = set(), parent_of[start]
        while node is not None and node not in seen:
            if node == start:
                return True
            seen.add(node)
            node = parent_of.get(node)
    return False


def test_a_split_territory_is_merged_and_its_next_files_attach_to_the_kept_record(db_url, store, tmp_path, capsys):
    real = store.create_organization("Обком", "territorial", uid="код-обкома")
    twin = store.create_organization("Обком (копия)", "territorial", uid="код-копии")
    child = store.create_organization("ППО Школа", "primary", parent=twin, uid="код-школы")
    store.save_assessment(real, 2025, BASE.profile, {**BASE.answers, "profile.name": "Обком"})
    store.save_assessment(twin, 2024, BASE.profile, {**BASE.answers, "profile.name": "Обком (копия)"})
    store.session.commit()

    assert main(["orgs", "merge", "код-обкома", "код-копии", "--db", db_url]) == 0
    printed = capsys.readouterr().out
    assert "объединена с «Обком»" in printed and "перенесено оценок — 1, подчинённых организаций — 1" in printed

    store.session.expire_all()
    assert store.count_organizations() == 2
    assert store.get_organization(child.id).parent_id == real.id
    assert [a.year for a in store.list_assessments(real)] == [2024, 2025]
    assert store.codes_of(real) == ["код-копии"]
    document = example()
    document.meta["organization_id"] = "код-копии"
    document.answers["profile.name"] = "Обком"
    document.answers.pop("profile.parent")
    report = import_documents(store, [document], on_conflict="replace")  # the twin's code now finds the kept one
    assert report.imported and store.count_organizations() == 2
    assert [a.year for a in store.list_assessments(real)] == [2024, 2025]

    assert main(["orgs", "merge", "код-обкома", "код-школы", "--db", db_url]) == 0  # no common year: fine
    capsys.readouterr()
    other = store.create_organization("Ещё обком", "territorial", uid="код-ещё")
    store.save_assessment(other, 2025, BASE.profile, {**BASE.answers, "profile.name": "Ещё обком"})
    store.session.commit()
    assert main(["orgs", "merge", "код-обкома", "код-ещё", "--db", db_url]) == 2
    error = capsys.readouterr().err
    assert "у обеих организаций есть оценка за 2025 год" in error and "Traceback" not in error
