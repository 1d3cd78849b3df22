"""The comparison of a year held as columns in memory: filters, sorts and cards of 100 000 organizations
without asking the database again.

:func:`load_frame` reads every organization with its assessment of the year (one SQL query, the
organization tree in a second) into numpy arrays — ids, codes of the level, region, sector, status
and maturity level, the scores and last year's, the casefolded names — and a :class:`ComparisonFrame`
then answers what :mod:`maturity.storage.comparison` answers in SQL, with the same rules:

- :meth:`ComparisonFrame.ids` — the table's organization ids for a :class:`ComparisonFilter`, sorted on
  any column (a KPI's values are read once, on its first sort: one query), empty values last in both
  directions, ties in the name order (the database's);
- :meth:`ComparisonFrame.summary` — the cards (:class:`~maturity.storage.comparison.Summary`).

The rows on screen are still read by :func:`~maturity.storage.comparison.rows_by_id`, a block at a time.
A frame is a snapshot: the window loads a new one when the database may have changed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlalchemy as sa

from maturity.method.catalog import ProfileCatalog
from maturity.storage.comparison import (
    ASM,
    EVIDENCE,
    EVIDENCE_TOLERANCE,
    KPI,
    ORG,
    SCORE,
    ComparisonFilter,
    FailedNorm,
    FairChange,
    Summary,
    ranked_failed_norms,
)
from maturity.storage.queries import Db, catalog_of, plain_rows
from maturity.views.natural_order import natural_key

Mask = Any  # numpy array of bool
SEPARATOR = "\x1f"  # between the norms' JSON (where it is always escaped) and the profile's id and version


class Codes:
    """Strings as small integers (code 0 is None), in the order first met; ``ranks`` sorts them."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {None: 0}
        self.values: list[Any] = [None]

    def code(self, value: Any) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found

    def encode(self, values: Sequence[Any]) -> Any:
        for value in dict.fromkeys(values):  # the distinct values, in C
            self.code(value)
        return np.fromiter(map(self.index.__getitem__, values), dtype=np.int32, count=len(values))

    def of(self, value: Any) -> int:
        """The code of ``value``; -1 when no row has it (matches nothing)."""
        return self.index.get(value, -1)

    def ranks(self, key: Callable[[Any], Any] = lambda v: v) -> Any:
        """The rank of each code in the order of ``key`` (None ranks last)."""
        order = sorted(range(1, len(self.values)), key=lambda c: key(self.values[c]))
        ranks = np.empty(len(self.values), dtype=np.int64)
        ranks[order] = np.arange(len(order))
        ranks[0] = len(self.values)
        return ranks


def _floats(values: Sequence[Any]) -> Any:
    """A float array with NaN for None."""
    return np.array(values, dtype=np.float64)


def _ids(values: Sequence[Any]) -> Any:
    """An int64 array of ids with -1 for None."""
    return np.nan_to_num(np.array(values, dtype=np.float64), nan=-1).astype(np.int64)


def _equal(values: Sequence[Any], value: str) -> Any:
    return np.array(values, dtype=object) == value


