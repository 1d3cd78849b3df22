"""«Создать организацию» / «Сохранить изменения»: the card written to the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ui.actions.context import AppContext

if TYPE_CHECKING:
    from maturity.storage.models import Organization


@dataclass
class SaveOrganization:
    """Create the organization (none shown yet) or change the one shown; the refusal's sentence or None."""

    context: AppContext
    organization: Organization | None
    fields: dict[str, Any]

    def do(self) -> str | None:
        from maturity.errors import BadInput

        store, fields = self.context.store, dict(self.fields)
        try:
            if self.organization is None:
                org = store.create_organization(fields.pop("name"), fields.pop("level"), **fields)
            else:
                org = store.update_organization(self.organization, **fields)
        except BadInput as error:
            return str(error)
        self.context.events.written.emit(org.id)
        self.context.events.message.emit("Карточка организации сохранена", 5000)
        return None
