"""Benchmark: the federation's consolidated report (export and import), and importing 1,000 assessment workbooks.

Each figure is printed beside a baseline measured in the same run on the same cells:

- ``maturity export``: the report of every organization of the cached federation's database
  (bench/federation.py: organizations × 3 years, built once per size) vs. openpyxl alone writing as many rows
  and columns of the same values on each sheet in write-only mode (no styles, colour scales, charts, formula
  protection);
- ``maturity import`` of that report into an empty SQLite database (read, check, score, write in one
  transaction) vs. openpyxl reading the answers sheet in read-only mode;
- reading 1,000 assessment workbooks (checked, validated documents) vs. openpyxl opening each in
  read-only mode and reading the machine sheet's cells;
- then, for information, importing those 1,000 files into a SQLite store (read + save + score).

Times are CPU seconds (``time.process_time``; the wall clock beside): on a shared machine wall-clock time
measures the neighbours as much as the code. Each step runs in a fresh process of its own (``--step``),
alternating with its baseline, ``--repeat`` times; the better time and the larger peak memory (the process's
resident set, ``VmHWM``) are printed. Aims at 100,000 organizations (issue 25): each under 500 MB, the times no
worse than before the report was streamed (export 77 s, import 58 s).

    python bench/excel.py [--organizations 10000] [--workbooks 1000] [--no-store] [--cache DIR]
    python bench/excel.py --organizations 100000 --workbooks 0 --repeat 1   # the federation's report alone
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from federation import add_cache_option, federation_url  # noqa: E402
from import_files import measured as measured_step  # noqa: E402  (bench/import_files.py: a step in its own process)
from import_files import print_step, step_import  # noqa: E402
from score import generate  # noqa: E402  (bench/score.py: random valid answer sets)

from maturity.exchange.assessment_json import AssessmentDocument  # noqa: E402
from maturity.exchange.report_export import ANSWERS_SHEET, FIRST_DATA_ROW  # noqa: E402
from maturity.exchange.workbook_export import MACHINE_SHEET, write_assessment_workbook  # noqa: E402
from maturity.exchange.workbook_import import read_assessment_workbook  # noqa: E402
from maturity.method.profile import load_profile  # noqa: E402

SMALL_SHEET = 1000  # a sheet of at most so many rows is copied whole by the raw baseline


def timed(function, *args, **kwargs) -> float:
    """CPU seconds of this process (the machine is shared: wall time would measure the neighbours)."""
    gc.collect()
    start = time.process_time()
    function(*args, **kwargs)
    return time.process_time() - start


def line(label: str, ours: float, baseline: float) -> None:
    print(f"{label:<58} {ours:8.2f} s   baseline {baseline:8.2f} s   ×{ours / baseline:4.2f}")


def documents(profile, count: int, seed: int) -> list[AssessmentDocument]:
    """``count`` assessments of a federation: a few territorial parents, the rest primary."""
    parents = [str(uuid.UUID(int=seed * 1_000_000 + i)) for i in range(max(1, count // 200))]
    out = []
    bounded = [q for s in profile.sections for q in s.questions if q.type in ("int", "number") and q.max is not None]
    for i, text in enumerate(generate(profile, count, seed=seed)):
        answers = json.loads(text)
        for q in bounded:  # bench/score.py draws counts up to the members; the profile caps some of them
            if isinstance(answers.get(q.id), (int, float)) and not isinstance(answers[q.id], bool):
                answers[q.id] = min(answers[q.id], q.max)
        answers["profile.name"] = f"Первичная профсоюзная организация № {i + 1}"
        meta = {"organization_id": str(uuid.UUID(int=seed * 1_000_000 + 500_000 + i)),
                "parent_organization_id": parents[i % len(parents)]}  # fmt: skip
        out.append(AssessmentDocument(profile, 2025, answers, meta))
    return out


def sheet_shapes(path: Path) -> list[tuple[str, int, int, list[tuple]]]:
    """Each sheet of the report: its title, rows, columns and a sample of its rows (a small sheet's every row,
    a long sheet's first data row), read in read-only mode without holding the long sheets."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    shapes = []
    for ws in workbook.worksheets:
        rows, columns = ws.max_row or 0, ws.max_column or 0
        if rows > SMALL_SHEET:
            sample = [tuple(ws.iter_rows(min_row=FIRST_DATA_ROW, max_row=FIRST_DATA_ROW, values_only=True))[0]]
        else:
            sample = list(ws.iter_rows(values_only=True))
            rows = len(sample)
        shapes.append((ws.title, rows, columns, sample))
    workbook.close()
    return shapes


def baseline_write(shapes: list[tuple[str, int, int, list[tuple]]], out: Path) -> int:
    """openpyxl alone, in write-only mode: as many rows and columns on each sheet as the report has
    (:func:`sheet_shapes`), of the same values (a long sheet's first data row repeated; no styles, colour
    scales, charts, formula protection)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    cells = 0
    for title, rows, columns, sample in shapes:
        ws = workbook.create_sheet(title)
        for number in range(rows):
            row = list(sample[number % len(sample)])
            row += [None] * (columns - len(row))
            ws.append(row)
            cells += len(row)
    workbook.save(out)
    return cells


def baseline_read_sheet(path: Path, sheet: str) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    count = sum(1 for row in workbook[sheet].iter_rows(values_only=True) for _ in row)
    workbook.close()
    return count


def bench_report(count: int, cache: Path, folder: Path, repeat: int = 2) -> None:
    """``maturity export`` of the federation's report (from its cached database) and ``maturity import`` of it
    into an empty SQLite database, each in a fresh process of its own, alternating with openpyxl's raw
    write-only and read-only baselines over the same rows and columns."""
    url = federation_url(count, cache)
    report, raw_copy = folder / "report.xlsx", folder / "baseline.xlsx"
    runs: dict[str, list[dict]] = {"export": [], "write-raw": [], "import": [], "read-raw": []}
    for number in range(repeat):
        runs["export"].append(measured("export-report", url, str(report)))
        runs["write-raw"].append(measured("write-raw", str(report), str(raw_copy)))
        database = folder / f"imported-{number}.db"
        runs["import"].append(measured("import-report", str(report), f"sqlite:///{database}"))
        database.unlink()
        runs["read-raw"].append(measured("read-raw", str(report)))
        assert runs["export"][-1]["count"] == runs["import"][-1]["count"], (runs["export"][-1], runs["import"][-1])
    best = {name: min(runs[name], key=lambda r: r["cpu"]) for name in runs}
    peak = {name: max(r["peak_mb"] for r in runs[name]) for name in runs}
    organizations = best["export"]["count"]
    size = report.stat().st_size / 1e6
    print(f"the report of {organizations} organizations: {size:.0f} MB, {best['write-raw']['count']:,} cells")
    for ours, raw, label in (
        ("export", "write-raw", f"export: the report from the database ({organizations} organizations)"),
        ("import", "read-raw", "import: the report into an empty SQLite database"),
    ):
        line(label, best[ours]["cpu"], best[raw]["cpu"])
        print(
            f"{'  wall clock; peak memory (whole process, resident)':<58} {best[ours]['wall']:8.2f} s   "
            f"baseline {best[raw]['wall']:8.2f} s   peak {peak[ours]:5.0f} MB  baseline {peak[raw]:5.0f} MB "
            f"(aim: under 500 MB)"
        )


# ---------------------------------------------------------------- the steps, each in its own process


def run_step(argv: list[str]) -> None:
    """``--step export-report URL OUT``, ``--step write-raw REPORT OUT``, ``--step import-report REPORT URL`` or
    ``--step read-raw REPORT``: one step in this fresh process; its figures as one JSON line."""
    kind = argv[0]
    load_profile("fnpr-base")  # every step starts with the method loaded and openpyxl imported
    if kind == "export-report":
        print_step(step_export(argv[1], Path(argv[2])))
    elif kind == "write-raw":
        shapes = sheet_shapes(Path(argv[1]))  # read before the clock
        print_step(lambda: baseline_write(shapes, Path(argv[2])))
    elif kind == "import-report":
        print_step(step_import(Path(argv[1]), argv[2]))  # bench/import_files.py's import: a fresh database
    else:
        print_step(lambda: baseline_read_sheet(Path(argv[1]), ANSWERS_SHEET))


def step_export(url: str, out: Path):
    """``maturity export``'s work, ready to run: the report of 2025 over every organization of ``url``."""
    from maturity.storage.store import open_store
    from maturity.usecases.report_source import export_report

    def run() -> int:
        with open_store(url) as store:
            return export_report(store, 2025, out)

    return run


def measured(*argv: str) -> dict:
    return measured_step(*argv, script=__file__)


def bench_workbooks(profile, count: int, folder: Path, with_store: bool) -> None:
    docs = documents(profile, min(count, 100), seed=7)
    paths = []
    for i, document in enumerate(docs):
        path = folder / f"org-{i:04}.xlsx"
        write_assessment_workbook(document, path)
        paths.append(path)
    for i in range(len(paths), count):  # copies of the distinct files, each under its own name
        path = folder / f"org-{i:04}.xlsx"
        shutil.copyfile(paths[i % len(docs)], path)
        paths.append(path)

    # interleaved in chunks, so that a neighbour's load on a shared machine hits both alike
    ours = baseline = 0.0
    for start in range(0, count, 100):
        chunk = paths[start : start + 100]
        ours += timed(lambda chunk=chunk: [read_assessment_workbook(p) for p in chunk])
        baseline += timed(lambda chunk=chunk: [baseline_read_sheet(p, MACHINE_SHEET) for p in chunk])
    line(f"read {count} assessment workbooks", ours, baseline)

    if with_store:
        from maturity.storage.store import open_store
        from maturity.usecases.importing import import_documents

        distinct = paths[: len(docs)]
        with open_store(f"sqlite:///{folder / 'bench.db'}") as store:
            elapsed = timed(import_documents, store, distinct * (count // len(distinct)), on_conflict="replace")
        per_file = elapsed / count * 1000
        print(
            f"{'import them into SQLite (read, score, save; replace)':<58} {elapsed:8.2f} s   ({per_file:.1f} ms a file)"
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        run_step(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=10_000)
    parser.add_argument("--workbooks", type=int, default=1_000)
    parser.add_argument("--no-store", action="store_true", help="skip importing into a SQLite store")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs of the report and its baseline (default 2)")
    add_cache_option(parser)
    args = parser.parse_args()
    profile = load_profile("fnpr-base")
    with tempfile.TemporaryDirectory(prefix="bench-excel-") as tmp:
        folder = Path(tmp)
        print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        bench_report(args.organizations, args.cache, folder, args.repeat)
        if args.workbooks:
            bench_workbooks(profile, args.workbooks, folder, not args.no_store)


if __name__ == "__main__":
    main()
