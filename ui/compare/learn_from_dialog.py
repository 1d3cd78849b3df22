"""«У кого поучиться»: for the organization chosen in the comparison table, a KPI (its weakest first) and two or
three organizations of its level and size that did better, the most improved first — named only with their consent.

The figures and the sentences are :func:`maturity.usecases.learn_from.who_to_learn_from`'s and
:mod:`maturity.views.learn_from_text`'s (the passport prints the same); the queries run off the UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from maturity.method.profile import Profile
from maturity.views.learn_from_text import TITLE, kpi_title, learn_from_lines
from maturity.views.numbers import format_score

NOTE = (
    "Организации того же уровня и той же численности (группа по числу членов профсоюза), у которых показатель "
    "выше; первыми — те, у кого он вырос сильнее всего за год. Наименование показано, только если организация "
    "согласилась («Согласие назвать организацию» в списке организаций); остальные — без наименования."
)


class LearnFromDialog(QDialog):
    def __init__(self, engine: Any, profile: Profile, runner: Any, org_id: int, name: str, year: int,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setObjectName("learn-from-dialog")
        self.setWindowTitle(f"{TITLE}: {name}")
        self.engine, self.profile, self.runner = engine, profile, runner
        self.org_id, self.year = org_id, year
        self.found: Any = None
        column = QVBoxLayout(self)
        self.heading = QLabel(f"<b>{_escape(_breakable(name))}</b>, {year} год", self)
        self.heading.setObjectName("learn-from-organization")
        self.heading.setWordWrap(True)  # a long name wraps: unwrapped it widened the dialog past a small screen
        column.addWidget(self.heading)
        top = QHBoxLayout()
        top.addWidget(QLabel("Показатель:", self))
        self.kpi_choice = QComboBox(self)
        self.kpi_choice.setObjectName("learn-from-kpi")
        self.kpi_choice.setMinimumContentsLength(30)  # a long title elided in the field, whole in its list
        self.kpi_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        top.addWidget(self.kpi_choice, 1)
        column.addLayout(top)
        self.peer_heading = QLabel(self)
        self.peer_heading.setObjectName("learn-from-heading")
        self.peer_heading.setWordWrap(True)
        column.addWidget(self.peer_heading)
        self.lines = QStringListModel(self)
        self.view = QListView(self)
        self.view.setObjectName("learn-from-peers")
        self.view.setModel(self.lines)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        column.addWidget(self.view, 1)
        note = QLabel(NOTE, self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        column.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.kpi_choice.currentIndexChanged.connect(lambda _i: self.show_peers())
        self.load()

    def load(self) -> None:
        """Read the organization's KPIs (weakest first) and show the peers of the weakest."""
        from maturity.usecases.learn_from import organization_kpis

        def done(kpis: Any) -> None:
            self.kpi_choice.blockSignals(True)
            self.kpi_choice.clear()
            for kpi_id in kpis.weakest_first:
                self.kpi_choice.addItem(
                    f"{kpi_title(self.profile, kpi_id)} — {format_score(kpis.kpis[kpi_id])}", kpi_id
                )
            self.kpi_choice.blockSignals(False)
            self.show_peers()

        self.runner.run(
            lambda: _with_connection(self.engine, lambda c: organization_kpis(c, self.profile, self.org_id, self.year)),
            done,
            self._failed,
        )

    def show_peers(self) -> None:
        from maturity.usecases.learn_from import who_to_learn_from

        kpi_id = self.kpi_choice.currentData()
        if kpi_id is None:
            return

        def done(found: Any) -> None:
            self.found = found
            heading, *peers = learn_from_lines(self.profile, found)
            self.peer_heading.setText(heading)
            self.lines.setStringList([line.strip() for line in peers])

        self.runner.run(
            lambda: _with_connection(
                self.engine, lambda c: who_to_learn_from(c, self.profile, self.org_id, self.year, kpi_id)
            ),
            done,
            self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        from maturity.errors import BadInput

        if isinstance(error, BadInput):
            self.peer_heading.setText(str(error)[:1].upper() + str(error)[1:])
            self.lines.setStringList([])
            return
        from ui.background import show_error

        show_error(self, error)


def _with_connection(engine: Any, work: Any) -> Any:
    """``work(connection)`` with the collector held off: its passes over what the comparison window keeps (100 000
    organizations' columns) would stop the UI thread while the peers are read."""
    from maturity.collector import collector_paused

    with collector_paused(), engine.connect() as connection:
        return work(connection)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _breakable(text: str, run: int = 24) -> str:
    """``text`` with a zero-width space after every ``run`` letters of a longer word: a label wraps only between
    words, and a name of one long word («ООО«Завод…»») would widen the dialog past a small screen."""
    import re

    return re.sub(rf"\S{{{run}}}(?=\S)", lambda found: found.group(0) + "\u200b", text)
