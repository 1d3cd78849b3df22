"""«Методика изменилась» where a view compares a KPI defined differently in the versions it compares."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from maturity.views.year_change_text import METHOD_CHANGED

if TYPE_CHECKING:
    from maturity.method.profile import Profile

MARK = "†"  # beside a KPI's name in a chart's legend
CHART_FOOTNOTE = f"{MARK} {METHOD_CHANGED}: показатель считается иначе, чем годом раньше"


def kpi_names(profile: Profile, kpi_ids: Iterable[str]) -> list[str]:
    """«K3 Системность…» for each id, in the profile's order."""
    wanted = set(kpi_ids)
    return [f"{kpi.id.upper()} {kpi.title}" for kpi in profile.kpis if kpi.id in wanted]


def comparison_note(profile: Profile, kpi_ids: Iterable[str]) -> str:
    """The comparison's line when its assessments were scored by different definitions of some KPIs ("" when none)."""
    names = kpi_names(profile, kpi_ids)
    if not names:
        return ""
    listed = "; ".join(f"«{name}»" for name in names)
    return (
        f"Методика изменилась: {listed} — в сравниваемых оценках посчитаны по разным версиям методики, "
        "часть различий между ними — от этого."
    )
