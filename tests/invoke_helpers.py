"""Running `invoke` as an admin types it, against the throwaway sshd and fake deployment managers
(tests/sshd_fixture.py); shared by the SSH tests and tests/reliability/.

    from invoke_helpers import run_invoke          # the fixtures sshd and generated_cell are in conftest.py
    r = run_invoke(["apply", "--host", "a", JOB, "--", ...], config_file, sample_ps=True)
    r.code, r.out, r.err, r.ps (command lines seen while it ran), r.environ (environments seen, sample_env=True)

run_invoke runs in the current directory (tests chdir to a tmp_path, so `snapshots/` lands there), with the
wsadmin credentials STWAS_WSADMIN_USER=wasadmin / STWAS_WSADMIN_PASSWORD=SENTINEL in invoke's environment.
The samples leave out invoke's own process: what an admin typed on their own command line is theirs.
"""

import glob
import os
import re
import subprocess
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "samples", "sametime", "config")
SENTINEL = "Sentinel-pw-7Qx93kLz"
USER = "wasadmin"


def process_args(skip=(), environ=False):
    """What `ps -eo args` shows: every process's command line (from /proc, plus ps itself), except the pids in
    skip; with environ, their environments instead (root reads every /proc/PID/environ)."""
    out = []
    name = "environ" if environ else "cmdline"
    me = os.getpid()
    for p in glob.glob("/proc/[0-9]*/" + name):
        pid = int(p.split("/")[2])
        if pid in skip or (environ and pid == me):
            continue
        try:
            with open(p, "rb") as f:
                out.append(f.read().replace(b"\0", b" ").decode("utf-8", "replace"))
        except OSError:
            pass
    if not environ and not skip:
        try:
            out.append(
                subprocess.run(
                    ["ps", "-eo", "args"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=10
                ).stdout.decode("utf-8", "replace")
            )
        except (OSError, subprocess.TimeoutExpired):
            pass
    return "\n".join(out)


class Run(object):
    def __init__(self, code, out, err, ps, environ):
        self.code, self.out, self.err, self.ps, self.environ = code, out, err, ps, environ

    def __repr__(self):
        return "exit %s\n--- stdout\n%s\n--- stderr\n%s" % (self.code, self.out, self.err)


def run_invoke(args, config_file=None, env=None, sample_ps=False, sample_env=False, timeout=300, cwd=None, stdin=None):
    cmd = [sys.executable, "-m", "invoke", "-r", ROOT]
    if config_file:
        cmd += ["-f", config_file]
    cmd += list(args)
    e = dict(os.environ)
    e["PYTHONPATH"] = ROOT
    e["STWAS_WSADMIN_USER"] = USER
    e["STWAS_WSADMIN_PASSWORD"] = SENTINEL
    for name in ("INVOKE_RUNTIME_CONFIG", "STWAS_NEW_PASSWORD", "STWAS_LTPA_PASSWORD", "STWAS_KEYFILE_PASSWORD"):
        e.pop(name, None)
    if env:
        for k, v in env.items():
            if v is None:
                e.pop(k, None)
            else:
                e[k] = v
    ps, environ = [], []
    stop = threading.Event()
    p = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL if stdin is None else stdin,
        env=e,
        cwd=cwd or os.getcwd(),
    )

    def sampler():
        while not stop.is_set():
            ps.append(process_args(skip=(p.pid,)))
            if sample_env:
                environ.append(process_args(skip=(p.pid,), environ=True))
            stop.wait(0.1)

    t = threading.Thread(target=sampler, daemon=True) if (sample_ps or sample_env) else None
    if t:
        t.start()
    try:
        out, err = p.communicate(timeout=timeout)
    finally:
        stop.set()
        if t:
            t.join(10)
    return Run(p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), "\n".join(ps), "\n".join(environ))


def proxy_ports(config_root):
    """{endPointName: (host, port)} of STProxyServer in a config directory."""
    for path in glob.glob(os.path.join(config_root, "cells", "*", "nodes", "*", "serverindex.xml")):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        m = re.search(r'serverName="STProxyServer".*?</serverEntries>', text, re.S)
        if m:
            return {
                name: (host, port)
                for name, host, port in re.findall(
                    r'endPointName="([^"]+)">\s*<endPoint [^>]*host="([^"]*)" port="(\d+)"', m.group(0)
                )
            }
    raise AssertionError("no STProxyServer in %s" % config_root)


def tree_bytes(root):
    out = {}
    for d, _dirs, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out
