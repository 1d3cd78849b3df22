"""The annual contest (смотр-конкурс) of a year and a group: who takes part, the rankings by nomination, level
and member-size band, the commission's marks (checked, recorded with who and when, journalled), the winners
and what they do («Лучшие практики»).

Who takes part: the organizations of the group (the parent and everyone under it; the whole database when
no parent is given) whose assessment of the year is complete and accepted by the higher body. The contest
is run by the method of most participants (its nominations, bands and rules: the profile's ``nominations``,
``member_bands``, ``contest``). The arithmetic is :mod:`maturity.engine.contest`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from maturity.engine.contest import (
    ContestResults,
    Entrant,
    Group,
    Mark,
    NominationResult,
    Practice,
    Rules,
    rank,
)
from maturity.engine.explain import component_questions
from maturity.engine.scoring import score
from maturity.errors import BadInput, shorten
from maturity.method.nominations import OVERALL, target_of
from maturity.method.profile import Profile, load_profile
from maturity.method.schema import Nomination
from maturity.storage.contest import Candidate, candidates, insert_mark, marks_of, takes_part
from maturity.storage.journal import Entry
from maturity.storage.models import Organization, utcnow
from maturity.storage.store import Store
from maturity.text_rules import label_problem
from maturity.views.explain_text import answer_text

WHOLE_DATABASE = "все организации базы"
NO_BAND = "численность не указана"
REMARK_LIMIT = 2000
MEMBER_LIMIT = 300
_SPACES = re.compile(r"\s+")


def rules_of(profile: Profile) -> Rules:
    c = profile.data.contest
    return Rules(c.mark_min, c.mark_max, c.commission_weight, c.prize_places)


def contest_profile(store: Store, taking_part: Sequence[Candidate]) -> Profile:
    """The method of most participants (ties: the first in name order); the base method when none."""
    if not taking_part:
        return load_profile()
    counts = Counter(c.profile for c in taking_part)
    (pid, version, sha), _ = counts.most_common(1)[0]
    return store.catalog().find(pid, version, sha)


def by_label(profile: Profile, nomination: Nomination) -> str:
    """The figure a nomination ranks by, in words."""
    target = target_of(nomination.by)
    if target.kind == "index":
        return "индекс информационной работы и цифровой зрелости"
    if target.kind == "digital_index":
        return "индекс цифровой зрелости"
    kpi = profile.kpi(target.kpi or "")
    title = f"{kpi.id.upper()} «{kpi.title}»"
    return title if target.kind == "kpi" else f"{title}, компонент «{target.component}»"


class _Figures:
    """A candidate's figure for a nomination: stored scores, or its component rescored from its answers by its
    own method (component values are not stored)."""

    def __init__(self, store: Store):
        self.store = store
        self.profiles: dict[tuple[str, str, str | None], Profile] = {}
        self.components: dict[int, Mapping[str, Mapping[str, float | None]]] = {}

    def profile(self, candidate: Candidate) -> Profile:
        key = candidate.profile
        if key not in self.profiles:
            self.profiles[key] = self.store.catalog().find(*key)
        return self.profiles[key]

    def value(self, candidate: Candidate, by: str) -> float | None:
        target = target_of(by)
        if target.kind == "index":
            return candidate.index
        if target.kind == "digital_index":
            return candidate.digital_index
        if target.kind == "kpi":
            return candidate.kpis.get(target.kpi or "")
        if candidate.assessment_id not in self.components:
            self.components[candidate.assessment_id] = score(self.profile(candidate), candidate.answers).components
        value = self.components[candidate.assessment_id].get(target.kpi or "", {}).get(target.component or "")
        return None if value is None else 100.0 * value


def _level_order(profile: Profile, level: str | None) -> int:
    ids = profile.organization_level_ids
    return ids.index(level) if level in ids else len(ids)


def _band(profile: Profile, members: int | None) -> tuple[str | None, str, int]:
    band = profile.member_band(members)
    if band is None:
        return None, NO_BAND, len(profile.member_bands)
    return band.id, band.label, [b.id for b in profile.member_bands].index(band.id)


def _practices(profile: Profile, nomination: Nomination, group: Group, taking: Mapping[str, Candidate],
               figures: _Figures) -> list[Practice]:  # fmt: skip
    """What each winner answered behind the nomination's figure (personal questions and who the organization
    is left out); for the index, the winner's KPI scores."""
    from maturity.views.numbers import format_score

    target = target_of(nomination.by)
    found = []
    for placed in group.winners:
        candidate = taking[placed.entrant.organization_id]
        own = figures.profile(candidate)
        if target.kind == "index":
            lines = [(f"{k.id.upper()} {k.title}", format_score(candidate.kpis.get(k.id), "не оценивается"))
                     for k in own.kpis]  # fmt: skip
        else:
            lines = [(own.question(q).text, answer_text(own.question(q), candidate.answers.get(q)))
                     for q in _questions_behind(own, nomination.by)]  # fmt: skip
        where = f"{group.level_label}, {group.band_label}"
        found.append(Practice(candidate.uid, candidate.name, placed.place, where, tuple(lines)))
    return found


