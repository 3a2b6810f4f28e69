"""Warm Jython interpreters: one long-lived Jython per kind runs many scripts, one after another.

A JVM start costs 0.3 s (Jython 2.1) to 1-2 s (Jython 2.7) per run; a test suite that runs every job under both
Jythons spends most of its time there.  A warm interpreter is started once and serves runs over a Unix socket:

    python -m harness.launcher.warm DIR [jython] [jython21]     # start them; serve until interrupted
    STWAS_WARM_JYTHON=DIR python -m harness.wsadmin -interpreter jython ...

tests/conftest.py starts one per kind for each test session (each xdist worker) and stops them at the end.

When the launcher uses one (jython_runner.run): STWAS_WARM_JYTHON names the folder; the folder holds
``<kind>.sock``; no other run holds ``<kind>.lock`` (flock: one run at a time, a second launcher runs cold
instead of waiting); the server says hello within HELLO_TIMEOUT; and its fingerprint equals the one of the
JVM this launcher would start (interpreters.Command.fingerprint: the same command line, line separator,
class path, startup environment and working directory -- a JVM cannot change its working directory or
System.lineSeparator()).  Otherwise the run is cold, as if STWAS_WARM_JYTHON were unset: the output, exit
code and effects are the same either way (tests/test_warm.py runs the same scripts both ways).

What each warm run gets, as a fresh Jython would (stwas_bootstrap._serve):
  - a new ``__main__`` with the scripting objects, sys.argv, sys.displayhook;
  - the launcher's environment as os.environ (under 2.1 through javaos's own lazy `sh -c env`, run with it);
  - its standard streams: sys.stdin/stdout/stderr are new Python files over streams that forward to the
    launcher's stdin/stdout/stderr, made as Jython makes them at startup (same buffering and encoding), and
    System.in/out/err point there too;
and what a run leaves behind is put back before the next one: every module imported by the run is dropped from
sys.modules (stwaslib and the script's own modules are imported afresh each run), sys.path, sys.argv, hooks,
every name added to or changed in __builtin__, the Java system properties, os.environ, the working directory
(2.7's os.chdir).
Not isolated (documented limits): attributes a script sets on modules loaded before the first run (sys, os,
java packages), Java static state, threads a script leaves running, and processes it starts (they inherit the
server's environment, not the launcher's).  A script that calls java.lang.System.exit ends the warm
interpreter after reporting the run's exit code (stwas.launcher.ExitGuard, a security manager): later runs
are cold.  (On a JVM that refuses a security manager, Java 18+, that run's launcher reports exit code 1.)
"""

import fcntl
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time

from harness.base import wsadmin_semantics as sem
from harness.launcher import bridge, interpreters

WARM_ENV = "STWAS_WARM_JYTHON"
HELLO_TIMEOUT = 10.0  # seconds; a server that is idle answers in milliseconds
START_TIMEOUT = 120.0
READY = "STWAS-WARM-READY"
BOOTSTRAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jython_side", "stwas_bootstrap.py")


def socket_path(folder, kind):
    return os.path.join(folder, kind + ".sock")


def _lock_path(folder, kind):
    return os.path.join(folder, kind + ".lock")


class Connection:
    """A run's connection to a warm interpreter; holds the kind's lock until closed."""

    def __init__(self, sock, lock_fd, rfile, hello):
        self.sock = sock
        self.lock_fd = lock_fd
        self.hello = hello
        self.rfile = rfile
        self.wfile = sock.makefile("wb")

    def close(self):
        for f in (self.wfile, self.rfile, self.sock):
            try:
                f.close()
            except OSError:
                pass
        os.close(self.lock_fd)  # releases the flock


