"""Benchmark of the windows added after the main window, on a federation's database: the UI thread while each opens.

    QT_QPA_PLATFORM=offscreen python bench/ui_windows.py [--organizations 100000] [--cache DIR]

The federation is bench/federation.py's cached SQLite file (built once per size, reused). It is copied (SQLite's
online backup) into a temporary folder and the copy gets what these windows read and the federation file has not:
every assessment of the year accepted but one organization's (the contest takes accepted assessments only), that
organization's own targets for the year, and one organization's assessment received from a file
(``examples/primary-small.json`` imported: someone else's). The cached file is only read.

The real main window opens the copy with the app's background runner, as the app does; then each window is opened
as a user opens it, and a QTimer on the UI thread ticking every 5 ms records the longest gap between two ticks (how
long the UI thread did not answer) until the window shows its data, and 0.3 s after. Printed per step: the time
until shown with data and the longest gap (aim: under 100 ms). Steps:

- a received assessment opened (read-only, at its result; issue 25 item 4);
- an own assessment opened at its result, then its «Целевые показатели» tab shown (the own targets);
- the comparison window opened; its «Динамика по годам» for a group (a region) on the charts tab;
- «У кого поучиться» for the table's first organization, then another KPI chosen;
- «Смотр-конкурс» of the whole database: opened, another nomination chosen, the protocol written to Excel and to
  PDF; the contest of a region; the contest of the year before;
- «Что изменится…» from the profile editor (the latest year re-scored under the edited version).

Baseline in the same run: the same timer in an empty event loop (the gap the machine itself makes).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from federation import add_cache_option, federation_url  # noqa: E402 (bench/ is not a package)
from main_window import GapMeter, names_loaded, wait_until  # noqa: E402

YEAR = 2025
SETTLE_S = 0.3
PROTOCOLS = ["xlsx", "pdf"]
STEPS = ("received", "own", "compare", "learn", "contest", "impact")
OWN_NAME = "ППО № 7"  # the organization whose assessment stays its own (not accepted), with own targets
RECEIVED = ROOT / "examples" / "primary-small.json"
RECEIVED_UID = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"


def working_copy(url: str, folder: str) -> str:
    """The cached federation copied into ``folder`` (SQLite's backup: consistent even while another run writes)."""
    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    path = Path(folder) / "federation.db"
    target = sqlite3.connect(path)
    start = time.perf_counter()
    with target:
        source.backup(target, pages=65536)
    source.close()
    target.close()
    print(f"copied the federation in {time.perf_counter() - start:.1f} s")
    return f"sqlite:///{path}"


def prepare(url: str) -> None:
    """What the windows read and the federation file has not: accepted assessments, own targets, a received one."""
    from sqlmodel import Session

    from maturity.engine.own_targets import Decision
    from maturity.storage.database import open_database
    from maturity.storage.store import Store
    from maturity.usecases.importing import import_documents
    from maturity.usecases.own_targets import save_targets

    engine = open_database(url)
    start = time.perf_counter()
    with engine.begin() as connection:
        own_id = connection.exec_driver_sql("SELECT id FROM organization WHERE name = ?", (OWN_NAME,)).scalar_one()
        connection.exec_driver_sql(
            "INSERT INTO assessment_review (assessment_id, state, comment, questions, decided_at, decided_by, "
            "sent_state, sent_comment, sent_questions, sent_by) "
            "SELECT id, 'accepted', '', '{}', CURRENT_TIMESTAMP, 'bench', NULL, '', '{}', '' FROM assessment "
            "WHERE year = ? AND organization_id != ? AND id NOT IN (SELECT assessment_id FROM assessment_review)",
            (YEAR, own_id),
        )
    with Session(engine, expire_on_commit=False) as session:
        store = Store(session)
        save_targets(store, own_id, YEAR, {"funding_target_share": 0.075, "meetings_target": 6},
                     Decision("Президиум профкома", "12", f"{YEAR - 1}-12-20"))  # fmt: skip
        import_documents(store, [RECEIVED])
    engine.dispose()
    print(f"prepared the copy (accepted, own targets, a received file) in {time.perf_counter() - start:.1f} s")


class Collections:
    """The longest pause of Python's cyclic garbage collector (it stops every thread, the UI thread too)."""

    def __init__(self):
        import gc

        self.started = 0.0
        self.longest = 0.0
        gc.callbacks.append(self._seen)

    def _seen(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.longest = max(self.longest, time.perf_counter() - self.started)

    def start(self) -> None:
        self.longest = 0.0


class Steps:
    """Each step: started on the UI thread, waited for until shown with data; the time and the longest gap."""

    def __init__(self, meter: GapMeter, profile: bool = False):
        self.meter = meter
        self.profile = profile
        self.rows: list[tuple[str, float, float, float]] = []
        self.collections = Collections()

    def measure(self, title: str, start, shown, timeout: float = 600.0) -> None:
        import cProfile

        from PySide6.QtWidgets import QApplication

        profiler = cProfile.Profile() if self.profile else None  # the UI thread's calls only
        if profiler is not None:
            profiler.enable()
        self.meter.start()
        self.collections.start()
        began = time.perf_counter()
        start()
        wait_until(shown, timeout)
        settle = time.perf_counter()
        seconds = settle - began  # the work the step did on the UI thread included
        while time.perf_counter() - settle < SETTLE_S:  # what the window still does after (queued paints)
            QApplication.processEvents()
            time.sleep(0.001)
        gap = self.meter.stop()
        if profiler is not None:
            import pstats

            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
        collected = self.collections.longest
        self.rows.append((title, seconds, gap, collected))
        mark = "" if gap < 0.1 else "  ← above 100 ms"
        print(
            f"{title}: shown in {seconds:.3f} s, the UI thread's longest gap {gap * 1000:.0f} ms{mark} "
            f"(the longest garbage collection {collected * 1000:.0f} ms)",
            flush=True,
        )


def settle(seconds: float = SETTLE_S) -> None:
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        QApplication.processEvents()
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--steps", default=",".join(STEPS), help="which windows, of: %(default)s")
    parser.add_argument("--protocols", default="xlsx,pdf", help="the contest's protocol formats to write: %(default)s")
    parser.add_argument("--profile", action="store_true", help="print the UI thread's costliest calls per step")
    add_cache_option(parser)
    args = parser.parse_args()
    chosen = set(args.steps.split(","))
    PROTOCOLS[:] = args.protocols.split(",")

    from PySide6.QtCore import QSettings, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from ui.main.main_window import MainWindow

    qInstallMessageHandler(lambda *_: None)  # the offscreen plugin's «does not support raise()»
    app = QApplication.instance() or QApplication(sys.argv[:1])

    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cached = federation_url(args.organizations, args.cache)
    meter = GapMeter()
    meter.start()
    settle(0.5)
    idle = meter.stop()
    print(f"baseline: the timer's longest gap in an idle event loop for 0.5 s: {idle * 1000:.0f} ms")

    with tempfile.TemporaryDirectory(prefix="maturity-bench-") as tmp:
        url = working_copy(cached, tmp)
        prepare(url)
        settings = QSettings(f"{tmp}/ui.ini", QSettings.Format.IniFormat)
        window = MainWindow(url, settings)
        window.resize(1100, 700)
        window.show()
        wait_until(lambda: window.isVisible())
        window.open_database()
        wait_until(lambda: window.is_open and window.view.organization is not None and names_loaded(window))
        settle()
        view = window.view
        steps = Steps(meter, args.profile)
        print(f"{args.organizations} organizations; each step's aim: no gap above 100 ms")

        for name in STEPS:
            if name in chosen:
                globals()[f"step_{name}"](view, steps, tmp)
                settle(1.0)

        print()
        print(f"{'step':<60} {'shown, s':>9} {'gap, ms':>8} {'gc, ms':>7}")
        for title, seconds, gap, collected in steps.rows:
            print(f"{title:<60} {seconds:>9.3f} {gap * 1000:>8.0f} {collected * 1000:>7.0f}")
        print(f"{'baseline: idle event loop':<60} {'':>9} {idle * 1000:>8.0f}")
        window.close()
        window.deleteLater()
        settle()
    del app
    return 0


def open_assessment(view, uid: str):
    """The organization's assessment of the year, opened from the main window's list as a user opens it."""
    org = view.store.organization_by_uid(uid)
    view.refresh(org.id)
    view.select_year(YEAR)
    return view.open_selected()


def step_received(view, steps: Steps, tmp: str) -> None:
    opened: dict = {}
    steps.measure(
        "a received assessment opened read-only",
        lambda: opened.update(wizard=open_assessment(view, RECEIVED_UID)),
        lambda: opened["wizard"] is not None and opened["wizard"].isVisible() and opened["wizard"].read_only,
    )
    opened["wizard"].reject()


def step_own(view, steps: Steps, tmp: str) -> None:
    opened: dict = {}
    own = next(o for o in _organizations_named(view.store, OWN_NAME))
    steps.measure(
        "an own assessment opened at its result (with own targets)",
        lambda: opened.update(wizard=open_assessment(view, own.uid)),
        lambda: opened["wizard"] is not None and opened["wizard"].isVisible(),
    )
    page = opened["wizard"].result_page
    steps.measure(
        "  its «Целевые показатели» tab shown",
        lambda: page.tabs.setCurrentWidget(page.targets_tab),
        lambda: page.targets_tab.isVisible() and page.targets_tab.results is not None,
    )
    opened["wizard"].reject()


def comparison(view, steps: Steps):
    """The comparison window, opened (and measured) once, then reused."""
    cw = view.compare_window
    if cw is None:
        steps.measure(
            "the comparison window opened",
            view.open_comparison,
            lambda: view.compare_window is not None and view.compare_window.last_summary is not None,
        )
        cw = view.compare_window
    cw.show()
    return cw


def step_compare(view, steps: Steps, tmp: str) -> None:
    cw = comparison(view, steps)
    region = cw.parent_filter.findText("Региональная организация 1")
    cw.tabs.setCurrentIndex(1)
    years = cw.chart_kind.findData("years")

    def group_years() -> None:
        cw.chart.figure = None
        cw.chart_kind.setCurrentIndex(years)
        cw.parent_filter.setCurrentIndex(region)

    steps.measure(
        "  «Динамика по годам» of a region (charts tab)",
        group_years,
        lambda: cw.chart.figure is not None and cw.last_summary is not None,
    )
    cw.tabs.setCurrentIndex(0)
    cw.parent_filter.setCurrentIndex(0)
    wait_until(lambda: cw.model.frame is not None and cw.last_summary is not None)


def step_learn(view, steps: Steps, tmp: str) -> None:
    cw = comparison(view, steps)
    learn: dict = {}

    def open_learn_from() -> None:
        cw.table.selectRow(0)
        learn["dialog"] = cw.open_learn_from()

    steps.measure(
        "«У кого поучиться» for the table's first organization",
        open_learn_from,
        lambda: learn["dialog"] is not None and learn["dialog"].found is not None,
    )
    dialog = learn["dialog"]

    def other_kpi() -> None:
        dialog.found = None
        dialog.kpi_choice.setCurrentIndex(1)

    steps.measure("  another KPI chosen", other_kpi, lambda: dialog.found is not None)
    dialog.close()


def step_contest(view, steps: Steps, tmp: str) -> None:
    cw = comparison(view, steps)
    cw.parent_filter.setCurrentIndex(0)
    cw.year.setCurrentIndex(cw.year.findData(YEAR))
    before = getattr(cw, "contest_window", None)
    steps.measure(
        "«Смотр-конкурс» of the whole database opened",
        cw.open_contest,
        lambda: cw.contest_window is not before and cw.contest_window.results is not None,
    )
    contest = cw.contest_window
    print(f"  ({contest.results.participants} participants, {len(contest.model.rows)} rows shown)")
    steps.measure(
        "  another nomination chosen",
        lambda: contest.nomination.setCurrentIndex(1),
        lambda: contest.nomination.currentIndex() == 1 and contest.model.rows is not None,
    )
    for suffix in [f".{kind}" for kind in PROTOCOLS if kind]:
        written = f"{tmp}/protocol{suffix}"
        steps.measure(
            f"  the protocol written ({suffix[1:]})",
            lambda w=written: contest.save_protocol(w),
            lambda w=written: contest.written == [w],
        )
    contest.close()
    cw.parent_filter.setCurrentIndex(cw.parent_filter.findText("Региональная организация 1"))
    steps.measure(
        "  the contest of a region opened",
        cw.open_contest,
        lambda: cw.contest_window is not contest and cw.contest_window.results is not None,
    )
    region = cw.contest_window
    region.close()
    cw.parent_filter.setCurrentIndex(0)
    cw.year.setCurrentIndex(cw.year.findData(YEAR - 1))
    steps.measure(
        "  the contest of the year before opened",
        cw.open_contest,
        lambda: cw.contest_window is not region and cw.contest_window.results is not None,
    )
    cw.contest_window.close()
    cw.year.setCurrentIndex(cw.year.findData(YEAR))


def step_impact(view, steps: Steps, tmp: str) -> None:
    editor: dict = {}
    steps.measure(
        "the profile editor opened",
        lambda: editor.update(window=view.open_profile_editor()),
        lambda: editor["window"].isVisible(),
    )
    editor["window"].new_version.setText("2099.1")  # the edited method is a new version
    steps.measure(
        "«Что изменится…» (the latest year re-scored)",
        lambda: editor.update(dialog=editor["window"].open_impact()),
        lambda: editor["dialog"] is not None and editor["dialog"].impact is not None,
    )
    editor["dialog"].close()
    editor["window"].close()


def _organizations_named(store, name: str):
    from sqlmodel import select

    from maturity.storage.models import Organization

    return store.session.exec(select(Organization).where(Organization.name == name)).all()


if __name__ == "__main__":
    sys.exit(main())
