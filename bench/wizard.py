"""Benchmark: the assessment wizard as a chair uses it, beside plain Qt and the bare method in the same run.

The app's main window is opened as the app opens it, on a fresh SQLite database in a temporary
folder, and the organization of ``examples/primary-small.json`` is saved on its card. Then, round
after round, a chair's whole assessment:

- **open**: «Новая оценка» → the draft written, the wizard built, shown and painted, and the main
  window behind it refreshed (the new draft joins its list and its chart of the years);
- **answer**: each question of the example given through its editor's own widgets (their signals
  fire as on real input: the session checks the answer, the page shows or hides rows, the draft
  saver is told), per answer;
- **next**: «Далее» on a section page (the page checked, the draft written at once, the next page
  filled from the session), per page;
- **result**: the last «Далее», to the result page (scores, norms, road map, the radar painted);
- the wizard is closed (its draft stays). Each round is a new year, counting down from 2025, so
  every round starts from an empty questionnaire with no earlier year to compare with.

Beside each, measured in the same rounds:

- open and next: a plain ``QWizard`` with as many pages, each a form of one label and one line edit
  per question — what Qt itself costs for that many widgets;
- answer: the same answers given to the method alone (``AssessmentSession.set_answer``, then the
  session's issues and relevance as the page reads them) — what the widgets add;
- result: the method alone (the score and the road map of the same answers).

Times are CPU milliseconds of this process (``time.process_time``; offscreen, everything the
window does runs in it), median over the rounds. A chair feels a delay above about 100 ms: the
last column says whether each step stays under it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/wizard.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ui"))  # the tests' driver gives answers through the real widgets

from PySide6.QtCore import QSettings, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QWizard, QWizardPage  # noqa: E402
from wizard_driver import set_editor  # noqa: E402

from maturity.engine.roadmap import recommendations  # noqa: E402
from maturity.engine.session import AssessmentSession  # noqa: E402

EXAMPLE = ROOT / "examples" / "primary-small.json"
FEELS_INSTANT_MS = 100.0
FIRST_YEAR = 2025


def quiet_offscreen(kind, context, message: str) -> None:
    """Qt's messages, less the offscreen platform's note on every window shown."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def cpu_ms(function, *args) -> float:
    start = time.process_time()
    function(*args)
    return (time.process_time() - start) * 1000


def settle(app: QApplication) -> None:
    """Let Qt lay out and paint what was just shown or changed (offscreen paints into memory)."""
    for _ in range(3):
        app.processEvents()


class Chair:
    """The main window of the app on its own database, with the organization saved."""

    def __init__(self, app: QApplication, folder: Path, answers: dict):
        from ui.app import install_russian
        from ui.background import SyncRunner
        from ui.main.main_window import MainWindow

        install_russian(app)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        self.app, self.answers = app, answers
        self.window = MainWindow(f"sqlite:///{folder / 'wizard.db'}", settings=settings, runner=SyncRunner())
        self.window.resize(1100, 680)
        self.window.show()
        self.window.open_database()
        card = self.window.card
        card.name.setText(answers["profile.name"])
        card.level.setCurrentIndex(card.level.findData("primary"))
        card.members.setValue(answers["profile.members"])
        card.save_button.click()
        if self.window.view.organization is None:
            raise RuntimeError(f"the organization was not saved: {card.message.text()}")
        self.wizard = None

    def open(self, year: int) -> None:
        self.wizard = self.window.view.start_assessment(year)
        settle(self.app)

    def answer_page(self, times: list[float]) -> list[str]:
        """Answer the page's shown questions in order (a row may appear after an answer); their ids."""
        answered = []
        for question_id, row in self.wizard.currentPage().rows.items():
            if question_id in self.answers and not row.isHidden():
                times.append(cpu_ms(set_editor, row.editor, self.answers[question_id]))
                answered.append(question_id)
        return answered

    def next(self) -> None:
        self.wizard.button(QWizard.WizardButton.NextButton).click()
        settle(self.app)

    def on_result_page(self) -> bool:
        return self.wizard.currentPage() is self.wizard.result_page

    def close(self) -> None:
        self.wizard.close()
        settle(self.app)
        self.wizard = None


