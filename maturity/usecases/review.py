"""The higher body's decisions on an assessment: accept it (official and locked), return it for correction
(a general comment and comments on single questions), reopen an accepted one. Each is one transaction with
its journal entry; a corrected file or a save makes a returned assessment «received» again (the store's
write path does that)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from maturity.errors import BadInput, shorten
from maturity.storage.journal import Entry
from maturity.storage.models import Organization, utcnow
from maturity.storage.review import ACCEPTED, RECEIVED, RETURNED, REVIEW, STATE_NAMES, Review, reviews_of
from maturity.storage.store import Store

COMMENT_LIMIT = 2000
DECISIONS = ("accept", "return", "reopen")


@dataclass(frozen=True)
class Decision:
    organization: str
    uid: str
    year: int
    action: str
    state: str

    def summary(self) -> str:
        done = {"accept": "принята", "return": "возвращена на доработку", "reopen": "снова получена (приёмка снята)"}
        return f"Оценка «{self.organization}» за {self.year} год {done[self.action]}."


def _clean(text: str, what: str) -> str:
    if not isinstance(text, str):
        raise BadInput(f"{what}: нужен текст")
    cleaned = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()
    if len(cleaned) > COMMENT_LIMIT:
        raise BadInput(f"{what} длиннее {COMMENT_LIMIT} знаков")
    return cleaned


def decide(
    store: Store,
    org: Organization,
    year: int,
    action: str,
    comment: str = "",
    questions: Mapping[str, str] | None = None,
) -> Decision:
    """Accept, return or reopen the organization's assessment of ``year``; BadInput (nothing written) when
    there is none, when the step does not follow from its state, or a comment names no question of its method."""
    if action not in DECISIONS:
        raise ValueError(f"unknown decision {action!r}")
    comment = _clean(comment, "комментарий")
    notes = {
        str(q).strip(): _clean(text, f"комментарий к вопросу {shorten(str(q))}")
        for q, text in (questions or {}).items()
    }
    notes = {q: text for q, text in notes.items() if text}
    if action != "return" and notes:
        raise BadInput("комментарии к вопросам пишутся только при возврате на доработку (review return)")
    with store.atomic():
        organization = store.get_organization(store.stored_id(org))
        if organization is None:
            raise BadInput("организации уже нет в базе")
        assessment = store.get_assessment(organization, year)
        if assessment is None or assessment.id is None:
            raise BadInput(f"у организации «{organization.name}» нет оценки за {year} год — решать нечего")
        review = reviews_of(store.session, [assessment.id])[assessment.id]
        _check_step(organization.name, year, action, review)
        if action == "accept" and assessment.status != "complete":
            raise BadInput(
                f"оценка «{organization.name}» за {year} год — черновик (есть вопросы без ответа): принимается только "
                "завершённая; верните её на доработку"
            )
        if action == "return":
            profile = store.profile_of(assessment)
            unknown = [q for q in notes if q not in profile.questions]
            if unknown:
                raise BadInput(
                    f"в методике «{profile.id}» {profile.version} нет вопроса {', '.join(shorten(q) for q in unknown)}"
                )
            if not comment and not notes:
                raise BadInput("при возврате на доработку напишите, что исправить: общий комментарий или к вопросу")
        state = {"accept": ACCEPTED, "return": RETURNED, "reopen": RECEIVED}[action]
        now = utcnow()
        row = {
            "assessment_id": assessment.id,
            "state": state,
            "comment": comment if action != "accept" or comment else "",
            "questions": notes,
            "decided_at": now,
            "decided_by": store.actor[:300],
            "sent_state": review.sent_state,
            "sent_comment": review.sent_comment,
            "sent_questions": review.sent_questions,
            "sent_by": review.sent_by,
        }
        store.session.execute(REVIEW.delete().where(REVIEW.c.assessment_id == assessment.id))
        store.session.execute(REVIEW.insert().values(**row))
        score = store.get_score(assessment)
        index = score.index if score is not None else None
        detail = {"from": review.state, "to": state, "comment": comment, "questions": notes}
        store.journal([Entry(action, organization.uid, organization.name, year, index, index, detail=detail)])
    return Decision(organization.name, organization.uid, year, action, state)


def _check_step(name: str, year: int, action: str, review: Review) -> None:
    what = f"оценка «{name}» за {year} год"
    state = STATE_NAMES[review.state]
    if action == "accept" and review.state == ACCEPTED:
        raise BadInput(f"{what} уже принята ({review.decided_by or '—'})")
    if action == "return" and review.state == ACCEPTED:
        raise BadInput(f"{what} принята; чтобы вернуть её на доработку, сначала снимите приёмку (review reopen)")
    if action == "reopen" and review.state != ACCEPTED:
        raise BadInput(f"{what} не принята (она {state}); снимать нечего")


def review_of(store: Store, org: Organization, year: int) -> Review | None:
    """The review of the organization's assessment of ``year`` (None: no assessment)."""
    assessment = store.get_assessment(org, year)
    if assessment is None or assessment.id is None:
        return None
    return reviews_of(store.session, [assessment.id])[assessment.id]


def review_counts(store: Store, assessment_ids: list[int]) -> dict[str, int]:
    """How many of these assessments are in each state."""
    counts = dict.fromkeys((RECEIVED, ACCEPTED, RETURNED), 0)
    for review in reviews_of(store.session, assessment_ids).values():
        counts[review.state] += 1
    return counts


def return_file_name(name: str, year: int) -> str:
    """The file a returned assessment is written to for its chair: the organization's name with only
    letters, digits, spaces and dashes (a name is never a path), at most 80 of them."""
    kept = "".join(ch if ch.isalnum() or ch in " -" else "_" for ch in name).strip(" _") or "организация"
    return f"{kept[:80].rstrip()}-{year}-на-доработку.json"
