"""The profiles a database knows: the shipped ones and the texts installed into it or kept with its assessments.

A profile is named by id and version, and one text is kept for each: its sha256 (of the normalised
text, :func:`maturity.method.profile.text_sha256`) says which text an assessment was scored with and
which text a received file was filled in by. A :class:`ProfileCatalog` is built from the texts a
database keeps (``Store.catalog()``) plus the profiles shipped with the program; readers of received
files are given one and look a profile up in it only — a file never brings its own method.

Installing (:meth:`ProfileCatalog.check_install`) validates a text in the catalog (``extends`` names a
profile of the catalog) and refuses a different text under an id and version the catalog already
has: a changed method gets a new version.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from maturity.errors import shorten
from maturity.method import profile as shipped_profiles  # looked up at call time (tests install test profiles)
from maturity.method.profile import (
    SHORT_HASH_LENGTH,
    Profile,
    ProfileError,
    check_profile_id,
    is_plain_id,
    normalised_text,
    profile_from_text,
    read_yaml_mapping,
    text_sha256,
    validation_problems,
    version_key,
)
from maturity.method.schema import MAX_LABEL
from maturity.text_rules import label_problem

SHIPPED = "встроенная"
INSTALLED = "установлена"
SOURCES = (SHIPPED, INSTALLED)
INSTALL_HINT = "установите её командой «maturity profiles install ФАЙЛ.yaml» (или в окне программы)"
PLAIN_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,49}")  # fits assessment.profile_version
MAX_TEXT_LENGTH = 2_000_000  # characters of one profile text (fnpr-base is about 60 000)


@dataclass(frozen=True)
class ProfileText:
    """One kept text of a profile version: ``source`` is «встроенная» (shipped with the program, kept
    because an assessment was scored with it) or «установлена» (installed by a user)."""

    id: str
    version: str
    text: str
    source: str = INSTALLED
    installed_at: datetime | None = None
    title: str = ""
    sha256: str = field(default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", normalised_text(self.text))
        object.__setattr__(self, "sha256", text_sha256(self.text))

    @property
    def short_hash(self) -> str:
        return self.sha256[:SHORT_HASH_LENGTH]

    @property
    def shown_title(self) -> str:
        """The profile's title: the one given, else read from its text («—» when it has none)."""
        return self.title or _title_in(self.text)


@lru_cache(maxsize=64)
def _title_in(text: str) -> str:
    try:
        data = read_yaml_mapping(text, "текст методики")
    except ProfileError:
        return "—"
    title = data.get("title")
    return title if isinstance(title, str) and label_problem(title, MAX_LABEL) is None else "—"


def profile_text_of(profile: Profile, source: str = SHIPPED) -> ProfileText:
    """The text kept for a loaded profile."""
    return ProfileText(profile.id, profile.version, profile.text, source, title=profile.title)


@lru_cache(maxsize=32)
def _shipped_entry(profile: Profile) -> ProfileText:
    """The entry of a loaded shipped profile (a Profile hashes by identity: one per loaded object)."""
    return profile_text_of(profile)


class ProfileConflict(ProfileError):
    """Another text is already known under the same id and version."""


@dataclass(frozen=True)
class InstallCheck:
    """What installing a text would do: ``profile`` (validated), its ``entry`` to keep, and ``already``
    True when exactly this text is already known (installing it again changes nothing)."""

    profile: Profile
    entry: ProfileText
    already: bool

    @property
    def message(self) -> str:
        p = self.profile
        if self.already:
            return f"методика «{p.id}» версии {p.version} уже есть (хэш {p.short_hash}); ничего не изменено"
        return f"методика «{p.id}» версии {p.version} установлена (хэш {p.short_hash})"


_PARSED: dict[tuple[str, str], Profile] = {}  # (sha256, source) → profile; a text always reads the same


