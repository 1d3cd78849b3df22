"""An organization's own targets: the values its elected body approved for a year for the method's
target parameters, and at the year's end whether the answers met them.

The concept (section X) leaves the numerical targets to each organization's elected body; the
federation's parameters stay the network's comparable scale. So an own target never changes a score:
it is compared beside it.

A **target slot** is a target a component compares an answer with: a ratio's ``{param: p}`` (slot
``p``) or ``{param: p, key: k}`` (slot ``p.k``). A slot named by more than one component is not offered
(its actual value would be ambiguous). The approved value is in the parameter's unit — a share
(0.07), a count (4), or, for ``one_per_members``, members per one (500). A slot the profile lists in
``floors`` may not be less demanding than the federation's value at the organization's level.

The comparison measures what the component measures: ``x`` = the sum of its answers × factor (÷ the
``per`` answer), against the target ``t`` the approved value gives by the component's own rule
(``p``, ``p · M``, ``max(1, ⌈M / p⌉)``). Met when ``x ≥ t`` — exactly when the component, scored with
the approved value, would be at full value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from maturity.engine.relevance import condition_predicate
from maturity.engine.rounding import rounded
from maturity.engine.scoring import scorer_for
from maturity.engine.validation import text_problem
from maturity.engine.years import YEAR_RANGE
from maturity.errors import BadInput, shorten
from maturity.method.editing import MEDIA_KEY_LABELS, PARAMETER_LABELS
from maturity.method.profile import Profile
from maturity.method.schema import BlendComponent, Component, RatioPart

DECISION_TEXT_MAX = 300
DECISION_NUMBER_MAX = 50
# «Президиум … № 12 от 20.12.2025»: how a decision's reference reads, and is read back from a file
DECISION_PATTERN = re.compile(r"^(?P<body>.*?)\s*№\s*(?P<number>\S+)\s+от\s+(?P<date>\d{2}\.\d{2}\.\d{4})\s*$")


class OwnTargetsInvalid(BadInput):
    """Own targets that cannot be kept; ``str()`` is the Russian reason."""


@dataclass(frozen=True)
class TargetSlot:
    id: str  # "funding_target_share", "media_targets.citations"
    param: str
    key: str | None
    kpi_id: str
    component_id: str
    part: RatioPart
    component: Component
    label: str
    floor: bool

    @property
    def step(self) -> str:
        """The plan step (``"<kpi>.<component>"``) whose component this target is for."""
        return f"{self.kpi_id}.{self.component_id}"

    @property
    def one_per_members(self) -> bool:
        """The value is members per one (smaller is more demanding)."""
        return self.part.target.one_per_members

    @property
    def is_share(self) -> bool:
        """The value is a share (shown as a percentage): of a per answer, or of the members."""
        return self.part.per is not None or self.part.target.of_members


def _label(profile: Profile, param: str, key: str | None, kpi_title: str) -> str:
    base = PARAMETER_LABELS.get(param) or f"Цель: {kpi_title}"
    if key is None:
        return base
    return f"{base}: {MEDIA_KEY_LABELS.get(key, key)}"


@cache
def target_slots(profile: Profile) -> tuple[TargetSlot, ...]:
    """Every target an organization may approve its own value for, in the profile's order."""
    found: dict[str, list[TargetSlot]] = {}
    floors = set(profile.data.floors)
    for kpi in profile.kpis:
        for comp in kpi.components:
            for part in comp.parts if isinstance(comp, BlendComponent) else (comp,):
                if not isinstance(part, RatioPart) or part.target.param is None:
                    continue
                param, key = part.target.param, part.target.key
                slot_id = param if key is None else f"{param}.{key}"
                slot = TargetSlot(
                    slot_id, param, key, kpi.id, comp.id, part, comp, _label(profile, param, key, kpi.title),
                    slot_id in floors,
                )  # fmt: skip
                found.setdefault(slot_id, []).append(slot)
    return tuple(slots[0] for slots in found.values() if len(slots) == 1)


def slot_by_id(profile: Profile) -> dict[str, TargetSlot]:
    return {s.id: s for s in target_slots(profile)}


def federation_value(profile: Profile, slot: TargetSlot, level: Any) -> float | None:
    """The federation's value of the slot for an organization of ``level`` (None: the level is needed and unknown)."""
    value = profile.parameters[slot.param]
    if isinstance(value, dict):
        value = value.get(level) if isinstance(level, str) else None
        if value is None:
            return None
        if slot.key is not None:
            value = value[slot.key]
    return float(value)


