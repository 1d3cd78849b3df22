"""``maturity passport`` from the console script: Qt started without a screen, the PDF writer handed to
the core's command (:mod:`maturity.cli.passport_commands`), which assembled the content."""

from __future__ import annotations

import argparse
import os
import sys

from maturity.usecases.passport import Passport


def start_qt() -> None:
    """A QGuiApplication for fonts and images (none is shown): on Linux the offscreen platform unless
    the user chose one, so the command works without a display (over SSH, in cron)."""
    if sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        QGuiApplication(sys.argv[:1])


def write_pdf(passport: Passport, path: str) -> None:
    start_qt()
    from ui.passport.pdf import write_passport_pdf

    write_passport_pdf(passport, path)


def attach_pdf_writer(args: argparse.Namespace) -> None:
    args.write_pdf = write_pdf
