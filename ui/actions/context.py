"""What every action is given: the application's context, never the main window.

:class:`AppContext` holds the store of the UI thread, a way to open a store of its own for work off
that thread, the background runner, the default method, the app's settings (and the resume marks
kept there) and a provider of the parent widget for dialogs. The actions tell the windows what
changed through :class:`AppEvents` (Qt signals), so they need no window to call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from maturity.method.profile import Profile
    from maturity.storage.store import Store
    from ui.background import Runner
    from ui.wizard.drafts import ResumeMarks
    from ui.wizard.wizard import AssessmentWizard


class AppEvents(QObject):
    """What the actions announce; the main window shows it."""

    written = Signal(object)  # the database changed: show it (this organization id if none is shown)
    organization_wanted = Signal(int)  # show this organization
    year_wanted = Signal(int)  # select this year in the list of assessments
    message = Signal(str, int)  # a line in the status bar, for so many milliseconds
    wizard_opened = Signal(object)  # an AssessmentWizard is on screen


@dataclass
class AppContext:
    store: Store  # the UI thread's store (one database session; never handed to a worker)
    runner: Runner
    default_profile: Profile
    settings: QSettings
    marks: ResumeMarks
    parent: Callable[[], QWidget | None]  # the widget dialogs belong to
    database_url: str = ""
    events: AppEvents = field(default_factory=AppEvents)
    wizard: AssessmentWizard | None = None  # the wizard on screen (one at a time)

    @property
    def engine(self) -> Engine:
        from sqlalchemy.engine import Engine

        bind = self.store.session.get_bind()
        if not isinstance(bind, Engine):
            raise TypeError("the UI's store is bound to a connection, not an engine")
        return bind

    def open_store(self) -> AbstractContextManager[Store]:
        """A store on a database session of its own (for work off the UI thread; closed after)."""
        return _own_store(self.engine)

    def reread(self) -> None:
        """Forget what the UI's session has read: other sessions (an import, the demo data, a
        draft written in the background) may have written since. The store commits every write,
        so nothing of ours is pending here; ending the session's transaction also ends its read
        snapshot (SQLite WAL, PostgreSQL)."""
        self.store.session.rollback()
        self.store.session.expire_all()


@contextmanager
def _own_store(engine: Engine) -> Iterator[Store]:
    from sqlmodel import Session

    from maturity.storage.store import Store

    with Session(engine, expire_on_commit=False) as session:
        yield Store(session)
