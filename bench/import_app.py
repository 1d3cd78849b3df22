"""Benchmark: the app's import (chunks of files, «Отмена» looked at between chunks) vs. the command
line's batched import of the same JSON files, each into a fresh SQLite database.

The app imports a chunk of files per call of ``import_documents`` so that «Отмена» can stop between
files: chunks start at one file and grow to about 0.25 s of work (at most 250 files); the command line
writes 250 files per transaction. This prints what that granularity costs (with one file per call it
was 5.7× the command line's time). Times: CPU seconds of this process and wall seconds.

    python bench/import_app.py [--files 500]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from excel import documents  # noqa: E402  (bench/excel.py: a federation's assessments)

from maturity.exchange.assessment_json import write_assessment_json  # noqa: E402
from maturity.method.profile import load_profile  # noqa: E402
from maturity.storage.database import open_database  # noqa: E402
from maturity.storage.store import Store  # noqa: E402
from maturity.usecases.import_work import import_files  # noqa: E402  (no Qt: the work function alone)
from maturity.usecases.importing import import_documents  # noqa: E402


class _NoProgress:
    cancelled = False

    def __call__(self, done: int, total: int, text: str = "") -> None:
        pass


def measure(function) -> tuple[float, float, object]:
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    result = function()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    args = parser.parse_args()
    profile = load_profile("fnpr-base")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        for number, document in enumerate(documents(profile, args.files, seed=7)):
            write_assessment_json(document, folder / f"{number:05d}.json")

        app_engine = open_database(f"sqlite:///{tmp}/app.db")
        cpu, wall, outcome = measure(lambda: import_files(app_engine, [folder], "skip", _NoProgress()))
        print(
            f"app, growing chunks:          {args.files} files  {cpu:6.2f} s CPU  {wall:6.2f} s wall  "
            f"({outcome.count('imported')} imported)"
        )

        from sqlmodel import Session

        cli_engine = open_database(f"sqlite:///{tmp}/cli.db")
        with Session(cli_engine) as session:
            cpu, wall, report = measure(lambda: import_documents(Store(session), [folder], "skip"))
        print(
            f"command line, batched:        {args.files} files  {cpu:6.2f} s CPU  {wall:6.2f} s wall  "
            f"({len(report.imported)} imported)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
