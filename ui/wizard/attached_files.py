"""«Приложить файл…» under a question of the wizard: a document attached to the answer as its evidence, kept in
the database with the assessment (:mod:`maturity.usecases.attachments`). Written at once in a database session
of its own (a file is at most a few megabytes); a refusal is said beside the question."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from maturity.engine.attachments import FILE_LIMIT, megabytes
from maturity.errors import BadInput

if TYPE_CHECKING:
    from maturity.storage.store import Store

FILES_FILTER = "Документы и изображения (*.pdf *.doc *.docx *.odt *.jpg *.jpeg *.png *.xlsx *.txt);;Все файлы (*)"


def size_text(size: int) -> str:
    return f"{max(1, round(size / 1024))} КБ" if size < 1024 * 1024 else megabytes(size)


class FileKeeper:
    """The files of one assessment (organization ``org_id``, ``year``), read and written through ``open_store``."""

    def __init__(
        self, open_store: Callable[[], AbstractContextManager[Store]], org_id: int, year: int, settings: Any = None
    ):
        self.open_store, self.org_id, self.year, self.settings = open_store, org_id, year, settings

    def names(self) -> dict[str, list[tuple[str, int]]]:
        from maturity.usecases.attachments import files_by_question

        with self.open_store() as store:
            return files_by_question(store, self.org_id, self.year)

    def attach(self, question_id: str, path: str) -> str:
        """Keep the file at ``path`` with the answer; "" or the Russian reason it was refused."""
        from maturity.usecases.attachments import attach_file, read_attachment

        try:
            attachment = read_attachment(path, question_id)
            with self.open_store() as store:
                attach_file(store, self.org_id, self.year, attachment)
        except BadInput as error:
            return str(error)
        return ""

    def remove(self, question_id: str) -> int:
        from maturity.usecases.attachments import detach_files

        with self.open_store() as store:
            return detach_files(store, self.org_id, self.year, question_id)


def files_line(files: list[tuple[str, int]]) -> str:
    """«Файлы: протокол.pdf (12 КБ), фото.jpg (1,2 МБ)», or the cap when there is none."""
    if not files:
        return f"Файлов нет (можно приложить до {megabytes(FILE_LIMIT)} на файл)"
    return "Файлы: " + ", ".join(f"{name} ({size_text(size)})" for name, size in files)
