"""Start-up time: from process start to the main window's first paint, against a bare PySide6 window.

Each run is a fresh process. The app is started as the ``maturity`` console script starts it
(``python -m ui.launcher``) with ``MATURITY_STARTUP_PROBE=1``: at its first paint it prints
``first-paint <unix time>`` and quits (before the database is opened, which comes after the
paint by design). The bare window is a QMainWindow with one label and the same probe. The two
are run alternately, several times; the medians are printed and their ratio (aim: ≤ 1.3, issue 15).

Both run from compiled bytecode, as an installed program does (pip and the bundle compile every
module): the children get a bytecode cache of their own (``PYTHONPYCACHEPREFIX`` in the temporary
folder, ``PYTHONDONTWRITEBYTECODE`` unset), filled by the warm-up runs. Without it the app would
compile its own modules from source on every start and the bare window would not.

    .venv/bin/python bench/startup.py            # 7 runs each, offscreen
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python bench/startup.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE_WINDOW = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first-paint {time.time():.6f} cpu:{time.process_time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Цифровая зрелость"))
window.resize(1100, 680)
probe = Probe()
window.installEventFilter(probe)
window.show()
sys.exit(app.exec())
"""


def time_to_first_paint(command: list[str], env: dict[str, str], content: list[float] | None = None) -> float:
    """Seconds from the start to the first paint; the app's paint of its content (card, history), which it
    builds right after the first paint, is appended to ``content``. The CPU seconds of the process up to its
    first paint (its own count: the neighbours on a shared machine do not change it) go to ``CPU``."""
    started = time.time()
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    painted, cpu = {}, {}
    for line in out.stdout.splitlines():
        words = line.split()
        if words and words[0].endswith("-paint"):
            painted[words[0]] = float(words[1]) - started
            cpu[words[0]] = next((float(w[4:]) for w in words if w.startswith("cpu:")), float("nan"))
    if "first-paint" not in painted:
        raise RuntimeError(f"{command[:3]} did not report its first paint:\n{out.stdout}\n{out.stderr}")
    if content is not None and "content-paint" in painted:
        content.append(painted["content-paint"])
    CPU.setdefault(command[-1][:40], []).append(cpu["first-paint"])
    return painted["first-paint"]


CPU: dict[str, list[float]] = {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each (default 7)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["MATURITY_STARTUP_PROBE"] = "1"
        env["MATURITY_DB"] = f"sqlite:///{tmp}/bench.db"
        env["MATURITY_UI_STATE"] = f"{tmp}/ui.ini"
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = f"{tmp}/pycache"
        app_cmd = [sys.executable, "-m", "ui.launcher"]
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        time_to_first_paint(bare_cmd, env)  # warm the file cache for both before measuring
        time_to_first_paint(app_cmd, env)
        app_times, bare_times, content_times = [], [], []
        for _ in range(args.runs):
            bare_times.append(time_to_first_paint(bare_cmd, env))
            app_times.append(time_to_first_paint(app_cmd, env, content_times))

    bare, app = statistics.median(bare_times), statistics.median(app_times)
    platform = env["QT_QPA_PLATFORM"]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"platform {platform}, {args.runs} runs each in turn, process start → first paint of the main window, "
        f"from compiled bytecode; load average {load}"
    )
    print(
        f"bare PySide6 window: median {bare * 1000:.0f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in bare_times)})"
    )
    print(f"maturity app:        median {app * 1000:.0f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in app_times)})")
    app_cpu, bare_cpu = (statistics.median(CPU[c[-1][:40]][1:]) for c in (app_cmd, bare_cmd))
    print(
        f"CPU seconds to the first paint (each process's own count, robust to the load): app {app_cpu * 1000:.0f} ms, "
        f"bare {bare_cpu * 1000:.0f} ms, ratio {app_cpu / bare_cpu:.2f}"
    )
    if content_times:
        content = statistics.median(content_times)
        print(
            f"maturity app, its content (card, history) painted: median {content * 1000:.0f} ms, "
            f"{content / bare:.2f} × the bare window"
        )
    ratios = sorted(a / b for a, b in zip(app_times, bare_times, strict=True))
    print(
        f"ratio app / bare: {app / bare:.2f} of the medians, {statistics.median(ratios):.2f} median of run pairs (aim ≤ 1.3)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
