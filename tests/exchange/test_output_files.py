"""Output files (issue 10, item 6): ``-o`` replaces only a regular file, keeps its mode (or gives a new file
0666 less the umask), and a full disk costs nothing: one Russian sentence, no temporary file, the old file intact.

Targets are generated over their kinds (new name, regular file of any mode, link to a file, folder, missing
folder, fifo, /dev/null, a path under a file, a NUL byte) and written by every writer of the core; disk errors
are injected at every write point the helper has. A real full disk (a 64 KiB tmpfs) is in test_cli_outputs.py.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from matplotlib.figure import Figure
from workbook_helpers import example

from maturity.errors import BadInput
from maturity.exchange.assessment_json import read_assessment_json, write_assessment_json
from maturity.exchange.blank_form import write_blank_form
from maturity.exchange.workbook_export import write_assessment_workbook
from maturity.method.profile import load_profile
from maturity.output_files import OutputError, write_output
from maturity.views.compare_charts import save_figure

DOCUMENT = example()
PROFILE = load_profile("fnpr-base")


def _figure() -> Figure:
    figure = Figure(figsize=(2, 2))
    figure.add_subplot().plot([1, 2, 3], [3, 1, 2])
    return figure


FIGURE = _figure()

# name: (suffix, write(path), is the written file right?)
WRITERS: dict[str, tuple[str, Callable[[Path], object], Callable[[Path], bool]]] = {
    "json": (
        ".json",
        lambda p: write_assessment_json(DOCUMENT, p),
        lambda p: read_assessment_json(p).year == DOCUMENT.year,
    ),
    "workbook": (".xlsx", lambda p: write_assessment_workbook(DOCUMENT, p), lambda p: p.read_bytes()[:2] == b"PK"),
    "blank form": (".xlsx", lambda p: write_blank_form(PROFILE, p, year=2025), lambda p: p.read_bytes()[:2] == b"PK"),
    "png chart": (".png", lambda p: save_figure(FIGURE, p), lambda p: p.read_bytes()[:4] == b"\x89PNG"),
    "svg chart": (".svg", lambda p: save_figure(FIGURE, p), lambda p: b"<svg" in p.read_bytes()),
    "bytes": (".bin", lambda p: write_output(p, b"new contents"), lambda p: p.read_bytes() == b"new contents"),
}
OLD = b"old contents"
WRITTEN_KINDS = ("new file", "regular file", "link to a file")
REFUSED_KINDS = ("folder", "missing folder", "fifo", "/dev/null", "under a regular file", "NUL byte", "empty name")
MODES = (0o600, 0o640, 0o644, 0o664, 0o666, 0o444, 0o400, 0o755)
UMASKS = (0o022, 0o002, 0o077, 0o027)
names = st.text(st.sampled_from("abcxyzабвгдеёжяЮ0123456789 -_.,()«»"), min_size=1, max_size=40).filter(
    lambda s: s.strip(" .") == s and s not in (".", "..")
)


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@contextmanager
def no_unraisable() -> Iterator[list]:
    """Collect what Python would print as «Exception ignored in …» while the block runs (and after a gc)."""
    seen: list = []
    old_hook = sys.unraisablehook
    sys.unraisablehook = seen.append
    try:
        yield seen
        gc.collect()
    finally:
        sys.unraisablehook = old_hook


def listing(folder: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for entry in sorted(folder.rglob("*")):
        key = str(entry.relative_to(folder))
        if entry.is_symlink():
            out[key] = "link → " + os.readlink(entry)
        elif entry.is_file():
            out[key] = entry.read_bytes()
        else:
            out[key] = stat.filemode(entry.lstat().st_mode)[0]
    return out


def make_target(root: Path, kind: str, name: str, mode: int) -> Path:
    """A target of ``kind`` under ``root`` (old files hold OLD with ``mode``)."""
    if kind == "new file":
        return root / name
    if kind == "regular file":
        (root / name).write_bytes(OLD)
        os.chmod(root / name, mode)
        return root / name
    if kind == "link to a file":
        real = root / "настоящий" / name
        real.parent.mkdir()
        real.write_bytes(OLD)
        os.chmod(real, mode)
        (root / name).symlink_to(real)
        return root / name
    if kind == "folder":
        (root / name).mkdir()
        return root / name
    if kind == "missing folder":
        return root / "нет такой папки" / name
    if kind == "fifo":
        os.mkfifo(root / name)
        return root / name
    if kind == "/dev/null":
        return Path(os.devnull)
    if kind == "under a regular file":
        (root / "файл").write_bytes(OLD)
        return root / "файл" / name
    if kind == "NUL byte":
        return root / name.replace(name[0], "\0", 1)
    if kind == "empty name":
        return Path("")
    raise AssertionError(kind)


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    writer=st.sampled_from(sorted(WRITERS)),
    kind=st.sampled_from(WRITTEN_KINDS),
    stem=names,
    mode=st.sampled_from(MODES),
    mask=st.sampled_from(UMASKS),
)
def test_a_regular_file_or_a_new_name_is_written_with_the_old_mode_or_0666_less_the_umask(
    writer, kind, stem, mode, mask
):
    suffix, write, is_right = WRITERS[writer]
    with tempfile.TemporaryDirectory() as folder, umask(mask):
        root = Path(folder)
        target = make_target(root, kind, stem + suffix, mode)
        real = target.resolve()
        writable = kind == "new file" or os.access(real, os.W_OK)  # root may write a 0444 file; others may not
        if not writable:
            with pytest.raises(OutputError, match="защищён от записи"):
                write(target)
            assert real.read_bytes() == OLD
            return
        write(target)
        assert is_right(real)
        expected_mode = 0o666 & ~mask if kind == "new file" else mode
        assert stat.S_IMODE(real.stat().st_mode) == expected_mode
        if kind == "link to a file":
            assert target.is_symlink() and target.resolve() == real
        leftovers = [p.name for p in root.rglob("*.tmp")]
        assert leftovers == []


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(writer=st.sampled_from(sorted(WRITERS)), kind=st.sampled_from(REFUSED_KINDS), stem=names)
def test_anything_but_a_regular_file_is_refused_with_a_reason_and_nothing_changes(writer, kind, stem):
    suffix, write, _ = WRITERS[writer]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        target = make_target(root, kind, stem + suffix, 0o644)
        before = listing(root)
        with pytest.raises(BadInput) as refused:  # OutputError, or a chart's «only PNG or SVG»
            write(target)
        message = str(refused.value)
        assert "\n" not in message and any("а" <= c <= "я" for c in message.lower())
        assert listing(root) == before
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # /dev/null is still the device


def test_dev_null_is_refused_and_stays_a_device():
    with pytest.raises(OutputError, match="не обычный файл"):
        write_assessment_json(DOCUMENT, os.devnull)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


class DiskFull:
    """Fails one write point of the helper in ``folder`` with ``code``; ``cut`` bytes reach the file first.

    ``os`` is one module for everyone: creating files elsewhere (openpyxl's own temporary files) is left alone.
    """

    def __init__(self, folder: Path, point: str, code: int, cut: int):
        self.folder, self.point, self.code, self.cut, self.written = folder, point, code, cut, 0
        self.real = {name: getattr(os, name) for name in ("open", "write", "fsync", "replace")}

    def error(self) -> OSError:
        return OSError(self.code, os.strerror(self.code))

    def open(self, path, flags, mode=0o777, *args, **kwargs):
        if self.point == "create" and flags & os.O_CREAT and Path(path).parent == self.folder:  # not openpyxl's
            raise self.error()
        return self.real["open"](path, flags, mode, *args, **kwargs)

    def write(self, fd, data):
        if self.point != "write":
            return self.real["write"](fd, data)
        if self.written == 0:  # the first call gets the whole file: the disk holds less than all of it
            self.cut = min(self.cut, len(data) - 1)
        room = self.cut - self.written
        if room <= 0:
            raise self.error()
        done = self.real["write"](fd, bytes(data[:room]))
        self.written += done
        return done

    def fsync(self, fd):
        if self.point == "fsync":
            raise self.error()
        return self.real["fsync"](fd)

    def replace(self, source, target):
        if self.point == "replace":
            raise self.error()
        return self.real["replace"](source, target)

    @contextmanager
    def installed(self) -> Iterator[None]:
        with (
            mock.patch("maturity.output_files.os.open", self.open),
            mock.patch("maturity.output_files.os.write", self.write),
            mock.patch("maturity.output_files.os.fsync", self.fsync),
            mock.patch("maturity.output_files.os.replace", self.replace),
        ):
            yield


@pytest.mark.slow
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    writer=st.sampled_from(sorted(WRITERS)),
    point=st.sampled_from(("create", "write", "fsync", "replace")),
    code=st.sampled_from((errno.ENOSPC, errno.EDQUOT, errno.EFBIG)),
    cut=st.integers(0, 20_000),
    old=st.booleans(),
    stem=names,
)
def test_a_full_disk_at_any_write_point_leaves_the_old_file_and_no_temporary_file(writer, point, code, cut, old, stem):
    suffix, write, _ = WRITERS[writer]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        target = root / (stem + suffix)
        if old:
            target.write_bytes(OLD)
        before = listing(root)
        with no_unraisable() as unraisable, DiskFull(root, point, code, cut).installed():
            with pytest.raises(OutputError) as refused:
                write(target)
        assert str(refused.value) == f"на диске нет места: файл «{target}» не записан"
        assert refused.value.__cause__ is None and refused.value.__context__ is None
        assert listing(root) == before
        assert unraisable == []


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EACCES, "нет права записи"),
        (errno.EROFS, "диск открыт только для чтения"),
        (errno.EIO, "ошибка ввода-вывода на диске"),
    ],
)
def test_other_write_errors_are_one_russian_sentence_too(tmp_path, code, reason):
    target = tmp_path / "a.json"
    with DiskFull(tmp_path, "create", code, 0).installed(), pytest.raises(OutputError) as refused:
        write_assessment_json(DOCUMENT, target)
    assert str(refused.value) == f"файл «{target}» не записан: {reason}"
    assert list(tmp_path.iterdir()) == []
