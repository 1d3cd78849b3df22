"""Numbers typed key by key keep exactly what a person typed, whatever the locale.

Issue 21: «150 000,50» in the budget became 15 000 050,00 руб. (the comma swallowed, «50» in the rubles);
under a Russian locale «2.5» publications a week became 25. Every number editor the shipped profiles
produce is typed into with generated texts — digit groups split by spaces or none, «,» or «.» before the
fraction, the ruble word pasted after — under a Russian and under the C locale, and the stored answer
is compared with the number the text means.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from maturity.method.profile import load_profile, shipped_profile_ids
from ui.wizard.editors import INT_LIMIT, NUMBER_LIMIT, editor_for

LOCALES = {
    "ru": QLocale(QLocale.Language.Russian, QLocale.Country.Russia),
    "C": QLocale.c(),
}


def _number_questions():
    """Every number question of every shipped profile (one editor each: the same question in a profile that
    extends another, with the same limits, is the same editor)."""
    seen = {}
    for profile_id in shipped_profile_ids():
        for question in load_profile(profile_id).questions.values():
            if question.type in ("int", "number"):
                seen.setdefault(question.model_dump_json(), question)
    return list(seen.values())


NUMBER_QUESTIONS = _number_questions()


@pytest.fixture(params=sorted(LOCALES))
def locale(request):
    before = QLocale()
    QLocale.setDefault(LOCALES[request.param])
    yield request.param
    QLocale.setDefault(before)


def type_into(editor, text: str, paste: bool = False) -> None:
    """Focus the field (its text is selected) and type ``text`` key by key — letters QTest cannot type
    (Cyrillic, a no-break space) go in as a paste of that one character — or ``paste`` it whole."""
    spin = editor.spin
    spin.setFocus()
    spin.selectAll()
    if paste:
        spin.lineEdit().insert(text)
    for char in "" if paste else text:
        if char.isascii():
            QTest.keyClick(spin, char)
        else:
            spin.lineEdit().insert(char)
    QTest.keyClick(spin, Qt.Key.Key_Return)  # the field reads what was typed, as when it is left


def _grouped(digits: str, space: str) -> str:
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return space.join(groups)


@st.composite
def typed_numbers(draw, question):
    """(the text a person types, the number it means) for a number question."""
    low = int(question.min if question.min is not None else 0)
    limit = INT_LIMIT if question.type == "int" else NUMBER_LIMIT
    high = int(min(question.max, limit)) if question.max is not None else limit
    whole = draw(st.one_of(st.integers(low, min(high, low + 2000)), st.integers(low, high)))
    space = draw(st.sampled_from(["", " ", "\u00a0"]))
    text = _grouped(str(whole), space) if space else str(whole)
    number = Decimal(whole)
    if question.type == "number" and whole < high:
        fraction = draw(st.sampled_from(["", "", "0", "00", "5", "50", "05", "75", "1", "99"]))
        if fraction:
            text += draw(st.sampled_from([",", "."])) + fraction
            number += Decimal("0." + fraction)
    elif question.type == "int" and draw(st.booleans()):
        text += draw(st.sampled_from([",00", ".0", ""]))  # an accountant's «150000,00»
    if question.money and draw(st.booleans()):
        text += draw(st.sampled_from([" руб.", " руб", "руб.", " ₽"]))
    return text, number


def _stored(number: Decimal):
    return int(number) if number == number.to_integral_value() else float(number)


@pytest.mark.parametrize("question", NUMBER_QUESTIONS, ids=lambda q: q.id)
@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_typed_number_is_stored_as_typed(qtbot, locale, question, data):
    text, number = data.draw(typed_numbers(question), label="typed")
    paste = data.draw(st.booleans(), label="pasted whole")
    editor = editor_for(question)
    qtbot.addWidget(editor)
    editor.show()
    answers = []
    editor.changed.connect(answers.append)
    type_into(editor, text, paste)
    assert editor.value() == _stored(number), (text, editor.spin.text())
    assert answers and answers[-1] == _stored(number)


ISSUE_EXAMPLES = [
    ("profile.budget", "150 000,50", 150000.5, "150\u00a0000,50 руб."),
    ("profile.budget", "150000.50", 150000.5, "150\u00a0000,50 руб."),
    ("profile.budget", "150000,5", 150000.5, "150\u00a0000,50 руб."),
    ("profile.budget", "150000,00", 150000, "150\u00a0000,00 руб."),
    ("profile.budget", "1 250", 1250, "1\u00a0250,00 руб."),
    ("profile.budget", "1 250 000,75 руб.", 1250000.75, "1\u00a0250\u00a0000,75 руб."),
    ("k4.posts_per_week", "1,5", 1.5, "1,5"),
    ("k4.posts_per_week", "2.5", 2.5, "2,5"),
    ("profile.members", "1 250", 1250, "1\u00a0250"),
]


@pytest.mark.parametrize(("question_id", "typed", "stored", "shown"), ISSUE_EXAMPLES)
def test_the_issues_examples_keep_their_digits(qtbot, locale, base_profile, question_id, typed, stored, shown):
    editor = editor_for(base_profile.question(question_id))
    qtbot.addWidget(editor)
    editor.show()
    type_into(editor, typed)
    assert editor.value() == stored
    assert editor.spin.text() == shown  # Russian digits once the field is left, whatever the locale


def test_a_second_separator_where_the_fraction_is_is_refused(qtbot, locale, base_profile):
    editor = editor_for(base_profile.question("profile.budget"))
    qtbot.addWidget(editor)
    editor.show()
    type_into(editor, "150 000,5,50")  # the second comma is refused: the digits never shift
    assert editor.value() == 150000.55
    type_into(editor, "12,345")  # a third digit of kopecks is refused
    assert editor.value() == 12.34


def test_a_fraction_in_a_count_of_people_is_refused(qtbot, locale, base_profile):
    editor = editor_for(base_profile.question("profile.members"))
    qtbot.addWidget(editor)
    editor.show()
    type_into(editor, "48,5")
    assert editor.value() == 48


SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from PySide6.QtCore import Qt
from maturity.method.profile import load_profile
from ui.wizard.editors import editor_for
app = QApplication(sys.argv)
editor = editor_for(load_profile("fnpr-base").question(sys.argv[1]))
editor.show()
editor.spin.setFocus()
editor.spin.selectAll()
QTest.keyClicks(editor.spin, sys.argv[2])
QTest.keyClick(editor.spin, Qt.Key.Key_Return)
print(repr(editor.value()))
"""


