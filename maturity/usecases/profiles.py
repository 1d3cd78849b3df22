"""Profiles in a database: install a text, list and show what is known, re-score an assessment with
another version of its profile (an explicit, recorded action).

The app and ``maturity profiles`` / ``maturity rescore`` call these; the rules live in
:mod:`maturity.method.catalog` (what is known, what installing would do) and the store (the table
``profile_text``, the record of re-scorings).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from maturity.engine.record import build_record
from maturity.engine.validation import AnswersInvalid
from maturity.errors import BadInput, os_why
from maturity.method.catalog import InstallCheck, ProfileCatalog, ProfileText, shipped_catalog
from maturity.method.profile import ProfileError
from maturity.storage.database_errors import database_reason
from maturity.storage.models import Assessment, Organization
from maturity.storage.queries import catalog_of
from maturity.storage.store import OrganizationNotFound, RecordWrite, Store

MAX_PROFILE_FILE_BYTES = 4_000_000


def install_profile(store: Store, text: str, source: str = "текст методики") -> InstallCheck:
    """Validate a profile text against the database's profiles and install it (the same text again: nothing
    changes; another text under a known id and version: ProfileConflict)."""
    return store.install_profile_text(text, source)


def read_profile_file(path: str | Path) -> str:
    """The text of a profile file the user chose, or a ProfileError in Russian."""
    path = Path(path)
    name = str(path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise ProfileError(name, "", "файл методики — это текст YAML с окончанием .yaml")
    try:
        if path.stat().st_size > MAX_PROFILE_FILE_BYTES:
            raise ProfileError(name, "", f"файл методики больше {MAX_PROFILE_FILE_BYTES // 1_000_000} МБ")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(name, "", "файл методики не найден") from None
    except IsADirectoryError:
        raise ProfileError(name, "", "это папка, а не файл методики") from None
    except UnicodeDecodeError:
        raise ProfileError(name, "", "файл методики не в кодировке UTF-8") from None
    except OSError as exc:
        raise ProfileError(name, "", f"файл методики не открывается ({os_why(exc)})") from None


def install_profile_file(store: Store, path: str | Path) -> InstallCheck:
    """Install the profile file at ``path`` (see :func:`install_profile`)."""
    return install_profile(store, read_profile_file(path), str(path))


def database_catalog(url: str | None) -> ProfileCatalog:
    """The profiles of the database at ``url`` (None: the default) for a command that writes nothing
    (``score``, ``template``, ``profiles``): read without migrating; a database that does not exist yet,
    or has no installed profiles, gives the shipped ones."""
    from sqlalchemy.engine import make_url

    from maturity.storage.database import create_db_engine, refuse_a_damaged_file, resolve_database_url

    resolved = resolve_database_url(url)
    try:
        parsed = make_url(resolved)
    except sa.exc.ArgumentError:
        parsed = None
    if parsed is not None and parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:") or not Path(database).expanduser().is_file():
            return shipped_catalog()
    engine = create_db_engine(resolved)
    try:
        if engine.dialect.name == "sqlite":
            refuse_a_damaged_file(engine)
        if "profile_text" not in sa.inspect(engine).get_table_names():
            return shipped_catalog()
        return catalog_of(engine)
    except sa.exc.DBAPIError as exc:
        raise BadInput(f"база данных не открывается: {database_reason(exc)}") from exc
    finally:
        engine.dispose()


def installed_profiles(store: Store) -> list[ProfileText]:
    """The profiles the database knows, shipped and installed, by id and version."""
    return store.catalog().listed()


def profile_yaml(store: Store, profile_id: str, version: str | None = None) -> ProfileText:
    """The kept text of a profile (``version`` None: the one used when no version is named)."""
    return store.catalog().entry(profile_id, version)


def other_versions(store: Store, assessment: Assessment) -> list[ProfileText]:
    """The versions of the assessment's method in the database other than the text it was scored with
    (what it may be re-scored with), newest first."""
    found = [
        entry
        for entry in store.catalog().listed()
        if entry.id == assessment.profile_id
        and (entry.version, entry.sha256) != (assessment.profile_version, assessment.profile_sha256)
        and entry.version != assessment.profile_version
    ]
    return sorted(found, key=lambda e: e.version, reverse=True)


@dataclass(frozen=True)
class Rescored:
    """What an explicit re-scoring did: the versions and the index before and after."""

    organization: str
    year: int
    profile_id: str
    before_version: str
    after_version: str
    before_index: float | None
    after_index: float | None


def rescore_assessment(store: Store, org: Organization | int, year: int, version: str, by: str = "") -> Rescored:
    """Re-score the organization's assessment of ``year`` with ``version`` of its profile (installed in the
    database) and record it: from which version to which, when, by whom. Nothing else ever re-scores a
    stored assessment with another version."""
    with store.atomic():
        org_id = org.id if isinstance(org, Organization) else int(org)
        organization = store.get_organization(org_id) if org_id is not None else None
        if organization is None or org_id is None:
            raise OrganizationNotFound(f"организация №{org_id} не найдена")
        assessment = store.get_assessment(organization, year)
        if assessment is None or assessment.id is None:
            raise BadInput(f"у организации «{organization.name}» нет оценки за {year} год")
        catalog = store.catalog()
        profile = catalog.find(assessment.profile_id, version)
        if profile.version == assessment.profile_version and profile.sha256 == assessment.profile_sha256:
            raise BadInput(
                f"оценка «{organization.name}» за {year} год уже рассчитана по версии {version} методики "
                f"«{profile.id}»; пересчитывать нечего"
            )
        before = store.get_score(assessment)
        try:
            record = build_record(
                profile, year, dict(assessment.answers), status=None, respondent=assessment.respondent
            )
        except AnswersInvalid as exc:
            shown = "; ".join(str(issue) for issue in exc.issues[:3])
            raise BadInput(
                f"ответы оценки «{organization.name}» за {year} год не подходят к версии {version} методики "
                f"«{profile.id}»: {shown}"
            ) from exc
        (assessment_id,) = store.write_records(
            [RecordWrite(org_id, record, existing_id=assessment.id)], action="rescore"
        )
        store.record_rescore(assessment_id, assessment, profile, by)
    return Rescored(
        organization=organization.name,
        year=year,
        profile_id=profile.id,
        before_version=assessment.profile_version,
        after_version=profile.version,
        before_index=before.index if before is not None else None,
        after_index=record.result.index,
    )
