"""Whether a KPI means the same in two versions of a method: a fingerprint of its definition.

A KPI is compared by id across years, organizations and profile versions. Its figure is comparable
when its definition is the same: the components (kinds, questions, weights, conditions, factors), the
targets and thresholds it uses (the parameters' values), the scores of the options it reads and the
number of options of a «share» question. Wording is not definition: the KPI's title, the advice
texts and the questions' texts may change without changing a figure. The KPI's own weight in the
index is not part of it either: it changes the index, not the KPI's figure.

Where the fingerprints differ, the views say «методика изменилась» beside the KPI's change.

Every other figure has a definition of its own too (:func:`figure_definitions`): the index — the KPIs'
weights; the digital index — which KPIs it averages; the level — the boundaries of the levels; each norm —
its rule, the thresholds (parameters) it reads, the levels it applies to and the questions it reads. A figure
is «методика изменилась» when its own definition differs (:func:`figures_defined_differently`): a doubled
weight marks the index, a changed target marks its KPI (whose mark explains the index's move), a moved
boundary marks the level, a norm's threshold marks that norm.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from maturity.method.profile import Profile

_WORDING = frozenset({"advice", "advice_missing", "title", "key", "label", "source", "short"})
INDEX, DIGITAL_INDEX, LEVEL = "index", "digital_index", "level"  # the figures besides KPIs and norms


def _without_wording(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_wording(v) for k, v in value.items() if k not in _WORDING}
    if isinstance(value, list):
        return [_without_wording(v) for v in value]
    return value


def _used(value: Any, key: str) -> set[str]:
    """Every string under ``key`` anywhere in ``value`` (a list of strings counts each)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if k == key and isinstance(v, str):
                found.add(v)
            elif k == key and isinstance(v, list):
                found.update(x for x in v if isinstance(x, str))
            else:
                found |= _used(v, key)
    elif isinstance(value, list):
        for v in value:
            found |= _used(v, key)
    return found


def kpi_definition(profile: Profile, kpi_id: str) -> dict[str, Any] | None:
    """What a KPI's figure depends on, as plain data (None: the profile has no such KPI)."""
    try:
        kpi = profile.kpi(kpi_id)
    except KeyError:
        return None
    components = [c.model_dump(mode="json", by_alias=True) for c in kpi.components]
    params = _used(components, "param") | _used(components, "otherwise_zero_above")
    questions = _used(components, "question") | _used(components, "sum") | _used(components, "per")
    scored = {}
    for qid in sorted(questions):
        question = profile.questions.get(qid)
        if question is not None and question.options:
            scored[qid] = [(o.id, o.value) for o in question.options]
    return {
        "components": _without_wording(components),
        "parameters": {name: profile.parameters.get(name) for name in sorted(params)},
        "options": scored,
        "members": profile.organization_question("members"),
        "level": profile.organization_question("level"),
    }


def kpi_fingerprint(profile: Profile, kpi_id: str) -> str | None:
    """A short hash of :func:`kpi_definition` (None: no such KPI): equal fingerprints, comparable figures."""
    definition = kpi_definition(profile, kpi_id)
    return None if definition is None else _hash(definition)


def norm_definition(profile: Profile, norm_id: str) -> dict[str, Any] | None:
    """What a norm's verdict depends on, as plain data (None: the profile has no such norm)."""
    norm = next((n for n in profile.norms if n.id == norm_id), None)
    if norm is None:
        return None
    rule = norm.rule.model_dump(mode="json", by_alias=True)
    params = _used(rule, "param") | _used(rule, "per_members_param") | {norm.members_above or ""}
    questions = _used(rule, "question") | _used(rule, "of")
    return {
        "rule": rule,
        "levels": list(norm.levels) if norm.levels is not None else None,
        "members_above": norm.members_above,
        "parameters": {name: profile.parameters.get(name) for name in sorted(params - {""})},
        "options": {
            qid: [o.id for o in profile.questions[qid].options]
            for qid in sorted(questions)
            if qid in profile.questions and profile.questions[qid].options
        },
        "members": profile.organization_question("members"),
        "level": profile.organization_question("level"),
    }


def figure_definitions(profile: Profile) -> dict[str, Any]:
    """Each figure's definition by its id: every KPI, ``index``, ``digital_index``, ``level``, every norm."""
    kpis = {kpi.id: kpi_definition(profile, kpi.id) for kpi in profile.kpis}
    index = {"weights": {kpi.id: kpi.weight for kpi in profile.kpis}}
    digital = {"kpis": sorted(profile.data.digital_kpis)}
    level = {"boundaries": sorted((lvl.from_, lvl.id) for lvl in profile.data.maturity_levels)}
    norms = {norm.id: norm_definition(profile, norm.id) for norm in profile.norms}
    return {**norms, **kpis, INDEX: index, DIGITAL_INDEX: digital if profile.data.digital_kpis else None, LEVEL: level}


def _hash(definition: Any) -> str:
    text = json.dumps(definition, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=64)
def figure_fingerprints(profile: Profile) -> dict[str, str]:
    """A short hash of each figure's definition (a figure the profile does not have is absent)."""
    return {figure: _hash(d) for figure, d in figure_definitions(profile).items() if d is not None}


@lru_cache(maxsize=256)  # profiles are compared by identity: a report asks the same pair for each organization
def figures_defined_differently(before: Profile, now: Profile) -> frozenset[str]:
    """The figures both versions have whose definition differs: KPI ids, ``index``, ``digital_index``,
    ``level`` and norm ids (one only one version has is not listed: there is nothing to compare it with)."""
    if before is now or (before.text and now.text and before.sha256 == now.sha256):
        return frozenset()
    then, current = figure_fingerprints(before), figure_fingerprints(now)
    return frozenset(f for f, print_ in current.items() if f in then and then[f] != print_)


def kpis_defined_differently(before: Profile, now: Profile) -> frozenset[str]:
    """The KPIs both versions have whose definition differs (a KPI only one of them has is not listed)."""
    kpi_ids = {kpi.id for kpi in now.kpis}
    return frozenset(f for f in figures_defined_differently(before, now) if f in kpi_ids)


def figures_redefined_among(profiles: list[Profile]) -> frozenset[str]:
    """The figures defined differently in any two of ``profiles`` (the versions one comparison mixes)."""
    changed: set[str] = set()
    for i, first in enumerate(profiles):
        for second in profiles[i + 1 :]:
            changed |= figures_defined_differently(first, second) | figures_defined_differently(second, first)
    return frozenset(changed)


def kpis_redefined_among(profiles: list[Profile]) -> frozenset[str]:
    """The KPIs defined differently in any two of ``profiles``."""
    kpi_ids = {kpi.id for p in profiles for kpi in p.kpis}
    return frozenset(f for f in figures_redefined_among(profiles) if f in kpi_ids)
