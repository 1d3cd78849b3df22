"""One assessment being filled in: the answers, where the user is, and what they add up to.

The wizard pages read and write this object and nothing else; it knows the method (validation,
relevance, scoring, road map) through the core modules and knows nothing of Qt. Every change is
handed at once to ``on_change`` (the app saves a draft there), so a crash loses no answer.

Decisions:

- An answer is kept as given, even when it breaks a rule (``info_spending`` above ``budget``):
  the user sees the message beside the field and fixes it; nothing typed is thrown away. Such
  answers are *errors* and block «Далее» on their section, never other sections.
- An answer of the wrong type (a string for a number) is refused: widgets never produce one, so
  it is a programming error and raises ``TypeError``.
- Answers to questions that became irrelevant (site visitors after «сайта нет») are kept, as the
  questionnaire's ``irrelevant_answers`` decision says, and scoring ignores them.
- Unanswered required questions never block: the assessment stays incomplete (completeness < 1)
  and the result page lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from maturity.engine.answer_notes import AnswerNotes, check_notes, evidence_warnings
from maturity.engine.relevance import relevance_rules
from maturity.engine.scoring import ScoreResult, score
from maturity.engine.validation import AnswerIssue, check_value, normalize, validate_answers
from maturity.method.profile import Profile
from maturity.method.schema import Question, Section

OnChange = Callable[["AssessmentSession"], None]


@dataclass
class AssessmentSession:
    """The answers of one organization for one year, under one profile."""

    profile: Profile
    year: int
    answers: dict[str, Any] = field(default_factory=dict)
    organization_id: Any = None
    current_section: str | None = None
    on_change: OnChange | None = field(default=None, repr=False)
    notes: AnswerNotes = field(default_factory=AnswerNotes)  # comments and evidence marks, by question
    merge: dict[str, Any] | None = None  # what a merge of several respondents left (the agenda), shown as is
    _issues: list[AnswerIssue] | None = field(default=None, init=False, repr=False)
    _score: ScoreResult | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.answers = {k: v for k, v in self.answers.items() if v is not None}
        if self.current_section is None:
            self.current_section = self.profile.sections[0].id

    # ------------------------------------------------------------ changing

    def set_answer(self, question_id: str, value: Any) -> list[AnswerIssue]:
        """Record an answer (``None`` or blank text: no answer) and return the question's issues."""
        question = self.profile.question(question_id)  # KeyError for an unknown id: a bug
        if isinstance(value, str) and question.type == "text":
            value = value.strip() or None
        if value is None:
            changed = self.answers.pop(question_id, None) is not None
        else:
            value = self._checked(question, value)
            changed = self.answers.get(question_id, _MISSING) != value
            self.answers[question_id] = value
        if changed:
            self._changed()
        return self.issues_for(question_id)

    def set_comment(self, question_id: str, text: str) -> None:
        """A comment on an answer (blank: none); NotesInvalid for a text that cannot be kept (too long…)."""
        self.profile.question(question_id)  # KeyError for an unknown id: a bug
        comments = {**self.notes.comments, question_id: text}
        if not text.strip():
            del comments[question_id]
        self._set_notes(comments, dict(self.notes.evidence))

    def set_evidence(self, question_id: str, reference: str | None) -> None:
        """An evidence mark on an answer with its reference ("" : a mark alone; None: no mark)."""
        self.profile.question(question_id)
        evidence = {**self.notes.evidence, question_id: reference or ""}
        if reference is None:
            del evidence[question_id]
        self._set_notes(dict(self.notes.comments), evidence)

    def _set_notes(self, comments: dict[str, str], evidence: dict[str, str]) -> None:
        notes = check_notes(self.profile, comments, evidence)
        if notes != self.notes:
            self.notes = notes
            self._issues = None  # an evidence mark ends its «expected» warning
            self._notify()

    def set_section(self, section_id: str) -> None:
        """Remember where the user is (a section id, or a page of the app such as «result»),
        so that a reopened draft continues there."""
        if section_id != self.current_section:
            self.current_section = section_id
            self._notify()

    def _checked(self, question: Question, value: Any) -> Any:
        if isinstance(value, list):
            value = list(value)
        problem = check_value(question, value)
        if problem is not None and _wrong_type(question, value):
            raise TypeError(f"{question.id}: {problem}")
        return normalize(question, value)

    def _changed(self) -> None:
        self._issues = None
        self._score = None
        self._notify()

    def _notify(self) -> None:
        if self.on_change is not None:
            self.on_change(self)

    # ------------------------------------------------------------ reading

    def answer(self, question_id: str) -> Any:
        return self.answers.get(question_id)

    def issues(self) -> list[AnswerIssue]:
        """Every error and warning of the current answers (computed once per change)."""
        if self._issues is None:
            self._issues = validate_answers(self.profile, self.answers)
            self._issues += evidence_warnings(self.profile, self.answers, self.notes.evidence)
        return self._issues

    def issues_for(self, question_id: str) -> list[AnswerIssue]:
        return [i for i in self.issues() if i.question_id == question_id]

    def errors_in(self, section_id: str) -> list[AnswerIssue]:
        """The errors that block leaving this section (on relevant questions only)."""
        ids = {q.id for q in self.section(section_id).questions if self.is_relevant(q.id)}
        return [i for i in self.issues() if i.severity == "error" and i.question_id in ids]

    def savable_answers(self) -> dict[str, Any]:
        """The answers the store accepts: all of them except those with an error.

        An answer with an error (spending above the budget) stays in the session and on screen
        until it is fixed; the saved draft keeps the rest.
        """
        bad = {i.question_id for i in self.issues() if i.severity == "error"}
        return {qid: v for qid, v in self.answers.items() if qid not in bad}

    def has_errors(self) -> bool:
        return any(i.severity == "error" for i in self.issues())

    def section(self, section_id: str) -> Section:
        for section in self.profile.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def relevant_ids(self) -> list[str]:
        return relevance_rules(self.profile).relevant_ids(self.answers)

    def is_relevant(self, question_id: str) -> bool:
        return question_id not in relevance_rules(self.profile).split(self.answers)[1]

    def missing_required(self) -> list[Question]:
        """Relevant required questions still unanswered, in questionnaire order."""
        ids = relevance_rules(self.profile).missing_required(self.answers)
        return [self.profile.question(qid) for qid in ids]

    def score(self) -> ScoreResult:
        """The same object ``maturity score`` computes for these answers."""
        if self._score is None:
            self._score = score(self.profile, self.answers)
        return self._score

    def recommendations(self):
        from maturity.engine.roadmap import recommendations

        return recommendations(self.profile, self.answers, self.score())


_MISSING = object()


def _wrong_type(question: Question, value: Any) -> bool:
    """True when ``value`` is not even of the question's type (as opposed to out of range)."""
    t = question.type
    if t == "bool":
        return not isinstance(value, bool)
    if t in ("int", "number"):
        return isinstance(value, bool) or not isinstance(value, (int, float))
    if t in ("choice", "text"):
        return not isinstance(value, str)
    if t == "multi":
        return not isinstance(value, list) or not all(isinstance(v, str) for v in value)
    return False


def session_from_answers(profile: Profile, year: int, answers: Mapping[str, Any], **kwargs: Any) -> AssessmentSession:
    """A session over a copy of already stored answers."""
    return AssessmentSession(profile=profile, year=year, answers=dict(answers), **kwargs)
