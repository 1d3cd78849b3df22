"""How a place among peers reads: «среди 120: 63-й процентиль», for the command line and the result page."""

from __future__ import annotations

from collections.abc import Mapping

from maturity.engine.benchmark import PERCENTILES, PeerPosition
from maturity.engine.rounding import rounded
from maturity.method.profile import Profile
from maturity.views.numbers import NO_FIGURE, NOT_SCORED, format_score

INDEX_TITLES = {"index": "Индекс", "digital_index": "Индекс цифровой зрелости"}


def percentile_text(percentile: float | None) -> str:
    """«63-й процентиль»; at the ends of what a benchmark can tell, «ниже 10-го» / «выше 90-го»."""
    if percentile is None:
        return NOT_SCORED
    if percentile <= PERCENTILES[0]:
        return f"не выше {PERCENTILES[0]}-го процентиля"
    if percentile >= PERCENTILES[-1]:
        return f"не ниже {PERCENTILES[-1]}-го процентиля"
    return f"{int(rounded(percentile, 0))}-й процентиль"


def peer_text(position: PeerPosition | None) -> str:
    """The cell of the result page's «Среди других» column: «среди 120: 63-й процентиль»."""
    if position is None:
        return NO_FIGURE
    return f"среди {position.n}: {percentile_text(position.percentile)}"


def peers_lines(profile: Profile, level: str | None, peers: Mapping[str, PeerPosition] | None, year: int) -> str:
    """The block ``maturity score --benchmark`` prints after the score."""
    where = profile.organization_level_label(level)
    if peers is None:
        return f"\nСравнение с другими ({year} год): в файле нет группы «{where}» — сравнивать не с кем.\n"
    lines = ["", f"Сравнение с другими ({where}, {year} год):"]
    labels = {k.id: f"{k.id.upper()} {k.title}" for k in profile.kpis} | INDEX_TITLES
    width = max(len(label) for label in labels.values()) + 1
    for key, position in peers.items():
        median = format_score(position.median)
        lines.append(f"  {labels.get(key, key):<{width}} {peer_text(position)} (медиана {median})")
    return "\n".join(lines) + "\n"
