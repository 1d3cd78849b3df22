"""Loading a register of organizations (``maturity orgs import``): who the territory expects, before any file.

Each row of the list is placed by the trust rules every imported file follows
(:mod:`maturity.usecases.org_matching`, docs/trust.md «Как файл находит свою организацию»): a row with a
code writes only to the organization with that code (a new one when the base does not know it); a row
without a code is matched by its exact name among organizations of a compatible level and region —
one: that one, none: a new one, several: refused with the candidates named. A parent is found by its
code, else by a name exactly one organization (of the base or of the list) has; none gives a
placeholder; several refuse the row. A row never renames or moves another organization, and no
organization becomes its own ancestor.

The list is loaded whole or not at all: the first pass places every row without writing, and any
refused row refuses the list with every reason (up to five) naming its row. Then one transaction
creates the new organizations, links the parents and brings the matched organizations' facts up to
date from their rows (a blank cell changes nothing; the consent to be named, «да» / «нет», likewise). Organizations in the list are real: a placeholder
a row names is a placeholder no more.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from maturity.errors import BadInput
from maturity.exchange.organization_register import RegisterEntry, read_register
from maturity.method.profile import Profile
from maturity.storage.database import table_of
from maturity.storage.models import Organization, utcnow
from maturity.usecases.org_matching import Org, Placement, Resolver, _listed, _same_region, add_codes

ORGANIZATION = table_of(Organization)
LOAD_BLOCK = 500  # rows whose organizations are looked up in one query
MAX_LISTED_PROBLEMS = 5
FACTS = ("level", "region", "sector", "members")


class _Row:
    """A register row as the resolver reads a document: its codes in ``meta``, its facts by name."""

    def __init__(self, entry: RegisterEntry, with_parent: bool = True):
        self.entry, self.with_parent = entry, with_parent
        self.org: Org | None = None  # where the row was placed
        parent_uid = entry.parent_organization_id if with_parent else None
        self.meta = {"organization_id": entry.organization_id, "parent_organization_id": parent_uid}

    def without_parent(self) -> _Row:
        return _Row(self.entry, with_parent=False)

    def fact(self, name: str) -> Any:
        if name == "parent" and not self.with_parent:
            return None
        return getattr(self.entry, name, None)


class _RegisterResolver(Resolver):
    """The importer's resolver, with reasons worded for a row of a list and lookups in blocks.

    ``join_by_name``: a row whose code the base does not know joins the one unclaimed organization of its
    name as a file does (the «Не сдали» of a consolidated report: codes of the territory's base); a
    register of the user's own makes a new organization of a new code."""

    def __init__(self, session: Any, join_by_name: bool = False):
        super().__init__(session)
        self.join_by_name = join_by_name

    def remember(self, org: Org) -> None:
        self.by_uid[org.uid] = org
        named = self.by_name.setdefault(org.name, [])
        if org not in named:  # loaded again by a later block
            named.append(org)

    def named(self, name: str | None, level: str | None, region: str | None) -> Org | None:
        if not name:
            return None
        candidates = [
            o for o in self.by_name.get(name, ())
            if (level is None or o.level is None or o.level == level) and _same_region(region, o.region)
        ]  # fmt: skip
        if len(candidates) > 1:
            raise BadInput(
                f"кода организации нет, а наименование «{name}» носят несколько организаций ({len(candidates)}): "
                f"{_listed(candidates)}. Впишите в строку код нужной организации или её субъект РФ и уровень"
            )
        return candidates[0] if candidates else None

    def unclaimed(self, *args: Any) -> Org | None:
        # a row's own code names its organization: a row with a new code is a new organization
        return super().unclaimed(*args) if self.join_by_name else None

    def parent_to_set(self, doc: Any, org: Org, own_uid: bool, parent_uid: str | None) -> tuple[Org | None, Org | None]:
        parent_name = doc.fact("parent")
        if parent_name and not parent_uid:
            candidates = list(self.by_name.get(parent_name, ()))
            if org.name == parent_name and org not in candidates:
                candidates.append(org)
            if len(candidates) > 1:
                raise BadInput(
                    f"вышестоящая организация «{parent_name}» по наименованию не определяется: это наименование "
                    f"носят несколько организаций ({len(candidates)}): {_listed(candidates)}. Впишите её код в "
                    "столбец «Код вышестоящей организации»"
                )
        return super().parent_to_set(doc, org, own_uid, parent_uid)


@dataclass(frozen=True)
class RegisterOutcome:
    rows: int
    created: int  # organizations of the list new to the base
    updated: int  # organizations of the list already in the base
    placeholders: int  # parents named by the list and known to nobody: created as placeholders
    issued: tuple[tuple[str, str], ...] = ()  # (code, name) of each organization of a row without a code

    def summary(self) -> str:
        text = f"Список организаций загружен: строк {self.rows}, новых организаций {self.created}, уже известных {self.updated}"
        if self.placeholders:
            text += f", заготовок вышестоящих {self.placeholders}"
        if self.issued:
            lines = [f"  {code}  {name}" for code, name in self.issued]
            text += (
                f"\nВыданы коды организациям без кода ({len(self.issued)}) — передайте каждой её код "
                "(список с кодами: maturity orgs -o список.xlsx; пустая анкета с кодом: maturity template --org КОД):\n"
                + "\n".join(lines)
            )
        return text


def import_register(store: Any, profile: Profile, path: str | Path) -> RegisterOutcome:
    """Read, place and write a register workbook; BadInput (nothing written) when any row is refused."""
    return register_entries(store, read_register(profile, path), str(path))


def register_entries(
    store: Any, entries: list[RegisterEntry], source: str, join_by_name: bool = False, update_known: bool = True
) -> RegisterOutcome:
    """Place and write checked register rows (``source`` names them in a refusal); BadInput (nothing
    written) when any row is refused. Inside a transaction already begun, it is part of that one.

    ``update_known`` False (a report's «Не сдали», someone else's list): an organization the base knows
    keeps its name and facts — the rows only add the organizations it does not know and link parents."""
    path = source
    rows = [_Row(e) for e in entries]
    resolver = _RegisterResolver(store.session, join_by_name)
    for start in range(0, len(rows), LOAD_BLOCK):
        resolver.load(rows[start : start + LOAD_BLOCK])
    problems: list[str] = []
    placed: dict[int, tuple[Org, RegisterEntry]] = {}  # id(org) → (org, the row that placed it)
    # first every row's own organization, then the parents: a parent's name is judged against the whole list
    for row in rows:
        entry = row.entry
        try:
            placement = resolver.place(row.without_parent())
        except BadInput as exc:
            problems.append(f"{entry.where()}: {exc}")
            continue
        earlier = placed.get(id(placement.org))
        if earlier is not None:
            problems.append(f"{entry.where()}: это та же организация, что и в строке {earlier[1].row} "
                            f"({placement.org.described()}); строки-двойники не загружаются")  # fmt: skip
            continue
        org = resolver.accept(placement)
        placed[id(org)] = (org, entry)
        row.org = org
        if org.id is None and org.placeholder:  # a placeholder made by a file earlier: this row is its own
            org.placeholder, org.level, org.region = False, entry.level or org.level, entry.region
            org.fields = {k: getattr(entry, k) for k in ("region", "sector", "members")}
    for row in rows:
        entry = row.entry
        if problems or row.org is None or not (entry.parent or entry.parent_organization_id):
            continue
        try:
            parent, placeholder = resolver.parent_to_set(
                row, row.org, bool(entry.organization_id), entry.parent_organization_id
            )
            if parent is not None:
                resolver.check_no_loop(row.org, parent, entry.name)
        except BadInput as exc:
            problems.append(f"{entry.where()}: {exc}")
            continue
        resolver.accept(Placement(row.org, parent, [placeholder] if placeholder is not None else []))
    if problems:
        listed = "; ".join(problems[:MAX_LISTED_PROBLEMS])
        more = f" (и ещё ошибок: {len(problems) - MAX_LISTED_PROBLEMS})" if len(problems) > MAX_LISTED_PROBLEMS else ""
        raise BadInput(f"{path}: список организаций не загружен, в базе ничего не изменено: {listed}{more}")
    created = sum(1 for org, _ in placed.values() if org.id is None)
    placeholders = sum(1 for org in resolver.organizations() if org.id is None and org.placeholder)
    issued = tuple(
        (org.uid, entry.name) for org, entry in placed.values() if entry.organization_id is None and org.id is None
    )  # the codes the base gives the rows' new organizations (a uid is made with the organization)
    with store.atomic():
        _write(store.session, resolver, list(placed.values()), update_known)
    return RegisterOutcome(len(rows), created, len(rows) - created, placeholders, issued)


def _write(
    session: Any, resolver: Resolver, placed: list[tuple[Org, RegisterEntry]], update_known: bool = True
) -> None:
    now = utcnow()
    known = resolver.organizations()
    new = [o for o in known if o.id is None]
    if new:
        rows = [
            {"uid": o.uid, "name": o.name, "level": o.level, "placeholder": o.placeholder, "parent_id": None,
             "region": o.fields.get("region"), "sector": o.fields.get("sector"),
             "members": o.fields.get("members"), "created_at": now, "updated_at": now}
            for o in new
        ]  # fmt: skip
        statement = ORGANIZATION.insert().returning(ORGANIZATION.c.uid, ORGANIZATION.c.id)
        ids = dict(session.execute(statement, rows).all())
        for o in new:
            o.id = ids[o.uid]
    links = [{"oid": o.id, "pid": o.parent.id} for o in known if o.parent is not None and o.parent.id != o.parent_id]
    c = ORGANIZATION.c
    if links:
        session.execute(
            ORGANIZATION.update().where(c.id == sa.bindparam("oid")).values(parent_id=sa.bindparam("pid")), links
        )
    updates: list[dict[str, Any]] = []
    for org, entry in placed:
        if org.created_from is not None and org.created_from.entry is entry:
            continue  # made from this very row a moment ago
        if not update_known:  # its name and facts stay; a placeholder the row names is expected from now on
            updates.append({"oid": org.id, "new_name": None, **{f"new_{k}": None for k in FACTS}})
            continue
        updates.append({"oid": org.id, "new_name": entry.name if entry.organization_id else None,
                        **{f"new_{k}": getattr(entry, k) for k in FACTS}})  # fmt: skip
    add_codes(session, known, now)
    consents = [
        {"oid": org.id, "new_consent": entry.name_consent}
        for org, entry in placed
        if entry.name_consent is not None
        and (update_known or (org.created_from is not None and org.created_from.entry is entry))
    ]  # a row's «да» / «нет»: the organization's own list says it; someone else's only of one it makes
    if consents:
        session.execute(
            ORGANIZATION.update().where(c.id == sa.bindparam("oid")).values(name_consent=sa.bindparam("new_consent")),
            consents,
        )
    if updates:
        values = {k: sa.func.coalesce(sa.bindparam(f"new_{k}", type_=c[k].type), c[k]) for k in ("name", *FACTS)}
        update = (
            ORGANIZATION.update().where(c.id == sa.bindparam("oid")).values(**values, placeholder=False, updated_at=now)
        )
        session.execute(update, updates)
    session.expire_all()


def export_register(store: Any, profile: Profile, path: str | Path, parent_id: int | None = None) -> int:
    """Write the register of the base (under ``parent_id``) with every organization's code, loadable again
    by :func:`import_register` (``maturity orgs -o``); placeholders are left out — a list names real
    organizations (a row naming a placeholder as its parent names it by its code). The number of rows."""
    from maturity.exchange.organization_register import write_register_template
    from maturity.storage.submissions import register_rows

    rows = [r for r in register_rows(store.session, parent_id) if not r.placeholder]
    write_register_template(profile, path, [r.__dict__ for r in rows])
    return len(rows)