@pytest.mark.subprocess
@pytest.mark.parametrize("lang", ["C", "ru_RU.UTF-8", "en_US.UTF-8", "de_DE.UTF-8"])
@pytest.mark.parametrize(
    ("question_id", "typed", "stored"),
    [
        ("profile.budget", "150 000,50", 150000.5),
        ("profile.budget", "150000.5", 150000.5),
        ("k4.posts_per_week", "2.5", 2.5),
    ],
)
def test_the_system_locale_of_a_fresh_process_changes_nothing(tmp_path: Path, lang, question_id, typed, stored):
    env = dict(os.environ, LANG=lang, LC_ALL=lang, LC_NUMERIC=lang, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, question_id, typed], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr(stored)


@pytest.mark.parametrize(
    ("question_id", "sensible", "mistaken"),
    [("profile.budget", "150 000,50", "15000050"), ("profile.info_spending", "7 500,50", "750050")],
)
def test_an_implausible_sum_per_member_is_warned_at_the_field(
    qtbot, locale, base_profile, question_id, sensible, mistaken
):
    from maturity.engine.session import AssessmentSession
    from ui.wizard.section_page import WARNING_STYLE, SectionPage

    session = AssessmentSession(profile=base_profile, year=2025, answers={"profile.members": 48})
    section = next(s for s in base_profile.sections if any(q.id == question_id for q in s.questions))
    page = SectionPage(session, section)
    qtbot.addWidget(page)
    page.show()
    page.initializePage()
    row = page.rows[question_id]
    if question_id == "profile.info_spending":
        type_into(page.rows["profile.budget"].editor, "2 000 000")
    type_into(row.editor, sensible)
    assert row.message.isHidden()
    type_into(row.editor, mistaken)  # the kopecks typed without their comma: 100 times too much
    assert row.message.isVisible() and row.message.styleSheet() == WARNING_STYLE
    assert "на каждого члена профсоюза" in row.message.text()
    assert session.answer(question_id) == int(mistaken)  # a warning, never a refusal
