"""The consolidated report is written from a stream of rows: read once for the totals, then once per sheet,
never held whole — and the file is the same as one written from a list (issue 25, item 5)."""

from __future__ import annotations

import dataclasses
import re
import weakref
import zipfile
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples
from workbook_helpers import examples as example_documents

from maturity.engine.scoring import score
from maturity.exchange.report_entry import ReportEntry, entry_from_document
from maturity.exchange.report_export import write_report
from maturity.exchange.report_rows import ReportRows
from maturity.exchange.report_totals import RunningMean, report_totals
from maturity.method.profile import Profile

STATUSES = ("complete", "draft", None)
TIMESTAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\+00:00|Z)?")


@given(st.lists(st.one_of(st.none(), st.floats(0, 100), st.integers(0, 100)), max_size=40))
@settings(max_examples=examples(200))
def test_a_running_mean_is_the_mean_of_the_known_values_to_the_last_bit(values):
    mean = RunningMean()
    for value in values:
        mean.add(value)
    known = [v for v in values if v is not None]
    assert mean.mean == (sum(known) / len(known) if known else None)
    assert mean.count == len(known)


def many_entries(count: int, seed: int = 0) -> list[ReportEntry]:
    """``count`` rows made from the three examples: names, statuses and last year's figures varied."""
    documents = example_documents()
    base = [entry_from_document(d, previous=score(d.profile, d.answers)) for d in documents]
    out = []
    for number in range(count):
        entry = base[(number + seed) % len(base)]
        previous_status = STATUSES[(number * 7 + seed) % 3]
        out.append(
            dataclasses.replace(
                entry,
                organization_id=f"org-{number:05}",
                name=f"Первичная профсоюзная организация № {number + 1}",
                status=STATUSES[(number + seed) % 2],
                previous_status=previous_status,
                previous_index=None if previous_status is None else (number * 37 + seed) % 101,
                index=None if number % 11 == 5 else entry.index,
            )
        )
    return out


class Stream(ReportRows):
    """Rows made afresh on every pass (as the database's are), counting the passes and the rows alive."""

    def __init__(self, entries: list[ReportEntry]):
        self.recipes = [dataclasses.asdict(e) | {"profile": e.profile, "previous_profile": e.previous_profile}
                        for e in entries]  # fmt: skip
        self.profile_list = list({(e.profile.id, e.profile.version): e.profile for e in entries}.values())
        self.passes = 0
        self.alive = 0
        self.most_alive = 0

    def __len__(self) -> int:
        return len(self.recipes)

    def __iter__(self) -> Iterator[ReportEntry]:
        self.passes += 1
        for recipe in self.recipes:
            entry = ReportEntry(**recipe)
            self.alive += 1
            self.most_alive = max(self.most_alive, self.alive)
            weakref.finalize(entry, self.died)
            yield entry
            del entry

    def died(self) -> None:
        self.alive -= 1

    def profiles(self) -> list[Profile]:
        return self.profile_list


def sheets(path) -> dict[str, bytes]:
    """Every part of the workbook, its timestamps (the file's properties, «Служебный»'s «created») blanked."""
    with zipfile.ZipFile(path) as archive:
        return {name: TIMESTAMP.sub(b"T", archive.read(name)) for name in archive.namelist()}


def write(rows, path) -> None:
    write_report(
        rows, path, year=2025, scope="Федерация", expected=500, made_on=date(2025, 3, 1), with_respondents=True
    )


@pytest.mark.slow
def test_a_report_written_from_a_stream_is_the_report_written_from_the_list(tmp_path):
    entries = many_entries(240)
    write(entries, tmp_path / "list.xlsx")
    write(Stream(entries), tmp_path / "stream.xlsx")
    assert sheets(tmp_path / "list.xlsx") == sheets(tmp_path / "stream.xlsx")


@pytest.mark.slow
def test_the_writer_reads_the_stream_once_for_the_totals_and_once_per_sheet_and_keeps_no_row(tmp_path):
    stream = Stream(many_entries(300))
    write(stream, tmp_path / "r.xlsx")
    assert stream.passes == 4  # «Сводка» (the totals counted meanwhile), «Нормативы», «Динамика», «Ответы…»
    assert stream.most_alive <= 2  # a row is gone before the next is made: nothing piles up
    assert stream.alive == 0


@given(count=st.integers(1, 60), seed=st.integers(0, 5))
@settings(max_examples=examples(40), deadline=None)
def test_the_totals_counted_in_one_pass_are_those_of_the_rows_counted_by_hand(count, seed):
    entries = many_entries(count, seed)
    main = entries[0].profile
    totals = report_totals(iter(entries), 2025, main, expected=count + 3)  # a one-shot iterator will do

    complete = [e for e in entries if e.status == "complete"]
    pairs = [e for e in complete if e.previous_status == "complete" and e.index is not None
             and e.previous_index is not None]  # fmt: skip

    def mean(values):
        known = [v for v in values if v is not None]
        return sum(known) / len(known) if known else None

    assert totals.assessed == len(complete) and totals.expected == count + 3
    assert totals.average_index == mean([e.index for e in complete])
    assert totals.average_digital_index == mean([e.digital_index for e in complete])
    assert totals.paired == len(pairs)
    assert totals.paired_before == mean([e.previous_index for e in pairs])
    assert totals.paired_now == mean([e.index for e in pairs])
    assert dict(totals.kpis) == {f"{k.id.upper()} {k.title}": mean([e.kpis.get(k.id) for e in complete])
                                 for k in main.kpis}  # fmt: skip
    failing = {n.title: sum(1 for e in complete if e.norms.get(n.id) == "fail") for n in main.norms}
    for title, organizations in totals.failed_norms:
        assert failing[title] == organizations > 0
    assert sorted((c for c in failing.values() if c), reverse=True)[: len(totals.failed_norms)] == [
        c for _, c in totals.failed_norms
    ]
