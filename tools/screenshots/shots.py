"""What the screenshot scripts share: where the repository is, and saving a widget as a PNG file."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FOLDER = ROOT / "docs" / "screenshots"


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def type_and_enter(app: QApplication, field: QWidget, text: str) -> None:
    """As a person types: the field's text selected, each character a key press, then Enter."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    field.setFocus()
    field.selectAll()  # type: ignore[attr-defined]
    keys = [(0, character) for character in text] + [(Qt.Key.Key_Return, "")]
    for key, character in keys:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, character))
    settle(app)


def save(widget: QWidget, folder: Path, name: str, app: QApplication) -> Path:
    settle(app)
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return path


def scratch_window(app: QApplication, folder: Path):
    """The main window over a new database in ``folder`` (a temporary one), sized and opened as the app
    opens it, Russian, with a synchronous runner."""
    from PySide6.QtCore import QSettings

    from ui.app import install_russian
    from ui.background import SyncRunner
    from ui.main.main_window import MainWindow
    from ui.widgets.screen import fit_main_window

    install_russian(app)
    settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(f"sqlite:///{folder / 'maturity.db'}", settings=settings, runner=SyncRunner())
    fit_main_window(window)
    window.show()
    window.open_database()
    return window


@contextmanager
def main_window_on_a_throwaway_database(app: QApplication) -> Iterator[Any]:
    """The app's main window, opened as the app opens it, on an empty database deleted afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        window = scratch_window(app, Path(tmp))
        try:
            yield window
        finally:
            window.close()
            if window.is_open:
                window.view.store.close()


EXAMPLES = ROOT / "examples"


def example_answers(name: str = "primary-small.json") -> dict[str, Any]:
    """The answers of an example file of examples/."""
    import json

    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))["answers"]


def weaker_year(profile: Any, answers: dict[str, Any]) -> dict[str, Any]:
    """The example organization's previous year, made from the method itself (no question named here): every
    other answer, in the method's order, one step weaker — a number half, a choice its weakest option, a list
    of choices its first half; the organization's own facts and yes/no answers (which other questions depend
    on) stay. The year is weaker across the KPIs, so the radar and «Что изменилось» show both."""
    from maturity.method.profile import ORGANIZATION_FACTS

    facts = {profile.organization_question(fact) for fact in ORGANIZATION_FACTS}
    weaker = dict(answers)
    answered = [q for q in profile.questions.values() if answers.get(q.id) is not None and q.id not in facts]
    for question in answered[::2]:
        value = answers[question.id]
        if question.informational:
            continue
        if question.type in ("int", "number") and isinstance(value, int | float) and not isinstance(value, bool):
            weaker[question.id] = type(value)(value / 2) if question.type == "number" else int(value) // 2
        elif question.type == "choice" and question.options:
            weakest = min(question.options, key=lambda option: option.value or 0)
            weaker[question.id] = weakest.id
        elif question.type == "multi" and isinstance(value, list):
            weaker[question.id] = value[: len(value) // 2]
    return weaker


def example_organization(store: Any, profile: Any, answers: dict[str, Any]) -> Any:
    """The organization of the example answers, created with the facts the answers give."""
    facts = profile.organization_facts(answers)
    return store.create_organization(
        facts["name"],
        facts.get("level") or "primary",
        region=facts.get("region"),
        sector=facts.get("sector"),
        members=facts.get("members"),
    )
