"""Where the tests find the two Jythons a wsadmin has: Jython 2.7 (`jython` on PATH, WebSphere 9) and the real
Jython 2.1 (WebSphere 7.0 and 8.5.5).

Jython 2.1: the launcher named by STWAS_JYTHON21, else what `../shared/jython21/build.sh` (beside the project
folder) prints after building it (about 30 s once, then cached). A clone without either gets None and the
reason, and the tests that need it skip with that reason.
"""

import functools
import os
import shutil
import subprocess

from paths import ROOT

JYTHON21_ENV = "STWAS_JYTHON21"
BUILD_SCRIPT = os.path.join(os.path.dirname(ROOT), "shared", "jython21", "build.sh")


@functools.lru_cache(maxsize=None)
def jython21():
    """(launcher path, None) or (None, why it is not available)."""
    given = os.environ.get(JYTHON21_ENV)
    if given:
        if os.path.isfile(given) and os.access(given, os.X_OK):
            return given, None
        return None, "%s=%s is not an executable file" % (JYTHON21_ENV, given)
    if not os.path.isfile(BUILD_SCRIPT):
        return None, "no Jython 2.1: set %s to its launcher, or put ../shared/jython21/build.sh beside the project" \
            % JYTHON21_ENV
    if shutil.which("java") is None or shutil.which("javac") is None:
        return None, "no JDK (java, javac) to build Jython 2.1 with %s" % BUILD_SCRIPT
    p = subprocess.run(["bash", BUILD_SCRIPT], capture_output=True, text=True, timeout=900)
    lines = p.stdout.strip().splitlines()
    if p.returncode != 0 or not lines or not os.path.isfile(lines[-1]):
        why = (p.stderr.strip() or p.stdout.strip() or "no output").splitlines()[-1]
        return None, "%s failed (rc %s): %s" % (BUILD_SCRIPT, p.returncode, why)
    return lines[-1], None


@functools.lru_cache(maxsize=None)
def jython27():
    """(command, None) or (None, why)."""
    path = shutil.which("jython")
    if path is None:
        return None, "jython (2.7) is not on PATH (apt-get install jython)"
    return path, None


def command(interpreter):
    """The argv prefix that runs a script with interpreter 'jython21' or 'jython', or (None, reason)."""
    if interpreter == "jython21":
        return jython21()
    if interpreter == "jython":
        return jython27()
    raise ValueError(interpreter)
