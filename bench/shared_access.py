"""Benchmark of a shared PostgreSQL database under the row-level security policies of ``maturity access``.

    python bench/shared_access.py [--organizations 100000]

Starts a throwaway PostgreSQL server (tests/postgres_server.py: Debian's initdb and pg_ctl), builds bench/history.py's
federation (a union over 10 regional organizations over 100 local ones over the primaries, every one assessed in
3 years) as the federation's role (the tables' owner, not a superuser), runs ``maturity access init`` and grants a
login the first regional organization (a tenth of the federation). Then, best of three after one warm-up, the same
reads of that region two ways: by the federation's role narrowed to the region (``--parent``; no policies apply
to the owner) — the baseline — and by the region's login with no narrowing (the policies decide what it sees):

- the comparison window's table (the ids of the year in name order, then their rows);
- ``maturity status`` (who has submitted, with last year's index);
- ``maturity orgs`` (the register's rows).

Aim (issue 24): the login within 1.5× of the federation's role.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from history import build_federation, table  # noqa: E402 (bench/ is not a package)
from postgres_server import PostgresServer  # noqa: E402

from maturity.storage.comparison import ComparisonFilter  # noqa: E402
from maturity.storage.submissions import Scope, register_rows, submissions  # noqa: E402

FEDERATION = "federation_bench"
LOGIN = "region_bench"
REGION_ID = 2  # bench/history.py: the first regional organization


def best(function: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    result = function()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def size(result: object) -> int:
    return len(result) if isinstance(result, list) else -1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organizations", type=int, default=100_000)
    args = parser.parse_args()
    from sqlmodel import Session

    from maturity.storage.access import grant_access, init_access
    from maturity.storage.database import open_database

    answers = json.loads((ROOT / "examples" / "primary-small.json").read_text(encoding="utf-8"))["answers"]
    with PostgresServer() as server:
        with server.admin_connection() as conn:
            conn.execute(f"CREATE ROLE {FEDERATION} LOGIN CREATEROLE")
            name = f"bench_{uuid.uuid4().hex[:8]}"
            conn.execute(f'CREATE DATABASE "{name}" OWNER {FEDERATION}')
        federation_url = f"postgresql+psycopg://{FEDERATION}@127.0.0.1:{server.port}/{name}"
        login_url = f"postgresql+psycopg://{LOGIN}@127.0.0.1:{server.port}/{name}"
        engine = open_database(federation_url)
        start = time.perf_counter()
        build_federation(engine, args.organizations, answers)
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
        print(f"{args.organizations} organizations built in {time.perf_counter() - start:.1f} s")
        init_access(engine)
        grant_access(engine, LOGIN, REGION_ID, read_only=False, password=None)
        login_engine = open_database(login_url)
        year = 2025
        steps: list[tuple[str, Callable[[Session, int | None], object]]] = [
            ("comparison table", lambda s, parent: table(s, ComparisonFilter(year=year, parent_id=parent))),
            ("status", lambda s, parent: submissions(s, year, Scope(parent_id=parent))),
            ("orgs", lambda s, parent: register_rows(s, parent)),
        ]
        print(f"{'step':<18}{'federation --parent':>22}{'region login':>16}{'ratio':>8}{'rows':>14}")
        worst = 0.0
        with Session(engine) as federation, Session(login_engine) as region:
            for label, step in steps:
                base, base_rows = best(lambda step=step: step(federation, REGION_ID))
                mine, my_rows = best(lambda step=step: step(region, None))
                ratio = mine / base if base else float("inf")
                worst = max(worst, ratio)
                rows = f"{size(base_rows)}/{size(my_rows)}"
                print(f"{label:<18}{base:>20.3f} s{mine:>14.3f} s{ratio:>7.2f}×{rows:>14}")
        login_engine.dispose()
        engine.dispose()
    print(f"worst ratio {worst:.2f}× (aim: within 1.5×)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
