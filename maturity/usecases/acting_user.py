"""Who is doing a recorded change: the operating-system user, or "" where the system cannot say (a container
without a user entry, a service account without a name)."""

from __future__ import annotations

from maturity.storage.journal import os_user


def current_user() -> str:
    return os_user()
