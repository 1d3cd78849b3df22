"""Sub-commands of the ``maturity`` command line, one module per group.

Each module has ``register(subparsers)``, adding its parsers with ``set_defaults(handler=...)``;
a handler takes the parsed arguments and returns the exit code. Modules import heavy libraries
inside their handlers, so that ``maturity --help`` and the app's start-up stay fast.
"""

COMMAND_MODULES = (
    "maturity.commands.scoring_commands",
    "maturity.commands.history_commands",
    "maturity.commands.excel_commands",
)
