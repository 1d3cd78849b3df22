"""The assessment file (JSON), the canonical machine format (method §8).

    {"format": "maturity-assessment", "format_version": 1,
     "questionnaire": {"id": "fnpr-base", "version": "2025.1", "sha256": "a3913a90…"},
     "year": 2025, "answers": {...}, "meta": {"created": "...", "app_version": "...",
     "organization_id": "...", "parent_organization_id": "..."},
     "plan": [{"step": "k8.crm", "status": "done", "responsible": "...", "due": "2026-Q2", "note": "..."}],
     "own_targets": {"decision": "Президиум № 12 от 20.12.2024", "values": {"funding_target_share": 0.07}}}

``meta.organization_id`` (optional) is the organization's stable identifier, which survives
renames; ``meta.parent_organization_id`` the parent's. Both travel up the union structure.

``questionnaire.sha256`` (written since profiles are installed; optional when read) is the sha256 of the
profile's text: the file is read only with that very text of the id and version (a file without it is
read with the text of the id and version the database knows).

``comments`` and ``evidence`` (optional): question id → a respondent's comment / an evidence reference
(«подтверждается документом: …»; "" is a mark without a reference), :mod:`maturity.engine.answer_notes`.
``respondents``, ``agenda`` and ``spread`` (optional): what a merge of several respondents' copies left
(:mod:`maturity.engine.respondent_merge`).

``plan`` (optional) is the plan kept with the assessment (:mod:`maturity.engine.plan`): checked step
by step against the file's method like every other value of a received file. An empty list is the
same as no plan.

``own_targets`` (optional) is what the organization's elected body approved for the file's year
(:mod:`maturity.engine.own_targets`): the decision's reference and each target parameter's value, checked
against the file's method (its bounds, a floor at the organization's level from the answers) like any
answer; a bad one refuses the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from maturity import __version__
from maturity.engine.answer_notes import AnswerNotes, NotesInvalid, check_notes
from maturity.engine.attachments import Attachment
from maturity.engine.own_targets import OwnTargets, OwnTargetsInvalid, check_own_targets
from maturity.engine.plan import PlanInvalid, PlanStep, check_plan
from maturity.engine.validation import AnswersInvalid, clean_answers, text_problem
from maturity.engine.years import YEAR_RANGE
from maturity.errors import BadInput, os_why, shorten
from maturity.method.catalog import ProfileCatalog, shipped_catalog
from maturity.method.profile import Profile
from maturity.method.schema import OrganizationQuestions
from maturity.output_files import write_output
from maturity.text_rules import code_problem

FORMAT = "maturity-assessment"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
UID_MAX_LENGTH = 64  # organization.uid in the database
MAX_META_KEYS = 100


class AssessmentFileError(BadInput):
    """A file that is not a usable assessment; ``str()`` names the file and the problem in Russian.

    ``organization`` and ``year`` are what the file said of itself before it was refused (None: not
    read, or not readable), so a list of refused files can still say whose file it was."""

    organization: str | None = None
    year: int | None = None

    def about(self, organization: str | None, year: int | None) -> AssessmentFileError:
        self.organization, self.year = organization, year
        return self


def said_name(profile: Profile, answers: Mapping[str, Any]) -> str | None:
    """The organization's name as a refused file gives it (its name question's answer, if text), shortened."""
    value = answers.get(profile.organization_question("name"))
    return shorten(value.strip()) if isinstance(value, str) and value.strip() else None


@dataclass
class AssessmentDocument:
    profile: Profile
    year: int
    answers: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)
    plan: list[PlanStep] | None = None  # None: the file says nothing of a plan
    # what the file says of the higher body's review: {"state", "comment", "questions", "by", "at", "upstream"}
    review: dict[str, Any] | None = None
    own_targets: OwnTargets | None = None  # the targets approved for ``year``; None: the file says nothing
    notes: AnswerNotes | None = None  # None: the file says nothing of comments and evidence
    merge: dict[str, Any] | None = None  # {"respondents", "agenda", "spread"} of a merged file
    attachments: list[Attachment] | None = None  # files beside a workbook (never inside the JSON)

    @property
    def organization_id(self) -> str | None:
        return self.meta.get("organization_id")

    def to_json(self) -> dict[str, Any]:
        meta = {"created": datetime.now(UTC).isoformat(timespec="seconds"), "app_version": __version__}
        meta.update(self.meta)
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "questionnaire": {"id": self.profile.id, "version": self.profile.version, "sha256": self.profile.sha256},
            "year": self.year,
            "answers": self.answers,
            "meta": meta,
        }
        if self.plan:
            data["plan"] = [step.to_json() for step in self.plan]
        if self.review:
            data["review"] = self.review
        if self.own_targets is not None:
            data["own_targets"] = self.own_targets.to_json()
        if self.notes is not None:
            data["comments"] = dict(self.notes.comments)
            data["evidence"] = dict(self.notes.evidence)
        if self.merge:
            data.update(self.merge)
        return data


def parse_assessment(data: Any, source: str = "файл", catalog: ProfileCatalog | None = None) -> AssessmentDocument:
    """Check a decoded JSON object and return the document; every problem is an AssessmentFileError. The
    profile is looked up in ``catalog`` only (default: the shipped profiles)."""

    said: dict[str, Any] = {"organization": None, "year": None}  # what the file has said of itself so far

    def fail(problem: str) -> AssessmentFileError:
        return AssessmentFileError(f"{source}: {problem}").about(**said)

    if not isinstance(data, dict):
        raise fail("это не файл оценки: ожидался JSON-объект")
    said.update(_said_before_checks(data))  # a file refused for its method still says whose it is
    if data.get("format") != FORMAT:
        raise fail(f"это не файл оценки: поле format должно быть «{FORMAT}»")
    version = data.get("format_version")
    if type(version) is not int or version != FORMAT_VERSION:  # true == 1 in Python, but it is not a version
        raise fail(f"версия формата {shorten(version)} не поддерживается (программа читает версию {FORMAT_VERSION})")
    questionnaire = data.get("questionnaire")
    if not isinstance(questionnaire, dict) or not isinstance(questionnaire.get("id"), str):
        raise fail("не указана методика (questionnaire.id)")
    profile_version = questionnaire.get("version")
    if profile_version is not None and not isinstance(profile_version, str):
        raise fail("версия методики (questionnaire.version) должна быть строкой")
    sha256 = questionnaire.get("sha256")
    if sha256 is not None and not isinstance(sha256, str):
        raise fail("хэш методики (questionnaire.sha256) должен быть строкой")
    try:
        profile = (catalog or shipped_catalog()).find(questionnaire["id"], profile_version, sha256)
    except BadInput as exc:
        raise fail(f"методика: {exc}") from exc
    year = data.get("year")
    if type(year) is not int or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise fail(f"отчётный год должен быть целым числом от {YEAR_RANGE[0]} до {YEAR_RANGE[1]}, а не {shorten(year)}")
    said["year"] = year
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise fail("нет ответов (answers должно быть JSON-объектом)")
    said["organization"] = said_name(profile, answers)
    try:
        cleaned = clean_answers(profile, answers)
    except AnswersInvalid as exc:
        details = "; ".join(str(i) for i in exc.issues[:5])
        more = f" и ещё {len(exc.issues) - 5}" if len(exc.issues) > 5 else ""
        raise fail(f"неверные ответы — {details}{more}") from exc
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise fail("meta должно быть JSON-объектом")
    problem = meta_problem(meta)
    if problem:
        raise fail(problem)
    plan = data.get("plan")
    if plan is not None:
        try:
            plan = check_plan(profile, plan) or None
        except PlanInvalid as exc:
            raise fail(str(exc)) from exc
    review = data.get("review")
    if review is not None:
        problem = review_problem(profile, review)
        if problem:
            raise fail(problem)
    own_targets = data.get("own_targets")
    if own_targets is not None:
        level = cleaned.get(profile.organization_question("level"))
        try:
            own_targets = check_own_targets(profile, own_targets, year, level)
        except OwnTargetsInvalid as exc:
            raise fail(str(exc)) from exc
    notes = None
    if "comments" in data or "evidence" in data:
        try:
            notes = check_notes(profile, data.get("comments"), data.get("evidence"))
        except NotesInvalid as exc:
            raise fail(str(exc)) from exc
    merge = None
    if any(key in data for key in MERGE_KEYS):
        from maturity.engine.respondent_merge import MergeInvalid, check_merge_block

        try:
            merge = check_merge_block(profile, {key: data.get(key) for key in MERGE_KEYS})
        except MergeInvalid as exc:
            raise fail(str(exc)) from exc
    return AssessmentDocument(
        profile=profile, year=year, answers=cleaned, meta=dict(meta), plan=plan, review=review, notes=notes,
        merge=merge, own_targets=own_targets,
    )  # fmt: skip


MERGE_KEYS = ("respondents", "agenda", "spread")


REVIEW_STATES = ("received", "accepted", "returned")
REVIEW_TEXT_LIMIT = 2000


def review_problem(profile: Profile, review: Any) -> str | None:
    """Why the ``review`` block of a file is refused, or None: a known state, short plain texts, comments
    only on questions of its method. What it says is kept as the sender's word; it never decides a state."""
    if not isinstance(review, dict):
        return "review должно быть JSON-объектом"
    unknown = set(review) - {"state", "comment", "questions", "by", "at", "upstream"}
    if unknown:
        return f"review: неизвестное поле «{shorten(sorted(unknown)[0])}»"
    if review.get("state") not in REVIEW_STATES:
        return f"review.state: ожидалось одно из {', '.join(REVIEW_STATES)}, а не {shorten(review.get('state'))}"
    if review.get("upstream") not in (None, "accepted"):
        return f"review.upstream: ожидалось accepted, а не {shorten(review.get('upstream'))}"
    for key in ("comment", "by", "at"):
        value = review.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or len(value) > REVIEW_TEXT_LIMIT:
            return f"review.{key}: ожидался текст не длиннее {REVIEW_TEXT_LIMIT} знаков"
        if text_problem(_flat(value)):
            return f"review.{key}: {text_problem(_flat(value))}"
    questions = review.get("questions") or {}
    if not isinstance(questions, dict):
        return "review.questions должно быть JSON-объектом: вопрос → комментарий"
    for qid, text in questions.items():
        if qid not in profile.questions:
            return f"review.questions: в методике «{profile.id}» нет вопроса «{shorten(qid)}»"
        if not isinstance(text, str) or len(text) > REVIEW_TEXT_LIMIT:
            return f"review.questions.{qid}: ожидался текст не длиннее {REVIEW_TEXT_LIMIT} знаков"
        if text_problem(_flat(text)):
            return f"review.questions.{qid}: {text_problem(_flat(text))}"
    return None


