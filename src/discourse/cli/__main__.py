"""``python -m discourse.cli``."""

import sys

from discourse.cli.app import main

sys.exit(main())
