"""Benchmark of the main window on a federation's database: the UI thread while opening and after a write.

    QT_QPA_PLATFORM=offscreen python bench/main_window.py [--organizations 100000] [--cache DIR]

The federation (bench/federation.py's cached SQLite file, built once per size) is opened by the real main
window with the app's background runner, as the app opens it. A QTimer on the UI thread ticks every
5 ms and records the longest gap between two ticks: how long the UI thread did not answer. Printed:

- opening: the wall time from ``open_database()`` to the organization's card filled, to the search
  field's names read, and the UI thread's longest gap meanwhile (aim: the card within 1 s, no gap
  above 100 ms);
- after a write (the card's «Сохранить изменения», the same signal every import and save sends): the
  time until the window shows it again and the longest gap meanwhile (aim: no gap above 100 ms);
- a search typed into the organization field («№ 12»): the longest gap per key.

Baseline in the same run: the same timer in an empty event loop (the gap the machine itself makes),
and a bare QComboBox filled with as many names (what the old selector did, once).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from federation import add_cache_option, federation_url  # noqa: E402 (bench/ is not a package)

TICK_MS = 5


class GapMeter:
    """The longest time between two ticks of a timer on the UI thread."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest


def wait_until(condition, timeout: float = 120.0) -> float:
    """Process events until ``condition()``; the seconds it took."""
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    while not condition():
        QApplication.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the window did not get there in time")
    return time.perf_counter() - start


def names_loaded(window) -> bool:
    """The search field has its names (a window without one — before issue 25 — filled its combo at once)."""
    picker = getattr(window, "org_picker", None)
    return picker is None or picker.loaded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organizations", type=int, default=100_000)
    add_cache_option(parser)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QComboBox

    from ui.main.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    url = federation_url(args.organizations, args.cache)
    meter = GapMeter()

    meter.start()
    start = time.perf_counter()
    while time.perf_counter() - start < 0.5:
        QApplication.processEvents()
        time.sleep(0.001)
    idle = meter.stop()
    print(f"baseline: the timer's longest gap in an idle event loop for 0.5 s: {idle * 1000:.0f} ms")

    with tempfile.TemporaryDirectory(prefix="maturity-bench-") as tmp:
        settings = QSettings(f"{tmp}/ui.ini", QSettings.Format.IniFormat)
        window = MainWindow(url, settings)
        window.resize(1100, 700)
        window.show()
        wait_until(lambda: window.isVisible())
        meter.start()
        start = time.perf_counter()
        window.open_database()
        card_at = start + wait_until(lambda: window.is_open and window.view.organization is not None)
        names_at = card_at + wait_until(lambda: names_loaded(window))
        settle = time.perf_counter()
        while time.perf_counter() - settle < 0.3:  # what the window still does after (queued paints)
            QApplication.processEvents()
            time.sleep(0.001)
        opening_gap = meter.stop()
        print(
            f"open the database of {args.organizations} organizations: the card in {card_at - start:.3f} s "
            f"(aim: under 1 s), the names to search in {names_at - start:.3f} s; the UI thread's longest gap "
            f"{opening_gap * 1000:.0f} ms (aim: under 100 ms)"
        )

        view = window.view
        members = window.card.members.value()
        writes = []
        for round_ in range(3):
            window.card.members.setValue(members + round_ + 1)
            meter.start()
            start = time.perf_counter()
            window.card.save_button.click()
            shown = wait_until(lambda: names_loaded(window))
            settle = time.perf_counter()
            while time.perf_counter() - settle < 0.3:
                QApplication.processEvents()
                time.sleep(0.001)
            writes.append((meter.stop(), shown + 0))
        gap, shown = min(writes)
        print(
            f"after a write (the card saved; best of 3): shown again in {shown:.3f} s, the UI thread's longest gap "
            f"{gap * 1000:.0f} ms (runs: {', '.join(f'{g * 1000:.0f}' for g, _ in writes)} ms; aim: under 100 ms)"
        )
        window.card.members.setValue(members)
        window.card.save_button.click()
        wait_until(lambda: names_loaded(window))

        picker = getattr(window, "org_picker", None)
        if picker is not None:
            from PySide6.QtCore import QEvent, Qt
            from PySide6.QtGui import QKeyEvent

            picker.setFocus()
            picker.clear()
            longest = 0.0
            for key in "№ 12":
                meter.start()
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(picker, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, key))
                QApplication.processEvents()
                longest = max(longest, meter.stop())
            matches = len(picker.matches())
            picker.completer().popup().hide()
            print(
                f"typing «№ 12» into the search field: {matches} names offered, longest gap per key {longest * 1000:.0f} ms"
            )

        names = [f"№ {i}" for i in range(args.organizations)]
        combo = QComboBox()
        meter.start()
        for name in names:
            combo.addItem(name)
        print(
            f"baseline: a bare QComboBox filled with {args.organizations} names on the UI thread: "
            f"{meter.stop() * 1000:.0f} ms"
        )
        del view
        window.close()
        window.deleteLater()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
