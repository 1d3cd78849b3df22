"""The profile editor, driven through its widgets: change a target, see the error beside it, fix it, save, score."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from maturity.method.profile import load_profile, load_profile_file

ROOT = Path(__file__).resolve().parents[2]
TARGET = "parameters.meetings_target"  # meetings a year: 4 in the base method


@pytest.fixture
def editor(qtbot):
    from ui.profile_editor.sources import builtin_source
    from ui.profile_editor.window import ProfileEditorWindow

    window = ProfileEditorWindow(builtin_source())
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    return window


def open_targets(editor):
    return editor.show_group(editor.group_titled("Целевые значения"))


def field(editor, key: str) -> QLineEdit:
    return editor.findChild(QLineEdit, f"field:{key}")


def error_beside(editor, key: str) -> QLabel:
    return editor.findChild(QLabel, f"error:{key}")


def type_into(qtbot, widget: QLineEdit, text: str) -> None:
    """Replace the field's text as typing does (QTest types Latin keys only: Cyrillic goes in as one insert)."""
    widget.setFocus()
    widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def test_the_editor_starts_from_the_base_method_with_its_values(editor):
    open_targets(editor)
    # the version new assessments use (2026.1), not the oldest one shipped beside it
    assert editor.start_choice.currentText().startswith("Базовая методика ФНПР — fnpr-base, версия 2026.1")
    assert field(editor, TARGET).text() == "4"
    assert field(editor, "parameters.funding_target_share").text() == "0,05"
    assert not editor.problems_line.isVisible() and editor.save_button.isEnabled()


def test_a_negative_target_shows_its_error_beside_the_field_until_fixed(editor, qtbot):
    open_targets(editor)
    type_into(qtbot, field(editor, TARGET), "-2")
    assert error_beside(editor, TARGET).isVisible()
    assert "положительным числом" in error_beside(editor, TARGET).text()
    assert editor.problems_line.isVisible() and "Ошибок в методике: 1" in editor.problems_line.text()
    assert not editor.save_button.isEnabled()
    target_group = editor.model.index_of(editor.group_titled("Целевые значения"))
    assert editor.model.data(target_group, 9) is not None  # ForegroundRole: the group is marked red

    type_into(qtbot, field(editor, TARGET), "6")
    assert not error_beside(editor, TARGET).isVisible()
    assert not editor.problems_line.isVisible() and editor.save_button.isEnabled()


def test_text_that_is_not_a_number_is_refused_beside_the_field(editor, qtbot):
    open_targets(editor)
    type_into(qtbot, field(editor, TARGET), "шесть")
    assert error_beside(editor, TARGET).text() == "нужно число, например 12 или 0,05"


def test_what_changed_lists_the_target_before_and_after(editor, qtbot):
    open_targets(editor)
    type_into(qtbot, field(editor, TARGET), "6")
    assert editor.tabs.tabText(1) == "Что изменилось (1)"
    assert editor.changes_model.stringList() == [
        "Целевые значения и пороги › Целевое число информационных собраний в год: 4 → 6"
    ]


def test_a_kpi_title_and_a_recommendation_are_edited_as_text(editor, qtbot):
    kpis = editor.group_titled("Показатели")
    editor.show_group(kpis.children[2])
    title = field(editor, "kpis.2.title")
    type_into(qtbot, title, "Обмен информацией")
    editor.show_group(kpis.children[2].children[0])
    advice = editor.findChild(QPlainTextEdit, "field:kpis.2.components.0.advice")
    advice.setPlainText("Новая рекомендация.")
    editor.form.flush()
    first, last = editor.changes_model.stringList()
    assert first.endswith("› Название показателя: «Системность информационного взаимодействия» → «Обмен информацией»")
    assert last.endswith(
        "› Рекомендация: «Передавайте материалы в вышестоящую организацию не реже раза в неделю.» → «Новая рекомендация.»"
    )


def test_saving_needs_a_new_version(editor, qtbot, tmp_path):
    open_targets(editor)
    type_into(qtbot, field(editor, TARGET), "6")
    editor.new_version.setText("2026.1")  # the version it started from
    assert editor.save_to(tmp_path / "same.yaml") is None
    assert "нужна новая версия" in editor.message.text()
    assert not (tmp_path / "same.yaml").exists()


