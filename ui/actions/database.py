"""Opening the database after the first paint: migrations and the method off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from ui.actions.context import AppContext

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from maturity.method.profile import Profile
    from ui.background import Runner

Opened = tuple[str, "Engine", "Profile"]


@dataclass
class OpenDatabase:
    """Open (and migrate) the database and load the default method; then ``on_opened(context)``."""

    database_url: str | None
    runner: Runner
    settings: QSettings
    parent: Callable[[], QWidget | None]
    on_opened: Callable[[AppContext], None]
    on_failed: Callable[[BaseException], None]
    password: str | None = None  # a server's, apart from the URL (never kept in the context or the settings)

    def do(self) -> None:
        database_url, password = self.database_url, self.password

        def work() -> Opened:
            from concurrent.futures import ThreadPoolExecutor

            from maturity.method.profile import load_profile
            from maturity.storage.database import check_every_page, open_database, resolve_database_url
            from maturity.storage.shared_address import without_password

            url, typed = without_password(resolve_database_url(database_url))  # --db with its password in it
            engine = open_database(url, password=password if password is not None else typed)
            # Every page of a SQLite file is checked before the window shows anything (a damaged file named at once),
            # on a thread of its own: SQLite reads the file while this one loads the method and the window's modules
            # (0.8 s each at 100 000 organizations, one after the other before).
            with ThreadPoolExecutor(1, thread_name_prefix="maturity-page-check") as pool:
                checked = pool.submit(check_every_page, engine)
                profile = load_profile()
                _import_what_the_window_shows()
                checked.result()
            return url, engine, profile

        self.runner.run(work, self._opened, self.on_failed, busy_text="Открываю базу данных…")

    def _opened(self, opened: Opened) -> None:
        from sqlmodel import Session

        from maturity.storage.store import Store
        from ui.wizard.drafts import ResumeMarks

        url, engine, profile = opened
        context = AppContext(
            store=Store(Session(engine, expire_on_commit=False)),
            runner=self.runner,
            default_profile=profile,
            settings=self.settings,
            marks=ResumeMarks(self.settings, url),
            parent=self.parent,
            database_url=url,
        )
        self.on_opened(context)


def _import_what_the_window_shows() -> None:
    """Import here, off the UI thread, the modules the window needs first (the years chart pulls in numpy and
    matplotlib, and its fonts: half a second the window would not answer in)."""
    import importlib

    for module in (
        "maturity.usecases.method_changes",
        "maturity.storage.queries",
        "maturity.views.name_search",
        "platformdirs",  # the default database's place, named in the status bar
        "ui.main.organization_view",
        "ui.actions.open_assessment",
        "ui.actions.resume",
        "ui.actions.wizard",
    ):
        importlib.import_module(module)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from maturity.views.years_chart import years_chart

    FigureCanvasAgg(years_chart([2024, 2025], [1.0, 2.0], {"К": [1.0, 2.0]})).draw()  # and its fonts
