"""The annual contest's arithmetic (смотр-конкурс): final scores, rankings with places, winners.

Pure functions over plain values; who takes part, and the marks, come from :mod:`maturity.usecases.contest`.

- The final score of a nomination is the method's score plus the commission's weight × the mean of the
  commission members' marks (no mark: the method's score alone).
- Participants are compared by their final score as it is reported (one decimal, halves up: the figure
  the protocol prints), higher first. The tie rule: between equal final scores the higher index
  (as reported) ranks first; equal in both, the participants share the place (1, 1, 3…).
- Prize places are the places 1…N (N from the contest's rules); every participant placed within them
  is a winner (a shared third place gives two third-place winners).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from maturity.engine.rounding import round_figure

TIE_RULE = (
    "При равенстве итоговых баллов выше стоит участник с более высоким индексом зрелости; при равенстве и "
    "индекса участники делят место."
)


@dataclass(frozen=True)
class Mark:
    """One commission member's mark for one participant in one nomination."""

    member: str
    points: float
    remark: str = ""
    marked_by: str = ""
    marked_at: datetime | None = None


@dataclass(frozen=True)
class Entrant:
    """A participant in one nomination: its method score (None: the nomination's figure is not assessed
    for it — it is left out of that ranking) and the commission's marks."""

    organization_id: str  # the organization's code (uid)
    name: str
    level: str | None
    band: str | None
    score: float | None
    index: float | None
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Placed:
    entrant: Entrant
    mean_mark: float | None
    final: float
    place: int
    winner: bool

    @property
    def shown_final(self) -> float:
        value = round_figure(self.final)
        return 0.0 if value is None else value


@dataclass(frozen=True)
class Rules:
    mark_min: float = 0.0
    mark_max: float = 10.0
    commission_weight: float = 1.0
    prize_places: int = 3


def mean_mark(marks: Sequence[Mark]) -> float | None:
    return sum(m.points for m in marks) / len(marks) if marks else None


def final_score(score: float, marks: Sequence[Mark], weight: float) -> float:
    """The method's score + weight × the commission's mean mark (the score alone without marks)."""
    mean = mean_mark(marks)
    return score if mean is None else score + weight * mean


def _order_key(final: float, index: float | None) -> tuple[float, float]:
    shown_index = round_figure(index)
    return (-(round_figure(final) or 0.0), -(shown_index if shown_index is not None else -1.0))


def rank(entrants: Sequence[Entrant], rules: Rules) -> list[Placed]:
    """The ranking of one group in one nomination: entrants without a score left out, places by the tie
    rule (:data:`TIE_RULE`), names in alphabetical order within a shared place; winners the first prize places."""
    scored = []
    for entrant in entrants:
        if entrant.score is None:
            continue
        final = final_score(entrant.score, entrant.marks, rules.commission_weight)
        scored.append((_order_key(final, entrant.index), entrant.name.casefold(), entrant.organization_id, final,
                       entrant))  # fmt: skip
    scored.sort(key=lambda item: (item[0], item[1], item[2]))
    placed: list[Placed] = []
    previous_key: tuple[float, float] | None = None
    place = 0
    for position, (key, _name, _uid, final, entrant) in enumerate(scored, start=1):
        if key != previous_key:
            place, previous_key = position, key
        placed.append(Placed(entrant, mean_mark(entrant.marks), final, place, place <= rules.prize_places))
    return placed


@dataclass(frozen=True)
class Group:
    """The participants of one organization level and member-size band."""

    level: str | None
    level_label: str
    band: str | None
    band_label: str
    ranking: tuple[Placed, ...]

    @property
    def winners(self) -> tuple[Placed, ...]:
        return tuple(p for p in self.ranking if p.winner)


@dataclass(frozen=True)
class Practice:
    """What a winner answered behind a nomination's figure: question text → answer as text."""

    organization_id: str
    name: str
    place: int
    group: str
    answers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class NominationResult:
    id: str
    title: str
    by: str
    by_label: str  # the figure in words («индекс», «K4 …», «K6 … — компонент stand»)
    description: str
    groups: tuple[Group, ...]
    practices: tuple[Practice, ...] = ()


@dataclass(frozen=True)
class ContestResults:
    """Everything the protocol, the diplomas, the JSON and the window show."""

    year: int
    scope: str  # «все организации базы» or the parent organization's name
    profile_title: str
    rules: Rules
    commission: tuple[str, ...]
    nominations: tuple[NominationResult, ...]
    participants: int
    left_out: dict[str, int] = field(default_factory=dict)  # why not taking part → how many

    def nomination(self, nomination_id: str) -> NominationResult:
        for nomination in self.nominations:
            if nomination.id == nomination_id:
                return nomination
        raise KeyError(nomination_id)
