"""Every job, run by the real Jython 2.1 without wsadmin: its --help and its usage errors, which it answers before
the first scripting call, so the whole import chain (the job, stwaslib) and the job frame (the option parser, the
ERROR line, the JSON result line) run on the oldest wsadmin's interpreter, all in one process (about 10 s). The
jobs' scripting calls are tested through the launcher (tests/test_jobs_*.py), under Jython 2.7 and 2.1 too; Jython
2.7 runs the same runner (`runs` takes "jython"), but compiling every job costs it half a minute for nothing new."""

import json
import os
import shutil
import subprocess

import pytest
from paths import ROOT, TESTS

from harness.launcher import interpreters

SCRIPTS = os.path.join(ROOT, "wsadmin_scripts")
JOBS = sorted(f[:-3] for f in os.listdir(SCRIPTS) if f.endswith(".py"))
RUNNER = os.path.join(TESTS, "wsadmin", "run_jobs_plain.py")
EXPECTED_VERSION = {"jython21": "2.1", "jython": "2.7"}
# cell_doctor keeps 1 and 2 for its findings: a failure of the doctor itself, bad options included, exits 3
USAGE_EXIT = {"cell_doctor": 3}


@pytest.fixture(scope="module", params=[pytest.param("jython21", id="jython21", marks=pytest.mark.jython21)])
def runs(request, tmp_path_factory):
    """{(job, case): (exit code, output lines)} of every job's cases, in one interpreter process."""
    why = interpreters.problem(request.param)
    if why:
        pytest.skip(why)
    cmd = interpreters.command(request.param, "\n")
    tmp = tmp_path_factory.mktemp(request.param)
    # a copy: Jython writes $py.class files next to what it imports
    scripts = os.path.join(str(tmp), "wsadmin_scripts")
    shutil.copytree(SCRIPTS, scripts, ignore=shutil.ignore_patterns("__pycache__", "*.class"))
    cases = []
    for job in JOBS:
        path = os.path.join(scripts, job + ".py")
        cases.append((job, "help", [path, "--help"]))
        cases.append((job, "bogus", [path, "--bogus"]))
        cases.append((job, "dry-run-value", [path, "--dry-run=yes"]))
    spec = os.path.join(str(tmp), "spec.txt")
    with open(spec, "w") as f:
        f.write("".join("\t".join(c[2]) + "\n" for c in cases))
    p = subprocess.run(cmd.argv + [RUNNER, spec], env=cmd.environ(), capture_output=True, text=True, timeout=600, cwd=str(tmp))
    assert p.returncode == 0, p.stderr[-3000:]
    out, current = {}, None
    for line in p.stdout.splitlines():
        if line.startswith("=== RUN "):
            current = cases[int(line[len("=== RUN ") :]) - 1]
            lines = []
        elif line.startswith("=== EXIT "):
            out[(current[0], current[1])] = (int(line[len("=== EXIT ") :]), lines)
        else:
            lines.append(line)
    assert len(out) == len(cases), p.stdout[-3000:] + p.stderr[-3000:]
    return request.param, out


@pytest.mark.parametrize("job", JOBS)
def test_help(runs, job):
    _interpreter, out = runs
    code, lines = out[(job, "help")]
    assert code == 0 and lines[0].startswith("Usage: %s.py " % job), lines
    assert "  --dry-run             work out and print the changes, save nothing" in lines
    assert not [ln for ln in lines if ln.startswith("STWAS-RESULT")]


@pytest.mark.parametrize("job", JOBS)
@pytest.mark.parametrize(
    "case,error", [("bogus", "no such option: --bogus (see --help)"), ("dry-run-value", "option --dry-run takes no value")]
)
def test_usage_error(runs, job, case, error):
    interpreter, out = runs
    code, lines = out[(job, case)]
    assert code == USAGE_EXIT.get(job, 2) and lines[0] == "ERROR: %s: %s" % (job, error), lines
    assert len(lines) == 2 and lines[1].startswith("STWAS-RESULT ")
    result = json.loads(lines[1][len("STWAS-RESULT ") :])
    assert result["job"] == job and result["error"] == error
    assert result["changed"] is False and result["saved"] is False and result["changes"] == []
    assert result["jython"].startswith(EXPECTED_VERSION[interpreter])