class PlainWizard:
    """A QWizard of plain forms, as many pages and rows as the profile's."""

    def __init__(self, app: QApplication, profile):
        self.app, self.profile = app, profile
        self.wizard: QWizard | None = None

    def open(self) -> None:
        wizard = QWizard()
        for section in self.profile.sections:
            page = QWizardPage(wizard)
            page.setTitle(section.title)
            form = QFormLayout(page)
            for question in section.questions:
                label = QLabel(question.text, page)
                label.setWordWrap(True)
                form.addRow(label, QLineEdit(page))
            wizard.addPage(page)
        wizard.resize(1100, 680)
        wizard.show()
        self.wizard = wizard
        settle(self.app)

    def next(self) -> None:
        self.wizard.next()
        settle(self.app)

    def close(self) -> None:
        self.wizard.close()
        self.wizard.deleteLater()
        settle(self.app)
        self.wizard = None


def method_alone(profile, answers: dict, section_ids: list[list[str]]) -> tuple[list[float], float]:
    """The same answers given to a session with no window: per answer, then the score and road map."""
    session = AssessmentSession(profile, 2025)
    times = []
    for ids in section_ids:
        for question_id in ids:
            start = time.process_time()
            session.set_answer(question_id, answers[question_id])
            session.issues_for(question_id)
            for other in ids:
                session.is_relevant(other)
            times.append((time.process_time() - start) * 1000)
    start = time.process_time()
    result = session.score()
    recommendations(profile, session.answers, result)
    return times, (time.process_time() - start) * 1000


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def line(label: str, ours: list[float], baseline: list[float], what: str) -> None:
    a, b = median(ours), median(baseline)
    verdict = "да" if a < FEELS_INSTANT_MS else "НЕТ"
    print(f"{label:<34} {a:8.1f} ms   {what:<22} {b:8.1f} ms   ×{a / b:5.1f}   < {FEELS_INSTANT_MS:.0f} ms: {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="whole assessments (default 7; the first is a warm-up)")
    args = parser.parse_args()
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))["answers"]
    qInstallMessageHandler(quiet_offscreen)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")

    with tempfile.TemporaryDirectory(prefix="bench-wizard-") as tmp:
        chair = Chair(app, Path(tmp), answers)
        chair.open(FIRST_YEAR + 1)
        profile = chair.wizard.session.profile
        chair.close()
        plain = PlainWizard(app, profile)
        figures: dict[str, list[float]] = {k: [] for k in ("open", "answer", "next", "result")}
        baseline: dict[str, list[float]] = {k: [] for k in figures}
        count = pages = 0
        for number in range(args.rounds + 1):
            gc.collect()
            ours: dict[str, list[float]] = {k: [] for k in figures}
            theirs: dict[str, list[float]] = {k: [] for k in figures}
            ours["open"].append(cpu_ms(chair.open, FIRST_YEAR - number))
            theirs["open"].append(cpu_ms(plain.open))
            answered: list[list[str]] = []
            while not chair.on_result_page():
                answered.append(chair.answer_page(ours["answer"]))
                turn = cpu_ms(chair.next)
                if chair.on_result_page():
                    ours["result"].append(turn)
                else:
                    ours["next"].append(turn)
                    theirs["next"].append(cpu_ms(plain.next))
            chair.close()
            plain.close()
            per_answer, result = method_alone(profile, answers, answered)
            theirs["answer"] += per_answer
            theirs["result"].append(result)
            if number == 0:
                continue  # the warm-up: modules imported, caches filled
            count, pages = len(ours["answer"]), len(ours["next"]) + 1
            for key in figures:
                figures[key] += ours[key]
                baseline[key] += theirs[key]
        chair.window.close()
        chair.window.view.store.close()

    print(f"rounds: {args.rounds} (after a warm-up), {pages} section pages, {count} answers a round")
    print(f"{'CPU ms, median':<34} {'the app':>11}   {'baseline':<22} {'':>11}   {'ratio':>6}")
    line("open the wizard", figures["open"], baseline["open"], "plain QWizard")
    line("answer one question", figures["answer"], baseline["answer"], "the method alone")
    line("«Далее» to the next section", figures["next"], baseline["next"], "plain QWizard")
    line("«Далее» to the result page", figures["result"], baseline["result"], "score + road map alone")
    total = sum(figures["open"]) + sum(figures["answer"]) + sum(figures["next"]) + sum(figures["result"])
    print(f"{'a whole assessment, mean':<34} {total / args.rounds:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
