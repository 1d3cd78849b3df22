"""How a draft's index reads: the range it can still end in («от 41,2 до 88,0») and its level only when
the whole range lies within one (:mod:`maturity.engine.draft_range`). The window, the main window's table,
the passport and ``maturity score`` all take their words from here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maturity.views.numbers import NO_FIGURE, format_score

if TYPE_CHECKING:
    from maturity.engine.draft_range import IndexRange
    from maturity.method.profile import Profile

LEVEL_UNSETTLED = "пока не ясен"
RANGE_NOTE = (
    "Индекс ещё может оказаться в этих пределах — от худших до лучших ответов на оставшиеся вопросы; "
    "уровень показан, только когда весь этот диапазон лежит в одном уровне."
)


def range_text(span: IndexRange | None) -> str:
    """«от 41,2 до 88,0»; one figure when both ends round alike; «—» when no index is possible."""
    if span is None:
        return NO_FIGURE
    low, high = format_score(span.low), format_score(span.high)
    return low if low == high else f"от {low} до {high}"


def short_range_text(span: IndexRange | None) -> str:
    """«41,2–88,0» for a table's cell."""
    if span is None:
        return NO_FIGURE
    low, high = format_score(span.low), format_score(span.high)
    return low if low == high else f"{low}–{high}"


def range_level_text(profile: Profile, span: IndexRange | None) -> str:
    """The level's name when the whole range lies within it, else «пока не ясен»."""
    if span is None or span.level is None:
        return LEVEL_UNSETTLED
    return profile.level_label(span.level)
