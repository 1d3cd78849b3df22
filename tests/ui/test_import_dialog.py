"""Importing files in the app: «Загрузить файлы…», drag and drop, progress, «Отмена», the per-file results."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton

from maturity.exchange.assessment_json import read_assessment_json
from maturity.exchange.workbook_export import write_assessment_workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL = "Первичная профсоюзная организация МБОУ «Средняя школа № 7»"
SHIPYARD = "Первичная профсоюзная организация АО «Северная верфь»"
HEALTH = "Липецкая областная организация Профсоюза работников здравоохранения РФ"
WORKBOOK_ORG = "Первичная профсоюзная организация ООО «Книга»"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def write_json(folder: Path, name: str, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def exported_workbook(folder: Path) -> Path:
    """A workbook written by the program's own exporter, of an organization not in the examples."""
    data = example("primary-small.json")
    data["answers"]["profile.name"] = WORKBOOK_ORG
    del data["meta"]["organization_id"]
    document = read_assessment_json(write_json(folder / "source", "book.json", data))
    path = folder / "книга.xlsx"
    write_assessment_workbook(document, path)
    return path


def run_import(window, paths, on_conflict: str | None = None):
    """Choose the paths in the dialog, the clash rule if given, press «Загрузить»; the dialog after the run."""
    dialog = window.view.open_import([str(p) for p in paths])
    if on_conflict is not None:
        dialog.conflict_buttons[on_conflict].click()
    dialog.start_button.click()
    assert dialog.outcome is not None, "the import did not finish"
    return dialog


def results(dialog) -> list[tuple[str, str, str, str, str]]:
    model = dialog.results
    return [tuple(model.text(r, c) for c in range(model.columnCount())) for r in range(model.rowCount())]


def selector_names(window) -> list[str]:
    """The organizations the search field offers (the names it searches), once they are read."""
    picker = window.org_picker
    return [o.name for o in picker.index.organizations] if picker.loaded and picker.isVisibleTo(window) else []


