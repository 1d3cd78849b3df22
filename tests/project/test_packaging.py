"""The packaging files: what the PyInstaller spec puts in the bundle, the icons, the .desktop entry,
the Windows installer script and the CI step.

The spec is executed here with stand-ins for PyInstaller's Analysis/PYZ/EXE/COLLECT (seconds, no
build); the real build and its self-test are scripts/build-bundle-check, run by CI.
"""

from __future__ import annotations

import ast
import configparser
import platform
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples
from PIL import Image

from maturity import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "maturity.spec"


class Recorder:
    """Stands for a PyInstaller build step: keeps its arguments."""

    made: list[Recorder]

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        type(self).made.append(self)


class Analysis(Recorder):
    made = []
    # what PyInstaller's hooks would add, for the spec's filter to sort out
    HOOK_BINARIES = [
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/venv/PySide6/Qt/lib/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", "/venv/PySide6/Qt/lib/libQt6Quick.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/venv/PySide6/Qt/lib/libQt6Network.so.6", "BINARY"),
        ("PySide6\\Qt6Pdf.dll", "C:\\venv\\PySide6\\Qt6Pdf.dll", "BINARY"),
        ("PySide6\\Qt6Gui.dll", "C:\\venv\\PySide6\\Qt6Gui.dll", "BINARY"),
        ("PySide6\\opengl32sw.dll", "C:\\venv\\PySide6\\opengl32sw.dll", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/venv/x/libqxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "/venv/x/libqoffscreen.so", "BINARY"),
        ("PySide6\\plugins\\platforms\\qwindows.dll", "C:\\venv\\x\\qwindows.dll", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", "/venv/x/libqwayland.so", "BINARY"),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", "/venv/x/libqsvg.so", "BINARY"),
        ("PySide6\\plugins\\imageformats\\qsvg.dll", "C:\\venv\\x\\qsvg.dll", "BINARY"),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", "/venv/x/libqjpeg.so", "BINARY"),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", "/venv/x/libqtiff.so", "BINARY"),
        ("PySide6/Qt/plugins/imageformats/libqico.so", "/venv/x/libqico.so", "BINARY"),
        ("PySide6\\plugins\\imageformats\\qwebp.dll", "C:\\venv\\x\\qwebp.dll", "BINARY"),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", "/venv/x/libqevdevmouseplugin.so", "BINARY"),
        ("PySide6/Qt/qml/QtQuick/libqtquick2plugin.so", "/venv/x/libqtquick2plugin.so", "BINARY"),
        ("numpy.libs/libscipy_openblas64_.so", "/venv/x/libscipy_openblas64_.so", "BINARY"),
    ]
    HOOK_DATAS = [
        ("PySide6/Qt/translations/qtbase_ru.qm", "/venv/x/qtbase_ru.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_de.qm", "/venv/x/qtbase_de.qm", "DATA"),
        ("PySide6/Qt/translations/qt_help_ru.qm", "/venv/x/qt_help_ru.qm", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", "/venv/x/DejaVuSans.ttf", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSans-Bold.ttf", "/venv/x/DejaVuSans-Bold.ttf", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSansDisplay.ttf", "/venv/x/DejaVuSansDisplay.ttf", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSansMono.ttf", "/venv/x/DejaVuSansMono.ttf", "DATA"),
        ("matplotlib\\mpl-data\\fonts\\ttf\\DejaVuSerif-Bold.ttf", "C:\\venv\\x\\DejaVuSerif-Bold.ttf", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/LastResortHE-Regular.ttf", "/venv/x/LastResortHE-Regular.ttf", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/cmsy10.ttf", "/venv/x/cmsy10.ttf", "DATA"),
        ("matplotlib\\mpl-data\\fonts\\ttf\\STIXGeneral.ttf", "C:\\venv\\x\\STIXGeneral.ttf", "DATA"),
        ("matplotlib/mpl-data/fonts/afm/cmr10.afm", "/venv/x/cmr10.afm", "DATA"),
        ("matplotlib/mpl-data/sample_data/grace_hopper.jpg", "/venv/x/grace_hopper.jpg", "DATA"),
        ("matplotlib/mpl-data/matplotlibrc", "/venv/x/matplotlibrc", "DATA"),
        ("matplotlib/mpl-data/images/home.png", "/venv/x/home.png", "DATA"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.binaries = list(self.HOOK_BINARIES)
        self.datas = list(self.HOOK_DATAS)
        self.scripts, self.pure = ["entry"], ["modules"]


class PYZ(Recorder):
    made = []


class EXE(Recorder):
    made = []


class COLLECT(Recorder):
    made = []


def run_spec(monkeypatch, system: str = "Linux") -> dict:
    for kind in (Analysis, PYZ, EXE, COLLECT):
        monkeypatch.setattr(kind, "made", [])
    monkeypatch.setattr(platform, "system", lambda: system)
    namespace = {
        "SPEC": str(SPEC),
        "Analysis": Analysis,
        "PYZ": PYZ,
        "EXE": EXE,
        "COLLECT": COLLECT,
        "__name__": "__main__",
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["made"] = {kind.__name__: kind.made for kind in (Analysis, PYZ, EXE, COLLECT)}
    return namespace


@pytest.fixture(scope="module")
def linux_spec():
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield run_spec(monkeypatch)


def bundled_paths(spec: dict) -> set[str]:
    """Every data file's place in the bundle, as '<folder>/<name>'."""
    (analysis,) = spec["made"]["Analysis"]
    return {f"{destination}/{Path(source).name}".replace("\\", "/") for source, destination in analysis.kwargs["datas"]}


def test_the_bundle_carries_the_method_files_read_with_importlib_resources(linux_spec):
    shipped = {f"questionnaires/{path.name}" for path in (ROOT / "questionnaires").glob("*.yaml")}

    assert shipped and shipped <= bundled_paths(linux_spec)


def test_the_bundle_carries_every_alembic_migration_as_a_source_file(linux_spec):
    migrations = ROOT / "maturity" / "storage" / "migrations"
    needed = {"maturity/storage/migrations/env.py"} | {
        f"maturity/storage/migrations/versions/{path.name}" for path in (migrations / "versions").glob("*.py")
    }

    assert len(needed) >= 3 and needed <= bundled_paths(linux_spec)


def test_the_bundle_carries_the_self_tests_example_and_the_window_icon(linux_spec):
    paths = bundled_paths(linux_spec)

    assert "examples/primary-small.json" in paths
    assert "ui/resources/maturity.png" in paths


def test_modules_imported_by_name_are_hidden_imports(linux_spec):
    from maturity.cli.options import COMMAND_MODULES

    hidden = set(linux_spec["a"].kwargs["hiddenimports"])

    assert set(COMMAND_MODULES) <= hidden
    assert {"alembic.op", "alembic.context", "maturity.storage.models"} <= hidden


def test_unused_qt_modules_tkinter_and_test_tools_are_excluded(linux_spec):
    excluded = set(linux_spec["a"].kwargs["excludes"])

    assert {
        "PySide6.QtNetwork",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtWebEngineCore",
        "PySide6.Qt3DCore",
        "PySide6.QtMultimedia",
        "tkinter",
        "pytest",
        "hypothesis",
        "mypy",  # the type checker: pydantic's plugin module would bring all of it in
        "pydantic.mypy",
        "matplotlib.backends.backend_tkagg",
        "PIL._imagingft",
        "PIL._webp",
        "PIL._imagingcms",
    } <= excluded
    used_by_the_app = {
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
        "matplotlib.backends.backend_qtagg",
        "PySide6.QtSvg",
        "unittest",
    }  # imported by matplotlib's qt_compat and by pyparsing
    assert not used_by_the_app & excluded


def imported_modules(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.slow
def test_nothing_the_program_imports_is_excluded_from_the_bundle(linux_spec):
    excluded = linux_spec["made"]["Analysis"][0].kwargs["excludes"]
    imported = imported_modules(ROOT / "maturity") | imported_modules(ROOT / "ui")

    def is_excluded(name: str) -> bool:
        return any(name == ex or name.startswith(ex + ".") for ex in excluded)

    assert {"PySide6.QtWidgets", "matplotlib.backends.backend_qtagg"} <= imported  # the scan sees imports
    assert sorted(name for name in imported if is_excluded(name)) == []


def test_unused_qt_libraries_plugins_translations_and_matplotlib_data_are_dropped_on_linux_and_windows(linux_spec):
    kept = {entry[0] for entry in linux_spec["a"].binaries + linux_spec["a"].datas}

    assert kept == {
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6\\Qt6Gui.dll",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqico.so",
        "numpy.libs/libscipy_openblas64_.so",
        "PySide6/Qt/translations/qtbase_ru.qm",
        "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf",
        "matplotlib/mpl-data/fonts/ttf/DejaVuSans-Bold.ttf",
        "matplotlib/mpl-data/fonts/ttf/DejaVuSansDisplay.ttf",
        "matplotlib/mpl-data/fonts/ttf/LastResortHE-Regular.ttf",
        "matplotlib/mpl-data/fonts/ttf/cmsy10.ttf",
        "matplotlib\\mpl-data\\fonts\\ttf\\STIXGeneral.ttf",
        "matplotlib/mpl-data/matplotlibrc",
        "matplotlib/mpl-data/images/home.png",
    }


def test_linux_gets_one_unstripped_executable_in_a_one_folder_bundle(linux_spec):
    (exe,) = linux_spec["made"]["EXE"]
    (collect,) = linux_spec["made"]["COLLECT"]

    assert exe.kwargs["name"] == "maturity" and exe.kwargs["exclude_binaries"] is True
    # strip breaks numpy's OpenBLAS from its wheel (the bundle's self-test caught it); UPX, Qt
    assert exe.kwargs["strip"] is False and exe.kwargs["upx"] is False
    assert collect.kwargs["strip"] is False
    assert collect.kwargs["name"] == "maturity"
    assert exe in collect.args


@pytest.mark.subprocess
def test_windows_gets_a_windowed_program_and_a_console_one_with_the_icon(monkeypatch):
    made = run_spec(monkeypatch, system="Windows")["made"]

    by_name = {exe.kwargs["name"]: exe.kwargs for exe in made["EXE"]}
    assert set(by_name) == {"maturity", "maturity-cli"}
    assert by_name["maturity"]["console"] is False and by_name["maturity-cli"]["console"] is True
    assert all(Path(kwargs["icon"]).name == "maturity.ico" and not kwargs["strip"] for kwargs in by_name.values())
    (collect,) = made["COLLECT"]
    assert all(exe in collect.args for exe in made["EXE"])


def test_the_icon_exists_in_every_size_windows_asks_for():
    with Image.open(PACKAGING / "icons" / "maturity.ico") as ico:
        sizes = ico.info["sizes"]
    with Image.open(PACKAGING / "icons" / "maturity.png") as png:
        assert png.size == (256, 256) and png.mode == "RGBA"

    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    assert (PACKAGING / "icons" / "maturity.png").read_bytes() == (
        ROOT / "ui" / "resources" / "maturity.png"
    ).read_bytes()
    assert (PACKAGING / "icons" / "maturity.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_the_desktop_entry_starts_the_bundles_program_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str
    entry.read(PACKAGING / "maturity.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]

    assert desktop["Type"] == "Application"
    assert desktop["Name[ru]"] == "Цифровая зрелость"
    assert desktop["Exec"].split()[0] == "maturity"
    assert (PACKAGING / "icons" / f"{desktop['Icon']}.png").is_file()
    assert desktop["Terminal"] == "false"
    assert desktop["Categories"].endswith(";")


def test_the_installer_script_packs_the_bundle_under_the_programs_version():
    text = (PACKAGING / "windows" / "maturity.iss").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf"), "Inno Setup reads Russian text in UTF-8 only with a BOM"
    script = text.decode("utf-8-sig")

    assert re.search(r'#define AppVersion "([^"]+)"', script).group(1) == __version__
    assert 'Source: "{#BundleDir}\\*"' in script and '#define BundleDir "..\\..\\dist\\maturity"' in script
    assert "SetupIconFile=..\\icons\\maturity.ico" in script
    assert 'MessagesFile: "compiler:Languages\\Russian.isl"' in script
    assert '#define AppExe "maturity.exe"' in script and '#define AppCli "maturity-cli.exe"' in script


def test_the_windows_build_steps_use_the_spec_and_the_installer_script():
    steps = (PACKAGING / "windows" / "BUILD.md").read_text(encoding="utf-8")

    assert "packaging\\maturity.spec" in steps and "packaging\\windows\\maturity.iss" in steps
    assert "maturity-cli.exe --self-test" in steps


def test_ci_checks_the_bundle_before_the_tests_so_that_pytests_summary_ends_the_log():
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    bundle = next(i for i, line in enumerate(lines) if "./scripts/build-bundle-check" in line)
    tests = next(i for i, line in enumerate(lines) if line.startswith("./scripts/test"))

    assert bundle < tests
    assert lines[-1] == 'exit "$bundle_status"'


# ------------------------------------------------------------------ packaging/bundle_trim.py


def load_bundle_trim():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bundle_trim", PACKAGING / "bundle_trim.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trim = load_bundle_trim()

LIBRARY_NAMES = st.sampled_from(
    [f"lib{name}.so.{n}" for name in ("gtk", "cairo", "pq", "ssl", "icu", "z", "xcb") for n in (1, 2)]
)
ROOT_NAMES = st.sampled_from(
    [
        "numpy/_core/_umath.cpython-311-x86_64-linux-gnu.so",
        "PySide6/QtGui.abi3.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "python3.11/lib-dynload/_ssl.cpython-311.so",
        "libpython3.11.so.1.0",
        "PIL\\_imaging.cp311-win_amd64.pyd",
    ]
)


@st.composite
def binary_graphs(draw):
    """Analysis binaries (roots and plain libraries), what each links, and which cannot be read."""
    names = draw(st.lists(st.one_of(LIBRARY_NAMES, ROOT_NAMES), min_size=1, max_size=12, unique=True))
    links = {name: draw(st.lists(LIBRARY_NAMES, max_size=4)) for name in names}
    unreadable = draw(st.sets(st.sampled_from(names), max_size=2))
    entries = [(name, f"/src/{name}", "BINARY") for name in names]
    return entries, links, unreadable


@given(binary_graphs())
@settings(max_examples=examples(200), deadline=None)
def test_a_library_is_dropped_exactly_when_no_root_reaches_it(graph):
    entries, links, unreadable = graph
    imports_of = {f"/src/{name}": (None if name in unreadable else links[name]) for name in links}

    dropped = trim.unneeded_libraries(entries, imports_of.get)

    roots = [name for name in links if trim.is_root_binary(name) or name in unreadable]
    reached, frontier = set(roots), list(roots)
    while frontier:
        name = frontier.pop()
        for linked in [] if name in unreadable else links[name]:
            if linked in links and linked not in reached:
                reached.add(linked)
                frontier.append(linked)
    assert dropped == set(links) - reached
    assert not any(trim.is_root_binary(name) for name in dropped)


def test_the_dropped_gtk_theme_takes_its_libraries_but_not_the_shared_ones():
    links = {
        "PySide6/Qt/plugins/platforms/libqxcb.so": ["libQt6Gui.so.6"],
        "libQt6Gui.so.6": ["libglib-2.0.so.0"],
        "libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
        "libcairo.so.2": [],
        "libglib-2.0.so.0": [],
    }
    entries = [(name, name, "BINARY") for name in links]

    assert trim.unneeded_libraries(entries, links.get) == {"libgtk-3.so.0", "libcairo.so.2"}


TREES = ("", "coll/", "curr/", "lang/", "region/", "unit/", "zone/", "rbnf/", "brkitr/")
LANGUAGES = st.from_regex(r"[a-z]{2,3}", fullmatch=True)
REGIONS = st.lists(st.from_regex(r"[A-Z]{2}|[0-9]{3}|[A-Z][a-z]{3}", fullmatch=True), max_size=2)


@given(st.sampled_from(TREES), LANGUAGES, REGIONS)
@settings(max_examples=examples(300))
def test_icu_keeps_a_locales_data_only_for_root_russian_and_english(tree, language, regions):
    name = f"icudt73l/{tree}{'_'.join([language, *regions])}.res"

    assert trim.icu_item_kept(name) == (language in ("ru", "en"))
    assert trim.icu_item_kept(f"icudt73l/{tree}root.res")


@pytest.mark.parametrize(
    "name",
    [
        "icudt73l/pool.res",
        "icudt73l/coll/pool.res",
        "icudt73l/res_index.res",
        "icudt73l/zone/res_index.res",
        "icudt73l/supplementalData.res",
        "icudt73l/likelySubtags.res",
        "icudt73l/zoneinfo64.res",
        "icudt73l/metaZones.res",
        "icudt73l/coll/ucadata.icu",
        "icudt73l/uts46.nrm",
        "icudt73l/cnvalias.icu",
        "icudt73l/brkitr/word.brk",
        "icudt73l/ibm-5347_P100-1998.cnv",
        "icudt73l/ibm-878_P100-1996.cnv",
    ],
)
def test_icu_keeps_the_tables_that_are_no_locales_and_the_cyrillic_codecs(name):
    assert trim.icu_item_kept(name)


@pytest.mark.parametrize(
    "name",
    [
        "icudt73l/translit/root.res",
        "icudt73l/translit/ru_ru_Latn_BGN.res",
        "icudt73l/brkitr/cjdict.dict",
        "icudt73l/gb18030.cnv",
        "icudt73l/ibm-943_P15A-2003.cnv",
        "icudt73l/coll/de__PHONEBOOK.res",
    ],
)
def test_icu_drops_transliterators_dictionaries_and_other_codecs(name):
    assert not trim.icu_item_kept(name)


ITEM_NAMES = st.from_regex(r"icudt73l/([a-z]{1,5}/)?[a-zA-Z0-9_]{1,12}\.(res|icu|cnv|nrm)", fullmatch=True)


@given(st.dictionaries(ITEM_NAMES, st.binary(max_size=70), min_size=1, max_size=12), st.data())
@settings(max_examples=examples(80), deadline=None)
def test_icu_common_data_keeps_the_chosen_items_byte_for_byte_sorted_and_aligned(items, data):
    header = b"\x10\x00\xda\x27" + bytes(12)  # headerSize 16, then the magic
    kept_names = data.draw(st.sets(st.sampled_from(sorted(items))))
    whole = trim.write_common_data(header, list(items.items()))

    trimmed = trim.trim_common_data(whole, kept=kept_names.__contains__)

    read_header, read_items = trim.read_common_data(trimmed)
    assert read_header == header
    assert [name for name, _ in read_items] == sorted(kept_names, key=str.encode)
    toc = trimmed[len(header) :]
    for index, (name, blob) in enumerate(read_items):
        offset = int.from_bytes(toc[8 + 8 * index : 12 + 8 * index], "little")
        assert offset % 16 == 0 and len(blob) % 16 == 0
        assert blob[: len(items[name])] == items[name] and set(blob[len(items[name]) :]) <= {0xAA}
    assert trim.write_common_data(header, read_items) == trimmed


def pyside_icu_data() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if platform.system() != "Linux" or not found:
        pytest.skip("PySide6 ships ICU's data only on Linux")
    return found[0]


@pytest.mark.subprocess
def test_pysides_icu_data_is_rewritten_byte_for_byte_and_trimmed_to_what_qt_uses(tmp_path):
    library = pyside_icu_data()
    full = tmp_path / "full.dat"
    import subprocess

    subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(full)], check=True)
    header, items = trim.read_common_data(full.read_bytes())
    assert trim.write_common_data(header, items) == full.read_bytes()

    out = trim.trimmed_icu_library(library, tmp_path / "icu")

    kept = {
        name.split("/", 1)[1] for name, _ in trim.read_common_data((tmp_path / "icu" / "icudata.dat").read_bytes())[1]
    }
    assert {
        "coll/ru.res",
        "coll/root.res",
        "coll/ucadata.icu",
        "ru.res",
        "en.res",
        "root.res",
        "pool.res",
        "res_index.res",
        "cnvalias.icu",
        "ibm-5347_P100-1998.cnv",
        "uts46.nrm",
        "zoneinfo64.res",
    } <= kept
    assert not any(name.startswith(("coll/de", "coll/zh", "translit/")) for name in kept)
    assert out.name == library.name and out.stat().st_size < library.stat().st_size / 4
    assert trim.icu_data_symbol(out) == trim.icu_data_symbol(library)
    assert trim.elf_imports(str(out)) == []


TRACE_SELF_TEST = r"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import matplotlib.font_manager as font_manager
fonts, get_font = set(), font_manager.get_font
def recording_get_font(paths, *args, **kwargs):
    fonts.update(map(str, paths if isinstance(paths, (list, tuple)) else [paths]))
    return get_font(paths, *args, **kwargs)
font_manager.get_font = recording_get_font
from maturity.usecases.selftest import run_self_test
from ui.selftest.window import WINDOW_STEP
status = run_self_test(extra_steps=(WINDOW_STEP,), out=sys.stderr)
maps = open("/proc/self/maps").read().split() if os.path.exists("/proc/self/maps") else []
print(json.dumps({"status": status, "modules": sorted(sys.modules), "fonts": sorted(fonts),
                  "libraries": sorted({word for word in maps if ".so" in word or word.endswith(".pyd")})}))
"""


@pytest.mark.subprocess
def test_nothing_the_self_test_imports_loads_or_draws_with_is_left_out_of_the_bundle(linux_spec, tmp_path):
    """The import trace of the self-test (what the bundle's own check exercises), run here from the
    installed packages: every module, font file and shared library of a package it used must pass the
    spec's exclusions and filters — the guard against dropping what the program needs."""
    import json
    import os
    import subprocess
    import sys
    import sysconfig

    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "MPLCONFIGDIR": str(tmp_path / "mpl")}
    done = subprocess.run(
        [sys.executable, "-c", TRACE_SELF_TEST], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    trace = json.loads(done.stdout.splitlines()[-1])
    assert trace["status"] == 0, done.stderr[-2000:]
    excluded = linux_spec["a"].kwargs["excludes"]
    site = Path(sysconfig.get_paths()["purelib"]).resolve()

    def in_bundle(path: str) -> str | None:
        resolved = Path(path).resolve()
        return resolved.relative_to(site).as_posix() if resolved.is_relative_to(site) else None

    assert "matplotlib.backends.backend_agg" in trace["modules"] and any("DejaVuSans" in f for f in trace["fonts"])
    assert [m for m in trace["modules"] if any(m == ex or m.startswith(ex + ".") for ex in excluded)] == []
    files = [(where, "DATA") for where in map(in_bundle, trace["fonts"]) if where]
    files += [(where, "BINARY") for where in map(in_bundle, trace["libraries"]) if where]
    assert any(where.startswith("PySide6/") for where, _ in files) or platform.system() != "Linux"
    assert [where for where, kind in files if not linux_spec["wanted"]((where, "/src", kind))] == []
