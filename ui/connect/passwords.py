"""A shared database's password, kept only where the operating system keeps secrets (Windows Credential
Manager, the macOS Keychain, the Secret Service of a Linux desktop) through the ``keyring`` library — or
nowhere, and asked at each connection. Never in the app's settings, a file, a message or a log.

Without a usable keychain (``keyring``'s «fail» or «null» backend, or none found) :meth:`PasswordKeeper.usable`
is False: the dialog's «Запомнить пароль» is then disabled.
"""

from __future__ import annotations

SERVICE = "maturity-shared-database"  # the keychain's entries of this app: login@server:port/database each


def _keyring_errors() -> tuple[type[BaseException], ...]:
    from keyring.errors import KeyringError

    return (KeyringError, OSError)


class PasswordKeeper:
    """The operating system's keychain, as the app uses it (tests set an in-memory backend: keyring.set_keyring)."""

    def usable(self) -> bool:
        try:
            import keyring
            from keyring.backends import chainer, fail, null

            backend = keyring.get_keyring()
        except ImportError:
            return False
        except _keyring_errors():
            return False
        if isinstance(backend, fail.Keyring | null.Keyring):
            return False
        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return False
        return True

    def password(self, key: str) -> str | None:
        """The password kept under ``key`` (None: none kept, or no keychain)."""
        if not self.usable():
            return None
        import keyring

        try:
            return keyring.get_password(SERVICE, key)
        except _keyring_errors():
            return None

    def keep(self, key: str, password: str) -> bool:
        """Keep the password; False when the keychain refused (nothing is kept anywhere else)."""
        if not self.usable():
            return False
        import keyring

        try:
            keyring.set_password(SERVICE, key, password)
        except _keyring_errors():
            return False
        return True

    def forget(self, key: str) -> None:
        """Take the password out of the keychain (nothing kept: nothing to do)."""
        if not self.usable():
            return
        import keyring

        try:
            keyring.delete_password(SERVICE, key)
        except _keyring_errors():  # PasswordDeleteError (a KeyringError): none was kept
            return
