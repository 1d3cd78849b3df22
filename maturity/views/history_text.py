"""``maturity history``: an organization's assessments by year, with the version (and text) of the method
each was scored with and its explicit re-scorings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from maturity.method.profile import SHORT_HASH_LENGTH
from maturity.views.numbers import format_score

ASSESSMENT_STATUS = {"complete": "завершена", "draft": "черновик"}


def _short(sha256: str | None) -> str:
    return sha256[:SHORT_HASH_LENGTH] if sha256 else "—"


def _when(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y %H:%M")


def rescore_line(rescore: Any) -> str:
    """«пересчитана 02.12.2026 12:00 по версии 2026.1 (была 2025.1), ivanova»."""
    who = f", {rescore.rescored_by}" if rescore.rescored_by else ""
    return (
        f"    пересчитана {_when(rescore.rescored_at)} по версии {rescore.to_version} "
        f"(хэш {_short(rescore.to_sha256)}; была {rescore.from_version}, хэш {_short(rescore.from_sha256)}){who}"
    )


def history_lines(name: str, rows: Sequence[tuple[Any, float | None, Sequence[Any]]]) -> list[str]:
    """The lines of an organization's history: (assessment, its index, its re-scorings) per year."""
    if not rows:
        return [f"У организации «{name}» нет оценок."]
    lines = [f"Оценки организации «{name}»:", "год\tметодика\tверсия\tхэш\tиндекс\tсостояние"]
    for assessment, index, rescores in rows:
        status = ASSESSMENT_STATUS.get(assessment.status, assessment.status)
        lines.append(
            f"{assessment.year}\t{assessment.profile_id}\t{assessment.profile_version}\t"
            f"{_short(assessment.profile_sha256)}\t{format_score(index)}\t{status}"
        )
        lines.extend(rescore_line(rescore) for rescore in rescores)
    return lines
