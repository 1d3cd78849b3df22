"""Errors that are the user's input, not the program's fault.

Every such error carries a sentence in Russian for a person. The CLI exits with code 2 on them,
the app shows the sentence; anything else is a bug (exit code 1).
"""


class BadInput(ValueError):
    """A file, a profile or an answer the program refuses, with the reason as ``str()``."""
