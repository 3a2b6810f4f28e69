"""Run a wsadmin script in a real Jython 2.7 or 2.1 whose scripting objects forward to this session.

Cold (the default): a new JVM per run.  The child inherits stdin/stdout/stderr (the script's output is its
own); the bridge uses two extra pipes passed as file descriptors (harness.launcher.bridge).
Warm: with STWAS_WARM_JYTHON=DIR and a warm interpreter of the same kind, started the same way, running there
(harness.launcher.warm), the run goes to it over a Unix socket; its standard streams are forwarded.

Either way the child reports how the script ended in its "done" message; this side prints WASX7017E/WASX7015E
and picks the exit code, so messages and exit codes come from one place (harness.base.wsadmin_semantics) for every
interpreter.
"""

import os
import subprocess
import sys

from harness.base import messages
from harness.base import wsadmin_semantics as sem
from harness.launcher import bridge, interpreters, java_classes, warm

BOOTSTRAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jython_side", "stwas_bootstrap.py")


def build_spec(session, options):
    """The first message to the Jython side: what to run, and how this kind of wsadmin shows errors."""
    jython21 = options.interpreter == "jython21"
    return {
        "op": "run",
        "objects": list(session.objects),
        "java_packages": java_classes.packages(),
        "argv": list(options.script_args),
        "profiles": list(options.profiles),  # as given: the child has our cwd
        "script": options.script,
        "commands": list(options.commands),
        "command_filename": sem.TRACEBACK_FILE_FOR_COMMAND_JYTHON21 if jython21 else sem.TRACEBACK_FILE_FOR_COMMAND,
        "script_files": list(options.profiles) + ([options.script] if options.script is not None else []),
        "script_frame_file": sem.TRACEBACK_FILE_FOR_SCRIPT,
        "traceback_header": sem.TRACEBACK_HEADER_JYTHON21 if jython21 else sem.TRACEBACK_HEADER,
        "traceback_source_lines": sem.TRACEBACK_SOURCE_LINES_JYTHON21 if jython21 else True,
        "preseed_lineseparator": sem.PRESEED_LINESEPARATOR,
        "stop_after_failed_command": sem.STOP_AFTER_FAILED_COMMAND,
    }


def _close(*files):
    for f in files:
        try:
            f.close()
        except OSError:
            pass


def _run_cold(command, session, spec):
    """(done message or None, exit code of the JVM, bridge calls)."""
    req_r, req_w = os.pipe()  # child -> parent
    rep_r, rep_w = os.pipe()  # parent -> child
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        proc = subprocess.Popen(
            command.argv + [BOOTSTRAP, str(req_w), str(rep_r)], pass_fds=(req_w, rep_r), env=command.environ()
        )
    except OSError as e:
        for fd in (req_r, rep_w):
            os.close(fd)
        print(messages.JYTHON_START_FAILED % (interpreters.LABELS[command.kind], e), file=sys.stderr)
        return None, sem.EXIT_USAGE, 0
    finally:
        os.close(req_w)
        os.close(rep_r)
    rfile = os.fdopen(req_r, "rb")
    wfile = os.fdopen(rep_w, "wb")
    server = bridge.Server(session.objects, rfile, wfile)
    done = None
    try:
        server.send(spec)
        done = server.serve()
    except (BrokenPipeError, bridge.BridgeClosed):
        done = None
    finally:
        _close(wfile, rfile)
        rc = proc.wait()
    return done, rc, server.calls


def _run_warm(connection, command, session, spec):
    """(done message or None, exit code, bridge calls) of a run served by a warm interpreter."""
    spec = dict(spec, env=command.environ())  # what a cold child's environment would be
    sys.stdout.flush()
    sys.stderr.flush()
    stdin = sys.stdin.buffer if sys.stdin is not None else None
    server = bridge.Server(
        session.objects, connection.rfile, connection.wfile, stdin=stdin, stdout=sys.stdout.buffer, stderr=sys.stderr.buffer
    )
    done = None
    try:
        server.send(spec)
        done = server.serve()
    except (BrokenPipeError, ConnectionError, bridge.BridgeClosed):
        done = None
    finally:
        connection.close()
    return done, 1, server.calls


def run(session, options, stats=None):
    """Run the script in Jython; return the exit code.  ``stats`` (a dict) receives the call count."""
    command = interpreters.command(options.interpreter, session.line_separator)
    spec = build_spec(session, options)
    connection = warm.connect(options.interpreter, command.fingerprint())
    if connection is not None:
        done, rc, calls = _run_warm(connection, command, session, spec)
    else:
        done, rc, calls = _run_cold(command, session, spec)
    if stats is not None:
        stats["calls"] = calls
    if done is None:  # the JVM ended without a report: System.exit(n) in the script (cold), or a crash
        return rc
    err = done.get("error")
    if err:
        info = err["text"] if err["kind"] == "java" else sem.PY_EXCEPTION_PREFIX + "\n" + err["text"]
        jython21 = options.interpreter == "jython21"
        if err["where"] == "command":
            template = sem.MSG_COMMAND_EXCEPTION_JYTHON21 if jython21 else sem.MSG_COMMAND_EXCEPTION
        else:
            template = sem.MSG_FILE_EXCEPTION_JYTHON21 if jython21 else sem.MSG_FILE_EXCEPTION
        out = sys.stdout if sem.ERROR_MESSAGE_STREAM == "stdout" else sys.stderr
        print(template % (err["what"], info), file=out)
        out.flush()
        return sem.EXIT_UNCAUGHT_EXCEPTION
    return done.get("code") or 0