def _open(folder, kind, timeout=HELLO_TIMEOUT):
    """A Connection to the warm interpreter of ``kind`` in ``folder`` that has said hello, or None."""
    path = socket_path(folder, kind)
    if not os.path.exists(path):
        return None
    lock_fd = os.open(_lock_path(folder, kind), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # another run is using it: this one runs cold rather than wait
        os.close(lock_fd)
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(path)
        rfile = sock.makefile("rb")
        hello = bridge.read_message(rfile)
        sock.settimeout(None)
    except (OSError, bridge.BridgeClosed, bridge.ProtocolError) as e:
        sock.close()
        os.close(lock_fd)
        if isinstance(e, TimeoutError):
            _retire(path)  # stuck on an earlier run: later launchers go cold at once
        return None
    return Connection(sock, lock_fd, rfile, hello)


def _retire(path):
    try:
        os.unlink(path)
    except OSError:
        pass


def connect(kind, fingerprint):
    """A Connection to a warm interpreter that may serve this run (see the module notes), or None."""
    folder = os.environ.get(WARM_ENV)
    if not folder:
        return None
    connection = _open(folder, kind)
    if connection is None:
        return None
    if connection.hello.get("fingerprint") != fingerprint:
        try:
            bridge.write_message(connection.wfile, {"op": "bye"})
        except OSError:
            pass
        connection.close()
        return None
    return connection


def status(folder, kind):
    """The hello of the warm interpreter of ``kind`` ({"fingerprint": ..., "runs": n}), or None."""
    connection = _open(folder, kind)
    if connection is None:
        return None
    try:
        bridge.write_message(connection.wfile, {"op": "bye"})
    except OSError:
        pass
    connection.close()
    return connection.hello


class WarmServer:
    """One warm interpreter of ``kind`` serving on ``folder``/<kind>.sock (its log: <kind>.log), for launchers
    started in ``cwd`` (default: this process's working directory)."""

    def __init__(self, folder, kind, line_separator=os.linesep, cwd=None):
        self.folder = folder
        self.kind = kind
        self.line_separator = line_separator
        self.cwd = os.path.abspath(cwd or os.getcwd())
        self.proc = None
        self.log = os.path.join(folder, kind + ".log")

    def start(self, wait=True):
        """Start the JVM; with ``wait``, until it listens (raises RuntimeError, with the log's last line, if it
        does not).  Without, launchers run cold until its socket appears."""
        command = interpreters.command(self.kind, self.line_separator, warm=True)
        path = socket_path(self.folder, self.kind)
        _retire(path)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                command.argv + [BOOTSTRAP, "--serve", path, command.fingerprint(self.cwd)],
                env=command.environ(),
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
            )
        if wait:
            self.wait()
        return self

    def wait(self):
        ready, _, _ = select.select([self.proc.stdout], [], [], START_TIMEOUT)
        line = self.proc.stdout.readline().decode("utf-8", "replace").strip() if ready else ""
        if line != READY:
            self.stop()
            raise RuntimeError("warm %s did not start: %s" % (self.kind, self.last_log_line() or line or "no answer"))
        return self

    def last_log_line(self):
        try:
            with open(self.log, "rb") as f:
                lines = f.read().decode("utf-8", "replace").strip().splitlines()
            return lines[-1] if lines else ""
        except OSError:
            return ""

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc is not None:
            if self.proc.poll() is None:
                connection = _open(self.folder, self.kind, timeout=2.0)
                if connection is not None:  # ask it to stop; else (busy or stuck) it is killed below
                    try:
                        bridge.write_message(connection.wfile, {"op": "stop"})
                    except OSError:
                        pass
                    connection.close()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            if self.proc.stdout is not None:
                self.proc.stdout.close()
            self.proc = None
        _retire(socket_path(self.folder, self.kind))


def start(folder, kinds, line_separator=os.linesep, wait=True, cwd=None):
    """WarmServers for the ``kinds`` that can run here (others are left out), started (see WarmServer.start)."""
    servers = []
    for kind in kinds:
        if interpreters.problem(kind) is None:
            servers.append(WarmServer(folder, kind, line_separator, cwd).start(wait=False))
    if wait:
        for server in servers:
            server.wait()
    return servers


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0].startswith("-"):
        print("usage: python -m harness.launcher.warm DIR [jython] [jython21]", file=sys.stderr)
        return sem.EXIT_USAGE
    folder = argv[0]
    os.makedirs(folder, exist_ok=True)
    kinds = argv[1:] or list(interpreters.KINDS)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop the JVMs on `kill` too, not only Ctrl-C
    servers = start(folder, kinds)
    print(
        "warm: %s serving in %s; run with  export %s=%s  (Ctrl-C stops them)"
        % (", ".join(s.kind for s in servers) or "nothing", folder, WARM_ENV, folder)
    )
    sys.stdout.flush()
    try:
        while any(s.alive() for s in servers):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for s in servers:
            s.stop()
    return 0


def temporary_folder():
    """A new private folder for warm sockets (short path: Unix socket paths are limited to ~100 bytes)."""
    return tempfile.mkdtemp(prefix="stwas-warm-")


if __name__ == "__main__":
    sys.exit(main())
