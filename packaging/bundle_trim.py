"""What packaging/maturity.spec leaves out of the Linux bundle beyond its lists of names, and how.

Two jobs, both measured on the built bundle (scripts/build-bundle-check prints the sizes):

1. Shared libraries nothing needs. PyInstaller collects the dependencies of every binary its hooks
   find, then the spec drops unused Qt plugins (the GTK theme, Wayland...) — but not what those
   plugins alone pulled in (GTK, Pango, Cairo, GIO: about 10 MB). :func:`unneeded_libraries` keeps
   what the kept extension modules, Qt plugins and libpython need, transitively, and names the rest.

2. ICU's data. PySide6's QtCore links ICU, whose libicudata.so.73 is one 31 MB table of every
   locale, converter and dictionary. Qt uses ICU for collation (QCollator), locale case mapping and
   text codecs; the program's locale is Russian (ui.app sets ru_RU), English is Qt's own. So the
   library is rebuilt with the same name and symbol but only the root, Russian and English locale
   data, the non-locale tables and the Cyrillic codecs (:func:`icu_item_kept`): about 4 MB. A locale
   left out falls back to ICU's root data (CLDR's default order and case rules), it does not fail.

Only Python's standard library here, and binutils (objcopy, as, ld), which PyInstaller already
needs on Linux. tests/project/test_packaging.py checks both with generated cases.
"""

from __future__ import annotations

import re
import struct
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

# ------------------------------------------------------------------ shared libraries nothing needs


def is_root_binary(destination: str) -> bool:
    """Loaded by Python or Qt by path (not as another library's dependency): always kept.

    Extension modules (*.cpython-*.so, *.abi3.so, *.pyd, lib-dynload/), Qt plugins, libpython."""
    where = destination.replace("\\", "/")
    name = where.rsplit("/", 1)[-1]
    return (
        ".cpython-" in name
        or ".abi3." in name
        or name.endswith(".pyd")
        or "/lib-dynload/" in "/" + where
        or "/plugins/" in "/" + where
        or name.startswith(("libpython", "python3"))
    )


def unneeded_libraries(
    binaries: Iterable[tuple[str, str, str]], imports_of: Callable[[str], Iterable[str] | None]
) -> set[str]:
    """Destinations of the shared libraries that no kept binary needs, directly or through others.

    ``binaries`` are the analysis' (destination, source, kind) entries; ``imports_of(source)`` gives
    the names a binary links (its NEEDED entries), or None when it cannot be read — then the binary
    is kept and counted as a root, so that a doubt keeps a file rather than drops one."""
    entries = list(binaries)
    by_name: dict[str, list[tuple[str, str]]] = {}
    for destination, source, _kind in entries:
        by_name.setdefault(basename(destination), []).append((destination, source))
    needs: dict[str, list[str]] = {}
    roots = []
    for destination, source, _kind in entries:
        imported = imports_of(source)
        needs[destination] = [] if imported is None else [basename(name) for name in imported]
        if imported is None or is_root_binary(destination):
            roots.append(destination)
    kept: set[str] = set()
    sources = {destination: source for destination, source, _kind in entries}
    stack = roots
    while stack:
        destination = stack.pop()
        if destination in kept:
            continue
        kept.add(destination)
        for name in needs.get(destination, []):
            stack.extend(other for other, _ in by_name.get(name, []) if other not in kept)
    return set(sources) - kept


def basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


# ------------------------------------------------------------------ ICU's data


ICU_MAGIC = b"\xda\x27"
PADDING = b"\xaa"  # what icupkg pads with: a rewrite of untrimmed data is the same file, byte for byte
KEPT_LANGUAGES = ("root", "ru", "en")
# Cyrillic codecs, for QStringDecoder("windows-1251") and the like; UTF-*, Latin-1, ASCII need no table
KEPT_CONVERTERS = ("ibm-1251_P100-1995", "ibm-5347_P100-1998", "ibm-866_P100-1995", "ibm-878_P100-1996")
LOCALE_FILE = re.compile(r"^(?P<language>[a-z]{2,3}|root)(_[A-Za-z0-9]*)*\.res$")
NOT_LOCALES = ("res_index.res",)  # the index of a tree's locales: looks like one, is needed


def icu_item_kept(name: str) -> bool:
    """Whether an item of ICU's common data ('icudt73l/coll/ru.res') stays in the trimmed data.

    Out: other languages' locale data in every tree (collation, names, currencies, units, zones...),
    the transliterators (Qt has no use for them), the word-break dictionaries of Chinese, Japanese,
    Thai, Khmer, Lao and Burmese, and codec tables other than the Cyrillic ones. In: everything else —
    the non-locale tables (normalization, properties, time zones, likely subtags, plural rules...)."""
    parts = name.split("/")
    leaf = parts[-1]
    tree = parts[1] if len(parts) > 2 else ""
    if tree == "translit" or leaf.endswith(".dict"):
        return False
    if leaf.endswith(".cnv"):
        return leaf[: -len(".cnv")] in KEPT_CONVERTERS
    match = LOCALE_FILE.match(leaf)
    if match and leaf not in NOT_LOCALES:
        return match.group("language") in KEPT_LANGUAGES
    return True


