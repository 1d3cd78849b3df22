"""Benchmark: importing N assessment files (JSON) against only reading and parsing them, on SQLite
and on PostgreSQL, with the import's peak memory.

For each size the files are written once into a cache folder (kept for the next run: 100 000 files
take a few minutes to make) and then, in turns — read, import, read, import… (``--rounds``) —
each step runs in a fresh process of its own, so that its peak memory (the largest resident set) is
its own and neither step inherits the other's memory or caches:

- the baseline: read, check and parse every file (``read_assessment_file``), each document dropped;
- the import: ``import_documents`` of the same files into an empty database (read + score + write,
  organizations matched and created, one transaction per batch of 250 files).

Printed per size and database: wall and CPU seconds of each (the better of the rounds), the ratio
import / baseline (aim: within 2× on SQLite and 2.5× on PostgreSQL; wall time: on PostgreSQL the
server's work is not this process's CPU), and the import's peak memory (aim: under 300 MB at 100 000).

    python bench/import_files.py [--sizes 2000] [--rounds 2] [--postgres] [--cache DIR]
    python bench/import_files.py --sizes 10000,100000 --postgres
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "maturity-bench-import"
DONE = ".complete"  # written last: a folder without it was interrupted and is made again


def files_for(size: int, cache: Path) -> Path:
    """A folder of ``size`` demo assessment files (varied, valid; a federation's tree by uid), made once."""
    folder = cache / f"json-{size}"
    if (folder / DONE).exists():
        return folder
    from maturity.usecases.demo import demo_documents

    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for number, document in enumerate(demo_documents(seed=7, primaries=size, years=(2025,))):
        if number == size:
            break
        path = folder / f"{number:06d}.json"
        path.write_text(json.dumps(document.to_json(), ensure_ascii=False), encoding="utf-8")
    (folder / DONE).write_text(str(size))
    print(f"  wrote {size} files into {folder} in {time.perf_counter() - started:.0f} s", flush=True)
    return folder


def paths_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".json")


# ---------------------------------------------------------------- the steps, each in its own process


def step_read(folder: Path):
    """The baseline, ready to run: read, check and parse every file, each document dropped."""
    from maturity.exchange.files import read_assessment_file

    def run() -> int:
        count = 0
        for path in paths_in(folder):
            read_assessment_file(path)
            count += 1
        return count

    return run


def step_import(folder: Path, url: str):
    """The import, ready to run: an empty database (created and migrated before the clock starts)."""
    from sqlmodel import Session

    from maturity.storage.database import open_database
    from maturity.storage.store import Store
    from maturity.usecases.importing import import_documents

    engine = open_database(url)

    def run() -> int:
        with Session(engine, expire_on_commit=False) as session:
            report = import_documents(Store(session), [folder])
        if report.rejected or report.skipped:
            raise SystemExit(report.summary()[:1000])
        return len(report.imported)

    return run


def run_step(argv: list[str]) -> None:
    """``--step read|import FOLDER [URL]``: time one step; print its figures as one JSON line."""
    from maturity.method.profile import load_profile

    kind, folder = argv[0], Path(argv[1])
    load_profile("fnpr-base")  # both steps start with the method loaded and their modules imported
    print_step(step_read(folder) if kind == "read" else step_import(folder, argv[2]))


def _status_mb(field: str) -> float | None:
    """A ``/proc/self/status`` figure in MB (``VmHWM``, ``VmRSS``), None without ``/proc``."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None


def peak_mb() -> float:
    """The largest resident set of this process since the last :func:`reset_peak`, in MB.

    From ``VmHWM``: ``ru_maxrss`` keeps the parent's peak across ``exec`` on Linux, so a step started by a
    bench that holds a lot would report the bench's memory, not its own.
    """
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> float:
    """Start counting the peak from now (Linux: ``5`` to ``/proc/self/clear_refs``), so that what a step
    built before its clock (its inputs) does not hide its own peak; the resident set now, in MB."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        pass
    now = _status_mb("VmRSS")
    return now if now is not None else peak_mb()


def print_step(run) -> None:
    """Run one step; print its count, wall and CPU seconds and memory (at the start, at the peak) as JSON."""
    start_mb = reset_peak()
    wall, cpu = time.perf_counter(), time.process_time()
    count = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = peak_mb()
    print(json.dumps({"count": count, "wall": wall, "cpu": cpu, "peak_mb": peak, "start_mb": start_mb}))


def measured(*argv: str, script: str = __file__) -> dict:
    """The figures of ``script --step ARGV…``, run in a fresh process."""
    done = subprocess.run(
        [sys.executable, script, "--step", *argv], check=True, capture_output=True, text=True, cwd=HERE.parent
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the comparison


def empty_database(kind: str, server, folder: Path, name: str) -> str:
    if kind == "sqlite":
        path = folder / f"{name}.db"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    return server.url(server.create_database(name))


def compare(size: int, folder: Path, kind: str, server, scratch: Path, rounds: int) -> None:
    reads, imports = [], []
    for round_number in range(rounds):
        reads.append(measured("read", str(folder)))
        url = empty_database(kind, server, scratch, f"bench_{size}_{round_number}")
        imports.append(measured("import", str(folder), url))
        assert imports[-1]["count"] == size == reads[-1]["count"], (imports[-1], reads[-1])
    read = {k: min(r[k] for r in reads) for k in ("wall", "cpu")}
    done = {k: min(r[k] for r in imports) for k in ("wall", "cpu")}
    peak = max(r["peak_mb"] for r in imports)
    aim = 2.0 if kind == "sqlite" else 2.5
    print(
        f"{kind:<10} {size:>7} files  read+parse {read['wall']:7.2f} s wall {read['cpu']:7.2f} s CPU   "
        f"import {done['wall']:7.2f} s wall {done['cpu']:7.2f} s CPU   "
        f"ratio ×{done['wall'] / read['wall']:.2f} wall ×{done['cpu'] / read['cpu']:.2f} CPU (aim ×{aim})   "
        f"import peak {peak:5.0f} MB (read peak {max(r['peak_mb'] for r in reads):4.0f} MB)",
        flush=True,
    )


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        run_step(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000", help="numbers of files, comma-separated (e.g. 10000,100000)")
    parser.add_argument("--rounds", type=int, default=2, help="read and import alternate this many times")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL server")
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the generated files are kept")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = ([] if args.no_sqlite else ["sqlite"]) + (["postgresql"] if args.postgres else [])
    with contextlib.ExitStack() as stack:
        server = None
        if "postgresql" in kinds:
            sys.path.insert(0, str(HERE.parent / "tests"))
            from postgres_server import PostgresServer

            server = stack.enter_context(PostgresServer())
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-import-")))
        for size in sizes:
            folder = files_for(size, args.cache)
            for kind in kinds:
                compare(size, folder, kind, server, scratch, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
