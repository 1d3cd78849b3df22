"""A profile's scoring written out as the source of one Python function, compiled once per profile.

:class:`maturity.engine.scoring.Scorer` keeps the method's arithmetic as small readable closures
(``Scorer.reference``); this module writes the very same arithmetic — the same operations on the
same values, in the same order — as straight-line code: every answer read once by its id, every
parameter a constant, no call per component, KPI or norm. Scoring a federation's files is mostly
this function (a test compares it with the reference on generated answers, figure by figure).

The function gives a plain tuple (the effective answers, M, the level, the KPIs, the components
(one flat tuple, KPI by KPI, made into dicts only when read: see ``ComponentValues``),
the index, the digital index, the maturity level, the norms' statuses, completeness); the norms'
reasons — sentences a person reads — are not worked out here (see ``NormResults``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from maturity.method.profile import Profile
from maturity.method.schema import (
    BlendComponent,
    Component,
    Condition,
    Kpi,
    Norm,
    NormRule,
    Question,
    RatioPart,
    SharePart,
    Target,
    ValuePart,
)

_NOT_PER_LEVEL = object()  # a per-level parameter without a value for the level (the reference's «dict»)


class _Source:
    """Lines of Python with indentation, fresh local names and named constants."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1
        self.constants: dict[str, Any] = {"_ceil": math.ceil, "_NA": _NOT_PER_LEVEL}
        self.count = 0

    def line(self, text: str) -> None:
        self.lines.append("    " * self.depth + text)

    @contextmanager
    def block(self, head: str) -> Iterator[None]:
        self.line(head)
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    def name(self, prefix: str = "v") -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def constant(self, value: Any) -> str:
        """A name for ``value`` in the function's globals (numbers and strings are written as literals)."""
        if value is None or isinstance(value, bool | str) or (type(value) in (int, float) and math.isfinite(value)):
            return repr(value)
        name = f"_K{len(self.constants)}"
        self.constants[name] = value
        return name


def _holds(src: _Source, cond: Condition, answer: str) -> str:
    """An expression true exactly when ``condition_predicate(cond)`` is truthy; ``answer`` is a local name
    holding the answer it looks at (or None)."""
    if cond.one_of is not None:
        return (
            f"({answer} is not None and type({answer}) is str and {answer} in {src.constant(frozenset(cond.one_of))})"
        )
    if cond.greater_than is not None:
        return f"({answer} is not None and {answer} > {src.constant(cond.greater_than)})"
    if isinstance(cond.equals, bool):
        return f"({answer} is {cond.equals!r})"
    return f"({answer} is not None and type({answer}) is not bool and {answer} == {src.constant(cond.equals)})"


