"""Running the stwaslib checks of tests/stwaslib_selftest.py under CPython (in this process), Jython 2.7 and the real
Jython 2.1 (a child process each).

    passed, failed = selftest("jython21", "options", tmp_path)   # names of the passed checks, FAIL lines
"""

import os
import shutil
import subprocess
import sys

import pytest
from jobs_helpers import INTERPRETERS  # noqa: F401  (the tests take the three interpreters from here)
from paths import ROOT, TESTS

from harness.launcher import interpreters

SELFTEST = os.path.join(TESTS, "stwaslib_selftest.py")
LIBRARY = os.path.join(ROOT, "wsadmin_scripts", "stwaslib")


def _in_process(group):
    sys.path.insert(0, TESTS)
    try:
        import stwaslib_selftest
    finally:
        sys.path.remove(TESTS)
    lib = os.path.dirname(LIBRARY)
    sys.path.insert(0, lib)
    try:
        r = stwaslib_selftest.run([group])
    finally:
        sys.path.remove(lib)
    return r.passed, r.failed


def selftest(interpreter, group, tmp_path):
    """(passed check names, FAIL lines) of one group; skips when the interpreter is not there."""
    if interpreter == "cpython":
        return _in_process(group)
    why = interpreters.problem(interpreter)
    if why:
        pytest.skip(why)
    cmd = interpreters.command(interpreter, "\n")
    # a copy of the library: Jython 2.1 writes $py.class files next to every module it imports
    lib = os.path.join(str(tmp_path), "lib")
    shutil.copytree(LIBRARY, os.path.join(lib, "stwaslib"), ignore=shutil.ignore_patterns("__pycache__", "*.class"))
    p = subprocess.run(cmd.argv + [SELFTEST, "--lib", lib, group], env=cmd.environ(), capture_output=True, text=True, timeout=300)
    lines = p.stdout.splitlines()
    passed = [ln[len("PASS ") :] for ln in lines if ln.startswith("PASS ")]
    failed = [ln for ln in lines if ln.startswith("FAIL ")]
    if not lines or not lines[-1].startswith("checks: "):
        failed.append("the selftest did not finish (rc %s): %s" % (p.returncode, (p.stderr or p.stdout)[-2000:]))
    elif (p.returncode != 0) != bool(failed):
        failed.append("exit code %s does not match the FAIL lines" % p.returncode)
    return passed, failed


def assert_selftest(interpreter, group, tmp_path):
    """Every check of the group passes, and the same checks as under CPython ran (none skipped silently)."""
    passed, failed = selftest(interpreter, group, tmp_path)
    assert failed == []
    reference, _ = _in_process(group)
    assert sorted(passed) == sorted(reference) and len(passed) > 5
