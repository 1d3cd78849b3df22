"""Which organization an imported file writes to, generated over namesakes, uids, placeholders and
parent graphs (SQLite and PostgreSQL): a file lands on its own uid or is refused, never onto another
organization, never into a loop of parents, and every «импортировано» is one stored assessment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.errors import BadInput
from maturity.exchange.assessment_json import AssessmentDocument, read_assessment_json
from maturity.storage.models import Assessment, AssessmentScore, Organization, OrganizationCode
from maturity.usecases.importing import import_documents

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BASE = read_assessment_json(EXAMPLES / "primary-small.json")
NAMES = ("ППО школы № 7", "ППО школы № 8")
REGIONS = (None, "Липецкая область", "Тамбовская область")
LEVELS = (None, "primary", "territorial")
PROPERTY = settings(
    max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def empty(store) -> None:
    """Hypothesis runs many examples on one database: start each from nothing."""
    for table in (AssessmentScore, Assessment, OrganizationCode, Organization):
        store.session.execute(sa.delete(table.__table__))
    store.session.commit()
    store.session.expunge_all()


def document(
    name: str | None,
    *,
    uid: str | None = None,
    region: str | None = None,
    level: str | None = None,
    parent: str | None = None,
    parent_uid: str | None = None,
    year: int = 2025,
    mark: str = "",
    source: str | None = None,
) -> AssessmentDocument:
    """The example school's answers under another name, region, level, parent, uids; ``mark`` in respondent."""
    answers = {
        k: v
        for k, v in BASE.answers.items()
        if not k.startswith("profile.")
        or k in ("profile.members", "profile.employees", "profile.budget", "profile.info_spending")
    }
    extra = {
        "profile.name": name,
        "profile.region": region,
        "profile.level": level,
        "profile.parent": parent,
        "profile.respondent": mark or None,
    }
    answers.update({k: v for k, v in extra.items() if v is not None})
    meta = {
        k: v for k, v in (("organization_id", uid), ("parent_organization_id", parent_uid), ("source", source)) if v
    }
    return AssessmentDocument(profile=BASE.profile, year=year, answers=answers, meta=meta)


def snapshot(store) -> dict[str, tuple]:
    """uid → (name, region, level, parent's uid, placeholder) of every organization."""
    org, parent = Organization.__table__, Organization.__table__.alias("parent")
    rows = store.session.execute(
        sa.select(org.c.uid, org.c.name, org.c.region, org.c.level, parent.c.uid, org.c.placeholder).select_from(
            org.outerjoin(parent, parent.c.id == org.c.parent_id)
        )
    )
    return {r[0]: tuple(r[1:]) for r in rows}


def assessments(store) -> dict[tuple[str, int], str | None]:
    """(organization uid, year) → the respondent (the mark of the file it came from)."""
    org, asm = Organization.__table__, Assessment.__table__
    rows = store.session.execute(
        sa.select(org.c.uid, asm.c.year, asm.c.respondent).join(asm, asm.c.organization_id == org.c.id)
    )
    return {(uid, year): respondent for uid, year, respondent in rows}


def assessments_by_code(store, codes: set[str]) -> dict[tuple[str, int], str | None]:
    """As :func:`assessments`, keyed by whichever of an organization's codes (its uid or an extra code, as a
    file that joined a placeholder by name left it) is in ``codes``."""
    org, asm, code = Organization.__table__, Assessment.__table__, OrganizationCode.__table__
    extra: dict[int, set[str]] = {}
    for value, org_id in store.session.execute(sa.select(code.c.code, code.c.organization_id)):
        extra.setdefault(org_id, set()).add(value)
    rows = store.session.execute(
        sa.select(org.c.id, org.c.uid, asm.c.year, asm.c.respondent).join(asm, asm.c.organization_id == org.c.id)
    )
    found = {}
    for org_id, uid, year, respondent in rows:
        [named] = ({uid} | extra.get(org_id, set())) & codes
        found[(named, year)] = respondent
    return found


def compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


# ------------------------------------------------------------------ a file lands on its own organization

stored_orgs = st.lists(
    st.tuples(st.sampled_from(NAMES), st.sampled_from(REGIONS), st.sampled_from(LEVELS), st.booleans(), st.booleans()),
    max_size=5,
)  # (name, region, level, placeholder, has a 2025 assessment)


@st.composite
def incoming(draw, count: int):
    """A file: its uid (none, a stored one, a fresh one), name, region, level, parent reference."""
    uid = draw(st.one_of(st.none(), st.just("fresh"), st.integers(0, max(count - 1, 0)).map(lambda i: f"org-{i}")))
    if uid is not None and uid.startswith("org-") and count == 0:
        uid = "fresh"
    parent = draw(st.sampled_from((None, "name", "stored-uid", "fresh-uid")))
    return (
        uid,
        draw(st.sampled_from(NAMES)),
        draw(st.sampled_from(REGIONS)),
        draw(st.sampled_from(LEVELS)),
        parent,
        draw(st.sampled_from(("fail", "skip", "replace"))),
    )


@PROPERTY
@given(data=st.data())
def test_a_file_lands_on_its_own_uid_or_the_one_namesake_or_is_refused_and_never_changes_another(store, data):
    empty(store)
    orgs = data.draw(stored_orgs)
    parent = store.create_organization("Обком", "territorial", uid="obkom", region="Липецкая область")
    store.create_organization("Райком", "territorial", uid="raikom")
    for number, (name, region, level, placeholder, assessed) in enumerate(orgs):
        org = store.create_organization(
            name,
            level,
            region=region,
            uid=f"org-{number}",
            placeholder=placeholder,
            parent=None if placeholder else parent,
        )
        if assessed:
            store.save_assessment(org, 2025, BASE.profile, document(name, region=region, level=level).answers)
    uid, name, region, level, parent_ref, on_conflict = data.draw(incoming(len(orgs)))
    uid = "new-uid" if uid == "fresh" else uid
    parent_kw = {
        "name": {"parent": "Райком"},
        "stored-uid": {"parent_uid": "obkom"},
        "fresh-uid": {"parent_uid": "new-parent"},
    }.get(parent_ref, {})
    before, stored_years = snapshot(store), assessments(store)
    file = document(name, uid=uid, region=region, level=level, mark="файл", **parent_kw)

    report = import_documents(store, [file], on_conflict=on_conflict)

    after = snapshot(store)
    joined = None
    if uid == "new-uid":  # a code the base does not know: the one unclaimed organization of its name, if one
        file_parent = {"name": "Райком", "stored-uid": "Обком"}.get(parent_ref)
        unclaimed = [
            f"org-{i}"
            for i, (n, r, lv, p, a) in enumerate(orgs)
            if n == name and not a and compatible(level, lv) and compatible(region, r)  # an assessment claims it
            and (p or file_parent is None or file_parent == "Обком")  # a placeholder has no parent
        ]  # fmt: skip
        joined = unclaimed[0] if len(unclaimed) == 1 else None
    if joined is not None:
        target = joined
        assert "по наименованию" in (report.imported[0].note if report.imported else "по наименованию")
    elif uid is not None:
        target = uid
    else:
        candidates = [
            f"org-{i}"
            for i, (n, r, lv, _p, _a) in enumerate(orgs)
            if n == name and compatible(level, lv) and compatible(region, r)
        ]
        if len(candidates) > 1:
            [refused] = report.rejected
            assert "несколько организаций" in refused.reason
            assert all(c in refused.reason for c in candidates[:5])
            assert after == before and assessments(store) == stored_years
            return
        target = candidates[0] if candidates else next(u for u in after if u not in before and after[u][0] == name)
    clash = (target, 2025) in stored_years
    if clash and on_conflict != "replace":
        assert len(report.imported) == 0 and after == before and assessments(store) == stored_years
        return
    assert len(report.imported) == 1, report.summary()
    assert assessments(store)[(target, 2025)] == "файл"  # the file's answers are stored on its own organization
    for other, row in before.items():
        if other != target:
            assert after[other] == row, f"the file changed {other}"
    new = set(after) - set(before) - {target}
    assert all(after[u][4] for u in new)  # only placeholders of a parent reference appear besides it
    if before.get(target) and before[target][3] == "obkom":  # a real parent: only uid + parent uid move it
        moved = uid is not None and joined is None and parent_ref == "fresh-uid"
        assert after[target][3] == ("new-parent" if moved else "obkom")


