"""Shared pytest fixtures.

Keep this file thin: put the machinery in helper modules beside it (as
postgres_server.py) and only the fixtures here. Other fixtures are welcome below.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# tests/ is not a package: pytest puts it on sys.path, so helpers import by plain name.
from hypothesis import settings
from lanes import FAST_EXAMPLES, FAST_LANE, untouched_modules
from postgres_server import PostgresNotAvailable, PostgresServer

# The tests are arranged as the code is (tests/engine, tests/storage, tests/ui…). tests/ is not a package: every
# folder of it is on sys.path, so a helper module, or a test module whose helpers another layer's tests share,
# imports by its plain name wherever it lies (test file names are unique across the folders).
for _folder in sorted(Path(__file__).resolve().parent.iterdir()):
    if _folder.is_dir() and _folder.name.isidentifier() and not _folder.name.startswith("_"):
        sys.path.append(str(_folder))

# Qt tests run without a screen unless the caller chose a platform (scripts/test sets it too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The quick lane (scripts/test --fast, tests/lanes.py): fewer generated cases for the tests without a count.
settings.register_profile("fast", max_examples=FAST_EXAMPLES)
if FAST_LANE:
    settings.load_profile("fast")


# --- the quick lane keeps its markers honest -----------------------------------


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The whole quick lane (no paths given) must import every module of the program, or it fails."""
    if (
        not FAST_LANE
        or exitstatus != 0
        or any(Path(arg.split("::")[0]).exists() for arg in session.config.invocation_params.args)
    ):
        return
    untouched = untouched_modules(Path(__file__).resolve().parent.parent, sys.modules)
    if untouched:
        print("\nthe quick lane imported none of: " + ", ".join(untouched) + " (give them a test without a process)")
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _no_process_in_the_quick_lane(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the quick lane a test that starts a process fails, naming the marker it lacks (`subprocess`)."""
    if not FAST_LANE or request.node.get_closest_marker("subprocess") is not None:
        return
    import subprocess

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(
            "this test starts a process: mark it @pytest.mark.subprocess (the quick lane leaves such tests out)"
        )

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


# --- databases ----------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real, throwaway PostgreSQL server for the whole test session (127.0.0.1, free port).

    Fails (never skips) when PostgreSQL is not installed: run scripts/setup-system.
    """
    try:
        server = PostgresServer()
    except PostgresNotAvailable as error:
        problem = str(error)
    else:
        problem = None
    if problem:
        pytest.fail(problem, pytrace=False)
    with server:
        yield server


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """SQLAlchemy URL of the session's database `maturity_test` on the throwaway server."""
    return postgres_server.url(postgres_server.create_database("maturity_test"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty database, once per backend; nothing is shared between tests.

    sqlite: a file in tmp_path. postgresql: a new database on the session's server, dropped
    afterwards (even if the test left connections open). `-m "not postgres"` leaves it out.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'maturity.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture
def store(db_url: str):
    """A maturity.storage.store.Store over a fresh database (both backends, through db_url), closed afterwards."""
    from maturity.storage.store import open_store

    with open_store(db_url) as opened:
        yield opened


# --- the method ---------------------------------------------------------------


@pytest.fixture(scope="session")
def base_profile():
    """The shipped fnpr-base profile as of 2025.1 (pinned: the figures of the tests that use it were worked
    out under 2025.1; tests/base_versions.py)."""
    from base_versions import base_2025_1

    return base_2025_1()


@pytest.fixture(scope="session")
def current_base_profile():
    """The shipped fnpr-base profile a new assessment gets (the newest version, 2026.1)."""
    from base_versions import base_current

    return base_current()


@pytest.fixture(scope="session")
def sudprof_profile():
    """The shipped sudprof profile as of 2025.1 (fnpr-base 2025.1 with Sudprof's thresholds)."""
    from base_versions import BASE_2025_1

    from maturity.method.profile import load_profile

    return load_profile("sudprof", BASE_2025_1)


@pytest.fixture(scope="session")
def example_answers():
    """``example_answers("primary-small.json")`` → the answers of a file in examples/ (a fresh copy)."""
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "examples"

    def read(name: str) -> dict:
        return json.loads((folder / name).read_text(encoding="utf-8"))["answers"]

    return read


@pytest.fixture
def shared(postgres_server, base_profile, example_answers, request):
    """A federation's shared database on the test server with a generated tree (tests/storage/shared_database.py):
    (server, database name, tree), for the seed the test is parametrized with (1 when not)."""
    from shared_database import FEDERATION, build_tree, create_shared_database, role_url

    name = create_shared_database(postgres_server)
    seed = getattr(request, "param", 1)
    try:
        tree = build_tree(
            role_url(postgres_server, name, FEDERATION), seed, example_answers("primary-small.json"), base_profile
        )
        yield postgres_server, name, tree
    finally:
        postgres_server.drop_database(name)
