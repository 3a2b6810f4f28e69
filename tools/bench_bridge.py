"""Per-call overhead of the Jython pipe bridge vs in-process CPython, and the total time of a 1,000-call script.

    python tools/bench_bridge.py [--config DIR] [--fake] [-n 1000]

--config defaults to the real cell in tests/fixtures/real (only read, never saved); --fake uses the tiny fake
session of harness.launcher.fakes (no dependency on the real AdminConfig).  Each run goes through
`python -m harness.wsadmin` exactly as a user would; the script times its own calls.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL_CELL = os.path.join(REPO, "tests", "fixtures", "real", "was855-base-linux", "config")

TIMING_SCRIPT = """\
from __future__ import print_function
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


def run(interpreter, config, script, args, fake):
    env = dict(os.environ, PYTHONPATH=REPO)
    env.pop("STWAS_SESSION_FACTORY", None)
    if fake:
        env["STWAS_SESSION_FACTORY"] = "harness.launcher.fakes:fake_objects"
    cmd = [sys.executable, "-m", "harness.wsadmin", "-interpreter", interpreter, "-conntype", "NONE",
           "-configRoot", config, "-f", script] + args
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default=REAL_CELL)
    ap.add_argument("--fake", action="store_true", help="use the fake session instead of the real AdminConfig")
    ap.add_argument("-n", type=int, default=1000)
    opts = ap.parse_args()

    interpreters = ["cpython"] + (["jython"] if shutil.which("jython") else [])
    tmp = tempfile.mkdtemp(prefix="stwas-bench-")
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

        print("session: %s" % ("fake" if opts.fake else config))
        per_call = {}
        for interp in interpreters:
            _, per_call[interp] = run(interp, config, timing, [str(min(opts.n, 1000))], opts.fake)
        print("%-14s %14s %14s %14s" % ("per call (ms)", "cpython", "jython", "bridge cost"))
        for op in ("getid", "showAttribute", "list"):
            c = per_call["cpython"][op] * 1000
            if "jython" in per_call:
                j = per_call["jython"][op] * 1000
                print("%-14s %14.3f %14.3f %14.3f" % (op, c, j, j - c))
            else:
                print("%-14s %14.3f %14s %14s" % (op, c, "-", "-"))
        print()
        print("%-30s %10s" % ("wall time (s)", "seconds"))
        for interp in interpreters:
            wall_empty, _ = run(interp, config, empty, [], opts.fake)
            wall_calls, _ = run(interp, config, calls, [str(opts.n)], opts.fake)
            print("%-30s %10.2f" % ("%s empty script" % interp, wall_empty))
            print("%-30s %10.2f" % ("%s %d-call script" % (interp, opts.n), wall_calls))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
