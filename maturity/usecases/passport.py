"""The passport of an organization's year: what the elected body reads at its meeting, as plain data.

:func:`passport_content` assembles it from objects the app already holds (the answers and their
score, the earlier year, the plan, last year's plan results, a benchmark); :func:`passport_from_store`
reads them from the database for ``maturity passport``. Every figure is formatted here, through
:mod:`maturity.views.numbers` and the texts of the result page, so the PDF (``ui/passport``, which
only lays this out) reads as the window and the command line do. Nothing here knows about Qt or PDF.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from maturity.engine.benchmark import Benchmark, PeerPosition, organization_peers
from maturity.engine.draft_range import IndexRange, index_range
from maturity.engine.plan import PlanStep, default_plan
from maturity.engine.plan_review import PlanReview
from maturity.engine.scoring import ScoreResult, score
from maturity.engine.year_change import EarlierYear, YearChange, year_change
from maturity.method.profile import Profile
from maturity.storage.models import Organization
from maturity.storage.store import Store
from maturity.usecases.earlier_year import earlier_year
from maturity.usecases.plan import assessment_plan, last_year_review, organization_assessment
from maturity.views.draft_text import RANGE_NOTE, range_level_text, range_text
from maturity.views.numbers import NOT_SCORED, format_change, format_percent, format_score
from maturity.views.peers_text import percentile_text
from maturity.views.plan_text import plan_name, plan_step_cells, review_cells, review_summary
from maturity.views.year_change_text import DRAFT_NOTE, marked, norm_lines

TITLE = "Паспорт информационной работы и цифровой зрелости"
INDEX_CAPTION = "Индекс информационной работы и цифровой зрелости"
LEVEL_CAPTION = "Уровень зрелости"
DIGITAL_CAPTION = "Индекс цифровой зрелости"
# what became of a done step's component (or norm), in the column «Показатель» of the done steps;
# the long forms (VERDICT_LABELS: «выполнен, показатель вырос»…) are the app's
DONE_VERDICTS = {"risen": "вырос", "not_risen": "не вырос", "unknown": "не определить", "not_done": "—"}
SIGNATURE_DATE = "Дата"
SIGNATURE_CHAIR = "Председатель"
SIGNATURE_CAPTIONS = ("Подпись", "Расшифровка подписи")


@dataclass(frozen=True)
class HeadlineFigure:
    """One of the three big figures: «58,4» with «+13,0 к 2024 году (было 45,4)» and its place among peers."""

    caption: str
    value: str
    change: str  # "" without an earlier year
    peers: str  # "" without a benchmark
    provisional: bool = False  # a draft's index and level: «предварительно»


@dataclass(frozen=True)
class KpiLine:
    title: str  # «K1. Информационная структура»
    before: str  # "" without an earlier year
    now: str
    change: str
    percentile: str  # "" without a benchmark
    median: str


@dataclass(frozen=True)
class NormLine:
    title: str
    reason: str


@dataclass(frozen=True)
class PlanLine:
    what: str
    kpi: str
    status: str
    responsible: str
    quarter: str
    note: str


@dataclass(frozen=True)
class ReviewLine:
    """A step of last year's plan marked done, and what became of what it was to improve."""

    what: str
    change: str  # «40 % → 80 %»; a norm: «не выполнен → выполнен»
    points: str  # index points, «+1,2»; «—» for a norm
    verdict: str  # «вырос» / «не вырос» / «не определить»: the table lists done steps only
    verdict_id: str  # risen | not_risen | unknown


@dataclass(frozen=True)
class LastYearResults:
    heading: str
    summary: str
    done: tuple[ReviewLine, ...]
    not_done: str  # how many steps were not done, how many of them are in this year's plan, the others by name


@dataclass(frozen=True)
class RadarData:
    """What :func:`maturity.views.charts.kpi_radar` draws: this year over the earlier one (and the peers' band)."""

    titles: dict[str, str]  # KPI id → title, in the profile's order
    scores: dict[str, float | None]
    previous: dict[str, float | None] | None
    current_label: str
    previous_label: str
    band: dict[str, tuple[float, float]] | None


