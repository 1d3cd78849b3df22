"""Files attached to answers, exported beside the assessment workbook as a zip with a sha256 manifest.

``отчёт.xlsx`` gets ``отчёт-приложения.zip`` beside it (:func:`zip_path_for`)::

    manifest.json                   {"format": "maturity-attachments", "format_version": 1,
                                     "files": [{"question": "k1.structure", "name": "протокол.pdf",
                                                "size": 12345, "sha256": "…"}]}
    files/k1.structure/протокол.pdf

The workbook keeps the sha256 of the manifest (key ``attachments_sha256`` of «Ответы»), so neither a file nor
the manifest can be changed unnoticed. Reading never unpacks to disk and trusts nothing in the zip: every
entry's name must be ``manifest.json`` or ``files/<question>/<plain name>`` (no folders, «..», absolute paths,
backslashes, control characters); its real size is counted while reading, so a zip bomb is stopped at the
cap whatever its header claims; every file must be in the manifest with its size and sha256, and nothing
else may be there. A changed file or manifest is refused with a Russian reason.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from maturity.engine.attachments import (
    COUNT_LIMIT,
    FILE_LIMIT,
    TOTAL_LIMIT,
    Attachment,
    AttachmentRefused,
    check_attachments,
    megabytes,
)
from maturity.errors import BadInput, shorten
from maturity.exchange.assessment_json import AssessmentFileError, decode_json
from maturity.output_files import write_output

FORMAT = "maturity-attachments"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_LIMIT = 1024 * 1024
ZIP_SUFFIX = "-приложения.zip"
_CHUNK = 64 * 1024


class AttachmentZipError(AssessmentFileError):
    """A zip of attachments the program refuses; ``str()`` names the file and the reason in Russian."""


def zip_path_for(workbook: str | Path) -> Path:
    """The zip beside a workbook: ``отчёт.xlsx`` → ``отчёт-приложения.zip``."""
    workbook = Path(workbook)
    return workbook.with_name(workbook.stem + ZIP_SUFFIX)


def manifest_bytes(attachments: Sequence[Attachment]) -> bytes:
    files = [{"question": a.question_id, "name": a.name, "size": a.size, "sha256": a.sha256} for a in attachments]
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, "files": files}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def manifest_sha256(attachments: Sequence[Attachment]) -> str:
    return hashlib.sha256(manifest_bytes(attachments)).hexdigest()


def write_attachment_zip(attachments: Sequence[Attachment], path: str | Path) -> Path:
    """The zip of ``attachments`` with its manifest, written whole or not at all."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes(attachments))
        for a in attachments:
            archive.writestr(f"files/{a.question_id}/{a.name}", a.content)
    return write_output(path, buffer.getvalue())


