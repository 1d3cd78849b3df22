"""A change of an organization's own targets as a journal entry («targets»), and the lock of an accepted year.

The entry names the organization and the year, and holds, for every target that changed and for the decision,
the value before and after: the numbers (``values``: slot id → [before, after], None where none was approved;
``decision``: [before, after] as body, number and date), so the entries of a year replay to the kept targets
(:func:`replayed`); and the words people read (``shown``: [what, before, after] as the method writes them —
«Целевая доля расходов», «5 %» — kept in the entry, since the journal has no method to read them by).

Own targets of a year whose assessment is accepted do not change: the share of them met is part of the
accepted figures (the report's column, the passport). The refusal says who accepted it and how to reopen it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from maturity.engine.own_targets import Decision, OwnTargets, slot_by_id
from maturity.method.profile import Profile
from maturity.storage.journal import Entry, JournalRow
from maturity.storage.store import ASSESSMENT, REVIEW, AssessmentLocked, Store, accepted_by
from maturity.views.numbers import NO_FIGURE
from maturity.views.own_targets_text import approved_text

TARGETS_ACTION = "targets"
SET, CHANGE, CLEAR = "set", "change", "clear"
KIND_LABELS = {SET: "целевые показатели утверждены", CHANGE: "целевые показатели изменены",
               CLEAR: "целевые показатели удалены"}  # fmt: skip
DECISION_LABEL = "решение"


def _decision_json(decision: Decision) -> dict[str, Any]:
    return {"body": decision.body, "number": decision.number, "date": decision.date}


def _decision_of(data: Mapping[str, Any] | None) -> Decision:
    data = data or {}
    return Decision(str(data.get("body") or ""), str(data.get("number") or ""), data.get("date") or None)


def _kept(targets: OwnTargets | None) -> bool:
    return targets is not None and (bool(targets.values) or not targets.decision.empty)


def change_detail(profile: Profile, before: OwnTargets | None, after: OwnTargets | None) -> dict[str, Any] | None:
    """What changed from ``before`` to ``after`` (None: none kept) as an entry's detail; None when nothing did."""
    old = {k: float(v) for k, v in (before.values if before is not None else {}).items()}
    new = {k: float(v) for k, v in (after.values if after is not None else {}).items()}
    old_decision = before.decision if before is not None else Decision()
    new_decision = after.decision if after is not None else Decision()
    slots = slot_by_id(profile)
    order = {slot_id: n for n, slot_id in enumerate(slots)}
    changed = sorted((k for k in old.keys() | new.keys() if old.get(k) != new.get(k)),
                     key=lambda k: (order.get(k, len(order)), k))  # fmt: skip
    if not changed and old_decision == new_decision:
        return None
    kind = CHANGE if _kept(before) and _kept(after) else CLEAR if _kept(before) else SET
    shown: list[list[str]] = []
    detail: dict[str, Any] = {"kind": kind, "values": {k: [old.get(k), new.get(k)] for k in changed}}
    if old_decision != new_decision:
        detail["decision"] = [_decision_json(old_decision), _decision_json(new_decision)]
        shown.append([DECISION_LABEL, old_decision.text() or NO_FIGURE, new_decision.text() or NO_FIGURE])
    labels = Counter(slot.label for slot in slots.values())
    for k in changed:
        slot = slots.get(k)
        label = k if slot is None else slot.label if labels[slot.label] == 1 else f"{slot.label} ({k})"
        shown.append([label, *(NO_FIGURE if v is None else approved_text(slot, v) if slot is not None else str(v)
                               for v in (old.get(k), new.get(k)))])  # fmt: skip
    detail["shown"] = shown
    return detail


def change_entry(
    organization_uid: str,
    organization_name: str,
    year: int,
    profile: Profile,
    before: OwnTargets | None,
    after: OwnTargets | None,
    file_name: str | None = None,
    file_sha256: str | None = None,
) -> Entry | None:
    """The journal entry of a change of the organization's targets for ``year``; None when nothing changed."""
    detail = change_detail(profile, before, after)
    if detail is None:
        return None
    return Entry(TARGETS_ACTION, organization_uid, organization_name, year, file_name=file_name,
                 file_sha256=file_sha256, detail=detail)  # fmt: skip


def change_text(detail: Mapping[str, Any]) -> str:
    """«решение: — → Президиум № 7 от 18.12.2025; Целевая доля расходов: 5 % → 7 %» (the journal's note)."""
    return "; ".join(f"{what}: {old} → {new}" for what, old, new in detail.get("shown") or [])


def kind_label(detail: Mapping[str, Any]) -> str:
    return KIND_LABELS.get(str(detail.get("kind")), KIND_LABELS[CHANGE])


def replayed(rows: Iterable[JournalRow], year: int) -> OwnTargets | None:
    """The targets the «targets» entries among ``rows`` (one organization's, oldest first) leave for ``year``,
    replayed from none; None when they leave none."""
    values: dict[str, float] = {}
    decision = Decision()
    for row in rows:
        if row.action != TARGETS_ACTION or row.year != year:
            continue
        for slot_id, (_, after) in (row.detail.get("values") or {}).items():
            if after is None:
                values.pop(slot_id, None)
            else:
                values[slot_id] = float(after)
        if "decision" in row.detail:
            decision = _decision_of(row.detail["decision"][1])
    targets = OwnTargets(year, values, decision)
    return targets if _kept(targets) else None


def accepted_lock(store: Store, org_id: int, year: int) -> tuple[str, Any] | None:
    """(who, when) accepted the organization's assessment of ``year``; None when it is not accepted."""
    a, r = ASSESSMENT.c, REVIEW.c
    row = store.session.execute(
        sa.select(r.decided_by, r.decided_at)
        .join(ASSESSMENT, a.id == r.assessment_id)
        .where(a.organization_id == org_id, a.year == year, r.state == "accepted")
    ).first()
    return None if row is None else (row.decided_by, row.decided_at)


def locked_targets_reason(name: str, uid: str, year: int, decided_by: str, decided_at: Any) -> str:
    """Why an accepted year's own targets are not changed: who accepted it and when, and how to reopen it."""
    return (
        f"целевые показатели организации «{name}» на {year} год не меняются: оценка за {year} год принята "
        f"({accepted_by(decided_by, decided_at)}), и выполнение этих целей — часть принятых цифр; чтобы изменить "
        f"цели, сначала снимите приёмку: «maturity review reopen --org {uid} --year {year}» или «Снять приёмку» в "
        "окне сравнения"
    )


def refuse_if_accepted(store: Store, org_id: int, name: str, uid: str, year: int) -> None:
    """AssessmentLocked (a Russian reason) when the year's assessment is accepted."""
    lock = accepted_lock(store, org_id, year)
    if lock is not None:
        raise AssessmentLocked(locked_targets_reason(name, uid, year, *lock))
