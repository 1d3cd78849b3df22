"""The desktop app (PySide6) over the :mod:`maturity` core."""