def show(window, name: str) -> None:
    """Type the name into the organization field and take the first match with Enter."""
    picker = window.org_picker
    picker.setFocus()
    for character in name:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(picker, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))
    picker.completer().popup().hide()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(picker, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    assert window.view.organization.name == name


def shown_years(window) -> list[int]:
    return [row.year for row in window.assessments.rows]


def test_the_examples_and_an_exported_workbook_appear_in_the_selector_and_the_year_table(main_window, tmp_path):
    workbook = exported_workbook(tmp_path)
    files = [
        EXAMPLES / "primary-small.json",
        EXAMPLES / "primary-shipyard.json",
        EXAMPLES / "territorial-health.json",
        workbook,
    ]

    dialog = run_import(main_window, files)

    assert [(row[0], row[3]) for row in results(dialog)] == [
        ("primary-small.json", "загружено"),
        ("primary-shipyard.json", "загружено"),
        ("territorial-health.json", "загружено"),
        ("книга.xlsx", "загружено"),
    ]
    assert results(dialog)[3][1:3] == (WORKBOOK_ORG, "2025")
    assert "Загружено: 4" in dialog.summary.text()
    assert {SMALL, SHIPYARD, HEALTH, WORKBOOK_ORG} <= set(selector_names(main_window))
    assert main_window.first_run.isHidden()
    show(main_window, WORKBOOK_ORG)
    assert shown_years(main_window) == [2025]
    assert main_window.assessments.rows[0].status == "complete"


def test_the_import_action_is_in_the_toolbar_once_the_database_is_open(main_window):
    assert main_window.import_action.text() == "Загрузить файлы…"
    assert main_window.import_action.isEnabled()
    main_window.import_action.trigger()
    assert main_window.view.import_dialog.isVisible()
    assert main_window.view.import_dialog.on_conflict() == "skip"
    assert not main_window.view.import_dialog.start_button.isEnabled()  # nothing chosen yet


def test_an_empty_database_offers_to_import_files_and_stops_once_there_are_organizations(main_window):
    assert not main_window.first_import_button.isHidden()
    main_window.first_import_button.click()
    run_import(main_window, [EXAMPLES / "primary-small.json"])
    assert main_window.first_import_button.isHidden()


def test_broken_files_are_rejected_with_their_russian_reason_and_nothing_of_them_is_written(main_window, tmp_path):
    fake_workbook = tmp_path / "отчёт.xlsx"
    fake_workbook.write_text("это не книга Excel", encoding="utf-8")
    negative = example("primary-shipyard.json")
    negative["answers"]["k4.subscribers"] = -5
    negative_path = write_json(tmp_path, "минус.json", negative)

    dialog = run_import(main_window, [fake_workbook, negative_path, EXAMPLES / "primary-small.json"])

    rows = results(dialog)
    assert [(row[0], row[3]) for row in rows] == [
        ("отчёт.xlsx", "отклонено"),
        ("минус.json", "отклонено"),
        ("primary-small.json", "загружено"),
    ]
    assert "Excel" in rows[0][4]
    assert "k4.subscribers" in rows[1][4]
    assert rows[0][1:3] == ("", "")  # not a workbook: nothing known of it
    assert rows[1][1:3] == (SHIPYARD, "2025")  # refused, but the file said whose it was
    assert "отклонено: 2" in dialog.summary.text()
    assert main_window.view.store.organizations_named(SHIPYARD) == []
    assert selector_names(main_window) in ([], [SMALL])  # one organization: the selector is not needed
    assert main_window.view.organization.name == SMALL


def test_a_duplicate_is_skipped_by_default_replaced_on_request_and_refused_with_fail(main_window, tmp_path):
    run_import(main_window, [EXAMPLES / "primary-small.json"])
    before = main_window.assessments.rows[0].index
    weaker = example("primary-small.json")
    weaker["answers"]["k6.channels"] = ["stand"]
    weaker["answers"]["k4.subscribers"] = weaker["answers"]["k4.main_subscribers"] = 0
    weaker_path = write_json(tmp_path, "слабее.json", weaker)

    skipped = run_import(main_window, [weaker_path])
    assert [(row[3], row[4]) for row in results(skipped)] == [
        ("пропущено: уже есть", f"у организации «{SMALL}» уже есть оценка за 2025 год")
    ]
    assert main_window.assessments.rows[0].index == before

    refused = run_import(main_window, [weaker_path], on_conflict="fail")
    assert results(refused)[0][3] == "отклонено"
    assert main_window.assessments.rows[0].index == before

    replaced = run_import(main_window, [weaker_path], on_conflict="replace")
    assert results(replaced)[0][3] == "загружено"
    assert main_window.assessments.rows[0].index < before  # the window reread what another session wrote
    assert shown_years(main_window) == [2025]


def drag_and_drop(widget, paths) -> bool:
    """What the system does when files are dragged onto a widget and let go; whether the drag was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_a_folder_dropped_on_the_main_window_is_imported(main_window, tmp_path):
    folder = tmp_path / "оценки"
    folder.mkdir()
    for name in ("primary-small.json", "territorial-health.json"):
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "заметки.txt").write_text("не оценка", encoding="utf-8")

    assert drag_and_drop(main_window, [folder])
    dialog = main_window.view.import_dialog
    assert dialog.isVisible() and dialog.source_paths() == [str(folder)]
    dialog.start_button.click()

    assert [row[0] for row in results(dialog)] == ["primary-small.json", "territorial-health.json", "заметки.txt"]
    assert results(dialog)[2][3] == "не прочитан"  # the notes are not an assessment: named, not read
    assert {SMALL, HEALTH} <= set(selector_names(main_window))


def test_a_drag_without_files_is_not_taken(main_window):
    mime = QMimeData()
    mime.setText("просто текст")
    enter = QDragEnterEvent(
        QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    enter.ignore()
    QApplication.sendEvent(main_window, enter)
    assert not enter.isAccepted()
    assert main_window.view.import_dialog is None


def test_files_dropped_on_the_comparison_window_are_imported_and_it_shows_them(main_window):
    run_import(main_window, [EXAMPLES / "primary-small.json"])
    compare = main_window.view.open_comparison()
    assert compare.model.rowCount() == 1

    assert drag_and_drop(compare, [EXAMPLES / "primary-shipyard.json", EXAMPLES / "territorial-health.json"])
    main_window.view.import_dialog.start_button.click()

    assert compare.model.rowCount() == 3
    compare.close()


def test_progress_reaches_the_dialog_file_by_file(main_window):
    seen = []
    main_window.runner.on_progress = lambda dialog, done, total, text: seen.append(
        (dialog.maximum(), dialog.value(), dialog.labelText())
    )

    run_import(
        main_window,
        [EXAMPLES / "primary-small.json", EXAMPLES / "primary-shipyard.json", EXAMPLES / "territorial-health.json"],
    )

    assert [(maximum, value) for maximum, value, _text in seen] == [(3, 0), (3, 1), (3, 2), (3, 3)]
    assert seen[1][2] == "Файл 2 из 3: primary-shipyard.json"


def test_cancel_stops_between_files_and_leaves_the_rest_untouched(main_window):
    def press_cancel_before_the_second_file(dialog, done, total, text):
        if done == 1:
            dialog.findChild(QPushButton).click()  # «Отмена»

    main_window.runner.on_progress = press_cancel_before_the_second_file
    dialog = run_import(
        main_window,
        [EXAMPLES / "primary-small.json", EXAMPLES / "primary-shipyard.json", EXAMPLES / "territorial-health.json"],
    )

    assert [(row[0], row[3]) for row in results(dialog)] == [("primary-small.json", "загружено")]
    assert "не обработано файлов — 2" in dialog.summary.text()
    assert main_window.view.store.organizations_named(SHIPYARD) == []
    assert main_window.view.organization.name == SMALL


def test_an_empty_folder_says_there_was_nothing_to_import(main_window, tmp_path):
    (tmp_path / "пусто").mkdir()  # tmp_path itself holds the database: its files would be listed as not read
    dialog = run_import(main_window, [tmp_path / "пусто"])
    assert dialog.results.rowCount() == 0
    assert "Файлов оценок не найдено" in dialog.summary.text()


def test_with_the_real_background_runner_the_import_runs_off_the_ui_thread_and_the_window_follows(main_window, qtbot):
    from ui.background import ThreadRunner

    main_window.view.context.runner = ThreadRunner(main_window)
    dialog = main_window.view.open_import(
        [str(EXAMPLES / "primary-small.json"), str(EXAMPLES / "primary-shipyard.json")]
    )
    dialog.start_button.click()
    assert not dialog.start_button.isEnabled()  # no second run while one is under way

    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20000)
    qtbot.waitUntil(lambda: main_window.org_picker.loaded, timeout=20000)  # the names are read in the background

    assert dialog.outcome.count("imported") == 2
    assert {SMALL, SHIPYARD} <= set(selector_names(main_window))


def test_the_cancel_button_of_the_progress_dialog_is_in_russian(main_window):
    texts = []
    main_window.runner.on_progress = lambda dialog, *_: texts.append(dialog.findChild(QPushButton).text())
    run_import(main_window, [EXAMPLES / "primary-small.json"])
    assert texts and set(texts) == {"Отмена"}


def test_a_refused_workbook_names_its_organization_and_year(main_window, tmp_path):
    from openpyxl import load_workbook

    from maturity.exchange.workbook_export import MACHINE_SHEET

    path = exported_workbook(tmp_path)
    book = load_workbook(path)
    sheet = book[MACHINE_SHEET]
    members = next(row for row in sheet.iter_rows() if row[0].value == "profile.members")
    members[2].value = "много"  # not a number: the reader refuses the file
    book.save(path)

    [row] = results(run_import(main_window, [path]))

    assert row[1:4] == (WORKBOOK_ORG, "2025", "отклонено")
    assert "C" in row[4] and "много" in row[4]


def test_the_verdicts_are_copied_as_tab_separated_text_with_ctrl_c_and_the_button(main_window, tmp_path, qtbot):
    negative = example("primary-shipyard.json")
    negative["answers"]["k4.subscribers"] = -5
    dialog = run_import(main_window, [write_json(tmp_path, "минус.json", negative), EXAMPLES / "primary-small.json"])
    clipboard = QApplication.clipboard()

    dialog.copy_button.click()
    lines = clipboard.text().splitlines()
    assert lines[0] == "Файл\tОрганизация\tГод\tРезультат\tПричина"
    assert lines[1].split("\t")[:4] == [str(tmp_path / "минус.json"), SHIPYARD, "2025", "отклонено"]
    assert lines[2].split("\t")[:4] == [str(EXAMPLES / "primary-small.json"), SMALL, "2025", "загружено"]
    assert len(lines) == 3

    clipboard.clear()
    dialog.table.selectRow(1)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text().splitlines()[1:] == [lines[2]]  # the chosen row only


def test_the_verdicts_are_saved_to_a_workbook_and_to_csv(main_window, tmp_path, monkeypatch):
    import csv

    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    negative = example("primary-shipyard.json")
    negative["answers"]["k4.subscribers"] = -5
    dialog = run_import(main_window, [write_json(tmp_path, "минус.json", negative), EXAMPLES / "primary-small.json"])

    chosen = (str(tmp_path / "итог"), "Книга Excel (*.xlsx)")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: chosen)
    dialog.save_button.click()
    sheet = load_workbook(tmp_path / "итог.xlsx").worksheets[0]
    assert "загружено: 1, пропущено: 0, отклонено: 1" in sheet["A1"].value
    table = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert table[0] == ["Файл", "Организация", "Год", "Результат", "Причина"]
    assert table[1][1:4] == [SHIPYARD, "2025", "отклонено"] and "k4.subscribers" in table[1][4]
    assert dialog.save_message.text() == "Сохранено: итог.xlsx"

    dialog.save_results(str(tmp_path / "итог.csv"))
    raw = (tmp_path / "итог.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # a Russian Excel opens it as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Файл", "Организация", "Год", "Результат", "Причина"]
    assert rows[2][1:4] == [SMALL, "2025", "загружено"]
