"""Hand-built groups for «У кого поучиться»: organizations and stored KPI scores written straight into a database."""

from __future__ import annotations

from datetime import UTC, datetime

from maturity.method.profile import load_profile
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization

PROFILE = load_profile()
YEAR = 2025
NOW = datetime(2025, 12, 1, tzinfo=UTC)


def build(engine, orgs: list[dict], scores: dict[tuple[int, int], dict[str, float]], drafts=()) -> None:
    """Organizations, and for (organization id, year) a complete assessment with these KPI scores."""
    with engine.begin() as connection:
        connection.execute(Organization.__table__.insert(), [
            {"uid": f"u{o['id']}", "placeholder": False, "sector": None, "parent_id": None, "created_at": NOW,
             "updated_at": NOW, "name_consent": False, "region": "Тверская область", **o} for o in orgs
        ])  # fmt: skip
        for number, ((org_id, year), kpis) in enumerate(sorted(scores.items()), start=1):
            connection.execute(Assessment.__table__.insert(), [{
                "id": number, "organization_id": org_id, "year": year, "profile_id": PROFILE.id,
                "profile_version": PROFILE.version, "status": "draft" if (org_id, year) in drafts else "complete",
                "answers": {}, "created_at": NOW, "updated_at": NOW,
            }])  # fmt: skip
            connection.execute(AssessmentScore.__table__.insert(), [{
                "assessment_id": number, "index": 50.0, "level": "developing", "norms": {}, "completeness": 1.0}])  # fmt: skip
            connection.execute(AssessmentKpi.__table__.insert(), [
                {"assessment_id": number, "kpi_id": k, "value": v} for k, v in kpis.items()])  # fmt: skip


def primary(org_id: int, name: str, members: int = 150, **more) -> dict:
    return {"id": org_id, "name": name, "level": "primary", "members": members, **more}


def hand_built_group(engine) -> None:
    """«ППО Наша» (id 1, k2 20 the weakest) and its group: Школа +40 not named, Завод +5 named, Больница without last
    year named; a bigger one, a draft and a territorial one that do not count."""
    build(
        engine,
        [primary(1, "ППО Наша"), primary(2, "ППО Завод", name_consent=True), primary(3, "ППО Школа"),
         primary(4, "ППО Больница", name_consent=True), primary(5, "ППО Большая", members=800, name_consent=True),
         primary(6, "ППО Черновик", name_consent=True),
         {"id": 7, "name": "Территориальная", "level": "territorial", "members": 150, "name_consent": True}],
        {
            (1, YEAR): {"k1": 70.0, "k2": 20.0, "k3": 50.0},  # k2 is the weakest
            (2, YEAR): {"k1": 10.0, "k2": 60.0}, (2, YEAR - 1): {"k2": 55.0},  # +5
            (3, YEAR): {"k1": 10.0, "k2": 45.0}, (3, YEAR - 1): {"k2": 5.0},  # +40, not named
            (4, YEAR): {"k1": 10.0, "k2": 90.0},  # no last year
            (5, YEAR): {"k2": 99.0}, (5, YEAR - 1): {"k2": 0.0},  # another band
            (6, YEAR): {"k2": 99.0}, (6, YEAR - 1): {"k2": 0.0},  # a draft: not compared
            (7, YEAR): {"k2": 99.0}, (7, YEAR - 1): {"k2": 0.0},  # another level
        },
        drafts={(6, YEAR)},
    )  # fmt: skip
