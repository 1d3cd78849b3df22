"""The ``maturity`` console script: a sub-command runs the command line, none opens the app.

Kept free of Qt imports so that the command line starts fast; the app is imported only when
it is opened.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from maturity.cli import parse_args, run_command


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command is not None:
        return run_command(args)
    from ui.app import run_app

    return run_app(db_url=args.db)


if __name__ == "__main__":
    sys.exit(main())
