"""A federation's report goes through the database in batches: exported from the rows read so many at a time,
imported so many rows at a time in one transaction — the same file and the same database as in one piece, and
nothing kept of a report that a bad cell further down refuses (issue 25, item 5)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from openpyxl import load_workbook

from maturity.exchange import report_import
from maturity.exchange.report_export import ANSWERS_SHEET, FIRST_DATA_ROW, SUMMARY_SHEET
from maturity.storage.models import Assessment, Organization
from maturity.storage.store import open_store
from maturity.usecases import report_source
from maturity.usecases.demo import demo_documents
from maturity.usecases.importing import import_documents
from maturity.usecases.report_source import export_report
from maturity.views.natural_order import natural_key

pytestmark = pytest.mark.slow  # a federation of a few dozen organizations exported and imported: seconds each

TIMESTAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\+00:00|Z)?")
PRIMARIES = 24


def parts(path) -> dict[str, bytes]:
    """Every part of the workbook, its timestamps blanked."""
    with zipfile.ZipFile(path) as archive:
        return {name: TIMESTAMP.sub(b"T", archive.read(name)) for name in archive.namelist()}


@pytest.fixture(scope="module")
def territory_report(tmp_path_factory):
    """The demo federation's report of 2025 (two years assessed), exported in one batch."""
    folder = tmp_path_factory.mktemp("territory")
    with open_store(f"sqlite:///{folder / 'territory.db'}") as territory:
        assert import_documents(territory, demo_documents(seed=11, primaries=PRIMARIES, years=(2024, 2025))).ok
        path = folder / "сводный отчёт.xlsx"
        count = export_report(territory, 2025, path)
    return folder, path, count


def test_the_report_exported_a_few_rows_at_a_time_is_the_report_exported_at_once(store, tmp_path, monkeypatch):
    assert import_documents(store, demo_documents(seed=11, primaries=PRIMARIES, years=(2024, 2025))).ok
    whole, batches = tmp_path / "whole.xlsx", tmp_path / "batches.xlsx"
    count = export_report(store, 2025, whole)
    monkeypatch.setattr(report_source, "BATCH", 4)
    assert export_report(store, 2025, batches) == count > 4 * 3
    assert parts(whole) == parts(batches)
    names = [row[0] for row in load_workbook(batches, read_only=True)[SUMMARY_SHEET].iter_rows(values_only=True)]
    names = names[FIRST_DATA_ROW - 1 :]
    assert len(names) == count and names == sorted(names, key=natural_key)  # «№ 2» before «№ 10», across batches


def stored(store) -> dict[str, tuple[str | None, dict, float | None]]:
    """uid → (the parent's uid, the answers, the index) of every 2025 assessment in the store."""
    from maturity.storage.queries import organization_history

    result = {}
    for org in store.list_organizations():
        assessment = store.get_assessment(org, 2025)
        if assessment is not None:
            parent = store.session.get(Organization, org.parent_id) if org.parent_id else None
            result[org.uid] = (
                parent.uid if parent else None,
                assessment.answers,
                organization_history(store.session, org.id)[-1].index,
            )
        # fmt: skip
    return result


def counts(store) -> tuple[int, int]:
    session = store.session
    return (
        session.execute(sa.select(sa.func.count()).select_from(Organization)).scalar_one(),
        session.execute(sa.select(sa.func.count()).select_from(Assessment)).scalar_one(),
    )


def test_a_report_imported_a_few_rows_at_a_time_brings_every_organization_under_its_parent(
    store, territory_report, monkeypatch
):
    folder, path, count = territory_report
    monkeypatch.setattr(report_import, "REPORT_BATCH", 5)  # children come before their parents in some batches

    outcome = import_documents(store, [path])

    assert outcome.ok and len(outcome.imported) == count
    with open_store(f"sqlite:///{folder / 'territory.db'}") as territory:
        expected = stored(territory)
    personal = demo_documents.__globals__["load_profile"]("fnpr-base").personal_question_ids
    expected = {uid: (parent, {q: v for q, v in a.items() if q not in personal}, index)
                for uid, (parent, a, index) in expected.items()}  # fmt: skip
    assert stored(store) == expected


def spoil(path, row: int, value) -> str:
    """Write ``value`` into a number question's cell of the answers sheet's ``row``; the cell's name."""
    workbook = load_workbook(path)
    ws = workbook[ANSWERS_SHEET]
    column = [c.value for c in ws[1]].index("k3.info_meetings") + 1
    ws.cell(row=row, column=column).value = value
    workbook.save(path)
    return f"{ws.cell(row=row, column=column).column_letter}{row}"


