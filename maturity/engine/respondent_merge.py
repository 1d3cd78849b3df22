"""Several respondents' copies of one assessment made into one, with an agenda of what they disagree on.

A chair hands out copies of the form (the information officer, activists, the youth council); each copy
answers the same method for the same year. :func:`merge_respondents` makes one assessment, each answer by the
rule the profile declares for its type (``merge`` in the profile, :class:`maturity.method.schema.MergeRules`):

- numbers: the median of the answers given (``mean``: their mean); a whole-number question's median of two
  middle values is rounded half up;
- yes/no and single choices: the answer most respondents gave; when two answers share the most votes it is
  left unanswered for the chair to decide (``open`` on the agenda);
- multiple choices: the options more than half of the respondents who answered chose;
- texts: the first respondent's answer (``first``, the chair's own copy) or the commonest one (``majority``).

Only answers given to a question asked under that respondent's own answers count. Personal questions (who
answered) are taken from the first copy and never reach the agenda: respondents are numbers there, never names.
Merged answers that together break a rule of the method (a median spending above the median budget) are left
open too.

Each question's **spread** is kept (how many answered; min, median and max of numbers; votes per option) with
its **disagreement**, a share from 0 (everyone agrees) to 1:

- numbers: (max − min) / (|max| + |min|);
- yes/no, single choices, texts: 1 − (the commonest answer's votes / answers);
- multiple choices: the mean, over the options anyone chose, of min(chose, did not) / answers.

The **agenda** («обсудить на заседании») lists every question with disagreement above 0 or left open, the
widest disagreement first (then in the method's order), with every respondent's answer.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from maturity.engine.answer_notes import COMMENT_LIMIT, EVIDENCE_LIMIT, AnswerNotes
from maturity.engine.relevance import relevance_rules
from maturity.engine.validation import check_value, normalize, validate_answers
from maturity.errors import BadInput, shorten
from maturity.method.profile import Profile
from maturity.method.schema import Question

MAX_RESPONDENTS = 50
TIE = "голоса разделились поровну — решает председатель"
BROKEN_RULE = "объединённые ответы противоречат правилу методики — решает председатель"
REASONS = (TIE, BROKEN_RULE)


class MergeInvalid(BadInput):
    """Copies that cannot be merged, or a merged file's agenda that cannot be read; the Russian reason."""


@dataclass(frozen=True)
class Copy:
    """One respondent's copy: its answers and notes (the source only names it in messages)."""

    answers: Mapping[str, Any]
    notes: AnswerNotes | None = None
    source: str = ""


@dataclass
class MergedAssessment:
    answers: dict[str, Any]
    notes: AnswerNotes
    respondents: int
    agenda: list[dict[str, Any]] = field(default_factory=list)
    spread: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def open_questions(self) -> list[str]:
        """The questions left for the chair to decide (a tie, a broken rule)."""
        return [item["question"] for item in self.agenda if item["open"]]

    def file_block(self) -> dict[str, Any]:
        """What the merged JSON file carries besides the answers."""
        return {"respondents": self.respondents, "agenda": self.agenda, "spread": self.spread}


def merge_respondents(profile: Profile, copies: Sequence[Copy]) -> MergedAssessment:
    """One assessment out of ``copies`` (at least two) of the same method; MergeInvalid otherwise."""
    if len(copies) < 2:
        raise MergeInvalid("для объединения нужно не меньше двух анкет")
    if len(copies) > MAX_RESPONDENTS:
        raise MergeInvalid(f"слишком много анкет: {len(copies)}, можно не больше {MAX_RESPONDENTS}")
    rules = relevance_rules(profile)
    given = [_asked_answers(rules, copy.answers) for copy in copies]
    personal = profile.personal_question_ids
    merged: dict[str, Any] = {}
    spread: dict[str, dict[str, Any]] = {}
    entries: dict[str, dict[str, Any]] = {}
    order = {qid: i for i, qid in enumerate(profile.questions)}
    for qid, question in profile.questions.items():
        answers = [g.get(qid) for g in given]
        values = [a for a in answers if a is not None]
        if not values:
            continue
        if qid in personal:
            if given[0].get(qid) is not None:
                merged[qid] = given[0][qid]
            continue
        value, tie = _merged_value(profile, question, values)
        if value is not None:
            merged[qid] = normalize(question, value)
        disagreement = _disagreement(question, values)
        spread[qid] = {**_summary(question, values), "disagreement": disagreement}
        if disagreement > 0 or tie:
            entries[qid] = {
                "question": qid, "disagreement": disagreement, "answers": answers,
                "merged": merged.get(qid), "open": tie, "reason": TIE if tie else "",
            }  # fmt: skip
    for issue in validate_answers(profile, merged):
        if issue.severity != "error" or issue.question_id not in merged:
            continue
        qid = issue.question_id
        merged.pop(qid)
        entry = entries.setdefault(
            qid,
            {"question": qid, "disagreement": spread.get(qid, {}).get("disagreement", 0.0),
             "answers": [g.get(qid) for g in given]},
        )  # fmt: skip
        entry.update({"merged": None, "open": True, "reason": f"{BROKEN_RULE}: {issue.message}"[:300]})
    agenda = sorted(entries.values(), key=lambda e: (-e["disagreement"], order[e["question"]]))
    return MergedAssessment(merged, _merged_notes(copies), len(copies), agenda, spread)


