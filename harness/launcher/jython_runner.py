"""Run a wsadmin script in a real Jython 2.7 process whose scripting objects forward to this session.

The child inherits stdin/stdout/stderr (the script's output is its own); the bridge uses two extra
pipes passed as file descriptors (see harness.launcher.bridge).  The child reports how the script ended
in its "done" message; this side prints WASX7017E/WASX7015E and picks the exit code, so messages and
exit codes come from one place (harness.wsadmin_semantics) for both interpreters.

JVM start-up: when the `jython` on PATH is a wrapper around a jar we can find, java is started directly
with JVM_OPTIONS (C1 only, CDS) — about 0.7 s instead of 1.1 s for `print 1` on the dev box.
Override the command with STWAS_JYTHON="cmd args..." (split on whitespace).
"""

import os
import shutil
import subprocess
import sys

from harness import wsadmin_semantics as sem
from harness.launcher import bridge

BOOTSTRAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jython_side", "stwas_bootstrap.py")
JVM_OPTIONS = ["-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m"]
JYTHON_PROPERTIES = ["-Dpython.cachedir.skip=true", "-Dpython.console.encoding=UTF-8"]
JYTHON_ENV = "STWAS_JYTHON"


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


def jython_command(line_separator):
    """The argv prefix that starts Jython (before the bootstrap path)."""
    props = JYTHON_PROPERTIES + ["-Dline.separator=" + line_separator]
    env = os.environ.get(JYTHON_ENV)
    if env:
        return env.split() + props
    jython = shutil.which("jython")
    if jython is None:
        raise FileNotFoundError("jython is not on PATH")
    java = shutil.which("java")
    found = _find_jar(jython)
    if java and found:
        jar, home = found
        # -Dline.separator must be a JVM system property before the JVM initialises System.lineSeparator()
        return [java] + JVM_OPTIONS + ["-Dline.separator=" + line_separator, "-jar", jar,
                                       "-Dpython.home=" + home] + props
    return [jython] + props


def build_spec(session, options):
    return {
        "objects": list(session.objects),
        "exceptions": bridge.exception_table(),
        "argv": list(options.script_args),
        "profiles": list(options.profiles),  # as given: the child has our cwd
        "script": options.script,
        "commands": list(options.commands),
        "command_filename": sem.TRACEBACK_FILE_FOR_COMMAND,
        "preseed_lineseparator": sem.PRESEED_LINESEPARATOR,
        "stop_after_failed_command": sem.STOP_AFTER_FAILED_COMMAND,
    }


def run(session, options, stats=None):
    """Run the script in Jython; return the exit code.  ``stats`` (a dict) receives the call count."""
    req_r, req_w = os.pipe()  # child -> parent
    rep_r, rep_w = os.pipe()  # parent -> child
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        cmd = jython_command(session.line_separator) + [BOOTSTRAP, str(req_w), str(rep_r)]
        proc = subprocess.Popen(cmd, pass_fds=(req_w, rep_r))
    except OSError as e:
        for fd in (req_r, rep_w):
            os.close(fd)
        print("wsadmin: cannot start Jython (%s); use -interpreter cpython" % e, file=sys.stderr)
        return sem.EXIT_USAGE
    finally:
        os.close(req_w)
        os.close(rep_r)
    rfile = os.fdopen(req_r, "rb")
    wfile = os.fdopen(rep_w, "wb")
    server = bridge.Server(session.objects, rfile, wfile)
    done = None
    try:
        bridge.write_message(wfile, build_spec(session, options))
        done = server.serve()
    except (BrokenPipeError, bridge.BridgeClosed):
        done = None
    finally:
        for f in (wfile, rfile):
            try:
                f.close()
            except OSError:
                pass
        rc = proc.wait()
    if stats is not None:
        stats["calls"] = server.calls
    if done is None:
        return rc if rc else 1
    err = done.get("error")
    if err:
        info = err["text"] if err["kind"] == "java" else sem.PY_EXCEPTION_PREFIX + "\n" + err["text"]
        out = sys.stdout if sem.ERROR_MESSAGE_STREAM == "stdout" else sys.stderr
        if err["where"] == "command":
            print(sem.MSG_COMMAND_EXCEPTION % (err["what"], info), file=out)
        else:
            print(sem.MSG_FILE_EXCEPTION % (err["what"], info), file=out)
        out.flush()
        return sem.EXIT_UNCAUGHT_EXCEPTION
    return done.get("code") or 0
