"""Tests that pin wsadmin behaviour, checkable against a real wsadmin (moto's aws_verified idea).

A test marked ``@pytest.mark.wsadmin_verifiable(point=...)`` asks its questions through ``answer(script)``:
a Jython script (valid under Jython 2.1, 2.7 and CPython 3) whose printed output is the answer.  Normally the
harness answers (``python -m harness.wsadmin -conntype NONE -configRoot <the real base cell> -f``).  When the
environment variable STWAS_REAL_WSADMIN names a real ``wsadmin.sh``, the same script runs there
(``wsadmin.sh -lang jython -conntype NONE -f script``; its own profile's configuration), the test asserts
the REAL answer, and the report file (STWAS_VERIFY_REPORT, default ``wsadmin-verify-report.md``) gets,
per point, "matches" or the real answer next to ours: ``invoke verify --wsadmin PATH`` runs them all and
names the file to send back.
"""

import os
import subprocess
import sys
import tempfile

from paths import REAL_CONFIG, ROOT

REAL_WSADMIN_ENV = "STWAS_REAL_WSADMIN"
REPORT_ENV = "STWAS_VERIFY_REPORT"
DEFAULT_REPORT = "wsadmin-verify-report.md"
BANNERS = ("WASX7357I:", "WASX7209I:", "WASX7303I:")

RESULTS = []  # (point, script, ours, real) of this session, for the report
CURRENT = {"point": None}  # the running test's wsadmin_verifiable(point=...) (set by conftest)


def _run(argv, env=None):
    p = subprocess.run(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=600
    )
    lines = p.stdout.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    return "\n".join(line for line in lines if not line.startswith(BANNERS)).strip("\n")


def ours(script_path):
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT
    return _run(
        [
            sys.executable,
            "-m",
            "harness.wsadmin",
            "-conntype",
            "NONE",
            "-configRoot",
            REAL_CONFIG,
            "-lang",
            "jython",
            "-interpreter",
            "cpython",
            "-f",
            script_path,
        ],
        env,
    )


def real(script_path):
    return _run([os.environ[REAL_WSADMIN_ENV], "-lang", "jython", "-conntype", "NONE", "-f", script_path])


def answer(key, script):
    """The printed output of script: the real wsadmin's when STWAS_REAL_WSADMIN is set, else the harness's.
    key names the question within the test's point (a test may ask several)."""
    fd, path = tempfile.mkstemp(suffix=".py", prefix="stwas-verify-")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(script.strip() + "\n")
        mine = ours(path)
        if not os.environ.get(REAL_WSADMIN_ENV):
            return mine
        theirs = real(path)
        point = "%s (%s)" % (CURRENT["point"], key) if CURRENT["point"] else key
        RESULTS.append((point, script.strip(), mine, theirs))
        return theirs
    finally:
        os.remove(path)


def write_report(path=None):
    """Per point: "matches", or the real answer next to ours."""
    path = path or os.environ.get(REPORT_ENV) or os.path.join(ROOT, DEFAULT_REPORT)
    out = ["# wsadmin verification report", "", "Real wsadmin: %s" % os.environ.get(REAL_WSADMIN_ENV, "(none)"), ""]
    for point, script, mine, theirs in RESULTS:
        out += ["## %s" % point, "", "```", script, "```", ""]
        if mine == theirs:
            out += ["matches", ""]
        else:
            out += ["real wsadmin:", "```", theirs, "```", "", "stwas harness:", "```", mine, "```", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    return path