@dataclass(frozen=True)
class Passport:
    organization: str
    organization_level: str  # «Первичная профсоюзная организация»
    year: int
    method: str  # «Базовая методика ФНПР, версия 2025.1»
    draft: bool  # required questions without an answer: the figures are «предварительно»
    completeness: str
    figures: tuple[HeadlineFigure, ...]  # index, level, digital index
    year_before: int | None
    kpi_columns: tuple[str, ...]
    kpis: tuple[KpiLine, ...]
    peers_note: str | None  # whom the organization is compared with (None: no benchmark loaded)
    norms_failed: tuple[NormLine, ...]
    norm_changes: tuple[str, ...]  # norms met or lost since the earlier year
    plan_heading: str
    plan_note: str
    plan: tuple[PlanLine, ...]
    last_year: LastYearResults | None
    radar: RadarData
    learn_from: tuple[tuple[str, ...], ...] = ()  # «У кого поучиться»: per weak KPI, its heading line then its peers

    @property
    def title(self) -> str:
        return TITLE

    @property
    def has_peers(self) -> bool:
        return any(line.percentile for line in self.kpis)


def passport_content(
    profile: Profile,
    year: int,
    answers: Mapping[str, Any],
    result: ScoreResult,
    *,
    organization_name: str,
    draft: bool,
    earlier: EarlierYear | None = None,
    plan: Sequence[PlanStep] | None = None,
    plan_saved: bool = False,
    review: PlanReview | None = None,
    benchmark: Benchmark | None = None,
) -> Passport:
    """The passport of the assessment of ``year`` (``answers`` scored as ``result``).

    ``plan``: the plan kept with it (None: the road map of these answers, as the app shows it until
    the chair edits it); ``review``: last year's plan against this year; ``benchmark``: a file of peers
    made with the same method (the caller checks that).
    """
    change = year_change(profile, year, result, earlier) if earlier is not None else None
    level = profile.organization_fact(answers, "level")
    peers = _peers(benchmark, level, result)
    if plan is None:
        plan, plan_saved = default_plan(profile, answers, year, result), False
    return Passport(
        organization=organization_name.strip() or profile.organization_fact(answers, "name") or "Организация",
        organization_level=profile.organization_level_label(level) if level else "",
        year=year,
        method=f"{profile.title}, версия {profile.version}",
        draft=draft,
        completeness=format_percent(result.completeness),
        figures=_figures(profile, result, change, peers, index_range(profile, answers) if draft else None, draft),
        year_before=earlier.year if earlier is not None else None,
        kpi_columns=_kpi_columns(year, change, peers),
        kpis=_kpi_lines(profile, result, change, peers),
        peers_note=_peers_note(profile, benchmark, level, peers),
        norms_failed=tuple(
            NormLine(norm.title, result.norms[norm.id].reason)
            for norm in profile.norms
            if result.norms[norm.id].status == "fail"
        ),
        norm_changes=tuple(norm_lines(profile, change)) if change is not None else (),
        plan_heading=plan_name(year).capitalize(),
        plan_note="" if plan_saved else "План составлен по дорожной карте оценки и ещё не утверждён.",
        plan=tuple(PlanLine(*plan_step_cells(profile, step, answers)) for step in plan),
        last_year=_last_year(profile, review, plan),
        radar=_radar(profile, year, result, earlier, benchmark, level),
    )


def passport_from_store(
    store: Store, org: Organization | int, year: int, benchmark: Benchmark | None = None
) -> Passport:
    """The passport of ``org``'s stored assessment of ``year``: its plan (or road map), the earlier year,
    last year's plan results. BadInput when the organization or the assessment is missing."""
    organization, assessment = organization_assessment(store, org, year)
    org_id = store.stored_id(organization)
    profile = store.profile_of(assessment)
    kept = assessment_plan(store, organization, year)
    content = passport_content(
        profile,
        year,
        assessment.answers,
        score(profile, assessment.answers),
        organization_name=organization.name,
        draft=assessment.status != "complete",
        earlier=earlier_year(store.session, org_id, year),
        plan=kept.steps,
        plan_saved=kept.saved,
        review=last_year_review(store, org_id, year),
        benchmark=benchmark,
    )
    if assessment.status != "complete":
        return content
    from dataclasses import replace

    return replace(content, learn_from=learn_from_blocks(store.session, profile, org_id, year))


