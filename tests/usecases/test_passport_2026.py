"""The passport of a 2026.1 assessment carries what 2026.1 and fplo add — read from the profile, no code naming
them: a failed fplo norm with its title, the version in the method line, the new components' advice in the plan."""

from __future__ import annotations

from maturity.engine.scoring import score
from maturity.engine.validation import clean_answers
from maturity.method.profile import load_profile
from maturity.usecases.passport import passport_content


def test_an_oblast_organization_under_fplo_without_a_site_finds_the_failed_norm_and_the_new_advice(example_answers):
    fplo = load_profile("fplo")
    answers = example_answers("territorial-health.json")
    answers.update({"profile.members": 900, "k6.members_reached": 600, "k4.site_exists": False})
    base_2025 = load_profile("fnpr-base", "2025.1")
    for question in fplo.questions.values():  # what 2026.1 and fplo ask anew, answered as poorly as can be
        if question.id not in base_2025.questions:
            lowest = {"bool": False, "int": 0, "number": 0.0, "multi": []}.get(question.type)
            answers[question.id] = question.options[0].id if question.type == "choice" else lowest
    answers = clean_answers(fplo, answers)
    result = score(fplo, answers)
    failed = {n.id for n in fplo.norms if result.norm_statuses[n.id] == "fail"}
    assert failed, "the oblast organization without a site fails a norm of fplo"

    passport = passport_content(fplo, 2026, answers, result, organization_name="Областная организация", draft=True)

    titles = {line.title for line in passport.norms_failed}
    assert {n.title for n in fplo.norms if n.id in failed} == titles
    assert fplo.version in passport.method and fplo.title in passport.method
    added = {x.id for k in base_2025.kpis for x in k.components}
    new_advice = {c.advice for kpi in fplo.kpis for c in kpi.components if c.id not in added}
    new_advice |= {n.advice for n in fplo.norms if n.id not in {m.id for m in base_2025.norms}}
    assert new_advice & {line.what for line in passport.plan}