def _asked_answers(rules: Any, answers: Mapping[str, Any]) -> dict[str, Any]:
    """A copy's answers to the questions it was asked (an answer to a question its own answers hide does not count)."""
    effective, hidden = rules.split(answers)
    return {qid: value for qid, value in effective.items() if qid not in hidden}


def _merged_value(profile: Profile, question: Question, values: list[Any]) -> tuple[Any, bool]:
    """(the merged value or None, whether it is left open by a tie)."""
    rules = profile.data.merge
    if question.type in ("int", "number"):
        if rules.numbers == "mean":
            center = Decimal(str(statistics.fmean(values)))
        else:
            center = _median(values)
        if question.type == "int":
            return int(center.to_integral_value(ROUND_HALF_UP)), False
        return (int(center) if center == center.to_integral_value() and _all_int(values) else float(center)), False
    if question.type == "multi":
        counts = Counter(option for value in values for option in value)
        return [o.id for o in question.options if counts[o.id] * 2 > len(values)], False
    if question.type == "text" and rules.text == "first":
        return values[0], False
    counts = Counter(values)
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        if question.type == "text":
            return values[0], False  # texts: the first respondent's among the commonest
        return None, True
    return ranked[0][0], False


def _all_int(values: list[Any]) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def _median(values: list[Any]) -> Decimal:
    ordered = sorted(Decimal(str(v)) for v in values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _disagreement(question: Question, values: list[Any]) -> float:
    n = len(values)
    if n < 2:
        return 0.0
    if question.type in ("int", "number"):
        low, high = min(values), max(values)
        return 0.0 if low == high else round(float((high - low) / (abs(high) + abs(low))), 4)
    if question.type == "multi":
        counts = Counter(option for value in values for option in value)
        if not counts:
            return 0.0
        return round(sum(min(c, n - c) / n for c in counts.values()) / len(counts), 4)
    top = Counter(values).most_common(1)[0][1]
    return round(1 - top / n, 4)


def _summary(question: Question, values: list[Any]) -> dict[str, Any]:
    """How the answers of one question spread: their number; numbers' min, median, max; votes per answer."""
    if question.type in ("int", "number"):
        median = _median(values)
        return {"answered": len(values), "min": min(values), "median": float(median), "max": max(values)}
    if question.type == "multi":
        counts = Counter(option for value in values for option in value)
        return {"answered": len(values), "votes": {o.id: counts[o.id] for o in question.options if counts[o.id]}}
    if question.type in ("bool", "choice"):
        counts = Counter(values)
        return {"answered": len(values), "votes": {_vote_key(v): n for v, n in counts.most_common()}}
    return {"answered": len(values), "different": len(set(values))}


def _vote_key(value: Any) -> str:
    return ("да" if value else "нет") if isinstance(value, bool) else str(value)


def _merged_notes(copies: Sequence[Copy]) -> AnswerNotes:
    """Every respondent's comments and evidence, each with the respondent's number (never a name)."""
    comments: dict[str, list[str]] = {}
    evidence: dict[str, list[str]] = {}
    for number, copy in enumerate(copies, 1):
        if copy.notes is None:
            continue
        for qid, text in copy.notes.comments.items():
            comments.setdefault(qid, []).append(f"Респондент {number}: {text}")
        for qid, text in copy.notes.evidence.items():
            evidence.setdefault(qid, [])
            if text and text not in evidence[qid]:
                evidence[qid].append(text)
    return AnswerNotes(
        {qid: _capped("\n".join(texts), COMMENT_LIMIT) for qid, texts in comments.items()},
        {qid: _capped("; ".join(texts), EVIDENCE_LIMIT) for qid, texts in evidence.items()},
    )


def _capped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------ reading a merged file back


def check_merge_block(profile: Profile, block: Mapping[str, Any]) -> dict[str, Any]:
    """A merged file's ``respondents``, ``agenda`` and ``spread``, checked against its method (MergeInvalid)."""
    respondents = block.get("respondents")
    if type(respondents) is not int or not 2 <= respondents <= MAX_RESPONDENTS:
        raise MergeInvalid(f"respondents: ожидалось целое число от 2 до {MAX_RESPONDENTS}, а не {shorten(respondents)}")
    agenda = block.get("agenda") or []
    if not isinstance(agenda, list) or len(agenda) > len(profile.questions):
        raise MergeInvalid("agenda должно быть списком вопросов методики")
    seen: set[str] = set()
    for number, item in enumerate(agenda, 1):
        where = f"agenda[{number}]"
        if not isinstance(item, dict) or set(item) - {
            "question",
            "disagreement",
            "answers",
            "merged",
            "open",
            "reason",
        }:
            raise MergeInvalid(
                f"{where}: ожидался объект с полями question, disagreement, answers, merged, open, reason"
            )
        qid = item.get("question")
        if qid not in profile.questions or qid in seen:
            raise MergeInvalid(f"{where}: вопроса «{shorten(qid)}» нет в методике или он назван дважды")
        seen.add(qid)
        question = profile.question(qid)
        _check_share(item.get("disagreement"), f"{where}.disagreement")
        answers = item.get("answers")
        if not isinstance(answers, list) or len(answers) != respondents:
            raise MergeInvalid(f"{where}.answers: ожидался список из {respondents} ответов")
        for value in [*answers, item.get("merged")]:
            if value is not None and check_value(question, value) is not None:
                raise MergeInvalid(f"{where} ({qid}): {check_value(question, value)}")
        if not isinstance(item.get("open"), bool):
            raise MergeInvalid(f"{where}.open: ожидалось true или false")
        reason = item.get("reason", "")
        if not isinstance(reason, str) or (reason and not reason.startswith(REASONS)) or len(reason) > 300:
            raise MergeInvalid(f"{where}.reason: неизвестная причина «{shorten(reason)}»")
    spread = block.get("spread") or {}
    if not isinstance(spread, dict):
        raise MergeInvalid("spread должно быть JSON-объектом: вопрос → разброс ответов")
    for qid, summary in spread.items():
        if qid not in profile.questions or not isinstance(summary, dict):
            raise MergeInvalid(f"spread: вопроса «{shorten(qid)}» нет в методике")
        _check_share(summary.get("disagreement"), f"spread.{qid}.disagreement")
        answered = summary.get("answered")
        if type(answered) is not int or not 0 <= answered <= respondents:
            raise MergeInvalid(f"spread.{qid}.answered: ожидалось целое число от 0 до {respondents}")
        for key, value in summary.items():
            if key in ("min", "median", "max") and (
                isinstance(value, bool) or not isinstance(value, (int, float)) or value != value
            ):
                raise MergeInvalid(f"spread.{qid}.{key}: ожидалось число")
            if key == "votes" and (
                not isinstance(value, dict)
                or any(not isinstance(k, str) or len(k) > 100 or type(v) is not int or v < 0 for k, v in value.items())
            ):
                raise MergeInvalid(f"spread.{qid}.votes: ожидался объект вариант → число голосов")
            if key not in ("answered", "disagreement", "min", "median", "max", "votes", "different"):
                raise MergeInvalid(f"spread.{qid}: неизвестное поле «{shorten(key)}»")
            if key == "different" and (type(value) is not int or not 0 <= value <= respondents):
                raise MergeInvalid(f"spread.{qid}.different: ожидалось целое число")
    return {"respondents": respondents, "agenda": agenda, "spread": spread}


def _check_share(value: Any, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise MergeInvalid(f"{where}: ожидалось число от 0 до 1, а не {shorten(value)}")
