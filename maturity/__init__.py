"""«Цифровая зрелость»: the core (method, scoring, storage, exchange). Imports no Qt."""

__version__ = "0.1.0"
