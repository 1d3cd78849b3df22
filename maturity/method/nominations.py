"""The nominations of the annual contest (смотр-конкурс): a default set, and a profile's own over it.

A nomination ranks by one figure of the method (``by``): ``index`` (the overall nomination, id
``overall``, always present), ``digital_index``, a KPI (``k4``) or one component of a KPI (``k6.stand``,
on the KPI's scale 0–100). The default set names KPIs and components of the base method; of it, only the
nominations whose figure the profile has are used. A profile's ``nominations`` merge over the set by id,
as ``extends`` merges lists: a known id replaces that nomination, a new id is added, ``remove: true``
drops one (never ``overall``).
"""

from __future__ import annotations

from dataclasses import dataclass

from maturity.method.schema import Nomination, ProfileFile

OVERALL = "overall"
INDEX, DIGITAL_INDEX = "index", "digital_index"

DEFAULT_NOMINATIONS = (
    Nomination(
        id=OVERALL,
        title="Лучшая постановка информационной работы",
        by=INDEX,
        description="индекс информационной работы и цифровой зрелости",
    ),
    Nomination(id="site", title="Лучший сайт", by="k4.site", description="сайт организации: критерии и посещаемость"),
    Nomination(
        id="social",
        title="Лучшие сайт и страницы в социальных сетях",
        by="k4",
        description="посещаемость и вовлечённость аудитории сайта и страниц в соцсетях",
    ),
    Nomination(
        id="stand",
        title="Лучший профсоюзный стенд",
        by="k6.stand",
        description="профсоюзный стенд и его обновление; фото стенда оценивает комиссия",
    ),
    Nomination(
        id="publications",
        title="Лучшие профсоюзные публикации",
        by="k5",
        description="цитируемость лидеров и публикации; качество изданий оценивает комиссия",
    ),
    Nomination(id="digital", title="Цифровая зрелость", by=DIGITAL_INDEX, description="индекс цифровой зрелости"),
    Nomination(
        id="digital_access",
        title="Доступность цифрового взаимодействия",
        by="k7",
        description="каналы связи с членами профсоюза, обратная связь, ответ на обращения",
    ),
    Nomination(id="training", title="Обучение профсоюзного актива", by="k10", description="обучение и молодёжь"),
)


@dataclass(frozen=True)
class Target:
    """What a nomination's ``by`` names: ``kind`` is index, digital_index, kpi or component."""

    kind: str
    kpi: str | None = None
    component: str | None = None


def target_problem(data: ProfileFile, by: str) -> str | None:
    """Why ``by`` names no figure of the profile (None: it does)."""
    if by in (INDEX, DIGITAL_INDEX):
        if by == DIGITAL_INDEX and not data.digital_kpis:
            return "в методике нет показателей цифровой зрелости (digital_kpis): индекса цифровой зрелости нет"
        return None
    kpi_id, _, component_id = by.partition(".")
    kpi = next((k for k in data.kpis if k.id == kpi_id), None)
    if kpi is None:
        return f"«{by}»: нет показателя «{kpi_id}»; допустимо index, digital_index, показатель (k4) или k4.компонент"
    if component_id and all(c.id != component_id for c in kpi.components):
        return f"«{by}»: у показателя «{kpi_id}» нет компонента «{component_id}»"
    return None


def target_of(by: str) -> Target:
    if by in (INDEX, DIGITAL_INDEX):
        return Target(by)
    kpi_id, _, component_id = by.partition(".")
    return Target("component", kpi_id, component_id) if component_id else Target("kpi", kpi_id)


def nominations_of(data: ProfileFile) -> tuple[Nomination, ...]:
    """The contest's nominations for a profile: the default set (those whose figure exists) with the
    profile's own merged over it by id; ``overall`` first and always there."""
    merged = {n.id: n for n in DEFAULT_NOMINATIONS if target_problem(data, n.by) is None}
    order = list(merged)
    for own in data.nominations:
        if own.remove:
            if own.id != OVERALL:
                merged.pop(own.id, None)
            continue
        if own.id not in merged:
            order.append(own.id)
        merged[own.id] = own
    return tuple(merged[i] for i in order if i in merged)
