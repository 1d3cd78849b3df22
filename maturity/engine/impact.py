"""What a new version of a method would do to a year's assessments, before anything is re-scored.

:class:`ImpactTally` is given, for each assessment, its figures as stored now and its figures as the new
version scores the same answers (what ``maturity rescore`` would store: :func:`figures_of` a
:class:`~maturity.engine.scoring.ScoreResult`), and sums them up into an :class:`Impact`:

- how many assessments change maturity level, and the matrix «from → to» of levels (counts);
- the change of the index: its mean and its spread (the population standard deviation), the smallest and
  the largest change, over the assessments that have an index before and after;
- each KPI: the mean before, the mean after and the mean change (over the assessments with a value
  before and after), how many change at all;
- each norm: how many assessments start failing it and how many stop failing it;
- the largest movers by the index (the absolute change, largest first; ties by name).

Sums are exact (:func:`math.fsum`): the figures do not depend on the order the assessments come in.
Nothing here reads a database or writes anything.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from maturity.engine.rounding import round_figure

TOP_MOVERS = 20
SAME = 1e-9  # a KPI or index change below this is no change (the same arithmetic gives the same float)


@dataclass(frozen=True)
class Figures:
    """One assessment's figures as stored (or as a re-scoring would store them)."""

    index: float | None
    level: str | None
    kpis: Mapping[str, float | None]
    norms: Mapping[str, str]
    status: str = "complete"


def figures_of(result: Any, status: str) -> Figures:
    """The figures a :class:`~maturity.engine.scoring.ScoreResult` gives (what the store writes of it)."""
    return Figures(result.index, result.level, dict(result.kpis), dict(result.norm_statuses), status)


@dataclass(frozen=True)
class Mover:
    """An organization whose index changes: before, after and the change."""

    organization_id: int
    name: str
    before: float | None
    after: float | None
    before_level: str | None
    after_level: str | None

    @property
    def change(self) -> float:
        return (self.after or 0.0) - (self.before or 0.0)


@dataclass(frozen=True)
class KpiChange:
    kpi_id: str
    n: int  # assessments with a value before and after
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    changed: int  # of those n, how many change by more than SAME
    only_before: int = 0  # a value before, none after (the KPI is gone or no longer scored)
    only_after: int = 0  # a value after, none before (a new KPI)


@dataclass(frozen=True)
class NormChange:
    norm_id: str
    start_failing: int
    stop_failing: int


