"""``python -m harness.wsadmin``: the wsadmin.sh look-alike (a fixed interface, design.md); the launcher does the work.

Options, messages and exit codes: harness/launcher/cli.py.
"""

import sys

from harness.launcher.cli import main

if __name__ == "__main__":
    sys.exit(main())
