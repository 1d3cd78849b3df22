"""The ``maturity`` console script: a sub-command runs the command line, none opens the app.

Kept free of Qt imports so that the command line starts fast; the app is imported only when
it is opened.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def app_database(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, URL or None) when the arguments only open the app (nothing, ``--db URL``).

    The app is then started without building the command line's parser, whose sub-command
    modules would import the method's libraries before the window is on screen.
    """
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return True, argv[0][len("--db=") :]
    return False, None


def main(argv: Sequence[str] | None = None) -> int | str | None:
    from maturity.cli.broken_pipe import exit_quietly_on_broken_pipe

    return exit_quietly_on_broken_pipe(lambda: _main(argv))


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    opens_app, db_url = app_database(argv)
    if not opens_app:
        from maturity.cli.parser import parse_args, run_command

        args = parse_args(argv)
        if args.self_test:  # the core's checks and the main window's, off screen
            from maturity.usecases.selftest import run_self_test
            from ui.selftest.window import WINDOW_STEP

            return run_self_test(extra_steps=(WINDOW_STEP,))
        if args.command == "passport":  # the PDF is painted by Qt: only this command loads it
            from ui.passport.command import attach_pdf_writer

            attach_pdf_writer(args)
        if args.command == "contest":  # the protocol's and the diplomas' PDFs, too
            from ui.contest.command import attach_contest_writers

            attach_contest_writers(args)
        if args.command is not None:
            return run_command(args)
        db_url = args.db
    from ui.display_check import EXIT_NO_DISPLAY, display_problem, no_display_message

    problem = display_problem()
    if problem:  # before Qt is loaded: Qt would abort the process
        sys.stderr.write(no_display_message(problem))
        return EXIT_NO_DISPLAY
    from ui.app import run_app

    return run_app(db_url=db_url)


if __name__ == "__main__":
    sys.exit(main())
