"""Benchmark of ``maturity impact``: a new version re-scored in memory over a year's complete assessments.

    python bench/impact.py [--organizations 100000] [--cache DIR]

The federation is bench/compare.py's (built once per size into its cache with bench/history.py's bulk inserts,
reused; only read here). The new version is fnpr-base with a target doubled, a KPI's weight tripled and the
levels' thresholds moved, given as a profile object (nothing is installed into the cached database). Times, in
the same run, best of three after a warm-up:

- the baseline: reading the year's answers and stored figures alone (the ids, then the batches: the rows, the
  answers' JSON decoded) — what any impact has to do before scoring anything;
- the impact: the same reading, each answer set checked against the new version and scored by the compiled scorer,
  the sums taken (what ``maturity impact`` does).

Aim (issue 28): 100 000 organizations within 30 s.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import best_of_three  # noqa: E402 (bench/ is not a package)
from federation import add_cache_option, federation_url  # noqa: E402

YEAR = 2025


def new_version():
    import yaml

    from maturity.method.profile import load_profile, profile_from_text

    data = yaml.safe_load(load_profile("fnpr-base").text)
    data["version"] = "2027.1"
    data["parameters"]["meetings_target"] *= 2
    for kpi in data["kpis"]:
        if kpi["id"] == "k3":
            kpi["weight"] = 3
    for level, start in zip(data["maturity_levels"][1:], (25, 45, 65, 85), strict=True):
        level["from"] = start
    return profile_from_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "bench: fnpr-base 2027.1")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organizations", type=int, default=100_000)
    add_cache_option(parser)
    args = parser.parse_args()

    from maturity.storage.database import open_database
    from maturity.storage.impact_source import complete_assessment_ids, stored_assessments
    from maturity.usecases.version_impact import version_impact

    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    engine = open_database(federation_url(args.organizations, args.cache))
    profile = new_version()

    def read_alone() -> int:
        with engine.connect() as connection:
            ids = complete_assessment_ids(connection, YEAR, profile.id)
            return sum(len(batch) for batch in stored_assessments(connection, ids))

    count, baseline = best_of_three(read_alone)
    print(f"baseline: read {count} complete assessments of {YEAR} (answers and stored figures) alone: {baseline:.2f}")

    impact, seconds = best_of_three(lambda: version_impact(engine, profile, YEAR))
    assert impact is not None
    print(
        f"impact of {profile.id} {profile.version}: {impact.assessments} re-scored in memory, "
        f"{impact.changed_level} change level, {len(impact.refused)} refused: {seconds:.2f}  "
        f"(×{seconds.cpu / baseline.cpu:.1f} the baseline's CPU; aim: under 30 s for 100 000)"
    )
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
