"""«У кого поучиться» over a database (both backends): hand-built groups of stored scores, the register's levels,
members, regions and consent; the organization's weakest KPI chosen by default."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from learn_from_data import PROFILE, YEAR, hand_built_group

from maturity.errors import BadInput
from maturity.storage.database import open_database
from maturity.storage.models import Organization
from maturity.usecases.learn_from import who_to_learn_from


@pytest.fixture
def engine(db_url):
    engine = open_database(db_url)
    yield engine
    engine.dispose()


def test_the_weakest_kpi_and_its_peers_come_from_the_stored_scores_and_the_register(engine) -> None:
    hand_built_group(engine)
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
