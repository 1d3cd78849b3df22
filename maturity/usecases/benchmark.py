"""Making a benchmark for chairs: the spreads of a year's complete assessments, by organization level,
anonymised (no names, no identifiers) and under disclosure control (maturity.engine.disclosure: no set of
benchmark files of one database gives an organization's figure away)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maturity.engine.benchmark import Benchmark
from maturity.errors import BadInput
from maturity.method.profile import Profile
from maturity.storage.benchmark import benchmark_spreads
from maturity.storage.queries import Db

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def make_benchmark(db: Db, profile: Profile, year: int, parent_id: int | None = None) -> Benchmark:
    """The benchmark of ``year`` over the complete assessments made with ``profile`` (its id and version),
    of the organizations under ``parent_id`` at any depth when given, the whole database otherwise."""
    return benchmark_spreads(
        db,
        year,
        profile.id,
        profile.version,
        [k.id for k in profile.kpis],
        profile.organization_level_ids,
        parent_id,
    )


def year_method(store, year: int, default: Profile) -> Profile:
    """The method a benchmark of ``year`` is made with when none is named: the version of ``default``'s method
    that most of the year's complete assessments were scored with (the newer on a tie) — a year assessed under
    2025.1 is compared under 2025.1, though new assessments start on a newer version; ``default`` when the
    year has none."""
    import sqlalchemy as sa

    from maturity.storage.database import table_of
    from maturity.storage.models import Assessment

    asm = table_of(Assessment)
    statement = (
        sa.select(asm.c.profile_version, sa.func.count().label("n"))
        .where(asm.c.year == year, asm.c.status == "complete", asm.c.profile_id == default.id)
        .group_by(asm.c.profile_version)
    )
    counts = store.session.execute(statement).all()
    if not counts:
        return default
    from maturity.method.profile import version_key

    version = max(counts, key=lambda row: (row.n, version_key(row.profile_version))).profile_version
    return default if version == default.version else store.catalog().find(default.id, version)


class NoPublishedBenchmark(BadInput):
    """A territory's login asked for a benchmark the federation has not published."""


def benchmark_for(db: Db, profile: Profile, year: int, parent_id: int | None = None) -> tuple[Benchmark, bool]:
    """The benchmark this connection may give: computed over the database's rows (as :func:`make_benchmark`),
    or — under a territory's login of a shared database, which sees only its own organizations — the one the
    federation published (:func:`publish_benchmark`). Returns it and whether it is the published one.

    Under such a login a ``parent_id`` is refused (the published benchmark is the federation's whole), and so is
    a year or method version the federation has not published, naming the command to ask for."""
    from maturity.storage.published_benchmark import restricted_login

    if not restricted_login(db):
        return make_benchmark(db, profile, year, parent_id), False
    if parent_id is not None:
        raise BadInput(
            "под именем входа территории файл сравнения по части организаций не составляется: видны не все "
            "организации федерации, и сравнение берётся из опубликованного федерацией файла — уберите --parent"
        )
    benchmark = published_benchmark(db, profile, year)
    if benchmark is None:
        raise NoPublishedBenchmark(
            f"федерация ещё не опубликовала сравнение за {year} год по методике «{profile.id}» версии "
            f"{profile.version}, а под именем входа территории сравнение строится только по опубликованному "
            "(видны не все организации). Попросите администратора общей базы выполнить "
            f"«maturity benchmark --year {year} --publish»"
        )
    return benchmark, True


def published_benchmark(db: Db, profile: Profile, year: int) -> Benchmark | None:
    """The benchmark the federation published in this shared database for ``year`` and ``profile``'s version,
    read as a received file is (checked against the method); None on a database of one computer or when none is
    published. The wizard's «Сравнить с другими…» takes it instead of asking for a file."""
    from maturity.storage.published_benchmark import published_document

    document = published_document(db, year, profile.id, profile.version)
    if document is None:
        return None
    from maturity.exchange.benchmark_json import parse_benchmark
    from maturity.method.catalog import ProfileCatalog, profile_text_of

    source = f"опубликованный федерацией файл сравнения за {year} год"
    return parse_benchmark(document, source, ProfileCatalog([profile_text_of(profile)]))


def publish_benchmark(engine: Engine, profile: Profile, year: int) -> Benchmark:
    """Compute the benchmark of ``year`` over every organization (the federation's role sees them all) and store
    it in the shared database for every login to read; the one published before for that year and method is
    replaced."""
    from sqlmodel import Session

    from maturity.exchange.benchmark_json import benchmark_to_json
    from maturity.storage.database import writing
    from maturity.storage.published_benchmark import publish_document, refuse_unless_federation

    with engine.connect() as connection:
        refuse_unless_federation(connection)  # before the work: a territory's spreads would be of its rows only
        with Session(bind=connection) as session:
            benchmark = make_benchmark(session, profile, year)
        connection.rollback()
        with writing(connection):
            publish_document(connection, benchmark_to_json(benchmark))
    return benchmark
