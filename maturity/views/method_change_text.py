"""«Методика изменилась» where a view compares a figure defined differently in the versions it compares."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from maturity.views.year_change_text import METHOD_CHANGED

if TYPE_CHECKING:
    from maturity.method.profile import Profile

MARK = "†"  # beside a KPI's name in a chart's legend
CHART_FOOTNOTE = f"{MARK} {METHOD_CHANGED}: считается иначе, чем годом раньше"


def kpi_names(profile: Profile, kpi_ids: Iterable[str]) -> list[str]:
    """«K3 Системность…» for each id, in the profile's order."""
    wanted = set(kpi_ids)
    return [f"{kpi.id.upper()} {kpi.title}" for kpi in profile.kpis if kpi.id in wanted]


FIGURE_NAMES = {"index": "Индекс", "digital_index": "Индекс цифровой зрелости", "level": "Уровень зрелости"}


def figure_names(profile: Profile, figure_ids: Iterable[str]) -> list[str]:
    """The names of figures (``index``, ``digital_index``, ``level``, KPI ids, norm ids), in the order a result
    shows them: the index, the digital index, the level, the KPIs, the norms."""
    wanted = set(figure_ids)
    names = [name for figure, name in FIGURE_NAMES.items() if figure in wanted]
    names += kpi_names(profile, wanted)
    names += [f"норматив «{norm.title}»" for norm in profile.norms if norm.id in wanted]
    return names


def short_figure_names(profile: Profile, figure_ids: Iterable[str]) -> str:
    """«индекс, K5, норматив n1_funding» — a cell's short list, in the same order."""
    wanted = set(figure_ids)
    names = [name.lower() for figure, name in FIGURE_NAMES.items() if figure in wanted]
    names += [kpi.id.upper() for kpi in profile.kpis if kpi.id in wanted]
    names += [f"норматив {norm.id}" for norm in profile.norms if norm.id in wanted]
    return ", ".join(names)


def comparison_note(profile: Profile, figure_ids: Iterable[str]) -> str:
    """The comparison's line when its assessments were scored by different definitions of some figures ("" when none)."""
    names = figure_names(profile, figure_ids)
    if not names:
        return ""
    listed = "; ".join(f"«{name}»" for name in names)
    return (
        f"Методика изменилась: {listed} — в сравниваемых оценках посчитаны по разным версиям методики, "
        "часть различий между ними — от этого."
    )
