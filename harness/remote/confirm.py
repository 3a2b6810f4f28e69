"""The one confirmation prompt of the front door (`invoke apply`, `invoke rollback`): what will happen, then
``Go on? [y/N]``. Only a terminal is asked; --yes answers for it."""

import sys


def on_terminal(stdin=None):
    stdin = sys.stdin if stdin is None else stdin
    try:
        return bool(stdin.isatty())
    except (AttributeError, ValueError):
        return False


def confirm(lines, ask=None, out=None):
    """Show lines, ask ``Go on? [y/N]``; True only for y or yes (any case). End of input counts as no."""
    out = sys.stdout if out is None else out
    ask = ask or input
    for line in lines:
        out.write(line + "\n")
    out.flush()
    try:
        answer = ask("Go on? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")
