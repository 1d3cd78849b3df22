"""«Организация → Объединить ответы…» driven as the chair does: copies added, «Объединить» clicked, the agenda read
in the table (widest disagreement first, respondents by number), «Загрузить в базу» keeps the merged assessment
with its agenda; copies of another organization or year are refused in the dialog, in Russian."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from maturity.storage.answer_notes import merge_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("Иванова Елена", "Петров Пётр", "Сидорова Анна")


def copies(folder: Path, organization_uid: str | None = None, years=(2025, 2025, 2025)) -> list[str]:
    paths = []
    for number, (name, meetings, designated, year) in enumerate(
        zip(NAMES, (85, 95, 300), (True, False, False), years, strict=True), 1
    ):
        data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
        data["year"] = year
        data["answers"].update({"profile.respondent": name, "k3.info_meetings": meetings})
        data["answers"]["k1.responsible_designated"] = designated
        data["meta"] = {"organization_id": organization_uid} if organization_uid else {}
        path = folder / f"анкета {number}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def table_texts(dialog) -> list[list[str]]:
    model = dialog.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_chair_merges_three_copies_reads_the_agenda_and_keeps_it(qtbot, main_window, organization, tmp_path):
    assert main_window.respondents_action.isEnabled()
    dialog = main_window.view.open_respondents()
    qtbot.addWidget(dialog)
    assert not dialog.merge_button.isEnabled()
    dialog.add_files(copies(tmp_path, organization.uid))
    QTest.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    assert "Объединено анкет: 3" in dialog.message.text()
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(dialog.model.columnCount())]
    assert headers == ["№", "Вопрос", "Расхождение", "Респондент 1", "Респондент 2", "Респондент 3", "Итог"]
    rows = table_texts(dialog)
    assert rows[0][1].startswith("Число информационных собраний") and rows[0][3:] == ["85", "95", "300", "95"]
    assert rows[1][3:] == ["да", "нет", "нет", "нет"]
    shown = " ".join(" ".join(r) for r in rows) + dialog.message.text()
    assert not any(name in shown for name in NAMES)

    from ui.actions.organization_menu import MergeRespondents

    assert MergeRespondents(main_window.view.context, organization).keep(dialog)
    store = main_window.view.store
    assessment = store.get_assessment(organization, 2025)
    assert assessment.answers["k3.info_meetings"] == 95
    kept = merge_of(store.session, store.stored_id_of(assessment))
    assert kept["respondents"] == 3 and kept["agenda"][0]["question"] == "k3.info_meetings"


def test_copies_of_another_organization_or_year_are_refused_in_the_dialog(qtbot, main_window, organization, tmp_path):
    dialog = main_window.view.open_respondents()
    qtbot.addWidget(dialog)
    dialog.add_files(copies(tmp_path, "другая-организация"))
    QTest.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "анкеты другой организации" in dialog.message.text() and not dialog.import_button.isEnabled()

    other = tmp_path / "годы"
    other.mkdir()
    dialog.files.setStringList([])
    dialog.add_files(copies(other, None, years=(2025, 2024, 2025)))
    QTest.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "анкета за 2024 год, а не за 2025" in dialog.message.text()
    assert dialog.model.rowCount() == 0