class _Compiler:
    def __init__(self, profile: Profile, levels: list[tuple[float, str]]):
        self.profile, self.levels = profile, levels
        self.src = _Source()
        self.answers: dict[str, str] = {}  # question id → the local name its effective answer is read into

    def answer(self, qid: str) -> str:
        """The local name of an effective answer (each is read once, after the relevance rules)."""
        if qid not in self.answers:
            self.answers[qid] = f"q{len(self.answers)}"
        return self.answers[qid]

    # ------------------------------------------------------------ parameters

    def level_limit(self, out: str, name: str) -> None:
        """``out`` = ``profile.level_parameter(name, level)``, or ``_NA`` where the reference gets a dict."""
        value = self.profile.parameters[name]
        if not isinstance(value, dict):
            self.src.line(f"{out} = {self.src.constant(value)}")
            return
        by_level = {k: v for k, v in value.items() if not isinstance(v, dict)}
        self.src.line(f"{out} = _NA if level is None else {self.src.constant(by_level)}.get(level, _NA)")

    def target(self, out: str, target: Target) -> str | None:
        """``out`` = the ratio's target for (members, level), or None (as ``scoring._compile_target``);
        a constant target is returned instead, nothing written."""
        src = self.src
        if target.members:
            src.line(f"{out} = members")
            return None
        if target.param is None:
            raise AssertionError("the profile check gives every target that is not the members count a parameter")
        value = self.profile.parameters[target.param]
        if not isinstance(value, dict) and not (target.of_members or target.one_per_members):
            return self.src.constant(value)
        if isinstance(value, dict):
            entry = src.name("e")
            src.line(f"{entry} = {src.constant(value)}.get(level)")
            key = "" if target.key is None else f"[{src.constant(target.key)}]"
            src.line(f"{out} = None if {entry} is None else {entry}{key}")
        else:
            src.line(f"{out} = {src.constant(value)}")
        if target.of_members:
            src.line(f"{out} = None if {out} is None or members is None else {out} * members")
        elif target.one_per_members:
            src.line(f"{out} = None if {out} is None or members is None else max(1, _ceil(members / {out}))")
        return None

    # ------------------------------------------------------------ formulas

    def part(self, out: str, part: ValuePart | SharePart | RatioPart) -> None:
        src = self.src
        if isinstance(part, RatioPart):
            self.ratio(out, part)
            return
        qid, x = part.question, self.answer(part.question)
        question = self.profile.question(qid)
        if isinstance(part, SharePart):
            value = f"len(set({x})) / {len(question.options)}"
        elif question.type == "bool":
            value = f"(1.0 if {x} else 0.0)"
        else:
            value = f"{src.constant({o.id: o.value for o in question.options})}[{x}]"
        src.line(f"{out} = None if {x} is None else {value}")

    def ratio(self, out: str, part: RatioPart) -> None:
        src = self.src
        names = [self.answer(q) for q in part.sum]
        missing = " or ".join(f"{n} is None" for n in names)
        src.line(f"{out} = None")
        with src.block(f"if not ({missing}):"):
            total = src.name("s")
            src.line(f"{total} = 0.0 + {' + '.join(names)}")
            if part.factor != 1.0:  # x · 1.0 is x exactly
                src.line(f"{total} *= {src.constant(part.factor)}")
            if part.per is not None:
                per = self.answer(part.per)
                with src.block(f"if {per} is None:"):
                    src.line(f"{total} = None")
                with src.block(f"elif {per} == 0:"):
                    if part.per_zero == "zero":
                        src.line(f"{out} = 0.0")
                    src.line(f"{total} = None")
                with src.block("else:"):
                    src.line(f"{total} /= {per}")
            with src.block(f"if {total} is not None:"):
                target = src.name("t")
                constant = self.target(target, part.target)
                r = src.name("r")
                if constant is not None:
                    src.line(f"{r} = {total} / {constant}")
                else:
                    src.line(f"if {target} is None:")
                    src.line(f"    {r} = None")
                    src.line("else:")
                    src.line(f"    {r} = {total} / {target}")
                with src.block(f"if {r} is not None:"):  # min(max(r, 0.0), 1.0), NaN and -0.0 alike
                    src.line(f"{out} = 0.0 if {r} < 0.0 else (1.0 if {r} > 1.0 else {r})")

    def blend(self, out: str, parts: list[tuple[float, ValuePart | SharePart | RatioPart]], total: float) -> None:
        """The weighted mean of the parts, None as soon as one part is None (the later ones not evaluated)."""
        src = self.src
        values = []
        src.line(f"{out} = None")
        for depth, (_weight, part) in enumerate(parts):
            value = src.name("p")
            values.append(value)
            self.part(value, part)
            src.line(f"if {value} is not None:")
            src.depth += 1
            if depth == len(parts) - 1:
                acc = " + ".join(f"{src.constant(w)} * {v}" for (w, _), v in zip(parts, values, strict=True))
                src.line(f"{out} = (0.0 + {acc}) / {src.constant(total)}")
        src.depth -= len(parts)

    def component(self, out: str, comp: Component) -> None:
        src = self.src
        depth = src.depth
        if comp.zero_when is not None:
            holds = _holds(src, comp.zero_when, self.answer(comp.zero_when.question))
            src.line(f"if {holds}:")
            src.line(f"    {out} = 0.0")
            src.line("else:")
            src.depth += 1
        if comp.only_when is not None:
            value = self.answer(comp.only_when.question)
            holds = _holds(src, comp.only_when, value)
            src.line(f"if {holds}:")
            src.depth += 1
        if isinstance(comp, BlendComponent):
            self.blend(out, [(p.weight, p) for p in comp.parts], sum(p.weight for p in comp.parts))
        else:
            self.part(out, comp)
        if comp.only_when is not None:
            src.depth -= 1
            threshold = comp.otherwise_zero_above
            if threshold is None:
                src.line("else:")
                src.line(f"    {out} = None")
            else:
                with src.block(f"elif {value} is None or members is None:"):
                    src.line(f"{out} = None")
                with src.block("else:"):
                    limit = src.name("m")
                    self.level_limit(limit, threshold)
                    src.line(f"{out} = None if {limit} is _NA else (0.0 if members > {limit} else None)")
        src.depth = depth

    # ------------------------------------------------------------ norms

    def leaf(self, rule: NormRule) -> tuple[str, str]:
        """(a guard, a test): the rule is n/a unless the guard holds, then it passes when the test is truthy
        (as ``norms._Rule.check`` decides, without its reason)."""
        src = self.src
        x = self.answer(rule.question or "")
        if rule.kind == "is_true":
            return f"{x} is not None", x
        if rule.kind == "contains":
            return f"{x} is not None", f"{rule.option!r} in {x}"
        if rule.kind in ("in", "not_in"):
            wanted = rule.kind == "in"
            passes = {
                o.id: (o.id in rule.options) == wanted for o in self.profile.question(rule.question or "").options
            }
            return f"{x} is not None", f"{src.constant(passes)}[{x}]"
        if rule.kind == "share_at_least":
            base = self.answer(rule.of or "")
            need = src.constant(self.profile.parameters[rule.param or ""])
            return f"{x} is not None and {base} is not None and {base} != 0", f"{x} / {base} >= {need}"
        if rule.kind == "at_least" and rule.per_members_param is not None:
            per = src.constant(self.profile.parameters[rule.per_members_param])
            return f"{x} is not None and members is not None", f"{x} >= max(1, _ceil(members / {per}))"
        if rule.kind == "at_least":
            return f"{x} is not None", f"{x} >= {src.constant(rule.value)}"
        raise AssertionError(rule.kind)

    def rule(self, rule: NormRule, then: Callable[[str], None]) -> None:
        """Write the rule's checks; ``then(test)`` writes what follows where it applies (``test``: passes).
        «all»: n/a at its first inner rule that is n/a, in order; passes when every inner rule passes."""
        if rule.kind != "all":
            guard, test = self.leaf(rule)
            with self.src.block(f"if {guard}:"):
                then(test)
            return

        def from_(position: int, tests: list[str]) -> None:
            if position == len(rule.rules):
                then(" and ".join(tests) or "True")
                return
            name = self.src.name("o")

            def keep(test: str) -> None:
                self.src.line(f"{name} = {test}")
                from_(position + 1, [*tests, name])

            self.rule(rule.rules[position], keep)

        from_(0, [])

    def norm(self, out: str, norm: Norm) -> None:
        """``out`` = "pass" / "fail" / "n/a" as ``norms.CompiledNorm.evaluate`` decides."""
        src = self.src
        depth = src.depth
        src.line(f"{out} = 'n/a'")
        if norm.levels is not None:
            src.line(f"if level in {src.constant(frozenset(norm.levels))}:")
            src.depth += 1
        if norm.members_above is not None:
            src.line("if members is not None:")
            src.depth += 1
            limit = src.name("m")
            self.level_limit(limit, norm.members_above)
            src.line(f"if {limit} is not _NA and not members <= {limit}:")
            src.depth += 1
        self.rule(norm.rule, lambda test: src.line(f"{out} = 'pass' if {test} else 'fail'"))
        src.depth = depth

    # ------------------------------------------------------------ the whole function

    def relevance(self, questions: list[Question], required: frozenset[str]) -> None:
        """Pop the answers of questions not asked (in questionnaire order, as ``RelevanceRules.split``);
        ``asked`` counts the relevant required questions. Neighbours with the same condition share one test
        (unless one of them is the question the condition reads)."""
        src = self.src
        conditional = [(q.id, q.relevant_if) for q in questions if q.relevant_if is not None]
        position = 0
        while position < len(conditional):
            cond = conditional[position][1]
            run = [conditional[position][0]]
            while (
                position + len(run) < len(conditional)
                and conditional[position + len(run)][1] == cond
                and cond.question not in run
            ):
                run.append(conditional[position + len(run)][0])
            position += len(run)
            x = src.name("x")
            src.line(f"{x} = a.get({cond.question!r})")
            with src.block(f"if not {_holds(src, cond, x)}:"):
                for qid in run:
                    src.line(f"a.pop({qid!r}, None)")
                hidden_required = sum(1 for qid in run if qid in required)
                if hidden_required:
                    src.line(f"asked -= {hidden_required}")

    def kpi(self, kpi: Kpi) -> tuple[str, str]:
        """Write the KPI's components and score; (its local name, its components' names as tuple items)."""
        src = self.src
        names = []
        for comp in kpi.components:
            name = src.name("c")
            self.component(name, comp)
            names.append(name)
        src.line("acc = 0.0")
        src.line("total = 0.0")
        for comp, name in zip(kpi.components, names, strict=True):
            weight = src.constant(comp.weight)
            with src.block(f"if {name} is not None:"):
                src.line(f"acc += {weight} * {name}")
                src.line(f"total += {weight}")
        kpi_name = src.name("k")
        with src.block("if total:"):
            src.line(f"{kpi_name} = 100.0 * acc / total")
            weighted = kpi_name if kpi.weight == 1.0 else f"{src.constant(kpi.weight)} * {kpi_name}"  # 1.0 · x is x
            src.line(f"weighted += {weighted}")
            src.line(f"weights += {src.constant(kpi.weight)}")
        src.line("else:")
        src.line(f"    {kpi_name} = None")
        return kpi_name, "".join(f"{n}, " for n in names)

    def function(self) -> str:
        src, profile = self.src, self.profile
        questions = [q for s in profile.sections for q in s.questions]
        required = frozenset(q.id for q in questions if not q.optional)
        src.constants["_REQUIRED"] = required
        # An empty answer is no answer. Most answer sets have none: a copy (in C) and two scans beat
        # a comprehension that tests every value in Python.
        src.line("a = dict(answers)")
        with src.block("if None in a.values() or '' in a.values():"):
            src.line("a = {k: v for k, v in answers.items() if v is not None and v != ''}")
        src.line(f"asked = {len(required)}")
        self.relevance(questions, required)
        reads_at = len(src.lines)  # every effective answer the formulas use is read here, once
        src.line(f"members = {self.answer(profile.organization_question('members'))}")
        src.line(f"level = {self.answer(profile.organization_question('level'))}")
        src.line("weighted = 0.0")
        src.line("weights = 0.0")
        kpis, components = {}, {}
        for kpi in profile.kpis:
            kpis[kpi.id], components[kpi.id] = self.kpi(kpi)
        src.line("index = weighted / weights if weights else None")
        digital = "".join(kpis[k] + ", " for k in profile.data.digital_kpis if k in kpis)
        src.line(f"digital = [x for x in ({digital}) if x is not None]")
        src.line("digital_index = sum(digital) / len(digital) if digital else None")
        src.line("if index is None:")
        src.line("    maturity = None")
        for start, level_id in self.levels:
            src.line(f"elif index >= {src.constant(start)}:")
            src.line(f"    maturity = {level_id!r}")
        src.line("else:")
        src.line(f"    maturity = {self.levels[-1][1]!r}")
        statuses = {}
        for norm in profile.norms:
            statuses[norm.id] = src.name("n")
            self.norm(statuses[norm.id], norm)
        src.line("completeness = len(_REQUIRED.intersection(a)) / asked if asked else 1.0")
        src.line(
            f"return (a, members, level, {_display(kpis)}, ({''.join(components.values())}), index, digital_index, maturity, "
            f"{_display(statuses)}, completeness)"
        )
        src.lines[reads_at:reads_at] = [f"    {name} = a.get({qid!r})" for qid, name in self.answers.items()]
        return "def compiled_score(answers):\n" + "\n".join(src.lines) + "\n"


def _display(items: dict[str, str]) -> str:
    """A dict display of string keys and local names (or displays)."""
    return "{" + ", ".join(f"{key!r}: {value}" for key, value in items.items()) + "}"


CompiledScore = Callable[[Any], tuple]


def compile_scoring(profile: Profile, levels: list[tuple[float, str]]) -> tuple[CompiledScore, str]:
    """(the function, its source) for a profile; ``levels``: (from, level id), highest first."""
    compiler = _Compiler(profile, levels)
    source = compiler.function()
    namespace = dict(compiler.src.constants)
    exec(compile(source, f"<scoring of {profile.id} {profile.version}>", "exec"), namespace)  # noqa: S102
    return namespace["compiled_score"], source
