"""Files attached to answers as their evidence, from a chair's disk into the database and out of it.

A file is checked before it is read whole (its size from the file system; then the bytes counted), and against
the assessment's other files (their number and total size, one name once per question): a refusal is a
Russian sentence and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from maturity.engine.attachments import FILE_LIMIT, Attachment, AttachmentRefused, check_attachments, megabytes
from maturity.errors import BadInput, os_why
from maturity.storage.answer_notes import add_attachment, attached_files, attachments_of, remove_attachments
from maturity.storage.store import Store


def read_attachment(path: str | Path, question_id: str) -> Attachment:
    """The file at ``path`` as an attachment of ``question_id``; AttachmentRefused when it is too big or unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > FILE_LIMIT:
            raise AttachmentRefused(
                f"файл «{path.name}» слишком большой: {megabytes(size)}, можно не больше {megabytes(FILE_LIMIT)}"
            )
        with path.open("rb") as stream:
            content = stream.read(FILE_LIMIT + 1)
    except OSError as exc:
        raise AttachmentRefused(f"файл «{path.name}» не открывается ({os_why(exc)})") from exc
    if len(content) > FILE_LIMIT:
        raise AttachmentRefused(f"файл «{path.name}» больше {megabytes(FILE_LIMIT)}")
    return Attachment(question_id, path.name, content)


def _assessment_id(store: Store, org_id: int, year: int) -> int:
    assessment = store.get_assessment(org_id, year)
    if assessment is None:
        raise BadInput(f"оценки за {year} год ещё нет — файл прикладывается к сохранённой оценке")
    return store.stored_id_of(assessment)


def attach_file(store: Store, org_id: int, year: int, attachment: Attachment) -> None:
    """Keep ``attachment`` with the organization's assessment of ``year`` (checked with the files it has)."""
    with store.atomic():
        aid = _assessment_id(store, org_id, year)
        profile = store.profile_of(store.get_assessment(org_id, year))  # type: ignore[arg-type]
        check_attachments([*attachments_of(store.session, aid), attachment], profile.questions)
        add_attachment(store.session, aid, attachment)


def detach_files(store: Store, org_id: int, year: int, question_id: str) -> int:
    """Remove the files attached to one answer; how many were removed."""
    with store.atomic():
        return remove_attachments(store.session, _assessment_id(store, org_id, year), question_id)


def files_by_question(store: Store, org_id: int, year: int) -> dict[str, list[tuple[str, int]]]:
    """Question → [(name, size)] of the files attached to the assessment (empty when there is none)."""
    assessment = store.get_assessment(org_id, year)
    if assessment is None:
        return {}
    found: dict[str, list[tuple[str, int]]] = {}
    for qid, name, size in attached_files(store.session, store.stored_id_of(assessment)):
        found.setdefault(qid, []).append((name, size))
    return found
