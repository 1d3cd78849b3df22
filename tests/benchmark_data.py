"""Organizations with known scores for the benchmark's tests, written with Core inserts (no scoring), so
every percentile of tests/usecases/test_benchmark.py is computed by hand from the figures here.

    Союз (union) — complete 2025
    ├── Терр. 1 … Терр. 4 (territorial) — complete 2025: four, fewer than eleven → left out
    │   Терр. 1: ППО 1 … ППО 11 (primary)     Терр. 2: ППО 12 (primary)
    │   Терр. 3: ППО 13 (2025 a draft), ППО 14 (2024 only), ППО 15 (2025 by another profile version)

Organization of base b: the profile's KPIs in order are b, b+1, …, b+9; index b + 4.5; digital index
b + 6.5. ППО 1 … ППО 12 have bases 5, 10, …, 60; ППО 12 has its last KPI not scored (None).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from maturity.method.profile import load_profile
from maturity.storage.models import Assessment, Organization
from maturity.storage.store import insert_scores

PROFILE = load_profile("fnpr-base")
KPI_IDS = [k.id for k in PROFILE.kpis]

# name: (id, level, parent id, region, uid)
ORGANIZATIONS = {
    "Союз работников Примерной отрасли": (1, "union", None, "Москва"),
    **{f"Территориальная организация № {i}": (1 + i, "territorial", 1, f"Область Тестовая-{i}") for i in range(1, 5)},
    **{f"ППО Завод «Особый-{i}»": (5 + i, "primary", 2 if i <= 11 else 3 if i == 12 else 4, "Край Пробный")
       for i in range(1, 16)},
}  # fmt: skip
NAMES = {values[0]: name for name, values in ORGANIZATIONS.items()}
PRIMARY = {i: 5 + i for i in range(1, 16)}  # ППО i → id


def uid(org_id: int) -> str:
    return f"uid-benchmark-{org_id:04d}-e1a2"


def _scores(base: float, missing_last: bool = False) -> tuple[dict[str, float | None], float, float]:
    kpis: dict[str, float | None] = {k: float(base + i) for i, k in enumerate(KPI_IDS)}
    if missing_last:
        kpis[KPI_IDS[-1]] = None
    return kpis, base + 4.5, base + 6.5


# (organization id, year, status, profile version, base, last KPI missing)
ASSESSMENTS = [
    (1, 2025, "complete", PROFILE.version, 70, False),
    *[(1 + i, 2025, "complete", PROFILE.version, 30 + i, False) for i in range(1, 5)],
    *[(PRIMARY[i], 2025, "complete", PROFILE.version, 5 * i, i == 12) for i in range(1, 13)],
    (PRIMARY[13], 2025, "draft", PROFILE.version, 90, False),
    (PRIMARY[14], 2024, "complete", PROFILE.version, 90, False),
    (PRIMARY[15], 2025, "complete", "2024.0", 90, False),
]


def fill(engine: sa.Engine) -> None:
    now = datetime.now(UTC)
    organizations = [
        dict(
            id=i,
            uid=uid(i),
            name=name,
            level=level,
            parent_id=parent,
            region=region,
            sector="Отрасль Секретная",
            members=100,
            placeholder=False,
            created_at=now,
            updated_at=now,
        )
        for name, (i, level, parent, region) in ORGANIZATIONS.items()
    ]
    assessments, scores = [], []
    for number, (org_id, year, status, version, base, missing_last) in enumerate(ASSESSMENTS, start=1):
        assessments.append(
            dict(
                id=number,
                organization_id=org_id,
                year=year,
                profile_id=PROFILE.id,
                profile_version=version,
                status=status,
                answers={},
                respondent=f"Иванов-{org_id}",
                created_at=now,
                updated_at=now,
            )
        )
        kpis, index, digital = _scores(base, missing_last)
        scores.append(
            dict(
                assessment_id=number,
                kpis=kpis,
                index=index,
                digital_index=digital,
                level="basic",
                norms={},
                failed_norms_count=0,
                completeness=1.0,
            )
        )
    with engine.begin() as connection:
        connection.execute(Organization.__table__.insert(), organizations)
        connection.execute(Assessment.__table__.insert(), assessments)
        insert_scores(connection, scores)


def fill_values(engine: sa.Engine, year: int, level: str, values: list[float], first_id: int) -> None:
    """Organizations ``first_id``… of ``level``, each with one complete assessment of ``year`` whose every
    KPI, index and digital index is its value from ``values``."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(Organization.__table__.insert(), [
            dict(id=first_id + i, uid=f"g-{first_id + i}", name=f"Г {first_id + i}", level=level, parent_id=None,
                 region=None, sector=None, members=10, placeholder=False, created_at=now, updated_at=now)
            for i in range(len(values))
        ])  # fmt: skip
        connection.execute(Assessment.__table__.insert(), [
            dict(id=first_id + i, organization_id=first_id + i, year=year, profile_id=PROFILE.id,
                 profile_version=PROFILE.version, status="complete", answers={}, respondent=None,
                 created_at=now, updated_at=now)
            for i in range(len(values))
        ])  # fmt: skip
        insert_scores(connection, [
            dict(assessment_id=first_id + i, kpis={k: v for k in KPI_IDS}, index=v, digital_index=v, level="basic",
                 norms={}, failed_norms_count=0, completeness=1.0)
            for i, v in enumerate(values)
        ])  # fmt: skip
