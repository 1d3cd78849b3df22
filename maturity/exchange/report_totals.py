"""The figures of the report's «Итоги» sheet, from its rows (no database): the same statistics as the
comparison window's cards — complete assessments only — for the federation's meeting.

- organizations assessed (a complete assessment for the year) out of those expected, when known;
- the average index and digital index, and the change of the average index since last year over the
  organizations assessed (complete) in both years — never whoever happened to submit each year;
- how many reached each maturity level, the mean of every KPI, the norms failed most often.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
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


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def report_totals(
    entries: Sequence[ReportEntry], year: int, main: Profile | None, expected: int | None = None
) -> ReportTotals:
    """The totals of ``entries`` (the report's rows; drafts are left out of every figure); ``main`` is the
    profile whose KPIs, maturity levels and norms name the rows."""
    complete = [e for e in entries if e.status == COMPLETE]
    pairs = [
        e for e in complete if e.previous_status == COMPLETE and e.index is not None and e.previous_index is not None
    ]
    levels: list[tuple[str, int]] = []
    counts = Counter(e.maturity_level for e in complete)
    if main is not None:
        levels = [(level.label, counts.get(level.id, 0)) for level in main.data.maturity_levels]
    if counts.get(None):
        levels.append(("не оценивается", counts[None]))
    kpis = tuple(
        (f"{k.id.upper()} {k.title}", _mean([e.kpis.get(k.id) for e in complete])) for k in (main.kpis if main else ())
    )
    failed: Counter[str] = Counter(n for e in complete for n, status in e.norms.items() if status == "fail")
    titles: dict[str, str] = {}
    order: dict[str, int] = {}
    for e in complete:
        for position, norm in enumerate(e.profile.norms):
            titles.setdefault(norm.id, norm.title)
            order.setdefault(norm.id, position)
    ranked = sorted(failed.items(), key=lambda item: (-item[1], order.get(item[0], 999), item[0]))
    return ReportTotals(
        year=year,
        expected=expected,
        assessed=len(complete),
        average_index=_mean([e.index for e in complete]),
        average_digital_index=_mean([e.digital_index for e in complete]),
        paired=len(pairs),
        paired_before=_mean([e.previous_index for e in pairs]),
        paired_now=_mean([e.index for e in pairs]),
        levels=tuple(levels),
        kpis=kpis,
        failed_norms=tuple((titles.get(n, n), c) for n, c in ranked[:TOP_NORMS]),
    )
