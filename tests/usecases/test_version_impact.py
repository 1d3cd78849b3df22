"""The impact of a new version (issue 28, part 1): figures computed in memory equal what a full rescore stores.

On a generated federation (the demo's answers) and a generated new version of fnpr-base, the impact is computed,
then a copy of the database is really re-scored assessment by assessment (``rescore_assessment``, as
«Пересчитать по новой версии» does) and the same sums are taken over what it stored, read back through the store:
every figure must be equal (floats exactly). The same version gives no change; the database is never written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from impact_data import YEARS, Change, changes, federation_copy, stored_figures, tally_for, version_text
from lanes import examples

from maturity.errors import BadInput
from maturity.method.profile import load_profile
from maturity.storage.impact_source import complete_assessment_ids
from maturity.storage.models import Assessment
from maturity.storage.store import open_store
from maturity.usecases.profiles import install_profile, rescore_assessment
from maturity.usecases.version_impact import version_impact

YEAR = YEARS[-1]


def impact_equals_full_rescore(url: str, change: Change, parent: str | None = None) -> None:
    with open_store(url) as store:
        install_profile(store, version_text("2027.1", change))
        new = store.catalog().find("fnpr-base", "2027.1")
        parent_id = None
        if parent is not None:
            parent_id = store.stored_id(store.find_organization(parent))
        impact = version_impact(store.session, new, YEAR, parent_id)
        assert impact is not None
        ids = complete_assessment_ids(store.session, YEAR, "fnpr-base", parent_id)
        org_ids = [store.session.get(Assessment, i).organization_id for i in ids]
        before = {org_id: stored_figures(store, org_id, YEAR) for org_id in org_ids}

        expected = tally_for(new, YEAR)
        for org_id in org_ids:
            figures, version, name = before[org_id]
            try:
                rescore_assessment(store, org_id, YEAR, "2027.1", by="проверка")
            except BadInput as error:
                assert "не подходят к версии 2027.1" in str(error)
                expected.refuse(org_id, name, str(error).split(": ", 1)[1])
                continue
            after, after_version, _ = stored_figures(store, org_id, YEAR)
            assert after_version == "2027.1"
            expected.add(org_id, name, figures, after, version)
        rescored = expected.impact()

    assert impact.assessments + len(impact.refused) == len(ids)
    assert [r.organization_id for r in impact.refused] == [r.organization_id for r in rescored.refused]
    assert impact.to_json() == rescored.to_json()
    assert impact == rescored  # every figure unrounded: level matrix, index change, KPIs, norms, movers


@pytest.mark.slow
@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=changes())
def test_the_impact_of_a_generated_version_equals_a_full_rescore_of_a_copy(tmp_path: Path, change: Change) -> None:
    impact_equals_full_rescore(federation_copy(tmp_path), change)


@pytest.mark.slow
def test_under_a_parent_the_impact_counts_its_group_only_and_equals_its_rescore(tmp_path: Path) -> None:
    url = federation_copy(tmp_path)
    with open_store(url) as store:
        territorial = next(o for o in store.list_organizations() if o.level == "territorial")
    change = Change(factors={"meetings_target": 3.0, "campaigns_target": 2.0}, level_starts=(10, 30, 50, 70))
    impact_equals_full_rescore(url, change, parent=territorial.uid)


@pytest.mark.slow
def test_targets_made_harder_lower_levels_and_some_organizations_change_level(tmp_path: Path) -> None:
    url = federation_copy(tmp_path)
    with open_store(url) as store:
        install_profile(store, version_text("2027.1", Change(level_starts=(40, 60, 80, 95))))
        impact = version_impact(store.session, store.catalog().find("fnpr-base", "2027.1"), YEAR)
    assert impact is not None and impact.assessments > 0
    assert impact.changed_level > 0  # higher thresholds: nobody rises, and some fall
    assert all(
        ["initial", "basic", "developing", "advanced", "leading"].index(to)
        <= ["initial", "basic", "developing", "advanced", "leading"].index(frm)
        for (frm, to) in impact.matrix
    )
    assert impact.index_changed == 0  # the thresholds do not move the index
    assert impact.changed_level == sum(n for (frm, to), n in impact.matrix.items() if frm != to)


def _file_digest(url: str) -> str:
    return hashlib.sha256(Path(url.removeprefix("sqlite:///")).read_bytes()).hexdigest()


@pytest.mark.slow
def test_the_same_version_gives_no_change_and_nothing_is_written(tmp_path: Path) -> None:
    url = federation_copy(tmp_path)
    with open_store(url) as store:
        same = store.catalog().find("fnpr-base", load_profile("fnpr-base").version)  # the demo's: the newest
    written_before = _file_digest(url)
    with open_store(url) as store:
        impact = version_impact(store.session, same, YEAR)
    assert _file_digest(url) == written_before
    assert impact is not None and impact.assessments > 0
    assert impact.unchanged and impact.changed_level == 0 and impact.index_mean_change == 0.0
    assert impact.index_spread == 0.0 and impact.movers == () and impact.refused == ()
    assert all(n.start_failing == n.stop_failing == 0 for n in impact.norms)
    assert all(k.changed == 0 and k.mean_change == 0.0 for k in impact.kpis)


@pytest.mark.postgres
@pytest.mark.slow
def test_on_postgresql_the_impact_equals_a_full_rescore(postgres_server, tmp_path: Path) -> None:
    from impact_data import YEARS as years

    from maturity.usecases.demo import demo_documents
    from maturity.usecases.importing import import_documents

    name = postgres_server.create_database()
    try:
        url = postgres_server.url(name)
        with open_store(url) as store:
            import_documents(store, demo_documents(seed=11, primaries=25, years=years), on_conflict="replace")
        change = Change(
            factors={"meetings_target": 2.0}, weights={"k3": 3.0}, required=("profile.budget",), lowered_max={}
        )
        impact_equals_full_rescore(url, change)
    finally:
        postgres_server.drop_database(name)


@pytest.mark.slow
def test_a_new_required_question_and_a_lower_bound_make_drafts_and_refusals_counted_as_a_rescore_would(
    tmp_path: Path,
) -> None:
    change = Change(required=("profile.sector",), lowered_max={"k3.info_meetings": 3})
    url = federation_copy(tmp_path)
    with open_store(url) as store:
        install_profile(store, version_text("2027.1", change))
        impact = version_impact(store.session, store.catalog().find("fnpr-base", "2027.1"), YEAR)
    assert impact is not None and impact.became_draft > 0 and len(impact.refused) > 0
    assert all("k3.info_meetings" in r.reason for r in impact.refused)
    impact_equals_full_rescore(federation_copy(tmp_path), change)
