"""``python -m smarketing``: the same as the ``smarketing`` command."""

import sys

try:
    from smarketing.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still loading the command: nothing to undo
    sys.exit(130)

sys.exit(main())
