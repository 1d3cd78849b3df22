"""A keychain in memory for the tests of «Запомнить пароль»: a keyring backend to give keyring.set_keyring (the
``keychain`` fixture of tests/ui/conftest.py puts back the keychain the app found before)."""

from __future__ import annotations


def memory_keyring():
    """A keychain in memory, made as keyring's backends are (keyring.backend.KeyringBackend); ``.kept``."""
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    class Backend(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.kept: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if (service, username) not in self.kept:
                raise PasswordDeleteError("нет такого")
            del self.kept[(service, username)]

    return Backend()
