"""The two lanes of the test suite: everything (CI, before a stop) and the quick lane (`scripts/test --fast`).

The quick lane leaves out what needs a PostgreSQL server, a new process, LibreOffice, or long (`slow`): the
markers in pyproject.toml. ``MATURITY_FAST_LANE=1`` (set by `scripts/test --fast`) also runs every generated
test with fewer examples: :func:`examples` caps a test's own count, the `fast` hypothesis profile the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

FAST_LANE = os.environ.get("MATURITY_FAST_LANE") == "1"
FAST_EXAMPLES = 5  # generated cases per property in the quick lane (CI runs each test's own count)
QUICK_LANE_MARKERS = ("postgres", "subprocess", "libreoffice", "slow")


def examples(count: int) -> int:
    """A property's number of generated cases: its own in the full suite, at most FAST_EXAMPLES in the quick lane."""
    return min(count, FAST_EXAMPLES) if FAST_LANE else count


def quick_lane_expression() -> str:
    """The ``-m`` expression of the quick lane."""
    return " and ".join(f"not {marker}" for marker in QUICK_LANE_MARKERS)


def modules_of_the_program(root: Path) -> set[str]:
    """The importable modules of maturity/ and ui/ (not ``__main__``, not the migrations Alembic loads by path)."""
    found = set()
    for package in ("maturity", "ui"):
        for path in (root / package).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__main__" or "migrations" in parts:
                continue
            found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def untouched_modules(root: Path, imported: Iterable[str]) -> list[str]:
    """The program's modules that a test run never imported."""
    return sorted(modules_of_the_program(root) - set(imported))