LEARN_FROM_KPIS = 2  # the weakest KPIs the passport looks for peers on


def learn_from_blocks(db: Any, profile: Profile, org_id: int, year: int) -> tuple[tuple[str, ...], ...]:
    """«У кого поучиться» for the organization's weakest KPIs (:mod:`maturity.usecases.learn_from`, the lines of
    :mod:`maturity.views.learn_from_text`; an unnamed peer without its figures: the passport goes to the chair);
    nothing when no similar organization did better on any of them (a
    chair's own database has no other organizations)."""
    from maturity.usecases.learn_from import organization_kpis, who_to_learn_from
    from maturity.views.learn_from_text import learn_from_lines

    found = [
        who_to_learn_from(db, profile, org_id, year, kpi_id)
        for kpi_id in organization_kpis(db, profile, org_id, year).weakest_first[:LEARN_FROM_KPIS]
    ]
    if not any(f.peers for f in found):
        return ()
    return tuple(tuple(learn_from_lines(profile, f, unnamed_figures=False)) for f in found)


# ------------------------------------------------------------------ the parts


def _since(change: float | None, before: float | None, year_before: int) -> str:
    """«+13,0 к 2024 году (было 45,4)»."""
    return f"{format_change(change)} к {year_before} году (было {format_score(before, NOT_SCORED)})"


def _figures(
    profile: Profile,
    result: ScoreResult,
    change: YearChange | None,
    peers: Mapping[str, PeerPosition] | None,
    span: IndexRange | None,
    draft: bool,
) -> tuple[HeadlineFigure, ...]:
    """Index, level and digital index; a draft's index is the range it can still end in and its level shows
    only when that range fits one level (as on the result page)."""
    index_change = digital_change = level_change = ""
    if change is not None:
        index_change = marked(_since(change.index_change, change.index_before, change.year_before), change, "index")
        digital_change = marked(
            _since(change.digital_change, change.digital_before, change.year_before), change, "digital_index"
        )
        if change.level_before == change.level_now:
            level_change = f"как и в {change.year_before} году"
        else:
            level_change = f"в {change.year_before} году — {profile.level_label(change.level_before)}"
        level_change = marked(level_change, change, "level")
    index_text = range_text(span) if draft else format_score(result.index, NOT_SCORED)
    level_text = range_level_text(profile, span) if draft else profile.level_label(result.level)
    level_open = draft and (span is None or span.level is None)
    return (
        HeadlineFigure(INDEX_CAPTION, index_text, index_change, _peer_phrase(peers, "index"), draft),
        HeadlineFigure(LEVEL_CAPTION, level_text, "" if level_open else level_change, "", level_open),
        HeadlineFigure(
            DIGITAL_CAPTION,
            format_score(result.digital_index, NOT_SCORED),
            digital_change,
            _peer_phrase(peers, "digital_index"),
        ),
    )


def _peer_phrase(peers: Mapping[str, PeerPosition] | None, key: str) -> str:
    position = (peers or {}).get(key)
    if position is None:
        return ""
    return f"среди {position.n}: {percentile_text(position.percentile)}, медиана {format_score(position.median)}"


def _kpi_columns(year: int, change: YearChange | None, peers: Mapping[str, PeerPosition] | None) -> tuple[str, ...]:
    columns = ["Показатель"]
    if change is not None:
        columns += [f"{change.year_before} год", f"{year} год", "Изменение"]
    else:
        columns.append(f"{year} год")
    if peers:
        columns += ["Среди других", "Медиана"]
    return tuple(columns)


