"""Disclosure control of benchmarks: which groups' figures may be written so that no organization's value can
be worked out from any set of benchmark files of one database (docs/trust.md, «Файл сравнения не выдаёт
организацию»).

The files of one database can cover the whole database and every ``--parent``: for one figure (a KPI, the
index, the digital index) of one organization level, the groups are «the organizations under P (P itself
included) that have this figure», one per organization P, and the whole database. They nest like the tree:
two groups are disjoint or one holds the other. A reader who has several files can subtract: ``n·mean`` of
a group minus those of the published groups inside it gives the sum of the values left over. The rule:

1. **At least :data:`MIN_GROUP` (11) values.** With ``n ≥ 11`` the 10th percentile lies between the 2nd
   and the 3rd value and the 90th between the (n−2)-th and the (n−1)-th: the lowest and the highest value
   never enter a percentile, so percentiles never pin one organization.
2. **What is left over is 0 or at least 11.** The groups are taken largest first (the whole database
   first: it is the most useful to chairs). A group is published only if, inside the nearest published
   group that holds it, the values not covered by the published groups inside that one stay 0 or at least
   :data:`MIN_GROUP` once it is taken away. Otherwise it is left out (its organizations still see the
   larger group). So every difference of published groups leaves nothing or at least 11 organizations.
3. **No mean is written**, only the count and the percentiles: ``n·mean`` of nested groups would give the
   sum of the organizations a difference leaves, and with the percentiles pinning the middle values of a
   group whose values are all alike, a mean — however rounded — bounds its lowest and highest value to a
   point or two (the attacker of tests/engine/test_benchmark_disclosure.py found it for a whole-number mean).

:func:`publishable` applies 1 and 2 to the whole tree at once, so the answer for one group does not depend on
which other files were written. tests/engine/test_benchmark_disclosure.py attacks the files of generated trees.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

MIN_GROUP = 11  # values of a figure a published group has at least; the same for what a difference leaves
MAX_DEPTH = 1000  # a walk up the tree stops here even in a database that still holds a loop of an old version
WHOLE = None  # the group of the whole database


class Tree:
    """Organizations by id with their parents (None at the top); each one's chain up to the top, computed once."""

    def __init__(self, parents: Mapping[int, int | None]):
        self.parents = parents
        self._chains: dict[int, tuple[int, ...]] = {}
        self._children: defaultdict[int, list[int]] | None = None
        self._groups: dict[int, frozenset[int]] = {}

    def chain(self, org: int) -> tuple[int, ...]:
        """``org`` and its ancestors, nearest first (a loop or an unknown parent ends the walk)."""
        found = self._chains.get(org)
        if found is not None:
            return found
        chain = [org]
        seen = {org}
        parent = self.parents.get(org)
        while parent is not None and parent not in seen and len(chain) < MAX_DEPTH:
            known = self._chains.get(parent)
            if known is not None and not seen.intersection(known):
                chain.extend(known)
                break
            chain.append(parent)
            seen.add(parent)
            parent = self.parents.get(parent)
        self._chains[org] = result = tuple(chain)
        return result

    def group(self, top: int) -> frozenset[int]:
        """``top`` and every organization under it (a loop of an old version is walked once)."""
        found = self._groups.get(top)
        if found is None:
            if self._children is None:
                self._children = defaultdict(list)
                for org, parent in self.parents.items():
                    if parent is not None:
                        self._children[parent].append(org)
            seen, todo = {top}, [top]
            while todo:
                for child in self._children.get(todo.pop(), ()):
                    if child not in seen:
                        seen.add(child)
                        todo.append(child)
            self._groups[top] = found = frozenset(seen)
        return found

    def under(self, top: int, orgs: Iterable[int]) -> list[int]:
        """Those of ``orgs`` in the group of ``top``: ``top`` itself and everything under it."""
        group = self.group(top)
        return [org for org in orgs if org in group]


def publishable(tree: Tree, holders: Iterable[int], minimum: int = MIN_GROUP) -> set[int | None]:
    """The groups (an organization's id, or :data:`WHOLE`) whose values of one figure may be published, by
    rules 1 and 2 above; ``holders``: the organizations that have the figure."""
    holders = list(holders)
    if len(holders) < minimum:
        return set()
    # how many holders each organization has in its group: the holders counted by their parent first (most
    # share a few parents), then each parent's count added up its chain; a holder's own 1 only matters to an
    # organization that also has holders under it (a group of 1 is never written)
    counts: Counter[int] = Counter()
    for parent, number in Counter(tree.parents.get(org) for org in holders).items():
        if parent is not None:
            for node in tree.chain(parent):
                counts[node] += number
    for org in holders:
        if org in counts:
            counts[org] += 1
    left: dict[int | None, int] = {WHOLE: len(holders)}  # a published group's values not in published groups inside
    owner: dict[int | None, int | None] = {WHOLE: WHOLE}  # a published group → the group it equals (or itself)
    size: dict[int | None, int] = {WHOLE: len(holders)}
    candidates = sorted(
        (n for n, c in counts.items() if c >= minimum), key=lambda n: (-counts[n], len(tree.chain(n)), n)
    )
    for node in candidates:
        outer = next((a for a in tree.chain(node)[1:] if a in owner), WHOLE)
        same = owner[outer]
        if counts[node] == size[same]:  # the very same organizations: the same figures, nothing new
            owner[node] = same
            continue
        rest = left[same] - counts[node]
        if rest == 0 or rest >= minimum:
            left[same] = rest
            owner[node] = node
            left[node] = size[node] = counts[node]
    return set(owner)
