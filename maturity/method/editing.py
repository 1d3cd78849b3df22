"""The profile editor's core: which fields of a profile can be edited, an edit, the live check, what changed.

No Qt. The editor (``ui/profile_editor/``) shows an :class:`EditableProfile`: a tree of groups
(general, targets and thresholds, KPIs with their components, sections with their questions and
options, norms), each with the fields a federation may change — parameters, weights, level
boundaries and the wording — labelled in Russian. An edit replaces one value in a plain mapping of
the whole profile; after each edit the whole mapping is validated with the profile schema and the
reference checks (:func:`problems`), each error mapped to the field it is about, in Russian.
:func:`changes` lists the edited fields against the starting profile; :func:`saved_text` gives the
YAML to hand out (a small ``extends:`` file or a full copy).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from maturity.method.extending import NotExpressible, extension_of
from maturity.method.profile import Profile, ProfileError, check_profile_id, profile_from_mapping, schema_message
from maturity.method.schema import Kpi
from maturity.method.schema_errors import schema_place

Path = tuple[str | int, ...]
WEIGHT_DEFAULT = Kpi.model_fields["weight"].default  # every weight the schema lets a profile leave out
FieldKind = Literal["number", "line", "text"]

# Russian names of the base method's parameters (method §3); a parameter a federation adds is named
# by the KPIs and norms that use it.
PARAMETER_LABELS = {
    "funding_target_share": "Целевая доля расходов на информационную работу в бюджете",
    "social_threshold": "Численность, с которой страница в соцсетях обязательна",
    "site_threshold": "Численность, с которой сайт обязателен",
    "subscribers_share_target": "Целевая доля подписчиков от численности членов",
    "engagement_target": "Целевая вовлечённость: доля реакций от подписчиков",
    "posts_per_week_target": "Целевое число публикаций в неделю",
    "reached_share_target": "Целевая доля членов на электронных каналах",
    "non_union_share_target": "Целевой охват не членов профсоюза (доля от численности)",
    "participation_share_target": "Целевая доля членов, участвующих в акциях",
    "campaigns_target": "Целевое число акций и кампаний в год",
    "meetings_target": "Целевое число информационных собраний в год",
    "trained_per_members": "Членов профсоюза на одного обученного активиста",
    "training_events_target": "Целевое число обучающих мероприятий в год",
    "media_targets": "Цели по работе со СМИ",
    "solidarnost_per_members": "Членов профсоюза на один экземпляр «Солидарности»",
}
MEDIA_KEY_LABELS = {
    "citations": "цитирования",
    "publications": "публикации",
    "materials_up": "материалы в вышестоящую организацию",
}


@dataclass(frozen=True)
class EditableField:
    """One value the editor lets a person change: where it is in the profile mapping and what it is called."""

    path: Path
    label: str
    kind: FieldKind

    @property
    def key(self) -> str:
        """The dotted place, as profile errors name it: ``kpis.2.components.3.weight``."""
        return ".".join(str(part) for part in self.path)


@dataclass
class EditGroup:
    """A node of the editor's tree: a title, its own fields and the groups under it."""

    title: str
    fields: list[EditableField] = field(default_factory=list)
    children: list[EditGroup] = field(default_factory=list)
    trail: tuple[str, ...] = ()  # the titles above it, for «Что изменилось»

    def walk(self) -> Iterator[EditGroup]:
        yield self
        for child in self.children:
            yield from child.walk()

    def child(self, title: str) -> EditGroup:
        group = EditGroup(title, trail=(*self.trail, self.title) if self.title else ())
        self.children.append(group)
        return group


@dataclass(frozen=True)
class Change:
    """One edited field: its Russian place («Показатели › …› Вес») and the values before and after."""

    place: str
    before: Any
    after: Any


def profile_tree(profile: Profile) -> dict[str, Any]:
    """The whole profile (its base merged in) as a plain mapping the editor changes and saves."""
    tree = profile.data.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    tree.pop("extends", None)  # merged: it names no base (nor the base's version)
    tree.pop("extends_version", None)
    return tree


def value_at(tree: Any, path: Path) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def with_value(tree: dict[str, Any], path: Path, value: Any) -> dict[str, Any]:
    """A copy of ``tree`` with the value at ``path`` replaced (the original is not touched)."""
    result = copy.deepcopy(tree)
    inner: Any = result
    for part in path[:-1]:
        inner = inner[part]
    inner[path[-1]] = value
    return result