def _kpi_lines(
    profile: Profile, result: ScoreResult, change: YearChange | None, peers: Mapping[str, PeerPosition] | None
) -> tuple[KpiLine, ...]:
    changes = {k.kpi_id: k for k in change.kpis} if change is not None else {}
    lines = []
    for kpi in profile.kpis:
        then = changes.get(kpi.id)
        position = (peers or {}).get(kpi.id)
        lines.append(
            KpiLine(
                title=f"{kpi.id.upper()}. {kpi.title}",
                before=format_score(then.before, NOT_SCORED) if then is not None else "",
                now=format_score(result.kpis.get(kpi.id), NOT_SCORED),
                change=format_change(then.change) if then is not None else "",
                percentile=percentile_text(position.percentile) if position is not None else "",
                median=format_score(position.median) if position is not None else "",
            )
        )
    return tuple(lines)


def _peers(benchmark: Benchmark | None, level: str | None, result: ScoreResult) -> dict[str, PeerPosition] | None:
    return organization_peers(benchmark, level, result) if benchmark is not None else None


def _peers_note(
    profile: Profile, benchmark: Benchmark | None, level: str | None, peers: Mapping[str, PeerPosition] | None
) -> str | None:
    if benchmark is None:
        return None
    where = profile.organization_level_short(level) if level else "уровень не указан"
    if peers is None:
        return f"В файле сравнения за {benchmark.year} год нет группы «{where}»: сравнивать не с кем."
    return (
        f"Сравнение с организациями уровня «{where}» за {benchmark.year} год (обезличенный файл сравнения): "
        "место среди них (процентиль) и их медиана; на диаграмме — их 25–75-й процентили."
    )


def _last_year(profile: Profile, review: PlanReview | None, plan: Sequence[PlanStep]) -> LastYearResults | None:
    """Last year's plan: the steps marked done with their outcome; of the others, how many are in this
    year's ``plan`` again, and the rest by name with their status."""
    if review is None:
        return None
    done, left = [], []
    carried = 0
    planned_now = {step.step for step in plan}
    for (what, status, change, points, _verdict), outcome in zip(
        review_cells(profile, review), review.outcomes, strict=True
    ):
        if outcome.step.status == "done":
            done.append(ReviewLine(what, change, points, DONE_VERDICTS[outcome.verdict], outcome.verdict))
        elif outcome.step.step in planned_now:
            carried += 1
        else:
            left.append(f"{what} ({status})")
    heading = f"Итоги: {plan_name(review.year_before)}"
    return LastYearResults(
        heading, review_summary(review), tuple(done), _not_done_text(carried, left, review.year_after)
    )


def _not_done_text(carried: int, left: Sequence[str], year: int) -> str:
    """«Не выполнены 13 шагов; 10 из них вошли в план на 2026 год, не вошли: …» ("" when all were done)."""
    count, plan = carried + len(left), f"план на {year + 1} год"
    named = "; ".join(left)
    if count == 0:
        return ""
    if not left:
        return f"Не выполнены {_steps(count)}; все они вошли в {plan}."
    if not carried:
        return f"Не выполнены {_steps(count)}: {named}."
    return f"Не выполнены {_steps(count)}; {carried} из них вошли в {plan}, не вошли: {named}."


def _steps(count: int) -> str:
    """«1 шаг», «3 шага», «13 шагов»."""
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} шаг"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return f"{count} шага"
    return f"{count} шагов"


def _radar(
    profile: Profile,
    year: int,
    result: ScoreResult,
    earlier: EarlierYear | None,
    benchmark: Benchmark | None,
    level: str | None,
) -> RadarData:
    band = None
    group = benchmark.group(level) if benchmark is not None else None
    if group is not None:
        band = {k: (s.at(25), s.at(75)) for k, s in group.kpis.items()}
    return RadarData(
        titles={k.id: k.title for k in profile.kpis},
        scores=dict(result.kpis),
        previous=dict(earlier.kpis) if earlier is not None else None,
        current_label=f"{year} год",
        previous_label=f"{earlier.year} год" if earlier is not None else "",
        band=band,
    )


def draft_note(passport: Passport) -> str:
    """The line under the figures of a draft: they may still change."""
    return (
        f"Итог {DRAFT_NOTE}: на обязательные вопросы ответили не все (полнота ответов {passport.completeness}). "
        + RANGE_NOTE
        if passport.draft
        else ""
    )
