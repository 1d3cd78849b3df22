"""The rows a consolidated report is written from: a stream read once per sheet, never held whole.

A federation's report has 100 000 organizations: the writer reads its rows sheet by sheet, each pass a fresh
stream (from the database: in batches, :mod:`maturity.usecases.report_source`), and counts its totals in one
pass of their own. :class:`ReportRows` is what the writer needs of them; :class:`EntryList` gives it over rows
already in a list (a report made from documents, the tests).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence

from maturity.exchange.report_entry import ReportEntry
from maturity.method.profile import Profile


class ReportRows(ABC):
    """The report's rows in the report's order: how many, and a fresh pass over them each time they are
    iterated (the answers may be left out: only :meth:`with_answers` needs to read them)."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def __iter__(self) -> Iterator[ReportEntry]: ...

    def read(self, *, answers: bool = False, scores: bool = True) -> Iterator[ReportEntry]:
        """A pass whose rows carry every answer when ``answers`` (the sheet «Ответы организаций»); without
        ``scores`` their KPI scores (of either year) may be left out."""
        return iter(self)

    @abstractmethod
    def profiles(self) -> list[Profile]:
        """The profile versions the rows were scored with, in the order of their first row."""


class EntryList(ReportRows):
    """Rows already in memory."""

    def __init__(self, entries: Sequence[ReportEntry]):
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ReportEntry]:
        return iter(self.entries)

    def profiles(self) -> list[Profile]:
        found: dict[tuple[str, str], Profile] = {}
        for e in self.entries:
            found.setdefault((e.profile.id, e.profile.version), e.profile)
        return list(found.values())


def report_rows(entries: Sequence[ReportEntry] | ReportRows) -> ReportRows:
    return entries if isinstance(entries, ReportRows) else EntryList(entries)
