"""The journal as people read it: ``maturity journal`` (a table or JSON) and the «Журнал» tab.

An organization's entries are those under its code and under every code it answers to (a record merged
into it keeps its entries under its old code). Figures through :mod:`maturity.views.numbers` and
:func:`maturity.engine.rounding.round_figure`: the index reads as in every other place.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from maturity.engine.rounding import round_figure
from maturity.storage.journal import JournalRow, journal_rows, local_time
from maturity.storage.models import Organization
from maturity.storage.own_targets_journal import TARGETS_ACTION, change_text, kind_label
from maturity.storage.store import Store
from maturity.views.numbers import format_score

ACTION_LABELS = {
    "import": "загрузка файла",
    "replace": "замена из файла",
    "save": "сохранение",
    "rescore": "пересчёт",
    "accept": "принята",
    "return": "возвращена на доработку",
    "reopen": "приёмка снята",
    "merge": "объединение",
    "profile": "установка методики",
    "mark": "оценка комиссии конкурса",
    "targets": "целевые показатели",
}
HEADER = ("Когда", "Кто", "Действие", "Организация", "Год", "Индекс до → после", "Файл, комментарий")


def entries(store: Store, org: Organization | None = None, year: int | None = None) -> list[JournalRow]:
    """The journal, oldest first: of one organization (its codes) and/or one year when given."""
    uids = None if org is None else [org.uid, *store.codes_of(org)]
    return journal_rows(store.session, uids, year)


def who(row: JournalRow) -> str:
    person = row.os_user or "—"
    return f"{person} (роль {row.db_role})" if row.db_role else person


def when(row: JournalRow) -> str:
    return local_time(row.at).strftime("%d.%m.%Y %H:%M:%S")


def change(row: JournalRow) -> str:
    if row.index_before is None and row.index_after is None:
        return "—"
    return f"{format_score(row.index_before)} → {format_score(row.index_after)}"


def note(row: JournalRow) -> str:
    """The file (name and the start of its sha256), the comment, what a merge moved, which method."""
    parts = []
    if row.file_name:
        digest = f" (sha256 {row.file_sha256[:12]}…)" if row.file_sha256 else ""
        parts.append(f"{PurePath(row.file_name).name}{digest}")  # the whole path: --json, the tooltip
    detail = row.detail or {}
    if detail.get("comment"):
        parts.append(f"«{detail['comment']}»")
    questions = detail.get("questions") or {}
    parts += [f"{q}: «{text}»" for q, text in questions.items()]
    if row.action == "merge":
        parts.append(f"влита «{detail.get('merged_name', '')}» ({detail.get('merged_uid', '')})")
    if row.action == "mark":
        parts.append(
            f"номинация {detail.get('nomination', '')}: {detail.get('member', '')} — {detail.get('points', '')}"
        )
    if row.action == "profile":
        parts.append(f"{detail.get('profile', '')} {detail.get('version', '')}")
    if row.action == TARGETS_ACTION:
        parts.append(change_text(detail))
    return "; ".join(parts) or "—"


def action_label(row: JournalRow) -> str:
    """«сохранение», «принята»…; a change of own targets says whether they were approved, changed or removed."""
    if row.action == TARGETS_ACTION:
        return kind_label(row.detail or {})
    return ACTION_LABELS.get(row.action, row.action)


def cells(row: JournalRow) -> tuple[str, ...]:
    """One row as the table and the window show it."""
    org = row.organization_name or "—"
    return (when(row), who(row), action_label(row), org,
            "—" if row.year is None else str(row.year), change(row), note(row))  # fmt: skip


def journal_document(rows: Sequence[JournalRow]) -> list[dict[str, Any]]:
    """``maturity journal --json``."""
    return [
        {
            "at": row.at.isoformat(),
            "os_user": row.os_user,
            "db_role": row.db_role,
            "action": row.action,
            "organization_id": row.organization_uid,
            "organization": row.organization_name,
            "year": row.year,
            "index_before": round_figure(row.index_before),
            "index_after": round_figure(row.index_after),
            "file": row.file_name,
            "sha256": row.file_sha256,
            "detail": row.detail,
        }
        for row in rows
    ]


def journal_text(rows: Sequence[JournalRow]) -> str:
    from maturity.usecases.submission_status import table_lines

    if not rows:
        return "В журнале нет записей."
    return "\n".join([*table_lines(HEADER, [cells(r) for r in rows]), "", f"Записей: {len(rows)}"])