def test_a_bad_cell_in_the_last_row_leaves_the_database_as_it_was(store, territory_report, tmp_path, monkeypatch):
    _, report, count = territory_report
    path = tmp_path / "испорченный отчёт.xlsx"
    path.write_bytes(report.read_bytes())
    cell = spoil(path, FIRST_DATA_ROW + count - 1, -3)
    assert import_documents(store, list(demo_documents(seed=2, primaries=2, years=(2023,)))).ok  # already there
    before, answers_before = counts(store), stored(store)
    monkeypatch.setattr(report_import, "REPORT_BATCH", 5)  # every batch but the last is written first

    outcome = import_documents(store, [path])

    assert outcome.imported == [] and [item.source for item in outcome.rejected] == [str(path)]
    reason = outcome.rejected[0].reason
    assert f"Лист „{ANSWERS_SHEET}“, ячейка {cell} (k3.info_meetings): число не может быть отрицательным" in reason
    assert counts(store) == before and stored(store) == answers_before


BAD_VALUES = st.sampled_from([-1, -250, "много", "12 раз", 3.5, "=1+1", True])


@given(offset=st.integers(0, 10_000), value=BAD_VALUES, batch=st.integers(1, 9))
@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_bad_cell_in_any_row_of_any_batch_writes_nothing(territory_report, tmp_path, offset, value, batch):
    _, report, count = territory_report
    row = FIRST_DATA_ROW + offset % count
    path = tmp_path / f"отчёт-{row}-{batch}.xlsx"
    path.write_bytes(report.read_bytes())
    cell = spoil(path, row, value)
    database = tmp_path / f"federation-{row}-{batch}.db"
    database.unlink(missing_ok=True)
    original = report_import.REPORT_BATCH
    report_import.REPORT_BATCH = batch
    try:
        with open_store(f"sqlite:///{database}") as store:
            outcome = import_documents(store, [path])
            assert outcome.imported == [] and len(outcome.rejected) == 1
            assert f"ячейка {cell} (k3.info_meetings)" in outcome.rejected[0].reason
            assert counts(store) == (0, 0)
    finally:
        report_import.REPORT_BATCH = original


def test_an_organization_twice_in_a_report_refuses_it_whole_even_in_different_batches(
    store, territory_report, tmp_path, monkeypatch
):
    _, report, count = territory_report
    path = tmp_path / "дважды.xlsx"
    workbook = load_workbook(report)
    ws = workbook[ANSWERS_SHEET]
    first_uid = ws.cell(row=FIRST_DATA_ROW, column=1).value
    ws.cell(row=FIRST_DATA_ROW + count - 1, column=1).value = first_uid
    workbook.save(path)
    monkeypatch.setattr(report_import, "REPORT_BATCH", 3)

    outcome = import_documents(store, [path])

    assert outcome.imported == [] and len(outcome.rejected) == 1
    assert f"уже есть в отчёте в строке {FIRST_DATA_ROW}" in outcome.rejected[0].reason
    assert counts(store) == (0, 0)


@pytest.mark.subprocess
def test_maturity_import_of_a_report_with_a_bad_cell_says_why_in_russian_and_exits_2(territory_report, tmp_path):
    _, report, count = territory_report
    path = tmp_path / "отчёт.xlsx"
    path.write_bytes(report.read_bytes())
    cell = spoil(path, FIRST_DATA_ROW + count - 2, "много")
    database = tmp_path / "federation.db"
    run = subprocess.run(
        [sys.executable, "-m", "maturity", "import", str(path), "--db", f"sqlite:///{database}"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert f"ячейка {cell} (k3.info_meetings)" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    with open_store(f"sqlite:///{database}") as store:
        assert counts(store) == (0, 0)


def test_each_batch_of_a_report_is_read_with_the_collector_held_off_and_it_runs_again_after(
    store, territory_report, monkeypatch
):
    """Its passes over the rows being parsed were a fifth of the reading (100 000 rows: 99 → 87 s), yet it runs
    between batches and after the file, so that memory stays bounded."""
    import gc

    _, path, count = territory_report
    monkeypatch.setattr(report_import, "REPORT_BATCH", 4)
    enabled: list[bool] = []
    read_row = report_import._read_row

    def spied(*args, **kwargs):
        enabled.append(gc.isenabled())
        return read_row(*args, **kwargs)

    monkeypatch.setattr(report_import, "_read_row", spied)
    was = gc.isenabled()
    gc.enable()  # as in the app; whatever an earlier test left
    try:
        outcome = import_documents(store, [path])
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()

    assert outcome.ok and len(outcome.imported) == count == len(enabled)
    assert not any(enabled)  # every row read with the collector off
    assert after  # … and on again afterwards
