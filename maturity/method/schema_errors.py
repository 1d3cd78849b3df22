"""Where a profile schema's (pydantic's) error is: its dotted place in the profile.

The Russian sentence for it is :func:`maturity.method.profile.schema_message` (the table of pydantic's error
types in Russian there).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

COMPONENT_KINDS = ("value", "share", "ratio", "blend")


def schema_place(error: Mapping[str, Any]) -> str:
    """The dotted place of the error (``kpis.0.components.1.weight``). pydantic adds the kind of a tagged
    union after an index (``components.1.value.weight``): it is dropped — but not an option's own ``value``,
    which ends the place (``options.0.value``)."""
    loc = tuple(error["loc"])
    last = len(loc) - 1
    parts = [
        p for i, p in enumerate(loc) if not (p in COMPONENT_KINDS and 0 < i < last and isinstance(loc[i - 1], int))
    ]
    return ".".join(str(p) for p in parts)