def parse_number(text: str) -> float | int:
    """A number typed by a person: «0,05», «5 000», «-3»; ValueError with a Russian sentence otherwise."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".").replace("\u2212", "-")
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError("нужно число, например 12 или 0,05") from None
    if not math.isfinite(number):
        raise ValueError("нужно конечное число")
    return int(number) if number.is_integer() and "." not in cleaned and "e" not in cleaned.lower() else number


# ---------------------------------------------------------------- the fields, grouped


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _parameter_label(tree: Mapping[str, Any], name: str) -> str:
    if name in PARAMETER_LABELS:
        return PARAMETER_LABELS[name]
    users = [kpi["title"] for kpi in tree["kpis"] if f"'{name}'" in repr(kpi["components"])]
    users += [norm["title"] for norm in tree.get("norms", ()) if f"'{name}'" in repr(norm)]
    return f"Параметр для: {_short('; '.join(users))}" if users else "Параметр без применения"


def _level_labels(tree: Mapping[str, Any]) -> dict[str, str]:
    return {level["id"]: level.get("short") or level["label"] for level in tree["organization_levels"]}


def _add_parameters(root: EditGroup, tree: Mapping[str, Any]) -> None:
    group = root.child("Целевые значения и пороги")
    levels = _level_labels(tree)
    for name, value in tree["parameters"].items():
        label = _parameter_label(tree, name)
        if not isinstance(value, dict):
            group.fields.append(EditableField(("parameters", name), label, "number"))
            continue
        inner = group.child(label)
        for level, per_level in value.items():
            level_label = str(levels.get(level, level))
            if isinstance(per_level, dict):
                for key in per_level:
                    key_label = MEDIA_KEY_LABELS.get(key, key)
                    inner.fields.append(
                        EditableField(("parameters", name, level, key), f"{level_label}: {key_label}", "number")
                    )
            else:
                inner.fields.append(EditableField(("parameters", name, level), level_label, "number"))


def _component_title(tree: Mapping[str, Any], component: Mapping[str, Any], number: int) -> str:
    questions = {q["id"]: q["text"] for s in tree["sections"] for q in s["questions"]}
    parts = component.get("parts") or [component]
    first = parts[0]
    question = first.get("question") or (first.get("sum") or [None])[0]
    about = questions.get(question, "")
    return f"Компонент {number}: {_short(about, 90)}" if about else f"Компонент {number}"


def _add_kpis(root: EditGroup, tree: Mapping[str, Any]) -> None:
    group = root.child("Показатели (КПЭ)")
    for ki, kpi in enumerate(tree["kpis"]):
        node = group.child(f"{ki + 1}. {_short(kpi['title'], 90)}")
        node.fields += [
            EditableField(("kpis", ki, "title"), "Название показателя", "line"),
            EditableField(("kpis", ki, "weight"), "Вес в индексе", "number"),
        ]
        for ci, component in enumerate(kpi["components"]):
            where: Path = ("kpis", ki, "components", ci)
            inner = node.child(_component_title(tree, component, ci + 1))
            inner.fields += [
                EditableField((*where, "weight"), "Вес компонента", "number"),
                EditableField((*where, "advice"), "Рекомендация", "text"),
            ]
            if "advice_missing" in component:
                inner.fields.append(
                    EditableField((*where, "advice_missing"), "Рекомендация, когда выбрано не всё", "text")
                )


def _add_sections(root: EditGroup, tree: Mapping[str, Any]) -> None:
    group = root.child("Разделы и вопросы")
    for si, section in enumerate(tree["sections"]):
        node = group.child(_short(section["title"], 90))
        node.fields.append(EditableField(("sections", si, "title"), "Название раздела", "line"))
        for qi, question in enumerate(section["questions"]):
            where: Path = ("sections", si, "questions", qi)
            inner = node.child(f"Вопрос {qi + 1}: {_short(question['text'], 90)}")
            inner.fields.append(EditableField((*where, "text"), "Текст вопроса", "text"))
            inner.fields.append(EditableField((*where, "help"), "Пояснение под полем", "text"))
            for oi, option in enumerate(question.get("options", ())):
                inner.fields.append(EditableField((*where, "options", oi, "label"), f"Вариант {oi + 1}: текст", "line"))
                if "value" in option:
                    inner.fields.append(
                        EditableField((*where, "options", oi, "value"), f"Вариант {oi + 1}: балл (0–1)", "number")
                    )


def _add_norms(root: EditGroup, tree: Mapping[str, Any]) -> None:
    group = root.child("Нормативы")
    for ni, norm in enumerate(tree.get("norms", ())):
        node = group.child(_short(norm["title"], 90))
        node.fields += [
            EditableField(("norms", ni, "title"), "Название норматива", "line"),
            EditableField(("norms", ni, "advice"), "Рекомендация", "text"),
        ]


def editable_groups(tree: Mapping[str, Any]) -> EditGroup:
    """The editor's tree of groups and fields for a profile mapping (:func:`profile_tree`)."""
    root = EditGroup("")
    general = root.child("Общее")
    general.fields += [
        EditableField(("title",), "Название методики", "line"),
        EditableField(("description",), "Описание", "text"),
    ]
    for li, level in enumerate(tree["maturity_levels"]):
        general.fields.append(
            EditableField(("maturity_levels", li, "from"), f"Уровень «{level['label']}» от", "number")
        )
        general.fields.append(EditableField(("maturity_levels", li, "label"), f"Название уровня {li + 1}", "line"))
    _add_parameters(root, tree)
    _add_kpis(root, tree)
    _add_sections(root, tree)
    _add_norms(root, tree)
    return root


