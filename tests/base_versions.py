"""The versions of the shipped method a test can pin.

New assessments start on the newest shipped version (``fnpr-base`` 2026.1). A test whose figures were
worked out by hand under 2025.1 pins that version instead of changing its expectations:
``base_2025_1()`` (or ``load_profile("fnpr-base", BASE_2025_1)``), or the fixture ``base_profile``,
which is fnpr-base 2025.1. ``base_current()`` / the fixture ``current_base_profile`` is what a new
assessment gets.
"""

from __future__ import annotations

from maturity.method.profile import Profile, load_profile

BASE_ID = "fnpr-base"
BASE_2025_1 = "2025.1"  # the first shipped version: its figures never move
BASE_2026_1 = "2026.1"  # the version new assessments start on


def base_2025_1() -> Profile:
    """fnpr-base as of 2025.1."""
    return load_profile(BASE_ID, BASE_2025_1)


def base_current() -> Profile:
    """fnpr-base as a new assessment gets it (the newest shipped version)."""
    return load_profile(BASE_ID)


def pin_window_to_2025_1(window) -> None:
    """New assessments started in this main window use fnpr-base 2025.1 (a UI test whose expected figures are
    2025.1's: the examples' answers, the command line's figures for examples/*.json)."""
    window.view.context.default_profile = base_2025_1()
