"""«Под организацией» means one set everywhere: the organization itself and everything under it.

The comparison window's filter, ``maturity export --parent`` (the report), ``status --parent``,
``benchmark --parent`` and ``orgs --parent`` all read :func:`maturity.storage.queries.group_ids`; on
random trees, on SQLite and PostgreSQL, they list the same organizations as the tree says in Python.
"""

from __future__ import annotations

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from test_submissions import BASE, subtree

from maturity.engine.benchmark import MIN_GROUP
from maturity.engine.record import build_record
from maturity.storage.comparison import ComparisonFilter, comparison_ids
from maturity.storage.models import Assessment, AssessmentScore, Organization
from maturity.storage.store import RecordWrite
from maturity.storage.submissions import Scope, register_rows, submissions
from maturity.usecases.benchmark import make_benchmark
from maturity.usecases.report_source import report_entries

YEAR = 2025
PROPERTY = settings(
    max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
COMPLETE = build_record(BASE.profile, YEAR, BASE.answers, status="complete")


@st.composite
def trees(draw) -> list[int | None]:
    """The parent (an earlier index, or None) of each organization."""
    count = draw(st.integers(1, 14))
    return [draw(st.none() | st.integers(0, i - 1)) if i else None for i in range(count)]


def build(store, parents: list[int | None], names: list[str] | None = None) -> list[Organization]:
    for table in (AssessmentScore, Assessment, Organization):
        store.session.execute(sa.delete(table.__table__))
    store.session.commit()
    store.session.expunge_all()
    orgs: list[Organization] = []
    for i, parent in enumerate(parents):
        name = names[i] if names else f"ППО № {i}"
        org = store.create_organization(name, "primary", parent=orgs[parent] if parent is not None else None)
        orgs.append(org)
    with store.atomic():
        store.write_records([RecordWrite(org.id, COMPLETE, None, sync_organization=False) for org in orgs])
    return orgs


@PROPERTY
@given(parents=trees(), data=st.data())
def test_the_window_export_status_benchmark_and_orgs_agree_that_the_parent_is_in_its_group(store, parents, data):
    orgs = build(store, parents)
    root = data.draw(st.integers(0, len(parents) - 1))
    wanted = {orgs[i].uid for i in subtree([(parent,) for parent in parents], root)}  # as in Python
    uid_of = {org.id: org.uid for org in orgs}
    session, parent = store.session, orgs[root]

    window = {uid_of[i] for i in comparison_ids(session, ComparisonFilter(YEAR, parent_id=parent.id))}
    report = {entry.organization_id for entry in report_entries(session, YEAR, parent)}
    status = {row.organization_id for row in submissions(session, YEAR, Scope(parent.id))}
    register = {row.organization_id for row in register_rows(session, parent.id)}

    assert window == report == status == register == wanted
    assert parent.uid in window  # the group's own line is in it
    groups = make_benchmark(session, BASE.profile, YEAR, parent.id).groups
    assert [g.n for g in groups] == ([len(wanted)] if len(wanted) >= MIN_GROUP else [])


def test_the_table_status_register_and_report_list_names_in_natural_order(store):
    names = ["ППО № 10", "ппо № 2", "ППО № 1", "ППО Ёлочка", "ППО елка № 3", "ППО № 02"]
    orgs = build(store, [None] * len(names), names)
    expected = ["ППО елка № 3", "ППО Ёлочка", "ППО № 1", "ППО № 02", "ппо № 2", "ППО № 10"]  # ё as е, any case
    session, name_of = store.session, {org.id: org.name for org in orgs}

    table = [name_of[i] for i in comparison_ids(session, ComparisonFilter(YEAR), "name")]
    backwards = [name_of[i] for i in comparison_ids(session, ComparisonFilter(YEAR), "name", descending=True)]
    status = [row.name for row in submissions(session, YEAR)]
    register = [row.name for row in register_rows(session)]
    report = [entry.name for entry in report_entries(session, YEAR)]

    assert table == status == register == report == expected
    assert backwards == expected[::-1]
