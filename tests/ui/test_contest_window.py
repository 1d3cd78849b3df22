"""«Смотр-конкурс…» from the comparison window, driven through the real widgets on SQLite and PostgreSQL, under a
Russian and a C locale: the rankings of a nomination, a commission member's mark typed key by key (a comma or a
point), a mark out of range refused in Russian beside the field with nothing written, the table following."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from contest_groups import TERRITORY, YEAR, Spec, build
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from test_merge_dialog import type_keys

GROUP = [
    Spec("ППО «Альфа»", members=85, structure="chair"),
    Spec("ППО «Бета»", members=90, structure="department"),
    Spec("ППО «Гамма»", members=150, structure="activist"),
]


@pytest.fixture(params=["ru_RU", "C"])
def locale(request):
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


@pytest.fixture
def contest(qtbot, db_url, base_profile, locale):
    from sqlmodel import Session

    from maturity.storage.database import open_database
    from maturity.storage.store import Store
    from ui.background import SyncRunner
    from ui.compare.window import CompareWindow

    engine = open_database(db_url)
    with Session(engine, expire_on_commit=False) as session:
        made = build(Store(session), base_profile, GROUP)
    compare = CompareWindow(engine, base_profile, SyncRunner())
    qtbot.addWidget(compare)
    compare.show()
    compare.year.setCurrentIndex(compare.year.findData(YEAR))
    compare.parent_filter.setCurrentIndex(compare.parent_filter.findData(made[TERRITORY].id))
    QTest.mouseClick(compare.contest_button, Qt.MouseButton.LeftButton)
    window = compare.contest_window
    qtbot.addWidget(window)
    yield window, engine
    window.close()
    compare.close()
    engine.dispose()


def row_of(window, name: str) -> int:
    return next(i for i, (_g, p) in enumerate(window.model.rows) if p.entrant.name == name)


def cell(window, name: str, column: int) -> str:
    return window.model.data(window.model.index(row_of(window, name), column))


def choose(window, name: str) -> None:
    rect = window.table.visualRect(window.model.index(row_of(window, name), 2))
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.participant.text() == f"Участник: {name}"


def marks(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM contest_mark")).scalar()


def test_the_window_shows_the_overall_rankings_of_the_comparisons_group(contest):
    window, _ = contest
    assert window.windowTitle() == f"Смотр-конкурс за {YEAR} год — {TERRITORY}"
    assert window.nomination.currentData() == "overall"
    assert [p.entrant.name for _g, p in window.model.rows] == ["ППО «Бета»", "ППО «Альфа»", "ППО «Гамма»"]
    assert cell(window, "ППО «Бета»", 1) == "1" and cell(window, "ППО «Бета»", 6) == "I место"
    assert cell(window, "ППО «Гамма»", 0).endswith("100–299 членов")
    assert "Итоговый балл номинации" in window.rules.text()


def test_a_mark_typed_with_a_comma_or_a_point_is_recorded_and_shown(contest, locale):
    window, engine = contest
    choose(window, "ППО «Альфа»")
    type_keys(window.member, "Петров П.П.")
    type_keys(window.points, "7,5" if locale == "ru_RU" else "7.5")
    type_keys(window.remark, "фото стенда")
    QTest.mouseClick(window.mark_button, Qt.MouseButton.LeftButton)

    assert window.mark_message.text() == "Оценка члена комиссии «Петров П.П.» записана."
    assert marks(engine) == 1
    assert cell(window, "ППО «Альфа»", 4) == "7,5 (1)"
    assert window.marks_list.text() == "Оценки комиссии: Петров П.П.: 7,5 — «фото стенда»"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("11", "вне допустимого диапазона"),
        pytest.param("семь", "число", marks=pytest.mark.slow),
        pytest.param("-1", "от 0 до 10", marks=pytest.mark.slow),
    ],
)
def test_a_mark_out_of_range_is_refused_in_russian_beside_the_field_and_nothing_is_written(contest, typed, words):
    window, engine = contest
    choose(window, "ППО «Бета»")
    type_keys(window.member, "Сидорова А.А.")
    type_keys(window.points, typed)
    QTest.mouseClick(window.mark_button, Qt.MouseButton.LeftButton)

    assert words in window.mark_message.text() and window.mark_message.text()[0].isupper()
    assert "#b00020" in window.mark_message.styleSheet()
    assert marks(engine) == 0 and cell(window, "ППО «Бета»", 4) == "—"


def test_a_second_mark_of_the_same_member_is_refused(contest):
    window, engine = contest
    choose(window, "ППО «Альфа»")
    type_keys(window.member, "Петров П.П.")
    for _ in range(2):  # the member's name stays in its field after a mark; the participant stays chosen
        type_keys(window.points, "5")
        QTest.mouseClick(window.mark_button, Qt.MouseButton.LeftButton)
    assert "уже оценил" in window.mark_message.text() and marks(engine) == 1