def _questions_behind(profile: Profile, by: str) -> list[str]:
    target = target_of(by)
    if target.kind == "digital_index":
        kpis = [profile.kpi(k) for k in profile.data.digital_kpis]
    else:
        try:
            kpis = [profile.kpi(target.kpi or "")]
        except KeyError:
            return []
    hidden = set(profile.personal_question_ids) | {
        profile.organization_question(f) for f in ("name", "level", "members", "parent", "region", "sector")
    }
    found: list[str] = []
    for kpi in kpis:
        for comp in kpi.components:
            if target.kind == "component" and comp.id != target.component:
                continue
            for q in component_questions(profile, comp):
                if q not in hidden and q not in found and profile.question(q).type != "text":
                    found.append(q)
    return found


def contest_results(store: Store, year: int, parent: Organization | None = None) -> ContestResults:
    """The contest of ``year`` for the parent's group (the whole database when None)."""
    parent_id = None if parent is None else store.stored_id(parent)
    everyone = candidates(store.session, year, parent_id)
    taking = [c for c in everyone if takes_part(c)]
    left_out = Counter(
        "черновик (не все ответы)" if c.status != "complete" else "оценка не принята" for c in everyone
        if not takes_part(c)
    )  # fmt: skip
    profile = contest_profile(store, taking)
    rules = rules_of(profile)
    marks = marks_of(store.session, year, [c.organization_id for c in taking])
    figures = _Figures(store)
    by_uid = {c.uid: c for c in taking}
    nominations = []
    for nomination in profile.nominations:
        grouped: dict[tuple[int, str | None, int, str | None], list[Entrant]] = {}
        labels: dict[tuple[int, str | None, int, str | None], tuple[str, str]] = {}
        for c in taking:
            band_id, band_label, band_order = _band(profile, c.members)
            key = (_level_order(profile, c.level), c.level, band_order, band_id)
            labels[key] = (profile.organization_level_label(c.level), band_label)
            own_marks = tuple(marks.get((c.organization_id, nomination.id), ()))
            entrant = Entrant(c.uid, c.name, c.level, band_id, figures.value(c, nomination.by), c.index, own_marks)
            grouped.setdefault(key, []).append(entrant)
        groups = []
        for key in sorted(grouped, key=lambda k: (k[0], k[2])):
            ranking = tuple(rank(grouped[key], rules))
            if ranking:
                groups.append(Group(key[1], labels[key][0], key[3], labels[key][1], ranking))
        practices = [p for g in groups for p in _practices(profile, nomination, g, by_uid, figures)]
        nominations.append(
            NominationResult(nomination.id, nomination.title, nomination.by, by_label(profile, nomination),
                             nomination.description, tuple(groups), tuple(practices))
        )  # fmt: skip
    commission = sorted({m.member for ms in marks.values() for m in ms}, key=str.casefold)
    scope = WHOLE_DATABASE if parent is None else parent.name
    return ContestResults(year, scope, profile.title, rules, tuple(commission), tuple(nominations), len(taking),
                          dict(left_out))  # fmt: skip


# ---------------------------------------------------------------- the commission's marks


def parse_points(text: str) -> float:
    """A mark as typed: «7», «7,5» or «7.5»; BadInput in Russian for anything else."""
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".").replace("\u2212", "-")
    if not re.fullmatch(r"-?\d{1,3}(\.\d{1,2})?", cleaned):
        raise BadInput(f"оценка комиссии — число, например 7 или 7,5 (не больше двух знаков после запятой), "
                       f"а не «{shorten(str(text))}»")  # fmt: skip
    return float(cleaned)


def clean_member(member: str) -> str:
    """A commission member's name as kept: one line, spaces collapsed; BadInput when empty or too long."""
    if not isinstance(member, str):
        raise BadInput("член комиссии: нужно имя")
    name = _SPACES.sub(" ", member).strip()
    problem = label_problem(name, MEMBER_LIMIT)
    if problem is not None:
        raise BadInput(f"член комиссии: {problem}")
    return name


def clean_remark(remark: str) -> str:
    if not isinstance(remark, str):
        raise BadInput("замечание комиссии: нужен текст")
    text = remark.strip()
    problem = label_problem(text, REMARK_LIMIT, required=False, one_line=False)
    if problem is not None:
        raise BadInput(f"замечание комиссии: {problem}")
    return text


