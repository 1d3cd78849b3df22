"""Making a benchmark for chairs: the spreads of a year's complete assessments, by organization level,
anonymised (no names, no identifiers) and under disclosure control (maturity.engine.disclosure: no set of
benchmark files of one database gives an organization's figure away)."""

from __future__ import annotations

from maturity.engine.benchmark import Benchmark
from maturity.method.profile import Profile
from maturity.storage.benchmark import benchmark_spreads
from maturity.storage.queries import Db


def make_benchmark(db: Db, profile: Profile, year: int, parent_id: int | None = None) -> Benchmark:
    """The benchmark of ``year`` over the complete assessments made with ``profile`` (its id and version),
    of the organizations under ``parent_id`` at any depth when given, the whole database otherwise."""
    return benchmark_spreads(
        db,
        year,
        profile.id,
        profile.version,
        [k.id for k in profile.kpis],
        profile.organization_level_ids,
        parent_id,
    )
