"""The 2026.1 method in the app, with no code naming its questions: the wizard generated from the profile and
filled end to end (every question on its section's page, the level-bound ones asked of higher bodies only), and
the blank form of 2026.1 generated, filled with openpyxl as a chair would and imported in the window."""

from __future__ import annotations

from typing import Any

import pytest
from base_versions import BASE_2026_1, base_current
from openpyxl import load_workbook
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard
from test_import_dialog import run_import
from wizard_driver import fill_wizard
from workbook_helpers import row_of

from maturity.engine.relevance import relevance_rules
from maturity.engine.scoring import score
from maturity.exchange.blank_form import FORM_SHEET, write_blank_form
from maturity.method.profile import Profile

ANSWER = 4  # the blank form's answer column (D)
YEAR = 2026


def sample_answer(question, answers: dict[str, Any]) -> Any:
    """An answer any question of this type accepts, read from the profile (its limits, its options)."""
    if question.type == "bool":
        return True
    if question.type in ("int", "number"):
        value = max(question.min or 0, 2)
        if question.max is not None:
            value = min(value, question.max)
        if question.max_question is not None and answers.get(question.max_question) is not None:
            value = min(value, answers[question.max_question])
        return int(value) if question.type == "int" else float(value)
    if question.type == "choice":
        return question.options[-1].id
    if question.type == "multi":
        return [question.options[0].id]
    return "Ответ"


def every_answer(profile: Profile, given: dict[str, Any]) -> dict[str, Any]:
    """``given``, and an answer to every other question of the profile, in questionnaire order."""
    answers = dict(given)
    for section in profile.sections:
        for question in section.questions:
            if question.id not in answers:
                answers[question.id] = sample_answer(question, answers)
    return answers


def asked(profile: Profile, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers that count: those of the questions asked."""
    effective, _hidden = relevance_rules(profile).split(answers)
    return effective


def level_bound(profile: Profile) -> list[str]:
    """The questions asked only at some organization levels (``relevant_if`` on the level question)."""
    level = profile.organization_question("level")
    return [q.id for q in profile.questions.values() if q.relevant_if is not None and q.relevant_if.question == level]


def create_organization(window, name: str, level: str, members: int):
    window.card.name.setText(name)
    window.card.level.setCurrentIndex(window.card.level.findData(level))
    window.card.members.setValue(members)
    window.card.save_button.click()
    assert window.view.organization is not None, window.card.message.text()
    return window.view.organization


@pytest.mark.slow
def test_the_2026_1_wizard_is_generated_from_the_profile_and_filled_end_to_end(main_window, example_answers):
    profile = base_current()
    given = example_answers("territorial-health.json")
    organization = create_organization(main_window, given["profile.name"], "territorial", given["profile.members"])
    answers = every_answer(profile, given)
    wizard = main_window.view.start_assessment(YEAR)
    assert wizard.session.profile.version == BASE_2026_1  # a new assessment starts on 2026.1
    pages = {page.section.id: list(page.rows) for page in wizard.section_pages}
    assert pages == {s.id: [q.id for q in s.questions] for s in profile.sections}  # each question in its section

    fill_wizard(wizard, answers)

    assert wizard.position() == "result"
    QTest.qWait(QApplication.doubleClickInterval() + 50)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    store = main_window.view.store
    saved = store.get_assessment(organization, YEAR)
    expected = asked(profile, answers)
    assert set(level_bound(profile)) <= set(expected)  # a territorial organization is asked them all
    assert (saved.profile_id, saved.profile_version, saved.status) == ("fnpr-base", BASE_2026_1, "complete")
    assert saved.answers == expected
    assert store.get_score(saved).index == score(profile, expected).index
    assert store.get_kpis(saved) == dict(score(profile, expected).kpis)


@pytest.mark.slow
def test_a_primary_organization_is_not_asked_what_only_higher_bodies_are(main_window, organization):
    wizard = main_window.view.start_assessment(YEAR)
    profile = wizard.session.profile
    bound = level_bound(profile)
    assert bound, "2026.1 has questions for higher bodies only"
    fill_wizard(wizard, {})  # every page shown in turn, «Далее» pressed on each
    assert wizard.position() == "result"
    rows = {qid: row for page in wizard.section_pages for qid, row in page.rows.items()}
    assert all(rows[qid].isHidden() for qid in bound)
    always = [q.id for q in profile.questions.values() if q.relevant_if is None]
    assert not any(rows[qid].isHidden() for qid in always)  # on the same pages, the others are asked
    wizard.close()


def fill_form(path, profile: Profile, answers: dict[str, Any], year: int) -> None:
    """Type the answers into the form as a chair would: Russian labels, «да»/«нет», one row per option."""
    workbook = load_workbook(path)
    ws = workbook[FORM_SHEET]
    ws.cell(row=row_of(ws, "year"), column=ANSWER).value = year
    for qid, value in answers.items():
        question = profile.question(qid)
        if question.type == "multi":
            for option in question.options:
                ws.cell(row=row_of(ws, f"{qid}:{option.id}"), column=ANSWER).value = (
                    "да" if option.id in value else "нет"
                )
            continue
        if question.type == "bool":
            typed: Any = "да" if value else "нет"
        elif question.type == "choice":
            typed = question.option(value).label
        else:
            typed = value
        ws.cell(row=row_of(ws, qid), column=ANSWER).value = typed
    workbook.save(path)


@pytest.mark.slow
def test_the_2026_1_blank_form_filled_with_openpyxl_is_imported_in_the_window(main_window, example_answers, tmp_path):
    profile = base_current()
    answers = asked(profile, every_answer(profile, example_answers("territorial-health.json")))
    path = tmp_path / "анкета-2026.xlsx"
    write_blank_form(profile, path)
    fill_form(path, profile, answers, YEAR)

    dialog = run_import(main_window, [path])

    assert dialog.outcome is not None
    store = main_window.view.store
    [organization] = [o for o in store.list_organizations() if o.name == answers["profile.name"]]
    saved = store.get_assessment(organization, YEAR)
    assert (saved.profile_id, saved.profile_version) == ("fnpr-base", BASE_2026_1)
    assert saved.answers == answers
    assert saved.status == "complete"
    assert store.get_score(saved).index == score(profile, answers).index
