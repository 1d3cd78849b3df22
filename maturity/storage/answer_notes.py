"""The comments, evidence marks, attached files and merge agendas kept with assessments (tables
``assessment_note``, ``assessment_attachment``, ``assessment_agenda``, migration 0008).

None of them is part of the scored record: writing them never rescores, and they are written beside the
answers in the same transaction (no commit here). Each ``write_*`` replaces what an assessment kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from maturity.engine.answer_notes import AnswerNotes
from maturity.engine.attachments import Attachment
from maturity.storage.database import table_of
from maturity.storage.models import (
    AssessmentAgenda,
    AssessmentAttachment,
    AssessmentEvidence,
    AssessmentNote,
    utcnow,
)

NOTE = table_of(AssessmentNote)
ATTACHMENT = table_of(AssessmentAttachment)
AGENDA = table_of(AssessmentAgenda)
EVIDENCE = table_of(AssessmentEvidence)
CHUNK = 500


def write_notes(session: Session, notes: Mapping[int, AnswerNotes]) -> None:
    """Each assessment's comments and evidence marks replaced by ``notes`` (an empty AnswerNotes clears them)."""
    if not notes:
        return
    ids = list(notes)
    for start in range(0, len(ids), CHUNK):
        session.execute(NOTE.delete().where(NOTE.c.assessment_id.in_(ids[start : start + CHUNK])))
    rows = [
        {"assessment_id": aid, "question_id": qid, "comment": n.comment(qid), "evidence": n.evidence.get(qid)}
        for aid, n in notes.items()
        for qid in sorted(n.question_ids())
    ]
    if rows:
        session.execute(NOTE.insert(), rows)


def notes_of(session: Session, assessment_ids: Iterable[int]) -> dict[int, AnswerNotes]:
    """The notes of each assessment (an empty AnswerNotes for one without any)."""
    ids = list(assessment_ids)
    found: dict[int, AnswerNotes] = {aid: AnswerNotes() for aid in ids}
    c = NOTE.c
    for start in range(0, len(ids), CHUNK):
        query = sa.select(c.assessment_id, c.question_id, c.comment, c.evidence).where(
            c.assessment_id.in_(ids[start : start + CHUNK])
        )
        for aid, qid, comment, evidence in session.execute(query):
            if comment:
                found[aid].comments[qid] = comment
            if evidence is not None:
                found[aid].evidence[qid] = evidence
    return found


def write_attachments(session: Session, attachments: Mapping[int, Sequence[Attachment]]) -> None:
    """Each assessment's attached files replaced by those given (checked by the caller)."""
    if not attachments:
        return
    session.execute(ATTACHMENT.delete().where(ATTACHMENT.c.assessment_id.in_(list(attachments))))
    now = utcnow()
    for aid, files in attachments.items():
        for a in files:  # one by one: a row may be megabytes
            session.execute(
                ATTACHMENT.insert().values(
                    assessment_id=aid, question_id=a.question_id, name=a.name, size=a.size, sha256=a.sha256,
                    content=a.content, added_at=now,
                )
            )  # fmt: skip


def attachments_of(session: Session, assessment_id: int) -> list[Attachment]:
    """The files attached to an assessment's answers, by question and name."""
    c = ATTACHMENT.c
    query = (
        sa.select(c.question_id, c.name, c.content)
        .where(c.assessment_id == assessment_id)
        .order_by(c.question_id, c.name)
    )
    return [Attachment(qid, name, bytes(content)) for qid, name, content in session.execute(query)]


def write_merges(session: Session, blocks: Mapping[int, Mapping[str, Any]]) -> None:
    """What a merge left (``{"respondents", "agenda", "spread"}``), kept with each merged assessment
    (replacing an earlier one)."""
    if not blocks:
        return
    session.execute(AGENDA.delete().where(AGENDA.c.assessment_id.in_(list(blocks))))
    session.execute(
        AGENDA.insert(),
        [
            {"assessment_id": aid, "respondents": b["respondents"], "agenda": b["agenda"], "spread": b["spread"]}
            for aid, b in blocks.items()
        ],
    )


def merge_of(session: Session, assessment_id: int) -> dict[str, Any] | None:
    """``{"respondents", "agenda", "spread"}`` of a merged assessment; None for one not merged."""
    c = AGENDA.c
    row = session.execute(sa.select(c.respondents, c.agenda, c.spread).where(c.assessment_id == assessment_id)).first()
    return None if row is None else {"respondents": int(row[0]), "agenda": list(row[1]), "spread": dict(row[2])}


def attached_files(session: Session, assessment_id: int) -> list[tuple[str, str, int]]:
    """(question, name, size) of the files attached to an assessment's answers, without their bytes."""
    c = ATTACHMENT.c
    query = (
        sa.select(c.question_id, c.name, c.size).where(c.assessment_id == assessment_id).order_by(c.question_id, c.name)
    )
    return [(qid, name, int(size)) for qid, name, size in session.execute(query)]


def add_attachment(session: Session, assessment_id: int, attachment: Attachment) -> None:
    session.execute(
        ATTACHMENT.insert().values(
            assessment_id=assessment_id, question_id=attachment.question_id, name=attachment.name,
            size=attachment.size, sha256=attachment.sha256, content=attachment.content, added_at=utcnow(),
        )
    )  # fmt: skip


def remove_attachments(session: Session, assessment_id: int, question_id: str) -> int:
    """Remove the files attached to one answer; how many there were."""
    c = ATTACHMENT.c
    result = session.execute(ATTACHMENT.delete().where(c.assessment_id == assessment_id, c.question_id == question_id))
    return int(getattr(result, "rowcount", 0) or 0)


def write_evidence_shares(session: Session, shares: Mapping[int, float | None]) -> None:
    """Each assessment's share of answers with evidence replaced (the comparison reads it)."""
    if not shares:
        return
    ids = list(shares)
    for start in range(0, len(ids), CHUNK):
        session.execute(EVIDENCE.delete().where(EVIDENCE.c.assessment_id.in_(ids[start : start + CHUNK])))
    session.execute(EVIDENCE.insert(), [{"assessment_id": aid, "share": share} for aid, share in shares.items()])


def keep_evidence_shares(
    session: Session, written: Sequence[tuple[int, Any, Mapping[str, Any], AnswerNotes | None]]
) -> None:
    """The shares of assessments just written: (id, profile, answers, notes or None — the stored notes)."""
    from maturity.engine.answer_notes import evidence_share

    stored = notes_of(session, [aid for aid, _p, _a, notes in written if notes is None])
    write_evidence_shares(
        session,
        {
            aid: evidence_share(profile, answers, (notes if notes is not None else stored[aid]).evidence)
            for aid, profile, answers, notes in written
        },
    )
