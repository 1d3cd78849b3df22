"""Leaving quietly when the reader of our output has gone (``maturity profiles | head -1``).

Python ignores SIGPIPE, so writing to a closed pipe raises BrokenPipeError, and flushing stdout at
exit would print «Exception ignored … BrokenPipeError». Both entry points use it: ``python -m maturity``
and the ``maturity`` console script (the launcher in ``ui``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

EXIT_BROKEN_PIPE = 1  # what the Python documentation suggests (signal module, «Note on SIGPIPE»)


def exit_quietly_on_broken_pipe(run: Callable[[], int | str | None]) -> int | str | None:
    """``run()``'s exit code; when the reader of stdout has gone (``maturity … | head``), exit code 1 and no
    message: stdout is pointed at the null device, as the Python documentation advises (signal.SIGPIPE)."""
    try:
        try:
            code = run()
        except SystemExit as done:  # --help, --version, a bad argument: flush below, inside the guard
            code = done.code
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
        return EXIT_BROKEN_PIPE
