"""Benchmark: the consolidated report for 10,000 organizations, and importing 1,000 assessment workbooks.

Each figure is printed beside a baseline measured in the same run on the same cells:

- writing the report vs. openpyxl writing exactly the report's cell values in write-only mode
  (no styles, colour scales, charts, formula protection);
- reading the report back (every organization's assessment, validated), and importing it into an
  empty SQLite database as ``maturity import`` does (read, check, score, write in one transaction),
  vs. openpyxl reading the answers sheet in read-only mode;
- reading 1,000 assessment workbooks (checked, validated documents) vs. openpyxl opening each in
  read-only mode and reading the machine sheet's cells;
- then, for information, importing those 1,000 files into a SQLite store (read + save + score).

Times are CPU seconds (``time.process_time``): on a shared machine wall-clock time measures the
neighbours as much as the code. The report is written and read twice, interleaved with its baseline,
and the better time of each is printed. The aim is to stay within 1.5× of each baseline. Peak memory
is printed beside the baseline's, each step in a fresh process of its own (``--step``): the resident set
when the step begins (its input made: the entries for writing, the cells for the raw write) and the
largest while it runs, so that nothing else the bench made is counted.

    python bench/excel.py [--organizations 10000] [--workbooks 1000] [--no-store]
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

from import_files import measured as measured_step  # noqa: E402  (bench/import_files.py: a step in its own process)
from import_files import print_step, step_import  # noqa: E402
from score import generate  # noqa: E402  (bench/score.py: random valid answer sets)

from maturity.engine.scoring import score  # noqa: E402
from maturity.exchange.assessment_json import AssessmentDocument  # noqa: E402
from maturity.exchange.files import read_assessment_files  # noqa: E402
from maturity.exchange.report_entry import entry_from_document
from maturity.exchange.report_export import ANSWERS_SHEET, write_report  # noqa: E402
from maturity.exchange.workbook_export import MACHINE_SHEET, write_assessment_workbook  # noqa: E402
from maturity.exchange.workbook_import import read_assessment_workbook  # noqa: E402
from maturity.method.profile import load_profile  # noqa: E402


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


def report_cells(path: Path) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    cells = {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    workbook.close()
    return cells


def baseline_write(cells: dict[str, list[tuple]], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in cells.items():
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    workbook.save(path)


def baseline_read_sheet(path: Path, sheet: str) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    count = sum(1 for row in workbook[sheet].iter_rows(values_only=True) for _ in row)
    workbook.close()
    return count


def report_entries(profile, count: int) -> list:
    """The report's entries of ``count`` organizations, each with last year's scores beside."""
    docs = documents(profile, count, seed=2025)
    before = [score(profile, json.loads(t)) for t in generate(profile, count, seed=2024)]
    return [entry_from_document(d, previous=b) for d, b in zip(docs, before, strict=True)]


def bench_report(profile, count: int, folder: Path, repeat: int = 2) -> None:
    entries = report_entries(profile, count)
    ours_path, base_path = folder / "report.xlsx", folder / "baseline.xlsx"

    # each measured twice, interleaved with its baseline; the better time of each counts
    ours = baseline = float("inf")
    for _ in range(repeat):
        ours = min(ours, timed(write_report, entries, ours_path, year=2025, scope="Федерация"))
        cells = report_cells(ours_path)
        baseline = min(baseline, timed(baseline_write, cells, base_path))
    total = sum(len(r) for rows in cells.values() for r in rows)
    line(f"write the report ({count} organizations, {total:,} cells)", ours, baseline)
    del cells, entries
    ours_peak = measured("write-report", str(count), str(folder / "peak.xlsx"))
    base_peak = measured("write-raw", str(ours_path), str(base_path))
    print(
        f"{'  memory of writing: resident when it began → its peak':<58} "
        f"{ours_peak['start_mb']:.0f} → {ours_peak['peak_mb']:.0f} MB (the entries made first)  "
        f"baseline {base_peak['start_mb']:.0f} → {base_peak['peak_mb']:.0f} MB (its cells read back first)"
    )

    read_back(ours_path, count, folder, repeat)


def read_back(path: Path, count: int, folder: Path, repeat: int) -> None:
    """The report read back and imported, each run in a fresh process of its own, alternating with the
    baseline: its peak memory is its own, and nothing of the writing above is still in memory."""
    ours, raw, imported = [], [], []
    for number in range(repeat):
        ours.append(measured("read-report", str(path)))
        raw.append(measured("read-raw", str(path)))
        database = folder / f"imported-{number}.db"
        imported.append(measured("import-report", str(path), f"sqlite:///{database}"))
        database.unlink()
        assert ours[-1]["count"] == imported[-1]["count"] == count, (ours[-1], imported[-1])
    best = {name: min(r["cpu"] for r in runs) for name, runs in (("ours", ours), ("raw", raw), ("import", imported))}
    line(f"read the report back ({count} validated assessments)", best["ours"], best["raw"])
    line("import it into an empty SQLite database (one transaction)", best["import"], best["raw"])
    peaks = {
        name: max(r["peak_mb"] for r in runs) for name, runs in (("ours", ours), ("raw", raw), ("import", imported))
    }
    start = min(r["start_mb"] for r in (*ours, *raw, *imported))
    print(
        f"{'  peak memory of reading / of importing (whole process)':<58} {peaks['ours']:8.0f} MB / "
        f"{peaks['import']:.0f} MB  baseline {peaks['raw']:5.0f} MB (cells counted, none kept; "
        f"{start:.0f} MB before the step)"
    )


# ---------------------------------------------------------------- the read-back steps, each in its own process


def run_step(argv: list[str]) -> None:
    """``--step read-report|read-raw|import-report PATH [URL]``, ``--step write-report COUNT OUT`` or
    ``--step write-raw REPORT OUT``: one step; its figures as one JSON line."""
    kind = argv[0]
    profile = load_profile("fnpr-base")  # every step starts with the method loaded and openpyxl imported
    if kind == "write-report":  # the entries are made before the clock, and the peak counted from there
        count, out = int(argv[1]), Path(argv[2])
        entries = report_entries(profile, count)
        print_step(lambda: write_report(entries, out, year=2025, scope="Федерация") or count)
        return
    path = Path(argv[1])
    if kind == "write-raw":
        cells = report_cells(path)
        print_step(lambda: baseline_write(cells, Path(argv[2])) or len(cells))
    elif kind == "import-report":
        print_step(step_import(path, argv[2]))  # bench/import_files.py's import: a fresh database, migrated
    elif kind == "read-report":
        print_step(lambda: len(read_assessment_files(path)))
    else:
        print_step(lambda: baseline_read_sheet(path, ANSWERS_SHEET))


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
    args = parser.parse_args()
    profile = load_profile("fnpr-base")
    with tempfile.TemporaryDirectory(prefix="bench-excel-") as tmp:
        folder = Path(tmp)
        print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        bench_report(profile, args.organizations, folder, args.repeat)
        if args.workbooks:
            bench_workbooks(profile, args.workbooks, folder, not args.no_store)


if __name__ == "__main__":
    main()
