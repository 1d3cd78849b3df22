"""Answers → ten KPI scores, the index, the digital index, the level, the norms, completeness.

The formulas are those of the method (docs/methodology.md, §2–§6); the numbers they use come from
the profile. A profile is compiled once into plain Python closures (:class:`Scorer`, the readable
reference: :meth:`Scorer.reference`), and once more into the source of one straight-line function
(:mod:`maturity.engine.compiled_scoring`) that does the same operations in the same order, about
three times faster: :meth:`Scorer.score` uses it. A test compares the two on generated answers.

Every figure is kept unrounded here; :meth:`ScoreResult.to_json` rounds it as the method reports it
(:mod:`maturity.engine.rounding`: one decimal, halves up).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from maturity.engine.compiled_scoring import compile_scoring
from maturity.engine.norms import NormOutcome, NormResults, compile_norms
from maturity.engine.relevance import condition_predicate, relevance_rules
from maturity.engine.rounding import round_figure, rounded
from maturity.method.profile import Profile
from maturity.method.schema import BlendComponent, Component, Condition, RatioPart, SharePart, Target, ValuePart

Answers = Mapping[str, Any]
# A compiled formula: (effective answers, members M or None, level or None) → value in [0, 1] or None (n/a)
Formula = Callable[[Answers, Any, Any], float | None]


@dataclass(frozen=True)
class ScoreResult:
    profile_id: str
    profile_version: str
    kpis: dict[str, float | None]
    components: Mapping[str, Mapping[str, float | None]]  # ComponentValues from the scorer: dicts when read
    index: float | None
    digital_index: float | None
    level: str | None
    norms: Mapping[str, NormOutcome]  # NormResults from the scorer: statuses now, reasons when read
    completeness: float

    @property
    def complete(self) -> bool:
        return self.completeness >= 1.0

    @property
    def norm_statuses(self) -> Mapping[str, str]:
        """Each norm's status by id (without working out the reasons)."""
        if isinstance(self.norms, NormResults):
            return self.norms.statuses
        return {k: n.status for k, n in self.norms.items()}

    def to_json(self) -> dict[str, Any]:
        """The shape of ``maturity score --json`` (method §9), figures rounded as the method reports them."""
        return {
            "kpis": {k: round_figure(v) for k, v in self.kpis.items()},
            "index": round_figure(self.index),
            "digital_index": round_figure(self.digital_index),
            "level": self.level,
            "norms": dict(self.norm_statuses),
            "completeness": float(rounded(self.completeness, 3)),
        }


class ComponentValues(Mapping[str, dict[str, float | None]]):
    """Each KPI's component values, ``{kpi id: {component id: value}}``, as the compiled function gave them:
    one flat tuple, KPI by KPI. The dicts are made when first read — the explanation and the road map
    read them; an import or a report, scoring thousands, never does."""

    __slots__ = ("_dicts", "_layout", "_values")

    def __init__(self, layout: tuple[tuple[str, tuple[str, ...]], ...], values: tuple[float | None, ...]):
        self._layout, self._values = layout, values
        self._dicts: dict[str, dict[str, float | None]] | None = None

    def _made(self) -> dict[str, dict[str, float | None]]:
        if self._dicts is None:
            values = iter(self._values)
            self._dicts = {kpi: {c: next(values) for c in comps} for kpi, comps in self._layout}
        return self._dicts

    def __getitem__(self, kpi_id: str) -> dict[str, float | None]:
        return self._made()[kpi_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._made())

    def __len__(self) -> int:
        return len(self._layout)

    def __repr__(self) -> str:
        return repr(self._made())


def ratio(x: float, target: float) -> float:
    """``min(max(x / t, 0), 1)`` for ``t > 0`` (method §2)."""
    return min(max(x / target, 0.0), 1.0)


# ---------------------------------------------------------------- compiling formulas


def _compile_target(profile: Profile, target: Target) -> Callable[[Any, Any], float | None]:
    """``(M, level) → target`` or None when M or the level it needs is unknown."""
    if target.members:
        return lambda members, level: members
    if target.param is None:
        raise AssertionError("the profile check gives every target that is not the members count a parameter")
    value = profile.parameters[target.param]
    per_level = isinstance(value, dict)
    key = target.key

    def base(level: Any) -> float | None:
        if not per_level:
            return value
        entry = value.get(level)
        if entry is None:
            return None
        return entry[key] if key is not None else entry

    if target.of_members:

        def of_members(members: Any, level: Any) -> float | None:
            b = base(level)
            return None if b is None or members is None else b * members

        return of_members
    if target.one_per_members:

        def one_per(members: Any, level: Any) -> float | None:
            b = base(level)
            return None if b is None or members is None else max(1, math.ceil(members / b))

        return one_per
    return lambda members, level: base(level)


def target_value(profile: Profile, target: Target, members: Any, level: Any) -> float | None:
    """A ratio's target for an organization of ``members`` at ``level`` (None: it needs what is unknown)."""
    return _compile_target(profile, target)(members, level)


def _compile_part(profile: Profile, part: ValuePart | SharePart | RatioPart) -> Formula:
    if isinstance(part, ValuePart):
        qid = part.question
        question = profile.question(qid)
        if question.type == "bool":
            return lambda a, m, lvl: None if (v := a.get(qid)) is None else (1.0 if v else 0.0)
        values = {o.id: o.value for o in question.options}
        return lambda a, m, lvl: None if (v := a.get(qid)) is None else values[v]
    if isinstance(part, SharePart):
        qid = part.question
        n = len(profile.question(qid).options)
        return lambda a, m, lvl: None if (v := a.get(qid)) is None else len(set(v)) / n
    return _compile_ratio(profile, part)


