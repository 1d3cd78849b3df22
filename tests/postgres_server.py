"""A real, throwaway PostgreSQL server for the tests.

`PostgresServer` runs Debian's own `initdb` and `pg_ctl` (package `postgresql`,
installed by scripts/setup-system) on a temporary data directory:

* the newest version found under /usr/lib/postgresql/*/bin (or $MATURITY_PG_BIN,
  or `initdb` on PATH on other systems);
* as the `postgres` system user when the tests run as root (PostgreSQL refuses
  to run as root), with the temporary directory owned by that user;
* listening only on 127.0.0.1, on a free port, with its unix socket inside the
  temporary directory, so it never meets the machine's own clusters;
* trust authentication for user `postgres`, UTF-8, locale C.UTF-8, fsync off;
* except for the members of the group role `password_login` (PASSWORD_GROUP), whose
  password the server checks (scram-sha-256): the tests of a wrong password.

`stop()` stops the server and removes the directory. The server is used by the
fixtures in conftest.py; nothing here imports pytest.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Self

import psycopg

SETUP_HINT = "Install it with scripts/setup-system (Debian package `postgresql`)."
SUPERUSER = "postgres"
PASSWORD_GROUP = "password_login"  # its members' passwords are checked (pg_hba.conf); everyone else: trust


class PostgresNotAvailable(RuntimeError):
    """PostgreSQL's server programs are not installed, or cannot be run here."""


def find_bindir(search_glob: str = "/usr/lib/postgresql/*/bin") -> Path:
    """The directory holding initdb and pg_ctl, for the newest PostgreSQL installed."""
    override = os.environ.get("MATURITY_PG_BIN")
    if override:
        candidates = [Path(override)]
    else:

        def version_key(bindir: str) -> tuple[int, ...]:
            version = Path(bindir).parent.name  # /usr/lib/postgresql/<version>/bin
            return tuple(int(part) for part in re.findall(r"\d+", version))

        candidates = [Path(d) for d in sorted(glob.glob(search_glob), key=version_key, reverse=True)]
        on_path = shutil.which("initdb")
        if on_path:
            candidates.append(Path(on_path).parent)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    raise PostgresNotAvailable(
        f"PostgreSQL server programs (initdb, pg_ctl) not found in {search_glob}"
        + (f" nor in MATURITY_PG_BIN={override}" if override else " nor on PATH")
        + f". {SETUP_HINT}"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One throwaway cluster. Use `start()` / `stop()`, or as a context manager."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.port: int | None = None
        self.base_dir: Path | None = None
        self._run_as: list[str] = []
        if os.geteuid() == 0:
            try:
                self._owner = pwd.getpwnam(SUPERUSER)
            except KeyError:
                raise PostgresNotAvailable(
                    f"running as root, but there is no `{SUPERUSER}` system user to run the server as. " + SETUP_HINT
                ) from None
            runuser = shutil.which("runuser")
            if not runuser:
                raise PostgresNotAvailable("running as root, but `runuser` (util-linux) is missing")
            self._run_as = [runuser, "-u", SUPERUSER, "--"]
        else:
            self._owner = None

    # -- paths -----------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        assert self.base_dir is not None
        return self.base_dir / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.base_dir is not None
        return self.base_dir / "socket"

    @property
    def log_file(self) -> Path:
        assert self.base_dir is not None
        return self.base_dir / "server.log"

    # -- life cycle ------------------------------------------------------------

    def _run(self, program: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [*self._run_as, str(self.bindir / program), *args]
        result = subprocess.run(
            command,
            check=False,
            cwd=self.base_dir,  # the postgres user may not be allowed into the current directory
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed with exit code {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}\n{self._log_tail()}"
            )
        return result

    def _log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_file.read_text(errors="replace")
        except OSError:
            return ""
        return "server log:\n" + "\n".join(text.splitlines()[-lines:])

    def start(self) -> Self:
        # Not pytest's tmp_path: that is private to root, and the server runs as `postgres`.
        parent = os.environ.get("MATURITY_PG_TMPDIR") or ("/tmp" if self._owner else None)
        self.base_dir = Path(tempfile.mkdtemp(prefix="maturity-pg-", dir=parent))
        try:
            self.data_dir.mkdir()
            self.socket_dir.mkdir()
            self.log_file.touch()
            if self._owner:
                for path in (self.base_dir, self.data_dir, self.socket_dir, self.log_file):
                    os.chown(path, self._owner.pw_uid, self._owner.pw_gid)
            self._run(
                "initdb",
                "--auth=trust",
                f"--username={SUPERUSER}",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
                f"--pgdata={self.data_dir}",
            )
            self._check_passwords_of(PASSWORD_GROUP)
            self._start_on_free_port()
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _check_passwords_of(self, group: str) -> None:
        """pg_hba.conf's first line: the members of ``group`` (a role created when a test needs it) log in with
        their password; the lines of initdb after it trust everyone else."""
        hba = self.data_dir / "pg_hba.conf"
        hba.write_text(f"host all +{group} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())

    def _start_on_free_port(self, attempts: int = 5) -> None:
        config = self.data_dir / "postgresql.conf"
        original = config.read_text()
        for attempt in range(attempts):
            self.port = free_port()
            # Written into the config file rather than passed with `pg_ctl -o`, which goes
            # through a shell. Durability is switched off: the cluster is thrown away.
            config.write_text(
                original
                + "\n# throwaway test cluster (tests/postgres_server.py)\n"
                + "listen_addresses = '127.0.0.1'\n"
                + f"port = {self.port}\n"
                + f"unix_socket_directories = '{self.socket_dir}'\n"
                + "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
            try:
                self._run(
                    "pg_ctl",
                    "start",
                    "--wait",
                    "--timeout=60",
                    f"--pgdata={self.data_dir}",
                    f"--log={self.log_file}",
                )
                return
            except RuntimeError:
                # Most likely another process took the port between free_port() and start.
                if attempt == attempts - 1:
                    raise

    def _wait_until_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with self.admin_connection() as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"PostgreSQL did not answer within {timeout} s\n{self._log_tail()}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        """Stop the server (if it runs) and remove its directory. Safe to call twice."""
        if self.base_dir is None:
            return
        if (self.data_dir / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "stop", "--wait", "--mode=fast", f"--pgdata={self.data_dir}", timeout=60)
            except (RuntimeError, subprocess.TimeoutExpired):
                self._run("pg_ctl", "stop", "--wait", "--mode=immediate", f"--pgdata={self.data_dir}")
        shutil.rmtree(self.base_dir, ignore_errors=True)
        self.base_dir = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- databases -------------------------------------------------------------

    def admin_connection(self, dbname: str = "postgres") -> psycopg.Connection:
        """An autocommit psycopg connection as the superuser (CREATE DATABASE needs autocommit)."""
        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            dbname=dbname,
            autocommit=True,
            connect_timeout=5,
        )

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, dbname: str | None = None) -> str:
        """Create an empty database (a unique name unless given); return its name."""
        dbname = dbname or f"test_{uuid.uuid4().hex[:16]}"
        with self.admin_connection() as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
        return dbname

    def drop_database(self, dbname: str) -> None:
        """Drop a database, even if the test left connections open to it."""
        with self.admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
