"""The plan of the assessment on screen goes to the database after every edit, in the background
(:class:`ui.plan.background_saver.BackgroundSaver`: numbered writes that never overlap, :meth:`flush` on closing).
The plan is written through ``Store.save_plan``: it is kept beside the assessment and nothing is rescored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maturity.engine.plan import PlanStep
from ui.plan.background_saver import BackgroundSaver

if TYPE_CHECKING:
    from maturity.storage.store import Store


class PlanSaver(BackgroundSaver[list[PlanStep]]):
    saved = "План сохранён"
    not_saved = "План не сохранён"

    def save(self, steps: list[PlanStep]) -> None:
        """Write ``steps`` as the plan, in the background."""
        self.start(list(steps))

    def write(self, store: Store, kept: list[PlanStep]) -> None:
        store.save_plan(self.organization_id, self.year, kept)