def add_mark(
    store: Store,
    year: int,
    organization: Organization,
    nomination_id: str,
    member: str,
    points: float,
    remark: str = "",
    parent: Organization | None = None,
) -> Mark:
    """Record one commission member's mark (one transaction with its journal entry). BadInput, nothing
    written: a mark outside the contest's range, an organization that does not take part in the contest (of
    ``parent``'s group when given), an unknown nomination or one whose figure it has not, a second mark of the
    same member for the same participant and nomination."""
    name = clean_member(member)
    text = clean_remark(remark)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not math.isfinite(points):
        raise BadInput("оценка комиссии должна быть числом")
    with store.atomic():
        parent_id = None if parent is None else store.stored_id(parent)
        everyone = candidates(store.session, year, parent_id)
        taking = [c for c in everyone if takes_part(c)]
        profile = contest_profile(store, taking)
        rules = rules_of(profile)
        if not rules.mark_min <= points <= rules.mark_max:
            raise BadInput(
                f"оценка {_number(points)} вне допустимого диапазона: члены комиссии ставят от "
                f"{_number(rules.mark_min)} до {_number(rules.mark_max)} баллов"
            )
        org_id = store.stored_id(organization)
        candidate = next((c for c in taking if c.organization_id == org_id), None)
        if candidate is None:
            why = _not_taking_part(organization.name, year, everyone, org_id, parent)
            raise BadInput(why)
        nomination = next((n for n in profile.nominations if n.id == nomination_id), None)
        if nomination is None:
            known = ", ".join(n.id for n in profile.nominations)
            raise BadInput(f"в конкурсе нет номинации «{shorten(str(nomination_id))}»; есть: {known}")
        if _Figures(store).value(candidate, nomination.by) is None:
            raise BadInput(f"«{organization.name}» не участвует в номинации «{nomination.title}»: "
                           "этот показатель у неё не оценивается")  # fmt: skip
        existing = marks_of(store.session, year, [org_id]).get((org_id, nomination.id), [])
        if any(m.member.casefold() == name.casefold() for m in existing):
            raise BadInput(
                f"член комиссии «{name}» уже оценил «{organization.name}» в номинации «{nomination.title}»: "
                "второй оценки одного члена комиссии не бывает"
            )
        now = utcnow()
        row: dict[str, Any] = {"year": year, "organization_id": org_id, "nomination": nomination.id, "member": name,
                               "points": float(points), "remark": text, "marked_at": now,
                               "marked_by": store.actor[:300]}  # fmt: skip
        insert_mark(store.session, row)
        detail = {"nomination": nomination.id, "member": name, "points": float(points), "remark": text}
        store.journal([Entry("mark", organization.uid, organization.name, year, detail=detail)])
    return Mark(name, float(points), text, store.actor, now)


def _number(value: float) -> str:
    from maturity.views.numbers import format_parameter

    return format_parameter(value)


def _not_taking_part(
    name: str, year: int, everyone: Sequence[Candidate], org_id: int, parent: Organization | None
) -> str:
    own = next((c for c in everyone if c.organization_id == org_id), None)
    if own is None:
        where = f" группы «{parent.name}»" if parent is not None else ""
        return f"«{name}» не участвует в конкурсе{where} за {year} год: у неё нет оценки за этот год в этой группе"
    if own.status != "complete":
        return f"«{name}» не участвует в конкурсе за {year} год: её оценка — черновик"
    return f"«{name}» не участвует в конкурсе за {year} год: её оценка не принята вышестоящей организацией"


def marks_document(results: ContestResults) -> list[dict[str, Any]]:
    """Every mark of the contest, for ``contest marks --json``."""
    found = []
    for nomination in results.nominations:
        for group in nomination.groups:
            for placed in group.ranking:
                for m in placed.entrant.marks:
                    found.append({
                        "nomination": nomination.id, "organization_id": placed.entrant.organization_id,
                        "name": placed.entrant.name, "member": m.member, "points": m.points, "remark": m.remark,
                        "marked_by": m.marked_by,
                        "marked_at": m.marked_at.isoformat() if m.marked_at is not None else None,
                    })  # fmt: skip
    return found


def results_document(results: ContestResults) -> dict[str, Any]:
    """``maturity contest results --json``."""
    from maturity.engine.rounding import round_figure

    return {
        "year": results.year,
        "scope": results.scope,
        "participants": results.participants,
        "rules": {
            "mark_min": results.rules.mark_min,
            "mark_max": results.rules.mark_max,
            "commission_weight": results.rules.commission_weight,
            "prize_places": results.rules.prize_places,
        },  # fmt: skip
        "commission": list(results.commission),
        "nominations": [
            {
                "id": n.id,
                "title": n.title,
                "by": n.by,
                "groups": [
                    {
                        "level": g.level,
                        "band": g.band,
                        "level_label": g.level_label,
                        "band_label": g.band_label,
                        "ranking": [
                            {
                                "organization_id": p.entrant.organization_id,
                                "name": p.entrant.name,
                                "score": round_figure(p.final),
                                "place": p.place,
                                "method_score": round_figure(p.entrant.score),
                                "commission_mark": round_figure(p.mean_mark),
                                "marks": len(p.entrant.marks),
                                "winner": p.winner,
                            }
                            for p in g.ranking
                        ],  # fmt: skip
                    }
                    for g in n.groups
                ],
            }
            for n in results.nominations
        ],
    }


__all__ = ["OVERALL", "add_mark", "contest_results", "parse_points", "results_document"]
