"""What changed since the organization's previous assessment: «Что изменилось».

One pure function, :func:`year_change`, used by the result page and the assessment workbook, so both
say the same. Changes are taken between the figures as the method reports them (rounded, §10), so
«45,0 → 46,1» is always «+1,1» and never a differently rounded raw difference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from maturity.engine.rounding import reported_change, round_figure
from maturity.engine.scoring import ScoreResult
from maturity.method.fingerprint import figures_defined_differently
from maturity.method.profile import Profile

PASSED = "pass"
FAILED = "fail"


@dataclass(frozen=True)
class EarlierYear:
    """The stored figures of an earlier assessment (unrounded; None = «не оценивается»)."""

    year: int
    index: float | None
    level: str | None
    kpis: Mapping[str, float | None]
    norms: Mapping[str, str]  # norm id → "pass" | "fail" | "n/a"
    draft: bool = False
    digital_index: float | None = None
    profile_id: str | None = None  # the profile version that assessment was scored with
    profile_version: str | None = None
    profile: Profile | None = field(default=None, compare=False, repr=False)  # that version, when known


@dataclass(frozen=True)
class KpiChange:
    kpi_id: str
    title: str
    before: float | None  # rounded
    now: float | None  # rounded
    change: float | None  # now − before of the rounded figures; None when either is missing
    method_changed: bool = False  # the KPI's definition differs between the two years' profile versions


@dataclass(frozen=True)
class YearChange:
    year_before: int
    year_now: int
    index_before: float | None
    index_now: float | None
    index_change: float | None
    level_before: str | None
    level_now: str | None
    kpis: tuple[KpiChange, ...]
    norms_met: tuple[str, ...]  # norm ids failed before and passed now
    norms_lost: tuple[str, ...]  # norm ids passed before and failed now
    before_was_draft: bool = False
    digital_before: float | None = None  # the digital index, rounded, as the index above
    digital_now: float | None = None
    digital_change: float | None = None
    method_changed: frozenset[str] = frozenset()  # figures defined differently in the two years (fingerprint.py)


def year_change(
    profile: Profile, year: int, result: ScoreResult, earlier: EarlierYear, earlier_profile: Profile | None = None
) -> YearChange:
    """The change from ``earlier`` to ``result`` (the assessment of ``year`` under ``profile``).

    KPIs and norms are those of ``profile``; one the earlier assessment lacks (another method)
    has no figure then and is never counted as newly met or lost. With ``earlier_profile`` (the
    version the earlier assessment was scored with; by default ``earlier.profile``), a KPI defined
    differently there is marked ``method_changed``, and every figure so defined (the index, the digital
    index, the level, a norm too) is in the change's ``method_changed``.
    """
    earlier_version = earlier_profile or earlier.profile
    redefined = figures_defined_differently(earlier_version, profile) if earlier_version is not None else frozenset()
    kpis = []
    for kpi in profile.kpis:
        before, now = round_figure(earlier.kpis.get(kpi.id)), round_figure(result.kpis.get(kpi.id))
        kpis.append(KpiChange(kpi.id, kpi.title, before, now, reported_change(now, before), kpi.id in redefined))
    met, lost = [], []
    for norm in profile.norms:
        then, now_status = earlier.norms.get(norm.id), result.norms[norm.id].status
        if then == FAILED and now_status == PASSED:
            met.append(norm.id)
        elif then == PASSED and now_status == FAILED:
            lost.append(norm.id)
    index_before, index_now = round_figure(earlier.index), round_figure(result.index)
    digital_before, digital_now = round_figure(earlier.digital_index), round_figure(result.digital_index)
    return YearChange(
        year_before=earlier.year,
        year_now=year,
        index_before=index_before,
        index_now=index_now,
        index_change=reported_change(index_now, index_before),
        level_before=earlier.level,
        level_now=result.level,
        kpis=tuple(kpis),
        norms_met=tuple(met),
        norms_lost=tuple(lost),
        before_was_draft=earlier.draft,
        digital_before=digital_before,
        digital_now=digital_now,
        digital_change=reported_change(digital_now, digital_before),
        method_changed=redefined,
    )
