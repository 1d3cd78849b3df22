"""Hand-built contest groups for the contest's tests: a territory with organizations of chosen members, levels
and answers, their assessments complete or draft, accepted or not (the review of issue 23)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from maturity.usecases.review import decide

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"
ANSWERS = json.loads(EXAMPLE.read_text(encoding="utf-8"))["answers"]
YEAR = 2025
TERRITORY = "Территориальная организация Профсоюза"
OTHER_TERRITORY = "Другая территориальная организация"
RESPONDENT = ANSWERS["profile.respondent"]


@dataclass(frozen=True)
class Spec:
    name: str
    members: int = 85
    level: str = "primary"
    structure: str = "chair"  # k1.structure: none 0, chair 0.4, activist 0.7, worker 0.9, department 1
    stand: str = "monthly"  # k6.stand_update: none 0, rarely 0.25, monthly 0.5, weekly 1
    complete: bool = True
    accepted: bool = True
    under: str = TERRITORY


def answers_of(spec: Spec) -> dict:
    answers = dict(ANSWERS)
    answers |= {"profile.name": spec.name, "profile.members": spec.members, "profile.level": spec.level,
                "k1.structure": spec.structure, "k6.stand_update": spec.stand}  # fmt: skip
    if not spec.complete:
        del answers["k1.structure"]
    return answers


def build(store, profile, specs: list[Spec]) -> dict:
    """The organizations by name (the two territories included), each assessed for YEAR as its spec says."""
    made = {
        TERRITORY: store.create_organization(TERRITORY, "territorial"),
        OTHER_TERRITORY: store.create_organization(OTHER_TERRITORY, "territorial"),
    }
    for spec in specs:
        org = store.create_organization(spec.name, spec.level, parent=made[spec.under], members=spec.members)
        store.save_assessment(org, YEAR, profile, answers_of(spec))
        if spec.accepted and spec.complete:
            decide(store, org, YEAR, "accept")
        made[spec.name] = store.get_organization(org.id)
    return made


def index_of(store, org) -> float:
    return store.get_score(store.get_assessment(org, YEAR)).index