@dataclass
class ComparisonFrame:
    """Every organization (assessed this year or not) as columns; row ``i`` is one organization."""

    db: Db
    year: int
    org_id: Any  # int64
    parent_id: Any  # int64, -1: none
    name_rank: Any  # position in the database's name order (ties by id)
    same_name_rank: Any  # the name rank of the first organization of the same name (equal names tie)
    natural_rank: Any  # rank in the natural name order («№ 2» before «№ 10»; equal keys tie)
    folded_names: list[str]  # casefolded, for the text search
    level: Any  # codes of ``levels``
    region: Any
    sector: Any
    assessed: Any  # bool: an assessment of the year with its scores
    placeholder: Any  # bool: known only as someone's parent — never expected
    assessment_id: Any  # int64, -1: none
    complete: Any  # bool: the assessment of the year is complete
    maturity: Any  # codes of ``maturity_levels``
    index: Any  # float64, NaN: none
    digital_index: Any
    failed_norms: Any  # int64
    change: Any  # index minus last year's (any status), NaN: either missing
    before_complete_index: Any  # last year's index of a complete assessment, NaN: none
    norms: Any  # codes of ``norm_sets``
    levels: Codes
    regions: Codes
    sectors: Codes
    maturity_levels: Codes
    norm_sets: Codes  # the norms as JSON text, the profile id and version, joined by SEPARATOR
    catalog: ProfileCatalog  # the database's profiles when the columns were read (the norms' titles)
    kpis: dict[str, Any] = field(default_factory=dict)  # KPI id -> float64, read on the first sort by it
    _row_of: Any = None
    evidence: Any = None  # float64: the share of answers with evidence, NaN: none

    # ------------------------------------------------------------ filters

    def group(self, org_id: int) -> Mask:
        """ORG's group: itself and the organizations under it at any depth, as
        :func:`~maturity.storage.queries.group_ids` (a cycle cannot loop)."""
        inside = self.org_id == org_id
        frontier = np.array([org_id], dtype=np.int64)
        while frontier.size:
            found = np.isin(self.parent_id, frontier) & ~inside
            inside |= found
            frontier = self.org_id[found]
        return inside

    def organizations(self, f: ComparisonFilter) -> Mask:
        """The organizations the filter covers (the maturity level aside): :func:`comparison._organizations`."""
        mask = np.ones(len(self.org_id), dtype=bool)
        if f.parent_id is not None:
            mask &= self.group(f.parent_id)
        for value, column, codes in (
            (f.level, self.level, self.levels),
            (f.region, self.region, self.regions),
            (f.sector, self.sector, self.sectors),
        ):
            if value:
                mask &= column == codes.of(value)
        text = f.text.strip().casefold() if f.text else ""
        if text:
            names = self.folded_names
            mask &= np.fromiter((text in names[i] for i in range(len(names))), dtype=bool, count=len(names))
        return mask

    def _maturity(self, f: ComparisonFilter) -> Mask | bool:
        """The filters that narrow the assessed organizations only: the maturity level, the share of evidence."""
        mask: Mask | bool = self.maturity == self.maturity_levels.of(f.maturity_level) if f.maturity_level else True
        if f.min_evidence is not None:
            mask = mask & (np.nan_to_num(self.evidence, nan=0.0) >= f.min_evidence - EVIDENCE_TOLERANCE)
        return mask

    # ------------------------------------------------------------ the table

    def ids(
        self,
        f: ComparisonFilter,
        sort: str = "name",
        descending: bool = False,
        kpi_ids: Sequence[str] = (),
        level_order: Sequence[str] = (),
    ) -> Any:
        """The ids :func:`~maturity.storage.comparison.comparison_ids` gives, as an int64 array."""
        rows = np.flatnonzero(self.organizations(f) & self.assessed & self._maturity(f))
        if sort == "name":  # as comparison_ids: (natural key, id), the whole order reversed when descending
            order = np.lexsort((self.org_id[rows], self.natural_rank[rows]))
            return self.org_id[rows[order[::-1] if descending else order]]
        values = self._sort_key(sort, kpi_ids, level_order)[rows]
        empty = np.isnan(values)
        values = np.where(empty, 0.0, -values if descending else values)
        order = np.lexsort((self.org_id[rows], self.name_rank[rows], values, empty))
        return self.org_id[rows[order]]

    def _sort_key(self, sort: str, kpi_ids: Sequence[str], level_order: Sequence[str]) -> Any:
        """A float64 array to sort by (NaN: empty)."""
        if sort == "name":
            return self.same_name_rank.astype(np.float64)
        if sort in ("index", "maturity_level"):  # a level is a band of the index
            return self.index
        if sort in ("digital_index", "failed_norms"):
            return getattr(self, sort).astype(np.float64)
        if sort == "index_change":
            return self.change
        if sort == "evidence_share":
            return self.evidence
        if sort == "level" and level_order:  # the profile's order; unknown levels and none tie after it
            position = {lvl: i for i, lvl in enumerate(level_order)}
            known = [position.get(v, len(level_order)) for v in self.levels.values]
            return np.array(known, dtype=np.float64)[self.level]
        if sort in ("region", "sector", "level"):
            codes: Codes = getattr(self, sort + "s")
            return self._by_code(getattr(self, sort), codes.ranks().astype(np.float64))
        if sort == "parent_name":
            return self._parent_name_key()
        if sort in kpi_ids:
            if sort not in self.kpis:
                self.kpis[sort] = self._read_kpi(sort)
            return self.kpis[sort]
        raise ValueError(f"нет такого столбца для сортировки: {sort!r}")

    @staticmethod
    def _by_code(column: Any, ranks: Any) -> Any:
        key = ranks[column]
        key[column == 0] = np.nan
        return key

    def _parent_name_key(self) -> Any:
        """The rank of the parent's name (equal names tie), NaN without a parent."""
        row_of = self.row_of()
        rows = np.array([row_of.get(int(p), -1) for p in self.parent_id], dtype=np.int64)
        key = self.same_name_rank[rows].astype(np.float64)
        key[rows < 0] = np.nan
        return key

    def row_of(self) -> dict[int, int]:
        if self._row_of is None:
            self._row_of = {int(i): r for r, i in enumerate(self.org_id)}
        return self._row_of

    def _read_kpi(self, kpi_id: str) -> Any:
        values = np.full(len(self.org_id), np.nan)
        year_assessments = sa.select(ASM.c.id).where(ASM.c.year == self.year)
        statement = sa.select(KPI.c.assessment_id, KPI.c.value).where(
            KPI.c.kpi_id == kpi_id, KPI.c.assessment_id.in_(year_assessments)
        )
        rows = plain_rows(self.db, statement)
        if rows:
            # one float array of (id, value) pairs: None becomes NaN, ids are exact (far below 2**53); a third
            # of the time of unzipping 100 000 pairs into two tuples first
            pairs = np.array(rows, dtype=np.float64)
            order = np.argsort(self.assessment_id)
            positions = np.searchsorted(self.assessment_id, pairs[:, 0].astype(np.int64), sorter=order)
            values[order[positions]] = pairs[:, 1]
        return values

    # ------------------------------------------------------------ cards

    def summary(self, f: ComparisonFilter, *, top: int = 5) -> Summary:
        """The cards :func:`~maturity.storage.comparison.summary` computes in SQL."""
        covered = self.organizations(f) & ~self.placeholder
        assessed = covered & self.complete & self._maturity(f)
        count = int(assessed.sum())
        indices = self.index[assessed]
        indices = indices[~np.isnan(indices)]
        both = assessed & ~np.isnan(self.index) & ~np.isnan(self.before_complete_index)
        in_both = int(both.sum())
        change = FairChange(
            f.year,
            in_both,
            float(self.before_complete_index[both].mean()) if in_both else None,
            float(self.index[both].mean()) if in_both else None,
        )
        return Summary(
            year=f.year,
            expected=int(covered.sum()),
            assessed=count,
            submitted=int((covered & self.complete).sum()),
            average_index=float(indices.mean()) if indices.size else None,
            change=change,
            failed_norms=tuple(self._most_failed_norms(assessed & (self.failed_norms > 0), top)),
        )

    def _most_failed_norms(self, rows: Mask, top: int) -> list[FailedNorm]:
        counts: Counter[str] = Counter()
        profiles: set[tuple[str, str]] = set()
        per_set = np.bincount(self.norms[rows], minlength=len(self.norm_sets.values))
        for code in np.flatnonzero(per_set):
            if code == 0:
                continue
            text, profile_id, version = self.norm_sets.values[code].rsplit(SEPARATOR, 2)
            failed = [norm_id for norm_id, status in json.loads(text).items() if status == "fail"]
            if failed:
                counts.update({norm_id: int(per_set[code]) for norm_id in failed})
                profiles.add((profile_id, version))
        return ranked_failed_norms(counts, profiles, top, self.catalog)

    def memory(self) -> int:
        """Bytes held by the arrays and the names (what the table costs)."""
        arrays = sum(v.nbytes for v in vars(self).values() if isinstance(v, np.ndarray))
        arrays += sum(v.nbytes for v in self.kpis.values())
        return arrays + sum(len(n) * 2 + 50 for n in self.folded_names)


