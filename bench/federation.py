"""The federation the benchmarks read: organizations × 3 years in a SQLite file built once per size.

bench/compare.py, bench/main_window.py and bench/excel.py open the same cached file (``--cache``, default the
system's temporary folder): built once with bench/history.py's bulk Core inserts, reused by later runs (the
benchmarks only read it).

    add_cache_option(parser)                                   # --cache DIR
    url = federation_url(args.organizations, args.cache)       # sqlite:///…/compare-100000.db
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from history import build_federation  # bench/history.py (bench/ is not a package)

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "maturity-bench-cache"


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help="the folder of the SQLite federations built once per size (default: %(default)s)",
    )


def federation_answers() -> dict:
    """The answers every organization of the federation gives (the demo's first primary's, of 2025)."""
    from maturity.usecases.demo import demo_documents

    return next(iter(demo_documents(seed=3, primaries=1, years=(2025,)))).answers


def federation_url(organizations: int, cache: Path = DEFAULT_CACHE) -> str:
    """The URL of the SQLite federation of ``organizations`` in ``cache`` (built first if it is not there)."""
    return cached_database(organizations, cache, federation_answers())


def cached_database(organizations: int, cache: Path, answers: dict) -> str:
    """The URL of a SQLite federation of ``organizations`` built once into ``cache`` (the build goes to a
    temporary name first, so an interrupted build is never reused)."""
    from maturity.storage.database import open_database

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"compare-{organizations}.db"
    if path.exists():
        print(f"reusing the federation of {organizations} organizations × 3 years in {path}")
        return f"sqlite:///{path}"
    building = path.with_suffix(".building")
    for leftover in cache.glob(building.name + "*"):
        leftover.unlink()
    engine = open_database(f"sqlite:///{building}")
    start = time.perf_counter()
    build_federation(engine, organizations, answers)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    shutil.move(building, path)
    print(f"built {organizations} organizations × 3 years in {time.perf_counter() - start:.1f} s into {path}")
    return f"sqlite:///{path}"
