"""Where the editor's starting profiles come from and where a saved one is installed."""

from __future__ import annotations

from maturity.method.profile import Profile, load_profile, shipped_profile_ids
from ui.profile_editor.window import ProfileSource


def profile_label(profile: Profile, where: str) -> str:
    return f"{profile.title} — {profile.id}, версия {profile.version} ({where})"


def builtin_profiles() -> list[tuple[str, Profile]]:
    profiles = [load_profile(profile_id) for profile_id in shipped_profile_ids()]
    return [(profile_label(profile, "встроенная"), profile) for profile in profiles]


def builtin_source() -> ProfileSource:
    """The built-in profiles only, nothing to install into (no database)."""
    return ProfileSource(profiles=builtin_profiles)


def editor_source(context: object | None) -> ProfileSource:
    """The profiles of the app's database (built-in ones until profiles can be installed)."""
    return builtin_source()
