"""The register of organizations: a template, and a filled list loaded by the trust rules — or refused whole.

Generated registers: random rows with namesakes, codes of stored organizations, unknown parents,
duplicated rows and bad cells, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from openpyxl import load_workbook

from maturity.cli.parser import main
from maturity.errors import BadInput
from maturity.exchange.organization_register import COLUMNS, SHEET, write_register_template
from maturity.method.profile import load_profile
from maturity.storage.models import Assessment, AssessmentScore, Organization
from maturity.usecases.organization_register import import_register

PROFILE = load_profile()
PROPERTY = settings(
    max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NAMES = ("ППО Завод", "ППО Школа № 2", "ППО Школа № 10", "Территориальная организация")
REGIONS = ("Самарская область", "Тверская область")
LEVELS = PROFILE.organization_level_ids
KEYS = [key for key, _ in COLUMNS]


def empty(store) -> None:
    for table in (AssessmentScore, Assessment, Organization):
        store.session.execute(sa.delete(table.__table__))
    store.session.commit()
    store.session.expunge_all()


def snapshot(store) -> dict[str, tuple]:
    org, parent = Organization.__table__, Organization.__table__.alias("parent")
    rows = store.session.execute(
        sa.select(
            org.c.uid,
            org.c.name,
            org.c.level,
            org.c.region,
            org.c.sector,
            org.c.members,
            parent.c.uid,
            org.c.placeholder,
        ).select_from(org.outerjoin(parent, parent.c.id == org.c.parent_id))
    )
    return {r[0]: tuple(r[1:]) for r in rows}


def register(path, rows: list[dict]) -> None:
    write_register_template(PROFILE, path)
    workbook = load_workbook(path)
    ws = workbook[SHEET]
    for number, row in enumerate(rows, 2):
        for column, key in enumerate(KEYS, 1):
            ws.cell(row=number, column=column).value = row.get(key)
    workbook.save(path)


row_strategy = st.fixed_dictionaries({
    "name": st.sampled_from(NAMES), "region": st.sampled_from(REGIONS), "level": st.sampled_from(LEVELS),
}, optional={
    "parent": st.sampled_from((*NAMES, "Неизвестная вышестоящая")), "sector": st.sampled_from(("образование", "медицина")),
    "members": st.integers(1, 30_000_000),
})  # fmt: skip


def distinct(rows: list[dict]) -> list[dict]:
    """One row per (name, level, region): a register without twins, each parent named by an earlier row
    (or by no row at all), so that no loop is drawn (loops are refused: test_import_matching)."""
    seen, out = set(), []
    for row in rows:
        key = (row["name"], row["level"], row["region"])
        if key not in seen:
            earlier = {r["name"] for r in out}
            if row.get("parent") in NAMES and (row["parent"] not in earlier or row["parent"] == row["name"]):
                row = {k: v for k, v in row.items() if k != "parent"}
            seen.add(key)
            out.append(row)
    return out


@pytest.mark.slow
@PROPERTY
@given(rows=st.lists(row_strategy, min_size=1, max_size=8).map(distinct))
def test_a_register_of_distinct_rows_gives_each_row_its_organization_and_a_placeholder_for_unknown_parents(
    store, tmp_path_factory, rows
):
    empty(store)
    path = tmp_path_factory.mktemp("reg") / "список.xlsx"
    register(path, rows)
    names = [r["name"] for r in rows]
    ambiguous = {r.get("parent") for r in rows if names.count(r.get("parent")) > 1}
    if ambiguous - {None}:
        with pytest.raises(BadInput, match="по наименованию не определяется"):
            import_register(store, PROFILE, path)
        assert snapshot(store) == {}
        return

    outcome = import_register(store, PROFILE, path)

    stored = snapshot(store).values()
    real = {(n, lvl, reg): (sec, mem) for n, lvl, reg, sec, mem, _p, placeholder in stored if not placeholder}
    assert real == {(r["name"], r["level"], r["region"]): (r.get("sector"), r.get("members")) for r in rows}
    unknown_parents = {r["parent"] for r in rows if r.get("parent") and r["parent"] not in names}
    assert {n for n, *_rest, placeholder in stored if placeholder} == unknown_parents
    assert outcome.created == len(rows) and outcome.placeholders == len(unknown_parents)

    assert import_register(store, PROFILE, path).created == 0  # loaded again: the same organizations
    assert len(snapshot(store)) == len(rows) + len(unknown_parents)


@PROPERTY
@given(data=st.data())
def test_a_row_without_a_code_among_namesakes_is_refused_naming_them_and_nothing_changes(store, tmp_path_factory, data):
    empty(store)
    twins = [
        store.create_organization("ППО Завод", "primary", region="Самарская область")
        for _ in range(data.draw(st.integers(2, 7)))
    ]
    before = snapshot(store)
    path = tmp_path_factory.mktemp("reg") / "список.xlsx"
    row = {
        "name": "ППО Завод",
        "level": data.draw(st.sampled_from(("primary", None))),
        "region": data.draw(st.sampled_from(("Самарская область", " самарская  ОБЛАСТЬ", None))),
    }
    register(path, [{"name": "ППО Другая", "level": "primary"}, row])

    with pytest.raises(BadInput) as refused:
        import_register(store, PROFILE, path)

    assert "строка 3" in str(refused.value) and f"несколько организаций ({len(twins)})" in str(refused.value)
    assert twins[0].uid in str(refused.value)
    assert snapshot(store) == before


@PROPERTY
@given(data=st.data())
def test_a_row_with_a_code_changes_only_the_organization_with_that_code(store, tmp_path_factory, data):
    empty(store)
    others = [store.create_organization(f"ППО {i}", "primary", region="Самарская область") for i in range(3)]
    target = data.draw(st.sampled_from(others))
    before = snapshot(store)
    new_name = data.draw(st.sampled_from(["ППО 0", "ППО 1", "ППО 2", "Новое имя"]))
    path = tmp_path_factory.mktemp("reg") / "список.xlsx"
    register(path, [{"organization_id": target.uid, "name": new_name, "level": "territorial", "members": 77}])

    import_register(store, PROFILE, path)

    after = snapshot(store)
    assert {uid: row for uid, row in after.items() if uid != target.uid} == {
        uid: row for uid, row in before.items() if uid != target.uid
    }
    assert after[target.uid][:2] == (new_name, "territorial") and after[target.uid][4] == 77


BAD_CELLS = [
    ("name", "=1+1", "формула"), ("members", -5, "больше нуля"), ("members", "много", "целым числом"),
    ("members", 2.5, "целым числом"), ("members", 30_000_001, "не больше"), ("level", "министерство", "не из списка"),
    ("name", "x" * 301, "длиннее 300"), ("region", "р" * 201, "длиннее 200"),
    ("organization_id", "к" * 65, "длиннее"), ("sector", True, "текст"),
]  # fmt: skip


@PROPERTY
@given(rows=st.lists(row_strategy, min_size=1, max_size=5).map(distinct), data=st.data())
def test_a_bad_cell_or_a_twin_row_refuses_the_whole_list_naming_the_cell(store, tmp_path_factory, rows, data):
    empty(store)
    store.create_organization("Уже есть", "primary")
    before = snapshot(store)
    bad_row = data.draw(st.integers(0, len(rows) - 1))
    if data.draw(st.booleans()):
        key, value, reason = data.draw(st.sampled_from(BAD_CELLS))
        rows[bad_row] = {**rows[bad_row], key: value}
        cell = f"{'ABCDEFGH'[KEYS.index(key)]}{bad_row + 2}"
    else:  # a twin: the same organization twice
        rows.append(dict(rows[bad_row]))
        reason, cell = f"уже описана в строке {bad_row + 2}", f"B{len(rows) + 1}"
    path = tmp_path_factory.mktemp("reg") / "список.xlsx"
    register(path, rows)

    with pytest.raises(BadInput) as refused:
        import_register(store, PROFILE, path)

    assert f"ячейка {cell}" in str(refused.value)
    assert reason in str(refused.value)
    assert snapshot(store) == before


def test_the_template_has_every_column_a_level_drop_down_and_notes(tmp_path):
    path = tmp_path / "шаблон.xlsx"
    assert main(["orgs", "template", "-o", str(path)]) == 0
    workbook = load_workbook(path)
    ws = workbook[SHEET]
    assert [c.value for c in ws[1]] == [caption for _, caption in COLUMNS]
    lists = workbook["Списки"]
    assert [c.value for c in lists["A"]] == [level.label for level in PROFILE.data.organization_levels]
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any("Списки" in f for f in formulas)
    assert any(re.search("орган", str(c.value) or "", re.I) for c in workbook["Пояснения"]["A"])


def test_orgs_lists_and_imports_on_the_command_line(tmp_path, db_url, capsys):
    path = tmp_path / "список.xlsx"
    register(
        path,
        [
            {
                "name": "ППО Завод",
                "level": "primary",
                "parent": "Терорганизация",
                "region": "Тверская область",
                "members": 120,
            },
            {"name": "Терорганизация", "level": "Территориальная организация профсоюза"},
        ],
    )
    assert main(["orgs", "import", str(path), "--db", db_url]) == 0
    capsys.readouterr()
    assert main(["orgs", "--parent", "Терорганизация", "--json", "--db", db_url]) == 0
    listed = {o["name"]: o for o in __import__("json").loads(capsys.readouterr().out)}
    assert set(listed) == {"ППО Завод", "Терорганизация"}
    assert listed["ППО Завод"]["parent"] == "Терорганизация" and listed["ППО Завод"]["members"] == 120
    assert listed["Терорганизация"]["level"] == "territorial"
    (tmp_path / "не книга.xlsx").write_text("это текст")
    assert main(["orgs", "import", str(tmp_path / "не книга.xlsx"), "--db", db_url]) == 2
    assert "не книга Excel" in capsys.readouterr().err


def test_blank_cells_of_a_row_change_nothing_and_a_row_without_a_code_never_renames(store, tmp_path):
    empty(store)
    stored = store.create_organization("ППО Завод", "primary", region="Самарская область")
    store.update_organization(stored, sector="машиностроение", members=300)
    path = tmp_path / "список.xlsx"
    register(path, [{"name": "ППО Завод", "level": "primary"}])  # region, sector, members left blank

    outcome = import_register(store, PROFILE, path)

    assert (outcome.created, outcome.updated) == (0, 1)
    assert snapshot(store)[stored.uid] == ("ППО Завод", "primary", "Самарская область", "машиностроение", 300, None,
                                           False)  # fmt: skip


def test_a_placeholder_the_list_names_becomes_a_real_organization_with_its_code_kept(store, tmp_path):
    empty(store)
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    register(first, [{"name": "ППО Школа", "level": "primary", "parent": "Районная организация"}])
    import_register(store, PROFILE, first)
    [(uid, placeholder)] = [(u, row) for u, row in snapshot(store).items() if row[-1]]
    assert placeholder[0] == "Районная организация"

    register(second, [{"name": "Районная организация", "level": "territorial", "members": 900}])
    import_register(store, PROFILE, second)

    assert snapshot(store)[uid] == ("Районная организация", "territorial", None, None, 900, None, False)


def test_a_list_that_would_make_an_organization_its_own_ancestor_is_refused_and_nothing_changes(store, tmp_path):
    empty(store)
    top = store.create_organization("Областная организация", "territorial")
    store.create_organization("ППО Школа", "primary", parent=top)
    before = snapshot(store)
    path = tmp_path / "список.xlsx"
    register(path, [{"organization_id": top.uid, "name": "Областная организация", "parent": "ППО Школа"}])

    with pytest.raises(BadInput, match="строка 2") as refused:
        import_register(store, PROFILE, path)

    assert "не загружен" in str(refused.value)
    assert snapshot(store) == before


def test_a_parent_named_by_name_never_moves_an_organization_from_its_real_parent_but_both_codes_do(store, tmp_path):
    empty(store)
    old, new = (store.create_organization(n, "territorial") for n in ("Старая вышестоящая", "Новая вышестоящая"))
    school = store.create_organization("ППО Школа", "primary", parent=old)
    by_name, by_code = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    register(by_name, [{"name": "ППО Школа", "level": "primary", "parent": "Новая вышестоящая"}])
    register(by_code, [{"organization_id": school.uid, "name": "ППО Школа", "parent_organization_id": new.uid}])

    import_register(store, PROFILE, by_name)
    assert snapshot(store)[school.uid][5] == old.uid  # the name alone left it where it was

    import_register(store, PROFILE, by_code)
    assert snapshot(store)[school.uid][5] == new.uid  # a reorganization stated by codes moves it
