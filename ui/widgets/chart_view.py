"""A matplotlib Figure inside a Qt widget (FigureCanvasQTAgg; never pyplot).

matplotlib is imported only when the first figure is shown, so the app starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure


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