def read_attachment_zip(
    path: str | Path, question_ids: set[str] | dict[str, Any], expected_manifest: str | None = None
) -> list[Attachment]:
    """The attachments of a zip, every one checked against the manifest (and the manifest against
    ``expected_manifest``, the sha256 the workbook keeps); AttachmentZipError otherwise."""
    path = Path(path)

    def fail(problem: str) -> AttachmentZipError:
        return AttachmentZipError(f"{path}: {problem}")

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise fail("файл не открывается") from exc
    if size > TOTAL_LIMIT + MANIFEST_LIMIT + 1024 * 1024:
        raise fail(f"архив приложений слишком большой ({megabytes(size)}), можно не больше {megabytes(TOTAL_LIMIT)}")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise fail("это не zip-архив приложений (файл повреждён или другого формата)") from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > COUNT_LIMIT + 1:
            raise fail(f"в архиве слишком много файлов: {len(entries)}, можно не больше {COUNT_LIMIT}")
        names = [e.filename for e in entries]
        if len(set(names)) != len(names):
            raise fail("в архиве два файла с одним именем")
        if MANIFEST not in names:
            raise fail("в архиве нет описи manifest.json — неизвестно, что в нём должно быть")
        manifest_raw = _read_entry(archive, archive.getinfo(MANIFEST), MANIFEST_LIMIT, fail)
        if expected_manifest is not None and hashlib.sha256(manifest_raw).hexdigest() != expected_manifest:
            raise fail("опись приложений (manifest.json) изменена после выгрузки: она не совпадает с книгой")
        listed = _manifest(manifest_raw, fail)
        attachments: list[Attachment] = []
        total = 0
        for entry in entries:
            if entry.filename == MANIFEST:
                continue
            question_id, name = _entry_name(entry.filename, fail)
            key = (question_id, name)
            if key not in listed:
                raise fail(f"файла «{shorten(entry.filename)}» нет в описи manifest.json")
            content = _read_entry(archive, entry, FILE_LIMIT, fail)
            total += len(content)
            if total > TOTAL_LIMIT:
                raise fail(f"файлы в архиве вместе больше {megabytes(TOTAL_LIMIT)}")
            want_size, want_sha = listed.pop(key)
            if len(content) != want_size or hashlib.sha256(content).hexdigest() != want_sha:
                raise fail(
                    f"файл «{name}» (вопрос {question_id}) изменён после выгрузки: "
                    "его контрольная сумма sha256 не совпадает с описью"
                )
            attachments.append(Attachment(question_id, name, content))
    if listed:
        question_id, name = next(iter(listed))
        raise fail(f"в архиве нет файла «{name}» (вопрос {question_id}), который есть в описи")
    try:
        check_attachments(attachments, question_ids)
    except AttachmentRefused as exc:
        raise fail(str(exc)) from exc
    return attachments


def _read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limit: int, fail: Any) -> bytes:
    """An entry's bytes, counted while read: more than ``limit`` refuses it whatever its header claims."""
    if entry.file_size > limit:
        raise fail(f"файл «{shorten(entry.filename)}» в архиве больше {megabytes(limit)}")
    if entry.flag_bits & 0x1:
        raise fail(f"файл «{shorten(entry.filename)}» в архиве зашифрован")
    chunks, read = [], 0
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                if read > limit:
                    raise fail(f"файл «{shorten(entry.filename)}» в архиве больше {megabytes(limit)} (архив-бомба?)")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError, RuntimeError) as exc:
        raise fail(f"файл «{shorten(entry.filename)}» в архиве не читается (архив повреждён)") from exc
    return b"".join(chunks)


def _entry_name(filename: str, fail: Any) -> tuple[str, str]:
    """(question, name) of ``files/<question>/<name>``; anything else (a path, «..», a folder) is refused."""
    from maturity.engine.attachments import name_problem

    parts = filename.split("/")
    if len(parts) != 3 or parts[0] != "files" or "\\" in filename or filename.startswith("/"):
        raise fail(f"в архиве посторонний путь «{shorten(filename)}» (ожидалось files/<вопрос>/<файл>)")
    problem = name_problem(parts[2])
    if problem or not parts[1] or ".." in parts[1]:
        raise fail(f"в архиве недопустимое имя «{shorten(filename)}»: {problem or 'неверный вопрос'}")
    return parts[1], parts[2]


def _manifest(raw: bytes, fail: Any) -> dict[tuple[str, str], tuple[int, str]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail("опись manifest.json не в кодировке UTF-8") from exc
    try:
        data = decode_json(text, "manifest.json", "опись приложений")
    except BadInput as exc:
        raise fail(str(exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        raise fail(f"manifest.json — не опись приложений (format должно быть «{FORMAT}», версия {FORMAT_VERSION})")
    files = data.get("files")
    if not isinstance(files, list) or len(files) > COUNT_LIMIT:
        raise fail("manifest.json: files должно быть списком файлов")
    listed: dict[tuple[str, str], tuple[int, str]] = {}
    for item in files:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("question"), str)
            or not isinstance(item.get("name"), str)
            or type(item.get("size")) is not int
            or not isinstance(item.get("sha256"), str)
        ):
            raise fail("manifest.json: у каждого файла должны быть question, name, size и sha256")
        listed[(item["question"], item["name"])] = (item["size"], item["sha256"])
    return listed