def natural_ranks(names: Sequence[str]) -> Any:
    """Each name's rank in the natural order (:func:`~maturity.views.natural_order.natural_key`); names
    with equal keys share the rank of the first of them."""
    keys = [natural_key(name) for name in names]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ranks = np.empty(len(keys), dtype=np.int64)
    for position, i in enumerate(order):
        same = position > 0 and keys[i] == keys[order[position - 1]]
        ranks[i] = ranks[order[position - 1]] if same else position
    return ranks


def load_frame(db: Db, year: int) -> ComparisonFrame:
    """Every organization with its assessment of ``year`` and last year's index: one query, then the tree."""
    now_asm, now = ASM.alias("now_assessment"), SCORE.alias("now_score")
    before_asm, before = ASM.alias("before_assessment"), SCORE.alias("before_score")
    evidence = EVIDENCE.alias("now_evidence")
    joined = (
        ORG.outerjoin(now_asm, sa.and_(now_asm.c.organization_id == ORG.c.id, now_asm.c.year == year))
        .outerjoin(now, now.c.assessment_id == now_asm.c.id)
        .outerjoin(before_asm, sa.and_(before_asm.c.organization_id == ORG.c.id, before_asm.c.year == year - 1))
        .outerjoin(before, before.c.assessment_id == before_asm.c.id)
        .outerjoin(evidence, evidence.c.assessment_id == now_asm.c.id)
    )
    statement = (
        sa.select(
            ORG.c.id, ORG.c.parent_id, ORG.c.name, ORG.c.level, ORG.c.region, ORG.c.sector, ORG.c.placeholder,
            now.c.assessment_id, now_asm.c.status, now.c.level, now.c["index"], now.c.digital_index,
            now.c.failed_norms_count, before.c["index"], before_asm.c.status, evidence.c.share,
            sa.cast(now.c.norms, sa.Text) + SEPARATOR + now_asm.c.profile_id + SEPARATOR + now_asm.c.profile_version,
        )
        .select_from(joined)
        .order_by(ORG.c.name, ORG.c.id)
    )  # fmt: skip
    rows = plain_rows(db, statement)
    n = len(rows)
    columns = list(zip(*rows, strict=True)) if rows else [()] * 17
    (org_id, parent_id, names, levels, regions, sectors, placeholders, assessment_id, status, maturity, index, digital,
     failed, before_index, before_status, evidence_share, norms) = columns  # fmt: skip
    level_codes, region_codes, sector_codes, maturity_codes, norm_codes = Codes(), Codes(), Codes(), Codes(), Codes()
    assessment = _ids(assessment_id)
    index_now = _floats(index)
    before_any = _floats(before_index)
    before_complete = np.where(_equal(before_status, "complete"), before_any, np.nan)
    same_name = np.arange(n, dtype=np.int64)
    for i in range(1, n):
        if names[i] == names[i - 1]:
            same_name[i] = same_name[i - 1]
    frame = ComparisonFrame(
        db=db,
        year=year,
        org_id=np.array(org_id, dtype=np.int64),
        parent_id=_ids(parent_id),
        name_rank=np.arange(n, dtype=np.int64),
        same_name_rank=same_name,
        natural_rank=natural_ranks(names),
        folded_names=[name.casefold() for name in names],
        level=level_codes.encode(levels),
        region=region_codes.encode(regions),
        sector=sector_codes.encode(sectors),
        assessed=assessment >= 0,
        placeholder=np.array([bool(p) for p in placeholders], dtype=bool),
        assessment_id=assessment,
        complete=_equal(status, "complete") & (assessment >= 0),
        maturity=maturity_codes.encode(maturity),
        index=index_now,
        digital_index=_floats(digital),
        failed_norms=np.nan_to_num(_floats(failed)).astype(np.int64),
        change=index_now - before_any,
        before_complete_index=before_complete,
        norms=norm_codes.encode(norms),
        levels=level_codes,
        regions=region_codes,
        sectors=sector_codes,
        maturity_levels=maturity_codes,
        norm_sets=norm_codes,
        catalog=catalog_of(db),  # read here, off the UI thread: a filter's cards need no query
        evidence=_floats(evidence_share),
    )
    return frame