def _compile_ratio(profile: Profile, part: RatioPart) -> Formula:
    ids, factor, per, zero_per = part.sum, part.factor, part.per, part.per_zero == "zero"
    target_of = _compile_target(profile, part.target)

    def formula(a: Answers, members: Any, level: Any) -> float | None:
        total = 0.0
        for qid in ids:
            v = a.get(qid)
            if v is None:
                return None
            total += v
        total *= factor
        if per is not None:
            d = a.get(per)
            if d is None:
                return None
            if d == 0:
                return 0.0 if zero_per else None
            total /= d
        t = target_of(members, level)
        if t is None:
            return None
        return min(max(total / t, 0.0), 1.0)

    return formula


def _compile_component(profile: Profile, comp: Component) -> Formula:
    if isinstance(comp, BlendComponent):
        parts = [(p.weight, _compile_part(profile, p)) for p in comp.parts]
        total_weight = sum(w for w, _ in parts)

        def blended(a: Answers, members: Any, level: Any) -> float | None:
            acc = 0.0
            for w, f in parts:
                v = f(a, members, level)
                if v is None:
                    return None
                acc += w * v
            return acc / total_weight

        formula: Formula = blended
    else:
        formula = _compile_part(profile, comp)
    if comp.only_when is not None:
        formula = _gated(profile, formula, comp.only_when, comp.otherwise_zero_above)
    if comp.zero_when is not None:
        formula = _zeroed(formula, condition_predicate(comp.zero_when))
    return formula


def _gated(profile: Profile, formula: Formula, only_when: Condition, threshold: str | None) -> Formula:
    """``only_when``: evaluate when the condition holds; otherwise 0 above a size threshold, else n/a."""
    test = condition_predicate(only_when)

    def gated(a: Answers, members: Any, level: Any) -> float | None:
        holds = test(a)
        if holds:
            return formula(a, members, level)
        if holds is None or threshold is None or members is None:
            return None
        limit = profile.level_parameter(threshold, level)
        if isinstance(limit, dict):  # per-level parameter with an unknown level
            return None
        return 0.0 if members > limit else None

    return gated


def _zeroed(formula: Formula, test: Callable[[Answers], bool | None]) -> Formula:
    return lambda a, m, lvl: 0.0 if test(a) else formula(a, m, lvl)


# ---------------------------------------------------------------- the scorer


class Scorer:
    """A profile compiled for scoring; build with :func:`scorer_for`."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.relevance = relevance_rules(profile)
        self.members_question = profile.organization_question("members")
        self.level_question = profile.organization_question("level")
        self.kpis = [
            (
                kpi.id,
                kpi.weight,
                [(c.id, c.weight, _compile_component(profile, c)) for c in kpi.components],
            )
            for kpi in profile.kpis
        ]
        self.digital = tuple(profile.data.digital_kpis)
        self.levels = sorted(((lvl.from_, lvl.id) for lvl in profile.data.maturity_levels), reverse=True)
        self.norms = compile_norms(profile)
        self.compiled, self.source = compile_scoring(profile, self.levels)
        self.component_layout = tuple((kpi.id, tuple(c.id for c in kpi.components)) for kpi in profile.kpis)

    def level_of(self, index: float | None) -> str | None:
        if index is None:
            return None
        for start, level_id in self.levels:
            if index >= start:
                return level_id
        return self.levels[-1][1]

    def score(self, answers: Answers) -> ScoreResult:
        """The same figures as :meth:`reference`, by the compiled function; the norms' reasons when read."""
        a, members, level, kpis, components, index, digital, maturity, statuses, completeness = self.compiled(answers)
        return ScoreResult(
            self.profile.id,
            self.profile.version,
            kpis,
            ComponentValues(self.component_layout, components),
            index,
            digital,
            maturity,
            NormResults(statuses, self.norms, a, members, level),
            completeness,
        )

    def reference(self, answers: Answers) -> ScoreResult:
        """The method's arithmetic as readable closures, component by component (what :meth:`score` must equal)."""
        a, hidden = self.relevance.split(answers)
        members = a.get(self.members_question)
        level = a.get(self.level_question)
        kpis: dict[str, float | None] = {}
        components: dict[str, dict[str, float | None]] = {}
        weighted = weights = 0.0
        for kpi_id, kpi_weight, comps in self.kpis:
            values = {}
            acc = total = 0.0
            for comp_id, w, formula in comps:
                v = values[comp_id] = formula(a, members, level)
                if v is not None:
                    acc += w * v
                    total += w
            components[kpi_id] = values
            if total:
                kpis[kpi_id] = score = 100.0 * acc / total
                weighted += kpi_weight * score
                weights += kpi_weight
            else:
                kpis[kpi_id] = None
        index = weighted / weights if weights else None
        digital = [v for k in self.digital if (v := kpis.get(k)) is not None]
        return ScoreResult(
            profile_id=self.profile.id,
            profile_version=self.profile.version,
            kpis=kpis,
            components=components,
            index=index,
            digital_index=sum(digital) / len(digital) if digital else None,
            level=self.level_of(index),
            norms=self.norms.evaluate(a, members, level),
            completeness=self.relevance.completeness(a, hidden),
        )


@cache
def scorer_for(profile: Profile) -> Scorer:
    return Scorer(profile)


def score(profile: Profile, answers: Answers) -> ScoreResult:
    """Score one assessment's answers (validate them first: see :mod:`maturity.engine.validation`)."""
    return scorer_for(profile).score(answers)
