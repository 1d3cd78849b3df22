"""The figures of the report's «Итоги» sheet, from its rows (no database): the same statistics as the
comparison window's cards — complete assessments only — for the federation's meeting.

- organizations assessed (a complete assessment for the year) out of those expected, when known;
- the average index and digital index, and the change of the average index since last year over the
  organizations assessed (complete) in both years — never whoever happened to submit each year;
- how many reached each maturity level, the mean of every KPI, the norms failed most often.

Counted in one pass (:class:`TotalsTally`), so that a federation's 100 000 rows are read as a stream, never
held.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maturity.exchange.report_entry import ReportEntry
    from maturity.method.profile import Profile

COMPLETE = "complete"
TOP_NORMS = 5


@dataclass(frozen=True)
class ReportTotals:
    year: int
    expected: int | None  # organizations the report covers, when known
    assessed: int  # complete assessments of the year
    average_index: float | None
    average_digital_index: float | None
    paired: int  # organizations with a complete assessment (and an index) in both years
    paired_before: float | None  # their mean index of year - 1
    paired_now: float | None  # their mean index of the year
    levels: tuple[tuple[str, int], ...]  # (maturity level label, organizations), the profile's order
    kpis: tuple[tuple[str, float | None], ...]  # («K1 Информационная структура», mean)
    failed_norms: tuple[tuple[str, int], ...]  # (norm title, organizations failing it), most failed first

    @property
    def change(self) -> float | None:
        if not self.paired or self.paired_before is None or self.paired_now is None:
            return None
        return self.paired_now - self.paired_before


class RunningMean:
    """The mean of the known values added one by one (None left out): the same sum, in the same order, as
    ``sum(known) / len(known)`` over a list — without the list."""

    __slots__ = ("count", "total")

    def __init__(self) -> None:
        self.total: float = 0
        self.count = 0

    def add(self, value: float | None) -> None:
        if value is not None:
            self.total += value
            self.count += 1

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


class TotalsTally:
    """The totals counted in one pass over the report's rows (drafts left out of every figure): nothing but
    counters and running sums are kept, however many organizations the report has."""

    def __init__(self, main: Profile | None):
        self.main = main
        self.kpi_ids = [k.id for k in main.kpis] if main else []
        self.assessed = 0
        self.index, self.digital_index = RunningMean(), RunningMean()
        self.paired_before, self.paired_now = RunningMean(), RunningMean()
        self.kpis = {k: RunningMean() for k in self.kpi_ids}
        self.levels: Counter[str | None] = Counter()
        self.failed: Counter[str] = Counter()
        self.titles: dict[str, str] = {}
        self.order: dict[str, int] = {}
        self.profiles_seen: set[tuple[str, str, str | None]] = set()

    def add(self, e: ReportEntry) -> None:
        if e.status != COMPLETE:
            return
        self.assessed += 1
        self.index.add(e.index)
        self.digital_index.add(e.digital_index)
        if e.previous_status == COMPLETE and e.index is not None and e.previous_index is not None:
            self.paired_before.add(e.previous_index)
            self.paired_now.add(e.index)
        self.levels[e.maturity_level] += 1
        for k, mean in self.kpis.items():
            mean.add(e.kpis.get(k))
        for n, status in e.norms.items():
            if status == "fail":
                self.failed[n] += 1
        named = (e.profile.id, e.profile.version, e.profile.sha256)
        if named not in self.profiles_seen:  # each profile's norms named once, the first profile's first
            self.profiles_seen.add(named)
            for position, norm in enumerate(e.profile.norms):
                self.titles.setdefault(norm.id, norm.title)
                self.order.setdefault(norm.id, position)

    def totals(self, year: int, expected: int | None = None) -> ReportTotals:
        levels: list[tuple[str, int]] = []
        if self.main is not None:
            levels = [(level.label, self.levels.get(level.id, 0)) for level in self.main.data.maturity_levels]
        if self.levels.get(None):
            levels.append(("не оценивается", self.levels[None]))
        kpis = tuple((f"{k.id.upper()} {k.title}", self.kpis[k.id].mean) for k in (self.main.kpis if self.main else ()))
        ranked = sorted(self.failed.items(), key=lambda item: (-item[1], self.order.get(item[0], 999), item[0]))
        return ReportTotals(
            year=year,
            expected=expected,
            assessed=self.assessed,
            average_index=self.index.mean,
            average_digital_index=self.digital_index.mean,
            paired=self.paired_now.count,
            paired_before=self.paired_before.mean,
            paired_now=self.paired_now.mean,
            levels=tuple(levels),
            kpis=kpis,
            failed_norms=tuple((self.titles.get(n, n), c) for n, c in ranked[:TOP_NORMS]),
        )


def report_totals(
    entries: Iterable[ReportEntry], year: int, main: Profile | None, expected: int | None = None
) -> ReportTotals:
    """The totals of ``entries`` (the report's rows, read once; drafts are left out of every figure); ``main`` is
    the profile whose KPIs, maturity levels and norms name the rows."""
    tally = TotalsTally(main)
    for e in entries:
        tally.add(e)
    return tally.totals(year, expected)
