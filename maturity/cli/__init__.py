"""The ``maturity`` command line: the parser and its entry point (:mod:`maturity.cli.parser`), the
options shared by sub-commands (:mod:`maturity.cli.options`) and one module per group of sub-commands."""

from maturity.cli.parser import main

__all__ = ["main"]
