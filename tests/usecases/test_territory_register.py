"""A territory's season: it registers its organizations without codes, then the files come in.

The files carry their chairs' own codes (made up by each chair's program), name the territory by a local
code of their own or by its name only, and come in any order — children before their parent — split into
any batches. Every file finds its registered organization by name, its code kept as another code of
that organization; nothing is duplicated and «Кто сдал» reads «Сдали 14 из 21». On SQLite and PostgreSQL.
"""

from __future__ import annotations

import copy
import tempfile
from functools import cache
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from openpyxl import load_workbook
from workbook_helpers import example

from maturity.cli.parser import main
from maturity.exchange.assessment_json import AssessmentDocument, write_assessment_json
from maturity.exchange.blank_form import write_blank_form
from maturity.exchange.organization_register import COLUMNS, SHEET, write_register_template
from maturity.exchange.workbook_export import write_assessment_workbook
from maturity.method.profile import load_profile
from maturity.storage.models import (
    Assessment,
    AssessmentKpi,
    AssessmentPlanStep,
    AssessmentScore,
    Organization,
    OrganizationCode,
)
from maturity.storage.submissions import Scope, submissions, totals
from maturity.usecases.importing import import_documents
from maturity.usecases.org_matching import JOINED_PLACEHOLDER, JOINED_REGISTERED
from maturity.usecases.organization_register import import_register

