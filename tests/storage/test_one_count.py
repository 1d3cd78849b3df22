"""One «X из Y» everywhere: the comparison window's cards (from the columns it holds, and in SQL), «Кто сдал»
and ``maturity status`` count the same organizations — placeholders never expected — for any tree, any
states and any filter (the maturity level narrows the average, never «X из Y»). SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from workbook_helpers import example

from maturity.cli.parser import main
from maturity.storage.comparison import ComparisonFilter, summary
from maturity.storage.comparison_frame import load_frame
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization, OrganizationCode
from maturity.storage.submissions import Scope, submissions, totals
from maturity.usecases.submission_status import status_document

PROPERTY = settings(
    max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BASE = example()
LEVELS = ("primary", "territorial")
REGIONS = ("Самарская область", "Тверская область")
MATURITY = (None, "initial", "basic", "developing", "advanced", "leading")

organizations = st.lists(
    st.tuples(
        st.sampled_from(LEVELS),
        st.sampled_from(REGIONS),
        st.booleans(),  # a placeholder
        st.sampled_from(("missing", "draft", "complete")),
        st.integers(0, 10),  # the parent: one of the earlier organizations (or none)
    ),
    min_size=1,
    max_size=9,
)


def empty(store) -> None:
    for table in (AssessmentKpi, AssessmentScore, Assessment, OrganizationCode, Organization):
        store.session.execute(sa.delete(table.__table__))
    store.session.commit()
    store.session.expunge_all()


@PROPERTY
@given(
    orgs=organizations,
    parent=st.integers(-1, 9),
    level=st.sampled_from((None, *LEVELS)),
    region=st.sampled_from((None, *REGIONS)),
    maturity=st.sampled_from(MATURITY),
)
def test_the_cards_who_has_submitted_and_status_give_the_same_x_of_y(store, orgs, parent, level, region, maturity):
    empty(store)
    ids: list[int] = []
    for number, (org_level, org_region, placeholder, state, up) in enumerate(orgs):
        org = store.create_organization(
            f"Организация {number}",
            None if placeholder else org_level,
            region=None if placeholder else org_region,
            placeholder=placeholder,
            parent=ids[up] if ids and up < len(ids) else None,
        )
        ids.append(store.stored_id(org))
        if state != "missing" and not placeholder:  # a placeholder has no assessment: its own would make it real
            answers = {**BASE.answers, "profile.level": org_level, "profile.region": org_region}
            store.save_assessment(org, 2025, BASE.profile, answers, status="draft" if state == "draft" else None)
    store.session.commit()
    parent_id = ids[parent] if 0 <= parent < len(ids) else None
    f = ComparisonFilter(2025, parent_id=parent_id, level=level, region=region, maturity_level=maturity)

    counted = totals(submissions(store.session, 2025, Scope(parent_id, level, region)))
    cards = load_frame(store.session, 2025).summary(f)
    in_sql = summary(store.session, f)

    expected_orgs = [
        i for i, o in enumerate(orgs) if not o[2] and (level is None or o[0] == level) and (region in (None, o[1]))
    ]
    assert counted.expected <= len(expected_orgs)  # the subtree narrows it further; placeholders never in it
    assert (cards.submitted, cards.expected) == (counted.complete, counted.expected)
    assert (in_sql.submitted, in_sql.expected) == (counted.complete, counted.expected)
    assert cards.assessed == in_sql.assessed <= cards.submitted
    if maturity is None:
        assert cards.assessed == cards.submitted


def test_status_prints_the_count_the_cards_show(db_url, store, capsys):
    territory = store.create_organization("Обком", "territorial")
    store.create_organization("Федерация (заготовка)", placeholder=True)
    done = store.create_organization("ППО Завод", "primary", parent=territory)
    store.create_organization("ППО Школа", "primary", parent=territory)
    store.save_assessment(done, 2025, BASE.profile, {**BASE.answers, "profile.name": "ППО Завод"})
    store.session.commit()
    cards = load_frame(store.session, 2025).summary(ComparisonFilter(2025))

    assert main(["status", "--year", "2025", "--db", db_url]) == 0
    printed = capsys.readouterr().out
    assert (cards.submitted, cards.expected) == (1, 3)  # the placeholder is not expected
    assert f"Сдали {cards.submitted} из {cards.expected}" in printed
    document = status_document(2025, None, submissions(store.session, 2025))
    assert (document["totals"]["complete"], document["totals"]["expected"]) == (1, 3)
