"""A draft's index as the range it can still end in (issue 21: «a draft flatters»).

A draft with a third of its answers may show 82,3 «Лидер» and end at 77,8 «Продвинутый». So a draft's
index is told as the range of every index its answers still allow: the unanswered questions at their
worst and at their best («от 41,2 до 88,0»), and its level only when that whole range lies within one
level.

How the range is found, soundly (the final index always lies inside it):

1. A question's *counted* answer (given and relevant, :mod:`maturity.engine.relevance`) is **settled**
   when no answer still to come can change it: it is given and its relevance is settled, or its
   relevance is settled to «not asked». Relevance is settled when the answer its condition reads is.
2. Each component's formula is run on the counted answers with a recorder of the answers it reads.
   A formula is a deterministic function of what it reads, so when everything it read is settled (and
   the organization's size and level, which targets use, are), its value — a number, or n/a — is final.
   Any other component may still end anywhere in [0, 1], or n/a.
3. A weighted mean over final values and open ones is lowest when every open one that is below the mean
   so far is counted at 0 and the others left out — taken in ascending order, this greedy choice is
   optimal — and highest likewise. A KPI's range comes from its components, the index's from the KPIs.

A question read by two components is treated as free in each: the range may be wider than the exact one,
never narrower.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from maturity.engine.scoring import Scorer, scorer_for
from maturity.method.profile import Profile


@dataclass(frozen=True)
class Span:
    """Where a weighted mean of values can end: ``low``..``high``; ``may_be_missing``: it may be n/a."""

    low: float
    high: float
    may_be_missing: bool = False


@dataclass(frozen=True)
class IndexRange:
    """A draft's index: ``low``..``high`` (unrounded), and the level only when the range fits one."""

    low: float
    high: float
    level: str | None

    def to_json(self) -> list[float | None]:
        from maturity.engine.rounding import round_figure

        return [round_figure(self.low), round_figure(self.high)]


class _Recorder(dict):
    """The counted answers, noting every id a formula reads."""

    def __init__(self, answers: Mapping[str, Any]):
        super().__init__(answers)
        self.read: set[str] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.read.add(key)  # type: ignore[arg-type]
        return super().__contains__(key)


def settled_ids(profile: Profile, answers: Mapping[str, Any]) -> set[str]:
    """The question ids whose counted answer (or its absence) no answer still to come can change."""
    given = {k for k, v in answers.items() if v is not None and v != ""}
    counted, hidden = scorer_for(profile).relevance.split(answers)
    settled: set[str] = set()
    for section in profile.sections:
        for question in section.questions:
            qid = question.id
            condition = question.relevant_if
            relevance_settled = condition is None or condition.question in settled
            if relevance_settled and (qid in hidden or qid in given):
                settled.add(qid)
    return settled


def _weighted_mean_span(fixed: list[tuple[float, float]], free: list[tuple[float, Span]]) -> Span | None:
    """The range of ``Σ w·v / Σ w`` over the fixed (weight, value) pairs and the free (weight, span) ones,
    a free one counted anywhere in its span or, when it may be n/a, left out. None: always n/a."""
    must = [(w, s) for w, s in free if not s.may_be_missing]
    may = [(w, s) for w, s in free if s.may_be_missing]
    may_be_missing = not fixed and not must

    def extreme(lowest: bool) -> float | None:
        weight = sum(w for w, _ in fixed) + sum(w for w, _ in must)
        total = sum(w * v for w, v in fixed) + sum(w * (s.low if lowest else s.high) for w, s in must)
        options = sorted(may, key=lambda ws: ws[1].low if lowest else -ws[1].high)
        for w, s in options:
            value = s.low if lowest else s.high
            if weight == 0 or (value < total / weight if lowest else value > total / weight):
                total += w * value
                weight += w
            else:
                break
        return total / weight if weight else None

    low, high = extreme(True), extreme(False)
    if low is None or high is None:
        return None
    return Span(low, high, may_be_missing)


def _kpi_spans(scorer: Scorer, answers: Mapping[str, Any]) -> list[tuple[float, Span]]:
    profile = scorer.profile
    counted = scorer.relevance.effective(answers)
    settled = settled_ids(profile, answers)
    members = counted.get(scorer.members_question)
    level = counted.get(scorer.level_question)
    size_settled = scorer.members_question in settled and scorer.level_question in settled
    spans: list[tuple[float, Span]] = []
    for _kpi_id, kpi_weight, components in scorer.kpis:
        fixed: list[tuple[float, float]] = []
        free: list[tuple[float, Span]] = []
        for _component_id, weight, formula in components:
            recorder = _Recorder(counted)
            value = formula(recorder, members, level)
            if size_settled and recorder.read <= settled:
                if value is not None:
                    fixed.append((weight, value))
            else:
                free.append((weight, Span(0.0, 1.0, may_be_missing=True)))
        span = _weighted_mean_span(fixed, free)
        if span is not None:
            spans.append((kpi_weight, Span(100.0 * span.low, 100.0 * span.high, span.may_be_missing)))
    return spans


def index_range(profile: Profile, answers: Mapping[str, Any]) -> IndexRange | None:
    """The range the index of these answers can still end in once the rest is answered (None: no index
    is possible at all). Its level is given only when both ends fall within the same level."""
    scorer = scorer_for(profile)
    kpis = _kpi_spans(scorer, answers)
    fixed = [(w, s.low) for w, s in kpis if s.low == s.high and not s.may_be_missing]
    free = [(w, s) for w, s in kpis if not (s.low == s.high and not s.may_be_missing)]
    span = _weighted_mean_span(fixed, free)
    if span is None:
        return None
    low_level, high_level = scorer.level_of(span.low), scorer.level_of(span.high)
    return IndexRange(span.low, span.high, low_level if low_level == high_level else None)
