"""«У кого поучиться» over a database (both backends): hand-built groups of stored scores, the register's levels,
members, regions and consent; the organization's weakest KPI chosen by default."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from maturity.errors import BadInput
from maturity.method.profile import load_profile
from maturity.storage.database import open_database
from maturity.storage.models import Assessment, AssessmentKpi, AssessmentScore, Organization
from maturity.usecases.learn_from import who_to_learn_from

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


@pytest.fixture
def engine(db_url):
    engine = open_database(db_url)
    yield engine
    engine.dispose()


def test_the_weakest_kpi_and_its_peers_come_from_the_stored_scores_and_the_register(engine) -> None:
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
    with engine.connect() as connection:
        found = who_to_learn_from(connection, PROFILE, 1, YEAR)
        assert found.kpi_id == "k2" and found.own_value == 20.0
        assert [(p.organization_id, p.name, p.gain) for p in found.peers] == [
            (3, None, 40.0), (2, "ППО Завод", 5.0), (4, "ППО Больница", None)]  # fmt: skip
        assert all(p.same_region for p in found.peers)
        chosen = who_to_learn_from(connection, PROFILE, 1, YEAR, "k1")
        assert chosen.peers == () and chosen.similar == 3  # everyone similar is lower on k1
        with pytest.raises(BadInput, match="нет завершённой оценки за 2025"):
            who_to_learn_from(connection, PROFILE, 6, YEAR)
        with pytest.raises(BadInput, match="нет показателя"):
            who_to_learn_from(connection, PROFILE, 1, YEAR, "k99")
    with engine.begin() as connection:  # the territory records Школа's consent: now it is named
        connection.execute(
            sa.update(Organization.__table__).where(Organization.__table__.c.id == 3).values(name_consent=True)
        )
    with engine.connect() as connection:
        assert who_to_learn_from(connection, PROFILE, 1, YEAR).peers[0].name == "ППО Школа"
