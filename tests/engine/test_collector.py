"""The cyclic collector held off while many documents are read, and readers that leave it nothing to do."""

from __future__ import annotations

import copy
import gc

import pytest
from workbook_helpers import example

from maturity.collector import CollectorPause, collector_paused
from maturity.exchange.files import read_assessment_files
from maturity.exchange.report_entry import entry_from_document
from maturity.exchange.report_export import write_report
from maturity.storage.store import open_store
from maturity.usecases.importing import import_documents


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_inside_and_on_after(collector_on):
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_on_again_when_the_work_raises(collector_on):
    with pytest.raises(ZeroDivisionError), collector_paused():
        assert not gc.isenabled()
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_a_pause_inside_a_pause_leaves_the_outer_one_in_charge(collector_on):
    outer = CollectorPause()
    outer.pause()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled(), "the inner pause turned the collector back on under the import"
    outer.resume()
    assert gc.isenabled()


def test_resume_without_pause_does_not_turn_a_collector_on(collector_on):
    gc.disable()
    CollectorPause().resume()
    assert not gc.isenabled()


def report_of(count: int, path) -> None:
    """A consolidated report of ``count`` copies of the small example, each its own organization."""
    entries = []
    for number in range(count):
        document = copy.deepcopy(example("primary-small.json"))
        document.meta["organization_id"] = f"org-{number:05}"
        document.answers["profile.name"] = f"Организация № {number}"
        entries.append(entry_from_document(document))
    write_report(entries, path, year=2025, scope="Федерация")


def ours_in_cycles_after(work) -> list[str]:
    """The program's own objects that only the cyclic collector could free once ``work`` was done and its
    result dropped. (The XML parser under openpyxl keeps its elements in a cycle of its own until the file
    is read; that is one structure per file, not ours.)"""
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        assert work()
        gc.collect()
        return [type(o).__qualname__ for o in gc.garbage if type(o).__module__.startswith("maturity")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


@pytest.mark.slow
def test_reading_a_report_leaves_no_reference_cycle_of_its_own(tmp_path, collector_on):
    """The reader holds the collector off while it reads: a reference cycle per row would then hold its memory
    until the end, 100 000 times over in a federation's report."""
    path = tmp_path / "report.xlsx"
    report_of(30, path)
    assert ours_in_cycles_after(lambda: read_assessment_files(path)) == []


@pytest.mark.slow
def test_importing_a_report_leaves_no_reference_cycle_per_row(tmp_path, collector_on):
    """The import holds the collector off while it checks, scores and writes a report's assessments. What
    it leaves in cycles (the method compiled once per store) does not grow with the report's rows."""

    def imported(rows: int):
        path = tmp_path / f"report-{rows}.xlsx"
        report_of(rows, path)

        def work() -> int:
            with open_store(f"sqlite:///{tmp_path / f'federation-{rows}.db'}") as store:
                return len(import_documents(store, [path]).imported)

        return sorted(ours_in_cycles_after(work))

    imported(10)  # the method compiled (a cycle of its own, once)
    assert imported(20) == imported(60)
