"""Whether a KPI means the same in two versions of a method: a fingerprint of its definition.

A KPI is compared by id across years, organizations and profile versions. Its figure is comparable
when its definition is the same: the components (kinds, questions, weights, conditions, factors), the
targets and thresholds it uses (the parameters' values), the scores of the options it reads and the
number of options of a «share» question. Wording is not definition: the KPI's title, the advice
texts and the questions' texts may change without changing a figure. The KPI's own weight in the
index is not part of it either: it changes the index, not the KPI's figure.

Where the fingerprints differ, the views say «методика изменилась» beside the KPI's change.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from maturity.method.profile import Profile

_WORDING = frozenset({"advice", "advice_missing", "title", "key"})


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
    if definition is None:
        return None
    text = json.dumps(definition, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=256)  # profiles are compared by identity: a report asks the same pair for each organization
def kpis_defined_differently(before: Profile, now: Profile) -> frozenset[str]:
    """The KPIs both versions have whose definition differs (a KPI only one of them has is not listed)."""
    if before is now or (before.text and now.text and before.sha256 == now.sha256):
        return frozenset()
    changed = set()
    for kpi in now.kpis:
        then = kpi_fingerprint(before, kpi.id)
        if then is not None and then != kpi_fingerprint(now, kpi.id):
            changed.add(kpi.id)
    return frozenset(changed)


def kpis_redefined_among(profiles: list[Profile]) -> frozenset[str]:
    """The KPIs defined differently in any two of ``profiles`` (the versions one comparison mixes)."""
    changed: set[str] = set()
    for i, first in enumerate(profiles):
        for second in profiles[i + 1 :]:
            changed |= kpis_defined_differently(first, second) | kpis_defined_differently(second, first)
    return frozenset(changed)
