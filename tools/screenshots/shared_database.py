"""Screenshots of «Подключиться к общей базе…» (run under Xvfb; needs PostgreSQL's server programs).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots.shared_database

Starts a throwaway PostgreSQL server (tests/postgres_server.py), fills a shared database with the demonstration
federation as the federation's role, runs ``maturity access init`` and grants the login ``samara`` (with a
password) the Samara regional organization. Then, from the main window on a chair's own (empty) database, as a
user would: the dialog filled in, a wrong password refused, and the window connected under the login.
``connect-dialog.png`` is taken with a keychain (an in-memory stand-in for the system's), the others without one.
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tools.screenshots.shots import DEFAULT_FOLDER, ROOT, save, scratch_window, settle

sys.path.insert(0, str(ROOT / "tests"))
FEDERATION, LOGIN, PASSWORD = "federation_shots", "samara", "Пароль-Самары-1"


def shared_database(server) -> str:
    from sqlmodel import Session

    from maturity.storage.access import grant_access, init_access
    from maturity.storage.database import open_database
    from maturity.storage.store import Store
    from maturity.usecases.demo import fill_demo

    with server.admin_connection() as conn:
        conn.execute(f"CREATE ROLE {FEDERATION} LOGIN CREATEROLE")
        name = f"maturity_{uuid.uuid4().hex[:6]}"
        conn.execute(f'CREATE DATABASE "{name}" OWNER {FEDERATION}')
    engine = open_database(f"postgresql+psycopg://{FEDERATION}@127.0.0.1:{server.port}/{name}")
    try:
        with Session(engine) as session:
            store = Store(session)
            fill_demo(store)
            region = next(o for o in store.list_organizations() if "Самарская областная" in o.name)
            region_id = store.stored_id(region)
        init_access(engine)
        grant_access(engine, LOGIN, region_id, read_only=False, password=PASSWORD)
    finally:
        engine.dispose()
    with server.admin_connection() as conn:  # the server asks this login's password (pg_hba.conf)
        from postgres_server import PASSWORD_GROUP

        conn.execute(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN")
        conn.execute(f"GRANT {PASSWORD_GROUP} TO {LOGIN}")
    return name


def fill(dialog, port: int, name: str, password: str) -> None:
    dialog.server.setText("127.0.0.1")
    dialog.port.setValue(port)
    dialog.database.setText(name)
    dialog.login.setText(LOGIN)
    dialog.password.setText(password)


def main(out: str) -> int:
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.backends import fail
    from postgres_server import PostgresServer

    class InMemory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        kept: dict = {}

        def get_password(self, service, username):
            return self.kept.get((service, username))

        def set_password(self, service, username, password):
            self.kept[(service, username)] = password

        def delete_password(self, service, username):
            self.kept.pop((service, username), None)

    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with PostgresServer() as server, tempfile.TemporaryDirectory() as tmp:
        name = shared_database(server)
        window = scratch_window(app, Path(tmp))
        window.view.store.create_organization("ППО школы № 12", "primary")
        window.view.refresh()
        keyring.set_keyring(InMemory())
        window.connect_action.trigger()
        dialog = window.connect_dialog
        fill(dialog, server.port, name, PASSWORD)
        dialog.remember.setChecked(True)
        save(dialog, folder, "connect-dialog", app)
        dialog.reject()
        keyring.set_keyring(fail.Keyring())
        window.connect_action.trigger()
        dialog = window.connect_dialog
        fill(dialog, server.port, name, "не тот пароль")
        dialog.accept()
        settle(app)
        save(dialog, folder, "connect-dialog-wrong-password", app)
        fill(dialog, server.port, name, PASSWORD)
        dialog.accept()
        new = window.successor
        new.view.refresh()
        settle(app, 20)
        save(new, folder, "connect-window", app)
        print("title:", new.windowTitle())
        new.view.store.close()
        new.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
