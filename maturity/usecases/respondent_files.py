"""Several respondents' files of one assessment merged into one merged file (``maturity merge``,
«Объединить ответы…»): read each file (JSON, the assessment workbook or the blank form), check that they are
copies of one assessment — the same method (id, version and text), the same year, no two organizations — and
merge them (:mod:`maturity.engine.respondent_merge`).

The merged document names the organization when a copy did (the chair's copies made by the app carry its
code); its ``meta`` carries nothing of the respondents. Comments travel with the respondent's number only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from maturity.engine.respondent_merge import MAX_RESPONDENTS, Copy, MergedAssessment, MergeInvalid, merge_respondents
from maturity.errors import shorten
from maturity.exchange.assessment_json import AssessmentDocument
from maturity.exchange.files import read_assessment_file
from maturity.method.catalog import ProfileCatalog


@dataclass
class MergedFiles:
    document: AssessmentDocument
    merged: MergedAssessment
    sources: list[str]


def merge_files(paths: Sequence[str | Path], catalog: ProfileCatalog | None = None) -> MergedFiles:
    """Read and merge the respondents' files, in the order given (the first is the chair's own copy)."""
    if len(paths) > MAX_RESPONDENTS:
        raise MergeInvalid(f"слишком много анкет: {len(paths)}, можно не больше {MAX_RESPONDENTS}")
    documents = [read_assessment_file(path, catalog) for path in paths]
    return merge_documents(documents, [str(p) for p in paths])


def merge_documents(documents: Sequence[AssessmentDocument], sources: Sequence[str]) -> MergedFiles:
    """Merge documents already read (MergeInvalid when they are not copies of one assessment)."""
    if len(documents) < 2:
        raise MergeInvalid("для объединения нужно не меньше двух анкет")
    first = documents[0]
    for document, source in zip(documents[1:], sources[1:], strict=True):
        if (document.profile.id, document.profile.version, document.profile.sha256) != (
            first.profile.id, first.profile.version, first.profile.sha256,
        ):  # fmt: skip
            raise MergeInvalid(
                f"{source}: анкета заполнена по другой методике ({document.profile.id} {document.profile.version}, "
                f"а не {first.profile.id} {first.profile.version}) — объединяются копии одной оценки"
            )
        if document.year != first.year:
            raise MergeInvalid(f"{source}: анкета за {document.year} год, а не за {first.year}")
    codes = {d.organization_id for d in documents if d.organization_id}
    if len(codes) > 1:
        shown = ", ".join(shorten(c) for c in sorted(codes)[:3])
        raise MergeInvalid(f"анкеты разных организаций (коды {shown}) — объединяются копии одной оценки")
    merged = merge_respondents(
        first.profile, [Copy(d.answers, d.notes, s) for d, s in zip(documents, sources, strict=True)]
    )
    meta: dict[str, Any] = {}
    if codes:
        meta["organization_id"] = next(iter(codes))
        parents = {d.meta.get("parent_organization_id") for d in documents} - {None}
        if len(parents) == 1:
            meta["parent_organization_id"] = next(iter(parents))
    document = AssessmentDocument(
        profile=first.profile, year=first.year, answers=merged.answers, meta=meta,
        notes=merged.notes or None, merge=merged.file_block(),
    )  # fmt: skip
    return MergedFiles(document, merged, list(sources))


def merge_for_organization(
    paths: Sequence[str | Path], organization: Any, catalog: ProfileCatalog | None = None, codes: Sequence[str] = ()
) -> MergedFiles:
    """Merge the copies for ``organization`` (the app's «Объединить ответы…»): copies naming another organization
    are refused; the merged document names this one (its code), whatever the copies said."""
    result = merge_files(paths, catalog)
    named = result.document.organization_id
    if named is not None and named != organization.uid and named not in codes:
        raise MergeInvalid(
            f"анкеты другой организации (код {shorten(named)}), а не «{shorten(organization.name)}» — "
            "откройте ту организацию или загрузите анкеты через «Загрузить файлы…»"
        )
    result.document.meta = {"organization_id": organization.uid}
    return result
