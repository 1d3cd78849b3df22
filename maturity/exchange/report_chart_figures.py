"""The figures of the report's «Диаграммы» sheet, counted in one pass over its rows (no row kept):

- the mean of every KPI over every row, and over the organizations assessed (complete) in both years, this
  year and last (the bars of «Средние баллы по показателям»);
- how many rows reached each maturity level (None: not assessed);
- the mean index by organization level, the levels in the order of their first row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from maturity.exchange.report_entry import ReportEntry
from maturity.exchange.report_totals import COMPLETE, RunningMean


class ChartTally:
    def __init__(self, kpi_ids: Sequence[str], level_label: Callable[[ReportEntry], str]):
        self.kpi_ids, self.level_label = list(kpi_ids), level_label
        self.kpis = {k: RunningMean() for k in self.kpi_ids}
        self.both = 0  # rows assessed (complete) in both years
        self.both_now = {k: RunningMean() for k in self.kpi_ids}
        self.both_before = {k: RunningMean() for k in self.kpi_ids}
        self.levels: Counter[str | None] = Counter()
        self.index_by_level: dict[str, RunningMean] = {}

    def add(self, e: ReportEntry) -> None:
        for k in self.kpi_ids:
            self.kpis[k].add(e.kpis.get(k))
        if e.status == COMPLETE and e.previous_status == COMPLETE:
            self.both += 1
            for k in self.kpi_ids:
                self.both_now[k].add(e.kpis.get(k))
                self.both_before[k].add(e.previous_kpis.get(k))
        self.levels[e.maturity_level] += 1
        label = self.level_label(e)
        mean = self.index_by_level.get(label)
        if mean is None:
            mean = self.index_by_level[label] = RunningMean()
        mean.add(e.index)
