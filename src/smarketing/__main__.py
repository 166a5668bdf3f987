"""``python -m smarketing``: the same as the ``smarketing`` command."""

import sys

from smarketing.cli import main

sys.exit(main())
