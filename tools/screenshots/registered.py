"""Screenshots of a territory's season for the documentation (run by scripts/screenshots under Xvfb).

    python -m tools.screenshots.registered docs/screenshots

- ``import-verdicts-joined.png``: the import results after the territory registered its organizations
  without codes: the chairs' files (their own codes) «присоединён к организации из списка по
  наименованию», the files of other formats «не прочитан: формат .xls — пересохраните как .xlsx», a file
  refused for its method named with its organization and year;
- ``dialog-merge.png``: «Организация → Объединить с…» with the second record of the organization chosen
  and what would move; ``dialog-merge-refused.png``: the same with a record that has an assessment of
  the same year — the year named, «Объединить» disabled.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication

from tools.screenshots.shots import DEFAULT_FOLDER, ROOT, save, scratch_window, settle

EXAMPLES = ROOT / "examples"
TERRITORY = "Липецкая областная организация Профсоюза работников народного образования и науки РФ"
SCHOOLS = ("Первичная профсоюзная организация МБОУ «Средняя школа № 7»",
           "Первичная профсоюзная организация МБОУ «Гимназия № 12»",
           "Первичная профсоюзная организация МБДОУ «Детский сад № 3»")  # fmt: skip


def register(store, folder: Path) -> None:
    from maturity.exchange.organization_register import COLUMNS, SHEET, write_register_template
    from maturity.method.profile import load_profile
    from maturity.usecases.organization_register import import_register

    path = folder / "список.xlsx"
    write_register_template(load_profile(), path)
    workbook = load_workbook(path)
    keys = [key for key, _ in COLUMNS]
    rows = [(TERRITORY, "террит.", None)] + [(name, "ППО", TERRITORY) for name in SCHOOLS]
    for number, (name, level, parent) in enumerate(rows, 2):
        for key, value in (("name", name), ("level", level), ("parent", parent), ("region", "Липецкая область")):
            workbook[SHEET].cell(row=number, column=keys.index(key) + 1).value = value
    workbook.save(path)
    import_register(store, load_profile(), path)


def received(folder: Path) -> Path:
    """The files that came in: two chairs' JSON files with their own codes, other formats, a refused file."""
    inbox = folder / "получено"
    inbox.mkdir()
    for number, name in enumerate(SCHOOLS[:2], 1):
        data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
        data["answers"]["profile.name"] = name
        data["answers"]["profile.parent"] = TERRITORY
        data["meta"]["organization_id"] = f"код-председателя-{number}"
        data["meta"]["parent_organization_id"] = f"местный-код-обкома-{number}"
        (inbox / f"оценка-{number}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for name in ("сводка территории.xls", "анкета сада.ods", "сопроводительное письмо.docx"):
        (inbox / name).write_bytes(b"not an assessment")
    refused = json.loads((EXAMPLES / "primary-shipyard.json").read_text(encoding="utf-8"))
    refused["questionnaire"]["id"] = "metodika-2019"
    (inbox / "верфь.json").write_text(json.dumps(refused, ensure_ascii=False), encoding="utf-8")
    return inbox


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        window = scratch_window(app, Path(tmp))
        register(window.view.store, Path(tmp))
        window.view.refresh()
        dialog = window.view.open_import([str(received(Path(tmp)))])
        dialog.start_button.click()
        for column, width in enumerate((190, 330, 50, 110)):
            dialog.table.setColumnWidth(column, width)
        dialog.resize(1300, 460)
        save(dialog, folder, "import-verdicts-joined", app)
        dialog.close()

        store = window.view.store
        answers = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))["answers"]
        from maturity.method.profile import load_profile

        twin = store.create_organization(SCHOOLS[0] + " (из файла)", "primary", uid="код-с-флешки")
        store.save_assessment(twin, 2024, load_profile(), {**answers, "profile.name": twin.name})
        store.create_organization("Цеховая организация (учителя начальных классов)", "primary", parent=twin)
        window.view.refresh(store.find_organization(SCHOOLS[0]).id)
        merge = window.view.open_merge()
        merge.search.setText("из файла")
        merge.choose(twin.id)
        settle(app)
        save(merge, folder, "dialog-merge", app)
        merge.search.setText("")
        merge.choose(store.find_organization(SCHOOLS[1]).id)  # submitted 2025 too: refused, the year named
        save(merge, folder, "dialog-merge-refused", app)
        merge.close()
        window.close()
        window.view.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
