"""Answer validation: types, ranges, option ids, cross-field rules, unknown ids.

Errors are values (:class:`AnswerIssue`) carrying the question id and a Russian sentence; the CLI
turns errors into exit code 2 and the wizard shows them beside the field. Warnings never block.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from maturity.errors import BadInput, shorten
from maturity.method.profile import Profile
from maturity.method.schema import Question
from maturity.text_rules import forbidden_character as text_problem  # the one rule of what no kept text may hold

# A number beyond this is refused whatever the profile says: JSON readers and spreadsheets keep
# numbers exactly only up to 2^53 (about 9·10^15), and no answer of the method comes near it.
MAX_ANY_NUMBER = 10**15
# Characters a text answer may not hold: control characters (except tab and line breaks) and lone
# surrogates (half of a character; they cannot be saved in a database or a workbook).


def _visible(char: str) -> bool:
    return unicodedata.category(char)[0] not in "CZ"


def format_number(value: float) -> str:
    """A limit as a person reads it: «30 000 000», «2,5»."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class AnswerIssue:
    question_id: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{shorten(self.question_id)}: {self.message}"


class AnswersInvalid(BadInput):
    """Raised where invalid answers cannot go on (import, scoring a file)."""

    def __init__(self, issues: list[AnswerIssue]):
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return _is_int(value)  # an int of any size is finite (math.isfinite would overflow on a huge one)


def check_value(question: Question, value: Any) -> str | None:
    """The Russian message for a value of the wrong type or out of range, or None when it fits."""
    t = question.type
    if t == "bool":
        if not isinstance(value, bool):
            return "ожидается ответ «да» или «нет»"
    elif t in ("int", "number"):
        if t == "int" and not _is_int(value):
            if _is_number(value) and float(value).is_integer():
                value = int(value)
            else:
                return "ожидается целое число"
        if not _is_number(value):
            return "ожидается число"
        low = question.min if question.min is not None else 0
        if value < low:
            return "число не может быть отрицательным" if low == 0 else f"число должно быть не меньше {low:g}"
        if question.max is not None and value > question.max:
            return f"число должно быть не больше {format_number(question.max)}"
        if abs(value) > MAX_ANY_NUMBER:
            return f"число слишком большое (программа принимает числа до {format_number(MAX_ANY_NUMBER)})"
    elif t == "choice":
        if not isinstance(value, str):
            return "ожидается один вариант ответа"
        if question.option(value) is None:
            return f"нет такого варианта ответа: «{shorten(value)}»"
    elif t == "multi":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "ожидается список вариантов ответа"
        unknown = [v for v in value if question.option(v) is None]
        if unknown:
            return f"нет такого варианта ответа: «{shorten(unknown[0])}»"
        if len(set(value)) != len(value):
            return "вариант ответа выбран дважды"
    elif t == "text":
        if not isinstance(value, str):
            return "ожидается текст"
        problem = text_problem(value)
        if problem:
            return problem
        length = len(value.strip())
        if length and not any(_visible(c) for c in value):
            length = 0  # only invisible characters (zero-width, direction marks…): an empty answer
        if question.min_length is not None and length < question.min_length:
            return "поле не может быть пустым" if question.min_length == 1 else "текст слишком короткий"
        if question.max_length is not None and length > question.max_length:
            return f"текст длиннее {question.max_length} знаков"
    return None


def normalize(question: Question, value: Any) -> Any:
    """A valid value in its canonical form: whole floats for int questions become ints, text is trimmed."""
    if question.type == "int" and isinstance(value, float):
        return int(value)
    if question.type == "text" and isinstance(value, str):
        return value.strip()
    if question.type == "number" and _is_int(value):
        return value
    return value


def validate_answers(profile: Profile, answers: Mapping[str, Any]) -> list[AnswerIssue]:
    """Every problem with these answers: unknown ids, bad values, broken cross-field rules."""
    issues: list[AnswerIssue] = []
    for qid, value in answers.items():
        question = profile.questions.get(qid)
        if question is None:
            issues.append(AnswerIssue(qid, "неизвестный вопрос: такого вопроса нет в методике"))
            continue
        if value is None:
            continue
        problem = check_value(question, value)
        if problem:
            issues.append(AnswerIssue(qid, problem))
    bad = {i.question_id for i in issues}
    for question in profile.questions.values():
        value = answers.get(question.id)
        if value is None or question.id in bad:
            continue
        if question.max_question is not None:
            limit = answers.get(question.max_question)
            if _is_number(limit) and question.max_question not in bad and value > limit:
                message = question.max_message or "значение больше допустимого"
                issues.append(AnswerIssue(question.id, message))
        if question.warn_if_less_than is not None:
            other = answers.get(question.warn_if_less_than)
            if _is_number(other) and value < other:
                message = question.warn_message or "проверьте значение"
                issues.append(AnswerIssue(question.id, message, "warning"))
        if _implausible(question, value, answers):
            message = question.plausible_message or "Число необычно большое. Проверьте, нет ли лишних цифр."
            issues.append(AnswerIssue(question.id, message, "warning"))
    return issues


def _implausible(question: Question, value: Any, answers: Mapping[str, Any]) -> bool:
    """Above the profile's plausible limit: its own, or ``times`` the answer it is measured against."""
    if not _is_number(value):
        return False
    if question.plausible_max is not None and value > question.plausible_max:
        return True
    rule = question.plausible_per
    if rule is not None:
        base = answers.get(rule.question)
        if not _is_number(base) or base is None or base <= 0 or rule.times is None:
            return False
        return bool(value > base * rule.times)
    return False


def errors_only(issues: list[AnswerIssue]) -> list[AnswerIssue]:
    return [i for i in issues if i.severity == "error"]


def clean_answers(profile: Profile, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Validated answers in canonical form; raises :class:`AnswersInvalid` on any error."""
    errors = errors_only(validate_answers(profile, answers))
    if errors:
        raise AnswersInvalid(errors)
    return {qid: normalize(profile.question(qid), v) for qid, v in answers.items() if v is not None}