@dataclass(frozen=True)
class Refused:
    """An assessment the new version cannot score (its answers do not fit): a rescore would refuse it."""

    organization_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Impact:
    """The sum of a version's effect on a year's complete assessments (see the module's text)."""

    profile_id: str
    version: str
    year: int
    assessments: int  # scored under the new version (refused ones not counted)
    changed_level: int
    matrix: dict[tuple[str | None, str | None], int]  # (level before, level after) → count, every pair seen
    index_n: int
    index_mean_change: float | None
    index_spread: float | None
    index_min_change: float | None
    index_max_change: float | None
    index_changed: int
    kpis: tuple[KpiChange, ...]
    norms: tuple[NormChange, ...]
    movers: tuple[Mover, ...]
    became_draft: int  # complete now, incomplete under the new version (a rescore stores them as drafts)
    refused: tuple[Refused, ...] = ()
    from_versions: tuple[str, ...] = ()
    level_order: tuple[str, ...] = field(default=(), repr=False)

    @property
    def unchanged(self) -> bool:
        """Nothing a person would see changes."""
        return (
            self.changed_level == 0
            and self.index_changed == 0
            and all(k.changed == 0 and not k.only_before and not k.only_after for k in self.kpis)
            and all(n.start_failing == 0 and n.stop_failing == 0 for n in self.norms)
            and self.became_draft == 0
            and not self.refused
        )

    def to_json(self) -> dict[str, Any]:
        """``maturity impact --json``: figures rounded as the method reports them (one decimal; the spread
        and the KPI means alike)."""
        return {
            "profile": self.profile_id,
            "version": self.version,
            "year": self.year,
            "from_versions": list(self.from_versions),
            "assessments": self.assessments,
            "changed_level": self.changed_level,
            "level_matrix": [
                {"from": before, "to": after, "count": count}
                for (before, after), count in sorted(self.matrix.items(), key=lambda item: self._pair_key(item[0]))
            ],
            "index_change": {
                "n": self.index_n,
                "mean": round_figure(self.index_mean_change),
                "spread": round_figure(self.index_spread),
                "min": round_figure(self.index_min_change),
                "max": round_figure(self.index_max_change),
                "changed": self.index_changed,
            },
            "kpis": {
                k.kpi_id: {
                    "n": k.n,
                    "mean_before": round_figure(k.mean_before),
                    "mean_after": round_figure(k.mean_after),
                    "mean_change": round_figure(k.mean_change),
                    "changed": k.changed,
                    "only_before": k.only_before,
                    "only_after": k.only_after,
                }
                for k in self.kpis
            },
            "norms": {
                n.norm_id: {"start_failing": n.start_failing, "stop_failing": n.stop_failing} for n in self.norms
            },
            "movers": [
                {
                    "organization_id": m.organization_id,
                    "name": m.name,
                    "index_before": round_figure(m.before),
                    "index_after": round_figure(m.after),
                    "change": round_figure(m.change),
                    "level_before": m.before_level,
                    "level_after": m.after_level,
                }
                for m in self.movers
            ],
            "became_draft": self.became_draft,
            "refused": [
                {"organization_id": r.organization_id, "name": r.name, "reason": r.reason} for r in self.refused
            ],
        }

    def _pair_key(self, pair: tuple[str | None, str | None]) -> tuple[int, int]:
        order: dict[str | None, int] = {level: place for place, level in enumerate(self.level_order)}
        return (order.get(pair[0], len(order)), order.get(pair[1], len(order)))