PROFILE = load_profile()
TERRITORY = "Липецкая областная организация Профсоюза работников народного образования и науки РФ"
REGION = "Липецкая область"
KINDS = ("json", "workbook", "form")
KEYS = [key for key, _ in COLUMNS]
PROPERTY = settings(
    max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def school(number: int) -> str:
    return f"ППО МБОУ «Средняя школа № {number}»"


def write_register(path: Path, primaries: int) -> Path:
    """The territory's list: itself and its primaries, names, levels, parents, regions — no codes."""
    rows = [{"name": TERRITORY, "level": "территориальная организация профсоюза", "region": REGION}]
    rows += [
        {"name": school(n), "level": "ППО", "parent": TERRITORY, "region": REGION} for n in range(1, primaries + 1)
    ]
    write_register_template(PROFILE, path)
    workbook = load_workbook(path)
    for number, row in enumerate(rows, 2):
        for column, key in enumerate(KEYS, 1):
            workbook[SHEET].cell(row=number, column=column).value = row.get(key)
    workbook.save(path)
    return path


def document(name: str, code: str, *, parent: str | None, parent_code: str | None, year: int = 2025):
    """A file of one organization as its chair's program would send it: its own code, its parent named
    by the chair's local code (beside the name) or by name only, or none."""
    base = example("territorial-health.json" if name == TERRITORY else "primary-small.json")
    answers = copy.deepcopy(base.answers)
    answers.update({"profile.name": name, "profile.region": REGION})
    answers["profile.parent"] = parent
    if parent is None:
        answers.pop("profile.parent")
    meta = {"organization_id": code}
    if parent_code:
        meta["parent_organization_id"] = parent_code
    return AssessmentDocument(profile=base.profile, year=year, answers=answers, meta=meta)


def write_file(folder: Path, doc: AssessmentDocument, kind: str, stem: str) -> Path:
    if kind == "json":
        path = folder / f"{stem}.json"
        write_assessment_json(doc, path)
    elif kind == "workbook":
        path = folder / f"{stem}.xlsx"
        write_assessment_workbook(doc, path)
    else:
        path = folder / f"{stem}-анкета.xlsx"
        write_blank_form(doc.profile, path, year=doc.year, answers=doc.answers, meta=doc.meta)
    return path


def child_file(folder: Path, number: int, by: str, year: int = 2025) -> Path:
    """Primary ``number``'s file: its chair's code, the territory named by her local code or by name only."""
    parent_code = f"местный-код-обкома-{number}" if by == "code" else None
    doc = document(school(number), f"код-школы-{number}", parent=TERRITORY, parent_code=parent_code, year=year)
    return write_file(folder, doc, KINDS[number % len(KINDS)], f"школа-{number}-{by}-{year}")


def territory_file(folder: Path) -> Path:
    return write_file(folder, document(TERRITORY, "код-обкома", parent=None, parent_code=None), "json", "обком")


def empty(store) -> None:
    for table in (AssessmentPlanStep, AssessmentKpi, AssessmentScore, Assessment, OrganizationCode, Organization):
        store.session.execute(sa.delete(table.__table__))
    store.session.commit()
    store.session.expunge_all()


def organizations(store, file_codes: set[str]) -> set[tuple]:
    """The base as a set: (name, level, parent's name, placeholder, the file codes it answers to, its years).
    Codes the base made up itself (a uid of a registered organization) differ from run to run: left out."""
    org, parent, asm = Organization.__table__, Organization.__table__.alias("p"), Assessment.__table__
    codes: dict[int, set[str]] = {}
    for code, org_id in store.session.execute(sa.select(OrganizationCode.code, OrganizationCode.organization_id)):
        codes.setdefault(org_id, set()).add(code)
    years: dict[int, list[int]] = {}
    for org_id, year in store.session.execute(sa.select(asm.c.organization_id, asm.c.year)):
        years.setdefault(org_id, []).append(year)
    rows = store.session.execute(
        sa.select(org.c.id, org.c.uid, org.c.name, org.c.level, parent.c.name, org.c.placeholder).select_from(
            org.outerjoin(parent, parent.c.id == org.c.parent_id)
        )
    )
    return {
        (name, level, parent_name, bool(placeholder),
         frozenset(({uid} | codes.get(org_id, set())) & file_codes), tuple(sorted(years.get(org_id, []))))
        for org_id, uid, name, level, parent_name, placeholder in rows
    }  # fmt: skip


# ------------------------------------------------------------------ the territory's season


@pytest.mark.slow
def test_21_registered_without_codes_and_14_files_give_21_organizations_and_14_of_21(db_url, store, tmp_path, capsys):
    import_register(store, PROFILE, write_register(tmp_path / "список.xlsx", primaries=20))
    files = [child_file(tmp_path, n, "code" if n % 2 else "name") for n in range(1, 14)]
    files.append(territory_file(tmp_path))  # the territory's own file comes after its children's

    report = import_documents(store, files)

    assert report.rejected == [] and report.skipped == [], report.summary()
    assert len(report.imported) == 14
    assert all(JOINED_REGISTERED in item.note for item in report.imported)
    assert store.count_organizations() == 21
    rows = submissions(store.session, 2025, Scope())
    assert totals(rows).submitted == "14 из 21"
    territory = store.find_organization(TERRITORY)
    assert totals(submissions(store.session, 2025, Scope(territory.id))).submitted == "14 из 21"
    for n in range(1, 14):  # each chair's code is now a code of her registered organization
        org = store.organization_by_uid(f"код-школы-{n}")
        assert org.name == school(n) and org.parent_id == territory.id
    assert store.organization_by_uid("код-обкома").id == territory.id
    assert store.organization_by_uid("местный-код-обкома-1").id == territory.id  # a chair's local code for it

    store.session.commit()
    assert main(["status", "--year", "2025", "--db", db_url]) == 0
    assert "Сдали 14 из 21" in capsys.readouterr().out

    # the next year's files attach by the codes kept: no joining by name any more
    again = import_documents(store, [child_file(tmp_path, 1, "code", year=2026)])
    assert again.imported[0].note is None and store.count_organizations() == 21


def test_the_register_issues_codes_and_is_written_back_with_them(store, tmp_path):
    outcome = import_register(store, PROFILE, write_register(tmp_path / "список.xlsx", primaries=3))

    assert len(outcome.issued) == 4
    for code, name in outcome.issued:
        assert store.organization_by_uid(code).name == name
        assert code in outcome.summary() and name in outcome.summary()

    from maturity.usecases.organization_register import export_register

    assert export_register(store, PROFILE, tmp_path / "с-кодами.xlsx") == 4
    again = import_register(store, PROFILE, tmp_path / "с-кодами.xlsx")
    assert (again.created, again.updated, again.issued) == (0, 4, ())  # every row attaches by its code


def test_orgs_o_writes_the_register_with_codes_and_template_org_a_form_that_attaches_by_code(db_url, tmp_path, capsys):
    assert main(["orgs", "import", str(write_register(tmp_path / "список.xlsx", primaries=2)), "--db", db_url]) == 0
    printed = capsys.readouterr().out
    assert "Выданы коды" in printed and school(2) in printed
    assert main(["orgs", "-o", str(tmp_path / "реестр.xlsx"), "--db", db_url]) == 0
    sheet = load_workbook(tmp_path / "реестр.xlsx")[SHEET]
    listed = {row[1]: row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]}
    assert set(listed) == {TERRITORY, school(1), school(2)} and all(listed.values())
    assert listed[school(2)] in printed  # the code the import named is the code the list carries

    form = tmp_path / "анкета-школы-2.xlsx"
    assert main(["template", "--org", listed[school(2)], "--year", "2025", "-o", str(form), "--db", db_url]) == 0
    from maturity.exchange.files import read_assessment_file

    filled = read_assessment_file(form)
    assert filled.meta["organization_id"] == listed[school(2)]
    assert filled.meta["parent_organization_id"] == listed[TERRITORY]
    assert filled.answers["profile.name"] == school(2) and filled.answers["profile.parent"] == TERRITORY
    assert filled.answers["profile.level"] == "primary"
    assert main(["template", "--org", "нет такой", "-o", str(tmp_path / "x.xlsx"), "--db", db_url]) == 2
    capsys.readouterr()

    assert main(["import", str(form), "--db", db_url]) == 0  # the form, as the chair sends it back
    assert "присоединён" not in capsys.readouterr().out  # by its code, not by its name
    assert main(["status", "--year", "2025", "--db", db_url]) == 0
    status = capsys.readouterr().out
    assert "Сдали 0 из 3, принято 0; черновиков: 1" in status  # the blank form is a draft of that very organization
    assert main(["orgs", "--db", db_url]) == 0
    assert "Организаций: 3" in capsys.readouterr().out


