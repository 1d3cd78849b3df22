"""The wizard's comment field and evidence mark under each question, driven as a person does (the fold opened
with a click, keys typed, the box ticked) under a Russian and a non-Russian locale: what is typed reaches the
database with the draft, comes back when the draft is reopened, and a method's «evidence expected» is a
warning beside the answer, never a block."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from wizard_driver import press_next, set_editor

from maturity.storage.answer_notes import notes_of

LOCALES = {
    "ru": QLocale(QLocale.Language.Russian, QLocale.Country.Russia),
    "C": QLocale.c(),
}


@pytest.fixture(params=sorted(LOCALES))
def locale(request):
    before = QLocale()
    QLocale.setDefault(LOCALES[request.param])
    yield request.param
    QLocale.setDefault(before)


def stored_notes(main_window, organization):
    store = main_window.view.store
    main_window.view.context.reread()
    aid = store.stored_id_of(store.get_assessment(organization, 2025))
    return notes_of(store.session, [aid])[aid]


def test_a_comment_and_an_evidence_mark_typed_in_the_wizard_are_saved_with_the_draft(
    qtbot, main_window, organization, locale
):
    wizard = main_window.view.start_assessment(2025)
    press_next(wizard)  # «Информационная структура»
    row = wizard.currentPage().rows["k1.structure"]
    set_editor(row.editor, "activist")
    assert row.notes.body.isHidden()
    QTest.mouseClick(row.notes.toggle, Qt.MouseButton.LeftButton)
    assert row.notes.comment.isVisible()

    row.notes.comment.setFocus()
    row.notes.comment.insertPlainText("Назначен решением профкома")  # Cyrillic: QTest cannot type it key by key
    QTest.keyClicks(row.notes.comment, " (No 5)")
    QTest.mouseClick(row.notes.evidence, Qt.MouseButton.LeftButton)
    QTest.keyClicks(row.notes.reference, "protocol 5, 12.03.2025")

    session = wizard.session
    assert session.notes.comments == {"k1.structure": "Назначен решением профкома (No 5)"}
    assert session.notes.evidence == {"k1.structure": "protocol 5, 12.03.2025"}
    assert "подтверждается документом" in row.notes.toggle.text()
    qtbot.waitUntil(lambda: not session.on_change.pending, timeout=3000)
    kept = stored_notes(main_window, organization)
    assert kept.comments == session.notes.comments and kept.evidence == session.notes.evidence

    QTest.mouseClick(row.notes.evidence, Qt.MouseButton.LeftButton)  # the mark taken off again
    assert session.notes.evidence == {}
    wizard.close()
    assert stored_notes(main_window, organization).evidence == {}


def test_a_reopened_draft_shows_its_comment_unfolded(qtbot, main_window, organization):
    wizard = main_window.view.start_assessment(2025)
    press_next(wizard)
    row = wizard.currentPage().rows["k1.responsible_designated"]
    set_editor(row.editor, True)
    row.notes.toggle.click()
    QTest.keyClicks(row.notes.reference, "https://example.org/protocol")
    assert wizard.session.notes.evidence == {"k1.responsible_designated": "https://example.org/protocol"}
    wizard.close()

    from ui.actions.open_assessment import ContinueAssessment

    again = ContinueAssessment(main_window.view.context, organization, 2025).do()
    again.go_to("k1")
    row = again.currentPage().rows["k1.responsible_designated"]
    assert row.notes.evidence.isChecked() and row.notes.reference.text() == "https://example.org/protocol"
    assert not row.notes.body.isHidden()
    again.close()


def test_a_comment_too_long_is_said_beside_it_and_nothing_typed_is_lost(qtbot, main_window, organization):
    wizard = main_window.view.start_assessment(2025)
    press_next(wizard)
    row = wizard.currentPage().rows["k1.structure"]
    row.notes.toggle.click()
    row.notes.comment.insertPlainText("а" * 2001)
    assert "длиннее 2000 знаков" in row.notes.problem.text() and row.notes.problem.isVisible()
    assert len(row.notes.comment.toPlainText()) == 2001  # still on screen, to be shortened
    assert "k1.structure" not in wizard.session.notes.comments
    QTest.keyClick(row.notes.comment, Qt.Key.Key_Backspace)
    assert row.notes.problem.isHidden()
    assert len(wizard.session.notes.comments["k1.structure"]) == 2000
    wizard.close()


def test_evidence_expected_by_the_method_warns_beside_the_answer_and_never_blocks(qtbot, base_profile):
    import yaml

    from maturity.engine.session import AssessmentSession
    from maturity.method.profile import _shipped_text, profile_from_mapping
    from ui.wizard.section_page import SectionPage

    raw = yaml.safe_load(_shipped_text("fnpr-base")[0])
    raw["id"] = "evidence-test"
    for section in raw["sections"]:
        for question in section["questions"]:
            if question["id"] == "k1.responsible_designated":
                question["evidence"] = "expected"
    profile = profile_from_mapping(raw, "evidence-test.yaml")
    session = AssessmentSession(profile=profile, year=2025)
    section = next(s for s in profile.sections if s.id == "k1")
    page = SectionPage(session, section)
    qtbot.addWidget(page)
    page.initializePage()
    page.show()
    row = page.rows["k1.responsible_designated"]
    set_editor(row.editor, True)
    assert "ожидает документ" in row.message.text() and row.message.isVisible()
    assert page.isComplete()
    row.notes.toggle.click()
    QTest.mouseClick(row.notes.evidence, Qt.MouseButton.LeftButton)
    assert row.message.isHidden()


def test_a_file_attached_under_a_question_is_kept_and_an_oversized_one_refused(
    qtbot, main_window, organization, tmp_path
):
    from maturity.engine.attachments import FILE_LIMIT
    from maturity.storage.answer_notes import attachments_of

    wizard = main_window.view.start_assessment(2025)
    press_next(wizard)
    page = wizard.currentPage()
    row = page.rows["k1.structure"]
    row.notes.toggle.click()
    assert row.notes.attach_button.isVisible() and "Файлов нет" in row.notes.files.text()
    document = tmp_path / "протокол № 5.pdf"
    document.write_bytes(b"%PDF-1.4 protocol of the committee")
    assert page.attach_file("k1.structure", str(document)) == ""
    assert "протокол № 5.pdf (1 КБ)" in row.notes.files.text() and row.notes.detach_button.isEnabled()

    huge = tmp_path / "видео.mp4"
    with huge.open("wb") as stream:  # sparse: the size is checked before anything is read
        stream.truncate(FILE_LIMIT + 1)
    problem = page.attach_file("k1.structure", str(huge))
    assert "слишком большой" in problem and "Файл не приложен" in row.notes.problem.text()

    store = main_window.view.store
    main_window.view.context.reread()
    aid = store.stored_id_of(store.get_assessment(organization, 2025))
    assert [(a.question_id, a.name, a.content) for a in attachments_of(store.session, aid)] == [
        ("k1.structure", "протокол № 5.pdf", document.read_bytes())
    ]
    assert page.detach_files("k1.structure") == 1
    assert "Файлов нет" in row.notes.files.text()
    wizard.close()
