"""Which organization an imported file writes to, and which parent it may give it.

The rules (docs/trust.md, «Как файл находит свою организацию»):

- A file with its own uid (``meta.organization_id``) attaches to the organization with that code (its
  ``uid`` or one of its extra codes, ``organization_code``). A placeholder — made earlier from a
  child's ``parent_organization_id`` — carries that uid and is taken over by it.
- A file whose code the database does not know attaches to the one *unclaimed* organization of its
  name: registered (from the list, or by hand) and without an assessment yet, or a placeholder —
  of a compatible level and region and, where the file names its parent, under that parent. The
  file's code becomes another code of that organization, so its next files attach by code. None or
  several such organizations: a new one with the file's code.
- A file without a uid (a filled blank form, a hand-typed report row) is matched by exact name
  among organizations of a compatible level and region (a placeholder counts like any other). One
  match: that organization; none: a new one; several: the file is refused, the candidates named.
- A file changes only its own organization. Its parent reference links its organization to an
  existing organization or to a new placeholder, and never renames or moves anyone else. It moves
  its own organization only when that has no parent yet or a placeholder parent, or when the file
  names both itself and the parent by uid; a parent named by name alone never moves an organization
  that already has a real parent. A parent named by name is found only when exactly one
  organization has that name; none gives a placeholder, several refuse the file. A parent named by
  a code the database does not know is the one organization of the name the file gives it (that
  code kept as another of its codes); none or several: a placeholder with that code.
- No organization becomes its own ancestor: the file whose parent would close a loop is refused.

:class:`Resolver` does this for a batch of files with a few queries and no writes; the importer
writes what it decided.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from maturity.errors import BadInput
from maturity.storage.database import table_of
from maturity.storage.models import Assessment, Organization, OrganizationCode, new_uid

ORGANIZATION = table_of(Organization)
CODE = table_of(OrganizationCode)
ASSESSMENT = table_of(Assessment)
JOINED_REGISTERED = "присоединён к организации из списка по наименованию"
JOINED_PLACEHOLDER = "присоединён к заготовке по наименованию"
MAX_LISTED_CANDIDATES = 5
MAX_DEPTH = 1000  # a walk up the tree stops here even in a database that already holds a loop
UID_LENGTH = 64


def meta_uid(meta: dict[str, Any], key: str) -> str | None:
    """``meta[key]`` as a uid (None when absent); anything but a short string is refused."""
    value = meta.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value.strip()) > UID_LENGTH:
        raise BadInput(f"meta.{key} должно быть строкой не длиннее {UID_LENGTH} знаков")
    return value.strip() or None


def text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _same_region(a: str | None, b: str | None) -> bool:
    """Unknown matches anything; otherwise equal up to case and spacing."""
    return a is None or b is None or " ".join(a.casefold().split()) == " ".join(b.casefold().split())


@dataclass(eq=False)
class Org:
    """An organization as the batch sees it: one already stored (id) or one to create (id None)."""

    uid: str
    name: str
    level: str | None
    placeholder: bool
    id: int | None = None
    parent_id: int | None = None  # as stored
    region: str | None = None
    parent: Org | None = None  # the parent to set (for a new one, or a changed one)
    fields: dict[str, Any] = field(default_factory=dict)  # for a new organization
    created_from: Any = None  # the document a new organization was created from
    claimed: bool = True  # a file (or the wizard) has written an assessment to it: no file joins it by name
    new_codes: list[tuple[str, str]] = field(default_factory=list)  # (code, reason) to add as its extra codes

    @property
    def stored_id(self) -> int:
        """The id of an organization in the database (every one, once the batch has inserted the new ones)."""
        if self.id is None:
            raise AssertionError(f"organization {self.uid} is not inserted yet")
        return self.id

    def described(self) -> str:
        """«Name» (region, код uid) — how a candidate is named in a refusal."""
        where = self.region or "субъект РФ не указан"
        return f"«{self.name}» ({where}, код {self.uid})"


@dataclass
class Placement:
    """Where one document goes: ``org``, the parent to link it to (None: leave it), what is new; the
    codes to add to existing organizations ((organization, code, reason)) and how the file was joined."""

    org: Org
    parent: Org | None
    made: list[Org]
    codes: list[tuple[Org, str, str]] = field(default_factory=list)
    joined: str | None = None  # the verdict's note when the file joined an organization by its name


def _listed(candidates: list[Org]) -> str:
    shown = "; ".join(o.described() for o in candidates[:MAX_LISTED_CANDIDATES])
    more = f"; и ещё {len(candidates) - MAX_LISTED_CANDIDATES}" if len(candidates) > MAX_LISTED_CANDIDATES else ""
    return f"{shown}{more}"


class Resolver:
    """Finds the organization of each document of a batch; nothing is written here."""

    def __init__(self, session: Session):
        self.session = session
        self.by_uid: dict[str, Org] = {}
        self.by_name: dict[str, list[Org]] = {}
        self.by_id: dict[int, Org] = {}

    # ------------------------------------------------------------ reading

    _COLUMNS = ("id", "uid", "name", "level", "placeholder", "parent_id", "region")

    def _org(self, row: Any) -> Org:
        known = self.by_id.get(row.id)
        if known is not None:
            return known
        org = Org(row.uid, row.name, row.level, row.placeholder, row.id, row.parent_id, row.region)
        self.by_id[row.id] = org
        return org

    def load(self, documents: list[Any]) -> None:
        """Every stored organization a document can mean: those it names by uid (its own or its parent's),
        every organization of a name it gives without its own uid and of its parent's name, and — for the name
        beside its own uid when the database does not know that uid — only the organizations such a file may
        join by name (a placeholder, or one without an assessment yet: :meth:`unclaimed`). So a report of
        100 000 organizations of one name never re-reads, batch after batch, the namesakes already assessed."""
        uids: set[str] = set()
        names: set[str] = set()
        own: list[tuple[str | None, str | None]] = []  # each document's own uid and name
        for doc in documents:
            for key in ("organization_id", "parent_organization_id"):
                value = doc.meta.get(key)
                if isinstance(value, str) and value.strip():
                    uids.add(value.strip())
            uid = doc.meta.get("organization_id")
            own.append((uid.strip() if isinstance(uid, str) and uid.strip() else None, text(doc.fact("name"))))
            if parent := text(doc.fact("parent")):
                names.add(parent)
        c = ORGANIZATION.c
        columns = [c[k] for k in self._COLUMNS]
        rows: dict[int, sa.Row[Any]] = {}
        rows.update((row.id, row) for row in self.session.execute(sa.select(*columns).where(c.uid.in_(uids))))
        owners = set(self.session.execute(sa.select(CODE.c.organization_id).where(CODE.c.code.in_(uids))).scalars())
        if owners - set(rows):  # organizations a document names by one of their extra codes
            query = sa.select(*columns).where(c.id.in_(owners - set(rows)))
            rows.update((row.id, row) for row in self.session.execute(query))
        known = {row.uid for row in rows.values()} | set(
            self.session.execute(sa.select(CODE.c.code).where(CODE.c.code.in_(uids))).scalars()
        )
        names |= {name for uid, name in own if name and uid is None}  # matched by name: every namesake
        open_names = {name for uid, name in own if name and uid is not None and uid not in known} - names
        assessed = sa.exists().where(ASSESSMENT.c.organization_id == c.id)
        for condition in (c.name.in_(names), sa.and_(c.name.in_(open_names), sa.or_(c.placeholder, ~assessed))):
            rows.update((row.id, row) for row in self.session.execute(sa.select(*columns).where(condition)))
        for _id, row in sorted(rows.items()):
            self.remember(self._org(row))
        self.load_codes(list(rows))

    def load_codes(self, org_ids: list[int]) -> None:
        """The extra codes of the organizations loaded, and which of them have an assessment (claimed)."""
        if not org_ids:
            return
        query = sa.select(CODE.c.code, CODE.c.organization_id).where(CODE.c.organization_id.in_(org_ids))
        for code, org_id in self.session.execute(query):
            self.by_uid.setdefault(code, self.by_id[org_id])
        assessed = set(
            self.session.execute(
                sa.select(ASSESSMENT.c.organization_id).where(ASSESSMENT.c.organization_id.in_(org_ids)).distinct()
            ).scalars()
        )
        for org_id in org_ids:
            self.by_id[org_id].claimed = org_id in assessed

    def stored(self, org_id: int) -> Org | None:
        """A stored organization by id (read once), for walking up the tree."""
        if org_id in self.by_id:
            return self.by_id[org_id]
        c = ORGANIZATION.c
        row = self.session.execute(sa.select(*[c[k] for k in self._COLUMNS]).where(c.id == org_id)).first()
        return None if row is None else self._org(row)

    def organizations(self) -> list[Org]:
        """Every organization the batch knows, once each (``by_uid`` names one under each of its codes)."""
        return list({id(o): o for o in self.by_uid.values()}.values())

    def remember(self, org: Org) -> None:
        self.by_uid[org.uid] = org
        self.by_name.setdefault(org.name, []).append(org)

    def current_parent(self, org: Org) -> Org | None:
        """The parent this batch has set, else the stored one."""
        if org.parent is not None:
            return org.parent
        return None if org.parent_id is None else self.stored(org.parent_id)

    # ------------------------------------------------------------ a document

    def place(self, doc: Any) -> Placement:
        """Where the document would go: its organization and the parent link to set; BadInput to refuse it.

        Nothing changes until :meth:`accept`, so a refused file leaves no trace in the batch.
        """
        uid = meta_uid(doc.meta, "organization_id")
        parent_uid = meta_uid(doc.meta, "parent_organization_id")
        name, level = text(doc.fact("name")), doc.fact("level")
        region = text(doc.fact("region"))
        org = self.by_uid.get(uid) if uid else self.named(name, level, region)
        made: list[Org] = []
        codes: list[tuple[Org, str, str]] = []
        joined = None
        if org is None and uid:  # a code the database does not know: the one unclaimed organization of its name
            org = self.unclaimed(doc, name, level, region, parent_uid)
            if org is not None:
                codes.append((org, uid, "файл"))
                joined = JOINED_PLACEHOLDER if org.placeholder else JOINED_REGISTERED
                joined += f" «{org.name}» (код {org.uid}); код файла {uid} сохранён как ещё один код организации"
        if org is None:
            if not name:
                raise BadInput("в файле нет наименования организации (profile.name), а её код не знаком базе")
            org = Org(uid or new_uid(), name, level, False, region=region, created_from=doc)
            org.fields = {k: doc.fact(k) for k in ("region", "sector", "members")}
            made.append(org)
        # a code that only joined by name is no code of the organization yet: it never moves it from a real parent
        parent, placeholder = self.parent_to_set(doc, org, bool(uid) and joined is None, parent_uid)
        if parent is not None:
            self.check_no_loop(org, parent, name or org.name)
        if placeholder is not None:
            made.append(placeholder)
        if parent_uid and parent_uid not in self.by_uid and placeholder is None:
            named = self.parent_named_for_code(doc, org)
            if named is not None and (parent is named or (parent is None and self.current_parent(org) is named)):
                codes.append((named, parent_uid, "вышестоящая"))
        return Placement(org, parent, made, codes, joined)

    def accept(self, placement: Placement) -> Org:
        """Make a placement part of the batch: its new organizations known, its codes and parent link planned."""
        for org in placement.made:
            self.remember(org)
        for org, code, reason in placement.codes:
            if code not in self.by_uid:
                self.by_uid[code] = org
                org.new_codes.append((code, reason))
        if placement.parent is not None:
            placement.org.parent = placement.parent
        return placement.org

    def unclaimed(
        self, doc: Any, name: str | None, level: str | None, region: str | None, parent_uid: str | None
    ) -> Org | None:
        """The one organization a file with an unknown code joins by name: registered and without an
        assessment yet, or a placeholder; of a compatible level and region, under the parent the file
        names (when it names one and the organization has one). None when none or several."""
        if not name:
            return None
        parent_name = text(doc.fact("parent"))
        known_parent = self.by_uid.get(parent_uid) if parent_uid else None
        candidates = []
        for o in self.by_name.get(name, ()):
            if o.claimed and not o.placeholder:
                continue
            if not ((level is None or o.level is None or o.level == level) and _same_region(region, o.region)):
                continue
            current = self.current_parent(o)
            if current is not None and (parent_uid or parent_name):
                if known_parent is not None:
                    if current is not known_parent:
                        continue
                elif parent_name and current.name != parent_name:
                    continue
            candidates.append(o)
            if len(candidates) > 1:  # several: none is joined
                return None
        return candidates[0] if candidates else None

    def parent_named_for_code(self, doc: Any, org: Org) -> Org | None:
        """The one organization (not ``org`` itself) of the parent's name a file gives beside a parent
        code the database does not know; None when the file gives no name, or none or several have it."""
        parent_name = text(doc.fact("parent"))
        if not parent_name:
            return None
        candidates = [o for o in self.by_name.get(parent_name, ()) if o is not org]
        return candidates[0] if len(candidates) == 1 else None

    def named(self, name: str | None, level: str | None, region: str | None) -> Org | None:
        """The one organization a file without a uid can mean; None for a new one; BadInput when several."""
        if not name:
            return None
        candidates = [
            o
            for o in self.by_name.get(name, ())
            if (level is None or o.level is None or o.level == level) and _same_region(region, o.region)
        ]
        if len(candidates) > 1:
            raise BadInput(
                f"в файле нет кода организации, а наименование «{name}» носят несколько организаций "
                f"({len(candidates)}): {_listed(candidates)}. По наименованию файл не к чему отнести: укажите "
                "в нём субъект РФ (profile.region) или загрузите файл, выгруженный программой этой "
                "организации (в нём есть её код)"
            )
        return candidates[0] if candidates else None

    def parent_to_set(self, doc: Any, org: Org, own_uid: bool, parent_uid: str | None) -> tuple[Org | None, Org | None]:
        """(the parent to link ``org`` to, a new placeholder to create for it) — (None, None) to leave it."""
        parent_name = text(doc.fact("parent"))
        if not (parent_uid or parent_name):
            return None, None
        current = self.current_parent(org)
        if current is None and org.parent is None and org.parent_id is not None:
            # Its stored parent is out of this login's sight (the organization a territory was granted, on a
            # shared database): the file never moves it.
            return None, None
        known = (org if parent_uid == org.uid else self.by_uid.get(parent_uid)) if parent_uid else None
        if current is not None and (known is current or (known is None and current.name == parent_name)):
            return None, None  # the file re-states the parent it has (by its code, or by its name)
        # a code the database does not know, beside the name of exactly one organization: that organization
        named = self.parent_named_for_code(doc, org) if parent_uid and known is None else None
        is_new = org.id is None and org.parent is None
        by_codes = own_uid and parent_uid and named is None  # both named by code: a reorganization
        if not (is_new or current is None or current.placeholder or by_codes):
            return None, None  # a name alone never moves an organization from a real parent
        if parent_uid:
            if known is not None:
                return known, None
            if named is not None:  # a chair's local code for her parent: the one organization of its name
                return named, None
            placeholder = Org(parent_uid, parent_name or f"Вышестоящая организация {parent_uid}", None, True)
            return placeholder, placeholder
        if not parent_name:  # not reached: without a code, the file names the parent (checked above)
            return None, None
        candidates = list(self.by_name.get(parent_name, ()))
        if org.name == parent_name and org not in candidates:
            candidates.append(org)
        if len(candidates) > 1:
            raise BadInput(
                f"вышестоящая организация «{parent_name}» (profile.parent) по наименованию не определяется: "
                f"это наименование носят несколько организаций ({len(candidates)}): {_listed(candidates)}. "
                "Укажите код вышестоящей организации (parent_organization_id)"
            )
        if candidates:
            return candidates[0], None
        placeholder = Org(new_uid(), parent_name, None, True)
        return placeholder, placeholder

    def check_no_loop(self, org: Org, parent: Org, shown: str) -> None:
        """Refuse a parent that is ``org`` itself or lies under it (in the store or in this batch);
        ``shown`` is the organization's name as the file gives it (a placeholder's is only a guess)."""
        if parent is org:
            raise BadInput(f"организация «{shown}» указана вышестоящей для самой себя")
        node: Org | None
        chain, seen, node = [parent], {id(parent)}, parent
        while len(chain) <= MAX_DEPTH:
            node = self.current_parent(node)
            if node is None or id(node) in seen:
                return  # the root, or a loop stored earlier that does not pass through org
            chain.append(node)
            seen.add(id(node))
            if node is org:
                path = " → ".join(f"«{shown if o is org else o.name}»" for o in chain)
                raise BadInput(
                    f"вышестоящей для «{shown}» указана «{parent.name}», но та сама подчинена «{shown}» "
                    f"(цепочка: {path}); замкнутый круг подчинения не допускается"
                )


def add_codes(session: Session, organizations: Iterable[Org], now: Any) -> None:
    """Write the extra codes the batch gave its organizations (every one inserted by now); each once."""
    rows, seen = [], set()
    for org in organizations:
        for code, reason in org.new_codes:
            if code != org.uid and code not in seen:
                seen.add(code)
                rows.append({"code": code, "organization_id": org.stored_id, "reason": reason, "added_at": now})
        org.new_codes.clear()
    if rows:
        session.execute(CODE.insert(), rows)
