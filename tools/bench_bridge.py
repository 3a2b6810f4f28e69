"""Start-up and per-call cost of each interpreter behind the launcher: CPython in process, Jython 2.7 and Jython 2.1
over the pipe bridge, each Jython cold (a new JVM per run) and warm (harness.launcher.warm).

    python tools/bench_bridge.py [--config DIR] [--fake] [-n 1000] [--repeat 3]

--config defaults to the real cell in tests/fixtures/real (only read, never saved); --fake uses the tiny fake
session of harness.launcher.fakes (no dependency on the real AdminConfig: the bridge's own cost).  Every run goes
through `python -m harness.wsadmin` exactly as a user's would; the script times its own calls.  Wall times are
the best of --repeat runs (the machine is shared: the minimum is the least disturbed).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
from harness.launcher import interpreters, warm  # noqa: E402 - after the sys.path insert

REAL_CELL = os.path.join(REPO, "tests", "fixtures", "real", "was855-base-linux", "config")
OPS = ("getid", "showAttribute", "list")

# The common subset of Python 2.1, Jython 2.7 and CPython 3 (as the jobs).
TIMING_SCRIPT = """\
import sys, time
n = int(sys.argv[0])
first = AdminConfig.list('Server').splitlines()[0]
name = first.split('(')[0]
ops = [
    ('getid', lambda: AdminConfig.getid('/Server:%s/' % name)),
    ('showAttribute', lambda: AdminConfig.showAttribute(first, 'name')),
    ('list', lambda: AdminConfig.list('Server')),
]
for label, fn in ops:
    fn()
    t0 = time.time()
    for i in range(n):
        fn()
    print('BENCH %s %.6f' % (label, (time.time() - t0) / n))
"""

CALLS_SCRIPT = """\
import sys
n = int(sys.argv[0])
first = AdminConfig.list('Server').splitlines()[0]
for i in range(n):
    AdminConfig.showAttribute(first, 'name')
"""


def run(interpreter, config, script, args, fake, folder=None):
    env = dict(os.environ, PYTHONPATH=REPO)
    env.pop("STWAS_SESSION_FACTORY", None)
    env[warm.WARM_ENV] = folder or ""
    if fake:
        env["STWAS_SESSION_FACTORY"] = "harness.launcher.fakes:fake_objects"
    cmd = [
        sys.executable,
        "-m",
        "harness.wsadmin",
        "-interpreter",
        interpreter,
        "-conntype",
        "NONE",
        "-configRoot",
        config,
        "-f",
        script,
    ] + args
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, check=False)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit("%s run failed (%d):\n%s%s" % (interpreter, r.returncode, r.stdout, r.stderr))
    timings = {}
    for line in r.stdout.splitlines():
        if line.startswith("BENCH "):
            _, op, secs = line.split()
            timings[op] = float(secs)
    return wall, timings


def best(repeat, fn):
    return min(fn() for _ in range(repeat))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default=REAL_CELL)
    ap.add_argument("--fake", action="store_true", help="use the fake session instead of the real AdminConfig")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    opts = ap.parse_args()

    jythons = [k for k in interpreters.KINDS if interpreters.problem(k) is None]
    tmp = tempfile.mkdtemp(prefix="stwas-bench-")
    folder = warm.temporary_folder()
    servers = warm.start(folder, jythons)
    try:
        config = opts.config
        if opts.fake:
            config = os.path.join(tmp, "config")
            os.makedirs(os.path.join(config, "cells", "c"))
            open(os.path.join(config, "cells", "c", "cell.xml"), "w").close()
        timing = os.path.join(tmp, "timing.py")
        calls = os.path.join(tmp, "calls.py")
        empty = os.path.join(tmp, "empty.py")
        for path, text in ((timing, TIMING_SCRIPT), (calls, CALLS_SCRIPT), (empty, "pass\n")):
            with open(path, "w") as f:
                f.write(text)

        # (label, interpreter, warm folder or None)
        ways = [("cpython", "cpython", None)]
        for k in jythons:
            ways += [(k + " cold", k, None), (k + " warm", k, folder)]
        print(
            "session: %s; best of %d runs; %s"
            % ("fake" if opts.fake else config, opts.repeat, ", ".join(interpreters.LABELS[k] for k in jythons) or "no Jython")
        )
        print()
        n = min(opts.n, 1000)
        print("%-16s %12s %12s %12s" % (("per call (ms)",) + OPS))
        for label, interp, way in ways:
            per_call = {}
            for _ in range(opts.repeat):
                _, t = run(interp, config, timing, [str(n)], opts.fake, way)
                for op in OPS:
                    per_call[op] = min(per_call.get(op, 1e9), t[op])
            print("%-16s %12.3f %12.3f %12.3f" % ((label,) + tuple(per_call[op] * 1000 for op in OPS)))
        print()
        print("%-16s %14s %18s" % ("wall time (s)", "empty script", "%d-call script" % opts.n))
        for label, interp, way in ways:
            wall_empty = best(opts.repeat, lambda i=interp, w=way: run(i, config, empty, [], opts.fake, w)[0])
            wall_calls = best(opts.repeat, lambda i=interp, w=way: run(i, config, calls, [str(opts.n)], opts.fake, w)[0])
            print("%-16s %14.2f %18.2f" % (label, wall_empty, wall_calls))
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
