"""Who has submitted for a year: what ``maturity status`` prints and what the comparison window exports.

:func:`status_document` is the JSON of ``maturity status --json``; :func:`status_text` the readable
table (figures through :mod:`maturity.views.numbers`); :func:`export_not_submitted` writes the list of
those who have not submitted (no assessment or a draft) to a workbook for reminders.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from maturity.engine.rounding import round_figure
from maturity.exchange.submission_list import STATE_LABELS, write_submission_list
from maturity.method.profile import Profile
from maturity.storage.models import Organization
from maturity.storage.submissions import RegisterRow, Scope, Submission, SubmissionTotals, submissions, totals
from maturity.views.numbers import format_score

NOT_SUBMITTED = ("missing", "draft")
REVIEW_LABELS = {"received": "получена", "accepted": "принята", "returned": "возвращена"}
ALL = Scope()


def status_document(year: int, parent: Organization | None, rows: Sequence[Submission]) -> dict[str, Any]:
    counted = totals(rows)
    return {
        "year": year,
        "parent": None if parent is None else {"organization_id": parent.uid, "name": parent.name},
        "organizations": [
            {
                "organization_id": r.organization_id,
                "name": r.name,
                "level": r.level,
                "parent": r.parent,
                "state": r.state,
                "index_last_year": round_figure(r.index_last_year),
                "review": r.review,
                "review_upstream": r.sent_review if r.sent_review == "accepted" else None,
            }
            for r in rows
        ],  # fmt: skip
        "totals": {
            "expected": counted.expected,
            "complete": counted.complete,
            "draft": counted.draft,
            "missing": counted.missing,
            "accepted": counted.accepted,
        },  # fmt: skip
    }


def review_label(review: str | None, sent: str | None = None) -> str:
    """The review state as the table, the window and the report say it («—»: no assessment)."""
    if review is None:
        return "—"
    if review == "received" and sent == "accepted":
        return "получена (принята территорией)"
    return REVIEW_LABELS[review]


def totals_line(counted: SubmissionTotals) -> str:
    return (
        f"Сдали {counted.submitted}, принято {counted.accepted}; черновиков: {counted.draft}; "
        f"нет оценки: {counted.missing}"
    )


COLUMN_WIDTH = 48  # a column's widest; a longer cell wraps onto more lines of its row, never cut


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width``, broken between words (a word longer than a line is split)."""
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def table_lines(header: Sequence[str], rows: Sequence[Sequence[str]], right: int = 0) -> list[str]:
    """Columns padded to their widest cell (at most :data:`COLUMN_WIDTH`: a longer cell wraps, its row
    taking more lines); the last ``right`` columns aligned right."""
    widths = [min(COLUMN_WIDTH, max(map(len, column))) for column in zip(header, *rows, strict=False)]
    line = "  ".join(f"{{:{'>' if i >= len(header) - right else '<'}{width}}}" for i, width in enumerate(widths))
    lines = []
    for cells in (header, *rows):
        parts = [_wrapped(cell, width) for cell, width in zip(cells, widths, strict=True)]
        for n in range(max(map(len, parts))):
            lines.append(line.format(*(p[n] if n < len(p) else "" for p in parts)).rstrip())
    return lines


def register_text(rows: Sequence[RegisterRow], profile: Profile) -> str:
    """``maturity orgs``: code, name, level, parent, region, sector, members, the consent to be named; placeholders
    marked."""
    table = [
        (r.organization_id, r.name + (" (заготовка)" if r.placeholder else ""),
         profile.organization_level_short(r.level) if r.level else "—", r.parent or "—",
         r.region or "—", r.sector or "—", "—" if r.members is None else str(r.members),
         "да" if r.name_consent else "нет")
        for r in rows
    ]  # fmt: skip
    header = ("Код", "Наименование", "Уровень", "Вышестоящая", "Субъект РФ", "Отрасль", "Численность",
              "Называть")  # fmt: skip
    return "\n".join([*table_lines(header, table, right=1), "", f"Организаций: {len(rows)}"])


def status_text(year: int, parent: Organization | None, rows: Sequence[Submission], profile: Profile) -> str:
    """A plain table: name, level, parent, state, last year's index; then the totals."""
    scope = f"«{parent.name}» и подчинённые" if parent is not None else "все организации"
    lines = [f"Кто сдал оценку за {year} год: {scope}", ""]
    header = ("Наименование", "Уровень", "Вышестоящая", "Состояние", "Проверка", f"Индекс {year - 1}")
    table = [
        (r.name, profile.organization_level_short(r.level) if r.level else "—", r.parent or "—",
         STATE_LABELS[r.state], review_label(r.review, r.sent_review), format_score(r.index_last_year))
        for r in rows
    ]  # fmt: skip
    lines += [*table_lines(header, table, right=1), "", totals_line(totals(rows))]
    return "\n".join(lines)


def export_not_submitted(
    db: Any, profile: Profile, year: int, path: str | Path, scope: Scope = ALL, scope_name: str = "все организации"
) -> int:
    """Write the organizations of ``scope`` without a complete assessment for ``year``; their number."""
    from maturity.storage.queries import latest_answers

    rows = submissions(db, year, scope)
    missing = [r for r in rows if r.state in NOT_SUBMITTED]
    keys = contact_questions(profile)
    given = latest_answers(db, [r.id for r in missing], keys)
    contacts = {org_id: "; ".join(answers[k] for k in keys if k in answers) for org_id, answers in given.items()}
    write_submission_list(
        missing, path, year=year, scope=scope_name, submitted=totals(rows).submitted, profile=profile, contacts=contacts
    )
    return len(missing)


def contact_questions(profile: Profile) -> list[str]:
    """The questions about the organization whose answers are how to reach it: its personal questions (who fills
    in the assessment and their role — a method version that asks for the chair's phone or e-mail marks those
    ``personal: true`` too), in the method's order."""
    personal = profile.personal_question_ids
    return [q.id for s in profile.data.sections for q in s.questions if q.id in personal and q.type == "text"]