def value_bounds(profile: Profile, slot: TargetSlot) -> tuple[float, float | None]:
    """The smallest and the largest value the slot may take, from the profile's questions: more than zero
    (members per one: at least 1, at most the members question's maximum), and no more than the answers
    can reach (a share of an answer bounded by its ``per`` answer: its number of parts × factor)."""
    part = slot.part
    members = profile.question(profile.organization_question("members"))
    if slot.one_per_members:
        return 1.0, members.max
    maxima = [profile.question(q).max for q in part.sum]
    if part.per is not None and all(profile.question(q).max_question == part.per for q in part.sum):
        return 0.0, part.factor * len(part.sum)
    if any(m is None for m in maxima):
        return 0.0, None
    high = part.factor * sum(m for m in maxima if m is not None)
    if part.target.of_members:
        high /= max(members.min or 1.0, 1.0)
    return 0.0, high


def plain_number(value: float) -> str:
    """A number as Russian text writes it, up to four decimals: 0.075 → «0,075», 5000 → «5 000» (no-break space)."""
    if not math.isfinite(value) or abs(value) >= 1e15:  # beyond every bound: only ever quoted in a refusal
        return f"{value:.3g}".replace(".", ",")
    figure = rounded(value, 4).normalize()
    whole, _, fraction = format(abs(figure), "f").partition(".")
    whole = f"{int(whole):,}".replace(",", "\u00a0")
    return ("\u2212" if figure < 0 else "") + whole + ("," + fraction if fraction else "")


def shown_value(slot: TargetSlot, value: float | None) -> str:
    """A slot's value as people write it: a share as a percentage («5 %»), a count as a number («4»)."""
    if value is None:
        return "—"
    if slot.is_share:
        return f"{plain_number(value * 100)}\u00a0%"
    return plain_number(value)


def check_value(profile: Profile, slot: TargetSlot, raw: Any, level: Any, where: str) -> float:
    """A received own value for ``slot`` checked: a finite number within the profile's bounds, and for a
    floor not less demanding than the federation's value at ``level``."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise OwnTargetsInvalid(f"{where}: ожидалось число, а не {shorten(raw)}")
    value = float(raw)
    if not math.isfinite(value):
        raise OwnTargetsInvalid(f"{where}: ожидалось конечное число")
    low, high = value_bounds(profile, slot)
    if value <= 0 or value < low:
        least = "больше нуля" if low == 0 else f"не меньше {shown_value(slot, low)}"
        raise OwnTargetsInvalid(f"{where}: значение должно быть {least}, а не {shown_value(slot, value)}")
    if high is not None and value > high:
        raise OwnTargetsInvalid(
            f"{where}: значение {shown_value(slot, value)} больше возможного по методике ({shown_value(slot, high)})"
        )
    if slot.floor:
        floor = federation_value(profile, slot, level)
        if floor is not None and (value > floor if slot.one_per_members else value < floor):
            bound = "больше" if slot.one_per_members else "ниже"
            raise OwnTargetsInvalid(
                f"{where}: цель не может быть {bound} значения федерации {shown_value(slot, floor)} — "
                "методика устанавливает его как нижнюю границу"
            )
    return value


# ------------------------------------------------------------------ the decision and the values


@dataclass(frozen=True)
class Decision:
    """The elected body's decision approving the targets: the body, the decision's number and date."""

    body: str = ""
    number: str = ""
    date: str | None = None  # ISO «2025-12-20»

    @property
    def empty(self) -> bool:
        return not (self.body or self.number or self.date)

    def text(self) -> str:
        """«Президиум № 12 от 20.12.2025» (what the files carry, and read back by :func:`parse_decision`)."""
        parts = [self.body]
        if self.number or self.date:
            parts.append(f"№ {self.number or 'б/н'}")
        if self.date:
            parts.append(f"от {date.fromisoformat(self.date).strftime('%d.%m.%Y')}")
        return " ".join(p for p in parts if p)


def _text(value: Any, where: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise OwnTargetsInvalid(f"{where}: ожидался текст, а не {shorten(value)}")
    value = " ".join(value.split())
    if len(value) > limit:
        raise OwnTargetsInvalid(f"{where}: текст длиннее {limit} знаков")
    problem = text_problem(value)
    if problem:
        raise OwnTargetsInvalid(f"{where}: {problem}")
    return value


def check_date(value: Any, where: str) -> str | None:
    """A decision's date as ISO text, read from «2025-12-20», «20.12.2025» or a date; within the program's years."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        day = value if type(value) is date else value.date()  # type: ignore[attr-defined]
    elif isinstance(value, str):
        text = value.strip()
        try:
            if re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", text):
                day = date(int(text[6:]), int(text[3:5]), int(text[:2]))
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                day = date.fromisoformat(text)
            else:
                raise ValueError
        except ValueError:
            raise OwnTargetsInvalid(f"{where}: ожидалась дата вида 20.12.2025, а не «{shorten(value)}»") from None
    else:
        raise OwnTargetsInvalid(f"{where}: ожидалась дата вида 20.12.2025, а не {shorten(value)}")
    if not YEAR_RANGE[0] - 1 <= day.year <= YEAR_RANGE[1]:
        raise OwnTargetsInvalid(f"{where}: год {day.year} вне допустимого диапазона")
    return day.isoformat()


