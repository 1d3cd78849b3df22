"""``maturity contest protocol|diplomas`` from the console script: Qt started without a screen, the PDF writers
handed to the core's command (:mod:`maturity.cli.contest_commands`), which assembled the results."""

from __future__ import annotations

import argparse
from pathlib import Path

from maturity.engine.contest import ContestResults
from ui.passport.command import start_qt


def write_protocol(results: ContestResults, path: str) -> None:
    start_qt()
    from ui.contest.pdf import write_protocol_pdf

    write_protocol_pdf(results, path)


def write_diplomas(results: ContestResults, folder: str) -> list[Path]:
    start_qt()
    from ui.contest.pdf import write_diplomas as write

    return write(results, folder)


def attach_contest_writers(args: argparse.Namespace) -> None:
    args.write_protocol_pdf = write_protocol
    args.write_diplomas = write_diplomas
