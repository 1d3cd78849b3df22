"""Benchmarks: how a group of organizations' scores are spread, and where one organization stands in it.

A benchmark holds, for each organization level, the spread of each KPI, of the index and of the
digital index over the complete assessments of a year: the count, the mean and five percentiles.
It names no organization; which groups and figures may be written at all is decided by
:mod:`maturity.engine.disclosure` (at least 11 values, differences of groups at least 11, no mean).

**Percentiles** (:func:`quantile`) are the linear interpolation between the closest ranks, the
"inclusive" method of :func:`statistics.quantiles` and numpy's default: for ``n`` sorted values
``x[0] … x[n-1]`` the ``p``-th percentile is at the position ``h = (n − 1)·p/100``,
``x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])``. The median of 1, 2, 3, 4 is 2.5; its 10th percentile 1.3.

**Where a value stands** (:func:`percentile_rank`) is read from the stored percentiles only (the file
has no individual values): linear between the points (p10, 10), (p25, 25), (p50, 50), (p75, 75),
(p90, 90); a value below p10 is at 10, above p90 at 90 (the file cannot tell further); a value
equal to several percentiles (a flat stretch) is at the middle of their ranks.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from maturity.engine.disclosure import MIN_GROUP as MIN_GROUP  # the rule itself lives there
from maturity.engine.disclosure import WHOLE, Tree, publishable
from maturity.engine.rounding import round_figure

PERCENTILES = (10, 25, 50, 75, 90)
INDICES = ("index", "digital_index")


def quantile(ordered: Sequence[float], p: int) -> float:
    """The ``p``-th percentile (0–100) of values sorted ascending, by linear interpolation (see above);
    the position is found in integers, so «(n − 1)·p/100» is never off by a binary fraction."""
    if not ordered:
        raise ValueError("нет значений")
    h = (len(ordered) - 1) * p
    low, fraction = divmod(h, 100)
    if fraction == 0:
        return float(ordered[low])
    return float(ordered[low]) + fraction / 100 * (float(ordered[low + 1]) - float(ordered[low]))


@dataclass(frozen=True)
class Spread:
    """How one figure is spread over a group: count, mean and percentiles (unrounded until written)."""

    n: int
    mean: float | None  # kept in memory, never written (maturity.engine.disclosure, rule 3); None when read
    percentiles: tuple[float, ...]  # in the order of PERCENTILES

    def at(self, p: int) -> float:
        """The ``p``-th percentile, one of :data:`PERCENTILES`."""
        return self.percentiles[PERCENTILES.index(p)]

    @property
    def median(self) -> float:
        return self.at(50)

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, **{f"p{p}": round_figure(v) for p, v in zip(PERCENTILES, self.percentiles, strict=True)}}


def spread_of(values: Sequence[float]) -> Spread:
    """The spread of values (any order); at least one value."""
    ordered = sorted(values)
    return Spread(len(ordered), sum(ordered) / len(ordered), tuple(quantile(ordered, p) for p in PERCENTILES))


@dataclass(frozen=True)
class BenchmarkGroup:
    """The organizations of one level: how many, and the spread of each KPI and both indices."""

    level: str
    n: int
    kpis: dict[str, Spread] = field(default_factory=dict)
    index: Spread | None = None
    digital_index: Spread | None = None

    def figure(self, key: str) -> Spread | None:
        """The spread of a KPI id, "index" or "digital_index" (None: not in the group)."""
        return getattr(self, key) if key in INDICES else self.kpis.get(key)


@dataclass(frozen=True)
class Benchmark:
    year: int
    profile_id: str
    profile_version: str
    groups: tuple[BenchmarkGroup, ...]

    def group(self, level: str | None) -> BenchmarkGroup | None:
        return next((g for g in self.groups if g.level == level), None)


def disclosed_groups(
    tree: Tree,
    members: Mapping[str, Sequence[int]],
    holders: Mapping[tuple[str, str], Collection[int]],
    values: Mapping[tuple[str, str], Mapping[int, float]],
    keys: Sequence[str],
    level_order: Sequence[str],
    top: int | None = WHOLE,
) -> list[BenchmarkGroup]:
    """The groups of a benchmark of the organizations under ``top`` (itself included; :data:`WHOLE`: the
    whole database), one per level of ``level_order`` with at least :data:`MIN_GROUP` organizations, holding
    the spread of each of ``keys`` (KPI ids, "index", "digital_index") that disclosure control lets be
    written (:func:`maturity.engine.disclosure.publishable`, decided over the whole ``tree``); a group with
    no such figure is left out. ``members``: the organizations of each level with a complete assessment, in
    the whole database; ``holders``: those with a value, by (level, key), in the whole database; ``values``:
    the values by (level, key) of the organizations under ``top`` (at least)."""
    decided: dict[frozenset[int], set[int | None]] = {}  # most figures have the same holders: decided once
    groups = []
    for level in level_order:
        inside = list(members.get(level, ())) if top is WHOLE else tree.under(top, members.get(level, ()))
        if len(inside) < MIN_GROUP:
            continue
        spreads: dict[str, Spread] = {}
        for key in keys:
            having = frozenset(holders.get((level, key), ()))
            if having not in decided:
                decided[having] = publishable(tree, having)
            if top not in decided[having]:
                continue
            group = having if top is WHOLE else frozenset(tree.under(top, having))
            known = values.get((level, key), {})
            if not group <= known.keys():  # a value the decision counted is missing: write nothing rather
                continue
            spreads[key] = spread_of([known[org] for org in group])
        if spreads:
            kpis = {k: s for k, s in spreads.items() if k not in INDICES}
            groups.append(BenchmarkGroup(level, len(inside), kpis, spreads.get("index"), spreads.get("digital_index")))
    return groups


def percentile_rank(value: float, spread: Spread) -> float:
    """Where ``value`` stands among the group, 10–90, from its stored percentiles (see the module's text)."""
    knots = list(zip(PERCENTILES, spread.percentiles, strict=True))
    if value < knots[0][1]:
        return float(PERCENTILES[0])
    if value > knots[-1][1]:
        return float(PERCENTILES[-1])
    equal = [rank for rank, q in knots if q == value]
    if equal:
        return (equal[0] + equal[-1]) / 2
    for (r0, q0), (r1, q1) in zip(knots, knots[1:], strict=False):
        if q0 < value < q1:
            return r0 + (r1 - r0) * (value - q0) / (q1 - q0)
    raise AssertionError("unreachable: the value is between p10 and p90")


@dataclass(frozen=True)
class PeerPosition:
    """One figure of an organization against its level's group."""

    percentile: float | None  # None: the organization's figure is not scored
    median: float
    n: int

    def to_json(self) -> dict[str, Any]:
        return {"percentile": round_figure(self.percentile), "median": round_figure(self.median), "n": self.n}


def peer_positions(
    group: BenchmarkGroup, kpis: Mapping[str, float | None], indices: Mapping[str, float | None]
) -> dict[str, PeerPosition]:
    """Each KPI (in ``kpis``' order) and both indices of an organization against ``group``; figures the
    group has no spread of are left out."""
    positions: dict[str, PeerPosition] = {}
    for key, value in [*kpis.items(), *indices.items()]:
        spread = group.figure(key)
        if spread is None:
            continue
        rank = None if value is None else percentile_rank(value, spread)
        positions[key] = PeerPosition(rank, spread.median, spread.n)
    return positions


def organization_peers(benchmark: Benchmark, level: str | None, result: Any) -> dict[str, PeerPosition] | None:
    """Where an organization of ``level`` with this :class:`~maturity.engine.scoring.ScoreResult` stands
    among its level's group; None when the benchmark has no group of that level."""
    group = benchmark.group(level)
    if group is None:
        return None
    return peer_positions(group, result.kpis, {"index": result.index, "digital_index": result.digital_index})
