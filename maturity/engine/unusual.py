"""What is unusual in a year's group of assessments, before the higher body accepts them (pure arithmetic).

Three rules, each over the numbers the method asks for (questions of type ``int`` and ``number``):

- **far from its group**: the value lies further than ``K`` robust deviations from the median of the
  organizations of the same level and the same size band (by members). The deviation is the median
  absolute deviation scaled to a normal σ (1.4826·MAD); when more than half the group gives the same value
  (MAD 0), the mean absolute deviation of the *other* organizations scaled the same way (1.2533·MeanAD)
  stands in, and when all the others agree exactly, a tenth of the median (nothing is judged against a
  median of 0 that all the others give). A group of fewer than ``MIN_GROUP`` organizations is not judged.
- **a five-fold jump**: a count (an ``int`` question other than the members themselves) more than
  ``JUMP`` times last year's. When both years give the members, the count per member is compared instead: an
  organization that itself grew (last year's figures show it: its members grew with the count) is a real
  grower and is not flagged.
- **above the members**: a count the method limits by another answer (``max_question``, e.g. members
  reached ≤ members) that exceeds it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

K = 5.0
MIN_GROUP = 5
JUMP = 5.0
MAD_SCALE = 1.4826
MEAN_AD_SCALE = 1.2533
BANDS = (100, 500, 2000, 10000)  # members: below 100, 100–499, 500–1999, 2000–9999, 10 000 and more
BAND_LABELS = ("до 100 членов", "100–499 членов", "500–1999 членов", "2000–9999 членов", "10 000 членов и больше")


@dataclass(frozen=True)
class Subject:
    """One assessment as the check sees it: whose, the level, the members, the answers (this year's and
    last year's, with last year's members), and the questions it may be judged on."""

    key: str
    name: str
    level: str | None
    members: float | None
    answers: Mapping[str, Any]
    numbers: Mapping[str, str]  # question id → its type ("int" or "number")
    limits: Mapping[str, str]  # question id → the question that bounds it (max_question)
    members_question: str
    last_answers: Mapping[str, Any] | None = None
    last_members: float | None = None


@dataclass(frozen=True)
class Finding:
    key: str
    name: str
    question_id: str
    kind: str  # "far", "jump", "above"
    value: float
    reference: float  # the group's median, last year's value, or the bound
    group: str = ""  # "far": the group's description; "jump": the factor


def size_band(members: float | None) -> int | None:
    if members is None:
        return None
    return sum(1 for edge in BANDS if members >= edge)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def deviations(values: Sequence[float]) -> tuple[float, list[float]]:
    """The median, and for each value the robust deviation it is judged by (see the module's text)."""
    centre = median(values)
    distances = [abs(v - centre) for v in values]
    mad = median(distances)
    if mad > 0:
        return centre, [MAD_SCALE * mad] * len(values)
    total, others = sum(distances), len(values) - 1
    floor = 0.1 * abs(centre)
    return centre, [max(MEAN_AD_SCALE * (total - d) / others, floor) for d in distances]


def far_from_group(subjects: Sequence[Subject], k: float = K, min_group: int = MIN_GROUP) -> list[Finding]:
    groups: dict[tuple[str | None, int | None], list[Subject]] = defaultdict(list)
    for s in subjects:
        groups[(s.level, size_band(s.members))].append(s)
    found = []
    for (level, band), members in groups.items():
        if band is None or len(members) < min_group:
            continue
        questions = sorted({q for s in members for q in s.numbers})
        for qid in questions:
            values = [(s, _number(s.answers.get(qid))) for s in members]
            present = [(s, v) for s, v in values if v is not None]
            if len(present) < min_group:
                continue
            centre, judged_by = deviations([v for _, v in present])
            for (s, v), deviation in zip(present, judged_by, strict=True):
                if deviation > 0 and abs(v - centre) > k * deviation:
                    label = f"{level or 'уровень не указан'}, {BAND_LABELS[band]}, организаций: {len(present)}"
                    found.append(Finding(s.key, s.name, qid, "far", v, centre, label))
    return found


def jumps(subjects: Sequence[Subject], factor: float = JUMP) -> list[Finding]:
    found = []
    for s in subjects:
        if s.last_answers is None:
            continue
        for qid, kind in s.numbers.items():
            if kind != "int" or qid == s.members_question:
                continue
            now, before = _number(s.answers.get(qid)), _number(s.last_answers.get(qid))
            if now is None or before is None or before <= 0:
                continue
            growth = now / before
            if s.members and s.last_members and s.members > 0 and s.last_members > 0:
                growth /= s.members / s.last_members  # per member: an organization that grew is a real grower
            if growth > factor:
                found.append(Finding(s.key, s.name, qid, "jump", now, before, f"{growth:.1f}"))
    return found


def above_limits(subjects: Sequence[Subject]) -> list[Finding]:
    found = []
    for s in subjects:
        for qid, bound in s.limits.items():
            value, limit = _number(s.answers.get(qid)), _number(s.answers.get(bound))
            if value is not None and limit is not None and value > limit:
                found.append(Finding(s.key, s.name, qid, "above", value, limit, bound))
    return found


def unusual(subjects: Sequence[Subject]) -> list[Finding]:
    """Every finding of the three rules, by organization, then question."""
    order = {s.key: position for position, s in enumerate(subjects)}
    found = [*far_from_group(subjects), *jumps(subjects), *above_limits(subjects)]
    return sorted(found, key=lambda f: (order[f.key], f.question_id, f.kind))
