"""The Jython interpreters a script can run in, found in one place (the launcher, plan, tests and benches use it).

    KINDS                          "jython" (Jython 2.7: wsadmin of WAS 9), "jython21" (Jython 2.1: WAS 7.0, 8.5.5)
    command(kind, line_separator)  -> Command(argv, env): argv up to the bootstrap path, env to add for the child
    problem(kind)                  -> None, or one line saying why that interpreter cannot run here

Jython 2.7: `STWAS_JYTHON="cmd args..."` if set, else the `jython` on PATH.  When that is a wrapper around a jar
we can find, java is started directly with JVM_OPTIONS (C1 only, CDS): about 0.7 s instead of 1.1 s for `print 1`.

Jython 2.1: the launcher named by `STWAS_JYTHON21`, else the one `../shared/jython21/build.sh` (beside this
repository) builds and prints; looked up once per process.  The launcher takes extra JVM options from
JYTHON21_JAVA_OPTS and extra classes from CLASSPATH (build.sh writes it so); the line separator, which contains
whitespace, travels in a JVM argument file.

Both get the project's Java classes (harness.launcher.java_classes) on their class path.
"""

import functools
import hashlib
import os
import shutil
import subprocess

from harness.base import messages
from harness.base.files import write_atomically
from harness.launcher import java_classes

KINDS = ("jython", "jython21")
LABELS = {"cpython": "CPython", "jython": "Jython 2.7", "jython21": "Jython 2.1"}
JYTHON27_ENV = "STWAS_JYTHON"
JYTHON21_ENV = "STWAS_JYTHON21"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JYTHON21_BUILD = os.path.join(os.path.dirname(REPO_ROOT), "shared", "jython21", "build.sh")

JVM_OPTIONS = ["-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m"]
# A warm interpreter (harness.launcher.warm) lives for many runs: full JIT instead of C1 only.  Tuning only:
# the fingerprint leaves these out, so a warm interpreter serves the runs of the cold command it stands for.
JVM_OPTIONS_WARM = ["-Xshare:auto", "-XX:+UseSerialGC", "-Xss2m"]
_TUNING = frozenset(JVM_OPTIONS + JVM_OPTIONS_WARM)
JYTHON27_PROPERTIES = ["-Dpython.cachedir.skip=true", "-Dpython.console.encoding=UTF-8"]
# Environment that changes how a JVM or a Jython starts (a warm interpreter serves only runs that agree on it).
STARTUP_ENV = (
    "PATH",
    "CLASSPATH",
    "JYTHONPATH",
    "JAVA_HOME",
    "JAVA_TOOL_OPTIONS",
    "JDK_JAVA_OPTIONS",
    "JYTHON21_JAVA_OPTS",
    JYTHON27_ENV,
    JYTHON21_ENV,
)


class InterpreterMissing(Exception):
    """The interpreter cannot be started here; the message is one line for the user."""


class Command:
    """How to start one kind of Jython: ``argv + [bootstrap, ...]`` with ``env`` added to the environment."""

    def __init__(self, kind, argv, env):
        self.kind = kind
        self.argv = argv
        self.env = env

    def environ(self, base=None):
        env = dict(os.environ if base is None else base)
        env.update(self.env)
        return env

    def fingerprint(self, cwd=None):
        """Equal for two starts that give the same interpreter (same command, startup environment, working
        directory -- ``cwd``, default this process's; JVM tuning options aside)."""
        h = hashlib.sha1()
        env = dict(self.env)
        if "JYTHON21_JAVA_OPTS" in env:
            env["JYTHON21_JAVA_OPTS"] = " ".join(o for o in env["JYTHON21_JAVA_OPTS"].split() if o not in _TUNING)
        parts = [self.kind, os.path.abspath(cwd or os.getcwd())] + [a for a in self.argv if a not in _TUNING]
        parts += sorted("%s=%s" % kv for kv in env.items())
        parts += ["%s=%s" % (k, os.environ.get(k, "")) for k in STARTUP_ENV]
        h.update("\0".join(parts).encode("utf-8", "surrogateescape"))
        return h.hexdigest()


# ------------------------------------------------------------------------------------------------ Jython 2.7
def _find_jar(jython):
    """(jar, python.home) behind a `jython` launcher script, or None."""
    real = os.path.realpath(jython)
    home = os.path.dirname(os.path.dirname(real))
    candidates = [os.path.join(home, "jython.jar"), os.path.join(home, "jython-standalone.jar")]
    try:
        with open(real, "rb") as f:
            head = f.read(4096).decode("latin-1")
        if head.startswith("#!"):
            for tok in head.split():
                if tok.endswith(".jar") and os.path.isabs(tok):
                    candidates.insert(0, tok)
    except OSError:
        pass
    for jar in candidates:
        if os.path.isfile(jar):
            return jar, home
    return None