class ProfileCatalog:
    """The shipped profiles and the kept texts ``texts`` (installed, or kept with assessments)."""

    def __init__(self, texts: Iterable[ProfileText] = ()):
        self.kept = list(texts)
        self._shipped: list[Profile] | None = None  # read once per catalog (a catalog lives for one task)
        self._entries: list[ProfileText] | None = None

    # ------------------------------------------------------------ what is known

    def shipped(self) -> list[Profile]:
        if self._shipped is None:
            self._shipped = [
                shipped_profiles.load_profile(pid, version)
                for pid, version in shipped_profiles.shipped_profile_versions()
            ]
        return self._shipped

    def entries(self) -> list[ProfileText]:
        """Every known text: the shipped profiles first, then the kept texts (each (id, version, sha256) once)."""
        if self._entries is None:
            seen: set[tuple[str, str, str]] = set()
            found = []
            for entry in [_shipped_entry(p) for p in self.shipped()] + self.kept:
                key = (entry.id, entry.version, entry.sha256)
                if key not in seen:
                    seen.add(key)
                    found.append(entry)
            self._entries = found
        return self._entries

    def listed(self) -> list[ProfileText]:
        """What ``maturity profiles`` lists: shipped and installed texts by id and version (texts kept only
        because an old assessment used them are listed too, as «встроенная»)."""
        return sorted(self.entries(), key=lambda e: (e.id, e.version, e.source != SHIPPED))

    def ids(self) -> list[str]:
        return sorted({entry.id for entry in self.entries()})

    def versions(self, profile_id: str) -> list[str]:
        return sorted({entry.version for entry in self.entries() if entry.id == profile_id}, key=version_key)

    def current_entry(self, profile_id: str) -> ProfileText | None:
        """The version used when none is named: the latest installed one, else the newest shipped one, else
        the latest kept one."""
        candidates = [e for e in self.entries() if e.id == profile_id]
        installed = [e for e in candidates if e.source == INSTALLED]
        if installed:
            return max(installed, key=lambda e: (e.installed_at or datetime.min, e.version))
        shipped = [p for p in self.shipped() if p.id == profile_id]
        if shipped:
            return profile_text_of(max(shipped, key=lambda p: version_key(p.version)))
        return max(candidates, key=lambda e: version_key(e.version)) if candidates else None

    def entry(self, profile_id: str, version: str | None = None, sha256: str | None = None) -> ProfileText:
        """The kept text of ``profile_id`` (``version``; a ``sha256`` must match), or a ProfileError
        naming the profile and saying how to install it."""
        check_profile_id(profile_id)
        if version is not None and (not isinstance(version, str) or not version.strip() or len(version) > 50):
            raise ProfileError(profile_id, "", f"«{shorten(version)}» — не номер версии методики")
        if sha256 is not None and not _is_sha256(sha256):
            raise ProfileError(
                profile_id, "", f"«{shorten(sha256)}» — не хэш sha256 текста методики (64 знака 0-9, a-f)"
            )
        candidates = [e for e in self.entries() if e.id == profile_id]
        if not candidates:
            known = ", ".join(self.ids())
            raise ProfileError(
                f"«{profile_id}»", "", f"такая методика не установлена в этой базе; {INSTALL_HINT}. Известны: {known}"
            )
        if version is None:
            found = self.current_entry(profile_id)
            assert found is not None
            if sha256 is None or found.sha256 == sha256:
                return found
            version = found.version
        same_version = [e for e in candidates if e.version == version]
        if not same_version:
            known = ", ".join(self.versions(profile_id))
            raise ProfileError(
                f"«{profile_id}»",
                "",
                f"версия «{shorten(version)}» этой методики не установлена в этой базе (есть: {known}); {INSTALL_HINT}",
            )
        if sha256 is None:
            shipped = [e for e in same_version if e.source == SHIPPED]
            return (shipped or same_version)[0]
        for entry in same_version:
            if entry.sha256 == sha256:
                return entry
        here = ", ".join(e.short_hash for e in same_version)
        raise ProfileError(
            f"«{profile_id}» версии {version}",
            "",
            f"файл заполнен по другому тексту этой версии (хэш {sha256[:SHORT_HASH_LENGTH]}, здесь установлен "
            f"{here}): методику изменили, не сменив версию. Попросите у того, кто прислал файл, файл его методики "
            "с новым номером версии и установите его командой «maturity profiles install ФАЙЛ.yaml» (или в окне "
            "программы)",
        )

    def find(self, profile_id: str, version: str | None = None, sha256: str | None = None) -> Profile:
        """The profile an assessment or a received file names by id, version and (when given) the sha256 of
        its text; anything unknown is a ProfileError saying how to install it."""
        entry = self.entry(profile_id, version, sha256)
        shipped = next((p for p in self.shipped() if p.id == entry.id and p.sha256 == entry.sha256), None)
        if shipped is not None:
            return shipped
        return self._parsed(entry)

    def _parsed(self, entry: ProfileText) -> Profile:
        source = f"методика «{entry.id}» версии {entry.version}"
        key = (entry.sha256, source)
        if key not in _PARSED:
            profile = profile_from_text(entry.text, source, self._base_mapping)
            if len(_PARSED) > 64:
                _PARSED.clear()
            _PARSED[key] = profile
        return _PARSED[key]

    def _base_mapping(self, base_id: str, seen: tuple[str, ...], version: str | None = None) -> dict[str, Any]:
        """The mapping of the profile an ``extends`` names: the text of ``version`` (``extends_version``) in
        this catalog, or its current text when no version is named."""
        if base_id in seen:
            raise ProfileError(seen[0], "extends", f"циклическое наследование: {' → '.join((*seen, base_id))}")
        if version is not None and base_id in self.ids():
            return read_yaml_mapping(self.entry(base_id, version).text, f"методика «{base_id}» версии {version}")
        entry = self.current_entry(base_id)
        if entry is None:
            raise ProfileError(
                seen[-1] if seen else base_id,
                "extends",
                f"базовая методика «{base_id}» не установлена; известны: {', '.join(self.ids())}",
            )
        return read_yaml_mapping(entry.text, f"методика «{base_id}»")

    # ------------------------------------------------------------ checking and installing a text

    def validate(self, text: str, source: str = "текст методики") -> Profile:
        """A profile text checked as it would be installed here: the YAML, the schema, the references;
        ``extends`` names a profile of this catalog. Raises ProfileError (``where`` is the place inside)."""
        if not isinstance(text, str):
            raise ProfileError(source, "", "ожидался текст YAML")
        if len(text) > MAX_TEXT_LENGTH:
            raise ProfileError(source, "", f"текст методики длиннее {MAX_TEXT_LENGTH} знаков")
        raw = read_yaml_mapping(text, source)
        for key in ("id", "version"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                what = "идентификатор методики" if key == "id" else "номер версии"
                raise ProfileError(source, key, f"не указан {what} (строка в кавычках, например «2026.1»)")
        if not is_plain_id(raw["id"]):
            check_profile_id(raw["id"])
        if not PLAIN_VERSION.fullmatch(raw["version"]):
            raise ProfileError(
                source,
                "version",
                f"«{shorten(raw['version'])}» — не номер версии: латинские буквы, цифры, «.», «-» и «_», до 50 знаков "
                "(например, 2026.1)",
            )
        return profile_from_text(text, source, self._base_mapping)

    def problems(self, text: str, source: str = "текст методики") -> list[ProfileError]:
        """Every problem of a profile text as it would be installed here, each with ``where`` (the place
        inside, ``kpis.0.components.1.weight``) and ``problem`` (Russian); empty when the text is valid."""
        try:
            self.validate(text, source)
        except ProfileError as first:
            found = validation_problems(text, source, self._base_mapping)
            return found or [first]
        return []

    def check_install(self, text: str, source: str = "текст методики") -> InstallCheck:
        """Validate ``text`` and say what installing it would do; a different text under an id and version
        already known is a ProfileConflict: «методика изменилась — дайте ей новую версию»."""
        profile = self.validate(text, source)
        entry = ProfileText(profile.id, profile.version, profile.text, INSTALLED, title=profile.title)
        same = [e for e in self.entries() if e.id == profile.id and e.version == profile.version]
        if any(e.sha256 == entry.sha256 for e in same):
            return InstallCheck(profile, entry, already=True)
        if same:
            where = "встроенная в программу" if any(e.source == SHIPPED for e in same) else "установленная"
            raise ProfileConflict(
                source,
                "version",
                f"методика «{profile.id}» версии {profile.version} уже есть ({where}, хэш "
                f"{same[0].short_hash}), а этот текст другой (хэш {entry.short_hash}): методика изменилась — "
                "дайте ей новую версию",
            )
        return InstallCheck(profile, entry, already=False)

    def with_texts(self, texts: Iterable[ProfileText]) -> ProfileCatalog:
        """This catalog with more kept texts."""
        return ProfileCatalog([*self.kept, *texts])


def _is_sha256(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def shipped_catalog() -> ProfileCatalog:
    """The profiles shipped with the program and nothing else (no database at hand)."""
    return ProfileCatalog()
