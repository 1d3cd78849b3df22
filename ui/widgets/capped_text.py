"""A wrapped text that takes the lines it needs up to a few, then scrolls: a banner or a list of rules above a
table, whole in a tall window, a few lines and a scroll bar in a short one (a 1024×600 screen), so that what is
under it stays on the screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

TALL_WINDOW = 680  # pixels: a window at least this tall shows ``tall_lines``, a shorter one ``short_lines``


class CappedText(QScrollArea):
    """``label`` (word-wrapped) in a frameless scroll area as tall as its text, at most ``short_lines`` lines
    in a window under :data:`TALL_WINDOW` pixels tall and ``tall_lines`` in a taller one."""

    def __init__(self, parent: QWidget | None = None, *, short_lines: int = 4, tall_lines: int = 8):
        super().__init__(parent)
        self.short_lines, self.tall_lines = short_lines, tall_lines
        self._watched: QWidget | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fit()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        self.label.setText(text)
        self.fit()

    def text(self) -> str:
        return self.label.text()

    def lines_allowed(self) -> int:
        return self.short_lines if self.window().height() < TALL_WINDOW else self.tall_lines

    def fit(self) -> None:
        """As tall as the text wrapped to the area's width, up to the lines the window's height allows."""
        width = (
            self.contentsRect().width()
        )  # the whole width inside a border: a text that fits needs no scroll bar beside it
        needed = self.label.heightForWidth(max(width, 100))
        if needed < 0:
            needed = self.label.sizeHint().height()
        frame = self.label.contentsMargins().top() + self.label.contentsMargins().bottom()
        cap = self.label.fontMetrics().lineSpacing() * self.lines_allowed() + frame
        border = 2 * self.frameWidth()  # a style sheet's border (a banner's) around the text
        self.setFixedHeight(min(needed, cap) + border)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        window = self.window()
        if window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self.fit()
        return super().eventFilter(watched, event)  # the scroll area watches its label too
