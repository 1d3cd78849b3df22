"""A matplotlib Figure inside a Qt widget (FigureCanvasQTAgg; never pyplot).

matplotlib is imported only when the first figure is shown, so the app starts without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure
    from PySide6.QtGui import QResizeEvent

    from ui.background import Runner


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chart")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.canvas: FigureCanvasQTAgg | None = None
        self.figure: Figure | None = None

    def set_figure(self, figure: Figure) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        if self.canvas is not None:
            self._layout.removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.figure = figure
        canvas = self.canvas = FigureCanvasQTAgg(figure)
        canvas.setParent(self)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout.addWidget(canvas)
        canvas.draw_idle()

    def save_png(self, path: str, dpi: int = 150, figure: Figure | None = None) -> None:
        """The figure shown (or ``figure``, e.g. the same chart laid out for a file) as a PNG file."""
        figure = figure or self.figure
        if figure is None:
            raise RuntimeError("диаграмма ещё не построена")
        import io

        from maturity.output_files import write_output

        buffer = io.BytesIO()
        figure.savefig(buffer, dpi=dpi, format="png", bbox_inches="tight", pad_inches=0.1)
        write_output(path, buffer.getbuffer())  # OutputError (BadInput) with a Russian reason


class ChartImage(QWidget):
    """A figure drawn off the UI thread into an image (drawing a chart takes a fifth of a second: the window
    would stall for it after every write); drawn again, off the thread, when the widget is resized."""

    def __init__(self, parent: QWidget | None = None):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QLabel

        super().__init__(parent)
        self.setObjectName("chart")
        self.figure: Figure | None = None
        self.runner: Runner | None = None
        self.image = QLabel(self)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image)
        self._drawn = 0  # drawings asked for: only the latest one is shown
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(150)
        self._resized.timeout.connect(self._draw)

    @property
    def drawn(self) -> bool:
        """The image shows the latest figure."""
        return self.image.property("drawing") == self._drawn

    def set_figure(self, make: Callable[[], Figure], runner: Runner) -> None:
        """The figure ``make()`` returns, made and drawn off the UI thread."""
        self.runner = runner
        self._draw(make)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        if self.figure is not None:
            self._resized.start()

    def _draw(self, make: Callable[[], Figure] | None = None) -> None:
        from PySide6.QtGui import QImage, QPixmap

        runner, shown = self.runner, self.figure
        if runner is None or (make is None and shown is None):
            return
        self._drawn += 1
        drawing = self._drawn
        ratio = self.devicePixelRatioF()
        width, height = max(self.width(), 360), max(self.height(), 240)

        def work() -> tuple[Figure, bytes, int, int]:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            figure = make() if make is not None else shown
            assert figure is not None
            figure.set_dpi(100 * ratio)
            figure.set_size_inches(width / 100, height / 100)
            canvas = FigureCanvasAgg(figure)
            canvas.draw()
            rgba = canvas.buffer_rgba()
            return figure, bytes(rgba), rgba.shape[1], rgba.shape[0]

        def done(drawn: tuple[Figure, bytes, int, int]) -> None:
            if drawing != self._drawn or not shiboken6.isValid(self.image):  # a newer drawing, or the window closed
                return
            self.figure, data, w, h = drawn
            image = QImage(data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            self.image.setPixmap(pixmap)
            self.image.setProperty("drawing", drawing)

        runner.run(work, done)
