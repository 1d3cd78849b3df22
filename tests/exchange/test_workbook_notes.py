"""Comments and evidence in the assessment workbook (columns F–H of «Ответы», a readable sheet «Подтверждения»),
and files attached to answers in the zip beside it: read back unchanged; a changed file or manifest, a path in a
name, a zip bomb, an oversized file or a foreign zip refused with a Russian reason."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.answer_notes import AnswerNotes
from maturity.engine.attachments import FILE_LIMIT, Attachment
from maturity.exchange.assessment_json import AssessmentDocument, AssessmentFileError
from maturity.exchange.attachment_zip import read_attachment_zip, write_attachment_zip, zip_path_for
from maturity.exchange.workbook_export import NOTES_SHEET, write_assessment_workbook
from maturity.exchange.workbook_import import read_assessment_workbook
from maturity.method.profile import load_profile

PROFILE = load_profile("fnpr-base")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
QUESTION_IDS = sorted(PROFILE.questions)
SMALL = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))

# what people type: letters, digits, punctuation, a formula-looking «=» start, line breaks in a comment
note_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\r"), min_size=1, max_size=50
).filter(str.strip)
notes_strategy = st.builds(
    AnswerNotes,
    st.dictionaries(st.sampled_from(QUESTION_IDS), note_text.map(str.strip), max_size=5),
    st.dictionaries(st.sampled_from(QUESTION_IDS), st.one_of(st.just(""), note_text.map(str.strip)), max_size=5),
)


def document(notes=None, attachments=None) -> AssessmentDocument:
    return AssessmentDocument(
        PROFILE, SMALL["year"], dict(SMALL["answers"]), dict(SMALL["meta"]), notes=notes, attachments=attachments
    )


@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=notes_strategy)
def test_comments_and_evidence_round_trip_through_the_workbook(tmp_path_factory, notes):
    path = tmp_path_factory.mktemp("wb") / "оценка.xlsx"
    write_assessment_workbook(document(notes), path)
    read = read_assessment_workbook(path)
    assert read.notes == notes


def test_the_readable_sheet_lists_each_confirmed_answer(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "оценка.xlsx"
    notes = AnswerNotes({"k1.structure": "решение профкома"}, {"k1.structure": "протокол № 5", "k1.plan_quarterly": ""})
    write_assessment_workbook(document(notes), path)
    ws = load_workbook(path)[NOTES_SHEET]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [r[2] for r in rows] == ["подтверждается документом: протокол № 5", "подтверждается документом"]
    assert rows[0][0] == PROFILE.question("k1.structure").text and rows[0][3] == "решение профкома"


def test_an_older_workbook_without_the_columns_says_nothing_of_comments(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "оценка.xlsx"
    write_assessment_workbook(document(AnswerNotes({"k1.structure": "x"}, {})), path)
    workbook = load_workbook(path)
    workbook["Ответы"].delete_cols(6, 3)
    workbook.save(path)
    assert read_assessment_workbook(path).notes is None


def test_a_bad_evidence_mark_names_its_cell(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "оценка.xlsx"
    write_assessment_workbook(document(AnswerNotes({}, {"k1.structure": ""})), path)
    workbook = load_workbook(path)
    ws = workbook["Ответы"]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == "k1.structure")
    ws.cell(row=row, column=7).value = "может быть"
    workbook.save(path)
    with pytest.raises(AssessmentFileError, match=f"ячейка G{row}.*ожидалось «да» или пустая ячейка"):
        read_assessment_workbook(path)


ATTACHED = [
    Attachment("k1.structure", "протокол № 5.pdf", b"%PDF-1.4 protocol"),
    Attachment("k1.structure", "фото.jpg", bytes(range(256)) * 10),
    Attachment("k3.info_meetings", "план.docx", b"PK fake docx"),
]


def test_attached_files_go_beside_the_workbook_and_come_back(tmp_path):
    path = tmp_path / "оценка.xlsx"
    write_assessment_workbook(document(attachments=ATTACHED), path)
    beside = zip_path_for(path)
    assert beside.name == "оценка-приложения.zip" and beside.is_file()
    with zipfile.ZipFile(beside) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert {(f["name"], f["sha256"]) for f in manifest["files"]} == {
        (a.name, hashlib.sha256(a.content).hexdigest()) for a in ATTACHED
    }
    assert read_assessment_workbook(path).attachments == sorted(ATTACHED, key=lambda a: (a.question_id, a.name))


def rewrite_zip(path: Path, change) -> None:
    """The zip rewritten with ``change(name, data) -> (name, data) | None`` applied to every entry."""
    with zipfile.ZipFile(path) as archive:
        entries = [(i.filename, archive.read(i)) for i in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries:
            changed = change(name, data)
            if changed is not None:
                archive.writestr(*changed)


@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(range(len(ATTACHED))), byte=st.integers(0, 255), at=st.integers(0, 9))
def test_a_file_changed_after_the_export_is_detected(tmp_path_factory, which, byte, at):
    path = tmp_path_factory.mktemp("zip") / "оценка.xlsx"
    write_assessment_workbook(document(attachments=ATTACHED), path)
    target = f"files/{ATTACHED[which].question_id}/{ATTACHED[which].name}"

    def change(name, data):
        if name != target:
            return name, data
        data = bytearray(data)
        position = at % len(data)
        data[position] = byte if data[position] != byte else (byte + 1) % 256
        return name, bytes(data)

    rewrite_zip(zip_path_for(path), change)
    with pytest.raises(AssessmentFileError, match="изменён после выгрузки"):
        read_assessment_workbook(path)


def test_a_changed_manifest_is_detected_by_the_workbook(tmp_path):
    path = tmp_path / "оценка.xlsx"
    write_assessment_workbook(document(attachments=ATTACHED), path)
    new = b"forged"

    def change(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["files"][0].update(size=len(new), sha256=hashlib.sha256(new).hexdigest())
            return name, json.dumps(manifest).encode()
        if name == f"files/{ATTACHED[0].question_id}/{ATTACHED[0].name}":
            return name, new
        return name, data

    rewrite_zip(zip_path_for(path), change)
    with pytest.raises(AssessmentFileError, match="опись приложений .* изменена"):
        read_assessment_workbook(path)


def hostile_zip(path: Path, entries: dict[str, bytes], listed: list[dict] | None = None) -> Path:
    files = listed if listed is not None else [
        {"question": n.split("/")[1] if n.count("/") == 2 else "k1.structure", "name": n.rsplit("/", 1)[-1],
         "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
        for n, d in entries.items()
    ]  # fmt: skip
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json", json.dumps({"format": "maturity-attachments", "format_version": 1, "files": files})
        )
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("entries", "reason"),
    [
        ({"../../etc/passwd": b"x"}, "посторонний путь"),
        ({"/files/k1.structure/a.txt": b"x"}, "посторонний путь"),
        ({"files/k1.structure/..": b"x"}, "недопустимое имя"),
        ({"files/../a.txt": b"x"}, "недопустимое имя"),
        ({"files/k1.structure/sub/a.txt": b"x"}, "посторонний путь"),
        ({"files/k1.structure/a\\..\\b.txt": b"x"}, "посторонний путь"),
        ({"files/k1.structure/a\x1b.txt": b"x"}, "недопустимое имя"),
        ({"files/k99.none/a.txt": b"x"}, "которого нет в методике"),
        ({"files/k1.structure/bomb.bin": bytes(FILE_LIMIT + 1)}, "больше 5,0 МБ"),
    ],
)
def test_hostile_zips_are_refused_with_a_russian_reason(tmp_path, entries, reason):
    path = hostile_zip(tmp_path / "x.zip", entries)
    with pytest.raises(AssessmentFileError, match=reason):
        read_attachment_zip(path, PROFILE.questions)


def test_a_zip_bomb_whose_header_lies_is_stopped_while_reading(tmp_path):
    path = hostile_zip(tmp_path / "bomb.zip", {"files/k1.structure/bomb.bin": bytes(FILE_LIMIT + 10)})
    data = bytearray(path.read_bytes())
    # make the headers claim 10 bytes (local header: offset 22; central directory: offset 24 of its record)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (found := data.find(signature, start)) != -1:
            name_length = int.from_bytes(data[found + (26 if signature == b"PK\x03\x04" else 28) :][:2], "little")
            header = 30 if signature == b"PK\x03\x04" else 46
            name = bytes(data[found + header : found + header + name_length])
            if name.endswith(b"bomb.bin"):
                data[found + offset : found + offset + 4] = (10).to_bytes(4, "little")
            start = found + 4
    path.write_bytes(bytes(data))
    with pytest.raises(AssessmentFileError, match="больше 5,0 МБ|не читается"):
        read_attachment_zip(path, PROFILE.questions)


def test_a_file_not_in_the_manifest_and_a_foreign_zip_are_refused(tmp_path):
    path = hostile_zip(tmp_path / "x.zip", {"files/k1.structure/a.txt": b"x"}, listed=[])
    with pytest.raises(AssessmentFileError, match="нет в описи"):
        read_attachment_zip(path, PROFILE.questions)
    foreign = tmp_path / "y.zip"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(AssessmentFileError, match="нет описи manifest.json"):
        read_attachment_zip(foreign, PROFILE.questions)
    (tmp_path / "z.zip").write_bytes(b"not a zip at all")
    with pytest.raises(AssessmentFileError, match="это не zip-архив"):
        read_attachment_zip(tmp_path / "z.zip", PROFILE.questions)


def test_the_written_zip_reads_back_exactly(tmp_path):
    path = write_attachment_zip(ATTACHED, tmp_path / "a.zip")
    assert sorted(read_attachment_zip(path, PROFILE.questions), key=lambda a: a.name) == sorted(
        ATTACHED, key=lambda a: a.name
    )
