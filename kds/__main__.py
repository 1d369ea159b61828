"""`python -m kds` runs the `kds` command."""

import sys

from kds.cli.main import main

sys.exit(main())