def _jython27(line_separator, classes, jvm_options):
    props = JYTHON27_PROPERTIES + ["-Dline.separator=" + line_separator]
    # Jython 2.7 loads Java classes from sys.path entries too: the way in for a command we do not start ourselves
    on_path = {"JYTHONPATH": os.pathsep.join([classes] + [p for p in [os.environ.get("JYTHONPATH")] if p])}
    custom = os.environ.get(JYTHON27_ENV)
    if custom:
        return Command("jython", custom.split() + props, on_path)
    jython = shutil.which("jython")
    if jython is None:
        raise InterpreterMissing(messages.JYTHON27_NOT_FOUND)
    java = shutil.which("java")
    found = _find_jar(jython)
    if java and found:
        jar, home = found
        # -Dline.separator must be a JVM system property before the JVM initialises System.lineSeparator();
        # -cp instead of -jar so that the project's classes are on the class path (the jar's manifest
        # Class-Path still applies)
        return Command(
            "jython",
            [java]
            + jvm_options
            + [
                "-Dline.separator=" + line_separator,
                "-cp",
                jar + os.pathsep + classes,
                "org.python.util.jython",
                "-Dpython.home=" + home,
            ]
            + props,
            {},
        )
    return Command("jython", [jython] + props, on_path)


# ------------------------------------------------------------------------------------------------ Jython 2.1
@functools.lru_cache(maxsize=None)
def jython21_launcher():
    """The Jython 2.1 launcher's path (STWAS_JYTHON21, else build.sh's output).  Raises InterpreterMissing."""
    given = os.environ.get(JYTHON21_ENV)
    if given:
        if not (os.path.isfile(given) and os.access(given, os.X_OK)):
            raise InterpreterMissing(messages.JYTHON21_NOT_EXECUTABLE % given)
        return given
    if not os.path.isfile(JYTHON21_BUILD):
        raise InterpreterMissing(messages.JYTHON21_NOT_FOUND)
    proc = subprocess.run(["bash", JYTHON21_BUILD], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    out = proc.stdout.decode("utf-8", "replace").strip().splitlines()
    if proc.returncode != 0 or not out or not os.path.isfile(out[-1]):
        why = proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["exit code %d" % proc.returncode]
        raise InterpreterMissing(messages.JYTHON21_BUILD_FAILED % (JYTHON21_BUILD, why[-1]))
    return out[-1]


def _argfile(line_separator):
    """A JVM argument file setting line.separator (escapes in quotes are the JVM's own: \\r \\n \\t \\f)."""
    escaped = line_separator.replace("\\", "\\\\").replace('"', '\\"')
    for ch, esc in (("\r", "\\r"), ("\n", "\\n"), ("\t", "\\t"), ("\f", "\\f")):
        escaped = escaped.replace(ch, esc)
    text = '-Dline.separator="%s"\n' % escaped
    folder = os.path.join(os.path.dirname(java_classes.cache_root()), "launcher")
    path = os.path.join(folder, "line-separator-%s.args" % hashlib.sha1(text.encode("utf-8")).hexdigest()[:12])
    if not os.path.isfile(path):
        os.makedirs(folder, exist_ok=True)
        write_atomically(path, text.encode("utf-8"))
    return path


def _jython21(line_separator, classes, jvm_options):
    launcher = jython21_launcher()
    opts = jvm_options + ["@" + _argfile(line_separator)]
    env = {
        "JYTHON21_JAVA_OPTS": " ".join(opts + [o for o in [os.environ.get("JYTHON21_JAVA_OPTS")] if o]),
        "CLASSPATH": os.pathsep.join([classes] + [p for p in [os.environ.get("CLASSPATH")] if p]),
    }
    return Command("jython21", [launcher], env)


# ------------------------------------------------------------------------------------------------ both
def command(kind, line_separator, warm=False):
    """Command for ``kind`` (``warm``: tuned for a long-lived interpreter); raises InterpreterMissing or
    java_classes.JavaClassesError (one-line messages)."""
    jvm_options = JVM_OPTIONS_WARM if warm else JVM_OPTIONS
    if kind == "jython21":
        jython21_launcher()  # a missing 2.1 is reported before the classes are compiled
        return _jython21(line_separator, java_classes.classes_dir(), jvm_options)
    if kind == "jython":
        if not os.environ.get(JYTHON27_ENV) and shutil.which("jython") is None:
            raise InterpreterMissing(messages.JYTHON27_NOT_FOUND)
        return _jython27(line_separator, java_classes.classes_dir(), jvm_options)
    raise ValueError("not a Jython kind: %r" % (kind,))


def problem(kind):
    """None when ``kind`` can be started here, else the one-line reason."""
    if kind == "cpython":
        return None
    try:
        command(kind, os.linesep)
    except (InterpreterMissing, java_classes.JavaClassesError) as e:
        return str(e)
    return None
