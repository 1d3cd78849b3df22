"""The impact of a new version of a method before it is sent out: every complete assessment of a year made
with the method re-scored in memory under the new version, nothing written.

Each assessment's answers go the way ``maturity rescore`` takes them (:func:`~maturity.engine.record.build_record`:
checked against the new version, scored by the compiled scorer, complete or a draft by the new version's
required questions), so the figures are those a rescore would store; answers the new version refuses are
listed (a rescore would refuse them too). ``maturity impact`` and the profile editor's «Что изменится…» call
:func:`version_impact`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from maturity.engine.impact import Impact, ImpactTally, figures_of
from maturity.engine.scoring import scorer_for
from maturity.engine.validation import AnswersInvalid, clean_answers
from maturity.engine.years import check_year
from maturity.method.profile import Profile
from maturity.storage.impact_source import complete_assessment_ids, stored_assessments
from maturity.storage.queries import Db


def version_impact(
    db: Db,
    profile: Profile,
    year: int,
    parent_id: int | None = None,
    progress: Any = None,
    of_profile_id: str | None = None,
) -> Impact | None:
    """The impact of ``profile`` (the new version) on the complete assessments of ``year`` made with its id
    (under ``parent_id``'s group when given). ``progress(done, total, text)`` is told after each batch and
    ``progress.cancelled`` asked between batches: None when cancelled. ``of_profile_id``: the assessments of
    another method id (a version being edited under a new id: the assessments of the method it started from)."""
    check_year(year)
    if isinstance(db, Engine):
        with db.connect() as connection:
            return version_impact(connection, profile, year, parent_id, progress, of_profile_id)
    scorer = scorer_for(profile)
    tally = ImpactTally(
        profile.id,
        profile.version,
        year,
        tuple(k.id for k in profile.kpis),
        tuple(n.id for n in profile.norms),
        tuple(sorted((lvl.id for lvl in profile.data.maturity_levels), key=_level_rank(profile))),
    )
    ids = complete_assessment_ids(db, year, of_profile_id or profile.id, parent_id)
    total = len(ids)
    if progress is not None:
        progress(0, total, f"Оценок за {year} год: {total}")
    done = 0
    for batch in stored_assessments(db, ids):
        if progress is not None and getattr(progress, "cancelled", False):
            return None
        for stored in batch:
            try:
                clean = clean_answers(profile, stored.answers)
            except AnswersInvalid as error:
                tally.refuse(stored.organization_id, stored.name, "; ".join(str(i) for i in error.issues[:3]))
                continue
            result = scorer.score(clean)
            status = "complete" if result.complete else "draft"
            tally.add(
                stored.organization_id, stored.name, stored.figures, figures_of(result, status), stored.profile_version
            )
        done += len(batch)
        if progress is not None:
            progress(done, total, f"Пересчитано в памяти: {done} из {total}")
    return tally.impact()


def _level_rank(profile: Profile):
    starts = {lvl.id: lvl.from_ for lvl in profile.data.maturity_levels}
    return lambda level_id: starts[level_id]
