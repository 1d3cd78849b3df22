"""Normative checks (method §6): pass / fail / n/a with a reason in Russian.

A norm applies to some organization levels and, optionally, only above a membership threshold.
A check whose inputs are missing is n/a, never pass. Each rule can also say how the answers would
have to change for it to pass (:meth:`CompiledNorm.fixed`), which the road map uses to price it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, Literal, TypeVar

from maturity.engine.rounding import rounded
from maturity.method.profile import Profile
from maturity.method.schema import Norm, NormRule

Answers = Mapping[str, Any]
Status = Literal["pass", "fail", "n/a"]
Check = tuple[bool | None, str, tuple]
T = TypeVar("T")


class NormOutcome:
    """A norm's status and the reason in Russian.

    Scoring produces reasons as ``str.format`` templates with their numbers, formatted only when
    the reason is first read (most scored assessments are never displayed).
    """

    __slots__ = ("status", "_reason", "_numbers")

    def __init__(self, status: Status, reason: str, numbers: tuple | None = None):
        self.status, self._reason, self._numbers = status, reason, numbers

    @property
    def reason(self) -> str:
        if self._numbers is not None:
            self._reason = self._reason.format(*(_fmt(n) for n in self._numbers))
            self._numbers = None
        return self._reason

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormOutcome):
            return NotImplemented
        return (self.status, self.reason) == (other.status, other.reason)

    def __hash__(self) -> int:
        return hash((self.status, self.reason))

    def __repr__(self) -> str:
        return f"NormOutcome({self.status!r}, {self.reason!r})"


def _fmt(value: float) -> str:
    """A number the Russian way, rounded as the method rounds: 1 234,5."""
    text = f"{rounded(value):,f}" if value != int(value) else f"{int(value):,}"
    return text.replace(",", " ").replace(".", ",")


def _literal(text: str) -> str:
    """A fixed reason as a str.format template (braces doubled)."""
    return text.replace("{", "{{").replace("}", "}}")


def _checked(value: T | None) -> T:
    """A rule's field that the profile check (``Checker.check_rule``) guarantees for the rule's kind."""
    if value is None:
        raise AssertionError("the profile check lets no rule without this field through")
    return value


class _Rule:
    """One compiled rule: ``check`` → (True / False / None for n/a, reason); ``fix`` → answers that pass.

    Reasons that do not depend on numbers are built once here, so checking is mostly look-ups.
    """

    def __init__(self, profile: Profile, rule: NormRule):
        self.profile, self.rule = profile, rule
        self.inner = [_Rule(profile, r) for r in rule.rules]
        # Every kind but "all" names its question; "all" never reads it.
        self.qid: str = _checked(rule.question) if rule.kind != "all" else ""
        q = profile.questions.get(rule.question) if rule.question else None
        self.text = f"«{q.text}»" if q else ""
        self.missing: Check = (None, _literal(f"нет ответа на вопрос {self.text}"), ())
        self.outcomes: dict[bool | str, Check]
        if rule.kind == "share_at_least":
            self.of: str = _checked(rule.of)
            self.missing_of: Check = (None, _literal(f"нет ответа на вопрос «{profile.question(self.of).text}»"), ())
            self.need = profile.parameters[_checked(rule.param)]
        elif rule.kind == "is_true":
            self.outcomes = {True: (True, "да", ()), False: (False, _literal(f"ответ «нет» на вопрос {self.text}"), ())}
        elif rule.kind in ("in", "not_in"):
            wanted = rule.kind == "in"
            self.outcomes = {
                o.id: ((o.id in rule.options) == wanted, _literal(f"{self.text}: «{o.label}»"), ())
                for o in _checked(q).options
            }
        elif rule.kind == "contains":
            self.option: str = _checked(rule.option)
            label = _checked(_checked(q).option(self.option)).label
            self.outcomes = {
                True: (True, _literal(f"«{label}» есть среди выбранных"), ()),
                False: (False, _literal(f"«{label}» нет среди выбранных"), ()),
            }

    def inputs(self) -> list[str]:
        if self.inner:
            return [qid for r in self.inner for qid in r.inputs()]
        return [qid for qid in (self.rule.question, self.rule.of) if qid]

    def required(self, members: int) -> float:
        r = self.rule
        if r.per_members_param is not None:
            return max(1, math.ceil(members / self.profile.parameters[r.per_members_param]))
        return _checked(r.value)

    def check(self, a: Answers, members: Any) -> Check:
        """(True / False / None for n/a, the reason — a str.format template —, the numbers it shows)."""
        kind = self.rule.kind
        if kind == "all":
            reasons, numbers = [], ()
            for inner in self.inner:
                ok, why, values = inner.check(a, members)
                if ok is None:
                    return None, why, values
                if not ok:
                    reasons.append(why)
                    numbers += values
            return (False, "; ".join(reasons), numbers) if reasons else (True, "выполнено", ())
        value = a.get(self.qid)
        if value is None:
            return self.missing
        if kind == "is_true":
            return self.outcomes[bool(value)]
        if kind == "contains":
            return self.outcomes[self.option in value]
        if kind in ("in", "not_in"):
            return self.outcomes[value]
        if kind == "share_at_least":
            base = a.get(self.of)
            if base is None:
                return self.missing_of
            if base == 0:
                return None, "бюджет равен нулю", ()
            share, need = value / base, self.need
            if share >= need:
                return True, "{} % — не ниже норматива {} %", (share * 100, need * 100)
            return False, "{} % — ниже норматива {} %", (share * 100, need * 100)
        if kind == "at_least":
            if members is None and self.rule.per_members_param is not None:
                return None, "не указана численность", ()
            need = self.required(members)
            return value >= need, "{} при необходимых {}", (value, need)
        raise AssertionError(kind)

    def fix(self, a: dict[str, Any], members: Any) -> None:
        """Change ``a`` in place, minimally, so that this rule passes (when that is expressible)."""
        r = self.rule
        if r.kind == "all":
            for inner in self.inner:
                inner.fix(a, members)
        elif r.kind == "share_at_least" and a.get(self.of):
            a[self.qid] = max(a.get(self.qid) or 0, a[self.of] * self.need)
        elif r.kind == "is_true":
            a[self.qid] = True
        elif r.kind == "in":
            a[self.qid] = r.options[0]
        elif r.kind == "not_in" and a.get(self.qid) in r.options:
            values = self.profile.question(self.qid).options
            allowed = [o for o in values if o.id not in r.options]
            a[self.qid] = min(allowed, key=lambda o: o.value or 0).id if allowed else a[self.qid]
        elif r.kind == "contains":
            a[self.qid] = sorted(set(a.get(self.qid) or ()) | {self.option})
        elif r.kind == "at_least" and members is not None:
            a[self.qid] = max(a.get(self.qid) or 0, self.required(members))


class CompiledNorm:
    def __init__(self, profile: Profile, norm: Norm):
        self.profile, self.norm = profile, norm
        self.rule = _Rule(profile, norm.rule)
        self.levels = set(norm.levels) if norm.levels is not None else None
        self.not_for_level = {
            lvl.id: NormOutcome("n/a", f"не применяется к уровню «{lvl.label}»")
            for lvl in profile.data.organization_levels
            if self.levels is not None and lvl.id not in self.levels
        }

    def applicability(self, members: Any, level: Any) -> str | None:
        """None when the norm applies; otherwise the reason it does not."""
        if self.levels is not None:
            if level is None:
                return "не указан уровень организации"
            if level not in self.levels:
                return f"не применяется к уровню «{self.profile.organization_level_label(level)}»"
        if self.norm.members_above is not None:
            if members is None:
                return "не указана численность"
            limit = self.profile.level_parameter(self.norm.members_above, level)
            if isinstance(limit, dict):
                return "не указан уровень организации"
            if members <= limit:
                return f"обязателен при численности более {_fmt(limit)}, у организации {_fmt(members)}"
        return None

    def evaluate(self, a: Answers, members: Any, level: Any) -> NormOutcome:
        if level in self.not_for_level:
            return self.not_for_level[level]
        if self.levels is not None or self.norm.members_above is not None:
            why_not = self.applicability(members, level)
            if why_not is not None:
                return NormOutcome("n/a", why_not)
        ok, reason, numbers = self.rule.check(a, members)
        if ok is None:
            return NormOutcome("n/a", reason, numbers)
        return NormOutcome("pass" if ok else "fail", reason, numbers)

    def fixed(self, a: Answers, members: Any) -> dict[str, Any]:
        changed = dict(a)
        self.rule.fix(changed, members)
        return changed


class CompiledNorms:
    def __init__(self, profile: Profile):
        self.items = [CompiledNorm(profile, n) for n in profile.norms]

    def evaluate(self, a: Answers, members: Any, level: Any) -> dict[str, NormOutcome]:
        return {n.norm.id: n.evaluate(a, members, level) for n in self.items}

    def by_id(self, norm_id: str) -> CompiledNorm:
        for n in self.items:
            if n.norm.id == norm_id:
                return n
        raise KeyError(norm_id)


def compile_norms(profile: Profile) -> CompiledNorms:
    return CompiledNorms(profile)


class NormResults(Mapping[str, NormOutcome]):
    """Each norm's outcome by norm id, in the profile's order.

    Scoring gives the statuses (:attr:`statuses`: what is stored and counted); the outcomes with their
    reasons — sentences a person reads — are worked out by the rules above when first read, from the
    answers that counted. A bulk import or a report never reads them.
    """

    __slots__ = ("statuses", "_outcomes", "_norms", "_inputs")

    def __init__(self, statuses: dict[str, Status], norms: CompiledNorms, a: Answers, members: Any, level: Any):
        self.statuses = statuses
        self._outcomes: dict[str, NormOutcome] | None = None
        self._norms, self._inputs = norms, (a, members, level)

    @property
    def outcomes(self) -> dict[str, NormOutcome]:
        if self._outcomes is None:
            self._outcomes = self._norms.evaluate(*self._inputs)
        return self._outcomes

    def __getitem__(self, norm_id: str) -> NormOutcome:
        return self.outcomes[norm_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.statuses)

    def __len__(self) -> int:
        return len(self.statuses)

    def __repr__(self) -> str:
        return f"NormResults({self.statuses!r})"
