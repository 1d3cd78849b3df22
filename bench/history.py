"""Benchmark of the yearly history database: importing files, and querying a large federation.

    python bench/history.py [--files 10000] [--organizations 100000] [--db URL]

1. Writes N assessment files (demo answers, valid and varied) to a temporary folder, then
   times, in the same run: only reading and parsing them (the baseline), and importing them into
   an empty database (read + parse + score + write). Aim: the import within 2x of the baseline.
2. Builds a database of M organizations x 3 years with bulk Core inserts of generated rows
   (answers of realistic size, scores drawn at random: the query does not care how they were
   computed) in a tree union > 10 regional > 100 local > primaries, then times "all
   organizations under a parent for a year" and the comparison table for the whole tree (M rows),
   a regional organization (M/10) and a local one (M/100). Aim: under 0.5 s.

--db: a PostgreSQL URL of an empty database to use instead of temporary SQLite files (it is
emptied between the two parts). --postgres: the same on a throwaway PostgreSQL server started
for the run (tests/postgres_server.py; needs the Debian package postgresql).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session

from maturity.engine.scoring import score
from maturity.exchange.files import read_assessment_file
from maturity.method.profile import load_profile
from maturity.storage.comparison import ComparisonFilter, comparison_ids, rows_by_id
from maturity.storage.database import open_database
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization, new_uid
from maturity.storage.store import Store
from maturity.usecases.demo import demo_documents
from maturity.usecases.importing import import_documents

YEARS = (2023, 2024, 2025)
LEVELS = ("initial", "basic", "developing", "advanced", "leading")


def table(session, f: ComparisonFilter) -> list:
    """The comparison window's rows as it reads them: the filter's ids in name order, then their rows."""
    ids = comparison_ids(session, f)
    return list(rows_by_id(session, f.year, ids).values())


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def cpu_timed(function, *args, **kwargs):
    """(result, wall seconds, CPU seconds of this process): the machine may be shared."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def write_files(folder: Path, count: int) -> list[Path]:
    paths = []
    documents = demo_documents(seed=7, primaries=count, years=(2025,))
    for number, document in enumerate(documents):
        if number == count:
            break
        path = folder / f"{number:06d}.json"
        path.write_text(json.dumps(document.to_json(), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def empty_database(url: str | None, folder: Path, name: str) -> str:
    if url is None:
        return f"sqlite:///{folder / name}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        for table in ("assessment_kpi", "assessment_score", "assessment", "organization", "alembic_version"):
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table} CASCADE")
    engine.dispose()
    return url


def bench_import(folder: Path, files: int, url: str | None) -> None:
    load_profile("fnpr-base")  # both timings start with the profile loaded
    (paths, seconds) = timed(write_files, folder, files)
    print(
        f"wrote {len(paths)} assessment files in {seconds:.1f} s ({sum(p.stat().st_size for p in paths) / 1e6:.1f} MB)"
    )

    documents, parse_seconds, parse_cpu = cpu_timed(lambda: [read_assessment_file(p) for p in paths])
    _, score_seconds, score_cpu = cpu_timed(lambda: [score(d.profile, d.answers) for d in documents])
    engine = open_database(empty_database(url, folder, "import.db"))
    with Session(engine, expire_on_commit=False) as session:
        report, import_seconds, import_cpu = cpu_timed(import_documents, Store(session), paths)
    engine.dispose()
    assert len(report.imported) == len(paths), report.summary()[:500]
    n = len(paths)
    print(
        f"read + parse only (baseline): {n / parse_seconds:6.0f} files/s  ({parse_seconds:.2f} s wall, "
        f"{parse_cpu:.2f} s CPU)"
    )
    print(
        f"import into the database:     {n / import_seconds:6.0f} files/s  ({import_seconds:.2f} s wall, "
        f"{import_cpu:.2f} s CPU)"
    )
    print(
        f"import / baseline: {import_seconds / parse_seconds:.2f}x wall, {import_cpu / parse_cpu:.2f}x CPU "
        "(aim: within 2x)"
    )
    print(
        f"  scoring alone takes {score_cpu:.2f} s CPU; writing (organizations, answers, scores in batched "
        f"transactions) the remaining ~{import_cpu - parse_cpu - score_cpu:.2f} s CPU"
    )


def build_federation(engine: sa.Engine, organizations: int, answers: dict) -> None:
    """A union (id 1) over 10 regional organizations (ids 2–11), each over 10 local ones (ids 12–111),
    each over ~1/100 of the primaries; every organization assessed in each of 3 years (fnpr-base's KPIs).
    """
    profile = load_profile("fnpr-base")
    kpi_ids = [k.id for k in profile.kpis]
    rng = random.Random(1)
    now = datetime.now(UTC)
    common = dict(placeholder=False, sector="Образование", created_at=now, updated_at=now)
    org_rows = [
        dict(id=1, uid=new_uid(), name="Профсоюз", level="union", parent_id=None, region=None, members=30000, **common)
    ]
    for r in range(10):
        org_rows.append(
            dict(
                id=2 + r,
                uid=new_uid(),
                name=f"Региональная организация {r + 1}",
                level="territorial",
                parent_id=1,
                region=f"Регион {r + 1}",
                members=25000,
                **common,
            )
        )
    for t in range(100):
        org_rows.append(
            dict(
                id=12 + t,
                uid=new_uid(),
                name=f"Местная организация {t + 1}",
                level="territorial",
                parent_id=2 + t % 10,
                region=f"Регион {t % 10 + 1}",
                members=5000,
                **common,
            )
        )
    for p in range(organizations - len(org_rows)):
        t = p % 100
        org_rows.append(
            dict(
                id=len(org_rows) + 1,
                uid=new_uid(),
                name=f"ППО № {p + 1}",
                level="primary",
                parent_id=12 + t,
                region=f"Регион {t % 10 + 1}",
                members=rng.randint(30, 3000),
                **common,
            )
        )
    org_table, asm_table, score_table = Organization.__table__, Assessment.__table__, AssessmentScore.__table__
    kpi_table = AssessmentKpi.__table__
    chunk = 20_000
    with engine.begin() as connection:
        for start in range(0, len(org_rows), chunk):
            connection.execute(org_table.insert(), org_rows[start : start + chunk])
        assessment_id = 0
        for year in YEARS:
            asm_rows, score_rows, kpi_rows = [], [], []
            for org in org_rows:
                assessment_id += 1
                asm_rows.append(
                    dict(
                        id=assessment_id,
                        organization_id=org["id"],
                        year=year,
                        profile_id="fnpr-base",
                        profile_version="2025.1",
                        status="complete",
                        answers=answers,
                        respondent=None,
                        created_at=now,
                        updated_at=now,
                    )
                )
                kpis = {k: rng.uniform(0, 100) for k in kpi_ids}
                index = sum(kpis.values()) / len(kpis)
                digital = [kpis[k] for k in profile.data.digital_kpis]
                score_rows.append(
                    dict(
                        assessment_id=assessment_id,
                        index=index,
                        digital_index=sum(digital) / len(digital),
                        level=LEVELS[min(4, int(index // 20))],
                        norms={"n1_funding": "pass"},
                        failed_norms_count=rng.randint(0, 5),
                        completeness=1.0,
                    )
                )
                kpi_rows += [dict(assessment_id=assessment_id, kpi_id=k, value=v) for k, v in kpis.items()]
            for start in range(0, len(asm_rows), chunk):
                connection.execute(asm_table.insert(), asm_rows[start : start + chunk])
                connection.execute(score_table.insert(), score_rows[start : start + chunk])
            for start in range(0, len(kpi_rows), chunk):
                connection.execute(kpi_table.insert(), kpi_rows[start : start + chunk])
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")


def bench_query(folder: Path, organizations: int, url: str | None) -> None:
    engine = open_database(empty_database(url, folder, "federation.db"))
    answers = next(iter(demo_documents(seed=3, primaries=1, years=(2025,)))).answers
    _, seconds = timed(build_federation, engine, organizations, answers)
    rows = organizations * len(YEARS)
    print(
        f"built {organizations} organizations x {len(YEARS)} years with bulk Core inserts in {seconds:.1f} s "
        f"({2 * rows / seconds:.0f} assessment + score rows/s)"
    )
    with Session(engine) as session:
        for label, call in (
            ("comparison table, everyone, 2025", lambda: table(session, ComparisonFilter(2025, parent_id=1))),
            (
                "comparison table under a regional one, 2025",
                lambda: table(session, ComparisonFilter(2025, parent_id=2)),
            ),
            ("comparison table under a local one, 2025", lambda: table(session, ComparisonFilter(2025, parent_id=12))),
            ("comparison table, name contains «77», 2025", lambda: table(session, ComparisonFilter(2025, text="77"))),
        ):
            call()  # warm the cache once, then take the best of three
            results = [timed(call) for _ in range(3)]
            found, best = len(results[0][0]), min(s for _, s in results)
            print(f"{label + ':':52} {found:6d} rows in {best:.3f} s  (aim: under 0.5 s)")
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--db", help="an empty PostgreSQL database instead of temporary SQLite files")
    parser.add_argument("--postgres", action="store_true", help="run on a throwaway PostgreSQL server")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        url = args.db
        if args.postgres:
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
            from postgres_server import PostgresServer

            server = stack.enter_context(PostgresServer())
            url = server.url(server.create_database("maturity_bench"))
        print(f"database: {'PostgreSQL' if url else 'SQLite (temporary files)'}")
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="maturity-bench-")))
        bench_import(folder, args.files, url)
        bench_query(folder, args.organizations, url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
