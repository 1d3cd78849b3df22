"""The shared databases connected to lately — server, port, database, login; never a password — kept in the
app's settings, the latest first. What the settings file holds is read as any input: an entry that does not
read as an address is left out."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from maturity.errors import BadInput
from maturity.storage.shared_address import SharedAddress, check_address

KEY = "shared_database/recent"
KEPT = 8


class RecentServers:
    def __init__(self, settings: QSettings):
        self.settings = settings

    def addresses(self) -> list[SharedAddress]:
        raw = self.settings.value(KEY)
        try:
            entries = json.loads(raw) if isinstance(raw, str) else []
        except ValueError:
            return []
        found: list[SharedAddress] = []
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            try:
                address = check_address(
                    str(entry.get("server", "")),
                    str(entry.get("port", "")),
                    str(entry.get("database", "")),
                    str(entry.get("login", "")),
                )
            except BadInput:
                continue
            if address not in found:
                found.append(address)
        return found[:KEPT]

    def remember(self, address: SharedAddress) -> None:
        """Put ``address`` first (its password is not part of it)."""
        kept = [address] + [a for a in self.addresses() if a != address]
        entries = [{"server": a.server, "port": a.port, "database": a.database, "login": a.login} for a in kept]
        self.settings.setValue(KEY, json.dumps(entries[:KEPT], ensure_ascii=False))
        self.settings.sync()
