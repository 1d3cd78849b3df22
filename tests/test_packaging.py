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
from PIL import Image

from maturity import __version__

ROOT = Path(__file__).resolve().parent.parent
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
        ("PySide6/Qt/qml/QtQuick/libqtquick2plugin.so", "/venv/x/libqtquick2plugin.so", "BINARY"),
        ("numpy.libs/libscipy_openblas64_.so", "/venv/x/libscipy_openblas64_.so", "BINARY"),
    ]
    HOOK_DATAS = [
        ("PySide6/Qt/translations/qtbase_ru.qm", "/venv/x/qtbase_ru.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_de.qm", "/venv/x/qtbase_de.qm", "DATA"),
        ("PySide6/Qt/translations/qt_help_ru.qm", "/venv/x/qt_help_ru.qm", "DATA"),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", "/venv/x/DejaVuSans.ttf", "DATA"),
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
    namespace = {"SPEC": str(SPEC), "Analysis": Analysis, "PYZ": PYZ, "EXE": EXE, "COLLECT": COLLECT,
                 "__name__": "__main__"}
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
    return {
        f"{destination}/{Path(source).name}".replace("\\", "/")
        for source, destination in analysis.kwargs["datas"]
    }


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

    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore",
            "PySide6.Qt3DCore", "PySide6.QtMultimedia", "tkinter", "pytest", "hypothesis",
            "matplotlib.backends.backend_tkagg"} <= excluded
    used_by_the_app = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "matplotlib.backends.backend_qtagg",
                       "PySide6.QtSvg", "unittest"}  # imported by matplotlib's qt_compat and by pyparsing
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


def test_nothing_the_program_imports_is_excluded_from_the_bundle(linux_spec):
    excluded = linux_spec["made"]["Analysis"][0].kwargs["excludes"]
    imported = imported_modules(ROOT / "maturity") | imported_modules(ROOT / "ui")

    def is_excluded(name: str) -> bool:
        return any(name == ex or name.startswith(ex + ".") for ex in excluded)

    assert {"PySide6.QtWidgets", "matplotlib.backends.backend_qtagg"} <= imported  # the scan sees imports
    assert sorted(name for name in imported if is_excluded(name)) == []


def test_unused_qt_libraries_plugins_and_translations_are_dropped_on_linux_and_windows(linux_spec):
    kept = {entry[0] for entry in linux_spec["a"].binaries + linux_spec["a"].datas}

    assert kept == {
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6\\Qt6Gui.dll",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "numpy.libs/libscipy_openblas64_.so",
        "PySide6/Qt/translations/qtbase_ru.qm",
        "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf",
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
    assert (PACKAGING / "icons" / "maturity.png").read_bytes() == (ROOT / "ui" / "resources" / "maturity.png").read_bytes()
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
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    bundle = next(i for i, line in enumerate(lines) if "./scripts/build-bundle-check" in line)
    tests = next(i for i, line in enumerate(lines) if line.startswith("./scripts/test"))

    assert bundle < tests
    assert lines[-1] == 'exit "$bundle_status"'
