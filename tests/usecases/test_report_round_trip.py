"""Who did not submit travels up: a territory's consolidated report carries the organizations it expects
without an assessment («Не сдали»); a federation importing it gets them as registered organizations under
that territory and reads the territory's own «X из Y», names included. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from test_territory_register import TERRITORY, child_file, school, territory_file, write_register

from maturity.cli.parser import main
from maturity.exchange.report_export import MISSING_SHEET
from maturity.method.profile import load_profile
from maturity.storage.store import open_store
from maturity.storage.submissions import Scope, submissions, totals
from maturity.usecases.importing import import_documents
from maturity.usecases.organization_register import import_register
from maturity.usecases.report_source import export_report

PROFILE = load_profile()


def territory_season(store, tmp_path, primaries: int, submitted: int) -> None:
    import_register(store, PROFILE, write_register(tmp_path / "список.xlsx", primaries=primaries))
    files = [child_file(tmp_path, n, "code") for n in range(1, submitted)] + [territory_file(tmp_path)]
    report = import_documents(store, files)
    assert not report.rejected, report.summary()


@pytest.mark.slow
@pytest.mark.parametrize("federation_knows_the_territory", [False, True])
def test_a_federation_reads_the_territorys_x_of_y_and_the_names_of_those_who_did_not_submit(
    store, db_url, tmp_path, capsys, federation_knows_the_territory
):
    territory_db = f"sqlite:///{tmp_path / 'территория.db'}"
    with open_store(territory_db) as territory_store:
        territory_season(territory_store, tmp_path, primaries=22, submitted=16)
        territory = territory_store.find_organization(TERRITORY)
        counted = totals(submissions(territory_store.session, 2025, Scope(territory.id)))
        assert counted.submitted == "16 из 23"
        report = tmp_path / "отчёт.xlsx"
        export_report(territory_store, 2025, report, territory)
    sheet = load_workbook(report, read_only=True)[MISSING_SHEET]
    listed = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]]
    assert sorted(listed) == sorted(school(n) for n in range(16, 23))

    if federation_knows_the_territory:  # the federation registered the territory by name, without a code
        federation = store.create_organization("Федерация профсоюзов области", "association")
        store.create_organization(TERRITORY, "territorial", parent=federation, region="Липецкая область")
    imported = import_documents(store, [report])

    assert not imported.rejected, imported.summary()
    assert imported.registered and "Не сдали" in imported.summary()
    here = store.find_organization(TERRITORY)
    rows = submissions(store.session, 2025, Scope(here.id))
    assert totals(rows).submitted == "16 из 23"
    missing = sorted(r.name for r in rows if r.state == "missing")
    assert missing == sorted(school(n) for n in range(16, 23))
    assert all(r.parent == TERRITORY for r in rows if r.name != TERRITORY)
    assert store.count_organizations() == 23 + (1 if federation_knows_the_territory else 0)

    store.session.commit()
    assert main(["status", "--year", "2025", "--parent", TERRITORY, "--db", db_url]) == 0
    assert "Сдали 16 из 23" in capsys.readouterr().out

    again = import_documents(store, [report], on_conflict="skip")  # the same report again: nothing doubled
    assert not again.rejected and store.count_organizations() == 23 + (1 if federation_knows_the_territory else 0)


def test_the_not_submitted_sheet_never_renames_an_organization_the_federation_knows(store, tmp_path):
    territory_db = f"sqlite:///{tmp_path / 'территория.db'}"
    with open_store(territory_db) as territory_store:
        territory_season(territory_store, tmp_path, primaries=3, submitted=2)
        report = tmp_path / "отчёт.xlsx"
        export_report(territory_store, 2025, report, territory_store.find_organization(TERRITORY))
        code = territory_store.find_organization(school(3)).uid
    workbook = load_workbook(report)
    sheet = workbook[MISSING_SHEET]
    [row] = [r for r in sheet.iter_rows(min_row=2) if r[1].value == school(3)]
    row[1].value = "Переименованная чужим отчётом"  # a hostile sheet: a known code under another name
    workbook.save(report)
    known = store.create_organization(school(3), "primary", uid=code, region="Тверская область")

    imported = import_documents(store, [report])

    assert not imported.rejected, imported.summary()
    store.session.expire_all()
    kept = store.get_organization(known.id)
    assert (kept.name, kept.region) == (school(3), "Тверская область")  # the report adds, never renames