def _flat(text: str) -> str:
    """A comment's lines and tabs as spaces (a comment may have several lines)."""
    return text.replace("\n", " ").replace("\t", " ")


def _said_before_checks(data: dict[str, Any]) -> dict[str, Any]:
    """The organization and year a file gives before anything of it is checked: its year when it is a
    year, the answer of the usual name question (``profile.name``) when it is text. Only for naming a
    refused file; the checks below decide everything."""
    said: dict[str, Any] = {}
    year = data.get("year")
    if type(year) is int and YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        said["year"] = year
    answers = data.get("answers")
    name = answers.get(OrganizationQuestions().name) if isinstance(answers, dict) else None
    if isinstance(name, str) and name.strip() and not text_problem(name):
        said["organization"] = shorten(name.strip())
    return said


class RepeatedKey(ValueError):
    """A JSON object with a key twice (``str()`` is the Russian reason)."""


MAX_SHOWN_KEY = 80


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key written twice: json.loads would silently keep the last one."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            shown = key if len(key) <= MAX_SHOWN_KEY else key[:MAX_SHOWN_KEY] + "…"
            raise RepeatedKey(
                f"ключ «{shown}» встречается в одном JSON-объекте дважды — какое значение верное, неизвестно"
            )
        found[key] = value
    return found


