"""Whether the app can open a window here, asked before Qt is loaded (Qt would abort the process).

On Linux and the BSDs Qt draws through X11 (``xcb``) or Wayland; with neither ``DISPLAY`` nor
``WAYLAND_DISPLAY`` set (a server, an ssh session, cron) and no other platform chosen in
``QT_QPA_PLATFORM`` (``offscreen``, ``vnc``, ``eglfs`` …) there is nowhere to draw. Then the app says
so in Russian, points at the command line, and exits with :data:`EXIT_NO_DISPLAY`. When Qt itself
fails to start its platform plugin (a missing ``libxcb-cursor0``, an unreachable ``DISPLAY``),
``ui/app.py`` catches Qt's fatal message and prints :func:`no_display_message` with Qt's words.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

EXIT_NO_DISPLAY = 1  # not bad input (2): the program cannot do its job here; the command line can
SCREEN_PLATFORMS = ("xcb", "wayland")  # Qt's platform plugins that need a display server

NO_DISPLAY_MESSAGE = (
    "maturity: для окна программы нужен графический сеанс (экран), а его нет{reason}.\n"
    "Без экрана работает командная строка: «maturity --help» — список команд, "
    "«maturity score ФАЙЛ» — показатели по файлу оценки, «maturity import ПАПКА» — загрузить оценки в базу.\n"
)


def no_display_message(reason: str = "") -> str:
    return NO_DISPLAY_MESSAGE.format(reason=f" ({reason})" if reason else "")


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can open here (a Russian phrase), or None when Qt may try."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "cygwin", "darwin")):  # Windows and macOS always have their own screen
        return None
    chosen = [p.split(":")[0].strip() for p in environ.get("QT_QPA_PLATFORM", "").split(";") if p.strip()]
    if any(not name.startswith(SCREEN_PLATFORMS) for name in chosen):  # offscreen, vnc, eglfs, minimal …
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return "не заданы DISPLAY и WAYLAND_DISPLAY"
