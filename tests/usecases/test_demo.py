"""Demonstration data: a believable federation over three years, ready for the comparison views."""

from __future__ import annotations

import random
from collections import Counter

import pytest
import sqlalchemy as sa
from comparison_table import comparison_table

from maturity.cli.parser import main
from maturity.engine.validation import errors_only, validate_answers
from maturity.errors import BadInput
from maturity.method.profile import load_profile
from maturity.storage import queries
from maturity.storage.models import Assessment, Organization
from maturity.usecases.demo import YEARS, demo_assessments, demo_federation, fill_demo

SMALL = 40  # primary organizations: enough for the tests, quick on both databases


def test_the_federation_has_every_level_under_a_union_or_association_at_the_top():
    orgs = demo_federation(random.Random(1), primaries=SMALL)

    levels = Counter(o.level for o in orgs)
    assert levels["primary"] == SMALL and levels["territorial"] >= 6 and levels["union"] >= 1
    assert levels["association"] >= 1
    assert all(o.parent is None for o in orgs if o.level in ("union", "association"))
    assert all(o.parent.level == "territorial" for o in orgs if o.level == "primary")
    assert len({o.region for o in orgs}) >= 5
    assert all(30 <= o.members <= 30_000 for o in orgs)
    assert len({o.name for o in orgs}) == len(orgs)
    assert all(o.name.startswith("Первичная профсоюзная организация") for o in orgs if o.level == "primary")


def test_the_answers_pass_validation_and_some_are_drafts():
    profile = load_profile("fnpr-base")
    _orgs, assessments = demo_assessments(seed=5, primaries=200, profile=profile)

    items = list(assessments)
    assert all(errors_only(validate_answers(profile, item.answers)) == [] for item in items)
    assert {item.year for item in items} == set(YEARS)
    assert any(item.draft for item in items) and not any(item.draft for item in items if item.year != YEARS[-1])


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    def first_answers(seed):
        _orgs, assessments = demo_assessments(seed=seed, primaries=SMALL)
        return next(assessments).answers

    assert first_answers(3) == first_answers(3)
    assert first_answers(3) != first_answers(4)


def test_the_demo_fills_a_database_where_comparisons_work_at_once(store):
    summary = fill_demo(store, primaries=SMALL)

    assert "Демонстрационные данные добавлены" in summary
    assert queries.years(store.session) == [2025, 2024, 2023]
    union = (
        store.session.execute(sa.select(Organization.id).where(Organization.level == "union").order_by(Organization.id))
        .scalars()
        .first()
    )
    rows = comparison_table(store.session, 2025, parent_id=union)
    assert len(rows) > SMALL // 2
    changes = [r.index_change for r in rows if r.index_change is not None]
    assert any(c > 0 for c in changes) and any(c < 0 for c in changes)  # some improve, some decline
    assert len({r.maturity_level for r in rows}) >= 3
    assert {r.level for r in comparison_table(store.session, 2025)} == {
        "primary",
        "territorial",
        "association",
        "union",
    }


def test_the_demo_refuses_a_database_that_already_has_organizations(store):
    store.create_organization("Наша организация", "primary")

    with pytest.raises(BadInput, match="уже есть организации"):
        fill_demo(store, primaries=SMALL)
    assert store.count_organizations() == 1


def test_with_force_the_demo_is_added_beside_other_organizations(store):
    store.create_organization("Наша организация", "primary")

    fill_demo(store, primaries=SMALL, force=True)

    assert store.count_organizations() == 1 + len(demo_federation(random.Random(2025), primaries=SMALL))


def test_with_force_a_second_demo_refreshes_the_first_instead_of_doubling_it(store):
    fill_demo(store, primaries=SMALL)
    organizations = store.count_organizations()
    assessments = store.session.execute(sa.select(sa.func.count()).select_from(Assessment)).scalar()

    fill_demo(store, primaries=SMALL, force=True)

    assert store.count_organizations() == organizations
    assert store.session.execute(sa.select(sa.func.count()).select_from(Assessment)).scalar() == assessments


def test_the_demo_command(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.db'}"

    assert main(["demo", "--db", url]) == 0
    assert "Демонстрационные данные добавлены" in capsys.readouterr().out
    assert main(["demo", "--db", url]) == 2
    assert "--force" in capsys.readouterr().err

    engine = sa.create_engine(url)
    with engine.connect() as connection:
        organizations = connection.execute(sa.select(sa.func.count()).select_from(Organization)).scalar()
        assessments = connection.execute(sa.select(sa.func.count()).select_from(Assessment)).scalar()
    engine.dispose()
    assert 200 <= organizations <= 400 and assessments > 2 * organizations


def test_the_demo_sectors_are_from_the_profiles_list_of_sectors():
    import random

    from maturity.method.demo_federation import demo_federation
    from maturity.method.profile import load_profile

    profile = load_profile("fnpr-base")
    listed = profile.question(profile.organization_question("sector")).suggested
    sectors = {org.sector for org in demo_federation(random.Random(3), primaries=40)} - {None}  # associations: none
    assert len(sectors) == 2 and sectors <= set(listed)