def read_common_data(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """ICU's common data file (a table of contents, then the items): its header and (name, bytes) items."""
    if len(data) < 4 or data[2:4] != ICU_MAGIC:
        raise ValueError("not ICU common data (no magic number)")
    header_size = struct.unpack_from("<H", data, 0)[0]
    toc = data[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    ends = [offset for _, offset in entries[1:]] + [len(toc)] if entries else []
    items = []
    for (name_offset, data_offset), end in zip(entries, ends, strict=True):
        name = toc[name_offset : toc.index(b"\0", name_offset)].decode("ascii")
        items.append((name, toc[data_offset:end]))
    return data[:header_size], items


def write_common_data(header: bytes, items: Iterable[tuple[str, bytes]]) -> bytes:
    """The common data file of these items: names sorted (ICU looks them up by binary search), each
    item 16-byte aligned, as ICU's icupkg writes it."""
    ordered = sorted(items, key=lambda item: item[0].encode("ascii"))
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in ordered)
    names_offset = 4 + 8 * len(ordered)
    offset = align(names_offset + len(names))
    entries, blobs, name_offset = [], [], names_offset
    for name, blob in ordered:
        entries.append(struct.pack("<II", name_offset, offset))
        name_offset += len(name) + 1
        padded = blob + PADDING * (align(len(blob)) - len(blob))
        blobs.append(padded)
        offset += len(padded)
    toc = struct.pack("<I", len(ordered)) + b"".join(entries) + names
    toc += PADDING * (align(len(toc)) - len(toc))
    return header + toc + b"".join(blobs)


def align(size: int, to: int = 16) -> int:
    return (size + to - 1) // to * to


def trim_common_data(data: bytes, kept: Callable[[str], bool] = icu_item_kept) -> bytes:
    header, items = read_common_data(data)
    return write_common_data(header, [(name, blob) for name, blob in items if kept(name)])


def icu_data_symbol(library: Path) -> str:
    """The name of the data's symbol in libicudata ('icudt73_dat'), which libicuuc links by name."""
    symbols = subprocess.run(["readelf", "-sW", "--dyn-syms", str(library)], capture_output=True, text=True,
                             check=True).stdout
    found = sorted(set(re.findall(r"\b(icudt\d+_dat)\b", symbols)))
    if len(found) != 1:
        raise ValueError(f"{library}: expected one icudt*_dat symbol, found {found}")
    return found[0]


def trimmed_icu_library(library: Path, work: Path) -> Path:
    """libicudata.so.NN rebuilt in ``work`` with only the kept items: same file name, soname and symbol."""
    work.mkdir(parents=True, exist_ok=True)
    symbol = icu_data_symbol(library)
    full = work / "icudata-full.dat"
    subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(full)], check=True)
    trimmed = work / "icudata.dat"
    trimmed.write_bytes(trim_common_data(full.read_bytes()))
    assembly = work / "icudata.s"
    assembly.write_text(
        f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n{symbol}:\n'
        f'\t.incbin "{trimmed.name}"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    out = work / library.name
    subprocess.run(["as", "-o", "icudata.o", assembly.name], cwd=work, check=True)
    subprocess.run(["ld", "-shared", "-soname", library.name, "-o", out.name, "icudata.o"], cwd=work, check=True)
    return out


# ------------------------------------------------------------------ both, on the analysis' binaries


def elf_imports(path: str) -> list[str] | None:
    """The NEEDED entries of a shared object (readelf), or None when it cannot be read."""
    if not Path(path).is_file():
        return None
    done = subprocess.run(["readelf", "-dW", path], capture_output=True, text=True)
    if done.returncode != 0:
        return None
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", done.stdout)


def slim_linux_binaries(
    binaries: list[tuple[str, str, str]], work: Path, imports_of: Callable[[str], Iterable[str] | None] = elf_imports
) -> list[tuple[str, str, str]]:
    """The analysis' binaries without the unneeded libraries, with ICU's data trimmed; prints what it did."""
    dropped = unneeded_libraries(binaries, imports_of)
    kept = []
    for destination, source, kind in binaries:
        if destination in dropped:
            continue
        if re.fullmatch(r"libicudata\.so\.\d+", basename(destination)) and Path(source).is_file():
            trimmed = trimmed_icu_library(Path(source), work / "icu")
            print(f"bundle_trim: {destination}: ICU data {size_mb(source)} → {size_mb(trimmed)} (root, ru, en)")
            source = str(trimmed)
        kept.append((destination, source, kind))
    total = sum(Path(source).stat().st_size for destination, source, _ in binaries
                if destination in dropped and Path(source).is_file())
    print(f"bundle_trim: {len(dropped)} libraries nothing needs, {total / 2**20:.1f} MB: "
          + ", ".join(sorted(basename(d) for d in dropped)))
    return kept


def size_mb(path: str | Path) -> str:
    return f"{Path(path).stat().st_size / 2**20:.1f} MB"
