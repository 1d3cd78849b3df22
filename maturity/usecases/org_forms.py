"""A blank form made for one registered organization: its code, name, level, parent and the facts the
base knows already written in, so that the filled form attaches by its code (``maturity template --org``,
«Пустая анкета для организации…» in the app)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from maturity.exchange.blank_form import write_blank_form
from maturity.method.profile import Profile
from maturity.storage.models import Organization


def organization_form_values(store: Any, org: Organization, profile: Profile) -> tuple[dict[str, Any], dict[str, str]]:
    """(the answers stating the organization's facts, the codes of the organization and its parent)."""
    parent = store.get_organization(org.parent_id) if org.parent_id is not None else None
    level = org.level if org.level in profile.organization_level_ids else None
    answers = profile.answers_for_organization(
        name=org.name,
        level=level,
        region=org.region,
        sector=org.sector,
        members=org.members,
        parent=parent.name if parent is not None else None,
    )
    meta = {"organization_id": org.uid}
    if parent is not None:
        meta["parent_organization_id"] = parent.uid
    return answers, meta


def write_organization_form(
    store: Any, org: Organization, profile: Profile, path: str | Path, year: int | None = None
) -> None:
    """The blank form of ``profile`` for ``org``: its facts written in, its code in the service sheet."""
    answers, meta = organization_form_values(store, org, profile)
    write_blank_form(profile, path, year=year, answers=answers, meta=meta)
