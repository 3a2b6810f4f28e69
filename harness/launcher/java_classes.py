"""The project's own Java classes (harness/launcher/java/), compiled with javac at first use.

    classes_dir() -> the directory to put on a Jython's class path (compiled once per source version)

They are the wsadmin exception classes that scripts import and catch by name
(``com.ibm.ws.scripting.ScriptingException`` ...), so that under Jython 2.1 and 2.7 they are real Java
classes exactly as on a deployment manager, and the warm interpreter's exit guard (stwas.launcher).  The compiled classes live in
``${XDG_CACHE_HOME:-~/.cache}/stwas/java-classes/<hash of the sources>/``: a change to any source compiles a
new folder; two processes compiling at the same time each build in a private folder and the first rename
wins (the loser's identical build is dropped), so a reader never sees a half-written folder.
"""

import functools
import hashlib
import os
import shutil
import subprocess
import tempfile

from harness.base import messages

SOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "java")
CACHE_ENV = "XDG_CACHE_HOME"
# Java 8 class files: loadable by every JVM a wsadmin or a Jython 2.1 build runs on.
JAVAC_OPTIONS = ["--release", "8", "-nowarn", "-encoding", "UTF-8"]


class JavaClassesError(Exception):
    """The classes cannot be built here (no javac, or a compile error); the message is one line."""


def sources():
    """Every .java file under SOURCES, sorted (relative paths)."""
    out = []
    for d, dirs, files in os.walk(SOURCES):
        dirs.sort()
        out.extend(os.path.relpath(os.path.join(d, f), SOURCES) for f in sorted(files) if f.endswith(".java"))
    return out


# The launcher's own helpers (stwas.launcher.ExitGuard), not for scripts.
HELPER_PACKAGE = "stwas.launcher"


def packages():
    """The Java packages scripts import from the sources, e.g. "com.ibm.ws.scripting" (sorted)."""
    return sorted({os.path.dirname(rel).replace(os.sep, ".") for rel in sources()} - {HELPER_PACKAGE})


def _digest(files):
    h = hashlib.sha1()
    for rel in files:
        h.update(rel.replace(os.sep, "/").encode("utf-8") + b"\0")
        with open(os.path.join(SOURCES, rel), "rb") as f:
            h.update(f.read() + b"\0")
    h.update(" ".join(JAVAC_OPTIONS).encode("ascii"))
    return h.hexdigest()[:16]


def cache_root():
    base = os.environ.get(CACHE_ENV) or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "stwas", "java-classes")


@functools.lru_cache(maxsize=None)
def classes_dir():
    """The compiled classes' directory; compiles them on first use.  Raises JavaClassesError."""
    files = sources()
    target = os.path.join(cache_root(), _digest(files))
    if os.path.isdir(target):
        return target
    javac = shutil.which("javac")
    if javac is None:
        raise JavaClassesError(messages.JAVAC_MISSING)
    os.makedirs(cache_root(), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".build-", dir=cache_root())
    try:
        proc = subprocess.run(
            [javac] + JAVAC_OPTIONS + ["-d", tmp] + [os.path.join(SOURCES, f) for f in files],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        if proc.returncode != 0:
            first = (proc.stdout.decode("utf-8", "replace").strip().splitlines() or ["no output"])[0]
            raise JavaClassesError(messages.JAVAC_FAILED % first)
        try:
            os.rename(tmp, target)  # atomic: the folder appears complete or not at all
        except OSError:
            if not os.path.isdir(target):  # not "another process was first"
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
