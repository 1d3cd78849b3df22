"""``maturity review check`` and the window's «Проверить необычное»: the unusual values of a year's
assessments (:mod:`maturity.engine.unusual`) with each question's text, as text and as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from maturity.engine.rounding import round_figure
from maturity.engine.unusual import JUMP, Finding, Subject, unusual
from maturity.method.profile import Profile
from maturity.storage.models import Organization
from maturity.storage.queries import in_group
from maturity.storage.store import ASSESSMENT, ORGANIZATION, Store
from maturity.views.numbers import format_score


@dataclass(frozen=True)
class Unusual:
    """A finding with what a person needs to read it: the organization's code, the question's text."""

    finding: Finding
    question_text: str
    reason: str


def _subject_parts(profile: Profile) -> tuple[dict[str, str], dict[str, str]]:
    numbers = {q.id: str(q.type) for q in profile.questions.values() if q.type in ("int", "number")}
    limits = {q.id: q.max_question for q in profile.questions.values() if q.max_question}
    return numbers, limits


def unusual_values(store: Store, year: int, parent: Organization | None = None) -> list[Unusual]:
    """The unusual values of the assessments of ``year`` (of ``parent``'s group when given)."""
    a, o = ASSESSMENT.c, ORGANIZATION.c
    query = (
        sa.select(o.uid, o.name, o.level, o.members, a.year, a.answers, a.profile_id, a.profile_version,
                  a.profile_sha256)
        .select_from(ASSESSMENT.join(ORGANIZATION, o.id == a.organization_id))
        .where(a.year.in_([year, year - 1]))
        .order_by(o.name, o.id)
    )  # fmt: skip
    if parent is not None:
        query = query.where(in_group(store.session, o.id, store.stored_id(parent)))
    catalog = store.catalog()
    profiles: dict[tuple[str, str, str | None], Profile] = {}
    this: dict[str, tuple[Any, ...]] = {}
    last: dict[str, tuple[Any, ...]] = {}
    for row in store.session.execute(query):
        (this if row.year == year else last)[row.uid] = tuple(row)
    subjects = []
    by_key: dict[str, Profile] = {}
    for uid, (_, name, level, members, _y, answers, pid, version, sha) in this.items():
        key = (pid, version, sha)
        if key not in profiles:
            profiles[key] = catalog.find(pid, version, sha)
        profile = profiles[key]
        by_key[uid] = profile
        numbers, limits = _subject_parts(profile)
        members_question = profile.organization_question("members")
        own_members = answers.get(members_question, members)
        before = last.get(uid)
        subjects.append(
            Subject(uid, name, level, own_members, answers, numbers, limits, members_question,
                    None if before is None else before[5],
                    None if before is None else before[5].get(members_question))
        )  # fmt: skip
    return [_explained(f, by_key[f.key], year) for f in unusual(subjects)]


def _explained(f: Finding, profile: Profile, year: int) -> Unusual:
    question = profile.questions.get(f.question_id)
    text = question.text if question is not None else f.question_id
    value, reference = _shown(f.value), _shown(f.reference)
    if f.kind == "far":
        reason = f"{value} — далеко от медианы {reference} в группе ({f.group})"
    elif f.kind == "jump":
        reason = (
            f"{value} при {reference} в {year - 1} году: рост в "
            f"{f.group.replace('.', ',')} раза (больше чем в {JUMP:.0f} раз с учётом численности)"
        )
    else:
        bound = profile.questions.get(f.group)
        named = bound.text if bound is not None else f.group
        reason = f"{value} — больше, чем «{named}» ({reference}); методика этого не допускает"
    return Unusual(f, text, reason)


def _shown(value: float) -> str:
    """A whole number as it was typed («1200»), another to one decimal the Russian way."""
    return str(int(value)) if float(value).is_integer() else format_score(value)


KIND_LABELS = {"far": "далеко от группы", "jump": "рост больше чем в пять раз", "above": "больше численности"}


def check_document(year: int, found: Sequence[Unusual]) -> dict[str, Any]:
    return {
        "year": year,
        "findings": [
            {
                "organization_id": u.finding.key,
                "name": u.finding.name,
                "question_id": u.finding.question_id,
                "question": u.question_text,
                "kind": u.finding.kind,
                "value": round_figure(u.finding.value),
                "reference": round_figure(u.finding.reference),
                "reason": u.reason,
            }
            for u in found
        ],
    }


def check_text(year: int, found: Sequence[Unusual]) -> str:
    if not found:
        return f"Необычных значений в оценках за {year} год не найдено."
    lines = [f"Необычные значения в оценках за {year} год: {len(found)}", ""]
    current = None
    for u in found:
        if u.finding.key != current:
            current = u.finding.key
            lines.append(f"«{u.finding.name}» ({u.finding.key})")
        lines.append(f"  {u.finding.question_id} — {u.question_text}")
        lines.append(f"    {KIND_LABELS[u.finding.kind]}: {u.reason}")
    return "\n".join(lines)