def check_decision(body: Any, number: Any, day: Any, where: str = "решение") -> Decision:
    return Decision(
        _text(body, f"{where}, орган", DECISION_TEXT_MAX),
        _text(number, f"{where}, номер", DECISION_NUMBER_MAX),
        check_date(day, f"{where}, дата"),
    )


def parse_decision(text: Any, where: str = "решение") -> Decision:
    """A decision's reference as a file gives it, «<орган> № <номер> от <дд.мм.гггг>»; other text is the body."""
    text = _text(text, where, DECISION_TEXT_MAX + DECISION_NUMBER_MAX + 20)
    match = DECISION_PATTERN.match(text)
    if match is None:
        return check_decision(text, "", None, where)
    number = "" if match["number"] == "б/н" else match["number"]
    return check_decision(match["body"], number, match["date"], where)


@dataclass(frozen=True)
class OwnTargets:
    """The targets an organization's elected body approved for ``year``: slot id → value, and the decision."""

    year: int
    values: Mapping[str, float]
    decision: Decision = field(default_factory=Decision)

    def to_json(self) -> dict[str, Any]:
        """The files' ``own_targets``: ``{"decision": "…", "values": {slot: number}}``."""
        return {"decision": self.decision.text(), "values": dict(self.values)}


def check_values(profile: Profile, raw: Any, level: Any, where: str = "целевые показатели") -> dict[str, float]:
    """Received values (slot id → number) checked one by one, in the profile's order."""
    if not isinstance(raw, Mapping):
        raise OwnTargetsInvalid(f"{where}: ожидался объект «параметр: значение»")
    slots = slot_by_id(profile)
    for name in raw:
        if name not in slots:
            known = ", ".join(slots)
            raise OwnTargetsInvalid(
                f"{where}: параметра {shorten(name)} нет среди целевых показателей методики "
                f"{profile.id} {profile.version} (допустимы: {known})"
            )
    return {
        slot.id: check_value(profile, slot, raw[slot.id], level, f"{where}, «{slot.label}»")
        for slot in target_slots(profile)
        if slot.id in raw
    }


def check_own_targets(profile: Profile, raw: Any, year: int, level: Any, where: str = "own_targets") -> OwnTargets:
    """A file's ``own_targets`` object checked against its method."""
    if not isinstance(raw, Mapping):
        raise OwnTargetsInvalid(f"{where}: ожидался объект с полями decision и values")
    unknown = [k for k in raw if k not in ("decision", "values")]
    if unknown:
        raise OwnTargetsInvalid(f"{where}: неизвестное поле «{shorten(unknown[0])}»")
    decision = parse_decision(raw.get("decision"), f"{where}, решение")
    return OwnTargets(year, check_values(profile, raw.get("values", {}), level, f"{where}, значения"), decision)


# ------------------------------------------------------------------ met or not


@dataclass(frozen=True)
class TargetOutcome:
    slot: TargetSlot
    approved: float  # the value the elected body approved (the parameter's unit)
    federation: float | None  # the federation's value for the organization
    target: float | None  # what the answers must reach (the component's quantity); None: needs what is unknown
    actual: float | None  # what the answers give; None: not answered / not applicable
    met: bool | None  # None: not known

    def to_json(self) -> dict[str, Any]:
        """``maturity score --json``'s ``own_targets`` entry."""
        return {"target": _figure(self.target), "actual": _figure(self.actual), "met": self.met}


