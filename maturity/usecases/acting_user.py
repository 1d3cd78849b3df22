"""Who is doing a recorded change: the operating-system user, or "" where the system cannot say (a container
without a user entry, a service account without a name)."""

from __future__ import annotations

import getpass


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
