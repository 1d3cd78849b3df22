"""Draws the program's icon: a ten-axis radar (the ten KPIs) on a rounded blue square.

The drawing is the source; the files beside it are made from it and committed:

    .venv/bin/python packaging/icons/make_icons.py

- maturity.svg   vector (the Linux .desktop entry, hicolor/scalable)
- maturity.png   256×256 (hicolor/256x256; also copied to ui/resources/, the window icon)
- maturity.ico   16…256 px in one file (PyInstaller's Windows executable, Inno Setup)
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Polygon
from PIL import Image

HERE = Path(__file__).resolve().parent
WINDOW_ICON = HERE.parent.parent / "ui" / "resources" / "maturity.png"  # package data of `ui`
BLUE, DARK_BLUE, GRID, GOLD, GOLD_EDGE = "#2463a6", "#173f6b", "#9fc3ea", "#ffc83d", "#fff3c4"
# the radar's ten values (0…1): uneven, as a real organization's KPIs, with a clear shape
VALUES = (0.92, 0.62, 0.84, 0.55, 0.95, 0.7, 0.5, 0.88, 0.6, 0.78)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def radar_points(values, radius: float, centre=(0.5, 0.5)):
    count = len(values)
    return [
        (centre[0] + radius * v * math.sin(2 * math.pi * i / count), centre[1] + radius * v * math.cos(2 * math.pi * i / count))
        for i, v in enumerate(values)
    ]


def draw() -> Figure:
    figure = Figure(figsize=(1, 1), dpi=256)
    figure.patch.set_alpha(0)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.set_axis_off()
    axes.add_patch(FancyBboxPatch((0.06, 0.06), 0.88, 0.88, boxstyle="round,pad=0,rounding_size=0.18",
                                  facecolor=BLUE, edgecolor=DARK_BLUE, linewidth=3))
    radius = 0.34
    for ring in (1.0, 0.5):
        axes.add_patch(Polygon(radar_points([ring] * 10, radius), closed=True, fill=False, edgecolor=GRID,
                               linewidth=2.2 if ring == 1.0 else 1.2, alpha=0.9))
    for x, y in radar_points([1.0] * 10, radius):
        axes.plot([0.5, x], [0.5, y], color=GRID, linewidth=1.0, alpha=0.8)
    axes.add_patch(Polygon(radar_points(VALUES, radius), closed=True, facecolor=GOLD, edgecolor=GOLD_EDGE,
                           linewidth=2.5, alpha=0.95, joinstyle="round"))
    return figure


def main() -> None:
    figure = draw()
    with rc_context({"svg.hashsalt": "maturity"}):  # the same SVG every time: no date, stable ids
        figure.savefig(HERE / "maturity.svg", transparent=True, metadata={"Date": None})
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=256, transparent=True)
    image = Image.open(buffer).convert("RGBA")
    image.save(HERE / "maturity.png")
    WINDOW_ICON.parent.mkdir(exist_ok=True)
    image.save(WINDOW_ICON)
    image.save(HERE / "maturity.ico", sizes=ICO_SIZES)
    for name in ("maturity.svg", "maturity.png", "maturity.ico"):
        print(HERE / name, (HERE / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