# ---------------------------------------------------------------- the live check


def problems(tree: Mapping[str, Any]) -> dict[str, str]:
    """Every error of the schema (or else the first of the reference checks) by its dotted place, in Russian."""
    from pydantic import ValidationError

    from maturity.method.schema import ProfileFile

    try:
        ProfileFile.model_validate(tree)
    except ValidationError as exc:
        found: dict[str, str] = {}
        for error in exc.errors():
            found.setdefault(schema_place(error), schema_message(error))
        return found
    try:
        profile_from_mapping(dict(tree), "редактор")
    except ProfileError as error:
        return {error.where: error.problem}
    return {}


def problems_by_field(found: Mapping[str, str], fields: list[EditableField]) -> tuple[dict[str, str], list[str]]:
    """Each error beside the field it is about — the field whose place starts the error's, or else the first
    field inside the error's place (a rule about all level boundaries goes beside the first one) — and the
    errors no field shows (said at the top of the editor, without the profile's internal names)."""
    keys = sorted((f.key for f in fields), key=len, reverse=True)
    in_order = [f.key for f in fields]
    beside: dict[str, str] = {}
    elsewhere: list[str] = []
    for where, message in found.items():
        owner = next((key for key in keys if where == key or where.startswith(key + ".")), None)
        if owner is None and where:
            owner = next((key for key in in_order if key.startswith(where + ".")), None)
        if owner is None:
            elsewhere.append(message)
        else:
            beside.setdefault(owner, message)
    return beside, elsewhere


# ---------------------------------------------------------------- what changed, and the file


def all_fields(root: EditGroup) -> list[EditableField]:
    return [f for group in root.walk() for f in group.fields]


def _value_or_none(tree: Any, path: Path) -> Any:
    try:
        return value_at(tree, path)
    except (KeyError, IndexError, TypeError):
        return None


def _shown_value(tree: Any, item: EditableField) -> Any:
    """The field's value as the editor shows it: a weight left out is its default (typing «1» there is no change)."""
    value = _value_or_none(tree, item.path)
    if value is None and item.kind == "number" and item.path[-1] == "weight":
        return WEIGHT_DEFAULT
    return value


def _same(before: Any, after: Any) -> bool:
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (before, after))
    return before == after if numbers else (before == after and type(before) is type(after))


def changes(start: Mapping[str, Any], edited: Mapping[str, Any]) -> list[Change]:
    """The edited fields, in the editor's order, with their Russian place and values before and after."""
    found = []
    for group in editable_groups(start).walk():
        for item in group.fields:
            before, after = _shown_value(start, item), _shown_value(edited, item)
            if not _same(before, after):
                found.append(Change(" › ".join((*group.trail, group.title, item.label)), before, after))
    return found


def kpi_weight_field(item: EditableField) -> int | None:
    """The KPI whose weight in the index ``item`` is (its position), None for any other field."""
    path = item.path
    if len(path) == 3 and path[0] == "kpis" and path[2] == "weight" and isinstance(path[1], int):
        return path[1]
    return None


def index_shares(tree: Mapping[str, Any]) -> list[float | None]:
    """Each KPI's share of the index: its weight over the sum of every KPI's weight (a weight left out counts
    as its default); None for every KPI while some weight is not a positive number (the sum means nothing)."""
    weights = [kpi.get("weight", WEIGHT_DEFAULT) for kpi in tree["kpis"]]
    if not all(isinstance(w, (int, float)) and not isinstance(w, bool) and w > 0 for w in weights):
        return [None] * len(weights)
    total = float(sum(weights))
    return [w / total for w in weights]


class SaveRefused(ValueError):
    """The id or version a person typed cannot name a new version; ``str()`` says why, in Russian."""


