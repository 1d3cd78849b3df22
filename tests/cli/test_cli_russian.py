"""The command line speaks Russian to the end (issue 10, item 9): argparse's own messages, a reader that goes
away (``maturity … | head``), and the app started where there is no display.

Bad argument lists are generated: a valid call of a random command, spoiled by random mutations (an unknown
option, an option without its value, a wrong choice, a word where a number goes, an unknown command, a missing
required argument, an ambiguous abbreviation).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.cli import main
from ui.display_check import EXIT_NO_DISPLAY, display_problem, no_display_message

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "primary-small.json")
SCRATCH = Path(tempfile.mkdtemp(prefix="maturity-cli-russian-"))  # nothing may be written here: parsing fails
DB = ["--db", f"sqlite:///{SCRATCH / 'never.sqlite'}"]

VALID = {
    "score": ["score", EXAMPLE, "--json"],
    "profiles": ["profiles"],
    "import": ["import", EXAMPLE, "--on-conflict", "skip", *DB],
    "export-json": ["export-json", "--org", "A", "--year", "2025", "-o", str(SCRATCH / "x.json"), *DB],
    "export-xlsx": ["export-xlsx", "--org", "A", "--year", "2025", "-o", str(SCRATCH / "x.xlsx"), *DB],
    "export": ["export", "--year", "2025", "-o", str(SCRATCH / "r.xlsx"), *DB],
    "template": ["template", "--year", "2025", "-o", str(SCRATCH / "t.xlsx")],
    "demo": ["demo", "--seed", "1", *DB],
    "passport": ["passport", "--org", "A", "--year", "2025", "-o", str(SCRATCH / "p.pdf"), *DB],
}
NUMBER_OPTIONS = ("--year", "--seed")
REQUIRED = {
    "score": [EXAMPLE],
    "import": [EXAMPLE],
    "export-json": ["--org"],
    "export-xlsx": ["--year"],
    "export": ["-o"],
    "passport": ["--org"],
}
AMBIGUOUS = {"export-json": "--o", "export-xlsx": "--o", "passport": "--o"}  # --org or --output
ENGLISH = (
    "usage:", "error:", "the following arguments", "invalid choice", "unrecognized arguments", "expected one argument",
    "expected at", "invalid int value", "choose from", "argument ", "ambiguous option", "could match", "Traceback",
    "show this help",
)  # fmt: skip
words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzабвгдежз"), min_size=1, max_size=12)


def without(args: list[str], option: str) -> list[str]:
    """``args`` less ``option`` and the value after it (an option), or less the positional itself."""
    i = args.index(option)
    return args[:i] + args[i + (2 if option.startswith("-") else 1) :]


@st.composite
def bad_argument_lists(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(VALID)))
    args = list(VALID[command])
    kinds = ["unknown option", "unknown command", "option without value"]
    if any(o in args for o in NUMBER_OPTIONS):
        kinds.append("word for a number")
    if command == "import":
        kinds.append("wrong choice")
    if command in REQUIRED:
        kinds.append("missing required")
    if command in AMBIGUOUS:
        kinds.append("ambiguous")
    for kind in draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=3, unique=True)):
        if kind == "unknown option":
            args.insert(draw(st.integers(1, len(args))), "--x-" + draw(words))
        elif kind == "unknown command":
            args[0] = "x" + draw(words)
        elif kind == "option without value":
            args.append(
                draw(st.sampled_from(["--db", "-o", "--year", "--org", "--on-conflict", "--seed", "--profile"]))
            )
        elif kind == "word for a number":
            places = [args.index(o) + 1 for o in NUMBER_OPTIONS if o in args[:-1]]  # removed by «missing required»?
            if places:
                args[places[0]] = draw(words)
        elif kind == "wrong choice":
            args[args.index("--on-conflict") + 1] = "x" + draw(words)
        elif kind == "missing required":
            for option in REQUIRED[command]:
                if option in args:
                    args = without(args, option)
        elif kind == "ambiguous":
            args += [AMBIGUOUS[command], "value"]
    return args


def assert_russian_refusal(code, out: str, err: str) -> None:
    assert code == 2
    assert out == ""
    assert "ошибка в параметрах: " in err
    assert err.splitlines()[0].startswith("использование: maturity")
    for phrase in ENGLISH:
        assert phrase not in err, phrase
    assert list(SCRATCH.iterdir()) == []


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(args=bad_argument_lists())
def test_bad_arguments_are_refused_in_russian_with_exit_2(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    assert_russian_refusal(code, out.getvalue(), err.getvalue())


@pytest.mark.subprocess
@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(args=bad_argument_lists(), entry=st.sampled_from(["maturity", "ui.launcher"]))
def test_bad_arguments_as_a_user_types_them_are_refused_in_russian(args, entry):
    done = subprocess.run(
        [sys.executable, "-m", entry, *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert_russian_refusal(done.returncode, done.stdout, done.stderr)


def test_help_is_russian_to_the_last_word():
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--help"]) == 0
    text = out.getvalue()
    assert text.startswith("использование: maturity")
    assert "параметры:" in text and "показать эту справку и выйти" in text and "показать версию программы" in text
    for phrase in ("usage:", "options:", "positional arguments", "show this help", "show program's version"):
        assert phrase not in text


# argparse prints help and version itself and swallows the failed write (exit 0); our own output exits 1
PIPED = [(["profiles"], 1), (["score", EXAMPLE], 1), (["score", "--json", EXAMPLE], 1), (["--help"], 0),
         (["score", "--help"], 0), (["--version"], 0)]  # fmt: skip


@pytest.mark.subprocess
@pytest.mark.parametrize(("args", "code"), PIPED, ids=[" ".join(Path(x).name for x in a) for a, _ in PIPED])
@pytest.mark.parametrize("entry", ["maturity", "ui.launcher"])
def test_a_reader_that_went_away_gets_no_broken_pipe_message(entry, args, code):
    child = subprocess.Popen([sys.executable, "-m", entry, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # the reader is gone before the program writes its first byte
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=120) == code
    assert err == b""


@pytest.mark.subprocess
def test_maturity_profiles_piped_into_head_prints_nothing_on_stderr():
    done = subprocess.run(
        f"'{sys.executable}' -m maturity profiles | head -c1", shell=True, capture_output=True, timeout=120
    )
    assert done.stdout == b"f"  # fnpr-base …
    assert done.stderr == b""


def headless_environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, **extra}


@pytest.mark.subprocess
def test_the_app_without_a_display_says_so_in_russian_instead_of_qts_abort():
    done = subprocess.run(
        [sys.executable, "-m", "ui.launcher"], env=headless_environment(),
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == EXIT_NO_DISPLAY
    assert done.stderr == no_display_message("не заданы DISPLAY и WAYLAND_DISPLAY")
    assert "maturity --help" in done.stderr and "maturity score ФАЙЛ" in done.stderr
    assert done.stdout == ""


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "extra",
    [{"DISPLAY": ":987"}, {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":987"}, {"QT_QPA_PLATFORM": "no-such-plugin"}],
    ids=["unreachable display", "xcb on an unreachable display", "unknown platform plugin"],
)
def test_a_platform_plugin_qt_cannot_start_gives_the_russian_message_not_an_abort(extra):
    done = subprocess.run(
        [sys.executable, "-m", "ui.launcher"], env=headless_environment(**extra),
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == EXIT_NO_DISPLAY  # not -6 (SIGABRT)
    assert done.stderr.startswith(no_display_message("Qt не смог открыть экран"))
    assert "Сообщение Qt:" in done.stderr


@settings(max_examples=examples(300))
@given(
    platform=st.sampled_from(["linux", "freebsd13", "win32", "darwin", "cygwin"]),
    display=st.sampled_from([None, "", ":0"]),
    wayland=st.sampled_from([None, "", "wayland-0"]),
    qpa=st.sampled_from([None, "", "xcb", "wayland", "wayland-egl", "xcb;wayland", "offscreen", "vnc:size=800x600",
                         "eglfs", "minimal", "wayland;offscreen"]),
)  # fmt: skip
def test_a_window_is_tried_only_where_one_can_open(platform, display, wayland, qpa):
    env = {
        k: v for k, v in (("DISPLAY", display), ("WAYLAND_DISPLAY", wayland), ("QT_QPA_PLATFORM", qpa)) if v is not None
    }
    own_screen = platform.startswith(("win", "darwin", "cygwin"))
    other_platform = bool(qpa) and any(not p.split(":")[0].startswith(("xcb", "wayland")) for p in qpa.split(";"))
    can_open = own_screen or bool(display) or bool(wayland) or other_platform
    assert (display_problem(env, platform) is None) == can_open
