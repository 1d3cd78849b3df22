"""Demonstration data: a believable federation assessed over three years.

Two sector unions, each with territorial organizations in several regions and primary
organizations under them, plus regional associations (federations of unions). Every
organization has a hidden "maturity" that drifts up or down from year to year; answers are
drawn around it with a seeded generator, so the same seed gives the same data, and pass the
questionnaire's validation. A few of the latest year's assessments are unfinished drafts.

:func:`fill_demo` writes it into a store (the app calls it on request, ``maturity demo`` from the
command line); :func:`demo_documents` yields the same assessments as exchange documents (the
benchmark writes them to files).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import col

from maturity.engine.relevance import relevance_rules
from maturity.engine.validation import clean_answers
from maturity.errors import BadInput
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.method.demo_federation import (
    DEFAULT_PRIMARIES,
    YEARS,
    DemoOrganization,
    demo_federation,
    drawn_answers,
    new_uid,
    unfinished,
)
from maturity.method.profile import Profile, load_profile
from maturity.storage.models import Assessment

DEFAULT_SEED = 2025
DRAFT_SHARE = 0.04  # of the latest year's assessments, left unfinished


def demo_answers(
    rng: random.Random, profile: Profile, org: DemoOrganization, year: int, draft: bool = False
) -> dict[str, Any]:
    """Valid answers of one organization for one year (a draft lacks some required answers)."""
    answers = relevance_rules(profile).effective(drawn_answers(rng, profile, org, year))
    if draft:
        answers = unfinished(rng, answers)
    return clean_answers(profile, answers)


@dataclass(frozen=True)
class DemoAssessment:
    organization: DemoOrganization
    year: int
    answers: dict[str, Any]
    draft: bool


def demo_assessments(
    seed: int = DEFAULT_SEED,
    primaries: int = DEFAULT_PRIMARIES,
    years: tuple[int, ...] = YEARS,
    profile: Profile | None = None,
) -> tuple[list[DemoOrganization], Iterator[DemoAssessment]]:
    """The organizations and (lazily) their assessments, year by year."""
    rng = random.Random(seed)
    profile = profile or load_profile("fnpr-base")
    orgs = demo_federation(rng, primaries)

    def assessments() -> Iterator[DemoAssessment]:
        for year in years:
            for org in orgs:
                if year < org.first_year:
                    continue
                draft = year == years[-1] and rng.random() < DRAFT_SHARE
                yield DemoAssessment(org, year, demo_answers(rng, profile, org, year, draft), draft)

    return orgs, assessments()


def demo_documents(
    seed: int = DEFAULT_SEED,
    primaries: int = DEFAULT_PRIMARIES,
    years: tuple[int, ...] = YEARS,
    fresh_uids: bool = False,
) -> Iterator[AssessmentDocument]:
    """The demo assessments as exchange documents, with the organizations' uids in meta.

    fresh_uids: new random identifiers (a second demo beside the first must not reuse them).
    """
    profile = load_profile("fnpr-base")
    orgs, assessments = demo_assessments(seed, primaries, years, profile)
    if fresh_uids:
        fresh = random.Random()
        for org in orgs:
            org.uid = new_uid(fresh)
    for item in assessments:
        org = item.organization
        meta = {"organization_id": org.uid, "source": f"демо: {org.name}, {item.year}"}
        if org.parent is not None:
            meta["parent_organization_id"] = org.parent.uid
        yield AssessmentDocument(profile=profile, year=item.year, answers=item.answers, meta=meta)


def fill_demo(store, seed: int = DEFAULT_SEED, force: bool = False, primaries: int = DEFAULT_PRIMARIES) -> str:
    """Write the demo federation into the store in one transaction; a Russian one-line summary.

    Refuses (BadInput) when the database already has organizations, unless ``force``: then the
    demo is added beside them, and demo organizations already there (same uid) are refreshed. The
    assessments go through the import (:func:`maturity.usecases.importing.import_documents`), which
    creates the organizations from their answers and links parents by uid.
    """
    from maturity.usecases.importing import import_documents

    existing = store.count_organizations()
    if existing and not force:
        raise BadInput(
            f"в базе данных уже есть организации ({existing}); демонстрационные данные не добавлены. "
            "Чтобы всё же добавить их, укажите --force"
        )
    with store.atomic():
        report = import_documents(store, demo_documents(seed, primaries, YEARS), on_conflict="replace")
        if report.rejected or report.skipped:
            raise RuntimeError(f"демонстрационные данные не записались: {report.summary()}")
    total = store.count_organizations()
    drafts = store.session.execute(
        sa.select(sa.func.count()).select_from(Assessment).where(col(Assessment.status) == "draft")
    ).scalar()
    return (
        f"Демонстрационные данные добавлены: оценок — {len(report.imported)} за {YEARS[0]}–{YEARS[-1]} годы; "
        f"организаций в базе — {total}, черновиков — {drafts}"
    )
