"""The table models on their own, without any view."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.main.assessments_model import AssessmentRow, AssessmentsModel
from ui.widgets.table_rows import Column, Row, RowsTableModel


def row(year: int, status: str = "complete", index: float | None = 58.35) -> AssessmentRow:
    return AssessmentRow(year, status, index, 26.0, "Развивающийся", 0.5, 3, "20.01.2026 10:00")


def test_assessments_are_shown_newest_year_first_with_figures_as_people_write_them():
    model = AssessmentsModel()
    model.set_rows([row(2023), row(2025, "draft", None), row(2024)])

    assert [model.index(r, 0).data() for r in range(3)] == ["2025", "2024", "2023"]
    assert [model.index(1, c).data() for c in range(7)] == [
        "2024",
        "завершена",
        "58,4",
        "26,0",
        "Развивающийся",
        "50\u00a0%",
        "3",
    ]
    assert model.index(0, 2).data() == "—"  # a draft without an index yet
    assert model.row_of_year(2023) == 2 and model.row_at(5) is None
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Индекс"


def test_a_reset_tells_the_views():
    model = AssessmentsModel()
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_rows([row(2025)])
    assert resets == [True] and model.rowCount() == 1


def test_rows_model_colours_the_last_column_by_tone_and_aligns_numbers_right():
    model = RowsTableModel([Column("Норматив"), Column("Балл", align_right=True)])
    model.set_rows([Row(("Сайт", "выполнен"), tone="good"), Row(("Стенд", "н/п"), tone="muted", tooltip="000 VII.3")])

    assert model.rowCount() == 2 and model.columnCount() == 2
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#1b7a2f"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "000 VII.3"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
