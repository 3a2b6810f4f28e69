"""The one way the jobs print: a line on standard output (no print statement or function runs on all of
Jython 2.1, Jython 2.7 and CPython 3)."""

import sys


def write_line(text):
    """text and a line break on standard output."""
    sys.stdout.write(text + "\n")
