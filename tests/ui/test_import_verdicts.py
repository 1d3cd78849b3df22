"""The import's verdicts in the app: a file that joined a registered organization by its name says so, files
of other formats are listed as «не прочитан» with what to do, a refused file names its organization and year."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from openpyxl import load_workbook

from maturity.exchange.organization_register import COLUMNS, SHEET, write_register_template
from maturity.method.profile import load_profile
from maturity.usecases.organization_register import import_register

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL = "Первичная профсоюзная организация МБОУ «Средняя школа № 7»"


def registered(store, tmp_path, names: list[tuple[str, str]]) -> None:
    path = tmp_path / "список.xlsx"
    write_register_template(load_profile(), path)
    workbook = load_workbook(path)
    keys = [key for key, _ in COLUMNS]
    for number, (name, level) in enumerate(names, 2):
        workbook[SHEET].cell(row=number, column=keys.index("name") + 1).value = name
        workbook[SHEET].cell(row=number, column=keys.index("level") + 1).value = level
    workbook.save(path)
    import_register(store, load_profile(), path)


def test_the_verdicts_show_a_joined_organization_unread_files_and_whose_refused_file_it_was(main_window, tmp_path):
    registered(main_window.store, tmp_path, [(SMALL, "ППО")])
    folder = tmp_path / "получено"
    folder.mkdir()
    shutil.copy(EXAMPLES / "primary-small.json", folder / "школа 7.json")
    for name in ("сводка.xls", "анкета.ods", "письмо.docx", "реестр.csv"):
        (folder / name).write_bytes(b"not an assessment")
    bad = json.loads((EXAMPLES / "primary-shipyard.json").read_text(encoding="utf-8"))
    bad["questionnaire"]["id"] = "чужая"
    (folder / "верфь.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")

    dialog = main_window.open_import([str(folder)])
    dialog.start_button.click()

    assert dialog.outcome is not None
    model = dialog.results
    rows = {model.text(r, 0): [model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())}
    assert rows["школа 7.json"][3] == "загружено"
    assert "присоединён к организации из списка по наименованию" in rows["школа 7.json"][4]
    assert rows["сводка.xls"][3] == "не прочитан"
    assert rows["сводка.xls"][4] == "не прочитан: формат .xls — пересохраните как .xlsx"
    assert rows["анкета.ods"][4] == "не прочитан: формат .ods — пересохраните как .xlsx"
    assert "программа читает только файлы оценки .json и книги Excel .xlsx" in rows["письмо.docx"][4]
    assert rows["верфь.json"][1].startswith("Первичная профсоюзная организация АО") and rows["верфь.json"][2] == "2025"
    assert rows["верфь.json"][3] == "отклонено"
    assert "не прочитано: 4" in dialog.summary.text()
    real = [o.name for o in main_window.store.list_organizations() if not o.placeholder]
    assert real == [SMALL]  # the file joined the registered one: no second record (its parent is a placeholder)