def uid_problem(value: Any) -> str | None:
    """Why ``value`` cannot be an organization's identifier (meta.organization_id), or None."""
    if not isinstance(value, str):
        return f"должен быть строкой, а не {shorten(value)}"
    if len(value.strip()) > UID_MAX_LENGTH:
        return f"длиннее {UID_MAX_LENGTH} знаков («{shorten(value)}»)"
    return text_problem(value) or code_problem(value.strip())


def meta_problem(meta: dict[str, Any]) -> str | None:
    """Why the ``meta`` object of a file is refused, or None: flat values only, sane identifiers."""
    if len(meta) > MAX_META_KEYS:
        return f"в meta слишком много полей ({len(meta)})"
    for key, value in meta.items():
        if len(key) > UID_MAX_LENGTH or text_problem(key):
            return f"meta: недопустимое имя поля «{shorten(key)}»"
        if value is None:
            continue
        if key in ("organization_id", "parent_organization_id"):
            problem = uid_problem(value)
            if problem:
                return f"meta.{key}: код организации {problem}"
        elif isinstance(value, (dict, list)):
            return f"meta.{key}: ожидалось простое значение (строка или число)"
        elif isinstance(value, str) and text_problem(value):
            return f"meta.{key}: {text_problem(value)}"
    return None