@pytest.mark.subprocess
def test_the_saved_file_loads_and_scores_with_the_changed_target(editor, qtbot, tmp_path):
    open_targets(editor)
    type_into(qtbot, field(editor, TARGET), "8")
    editor.new_id.setText("lipetsk")
    editor.new_version.setText("2026.1")
    path = editor.save_to(tmp_path / "lipetsk.yaml")
    assert path is not None and "Методика сохранена" in editor.message.text()
    mine = load_profile_file(path)
    assert (mine.id, mine.version, mine.parameters["meetings_target"]) == ("lipetsk", "2026.1", 8)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["parameters"]["meetings_target"] == 8

    answers = ROOT / "examples" / "primary-small.json"
    scored = {}
    for profile in ("fnpr-base", str(path)):
        run = subprocess.run(
            [sys.executable, "-m", "maturity", "score", str(answers), "--profile", profile, "--json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        assert run.returncode == 0, run.stderr
        scored[profile] = json.loads(run.stdout)["kpis"]
    base = load_profile("fnpr-base")
    meetings_kpi = next(k.id for k in base.kpis if "'meetings_target'" in repr(k.components))
    assert scored[str(path)][meetings_kpi] != scored["fnpr-base"][meetings_kpi]
    assert {k: v for k, v in scored[str(path)].items() if k != meetings_kpi} == {
        k: v for k, v in scored["fnpr-base"].items() if k != meetings_kpi
    }


def test_the_main_window_opens_the_editor_from_its_menu(main_window):
    menu = next(a for a in main_window.menuBar().actions() if a.text() == "Методика")
    assert [a.text() for a in menu.menu().actions()] == ["Редактор методики…"]
    main_window.profile_editor_action.trigger()
    assert main_window.view.profile_editor is not None and main_window.view.profile_editor.isVisible()


def edit_and_name(editor, qtbot, target: str, profile_id: str, version: str) -> None:
    open_targets(editor)
    type_into(qtbot, field(editor, TARGET), target)
    editor.new_id.setText(profile_id)
    editor.new_version.setText(version)


@pytest.mark.slow
def test_install_puts_the_new_version_into_the_database_and_it_scores_there(main_window, qtbot, example_answers):
    from maturity.engine.scoring import score

    editor = main_window.view.open_profile_editor()
    assert editor.install_button.isVisible()
    edit_and_name(editor, qtbot, "8", "lipetsk", "2026.1")
    assert editor.install()
    assert editor.message.text() == f"Методика «lipetsk» версии 2026.1 установлена (хэш {editor_hash(main_window)})."
    assert any(
        "lipetsk, версия 2026.1 (установлена)" in editor.start_choice.itemText(i)
        for i in range(editor.start_choice.count())
    )

    installed = main_window.view.context.store.catalog().find("lipetsk", "2026.1")
    base = load_profile("fnpr-base")
    assert installed.parameters["meetings_target"] == 8
    answers = example_answers("primary-small.json")
    meetings_kpi = next(k.id for k in base.kpis if "'meetings_target'" in repr(k.components))
    assert score(installed, answers).kpis[meetings_kpi] != score(base, answers).kpis[meetings_kpi]


def editor_hash(main_window) -> str:
    return main_window.view.context.store.catalog().find("lipetsk", "2026.1").short_hash


@pytest.mark.slow
def test_installing_another_text_under_the_same_version_is_refused_beside_the_buttons(main_window, qtbot):
    editor = main_window.view.open_profile_editor()
    edit_and_name(editor, qtbot, "8", "lipetsk", "2026.1")
    assert editor.install()
    editor.start_from(0)
    edit_and_name(editor, qtbot, "9", "lipetsk", "2026.1")
    assert not editor.install()
    assert "новую версию" in editor.message.text() or "новым номером версии" in editor.message.text()
    assert main_window.view.context.store.catalog().find("lipetsk", "2026.1").parameters["meetings_target"] == 8


@pytest.mark.parametrize("locale_name", ["ru_RU", "en_US"])
def test_a_kpis_share_of_the_index_shows_beside_its_weight_and_follows_the_typing(editor, qtbot, locale_name):
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(locale_name))
    try:
        editor.show_group(editor.group_titled("Показатели", "2."))
        weight = field(editor, "kpis.1.weight")
        share = editor.findChild(QLabel, "share:kpis.1.weight")
        assert weight.text() == "1" and share.text() == "доля в индексе: 10\u00a0%"
        type_into(qtbot, weight, "2")
        assert share.text() == "доля в индексе: 18\u00a0%"  # 2 of 11
        type_into(qtbot, weight, "4,5")
        assert share.text() == "доля в индексе: 33\u00a0%"  # 4,5 of 13,5
        type_into(qtbot, weight, "abc")
        assert share.text() == "доля в индексе: —"
        editor.show_group(editor.group_titled("Показатели", "1."))
        other = editor.findChild(QLabel, "share:kpis.0.weight")
        assert other.text() == "доля в индексе: 7\u00a0%"  # «abc» is no weight: K2's last one, 4,5, counts
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))


def test_the_saved_full_copy_keeps_the_base_files_comments(editor, qtbot, tmp_path):
    from maturity.method.profile import load_profile

    open_targets(editor)
    type_into(qtbot, field(editor, TARGET), "8")
    editor.new_id.setText("lipetsk")
    editor.new_version.setText("2026.1")
    path = editor.save_to(tmp_path / "lipetsk.yaml")
    text = path.read_text(encoding="utf-8")
    base_comments = [
        line.strip() for line in load_profile("fnpr-base").text.splitlines() if line.strip().startswith("#")
    ]
    assert len(base_comments) > 20 and all(c in text for c in base_comments)
    assert load_profile_file(path).parameters["meetings_target"] == 8
