"""Writing the program's output files (JSON, workbooks, charts) so that a failure never costs a file.

Every writer hands its finished bytes to :func:`write_output`, which

1. checks the target (:func:`check_output_path`): it must be a regular file or a new name in an
   existing folder. A folder, a missing folder, a device (``/dev/null`` included: replacing it
   would put a regular file in its place), a pipe, a socket, a file protected from writing and a
   name with a NUL byte are refused with a Russian reason. A symbolic link is followed: the file
   it points to is replaced and the link stays;
2. writes the bytes to a temporary file in the target's folder, syncs it to disk, gives it the
   mode of the file it replaces — or, for a new file, the mode any program would give it,
   ``0o666`` less the umask (0644 under the usual umask 022) — and renames it over the target.

On any failure the temporary file is removed and the old file stays as it was. An ``OSError``
becomes an :class:`OutputError` (a :class:`~maturity.errors.BadInput`: exit code 2 on the command
line) with one Russian sentence; a full disk reads «на диске нет места: файл «…» не записан».
Producing the bytes in memory first (``workbook.save(BytesIO())``, ``figure.savefig(BytesIO())``)
keeps half-written zip archives and their finalizers («Exception ignored …») away from the disk.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from maturity.errors import BadInput, os_why

NEW_FILE_MODE = 0o666  # less the umask, applied by the kernel when the temporary file is created
_NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_REASONS = {
    errno.EACCES: "нет права записи",
    errno.EPERM: "нет права записи",
    errno.EROFS: "диск открыт только для чтения",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
    errno.ELOOP: "символические ссылки ведут по кругу",
    errno.EIO: "ошибка ввода-вывода на диске",
    errno.EISDIR: "это папка, а не файл",
    errno.ENOTDIR: "часть пути — не папка",
    errno.ENOENT: "папка не существует",
    errno.EXDEV: "файл и его папка на разных дисках",
}
_MAX_TEMP_PREFIX = 200  # bytes of the target's name kept in the temporary name (a name holds at most 255)


class OutputError(BadInput):
    """A file the program could not write, with the reason in Russian as ``str()``."""


def shown(path: str | os.PathLike[str]) -> str:
    """The path as a person reads it in a message: a NUL byte shown as «\\0»."""
    return os.fspath(path).replace("\0", "\\0")


def failure(path: str | os.PathLike[str], error: OSError) -> OutputError:
    """The one sentence for an ``OSError`` met while writing ``path``."""
    if error.errno in _NO_SPACE:
        return OutputError(f"на диске нет места: файл «{shown(path)}» не записан")
    reason = _REASONS.get(error.errno or 0) or os_why(error)
    return OutputError(f"файл «{shown(path)}» не записан: {reason}")


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """The file to replace or create for ``path`` (a link followed), or OutputError with the reason."""
    text = os.fspath(path)
    if not text:
        raise OutputError("не указан файл, в который записать")
    if "\0" in text:
        raise OutputError(f"«{shown(text)}»: в имени файла нулевой символ; укажите другое имя")
    target = Path(os.path.realpath(text)) if os.path.islink(text) else Path(text)
    try:
        status = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise failure(text, error) from None
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise OutputError(f"«{shown(text)}» — папка, а не файл; укажите имя файла")
        if not stat.S_ISREG(status.st_mode):
            raise OutputError(
                f"«{shown(text)}» — не обычный файл (устройство, канал или сокет); "
                "программа записывает только в обычный файл"
            )
        if not os.access(target, os.W_OK):
            raise OutputError(f"файл «{shown(text)}» защищён от записи")
    folder = target.parent
    if not folder.is_dir():
        if folder.exists():
            raise OutputError(f"«{shown(folder)}» — не папка: файл «{shown(text)}» не записан")
        raise OutputError(f"папка «{shown(folder)}» не существует: файл «{shown(text)}» не записан")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"нет права записи в папку «{shown(folder)}»: файл «{shown(text)}» не записан")
    return target


def write_output(path: str | os.PathLike[str], data: bytes | bytearray | memoryview) -> Path:
    """Replace or create the file ``path`` with ``data`` atomically; returns the file written.

    Raises OutputError (a BadInput) with a Russian reason; the old file is then untouched and no
    temporary file is left behind.
    """
    target = check_output_path(path)
    try:
        replaced = target.stat()
    except FileNotFoundError:
        replaced = None
    except OSError as stat_error:
        raise failure(path, stat_error) from None
    error: OSError | None = None
    temporary = None
    try:
        temporary, fd = _create_temporary(target)
        try:
            _write_all(fd, memoryview(data).cast("B"))
            os.fsync(fd)
        finally:
            os.close(fd)
        if replaced is not None:
            _copy_identity(temporary, replaced)
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        error = exc
    finally:  # also on KeyboardInterrupt: never leave the temporary file behind
        if temporary is not None:
            _remove_quietly(temporary)
    if error is not None:  # raised outside the handler: no chained OSError trace
        raise failure(path, error)
    _sync_folder(target.parent)
    return target


def _create_temporary(target: Path) -> tuple[Path, int]:
    name = target.name
    prefix = "." + name if len(name.encode("utf-8", "surrogateescape")) <= _MAX_TEMP_PREFIX else ".maturity"
    for _ in range(100):
        candidate = target.parent / f"{prefix}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), NEW_FILE_MODE)
        except FileExistsError:
            continue
        return candidate, fd
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _write_all(fd: int, data: memoryview) -> None:
    while data:
        written = os.write(fd, data)
        data = data[written:]


def _copy_identity(path: Path, replaced: os.stat_result) -> None:
    """The replaced file's permissions (and, where allowed, its owner and group)."""
    if hasattr(os, "chown"):
        try:
            os.chown(path, replaced.st_uid, replaced.st_gid)
        except PermissionError:  # only root may give a file away; the mode is what matters
            pass
    os.chmod(path, stat.S_IMODE(replaced.st_mode) & 0o777)  # after chown, which may clear set-id bits


def _sync_folder(folder: Path) -> None:
    """Make the rename durable where the system allows opening a folder (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
