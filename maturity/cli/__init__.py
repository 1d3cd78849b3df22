"""The ``maturity`` command line: the parser and its entry point (:mod:`maturity.cli.parser`), the
options shared by sub-commands (:mod:`maturity.cli.options`) and one module per group of sub-commands.

``main`` is imported from the parser when first asked for: the app's launcher imports
:mod:`maturity.cli.broken_pipe` before its window shows and must not build the parser for it."""

from __future__ import annotations

from typing import Any

__all__ = ["main"]


def __getattr__(name: str) -> Any:
    if name == "main":
        from maturity.cli.parser import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
