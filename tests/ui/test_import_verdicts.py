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
    registered(main_window.view.store, tmp_path, [(SMALL, "ППО")])
    folder = tmp_path / "получено"
    folder.mkdir()
    shutil.copy(EXAMPLES / "primary-small.json", folder / "школа 7.json")
    for name in ("сводка.xls", "анкета.ods", "письмо.docx", "реестр.csv"):
        (folder / name).write_bytes(b"not an assessment")
    bad = json.loads((EXAMPLES / "primary-shipyard.json").read_text(encoding="utf-8"))
    bad["questionnaire"]["id"] = "чужая"
    (folder / "верфь.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")

    dialog = main_window.view.open_import([str(folder)])
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
    real = [o.name for o in main_window.view.store.list_organizations() if not o.placeholder]
    assert real == [SMALL]  # the file joined the registered one: no second record (its parent is a placeholder)


def test_a_territorys_report_imported_in_the_app_lists_those_who_did_not_submit_as_registered(main_window, tmp_path):
    from test_territory_register import TERRITORY, child_file, territory_file, write_register

    from maturity.storage.store import open_store
    from maturity.storage.submissions import Scope, submissions, totals
    from maturity.usecases.importing import import_documents
    from maturity.usecases.report_source import export_report

    with open_store(f"sqlite:///{tmp_path / 'территория.db'}") as territory:
        import_register(territory, load_profile(), write_register(tmp_path / "список.xlsx", primaries=5))
        import_documents(territory, [child_file(tmp_path, 1, "code"), territory_file(tmp_path)])
        export_report(territory, 2025, tmp_path / "отчёт.xlsx", territory.find_organization(TERRITORY))

    dialog = main_window.view.open_import([str(tmp_path / "отчёт.xlsx")])
    dialog.start_button.click()

    model = dialog.results
    outcomes = [model.text(r, 3) for r in range(model.rowCount())]
    assert outcomes.count("загружено") == 2 and outcomes.count("внесены в список") == 1
    note = model.text(outcomes.index("внесены в список"), 4)
    assert "из листа «Не сдали»" in note and ": 4" in note
    here = main_window.view.store.find_organization(TERRITORY)
    assert totals(submissions(main_window.view.store.session, 2025, Scope(here.id))).submitted == "2 из 6"
