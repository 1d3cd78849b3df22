"""A received assessment's answers as the read-only view lists them: every question of the method in order, an
option's label, «да»/«нет», a number the Russian way, «нет ответа» where there is none."""

from __future__ import annotations

from maturity.method.profile import load_profile
from maturity.views.answers_text import answer_rows

PROFILE = load_profile("fnpr-base")


def test_every_question_is_listed_in_the_methods_order_with_its_answer_as_a_person_reads_it():
    answers = {"profile.name": "ППО школы № 7", "profile.level": "primary", "profile.members": 12500}
    rows = answer_rows(PROFILE, answers)

    questions = [q for s in PROFILE.sections for q in s.questions]
    assert [r.question for r in rows] == [q.text for q in questions]
    by_text = {r.question: r for r in rows}
    assert by_text[PROFILE.question("profile.name").text].answer == "ППО школы № 7"
    assert by_text[PROFILE.question("profile.level").text].answer == "Первичная профсоюзная организация (ППО)"
    assert by_text[PROFILE.question("profile.members").text].answer.replace("\u00a0", " ") == "12 500"
    unanswered = [r for r in rows if not r.answered]
    assert len(unanswered) == len(questions) - 3 and {r.answer for r in unanswered} == {"нет ответа"}
    assert rows[0].section == PROFILE.sections[0].title
