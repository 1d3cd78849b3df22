import sys

from maturity.cli.parser import main

sys.exit(main())
