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


def test_the_passport_a_territory_prints_carries_the_peers_of_the_two_weakest_kpis(engine, db_url) -> None:
    from maturity.storage.store import open_store
    from maturity.usecases.passport import passport_from_store

    hand_built_group(engine)
    with open_store(db_url) as store:
        passport = passport_from_store(store, 1, YEAR)
        alone = passport_from_store(store, 5, YEAR)  # Большая: alone in its band
    k2, k3 = passport.learn_from
    assert k2[0].startswith("K2. Финансирование — у вас 20,0.") and "ППО, 100–299 членов" in k2[0]
    assert [line.strip() for line in k2[1:]] == [
        "ППО вашего размера в вашем регионе (показатель выше вашего; связаться поможет территориальная организация)",
        "ППО Завод: 60,0 (+5,0 за год)",
        "ППО Больница: 90,0 (годом раньше не оценивалась)",
    ]  # the unnamed one's score does not leave the territory
    assert "45,0" not in " ".join(k2) and "40,0" not in " ".join(k2)
    assert k3 == ("K3. Системность информационного взаимодействия — у вас 50,0. Похожих организаций (ППО, "
                  "100–299 членов) с оценкой за этот год нет.",)  # fmt: skip
    assert alone.learn_from == ()  # nobody to learn from: the section is left out


def test_learn_from_on_the_command_line_prints_the_windows_lines_and_refuses_in_russian(engine, db_url, capsys) -> None:
    from maturity.cli.parser import main

    hand_built_group(engine)
    assert main(["learn-from", "--org", "ППО Наша", "--year", str(YEAR), "--db", db_url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "У кого поучиться: «ППО Наша», 2025 год"
    assert out[2:] == [
        "  ППО вашего размера в вашем регионе: 45,0 (+40,0 за год)",
        "  ППО Завод: 60,0 (+5,0 за год)",
        "  ППО Больница: 90,0 (годом раньше не оценивалась)",
    ]
    assert main(["learn-from", "--org", "ППО Наша", "--year", str(YEAR), "--kpi", "K9000", "--db", db_url]) == 2
    assert "нет показателя «k9000»" in capsys.readouterr().err
    assert main(["learn-from", "--org", "ППО Черновик", "--year", str(YEAR), "--db", db_url]) == 2
    assert "нет завершённой оценки" in capsys.readouterr().err
