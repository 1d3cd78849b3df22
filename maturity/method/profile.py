"""Loading questionnaire profiles: find, read, merge with the base, validate, index.

A profile named in a received file is looked up by id (and version) among the files shipped in
the ``questionnaires`` package, and nowhere else: :func:`find_profile` never reads a path. Only
the user chooses a file (:func:`load_profile_file`, ``maturity score --profile PATH``). ``extends: BASE`` merges the file over its base (the rules: :mod:`maturity.method.extending`).
Every error is a :class:`ProfileError` naming the file, the place in it and what
is wrong.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn, Protocol

import yaml
from pydantic import ValidationError

from maturity.errors import BadInput, os_why, shorten
from maturity.method.extending import merge_extension
from maturity.method.nominations import INDEX, OVERALL, nominations_of, target_problem
from maturity.method.profile_yaml import YamlProblem, read_profile_yaml
from maturity.method.schema import (
    BlendComponent,
    Component,
    Condition,
    Kpi,
    MemberBand,
    Nomination,
    Norm,
    NormRule,
    ProfileFile,
    Question,
    RatioPart,
    SharePart,
    Target,
    ValuePart,
)
from maturity.method.schema_errors import schema_place

DEFAULT_PROFILE_ID = "fnpr-base"
ORGANIZATION_FACTS = ("name", "level", "region", "sector", "members")  # kept on the organization itself
LEVEL_KEYED_PARAMETERS = ("social_threshold", "site_threshold", "media_targets")
COMPONENT_KINDS = ("value", "share", "ratio", "blend")
# Answers the store copies into an integer column of the database (organization.members): their
# questions must have an upper bound that fits it.
STORED_INTEGER_LIMITS = {"profile.members": 2**31 - 1}


class ProfileError(BadInput):
    """A profile file that cannot be used; ``str()`` is a sentence for a person."""

    def __init__(self, source: str, where: str, problem: str):
        self.source, self.where, self.problem = source, where, problem
        place = f" ({where})" if where else ""
        super().__init__(f"{source}{place}: {problem}")


@dataclass(frozen=True, eq=False)
class Profile:
    """A validated profile with lookups the engine and the UI need."""

    data: ProfileFile
    source: str
    questions: dict[str, Question] = field(repr=False)
    text: str = field(default="", repr=False)  # the exact text that is stored and hashed (see stored_text)

    @cached_property
    def sha256(self) -> str:
        """The sha256 of the profile's normalised text: which text of ``id`` + ``version`` this is."""
        return text_sha256(self.text)

    @property
    def short_hash(self) -> str:
        return self.sha256[:SHORT_HASH_LENGTH]

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def version(self) -> str:
        return self.data.version

    @property
    def title(self) -> str:
        return self.data.title

    @property
    def parameters(self) -> dict[str, Any]:
        return self.data.parameters

    @property
    def sections(self):
        return self.data.sections

    @property
    def kpis(self) -> tuple[Kpi, ...]:
        return self.data.kpis

    @property
    def norms(self) -> tuple[Norm, ...]:
        return self.data.norms

    def question(self, question_id: str) -> Question:
        return self.questions[question_id]

    @property
    def nominations(self) -> tuple[Nomination, ...]:
        """The annual contest's nominations (:func:`maturity.method.nominations.nominations_of`)."""
        return nominations_of(self.data)

    def kpi(self, kpi_id: str) -> Kpi:
        for kpi in self.data.kpis:
            if kpi.id == kpi_id:
                return kpi
        raise KeyError(kpi_id)

    def level_label(self, level_id: str | None) -> str:
        for level in self.data.maturity_levels:
            if level.id == level_id:
                return level.label
        return "—"

    def organization_level_label(self, level_id: str | None) -> str:
        for level in self.data.organization_levels:
            if level.id == level_id:
                return level.label
        return level_id or "—"

    def organization_level_short(self, level_id: str | None) -> str:
        """The short label of an organization level («ППО»), the long one when the profile has none."""
        for level in self.data.organization_levels:
            if level.id == level_id:
                return level.short or level.label
        return level_id or "—"

    @property
    def organization_level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.data.organization_levels)

    def organization_question(self, fact: str) -> str:
        """The id of the question that gives an organization fact: name, level, members, parent,
        region, sector or respondent."""
        return getattr(self.data.organization, fact)

    @property
    def sector_choices(self) -> tuple[str, ...]:
        """The sector unions the profile lists for the organization's sector (offered, any other text kept)."""
        return tuple(self.question(self.organization_question("sector")).suggested or ())

    @property
    def personal_question_ids(self) -> frozenset[str]:
        """Questions whose answers are personal data: the respondent question and every question marked
        ``personal: true``. A consolidated report leaves them out unless the user asks for them."""
        marked = {q.id for q in self.questions.values() if q.personal}
        return frozenset({self.organization_question("respondent"), *marked})

    def organization_fact(self, answers: Mapping[str, Any], fact: str) -> Any:
        """One fact from the answers (text stripped; None when blank or unanswered)."""
        value = answers.get(self.organization_question(fact))
        if isinstance(value, str):
            value = value.strip() or None
        return value

    def organization_facts(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """What the answers say about the organization itself: name, level, region, sector, members
        (those answered)."""
        facts = {fact: self.organization_fact(answers, fact) for fact in ORGANIZATION_FACTS}
        return {fact: value for fact, value in facts.items() if value is not None}

    def answers_for_organization(self, **facts: Any) -> dict[str, Any]:
        """The answers that state these facts (the inverse of :meth:`organization_facts`), blanks left out."""
        return {self.organization_question(fact): value for fact, value in facts.items() if value not in (None, "")}

    @property
    def member_bands(self) -> tuple[MemberBand, ...]:
        """The member-size bands, smallest first."""
        return self.data.member_bands

    def member_band(self, members: int | None) -> MemberBand | None:
        """The band an organization of ``members`` members falls in; None when the number is unknown."""
        if members is None or isinstance(members, bool) or not isinstance(members, int) or members < 0:
            return None
        found = self.data.member_bands[0]
        for band in self.data.member_bands:
            if members >= band.from_:
                found = band
        return found

    def level_parameter(self, name: str, level: str | None) -> Any:
        """A parameter's value for an organization level (the value itself if not per level)."""
        value = self.data.parameters[name]
        if isinstance(value, dict) and level is not None and level in value:
            return value[level]
        return value

    def required_copies(self, param: str, members: int) -> int:
        """``max(1, ceil(M / p))``: one unit per ``p`` members, at least one."""
        return max(1, math.ceil(members / self.data.parameters[param]))


# ---------------------------------------------------------------- the text of a profile and its hash

SHORT_HASH_LENGTH = 12


def normalised_text(text: str) -> str:
    """The text as it is stored and hashed: no byte-order mark, «\\n» line ends, one final line end."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip("\n") + "\n"


def text_sha256(text: str) -> str:
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def stored_text(own_text: str, raw: Mapping[str, Any], merged: Mapping[str, Any]) -> str:
    """The text a profile is kept and hashed by: its own file's text, or, when it ``extends`` a base, the
    merged method written out whole (so the kept text alone says how an assessment was scored)."""
    if raw.get("extends") is None:
        return normalised_text(own_text)
    whole = {key: value for key, value in merged.items() if key not in ("extends", "extends_version")}
    header = f"# Методика «{raw.get('id')}» целиком: файл, наследующий «{raw.get('extends')}», вместе с базовой.\n"
    return normalised_text(header + yaml.safe_dump(whole, allow_unicode=True, sort_keys=False, width=100))


# ---------------------------------------------------------------- finding and reading files

# An installed profile is named by a plain identifier: letters, digits, «-» and «_». Nothing that
# could be read as a path (a separator, «..», a drive «C:», a «.yaml» suffix) is ever a profile id.
PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def shipped_profile_ids() -> list[str]:
    return sorted({profile_id for profile_id, _ in _shipped_files()})


def shipped_profile_versions(profile_id: str | None = None) -> list[tuple[str, str]]:
    """Every shipped (id, version), oldest version first (only ``profile_id``'s when given)."""
    found = [key for key in _shipped_files() if profile_id is None or key[0] == profile_id]
    return sorted(found, key=lambda key: (key[0], version_key(key[1])))


def current_shipped_version(profile_id: str) -> str | None:
    """The newest shipped version of ``profile_id`` (what a new assessment is scored with), None if not shipped."""
    versions = [version for _, version in shipped_profile_versions(profile_id)]
    return versions[-1] if versions else None


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A version compared as people read it: «2026.10» after «2026.9», numbers before letters."""
    parts = re.split(r"[._-]", version)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts)


# A shipped file names its profile and version: ``fnpr-base-2026.1.yaml`` is fnpr-base version 2026.1.
SHIPPED_FILE_NAME = re.compile(r"(?P<id>[A-Za-z0-9][A-Za-z0-9_-]*?)-(?P<version>[0-9]{4}\.[0-9]+)\.yaml")


@cache
def _shipped_files() -> dict[tuple[str, str], str]:
    """The package's profile files by (id, version), listed once (a catalog asks for every file it reads)."""
    folder = resources.files("questionnaires")
    found = {}
    for path in folder.iterdir():
        named = SHIPPED_FILE_NAME.fullmatch(path.name)
        if named is not None:
            found[(named["id"], named["version"])] = path.name
    return found


def is_plain_id(text: object) -> bool:
    """Whether ``text`` can be the id of an installed profile (never a path)."""
    return isinstance(text, str) and PLAIN_ID.fullmatch(text) is not None


def _read_yaml(text: str, source: str) -> dict[str, Any]:
    try:
        data = read_profile_yaml(text)
    except YamlProblem as exc:
        raise ProfileError(source, exc.where, exc.problem) from None
    if not isinstance(data, dict):
        raise ProfileError(source, "", "ожидался YAML-словарь с полями id, version, sections…")
    return data


def check_profile_id(profile_id: Any) -> None:
    """Refuse an id that is not a plain identifier, before anything is looked up."""
    if not is_plain_id(profile_id):
        raise ProfileError(
            f"«{shorten(profile_id)}»",
            "",
            "это не идентификатор методики: он состоит только из латинских букв, цифр, «-» и «_» "
            "(путь к файлу методики здесь не принимается)",
        )


def _shipped_text(profile_id: str, version: str | None = None) -> tuple[str, str]:
    """The text of a shipped profile (``version`` None: its newest) and its source name."""
    check_profile_id(profile_id)
    known = shipped_profile_ids()
    if profile_id not in known:
        raise ProfileError(profile_id, "", f"неизвестный профиль; есть: {', '.join(known)}")
    version = version or current_shipped_version(profile_id)
    name = _shipped_files().get((profile_id, version or ""))
    if name is None:
        versions = ", ".join(v for _, v in shipped_profile_versions(profile_id))
        raise ProfileError(
            profile_id, "", f"версия «{shorten(version)}» неизвестна; программа знает версии: {versions}"
        )
    resource = resources.files("questionnaires") / name
    return resource.read_text(encoding="utf-8"), f"questionnaires/{name}"


# A base profile's mapping by id, the profiles that extend it (to refuse a circle) and its version (None: current).
BaseLookup = Callable[[str, tuple[str, ...], str | None], dict[str, Any]]


def _merged(
    data: dict[str, Any], source: str, seen: tuple[str, ...], base_of: BaseLookup | None = None
) -> dict[str, Any]:
    """``data`` merged over the installed profile it ``extends`` (by id only, never a path); ``base_of``
    finds the base (default: among the shipped profiles; a catalog passes its own lookup)."""
    base_id = data.get("extends")
    if base_id is None:
        return data
    if not isinstance(base_id, str):
        raise ProfileError(source, "extends", "ожидался id базового профиля")
    if base_id in seen:
        raise ProfileError(source, "extends", f"циклическое наследование: {' → '.join(seen + (base_id,))}")
    if not is_plain_id(base_id):
        raise ProfileError(
            source, "extends", f"«{shorten(base_id)}» — не id встроенной методики; путь к файлу здесь не принимается"
        )
    base_version = data.get("extends_version")
    if base_version is not None and (not isinstance(base_version, str) or not base_version.strip()):
        raise ProfileError(source, "extends_version", "ожидался номер версии базового профиля в кавычках («2026.1»)")
    base = (base_of or _shipped_raw)(base_id, seen + (str(data.get("id", source)),), base_version)
    if base_version is not None and base.get("version") != base_version:
        raise ProfileError(source, "extends_version", f"версия «{shorten(base_version)}» базовой методики неизвестна")
    return merge_extension(base, data)


def _shipped_raw(profile_id: str, seen: tuple[str, ...] = (), version: str | None = None) -> dict[str, Any]:
    text, source = _shipped_text(profile_id, version)
    return _merged(_read_yaml(text, source), source, seen)


# ---------------------------------------------------------------- validation


def _error_place(error: Any) -> str:
    return schema_place(error)


# The schema's errors in Russian, by pydantic's error type (ctx fills the places); others keep pydantic's text.
RUSSIAN_SCHEMA_ERRORS = {
    "missing": "обязательное поле не заполнено",
    "extra_forbidden": "такого поля в файле методики не бывает",
    "string_type": "ожидалась строка",
    "int_parsing": "ожидалось целое число",
    "int_type": "ожидалось целое число",
    "int_from_float": "ожидалось целое число",
    "float_parsing": "ожидалось число",
    "float_type": "ожидалось число",
    "bool_parsing": "ожидалось true или false",
    "bool_type": "ожидалось true или false",
    "list_type": "ожидался список",
    "tuple_type": "ожидался список",
    "dict_type": "ожидался словарь (поля с значениями)",
    "model_type": "ожидался словарь (поля с значениями)",
    "literal_error": "допустимые значения: {expected}",
    "greater_than": "значение должно быть больше {gt}",
    "greater_than_equal": "значение должно быть не меньше {ge}",
    "less_than": "значение должно быть меньше {lt}",
    "less_than_equal": "значение должно быть не больше {le}",
    "too_short": "слишком мало элементов (нужно не меньше {min_length})",
    "string_too_short": "строка слишком короткая (нужно не меньше {min_length} знаков)",
    "union_tag_invalid": "неизвестный вид {tag!r}; допустимые: {expected_tags}",
    "value_error": "{error}",
    "string_pattern_mismatch": "значение не подходит: нужны латинские буквы, цифры и знаки по образцу {pattern}",
}


def _russian_message(error: Any) -> str:
    template = RUSSIAN_SCHEMA_ERRORS.get(error["type"])
    if template is None:
        return str(error["msg"])
    try:
        return template.format(**_ctx_numbers(error.get("ctx") or {})).replace("' or '", "' или '")
    except (KeyError, IndexError, ValueError):
        return str(error["msg"])


def _ctx_numbers(ctx: Mapping[str, Any]) -> dict[str, Any]:
    """A limit in a message as a person writes it: 0.0 → «0», 0.5 → «0,5»."""

    def text(value: Any) -> Any:
        if isinstance(value, float) and not isinstance(value, bool):
            return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
        return value

    return {key: text(value) for key, value in ctx.items()}


def schema_message(error: Any) -> str:
    """A schema error's sentence in Russian (the profile editor shows it beside the field)."""
    return _russian_message(error)


def _pydantic_error(source: str, exc: ValidationError) -> ProfileError:
    first = exc.errors()[0]
    more = f" (и ещё ошибок: {exc.error_count() - 1})" if exc.error_count() > 1 else ""
    return ProfileError(source, _error_place(first), f"{_russian_message(first)}{more}")


def validation_problems(text: str, source: str, base_of: BaseLookup | None = None) -> list[ProfileError]:
    """Every problem of a profile text, each a ProfileError with its place: all the schema's errors at
    once; when the schema passes, the first reference error (an unknown question, a missing level…)."""
    try:
        raw = _read_yaml(text, source)
        merged = _merged(raw, source, (), base_of)
        data = ProfileFile.model_validate(merged)
    except ProfileError as exc:
        return [exc]
    except ValidationError as exc:
        return [ProfileError(source, _error_place(error), _russian_message(error)) for error in exc.errors()]
    try:
        _References(data, source).check()
    except ProfileError as exc:
        return [exc]
    return []


class _References:
    """Checks that every id a profile mentions exists and every weight makes sense."""

    def __init__(self, data: ProfileFile, source: str):
        self.data, self.source = data, source
        self.questions = {q.id: q for s in data.sections for q in s.questions}
        self.levels = {lvl.id for lvl in data.organization_levels}

    def fail(self, where: str, problem: str) -> NoReturn:
        raise ProfileError(self.source, where, problem)

    def question(self, where: str, qid: str | None, *types: str) -> Question:
        if qid is None:
            self.fail(where, "не указан вопрос")
        question = self.questions.get(qid)
        if question is None:
            self.fail(where, f"неизвестный вопрос «{qid}»")
        if types and question.type not in types:
            self.fail(where, f"вопрос «{qid}» имеет тип {question.type}, нужен {' или '.join(types)}")
        return question

    def option(self, where: str, question: Question, option_id: str) -> None:
        if question.option(option_id) is None:
            self.fail(where, f"у вопроса «{question.id}» нет варианта «{option_id}»")

    def param(self, where: str, name: str | None) -> Any:
        if name is None or name not in self.data.parameters:
            self.fail(where, f"неизвестный параметр «{name}»")
        return self.data.parameters[name]

    def condition(self, where: str, cond: Condition | None) -> None:
        if cond is None:
            return
        q = self.question(where, cond.question)
        if cond.one_of is not None:
            if q.type != "choice":
                self.fail(where, f"условие one_of бывает только у вопроса с выбором одного варианта, а «{q.id}» — нет")
            if not cond.one_of:
                self.fail(f"{where}.one_of", "в условии one_of не перечислено ни одного варианта")
            for option in cond.one_of:
                self.option(f"{where}.one_of", q, option)
            if cond.equals is not None or cond.greater_than is not None:
                self.fail(where, "в условии нужно одно из: equals, greater_than или one_of")

    def check(self) -> None:
        seen: set[str] = set()
        for si, section in enumerate(self.data.sections):
            for qi, q in enumerate(section.questions):
                where = f"sections.{si}.questions.{qi}"
                if q.id in seen:
                    self.fail(where, f"вопрос «{q.id}» встречается дважды")
                seen.add(q.id)
                self.check_question(where, q)
        self.check_relevance_chains()
        for name in LEVEL_KEYED_PARAMETERS:
            value = self.data.parameters.get(name)
            if isinstance(value, dict) and not self.levels <= set(value):
                missing = ", ".join(sorted(self.levels - set(value)))
                self.fail(f"parameters.{name}", f"не заданы значения для уровней: {missing}")
        for name, value in self.data.parameters.items():
            self.check_positive(f"parameters.{name}", value)
        self.check_floors()
        kpi_ids = set()
        for ki, kpi in enumerate(self.data.kpis):
            if kpi.id in kpi_ids:
                self.fail(f"kpis.{ki}", f"показатель «{kpi.id}» встречается дважды")
            kpi_ids.add(kpi.id)
            for ci, comp in enumerate(kpi.components):
                self.check_component(f"kpis.{ki}.components.{ci}", comp)
        for di, kpi_id in enumerate(self.data.digital_kpis):
            if kpi_id not in kpi_ids:
                self.fail(f"digital_kpis.{di}", f"неизвестный показатель «{kpi_id}»")
        for ni, norm in enumerate(self.data.norms):
            where = f"norms.{ni}"
            for level in norm.levels or ():
                if level not in self.levels:
                    self.fail(f"{where}.levels", f"неизвестный уровень организации «{level}»")
            if norm.members_above is not None:
                self.param(f"{where}.members_above", norm.members_above)
            self.check_rule(f"{where}.rule", norm.rule)
        self.check_organization_questions()
        self.check_contest()
        starts = [lvl.from_ for lvl in self.data.maturity_levels]
        if starts[0] != 0 or starts != sorted(set(starts)):
            self.fail("maturity_levels", "границы уровней должны начинаться с 0 и возрастать")
        self.check_member_bands()

    def check_member_bands(self) -> None:
        bands = self.data.member_bands
        starts = [band.from_ for band in bands]
        if starts[0] != 0 or starts != sorted(set(starts)):
            self.fail("member_bands", "границы групп по численности должны начинаться с 0 и возрастать")
        ids = [band.id for band in bands]
        if len(set(ids)) != len(ids):
            self.fail("member_bands", "группы по численности должны иметь разные id")

    def check_floors(self) -> None:
        """Each floor names a target a component compares an answer with: ``param`` or ``param.key``."""
        named = set()
        for kpi in self.data.kpis:
            for comp in kpi.components:
                for part in comp.parts if isinstance(comp, BlendComponent) else (comp,):
                    if isinstance(part, RatioPart) and part.target.param is not None:
                        key = part.target.key
                        named.add(part.target.param if key is None else f"{part.target.param}.{key}")
        for i, name in enumerate(self.data.floors):
            if name not in named:
                self.fail(f"floors.{i}", f"«{name}» — не целевой параметр ни одного компонента показателя")

    def check_contest(self) -> None:
        """The contest's nominations name figures the profile has (``overall`` the index), each id once; a
        commission member's mark has a range."""
        seen: set[str] = set()
        for ni, nomination in enumerate(self.data.nominations):
            where = f"nominations.{ni}"
            if nomination.id in seen:
                self.fail(where, f"номинация «{nomination.id}» встречается дважды")
            seen.add(nomination.id)
            if nomination.id == OVERALL and (nomination.remove or nomination.by != INDEX):
                self.fail(where, "общая номинация «overall» всегда есть и оценивается по индексу (by: index)")
            if not nomination.remove and not nomination.title.strip():
                self.fail(f"{where}.title", f"у номинации «{nomination.id}» нет названия")
            problem = None if nomination.remove else target_problem(self.data, nomination.by)
            if problem is not None:
                self.fail(f"{where}.by", problem)
        rules = self.data.contest
        if rules.mark_min >= rules.mark_max:
            self.fail("contest.mark_max", "наибольшая оценка комиссии должна быть больше наименьшей")

    def check_organization_questions(self) -> None:
        """The questions that say who the organization is exist and have a fitting type; the level
        question offers exactly the profile's organization levels."""
        org = self.data.organization
        for fact in ("name", "parent", "region", "respondent"):
            self.question(f"organization.{fact}", getattr(org, fact), "text")
        self.question("organization.sector", org.sector, "text", "choice")
        self.question("organization.members", org.members, "int")
        level = self.question("organization.level", org.level, "choice")
        offered = {option.id for option in level.options}
        if offered != self.levels:
            self.fail(
                "organization.level", "варианты вопроса об уровне организации должны совпадать с organization_levels"
            )

    def check_relevance_chains(self) -> None:
        """A question shown only when another is answered (``relevant_if``) never depends on itself, directly
        or through a chain: such a question could never be asked."""
        places = {q.id: f"sections.{si}.questions.{qi}.relevant_if"
                  for si, s in enumerate(self.data.sections) for qi, q in enumerate(s.questions)}  # fmt: skip
        for start in self.questions:
            chain = [start]
            condition = self.questions[start].relevant_if
            while condition is not None and condition.question in self.questions:
                if condition.question in chain:
                    if condition.question == start:
                        shown = " → ".join([*chain, start])
                        self.fail(places[start], f"вопрос показывается, только если ответить на него самого ({shown})")
                    break  # a loop further on: reported from one of its own questions
                chain.append(condition.question)
                condition = self.questions[condition.question].relevant_if

    def check_satisfiable(self, where: str, q: Question) -> None:
        """Some answer fits the question's limits: min ≤ max (an integer between them for int), min_length ≤
        max_length, and a ``max_question`` whose own limit leaves room above ``min``."""
        low = (
            q.min if q.min is not None or q.type not in ("int", "number") else 0
        )  # a number is never below 0 unless min says
        if low is not None and q.max is not None and low > q.max:
            self.fail(
                f"{where}.max", f"у вопроса «{q.id}» max ({q.max:g}) меньше наименьшего ответа ({low:g}): ответа нет"
            )
        if q.type == "int" and low is not None and q.max is not None and math.ceil(low) > math.floor(q.max):
            self.fail(f"{where}.min", f"между min и max вопроса «{q.id}» нет целого числа")
        if q.min_length is not None and q.max_length is not None and q.min_length > q.max_length:
            self.fail(f"{where}.min_length", f"у вопроса «{q.id}» min_length больше max_length: ответа нет")
        if q.max_question is not None and q.min is not None:
            other = self.questions[q.max_question]
            if other.max is not None and q.min > other.max:
                self.fail(
                    f"{where}.max_question",
                    f"ответ на «{q.id}» не меньше {q.min:g}, но не больше ответа на «{other.id}» (до {other.max:g})",
                )

    def check_positive(self, where: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                self.check_positive(f"{where}.{key}", inner)
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.fail(where, f"параметр должен быть положительным числом, а не {value!r}")

    def check_suggested(self, where: str, q: Question) -> None:
        """A list of usual answers: only for text, each a non-blank answer the question accepts, none twice."""
        if q.type != "text":
            self.fail(where, "список ответов на выбор (suggested) бывает только у текстовых вопросов")
        for value in q.suggested:
            if not value.strip() or value != value.strip():
                self.fail(where, f"ответ из списка «{value}» пустой или с пробелами по краям")
            if q.max_length is not None and len(value) > q.max_length:
                self.fail(where, f"ответ из списка «{value}» длиннее max_length ({q.max_length})")
        if len(set(q.suggested)) != len(q.suggested):
            self.fail(where, f"у вопроса «{q.id}» в списке повторяются ответы")

    def check_question(self, where: str, q: Question) -> None:
        if q.type in ("choice", "multi"):
            if not q.options:
                self.fail(f"{where}.options", f"у вопроса «{q.id}» нет вариантов ответа")
            ids = [o.id for o in q.options]
            if len(ids) != len(set(ids)):
                self.fail(f"{where}.options", f"у вопроса «{q.id}» повторяются варианты")
        elif q.options:
            self.fail(f"{where}.options", "варианты ответа бывают только у вопросов choice и multi")
        if q.suggested:
            self.check_suggested(f"{where}.suggested", q)
        self.condition(f"{where}.relevant_if", q.relevant_if)
        if q.relevant_if is not None and q.relevant_if.question == q.id:
            self.fail(f"{where}.relevant_if", f"вопрос «{q.id}» показывается, только если ответить на него самого")
        limit = STORED_INTEGER_LIMITS.get(q.id)
        if limit is not None and (q.type != "int" or q.max is None or q.max > limit):
            self.fail(f"{where}.max", f"вопрос «{q.id}» хранится в базе целым числом: нужны type: int и max до {limit}")
        for name in ("max_question", "warn_if_less_than"):
            other = getattr(q, name)
            if other is not None:
                self.question(f"{where}.{name}", other, "int", "number")
        if q.plausible_per is not None:
            self.question(f"{where}.plausible_per.question", q.plausible_per.question, "int", "number")
        self.check_satisfiable(where, q)
        if (q.plausible_max is not None or q.plausible_per is not None) and q.type not in ("int", "number"):
            self.fail(f"{where}.plausible_max", f"предел правдоподобия бывает только у числовых вопросов («{q.id}»)")

    def check_target(self, where: str, target: Target) -> None:
        if target.members:
            return
        value = self.param(f"{where}.param", target.param)
        if target.key is not None:
            values = value.values() if isinstance(value, dict) else ()
            if not all(isinstance(v, dict) and target.key in v for v in values) or not values:
                self.fail(f"{where}.key", f"в параметре «{target.param}» нет ключа «{target.key}»")

    def check_part(self, where: str, part: ValuePart | SharePart | RatioPart) -> None:
        if isinstance(part, ValuePart):
            q = self.question(f"{where}.question", part.question, "choice", "bool")
            if q.type == "choice" and any(o.value is None for o in q.options):
                self.fail(f"{where}.question", f"у вариантов вопроса «{q.id}» не заданы значения (value)")
        elif isinstance(part, SharePart):
            self.question(f"{where}.question", part.question, "multi")
        else:
            for i, qid in enumerate(part.sum):
                self.question(f"{where}.sum.{i}", qid, "int", "number")
            if part.per is not None:
                self.question(f"{where}.per", part.per, "int", "number")
            self.check_target(f"{where}.target", part.target)

    def check_component(self, where: str, comp: Component) -> None:
        if isinstance(comp, BlendComponent):
            for pi, part in enumerate(comp.parts):
                self.check_part(f"{where}.parts.{pi}", part)
        else:
            self.check_part(where, comp)
        self.condition(f"{where}.zero_when", comp.zero_when)
        self.condition(f"{where}.only_when", comp.only_when)
        if comp.otherwise_zero_above is not None:
            self.param(f"{where}.otherwise_zero_above", comp.otherwise_zero_above)
        template = getattr(comp, "advice_missing", None)
        if template is not None and "{missing}" not in template:
            self.fail(
                f"{where}.advice_missing", "в тексте рекомендации нужно место {missing} для недостающих вариантов"
            )
        elif template is not None and template.replace("{missing}", "").count("{") + template.count("}") > 1:
            self.fail(f"{where}.advice_missing", "в тексте рекомендации допустимо только место {missing}")

    def check_rule(self, where: str, rule: NormRule) -> None:
        if rule.kind == "all":
            if not rule.rules:
                self.fail(where, "правило all без вложенных правил")
            for i, inner in enumerate(rule.rules):
                self.check_rule(f"{where}.rules.{i}", inner)
            return
        if rule.kind == "share_at_least":
            self.question(f"{where}.question", rule.question, "int", "number")
            self.question(f"{where}.of", rule.of, "int", "number")
            self.param(f"{where}.param", rule.param)
        elif rule.kind in ("not_in", "in"):
            q = self.question(f"{where}.question", rule.question, "choice")
            for oid in rule.options:
                self.option(f"{where}.options", q, oid)
        elif rule.kind == "contains":
            q = self.question(f"{where}.question", rule.question, "multi")
            self.option(f"{where}.option", q, rule.option or "")
        elif rule.kind == "is_true":
            self.question(f"{where}.question", rule.question, "bool")
        elif rule.kind == "at_least":
            self.question(f"{where}.question", rule.question, "int", "number")
            if rule.per_members_param is not None:
                self.param(f"{where}.per_members_param", rule.per_members_param)
            elif rule.value is None:
                self.fail(where, "правилу at_least нужно value или per_members_param")


def profile_from_mapping(raw: dict[str, Any], source: str, text: str = "") -> Profile:
    """Validate an already merged mapping and build the :class:`Profile` (``text``: its stored text)."""
    try:
        data = ProfileFile.model_validate(raw)
    except ValidationError as exc:
        raise _pydantic_error(source, exc) from exc
    checker = _References(data, source)
    checker.check()
    return Profile(data=data, source=source, questions=checker.questions, text=text)


def profile_from_text(text: str, source: str, base_of: BaseLookup | None = None) -> Profile:
    """Read, merge over its base (``extends``, found by ``base_of``), validate: the :class:`Profile` of a
    YAML text, whose :attr:`Profile.text` is the text kept for it (:func:`stored_text`)."""
    raw = _read_yaml(text, source)
    merged = _merged(raw, source, (), base_of)
    return profile_from_mapping(merged, source, stored_text(text, raw, merged))


def read_yaml_mapping(text: str, source: str) -> dict[str, Any]:
    """A profile text's YAML mapping (a ProfileError naming the line when it is not one)."""
    return _read_yaml(text, source)


def load_profile(profile_id: str = DEFAULT_PROFILE_ID, version: str | None = None) -> Profile:
    """A shipped profile by its id (``fnpr-base``) and version (None: the newest shipped, which new assessments
    use); never reads a file outside the package."""
    check_profile_id(profile_id)
    return _load_shipped(profile_id, version or current_shipped_version(profile_id))


@cache
def _load_shipped(profile_id: str, version: str | None) -> Profile:
    text, source = _shipped_text(profile_id, version)
    return profile_from_text(text, source)


def find_profile(profile_id: str, version: str | None = None) -> Profile:
    """The shipped profile an assessment names by id and version; anything else is a ProfileError.

    The id comes from a received file, so it is only ever compared with the shipped ids: a path,
    a file in the current folder or beside the received file is never opened.
    """
    return load_profile(profile_id, version)


def load_profile_file(path: str | Path) -> Profile:
    """A profile from a YAML file the user chose (``score --profile PATH``); ``extends`` names an installed id."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(str(path), "", "файл профиля не найден") from None
    except UnicodeDecodeError:
        raise ProfileError(str(path), "", "файл профиля не в кодировке UTF-8") from None
    except OSError as exc:
        raise ProfileError(str(path), "", f"файл профиля не открывается ({os_why(exc)})") from None
    return profile_from_text(text, str(path))


class ProfileLookup(Protocol):
    """Where an id is looked up (a :class:`maturity.method.catalog.ProfileCatalog`)."""

    def ids(self) -> list[str]: ...

    def find(self, profile_id: str, version: str | None = None, sha256: str | None = None) -> Profile: ...


def load_profile_argument(text: str, catalog: ProfileLookup | None = None) -> Profile:
    """The profile a user named on the command line: an id shipped or installed (in ``catalog``; default: the
    shipped ones), or else the path of a YAML file."""
    find = catalog.find if catalog is not None else load_profile
    known = catalog.ids() if catalog is not None else shipped_profile_ids()
    if is_plain_id(text) and text in known:
        return find(text)
    if is_plain_id(text) and not Path(text).is_file():
        return find(text)  # an unknown id: the refusal lists the known ones
    return load_profile_file(text)