@pytest.mark.parametrize("placeholders", [0, 1, 2])
@pytest.mark.parametrize("real", [0, 1, 2])
def test_a_parent_named_by_name_is_linked_only_when_one_organization_has_that_name(store, real, placeholders):
    for number in range(real):
        store.create_organization("Обком", "territorial", uid=f"real-{number}")
    for number in range(placeholders):
        store.create_organization("Обком", uid=f"placeholder-{number}", placeholder=True)

    report = import_documents(store, [document("ППО школы № 7", uid="school", parent="Обком")])

    school = store.organization_by_uid("school")
    if real + placeholders > 1:
        assert school is None and "по наименованию не определяется" in report.rejected[0].reason
    elif real + placeholders == 1:
        assert store.get_organization(school.parent_id).uid in ("real-0", "placeholder-0")
    else:
        assert store.get_organization(school.parent_id).placeholder
    assert len(store.organizations_named("Обком")) == max(real + placeholders, 1)


# ------------------------------------------------------------------ no loops of parents


@dataclass(frozen=True)
class Sent:
    org: int
    parent: int | None
    year: int


files = st.lists(
    st.builds(Sent, st.integers(0, 5), st.one_of(st.none(), st.integers(0, 5)), st.sampled_from((2024, 2025))),
    min_size=1,
    max_size=10,
)


def ancestors_loop(store) -> list[int]:
    """The organizations that are their own ancestor (walking stored parent_ids)."""
    parent_of = dict(store.session.execute(sa.select(Organization.id, Organization.parent_id)).all())
    looped = []
    for start in parent_of:
        seen, node = set(), parent_of[start]
        while node is not None and node not in seen:
            if node == start:
                looped.append(start)
                break
            seen.add(node)
            node = parent_of.get(node)
    return looped


def has_loop(links: dict[int, set[int]]) -> bool:
    def reaches(a: int, b: int, seen: set[int]) -> bool:
        return a == b or any(n not in seen and reaches(n, b, seen | {n}) for n in links.get(a, ()))

    return any(reaches(p, c, {p}) for c, ps in links.items() for p in ps)


