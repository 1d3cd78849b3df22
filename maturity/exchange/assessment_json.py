"""The assessment file (JSON), the canonical machine format (method §8).

    {"format": "maturity-assessment", "format_version": 1,
     "questionnaire": {"id": "fnpr-base", "version": "2025.1"},
     "year": 2025, "answers": {...}, "meta": {"created": "...", "app_version": "...",
     "organization_id": "...", "parent_organization_id": "..."}}

``meta.organization_id`` (optional) is the organization's stable identifier, which survives
renames; ``meta.parent_organization_id`` the parent's. Both travel up the union structure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from maturity import __version__
from maturity.errors import BadInput
from maturity.output_files import write_output
from maturity.profile import Profile, find_profile
from maturity.validation import AnswersInvalid, clean_answers

FORMAT = "maturity-assessment"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
YEAR_RANGE = (2000, 2100)


class AssessmentFileError(BadInput):
    """A file that is not a usable assessment; ``str()`` names the file and the problem in Russian."""


@dataclass
class AssessmentDocument:
    profile: Profile
    year: int
    answers: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def organization_id(self) -> str | None:
        return self.meta.get("organization_id")

    def to_json(self) -> dict[str, Any]:
        meta = {"created": datetime.now(UTC).isoformat(timespec="seconds"), "app_version": __version__}
        meta.update(self.meta)
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "questionnaire": {"id": self.profile.id, "version": self.profile.version},
            "year": self.year,
            "answers": self.answers,
            "meta": meta,
        }


def parse_assessment(data: Any, source: str = "файл") -> AssessmentDocument:
    """Check a decoded JSON object and return the document; every problem is an AssessmentFileError."""

    def fail(problem: str) -> AssessmentFileError:
        return AssessmentFileError(f"{source}: {problem}")

    if not isinstance(data, dict):
        raise fail("это не файл оценки: ожидался JSON-объект")
    if data.get("format") != FORMAT:
        raise fail(f"это не файл оценки: поле format должно быть «{FORMAT}»")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise fail(f"версия формата {version!r} не поддерживается (программа читает версию {FORMAT_VERSION})")
    questionnaire = data.get("questionnaire")
    if not isinstance(questionnaire, dict) or not isinstance(questionnaire.get("id"), str):
        raise fail("не указана методика (questionnaire.id)")
    profile_version = questionnaire.get("version")
    if profile_version is not None and not isinstance(profile_version, str):
        raise fail("версия методики (questionnaire.version) должна быть строкой")
    try:
        profile = find_profile(questionnaire["id"], profile_version)
    except BadInput as exc:
        raise fail(f"методика: {exc}") from exc
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise fail(f"отчётный год должен быть целым числом от {YEAR_RANGE[0]} до {YEAR_RANGE[1]}, а не {year!r}")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise fail("нет ответов (answers должно быть JSON-объектом)")
    try:
        cleaned = clean_answers(profile, answers)
    except AnswersInvalid as exc:
        details = "; ".join(str(i) for i in exc.issues[:5])
        more = f" и ещё {len(exc.issues) - 5}" if len(exc.issues) > 5 else ""
        raise AssessmentFileError(f"{source}: неверные ответы — {details}{more}") from exc
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise fail("meta должно быть JSON-объектом")
    return AssessmentDocument(profile=profile, year=year, answers=cleaned, meta=dict(meta))


def read_assessment_json(path: str | Path) -> AssessmentDocument:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AssessmentFileError(f"{path}: файл не открывается ({exc.strerror})") from exc
    if size > MAX_FILE_BYTES:
        raise AssessmentFileError(f"{path}: файл слишком большой для файла оценки ({size} байт)")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise AssessmentFileError(f"{path}: файл не в кодировке UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise AssessmentFileError(f"{path}: это не JSON (строка {exc.lineno}, столбец {exc.colno}: {exc.msg})") from exc
    return parse_assessment(data, str(path))


def write_json_atomically(data: Any, path: str | Path) -> None:
    """Write JSON through :func:`maturity.output_files.write_output`: never half a file, mode 0644 or the old one."""
    write_output(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def write_assessment_json(document: AssessmentDocument, path: str | Path) -> None:
    write_json_atomically(document.to_json(), path)
