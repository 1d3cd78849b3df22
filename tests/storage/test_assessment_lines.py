"""The main window's list of assessments: one query gives what one read per assessment used to give."""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from maturity.storage.queries import assessment_lines


def per_assessment(store, org) -> list[tuple]:
    """The same figures read the old way: the assessments, then each one's score."""
    lines = []
    for assessment in store.list_assessments(org):
        scores = store.get_score(assessment)
        lines.append(
            (
                assessment.year,
                assessment.status,
                assessment.updated_at,
                scores.index,
                scores.digital_index,
                scores.level,
                scores.completeness,
                scores.failed_norms_count,
            )
        )
    return sorted(lines, key=lambda line: line[0], reverse=True)


@pytest.mark.parametrize("seed", range(4))
def test_one_query_lists_every_year_with_its_figures_newest_first(store, base_profile, example_answers, seed):
    rng = random.Random(seed)
    answers = example_answers("primary-small.json")
    org = store.create_organization("ППО «Волга»", "primary")
    other = store.create_organization("ППО «Жигули»", "primary")
    store.save_assessment(other, 2025, base_profile, answers)  # another organization's year is not listed
    years = rng.sample(range(2015, 2030), rng.randint(0, 6))
    for year in years:
        kept = dict(rng.sample(sorted(answers.items()), rng.randint(1, len(answers))))
        if rng.random() < 0.5:
            store.save_assessment(org, year, base_profile, answers)
        else:
            store.save_assessment(org, year, base_profile, kept, status="draft")

    org_id = org.id
    statements: list[str] = []
    engine = store.session.get_bind()

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", seen)
    try:
        lines = assessment_lines(store.session, org_id)
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)

    assert len(statements) == 1
    assert [line.year for line in lines] == sorted(years, reverse=True)
    assert [
        (
            line.year,
            line.status,
            line.updated_at,
            line.index,
            line.digital_index,
            line.maturity_level,
            line.completeness,
            line.failed_norms,
        )
        for line in lines
    ] == per_assessment(store, org)