# The JSON decoder's messages, by their beginning, in Russian: its English never reaches the user.
_JSON_PROBLEMS = (
    ("Expecting value", "ожидалось значение"),
    ("Expecting property name", "ожидалось имя поля в двойных кавычках"),
    ("Expecting ',' delimiter", "ожидалась запятая"),
    ("Expecting ':' delimiter", "ожидалось двоеточие"),
    ("Unterminated string", "строка не закрыта кавычкой"),
    ("Invalid control character", "управляющий символ внутри строки"),
    ("Invalid \\uXXXX escape", "неверная последовательность \\u"),
    ("Invalid \\escape", "неверная последовательность после «\\»"),
    ("Extra data", "лишний текст после конца JSON"),
    ("Illegal trailing comma", "лишняя запятая перед закрывающей скобкой"),
)


def json_problem(exc: json.JSONDecodeError) -> str:
    """The Russian words for what the JSON decoder found wrong."""
    for english, russian in _JSON_PROBLEMS:
        if exc.msg.startswith(english):
            return russian
    return "нарушен синтаксис JSON"


class _NotANumber(ValueError):
    """NaN or Infinity in a file: Python's json accepts them, JSON does not."""


def _refuse_constant(name: str) -> Any:
    raise _NotANumber(name)


def decode_json(text: str, source: str, what: str = "файл оценки", error: type[BadInput] = AssessmentFileError) -> Any:
    """A JSON text decoded; anything JSON does not allow, or too deep or too long a number, is refused
    (``error``, a sentence that says the file is not ``what``)."""
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_no_repeated_keys)
    except RepeatedKey as exc:
        raise error(f"{source}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise error(f"{source}: это не JSON (строка {exc.lineno}, столбец {exc.colno}: {json_problem(exc)})") from None
    except _NotANumber as exc:
        raise error(f"{source}: в файле значение {exc} — в JSON это не число") from None
    except RecursionError:
        raise error(f"{source}: в файле слишком глубокая вложенность — это не {what}") from None
    except ValueError:  # an integer beyond Python's digit limit (4300 digits)
        raise error(f"{source}: в файле число из тысяч цифр — это не {what}") from None


def read_assessment_json(path: str | Path, catalog: ProfileCatalog | None = None) -> AssessmentDocument:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AssessmentFileError(f"{path}: файл не открывается ({os_why(exc)})") from exc
    if size > MAX_FILE_BYTES:
        raise AssessmentFileError(f"{path}: файл слишком большой для файла оценки ({size} байт)")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AssessmentFileError(f"{path}: файл не в кодировке UTF-8") from exc
    return parse_assessment(decode_json(text, str(path)), str(path), catalog)


def write_json_atomically(data: Any, path: str | Path) -> None:
    """Write JSON through :func:`maturity.output_files.write_output`: never half a file, mode 0644 or the old one."""
    write_output(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def write_assessment_json(document: AssessmentDocument, path: str | Path) -> None:
    write_json_atomically(document.to_json(), path)
