"""Where a figure's definition changed between the profile versions a view compares («методика изменилась»).

The views compare KPIs by id; these functions find the versions the compared assessments were scored
with (in the database's catalog: built-in and installed) and which KPIs they define differently
(:mod:`maturity.method.fingerprint`). A version the database does not know is left out: nothing is said
about it rather than something wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from maturity.method.fingerprint import figures_defined_differently, figures_redefined_among
from maturity.method.profile import Profile, ProfileError
from maturity.storage.comparison import ComparisonFilter, profile_versions
from maturity.storage.queries import Db, YearScores, catalog_of


def known_profiles(db: Db, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Profile]:
    """The profiles of these (id, version) the database knows."""
    catalog = catalog_of(db)
    found = {}
    for profile_id, version in set(keys):
        try:
            found[(profile_id, version)] = catalog.find(profile_id, version)
        except ProfileError:
            continue
    return found


def redefined_by_year(db: Db, history: Sequence[YearScores]) -> dict[int, frozenset[str]]:
    """For each year of an organization's history (oldest first), the figures (KPI ids, ``index``,
    ``digital_index``, ``level``, norm ids) defined differently than in the previous year's assessment (years
    with none are left out)."""
    keys = {(h.profile_id, h.profile_version) for h in history}
    if len(keys) < 2:
        return {}  # one version throughout: nothing to look up
    profiles = known_profiles(db, keys)
    changed = {}
    for before, now in zip(history, history[1:], strict=False):
        then = profiles.get((before.profile_id, before.profile_version))
        current = profiles.get((now.profile_id, now.profile_version))
        if then is not None and current is not None:
            redefined = figures_defined_differently(then, current)
            if redefined:
                changed[now.year] = redefined
    return changed


def redefined_in_comparison(db: Db, f: ComparisonFilter) -> frozenset[str]:
    """The figures the comparison's assessments (its year and the year before) were scored by different definitions of."""
    keys = profile_versions(db, f)
    if len(keys) < 2:
        return frozenset()
    return figures_redefined_among(list(known_profiles(db, keys).values()))