@PROPERTY
@given(sent=files, batch_size=st.integers(1, 4), imports=st.integers(1, 3), by_name=st.booleans())
def test_random_parent_references_in_random_batches_never_store_a_loop(store, sent, batch_size, imports, by_name):
    empty(store)
    documents = []
    for number, s in enumerate(sent):
        parent = (
            {}
            if s.parent is None
            else ({"parent": f"Организация {s.parent}"} if by_name else {"parent_uid": f"org-{s.parent}"})
        )
        documents.append(
            document(
                f"Организация {s.org}",
                uid=f"org-{s.org}",
                year=s.year,
                level="primary",
                mark=f"файл {number}",
                source=str(number),
                **parent,
            )
        )
    reports, step = [], -(-len(documents) // imports)
    for start in range(0, len(documents), step):
        reports.append(
            import_documents(store, documents[start : start + step], on_conflict="replace", batch_size=batch_size)
        )

    assert ancestors_loop(store) == []
    stored = assessments_by_code(store, {f"org-{s.org}" for s in sent})
    outcomes = [item for r in reports for item in (*r.imported, *r.rejected, *r.skipped)]
    assert len(outcomes) == len(sent)
    last: dict[tuple[str, int], str] = {}
    for r in reports:
        for item in r.imported:  # each imported file is stored on its own uid (a later import may replace it)
            s = sent[int(item.source)]
            last[(f"org-{s.org}", s.year)] = f"файл {item.source}"
        for item in r.rejected:
            allowed = ["круг подчинения", "самой себя", "этом же импорте"]
            allowed += ["по наименованию не определяется"] if by_name else []
            assert any(word in item.reason for word in allowed), item.reason
    assert stored == last
    links: dict[int, set[int]] = {}
    for s in sent:
        if s.parent is not None:
            links.setdefault(s.org, set()).add(s.parent)
    if not by_name and not has_loop(links) and len({(s.org, s.year) for s in sent}) == len(sent):
        assert all(not r.rejected for r in reports)  # nothing refused when the files hold no loop


def test_two_files_naming_each_other_as_parent_in_one_batch_refuse_the_second(store):
    a = document("Организация А", uid="a", parent_uid="b")
    b = document("Организация Б", uid="b", parent_uid="a")

    report = import_documents(store, [a, b])

    assert len(report.imported) == 1
    assert "замкнутый круг подчинения" in report.rejected[0].reason
    assert "«Организация А» → «Организация Б»" in report.rejected[0].reason
    assert ancestors_loop(store) == []


def test_an_organization_cannot_be_its_own_parent(store):
    report = import_documents(store, [document("Организация А", uid="a", parent_uid="a")])

    assert "вышестоящей для самой себя" in report.rejected[0].reason
    assert store.organization_by_uid("a") is None


@PROPERTY
@given(
    parents=st.lists(st.one_of(st.none(), st.integers(0, 7)), min_size=2, max_size=8),
    org=st.integers(0, 7),
    new_parent=st.integers(0, 7),
)
def test_update_organization_refuses_exactly_the_parents_that_close_a_loop(store, parents, org, new_parent):
    empty(store)
    ids = [store.create_organization(f"О{i}").id for i in range(len(parents))]
    for i, p in enumerate(parents):  # a random forest: a parent only among the earlier ones
        if p is not None and i > 0:
            store.update_organization(ids[i], parent=ids[p % i])
    org, new_parent = ids[org % len(ids)], ids[new_parent % len(ids)]
    subtree = {org}
    changed = True
    while changed:
        rows = store.session.execute(sa.select(Organization.id).where(Organization.parent_id.in_(subtree))).scalars()
        grown = subtree | set(rows)
        changed, subtree = grown != subtree, grown

    if new_parent in subtree:
        with pytest.raises(BadInput, match="не может подчиняться"):
            store.update_organization(org, parent=new_parent)
    else:
        store.update_organization(org, parent=new_parent)
    assert ancestors_loop(store) == []


# ------------------------------------------------------------------ true counts


@PROPERTY
@given(
    sent=st.lists(st.tuples(st.integers(0, 2), st.sampled_from((2024, 2025))), min_size=1, max_size=8),
    stored_before=st.sets(st.tuples(st.integers(0, 2), st.sampled_from((2024, 2025)))),
    on_conflict=st.sampled_from(("fail", "skip", "replace")),
    batch_size=st.integers(1, 4),
)
def test_every_imported_file_is_one_stored_assessment(store, sent, stored_before, on_conflict, batch_size):
    empty(store)
    for org, year in sorted(stored_before):
        import_documents(store, [document(f"ППО {org}", uid=f"u{org}", year=year, mark="было")])
    documents = [
        document(f"ППО {org}", uid=f"u{org}", year=year, mark=f"файл {n}", source=str(n))
        for n, (org, year) in enumerate(sent)
    ]

    report = import_documents(store, documents, on_conflict=on_conflict, batch_size=batch_size)

    stored = assessments(store)
    keys = [(f"u{sent[int(i.source)][0]}", i.year) for i in report.imported]
    assert len(keys) == len(set(keys))  # no two «импортировано» for one stored assessment
    for item, key in zip(report.imported, keys, strict=True):
        assert stored[key] == f"файл {item.source}"
    assert len(stored) == len({(f"u{o}", y) for o, y in stored_before} | set(keys))
    assert report.total == len(sent)
    assert f"Импортировано: {len(keys)}," in report.summary()


@pytest.mark.parametrize("length", [1, 2, 3, 5])
def test_a_loop_stored_by_an_old_version_is_read_without_looping_and_not_extended(store, length):
    from maturity.storage.comparison import ComparisonFilter, comparison_ids
    from maturity.storage.queries import subtree_ids
    from maturity.usecases.report_source import report_entries

    ring = [store.create_organization(f"Звено {i}", "territorial", uid=f"ring-{i}") for i in range(length)]
    for org in ring:
        store.save_assessment(org, 2025, BASE.profile, document(org.name, level="territorial").answers)
    table = Organization.__table__
    for i, org in enumerate(ring):  # what an old version let two files do: a loop of parents
        store.session.execute(sa.update(table).where(table.c.id == org.id).values(parent_id=ring[(i + 1) % length].id))
    store.session.commit()
    ids = {o.id for o in ring}

    assert subtree_ids(store.session, ring[0].id) == ids
    assert len(report_entries(store.session, 2025, store.get_organization(ring[0].id))) == length
    assert set(comparison_ids(store.session, ComparisonFilter(2025, parent_id=ring[0].id))) == ids
    child = import_documents(store, [document("ППО в кольце", uid="child", parent_uid="ring-0")])
    assert child.ok  # linking under a loop is fine, and the walk up ends
    closing = import_documents(store, [document("Звено 0", uid="ring-0", parent_uid="child", year=2024)])
    assert "круг подчинения" in closing.rejected[0].reason


def test_namesakes_already_assessed_are_not_read_again_for_each_batch_and_the_registered_one_is_still_joined(
    store, monkeypatch
):
    """A federation's report where thousands of organizations give one name (a common «ППО школы», or the same
    answers copied): a file with its own uid can join only an organization of its name that has no assessment
    yet (or a placeholder), so the namesakes already assessed are never read for it — before, batch k read
    the k × batch namesakes written before it, and a 100 000-row report took 1.7 GB."""
    from maturity.usecases import org_matching

    read: list[int] = []
    load = org_matching.Resolver.load

    def counted(self, documents):
        load(self, documents)
        read.append(len(self.by_id))

    monkeypatch.setattr(org_matching.Resolver, "load", counted)
    files = [document(NAMES[0], uid=f"school-{n}", region="Липецкая область") for n in range(60)]
    assert len(import_documents(store, files, batch_size=10).imported) == 60
    assert read == [0] * 6  # each batch read none of the namesakes the batches before it wrote

    read.clear()
    again = import_documents(store, files, batch_size=10, on_conflict="replace")
    assert len(again.imported) == 60 and read == [10] * 6  # known codes: each batch reads its own ten, no namesake

    registered = store.create_organization(NAMES[0], level="primary", region="Липецкая область")
    store.session.commit()
    read.clear()
    report = import_documents(store, [document(NAMES[0], uid="new-code", region="Липецкая область")])

    assert read == [1]  # the one namesake it may join, not the 60 assessed
    assert len(report.imported) == 1 and "присоединён к организации из списка" in report.imported[0].note
    assert (registered.uid, 2025) in assessments(store)  # written to the registered organization
    code = OrganizationCode.__table__
    kept = store.session.execute(sa.select(code.c.organization_id).where(code.c.code == "new-code")).scalars().all()
    assert kept == [registered.id]  # the file's code kept as another code of that organization