class ImpactTally:
    """Add assessments one by one (before, after); :meth:`impact` sums them up. Memory: one float per
    assessment (the index changes, for the spread) and the top movers."""

    def __init__(
        self,
        profile_id: str,
        version: str,
        year: int,
        kpi_ids: tuple[str, ...],
        norm_ids: tuple[str, ...],
        level_order: tuple[str, ...] = (),
        top: int = TOP_MOVERS,
    ):
        self.profile_id, self.version, self.year = profile_id, version, year
        self.kpi_ids, self.norm_ids, self.level_order, self.top = kpi_ids, norm_ids, level_order, top
        self.count = 0
        self.matrix: Counter[tuple[str | None, str | None]] = Counter()
        self.deltas: list[float] = []
        self.kpi_before: dict[str, list[float]] = {}
        self.kpi_after: dict[str, list[float]] = {}
        self.kpi_changed: Counter[str] = Counter()
        self.kpi_only_before: Counter[str] = Counter()
        self.kpi_only_after: Counter[str] = Counter()
        self.start_failing: Counter[str] = Counter()
        self.stop_failing: Counter[str] = Counter()
        self.became_draft = 0
        self.refused: list[Refused] = []
        self.from_versions: set[str] = set()
        self._movers: list[tuple[float, str, int, Mover]] = []  # a min-heap of the largest |change|

    def add(self, organization_id: int, name: str, before: Figures, after: Figures, from_version: str = "") -> None:
        self.count += 1
        if from_version:
            self.from_versions.add(from_version)
        self.matrix[(before.level, after.level)] += 1
        if before.status == "complete" and after.status != "complete":
            self.became_draft += 1
        if before.index is not None and after.index is not None:
            delta = after.index - before.index
            self.deltas.append(delta)
            if abs(delta) > SAME:
                mover = Mover(organization_id, name, before.index, after.index, before.level, after.level)
                key = (abs(delta), _reverse_text(name), -organization_id, mover)
                if len(self._movers) < self.top:
                    heapq.heappush(self._movers, key)
                elif key[:3] > self._movers[0][:3]:
                    heapq.heapreplace(self._movers, key)
        for kpi_id in self._kpi_ids(before, after):
            b, a = before.kpis.get(kpi_id), after.kpis.get(kpi_id)
            if b is not None and a is not None:
                self.kpi_before.setdefault(kpi_id, []).append(b)
                self.kpi_after.setdefault(kpi_id, []).append(a)
                if abs(a - b) > SAME:
                    self.kpi_changed[kpi_id] += 1
            elif b is not None:
                self.kpi_only_before[kpi_id] += 1
            elif a is not None:
                self.kpi_only_after[kpi_id] += 1
        for norm_id in set(before.norms) | set(after.norms):
            was, now = before.norms.get(norm_id) == "fail", after.norms.get(norm_id) == "fail"
            if now and not was:
                self.start_failing[norm_id] += 1
            elif was and not now:
                self.stop_failing[norm_id] += 1

    def _kpi_ids(self, before: Figures, after: Figures) -> list[str]:
        if before.kpis.keys() == after.kpis.keys():
            return list(after.kpis)
        return list(dict.fromkeys([*after.kpis, *before.kpis]))

    def refuse(self, organization_id: int, name: str, reason: str) -> None:
        self.refused.append(Refused(organization_id, name, reason))

    def impact(self) -> Impact:
        n = len(self.deltas)
        mean = math.fsum(self.deltas) / n if n else None
        spread = math.sqrt(math.fsum((d - mean) ** 2 for d in self.deltas) / n) if mean is not None else None
        seen_kpis = [*self.kpi_ids, *sorted(set(self.kpi_before) | set(self.kpi_only_before) - set(self.kpi_ids))]
        kpis = []
        for kpi_id in dict.fromkeys(seen_kpis):
            before, after = self.kpi_before.get(kpi_id, []), self.kpi_after.get(kpi_id, [])
            count = len(before)
            mean_before = math.fsum(before) / count if count else None
            mean_after = math.fsum(after) / count if count else None
            change = math.fsum(a - b for a, b in zip(after, before, strict=True)) / count if count else None
            kpis.append(
                KpiChange(
                    kpi_id,
                    count,
                    mean_before,
                    mean_after,
                    change,
                    self.kpi_changed[kpi_id],
                    self.kpi_only_before[kpi_id],
                    self.kpi_only_after[kpi_id],
                )
            )
        norm_ids = [*self.norm_ids, *sorted((set(self.start_failing) | set(self.stop_failing)) - set(self.norm_ids))]
        norms = tuple(NormChange(i, self.start_failing[i], self.stop_failing[i]) for i in dict.fromkeys(norm_ids))
        movers = tuple(entry[3] for entry in sorted(self._movers, reverse=True))
        return Impact(
            profile_id=self.profile_id,
            version=self.version,
            year=self.year,
            assessments=self.count,
            changed_level=sum(count for (b, a), count in self.matrix.items() if b != a),
            matrix=dict(self.matrix),
            index_n=n,
            index_mean_change=mean,
            index_spread=spread,
            index_min_change=min(self.deltas) if n else None,
            index_max_change=max(self.deltas) if n else None,
            index_changed=sum(1 for d in self.deltas if abs(d) > SAME),
            kpis=tuple(kpis),
            norms=norms,
            movers=movers,
            became_draft=self.became_draft,
            refused=tuple(self.refused),
            from_versions=tuple(sorted(self.from_versions)),
            level_order=self.level_order,
        )


class _reverse_text(str):
    """A name that sorts the other way round: the heap keeps the largest keys, and among equal changes
    the name first in the alphabet should win."""

    __slots__ = ()

    def __lt__(self, other: str) -> bool:
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:
        return str.__lt__(self, other)

    def __le__(self, other: str) -> bool:
        return str.__ge__(self, other)

    def __ge__(self, other: str) -> bool:
        return str.__le__(self, other)
