"""One row of the consolidated report: an organization's assessment of the report year with its figures.

Plain data (no database, no workbook): the report's writer and its totals both read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from maturity.engine.answer_notes import AnswerNotes, evidence_share
from maturity.engine.own_targets import OwnTargets, results_for
from maturity.engine.scoring import ScoreResult, score
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.method.fingerprint import figures_defined_differently
from maturity.method.profile import Profile


@dataclass(frozen=True)
class ReportEntry:
    """One organization's assessment of the report year, with its figures (unrounded)."""

    organization_id: str  # the uid
    name: str
    year: int
    profile: Profile
    answers: Mapping[str, Any]
    kpis: Mapping[str, float | None]
    index: float | None
    digital_index: float | None
    maturity_level: str | None
    norms: Mapping[str, str]  # norm id → "pass" | "fail" | "n/a"
    completeness: float
    level: str | None = None
    parent_organization_id: str | None = None
    parent_name: str | None = None
    region: str | None = None
    status: str | None = None
    previous_index: float | None = None
    previous_kpis: Mapping[str, float | None] = field(default_factory=dict)
    previous_status: str | None = None  # last year's assessment: "complete", "draft" or None (none)
    plan_done: float | None = None  # the share of the plan's steps done (dropped ones aside); None: no plan
    previous_profile: Profile | None = None  # the version last year's assessment was scored with, when known
    review: str | None = None  # the higher body's review here: "received", "accepted" or "returned"
    own_targets: OwnTargets | None = None  # the targets its elected body approved for the year (None: none)

    @property
    def own_targets_met(self) -> float | None:
        """The share of the year's own targets met by its answers (None: no targets approved)."""
        results = results_for(self.profile, self.own_targets, self.answers)
        return results.summary.share if results is not None else None

    notes: AnswerNotes | None = None  # the comments and evidence marks of its answers

    @property
    def evidence_share(self) -> float | None:
        """The share of its answers with an evidence mark (:func:`maturity.engine.answer_notes.evidence_share`)."""
        return evidence_share(self.profile, self.answers, self.notes.evidence if self.notes else {})


def entry_from_document(
    document: AssessmentDocument,
    result: ScoreResult | None = None,
    previous: ScoreResult | None = None,
    *,
    name: str | None = None,
    status: str | None = None,
) -> ReportEntry:
    """A report row from an assessment (scored here unless ``result`` is given) and last year's scores."""
    result = result or score(document.profile, document.answers)
    answers = document.answers
    return ReportEntry(
        organization_id=str(document.meta.get("organization_id") or ""),
        name=name or document.profile.organization_fact(answers, "name") or "—",
        year=document.year,
        profile=document.profile,
        answers=answers,
        kpis=result.kpis,
        index=result.index,
        digital_index=result.digital_index,
        maturity_level=result.level,
        norms={k: v.status for k, v in result.norms.items()},
        completeness=result.completeness,
        level=document.profile.organization_fact(answers, "level"),
        parent_organization_id=document.meta.get("parent_organization_id"),
        parent_name=document.profile.organization_fact(answers, "parent"),
        region=document.profile.organization_fact(answers, "region"),
        status=status or ("complete" if result.complete else "draft"),
        previous_index=previous.index if previous else None,
        previous_kpis=dict(previous.kpis) if previous else {},
        previous_status=("complete" if previous.complete else "draft") if previous else None,
        own_targets=document.own_targets,
        notes=document.notes,
    )


def redefined_figures(entry: ReportEntry) -> frozenset[str]:
    """The figures (KPI ids, ``index``, ``digital_index``, ``level``, norm ids) whose definition differs between
    last year's profile version and this year's (none when unknown)."""
    if entry.previous_profile is None:
        return frozenset()
    return figures_defined_differently(entry.previous_profile, entry.profile)
