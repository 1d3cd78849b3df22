"""The documentation's screenshots (docs/screenshots/), taken by ``scripts/screenshots`` under Xvfb.

Not part of the installed program: ``tools/`` is outside the packages of pyproject.toml. Run from
the repository's root as ``python -m tools.screenshots.main_window OUT`` (also ``.compare``,
``.import_files``); ``shots.py`` holds what they share.
"""
