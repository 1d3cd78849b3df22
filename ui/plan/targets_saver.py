"""The own targets on screen go to the database after every accepted edit, in the background, like the plan
(:class:`ui.plan.background_saver.BackgroundSaver`). Written through
:func:`maturity.usecases.own_targets.save_targets` (checked again there, and written with its journal entry);
a failure is a Russian sentence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from maturity.engine.own_targets import Decision
from ui.plan.background_saver import BackgroundSaver

if TYPE_CHECKING:
    from maturity.storage.store import Store

Targets = tuple[dict[str, float], Decision]


class TargetsSaver(BackgroundSaver[Targets]):
    saved = "Целевые показатели сохранены"
    not_saved = "Целевые показатели не сохранены"

    def save(self, values: Mapping[str, float], decision: Decision) -> None:
        self.start((dict(values), decision))

    def write(self, store: Store, kept: Targets) -> None:
        from maturity.usecases.own_targets import save_targets

        save_targets(store, self.organization_id, self.year, *kept)
