"""A small federation with known scores, written with Core inserts (no scoring, so every figure is
written out here and the tests can check it by hand).

Organization «base» b gives KPIs k1 … k10 = b, b+1, …, b+9: index = b + 4.5 (their mean),
digital index = b + 6.5 (the mean of k7 and k8), the maturity level the band of the index.

    Федерация (union)
    ├── Территориальная А (territorial, Самарская область, Образование)
    │   ├── ППО Школа № 1        (primary, Самарская область, Образование)
    │   ├── ППО Гимназия         (primary, Самарская область, Образование)
    │   └── ППО Детский сад      (primary, Самарская область, Образование) — never assessed
    └── Территориальная Б (territorial, Республика Татарстан, Здравоохранение)
        ├── ППО Больница         (primary, Республика Татарстан, Здравоохранение)
        └── ППО Поликлиника      (primary, Республика Татарстан, Здравоохранение) — 2025 a draft

bases        2024   2025   index 2025   level 2025     failed norms 2025
Терр. А       40     50      54.5       developing     n1_funding
Терр. Б       75     70      74.5       advanced       —
Школа № 1     20     30      34.5       basic          n1_funding, n6_site
Гимназия      80     85      89.5       leading        —
Больница      12     10      14.5       initial        n1_funding, n6_site, n7_stand
Поликлиника   50     55      59.5       developing     n6_site (a draft: not counted in statistics)
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from maturity.method.profile import load_profile
from maturity.storage.models import Assessment, Organization
from maturity.storage.store import insert_scores

KPI_IDS = [k.id for k in load_profile("fnpr-base").kpis]

LEVEL_BANDS = ((80, "leading"), (60, "advanced"), (40, "developing"), (20, "basic"), (0, "initial"))

ORGANIZATIONS = {  # name: (id, level, parent id, region, sector)
    "Федерация": (1, "union", None, None, None),
    "Территориальная А": (2, "territorial", 1, "Самарская область", "Образование"),
    "Территориальная Б": (3, "territorial", 1, "Республика Татарстан", "Здравоохранение"),
    "ППО Школа № 1": (4, "primary", 2, "Самарская область", "Образование"),
    "ППО Гимназия": (5, "primary", 2, "Самарская область", "Образование"),
    "ППО Детский сад": (6, "primary", 2, "Самарская область", "Образование"),
    "ППО Больница": (7, "primary", 3, "Республика Татарстан", "Здравоохранение"),
    "ППО Поликлиника": (8, "primary", 3, "Республика Татарстан", "Здравоохранение"),
}
ID = {name: values[0] for name, values in ORGANIZATIONS.items()}
BASES = {  # name: {year: (base, status, failed norms)}
    "Территориальная А": {2024: (40, "complete", ()), 2025: (50, "complete", ("n1_funding",))},
    "Территориальная Б": {2024: (75, "complete", ()), 2025: (70, "complete", ())},
    "ППО Школа № 1": {2024: (20, "complete", ("n6_site",)), 2025: (30, "complete", ("n1_funding", "n6_site"))},
    "ППО Гимназия": {2024: (80, "complete", ()), 2025: (85, "complete", ())},
    "ППО Больница": {
        2024: (12, "complete", ("n6_site",)),
        2025: (10, "complete", ("n1_funding", "n6_site", "n7_stand")),
    },
    "ППО Поликлиника": {2024: (50, "complete", ()), 2025: (55, "draft", ("n6_site",))},
}


def maturity_level(index: float) -> str:
    return next(level for start, level in LEVEL_BANDS if index >= start)


def fill(engine: sa.Engine) -> None:
    now = datetime.now(UTC)
    organizations = [
        dict(
            id=i,
            uid=f"uid-{i}",
            name=name,
            level=level,
            parent_id=parent,
            region=region,
            sector=sector,
            members=100,
            placeholder=False,
            created_at=now,
            updated_at=now,
        )
        for name, (i, level, parent, region, sector) in ORGANIZATIONS.items()
    ]
    assessments, scores = [], []
    for name, years in BASES.items():
        for year, (base, status, failed) in years.items():
            assessment_id = len(assessments) + 1
            assessments.append(
                dict(
                    id=assessment_id,
                    organization_id=ID[name],
                    year=year,
                    profile_id="fnpr-base",
                    profile_version="2025.1",
                    status=status,
                    answers={},
                    respondent=None,
                    created_at=now,
                    updated_at=now,
                )
            )
            kpis = {k: float(base + i) for i, k in enumerate(KPI_IDS)}
            norms = {n: "fail" if n in failed else "pass" for n in ("n1_funding", "n6_site", "n7_stand")}
            scores.append(
                dict(
                    assessment_id=assessment_id,
                    kpis=kpis,
                    index=base + 4.5,
                    digital_index=base + 6.5,
                    level=maturity_level(base + 4.5),
                    norms=norms,
                    failed_norms_count=len(failed),
                    completeness=1.0 if status == "complete" else 0.9,
                )
            )
    with engine.begin() as connection:
        connection.execute(Organization.__table__.insert(), organizations)
        connection.execute(Assessment.__table__.insert(), assessments)
        insert_scores(connection, scores)
