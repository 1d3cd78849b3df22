"""Test profiles with more KPIs than the shipped ones (fnpr-base plus the sections and KPIs of
tests/profiles/*.yaml), made «installed» for a test.

The readers of stored and received assessments (the report, the workbooks, the comparison's norm titles)
find a profile by its id among the installed (shipped) profiles only: a received file never brings its
own method. :func:`install_test_profiles` makes the test profiles installed for one test by patching
``maturity.method.profile._shipped_text`` (the text of a shipped profile by id and version — what
``load_profile``, ``find_profile`` and ``_load_shipped`` read), ``shipped_profile_ids`` and
``shipped_profile_versions``, and clearing the cache of loaded profiles before and after. The test profiles
are built on fnpr-base 2025.1 (pinned: their tests' figures were worked out under it) and have its version.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parent / "profiles"
TEST_PROFILE_IDS = ("eleven-kpis", "twelve-kpis")
TEST_BASE_VERSION = "2025.1"  # the base version the test profiles are built on (and their own version)


def profile_text(profile_id: str, shipped_text) -> str:
    """fnpr-base 2025.1 as shipped, with the test profile's id and title and its added sections and KPIs."""
    import yaml

    base = yaml.safe_load(shipped_text("fnpr-base", TEST_BASE_VERSION)[0])
    added = yaml.safe_load((FOLDER / f"{profile_id}.yaml").read_text(encoding="utf-8"))
    base.update(id=added["id"], title=added["title"])
    base["sections"] = [*base["sections"], *added["sections"]]
    base["kpis"] = [*base["kpis"], *added["kpis"]]
    return yaml.safe_dump(base, allow_unicode=True, sort_keys=False)


def install_test_profiles(monkeypatch: pytest.MonkeyPatch) -> None:
    from maturity.method import profile as module

    shipped_text, shipped_ids, shipped_versions = (
        module._shipped_text,
        module.shipped_profile_ids,
        module.shipped_profile_versions,
    )

    def text(profile_id: str, version: str | None = None) -> tuple[str, str]:
        if profile_id in TEST_PROFILE_IDS:
            return profile_text(profile_id, shipped_text), f"tests/profiles/{profile_id}.yaml"
        return shipped_text(profile_id, version)

    def versions(profile_id: str | None = None) -> list[tuple[str, str]]:
        tests = [(pid, TEST_BASE_VERSION) for pid in TEST_PROFILE_IDS if profile_id in (None, pid)]
        return [*shipped_versions(profile_id), *tests]

    module._load_shipped.cache_clear()
    monkeypatch.setattr(module, "_shipped_text", text)
    monkeypatch.setattr(module, "shipped_profile_ids", lambda: sorted([*shipped_ids(), *TEST_PROFILE_IDS]))
    monkeypatch.setattr(module, "shipped_profile_versions", versions)


@pytest.fixture
def installed_test_profiles(monkeypatch):
    """The test profiles installed for the test; the cache of loaded profiles is cleared around it (this
    fixture is torn down before monkeypatch restores the shipped lookup, so nothing loaded under the patch stays)."""
    from maturity.method import profile as module

    install_test_profiles(monkeypatch)
    yield
    module._load_shipped.cache_clear()
