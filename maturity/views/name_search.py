"""Finding an organization by what a person types: every word they type, anywhere in the name, in natural order.

:class:`NameIndex` is built once from (id, name) pairs (off the UI thread: sorting 100 000 names takes a
few tenths of a second) and then answers each typed text in milliseconds: it walks the names in natural
order (:func:`~maturity.views.natural_order.natural_key`) and stops at the limit, so a common word costs
no more than a rare one. The sort goes in runs merged after, so that the worker never holds the
interpreter for long (the window's thread waits for it meanwhile). Case and «ё»/«е» do not matter; the words may come in any order («12 №»).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from maturity.views.natural_order import natural_key

RUN = 5000  # names sorted in one call: each call holds the interpreter; between two, the UI thread runs


def folded(text: str) -> str:
    """The form names are compared in: case folded, «ё» read as «е»."""
    return text.casefold().replace("ё", "е")


@dataclass(frozen=True)
class NamedOrganization:
    id: int
    name: str


class NameIndex:
    """Organizations' names in natural order, searched by typed words.

    Kept as three flat lists (ids, names, folded names) rather than an object per organization: strings and
    integers are not watched by the garbage collector, so 100 000 names add nothing to its passes (a pass
    over 100 000 small objects holds the interpreter, and the window's thread, for a tenth of a second).
    """

    def __init__(self, organizations: Iterable[tuple[int, str]]):
        keyed = [(natural_key(name), org_id, name) for org_id, name in organizations]
        merged = heapq.merge(*(sorted(keyed[i : i + RUN]) for i in range(0, len(keyed), RUN)))
        self._ids: list[int] = []
        self._names: list[str] = []
        for _key, org_id, name in merged:
            self._ids.append(org_id)
            self._names.append(name)
        del keyed, merged
        self._folded = [folded(name) for name in self._names]
        self._position = {org_id: i for i, org_id in enumerate(self._ids)}

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def organizations(self) -> list[NamedOrganization]:
        """Every organization in natural order (made on demand: for tests and small lists)."""
        return [NamedOrganization(i, n) for i, n in zip(self._ids, self._names, strict=True)]

    def name_of(self, org_id: int | None) -> str | None:
        position = self._position.get(org_id) if org_id is not None else None
        return self._names[position] if position is not None else None

    def matching(self, text: str, limit: int = 50, *, excluding: int | None = None) -> list[NamedOrganization]:
        """The first ``limit`` organizations (natural order) whose name holds every word of ``text``."""
        words = folded(text).split()
        found: list[NamedOrganization] = []
        for position, name in enumerate(self._folded):
            if all(word in name for word in words) and self._ids[position] != excluding:
                found.append(NamedOrganization(self._ids[position], self._names[position]))
                if len(found) >= limit:
                    break
        return found
