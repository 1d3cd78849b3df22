"""Who has submitted: every expected organization of a subtree with its state and last year's index.

Random trees with random placeholders and random states, on SQLite and PostgreSQL; the expectation is
computed from the generated tree in Python, independently of the SQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from openpyxl import load_workbook

from maturity.cli.parser import main
from maturity.engine.record import build_record
from maturity.exchange.assessment_json import read_assessment_json
from maturity.storage.models import Assessment, AssessmentScore, Organization
from maturity.storage.store import RecordWrite
from maturity.storage.submissions import Scope, submissions, totals
from maturity.usecases.submission_status import export_not_submitted, status_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BASE = read_assessment_json(EXAMPLES / "primary-small.json")
PROPERTY = settings(
    max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
YEAR = 2025
NOW = {state: build_record(BASE.profile, YEAR, BASE.answers, status=state) for state in ("draft", "complete")}
BEFORE = {state: build_record(BASE.profile, YEAR - 1, BASE.answers, status=state) for state in ("draft", "complete")}


def empty(store) -> None:
    for table in (AssessmentScore, Assessment, Organization):
        store.session.execute(sa.delete(table.__table__))
    store.session.commit()
    store.session.expunge_all()


@st.composite
def trees(draw):
    """(parent index or None, placeholder, state this year, state last year) for each organization."""
    count = draw(st.integers(1, 12))
    nodes = []
    for i in range(count):
        parent = draw(st.none() | st.integers(0, i - 1)) if i else None
        nodes.append(
            (
                parent,
                draw(st.booleans()),
                draw(st.sampled_from(["missing", "draft", "complete"])),
                draw(st.sampled_from(["missing", "draft", "complete"])),
            )
        )
    return nodes


def build(store, nodes) -> list[Organization]:
    orgs: list[Organization] = []
    for i, (parent, placeholder, _, _) in enumerate(nodes):
        name = f"Организация № {i % 4}"  # namesakes on purpose: the uid tells them apart
        orgs.append(
            store.create_organization(
                name, "primary", parent=orgs[parent] if parent is not None else None, placeholder=placeholder
            )
        )
    writes = []
    for org, (_, _, now, before) in zip(orgs, nodes, strict=True):
        if now != "missing":
            writes.append(RecordWrite(org.id, NOW[now], None, sync_organization=False))
        if before != "missing":
            writes.append(RecordWrite(org.id, BEFORE[before], None, sync_organization=False))
    with store.atomic():
        store.write_records(writes)
    return orgs


def subtree(nodes, root: int) -> set[int]:
    found = {root}
    for i, (parent, *_rest) in enumerate(nodes):
        if parent in found:
            found.add(i)
    return found


@PROPERTY
@given(nodes=trees(), data=st.data())
def test_every_expected_organization_of_the_subtree_has_its_state_and_last_years_index(store, nodes, data):
    empty(store)
    orgs = build(store, nodes)
    root = data.draw(st.none() | st.integers(0, len(nodes) - 1))
    wanted = set(range(len(nodes))) if root is None else subtree(nodes, root)

    rows = submissions(store.session, YEAR, Scope(None if root is None else orgs[root].id))

    expected = {
        orgs[i].uid: (nodes[i][2], BEFORE["complete"].result.index if nodes[i][3] == "complete" else None)
        for i in wanted
        if not nodes[i][1]
    }
    assert {r.organization_id: (r.state, r.index_last_year) for r in rows} == expected
    assert [r.name for r in rows] == sorted(r.name for r in rows)
    counted = totals(rows)
    assert counted.expected == len(expected) == counted.complete + counted.draft + counted.missing
    assert counted.complete == sum(1 for state, _ in expected.values() if state == "complete")
    assert counted.submitted == f"{counted.complete} из {counted.expected}"


@PROPERTY
@given(nodes=trees(), data=st.data())
def test_status_json_lists_the_same_organizations_as_export_parent_includes(store, db_url, nodes, data, capsys):
    empty(store)
    orgs = build(store, nodes)
    root = data.draw(st.integers(0, len(nodes) - 1))
    capsys.readouterr()

    assert main(["status", "--year", str(YEAR), "--parent", orgs[root].uid, "--json", "--db", db_url]) == 0

    document = json.loads(capsys.readouterr().out)
    wanted = {orgs[i].uid for i in subtree(nodes, root) if not nodes[i][1]}
    assert {o["organization_id"] for o in document["organizations"]} == wanted
    assert document["parent"] == {"organization_id": orgs[root].uid, "name": orgs[root].name}
    assert (
        set(document["organizations"][0])
        == {"organization_id", "name", "level", "parent", "state", "index_last_year", "review", "review_upstream"}
        if wanted
        else True
    )
    assert document["totals"]["expected"] == len(wanted)
    assert sum(document["totals"][k] for k in ("complete", "draft", "missing")) == len(wanted)


@PROPERTY
@given(nodes=trees())
def test_the_list_of_those_who_have_not_submitted_holds_exactly_them(store, tmp_path_factory, nodes):
    empty(store)
    orgs = build(store, nodes)
    path = tmp_path_factory.mktemp("list") / "не сдали.xlsx"

    count = export_not_submitted(store.session, BASE.profile, YEAR, path)

    ws = load_workbook(path)["Не сдали"]
    codes = [
        row[6] for row in ws.iter_rows(min_row=5, values_only=True)
    ]  # «№», name, level, parent, contacts, state, code
    wanted = {orgs[i].uid for i, node in enumerate(nodes) if not node[1] and node[2] != "complete"}
    assert count == len(codes) == len(wanted)
    assert set(codes) == wanted


def test_a_readable_table_shows_the_states_in_russian_and_the_totals(store, db_url, capsys):
    nodes = [
        (None, False, "complete", "complete"),
        (0, False, "draft", "missing"),
        (0, False, "missing", "missing"),
        (0, True, "missing", "missing"),
    ]
    build(store, nodes)
    capsys.readouterr()
    assert main(["status", "--year", str(YEAR), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "сдана" in out and "черновик" in out and "нет оценки" in out
    assert out.rstrip().endswith("Сдали 1 из 3, принято 0; черновиков: 1; нет оценки: 1")
    index = BEFORE["complete"].result.index
    from maturity.views.numbers import format_score

    assert format_score(index) in out


def test_status_of_an_unknown_parent_exits_2_with_a_russian_reason(store, db_url, capsys):
    assert main(["status", "--year", str(YEAR), "--parent", "нет такой", "--db", db_url]) == 2
    assert "не найдена" in capsys.readouterr().err


def test_status_document_has_the_year_and_no_parent_for_everyone(store):
    build(store, [(None, False, "complete", "missing")])
    document = status_document(YEAR, None, submissions(store.session, YEAR))
    assert document["year"] == YEAR and document["parent"] is None
    assert document["totals"] == {"expected": 1, "complete": 1, "draft": 0, "missing": 0, "accepted": 0}
