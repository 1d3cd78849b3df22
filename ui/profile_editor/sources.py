"""Where the editor's starting profiles come from and where a saved one is installed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from maturity.method.catalog import shipped_catalog
from maturity.method.profile import Profile, version_key
from ui.profile_editor.window import ImpactSource, ProfileSource

if TYPE_CHECKING:
    from maturity.storage.store import Store
    from ui.actions.context import AppContext


def profile_label(profile: Profile, where: str) -> str:
    return f"{profile.title} — {profile.id}, версия {profile.version} ({where})"


def newest_first(profiles: list[Profile]) -> list[Profile]:
    """By id, each id's newest version first: the editor starts from the method new assessments use."""
    by_version = sorted(profiles, key=lambda p: version_key(p.version), reverse=True)
    return sorted(by_version, key=lambda p: p.id)  # stable: the versions stay newest first within an id


def builtin_profiles() -> list[tuple[str, Profile]]:
    return [(profile_label(profile, "встроенная"), profile) for profile in newest_first(shipped_catalog().shipped())]


def builtin_source() -> ProfileSource:
    """The built-in profiles only, nothing to install into (no database)."""
    return ProfileSource(profiles=builtin_profiles)


def database_profiles(store: Store) -> list[tuple[str, Profile]]:
    """Every profile version the database knows (built-in and installed), as the editor lists them."""
    catalog = store.catalog()
    found = [(catalog.find(entry.id, entry.version, entry.sha256), entry.source) for entry in catalog.listed()]
    order = {id(profile): position for position, profile in enumerate(newest_first([p for p, _ in found]))}
    found.sort(key=lambda pair: order[id(pair[0])])
    return [(profile_label(profile, source), profile) for profile, source in found]


def editor_source(context: AppContext | None) -> ProfileSource:
    """The profiles of the app's database, and installing into it; the built-in ones before a database is open.

    The editor saves a full copy, never an ``extends:`` file: ``extends`` names its base by id only, and each
    database resolves it to its own latest version of that id, so the same file could mean different methods.
    """
    if context is None:
        return builtin_source()
    store = context.store

    def install(text: str) -> str:
        from maturity.usecases.profiles import install_profile

        check = install_profile(store, text, "редактор методики")
        context.events.message.emit(check.message[:1].upper() + check.message[1:], 8000)
        return check.message[:1].upper() + check.message[1:] + "."

    return ProfileSource(profiles=lambda: database_profiles(store), install=install, impact=impact_source(context))


def impact_source(context: AppContext) -> ImpactSource:
    """«Что изменится…» over the app's database: the years it has, the impact computed on a connection of its own
    (off the UI thread), the app's runner."""
    from maturity.storage.queries import years
    from maturity.usecases.version_impact import version_impact

    engine = context.engine

    def run(profile: Profile, of_profile_id: str, year: int, progress: Any) -> Any:
        return version_impact(engine, profile, year, None, progress, of_profile_id=of_profile_id)

    return ImpactSource(years=lambda: years(context.store.session), run=run, runner=context.runner)