def check_new_version(start: Mapping[str, Any], new_id: str, new_version: str) -> None:
    """A saved profile is a new version: a plain id, a version given, different from the start's under the same id."""
    try:
        check_profile_id(new_id)
    except ProfileError as error:
        raise SaveRefused(f"Идентификатор: {error.problem}") from None
    if not new_version.strip():
        raise SaveRefused("Укажите версию: изменённая методика — новая версия.")
    if new_id == start["id"] and new_version.strip() == str(start["version"]):
        raise SaveRefused(
            f"Версия «{new_version}» уже есть у методики «{new_id}»: изменённой методике нужна новая версия."
        )


def saved_tree(
    start: Mapping[str, Any], edited: Mapping[str, Any], new_id: str, new_version: str, *, extends: str | None
) -> dict[str, Any]:
    """What the file holds: with ``extends`` (the id the start is installed under) only the changes over it and
    the start's version (``extends_version``), otherwise a full copy. An edit an extension cannot say (never one the editor makes) gives a full copy."""
    check_new_version(start, new_id, new_version)
    head = {"id": new_id, "version": new_version.strip()}
    full = {**dict(edited), **head}
    if extends is None:
        return full
    try:
        override = extension_of(dict(start), dict(edited)) or {}
    except NotExpressible:
        return full
    for key in ("id", "version", "extends", "extends_version"):
        override.pop(key, None)
    # the changes are over this very version of the start: a later version of it is another method
    base = (
        {"extends": extends, "extends_version": str(start["version"])} if start.get("version") else {"extends": extends}
    )
    return {**head, **base, **override}


def saved_text(
    tree: Mapping[str, Any],
    start: Mapping[str, Any],
    base_text: str | None = None,
    edited: Mapping[str, Any] | None = None,
) -> str:
    """The YAML of a saved profile, with a comment saying where it came from. A full copy made from
    ``base_text`` (the starting profile's own file) keeps that file's comments and layout, only the edited
    values changed (:mod:`maturity.method.profile_roundtrip`)."""
    header = (
        f"# Методика «{tree.get('title', start['title'])}», версия {tree['version']}: "
        f"сделана в редакторе методики из «{start['id']}» версии {start['version']}.\n"
    )
    if base_text is not None and edited is not None and "extends" not in tree:
        from maturity.method.profile_roundtrip import commented_copy

        fields = all_fields(editable_groups(start))
        paths = [
            (f.path, _value_or_none(edited, f.path))
            for f in fields
            if not _same(_value_or_none(start, f.path), _value_or_none(edited, f.path))
        ]
        text = commented_copy(base_text, tree, paths, header)
        if text is not None:
            return text
    return header + yaml.safe_dump(dict(tree), allow_unicode=True, sort_keys=False, width=100)


class ProfileDraft:
    """A profile being edited: the starting tree, the edited one, and what a person typed that is not a number yet.

    The editor's window holds one; tests drive it without Qt. Every edit checks the whole profile again
    (:attr:`beside` — errors by field, :attr:`elsewhere` — the rest).
    """

    def __init__(self, start: Profile):
        self.start_profile = start
        self.start = profile_tree(start)
        self.tree = copy.deepcopy(self.start)
        self.groups = editable_groups(self.start)
        self.fields = all_fields(self.groups)
        self.typed: dict[str, str] = {}  # field key → why the typed text is not a value
        self.beside: dict[str, str] = {}
        self.elsewhere: list[str] = []

    def text_of(self, item: EditableField) -> Any:
        """The field's value; a weight the profile leaves at its default shows that default (1), not nothing."""
        return _shown_value(self.tree, item)

    def set_text(self, item: EditableField, text: str) -> None:
        """A person's text for a field: a number is read the Russian way; an empty optional text removes it."""
        self.typed.pop(item.key, None)
        if item.kind == "number":
            try:
                value: Any = parse_number(text)
            except ValueError as error:
                self.typed[item.key] = str(error)
                self.check()
                return
        else:
            value = text if text.strip() or item.path[-1] not in _OPTIONAL_TEXTS else None
        self.tree = with_value(self.tree, item.path, value)
        self.check()

    def check(self) -> None:
        self.beside, self.elsewhere = problems_by_field(problems(self.tree), self.fields)
        self.beside = {**self.beside, **self.typed}

    @property
    def valid(self) -> bool:
        return not self.beside and not self.elsewhere

    def changes(self) -> list[Change]:
        return changes(self.start, self.tree)


_OPTIONAL_TEXTS = ("help", "advice_missing")  # an empty one is no text at all (None)
