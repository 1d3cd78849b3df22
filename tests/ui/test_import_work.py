"""The import work the app runs in the background (no Qt): chunks of files, file order, «Отмена» between files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from maturity.errors import BadInput
from maturity.storage.database import open_database
from maturity.usecases.import_work import import_files

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class Recorder:
    """A progress callback that presses «Отмена» once ``cancel_at`` files are done."""

    def __init__(self, cancel_at: int | None = None):
        self.cancel_at, self.cancelled, self.seen = cancel_at, False, []

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self.seen.append((done, total))
        if self.cancel_at is not None and done >= self.cancel_at:
            self.cancelled = True


def folder_of(tmp_path: Path, count: int, bad_every: int = 0) -> Path:
    """``count`` assessments of different organizations; every ``bad_every``-th one has a negative answer."""
    folder = tmp_path / "files"
    folder.mkdir()
    data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    del data["meta"]["organization_id"]
    for number in range(count):
        data["answers"]["profile.name"] = f"Организация № {number:03d}"
        data["answers"]["k4.subscribers"] = -1 if bad_every and number % bad_every == bad_every - 1 else 40
        (folder / f"{number:03d}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_results_come_in_file_order_whatever_the_chunks(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'm.db'}")
    folder = folder_of(tmp_path, 40, bad_every=3)

    outcome = import_files(engine, [folder], "skip", Recorder())

    assert [Path(row.source).name for row in outcome.rows] == [f"{n:03d}.json" for n in range(40)]
    assert [row.outcome for row in outcome.rows][:6] == ["imported", "imported", "rejected"] * 2
    assert (outcome.count("imported"), outcome.count("rejected"), outcome.processed) == (27, 13, 40)


def test_progress_counts_every_file_up_to_the_total(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'm.db'}")
    recorder = Recorder()

    import_files(engine, [folder_of(tmp_path, 12)], "skip", recorder)

    assert [done for done, _total in recorder.seen] == list(range(13))
    assert {total for _done, total in recorder.seen} == {12}


def test_cancel_leaves_the_files_not_begun_and_keeps_those_done(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'm.db'}")
    folder = tmp_path / "three"
    folder.mkdir()
    for name in ("a.json", "b.json", "c.json"):
        shutil.copy(EXAMPLES / "primary-small.json", folder / name)

    outcome = import_files(engine, [folder], "skip", Recorder(cancel_at=1))

    assert outcome.cancelled and (outcome.processed, outcome.not_processed) == (1, 2)
    assert [(Path(row.source).name, row.outcome) for row in outcome.rows] == [("a.json", "imported")]


def test_a_folder_that_cannot_be_listed_is_a_russian_error_before_anything_is_written(tmp_path, monkeypatch):
    engine = open_database(f"sqlite:///{tmp_path / 'm.db'}")
    folder = tmp_path / "закрыта"
    folder.mkdir()

    def refuse(path, *_args):
        raise PermissionError(13, "Отказано в доступе", str(path))

    monkeypatch.setattr(Path, "iterdir", refuse)  # however the folder is listed
    monkeypatch.setattr(os, "scandir", refuse)
    with pytest.raises(BadInput, match="Не удалось прочитать папку .*закрыта: Отказано в доступе"):
        import_files(engine, [folder], "skip", Recorder())


@pytest.mark.slow
def test_an_import_in_the_app_while_another_program_writes_too_long_is_a_russian_error(tmp_path, monkeypatch):
    import maturity.storage.database
    from maturity.storage.store import open_store

    url = f"sqlite:///{tmp_path / 'm.db'}"
    engine = open_database(url)
    monkeypatch.setattr(maturity.storage.database, "WRITE_WAIT_SECONDS", 0.3)
    with open_store(url) as other, other.atomic():  # another program (an import, a second window) is writing
        other.create_organization("Другая программа", "primary")
        with pytest.raises(BadInput, match="база данных занята другой программой") as refused:
            import_files(engine, [folder_of(tmp_path, 3)], "skip", Recorder())

    assert isinstance(refused.value, maturity.storage.database.DatabaseBusy)  # show_error shows a BadInput as a warning
    with open_store(url) as store:
        assert [org.name for org in store.list_organizations()] == ["Другая программа"]
