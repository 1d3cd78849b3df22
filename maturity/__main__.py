import sys

from maturity.cli.main import main

sys.exit(main())
