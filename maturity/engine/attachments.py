"""Files attached to answers as their evidence: what one is and what the program accepts.

An attachment belongs to one question of an assessment and is kept whole in the database. Every attachment
comes from outside (a user's file, a received zip), so its name and size are checked here before anything
keeps it: a plain file name (no folder, no «..», no control character, at most :data:`NAME_LIMIT` characters),
at most :data:`FILE_LIMIT` bytes, at most :data:`COUNT_LIMIT` files and :data:`TOTAL_LIMIT` bytes per assessment.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from maturity.errors import BadInput, shorten
from maturity.text_rules import forbidden_character, is_invisible

FILE_LIMIT = 5 * 1024 * 1024
TOTAL_LIMIT = 20 * 1024 * 1024
COUNT_LIMIT = 100
NAME_LIMIT = 150
_RESERVED = set('/\\:*?"<>|')


class AttachmentRefused(BadInput):
    """A file that cannot be attached; ``str()`` is the Russian reason."""


@dataclass(frozen=True)
class Attachment:
    question_id: str
    name: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " МБ"


def name_problem(name: object) -> str | None:
    """Why ``name`` cannot be an attached file's name, or None."""
    if not isinstance(name, str):
        return f"имя файла должно быть строкой, а не {shorten(name)}"
    if not name or is_invisible(name):
        return "пустое имя файла"
    if len(name) > NAME_LIMIT:
        return f"имя файла длиннее {NAME_LIMIT} знаков («{shorten(name)}»)"
    problem = forbidden_character(name)
    if problem:
        return f"имя файла: {problem}"
    if any(char in _RESERVED for char in name) or name in (".", "..") or name.startswith(".."):
        return f"имя файла «{shorten(name)}» содержит путь или недопустимый знак — нужно простое имя файла"
    if name != name.strip() or name.endswith("."):
        return f"имя файла «{shorten(name)}» начинается или кончается пробелом или точкой"
    return None


def check_attachment(attachment: Attachment, question_ids: Sequence[str] | set[str] | dict) -> None:
    """AttachmentRefused when one attachment cannot be kept: an unknown question, a bad name, too big."""
    if attachment.question_id not in question_ids:
        raise AttachmentRefused(f"файл приложен к вопросу «{shorten(attachment.question_id)}», которого нет в методике")
    problem = name_problem(attachment.name)
    if problem:
        raise AttachmentRefused(problem)
    if attachment.size > FILE_LIMIT:
        raise AttachmentRefused(
            f"файл «{attachment.name}» слишком большой: {megabytes(attachment.size)}, "
            f"можно не больше {megabytes(FILE_LIMIT)}"
        )


def check_attachments(attachments: Sequence[Attachment], question_ids: Sequence[str] | set[str] | dict) -> None:
    """Every attachment of one assessment checked, and their number, total size and names (one name once
    per question)."""
    if len(attachments) > COUNT_LIMIT:
        raise AttachmentRefused(f"слишком много приложенных файлов: {len(attachments)}, можно не больше {COUNT_LIMIT}")
    seen: set[tuple[str, str]] = set()
    for attachment in attachments:
        check_attachment(attachment, question_ids)
        key = (attachment.question_id, attachment.name.casefold())
        if key in seen:
            raise AttachmentRefused(f"файл «{attachment.name}» приложен к вопросу {attachment.question_id} дважды")
        seen.add(key)
    total = sum(a.size for a in attachments)
    if total > TOTAL_LIMIT:
        raise AttachmentRefused(
            f"приложенные файлы вместе слишком большие: {megabytes(total)}, можно не больше {megabytes(TOTAL_LIMIT)}"
        )
