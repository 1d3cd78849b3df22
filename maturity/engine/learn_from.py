"""«У кого поучиться»: for an organization weak on a KPI, two or three similar organizations that did better.

Similar: the same organization level and the same member-size band of the profile
(:meth:`~maturity.method.profile.Profile.member_band`). Better: a higher score on the KPI in the same year.
Among those, the ones that improved the KPI most since the year before come first (an organization without
last year's score comes after every one with it), then the higher score, then the name. An organization is
named only when it agreed to be (``consent``, the register's «Согласие назвать организацию»); otherwise it is
shown without a name (:mod:`maturity.views.learn_from_text`: «ППО вашего размера в вашем регионе»).

The weak KPIs of an organization (:func:`weak_kpis`) are its scored KPIs from the lowest up (the profile's order
between equal scores).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from maturity.method.profile import Profile

PEERS_SHOWN = 3


@dataclass(frozen=True)
class Candidate:
    """An organization with a complete assessment of the year: who, how big, its KPI now and a year before."""

    organization_id: int
    name: str
    level: str | None
    members: int | None
    region: str | None
    value: float | None
    last_year: float | None = None
    consent: bool = False

    @property
    def gain(self) -> float | None:
        if self.value is None or self.last_year is None:
            return None
        return self.value - self.last_year


@dataclass(frozen=True)
class Peer:
    """One organization to learn from; ``name`` None when it did not agree to be named."""

    organization_id: int
    name: str | None
    level: str | None
    band_label: str
    same_region: bool
    value: float
    gain: float | None

    @property
    def named(self) -> bool:
        return self.name is not None


@dataclass(frozen=True)
class LearnFrom:
    """The answer for one organization and one KPI."""

    kpi_id: str
    own_value: float | None
    level: str | None
    band_label: str | None  # None: the organization's members are unknown (no band, no peers)
    peers: tuple[Peer, ...]
    similar: int  # organizations of the same level and band with the KPI scored (the organization itself not counted)


def weak_kpis(profile: Profile, kpis: Mapping[str, float | None]) -> list[str]:
    """The organization's scored KPIs, the weakest first (the profile's order between equal scores)."""
    order = [k.id for k in profile.kpis]
    scored = [k for k in order if kpis.get(k) is not None]
    return sorted(scored, key=lambda k: (kpis[k] or 0.0, order.index(k)))


def _preference(candidate: Candidate) -> tuple:
    gain = candidate.gain
    return (gain is None, -(gain or 0.0), -(candidate.value or 0.0), candidate.name, candidate.organization_id)


def learn_from(
    profile: Profile, own: Candidate, kpi_id: str, candidates: Iterable[Candidate], count: int = PEERS_SHOWN
) -> LearnFrom:
    """Up to ``count`` peers of ``own`` for ``kpi_id`` among ``candidates`` (each with its value of that KPI)."""
    band = profile.member_band(own.members)
    if band is None or own.level is None:
        return LearnFrom(kpi_id, own.value, own.level, band.label if band else None, (), 0)
    similar = [
        c
        for c in candidates
        if c.organization_id != own.organization_id
        and c.level == own.level
        and c.value is not None
        and (other := profile.member_band(c.members)) is not None
        and other.id == band.id
    ]
    better = sorted((c for c in similar if own.value is None or (c.value or 0.0) > own.value), key=_preference)
    peers = tuple(
        Peer(
            c.organization_id,
            c.name if c.consent else None,
            c.level,
            band.label,
            own.region is not None and c.region == own.region,
            c.value or 0.0,
            c.gain,
        )
        for c in better[:count]
    )
    return LearnFrom(kpi_id, own.value, own.level, band.label, peers, len(similar))