# ------------------------------------------------------------------ any order, any batches


@cache
def season_files() -> dict[str, Path]:
    """Every file of a small season, written once: the territory's, and each primary's with its parent
    named by a local code or by name (the test picks one), plus primary 1's next year."""
    folder = Path(tempfile.mkdtemp(prefix="season-"))
    files = {"territory": territory_file(folder)}
    for n in range(1, 5):
        for by in ("code", "name"):
            files[f"{n}-{by}"] = child_file(folder, n, by)
    files["1-next"] = child_file(folder, 1, "code", year=2026)
    return files


FILE_CODES = {"код-обкома", *(f"код-школы-{n}" for n in range(1, 5)), *(f"местный-код-обкома-{n}" for n in range(1, 5))}


@st.composite
def seasons(draw):
    """The files of a season (each primary naming its parent by code or by name), in any order, in
    any split into imports, each import in any batch size; with the territory's list loaded first or not."""
    chosen = ["territory", "1-next"] + [f"{n}-{draw(st.sampled_from(('code', 'name')))}" for n in range(1, 5)]
    order = draw(st.permutations(chosen))
    cuts = sorted(draw(st.sets(st.integers(1, len(order) - 1), max_size=3)))
    parts = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]
    return chosen, parts, draw(st.integers(1, 4)), draw(st.booleans())


@pytest.mark.slow
@PROPERTY
@given(season=seasons())
def test_the_same_files_in_any_order_and_any_batches_give_the_same_base_and_no_duplicate(store, tmp_path, season):
    chosen, parts, batch_size, registered = season
    files = season_files()
    register = write_register(tmp_path / "список.xlsx", primaries=5) if registered else None

    def run(groups: list[list[str]], size: int) -> set[tuple]:
        empty(store)
        if register is not None:
            import_register(store, PROFILE, register)
        for group in groups:
            report = import_documents(store, [files[key] for key in group], batch_size=size)
            assert report.rejected == [] and report.skipped == [], report.summary()
        return organizations(store, FILE_CODES)

    reference = run([sorted(chosen, key=lambda k: k != "territory")], 250)  # the parent first, in one import
    assert run(parts, batch_size) == reference

    names = [row[0] for row in reference]
    assert len(names) == len(set(names))  # no organization twice
    assert not any(row[3] for row in reference)  # the territory's own file took over any placeholder
    assert len(reference) == (6 if registered else 5)
    territory = next(row for row in reference if row[0] == TERRITORY)
    by_code = {f"местный-код-обкома-{n}" for n in range(1, 5) if f"{n}-code" in chosen or n == 1}  # 1-next: by code
    assert territory[4] == frozenset({"код-обкома", *by_code})  # every local code of the territory is its code
    expected = 6 if registered else 5
    assert totals(submissions(store.session, 2025, Scope())).submitted == f"5 из {expected}"


@pytest.mark.parametrize("first", ["children", "parent"])
def test_a_placeholder_made_from_the_childrens_files_is_taken_over_by_the_parents_own_file(store, tmp_path, first):
    children = [child_file(tmp_path, 1, "code"), child_file(tmp_path, 2, "name"), child_file(tmp_path, 3, "code")]
    parent = territory_file(tmp_path)
    order = [*children, parent] if first == "children" else [parent, *children]

    report = import_documents(store, order)

    assert report.rejected == [], report.summary()
    territory = store.find_organization(TERRITORY)  # one organization of that name, not a placeholder
    assert not territory.placeholder and territory.level == "territorial"
    assert store.count_organizations() == 4
    assert all(store.organization_by_uid(f"код-школы-{n}").parent_id == territory.id for n in (1, 2, 3))
    if first == "children":
        [note] = [item.note for item in report.imported if item.source == str(parent)]
        assert JOINED_PLACEHOLDER in note
