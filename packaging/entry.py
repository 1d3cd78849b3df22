"""The frozen program's entry point (PyInstaller runs this script): the ``maturity`` console script."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