def _figure(value: float | None) -> float | None:
    return None if value is None else float(rounded(value, 4))


def measured(profile: Profile, slot: TargetSlot, answers: Mapping[str, Any]) -> float | None:
    """The quantity the slot's component measures from ``answers`` (relevance applied), as the scorer reads it."""
    return _measured(slot, scorer_for(profile).relevance.split(answers)[0])


def _measured(slot: TargetSlot, a: Mapping[str, Any]) -> float | None:
    """:func:`measured` from the answers that count (relevance already applied)."""
    comp, part = slot.component, slot.part
    if comp.only_when is not None and not condition_predicate(comp.only_when)(a):
        return None
    if comp.zero_when is not None and condition_predicate(comp.zero_when)(a):
        return 0.0
    total = 0.0
    for qid in part.sum:
        v = a.get(qid)
        if v is None:
            return None
        total += v
    total *= part.factor
    if part.per is not None:
        d = a.get(part.per)
        if d is None or (d == 0 and part.per_zero == "na"):
            return None
        total = 0.0 if d == 0 else total / d
    return total


def target_quantity(slot: TargetSlot, value: float, members: Any) -> float | None:
    """What the answers must reach for an approved ``value``: the component's target rule with it."""
    target = slot.part.target
    if target.of_members or target.one_per_members:
        if not isinstance(members, (int, float)) or isinstance(members, bool):
            return None
        return value * members if target.of_members else float(max(1, math.ceil(members / value)))
    return value


def compare(
    profile: Profile, targets: OwnTargets | Mapping[str, float], answers: Mapping[str, Any]
) -> list[TargetOutcome]:
    """Each own target beside what ``answers`` give, in the profile's order (slots the method no longer has
    are left out)."""
    values = targets.values if isinstance(targets, OwnTargets) else targets
    counted = scorer_for(profile).relevance.split(answers)[0]  # once, for every target
    members = answers.get(profile.organization_question("members"))
    level = answers.get(profile.organization_question("level"))
    outcomes = []
    for slot in target_slots(profile):
        if slot.id not in values:
            continue
        approved = float(values[slot.id])
        goal = target_quantity(slot, approved, members)
        actual = _measured(slot, counted)
        met = None if goal is None or actual is None else actual >= goal * (1 - 1e-12)
        outcomes.append(TargetOutcome(slot, approved, federation_value(profile, slot, level), goal, actual, met))
    return outcomes


@dataclass(frozen=True)
class TargetsSummary:
    met: int
    total: int

    @property
    def share(self) -> float | None:
        return self.met / self.total if self.total else None


def summary(outcomes: list[TargetOutcome]) -> TargetsSummary:
    """How many own targets were met of those approved (one not known counts as not met)."""
    return TargetsSummary(sum(1 for o in outcomes if o.met), len(outcomes))


def outcomes_json(outcomes: list[TargetOutcome]) -> dict[str, dict[str, Any]]:
    return {o.slot.id: o.to_json() for o in outcomes}


@dataclass(frozen=True)
class TargetResults:
    """The year's own targets beside its assessment's answers."""

    year: int
    targets: OwnTargets
    outcomes: list[TargetOutcome]
    summary: TargetsSummary


def results_for(profile: Profile, targets: OwnTargets | None, answers: Mapping[str, Any]) -> TargetResults | None:
    """The targets beside ``answers`` (None without targets or without a value the method knows)."""
    if targets is None:
        return None
    outcomes = compare(profile, targets, answers)
    if not outcomes:
        return None
    return TargetResults(targets.year, targets, outcomes, summary(outcomes))


def typed_value(slot: TargetSlot, text: str, where: str) -> float | None:
    """A value as a person types it into the targets table or a workbook cell: «7», «7,5 %», «0.075»… A share
    is typed as a percentage («7» or «7 %» is 0.07); an empty text is None (no own target: the federation's)."""
    from maturity.engine.number_text import parse_typed_number

    body = text.strip()
    if not body:
        return None
    percent = body.endswith("%")
    number = parse_typed_number(body.rstrip("%").strip())
    if number is None:
        raise OwnTargetsInvalid(f"{where}: «{shorten(text)}» — не число")
    value = float(number)
    if slot.is_share:
        value /= 100
    elif percent:
        raise OwnTargetsInvalid(f"{where}: это не доля — введите число без «%»")
    return value
