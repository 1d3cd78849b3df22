"""Every benchmark under bench/ still starts: its imports resolve and it shows its options (a merge once moved
``cached_database`` out of bench/compare.py and left bench/impact.py unable to start, unnoticed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
SCRIPTS = sorted(p for p in BENCH.glob("*.py") if "__main__" in p.read_text(encoding="utf-8"))


def test_the_benchmarks_are_found():
    assert {p.stem for p in SCRIPTS} >= {"compare", "excel", "impact", "main_window", "startup"}


@pytest.mark.subprocess
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_a_benchmark_starts_and_shows_its_options(script):
    run = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=120, cwd=BENCH.parent
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("usage:") and "--" in run.stdout
