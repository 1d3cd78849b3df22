"""The consent to be named as one to learn from (issue 28, part 2): a column of the register, ``maturity orgs consent``,
carried by the register's export and import; anything but «да» / «нет» refused naming its cell, nothing written."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from openpyxl import load_workbook

from maturity.cli.parser import main
from maturity.errors import BadInput
from maturity.exchange.organization_register import COLUMNS, SHEET, read_register, write_register_template
from maturity.method.profile import load_profile
from maturity.storage.models import Organization
from maturity.usecases.organization_register import export_register, import_register

PROFILE = load_profile()
KEYS = [key for key, _ in COLUMNS]


def register(path, rows: list[dict]) -> None:
    write_register_template(PROFILE, path)
    workbook = load_workbook(path)
    ws = workbook[SHEET]
    for number, row in enumerate(rows, 2):
        for column, key in enumerate(KEYS, 1):
            ws.cell(row=number, column=column).value = row.get(key)
    workbook.save(path)


def consents(store) -> dict[str, bool]:
    org = Organization.__table__
    store.session.expire_all()
    return dict(store.session.execute(sa.select(org.c.name, org.c.name_consent)).all())


def test_a_new_organization_is_not_named_until_it_agrees(store) -> None:
    org = store.create_organization("ППО Завод", "primary")
    assert consents(store) == {"ППО Завод": False}
    store.update_organization(store.stored_id(org), name_consent=True)
    assert consents(store) == {"ППО Завод": True}
    with pytest.raises(BadInput, match="«да» или «нет»"):
        store.update_organization(store.stored_id(org), name_consent="да")


def test_the_register_sets_the_consent_a_blank_cell_keeps_it_and_the_export_carries_it_back(store, tmp_path) -> None:
    path = tmp_path / "список.xlsx"
    register(path, [
        {"name": "ППО Завод", "level": "ППО", "name_consent": "да"},
        {"name": "ППО Школа", "level": "ППО", "name_consent": "Нет"},
        {"name": "ППО Больница", "level": "ППО"},
    ])  # fmt: skip
    import_register(store, PROFILE, path)
    assert consents(store) == {"ППО Завод": True, "ППО Школа": False, "ППО Больница": False}

    exported = tmp_path / "с кодами.xlsx"
    assert export_register(store, PROFILE, exported) == 3
    read = {e.name: e.name_consent for e in read_register(PROFILE, exported)}
    assert read == {"ППО Завод": True, "ППО Школа": False, "ППО Больница": False}

    workbook = load_workbook(exported)  # the territory changes its mind about one, leaves another blank
    ws = workbook[SHEET]
    column = KEYS.index("name_consent") + 1
    for row in range(2, ws.max_row + 1):
        name = ws.cell(row=row, column=KEYS.index("name") + 1).value
        ws.cell(row=row, column=column).value = {"ППО Школа": "да", "ППО Завод": None}.get(name, "нет")
    workbook.save(exported)
    import_register(store, PROFILE, exported)
    assert consents(store) == {"ППО Завод": True, "ППО Школа": True, "ППО Больница": False}


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answer=st.one_of(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=12),
        st.integers(-5, 5),
        st.floats(allow_nan=False, allow_infinity=False),
    ).filter(lambda t: not isinstance(t, str) or " ".join(t.split()).casefold() not in ("да", "нет", ""))
)
def test_any_other_consent_refuses_the_list_naming_its_cell_and_nothing_is_written(store, tmp_path, answer) -> None:
    path = tmp_path / "список.xlsx"
    register(path, [{"name": "ППО Завод", "level": "ППО", "name_consent": answer}])
    with pytest.raises(BadInput) as refused:
        import_register(store, PROFILE, path)
    cell = f"{chr(ord('A') + KEYS.index('name_consent'))}2"
    assert cell in str(refused.value)
    assert consents(store) == {}


def test_orgs_consent_sets_it_and_refuses_another_answer_with_exit_2(tmp_path, capsys) -> None:
    from maturity.storage.store import open_store

    url = f"sqlite:///{tmp_path / 'm.db'}"
    with open_store(url) as store:
        store.create_organization("ППО Завод", "primary")
    assert main(["orgs", "consent", "ППО Завод", "да", "--db", url]) == 0
    assert "согласна" in capsys.readouterr().out
    assert main(["orgs", "consent", "ППО Завод", "может быть", "--db", url]) == 2
    assert "«да» или «нет»" in capsys.readouterr().err
    assert main(["orgs", "--json", "--db", url]) == 0
    assert '"name_consent": true' in capsys.readouterr().out
    assert main(["orgs", "consent", "ППО Завод", "нет", "--db", url]) == 0
    with open_store(url) as store:
        assert consents(store) == {"ППО Завод": False}
