"""Running admin jobs (wsadmin_scripts/<job>.py) through the launcher, and reading their STWAS-RESULT line.

    from jobs_helpers import JOB_INTERPRETERS, run_job, snapshot, changed_files
    @pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
    def test_x(interpreter, sample_config):
        r = run_job(interpreter, sample_config, "set_server_ports", "--server", "STProxyServer", ...)
        assert r.rc == 0 and r.result["changed"]

INTERPRETERS = cpython, jython (Jython 2.7) and jython21 (Jython 2.1); JOB_INTERPRETERS = cpython and jython21 (a
job's detailed cases, see below); a Jython that cannot run here is skipped with the reason
(harness.launcher.interpreters.problem).  CI has all three.
"""

import functools
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from harness.launcher import interpreters

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(ROOT, "wsadmin_scripts")
SAMPLE_CONFIG = os.path.join(ROOT, "samples", "sametime", "config")
RESULT_PREFIX = "STWAS-RESULT "
# the jobs' password variables: a test gives them with env=..., never from the environment it runs in
PASSWORD_ENVS = ("STWAS_NEW_PASSWORD", "STWAS_LTPA_PASSWORD", "STWAS_KEYFILE_PASSWORD")


def _env():
    env = dict(os.environ)
    for name in ("STWAS_SESSION_FACTORY", "STWAS_SCRIPTS") + PASSWORD_ENVS:
        env.pop(name, None)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


@functools.lru_cache(maxsize=None)
def interpreter_problem(kind):
    """None when `-interpreter kind` can run here, else the reason (harness.launcher.interpreters' own lookup)."""
    return interpreters.problem(kind)


def _interpreter_param(name):
    why = interpreter_problem(name)
    marks = [getattr(pytest.mark, name)] if name != "cpython" else []
    if why:
        marks.append(pytest.mark.skip(reason="-interpreter %s skipped: %s" % (name, why)))
    return pytest.param(name, marks=marks, id=name)


INTERPRETERS = [_interpreter_param(name) for name in ("cpython", "jython", "jython21")]
# A job's detailed cases (tests/test_jobs_*.py) run under CPython (the fast path) and the real Jython 2.1 (the
# wsadmin of WebSphere 7.0 and 8.5.5, so of every Sametime 8.5/9 cell). Under Jython 2.7 (WebSphere 9) every job is
# proven by its contract case (tests/test_job_contract.py: dry run, apply, rerun, --help, a bad option), the
# library by its selftests and every script by the compile gate: the three in the suite's ten minutes.
JOB_INTERPRETERS = [_interpreter_param(name) for name in ("cpython", "jython21")]


def require(interpreter):
    why = interpreter_problem(interpreter)
    if why:
        pytest.skip("-interpreter %s skipped: %s" % (interpreter, why))


class JobRun:
    def __init__(self, proc, args):
        self.args = args
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.result = None
        out = [ln for ln in self.stdout.splitlines() if ln.strip()]
        self.last_line = out[-1] if out else ""
        for ln in out:
            if ln.startswith(RESULT_PREFIX):
                self.result = json.loads(ln[len(RESULT_PREFIX) :])
        self.change_lines = [ln for ln in out if ln.startswith("CHANGE ")]
        self.error_lines = [ln for ln in out if ln.startswith("ERROR: ")]

    def __repr__(self):
        return "JobRun(rc=%s)\n--- stdout\n%s\n--- stderr\n%s" % (self.rc, self.stdout, self.stderr)


def script_path(job):
    return job if job.endswith(".py") and os.sep in job else os.path.join(SCRIPTS, job + ".py")


def run_job(interpreter, config_root, job, *args, env=None, cwd=None, conntype="NONE", stdin=None, timeout=300):
    """Run wsadmin_scripts/<job>.py (or a script path) through `python -m harness.wsadmin` over config_root, in
    local mode (conntype NONE) or connected (SOAP); stdin: the text of its standard input (default: none)."""
    require(interpreter)
    e = _env()
    e.update(env or {})
    cmd = [
        sys.executable,
        "-m",
        "harness.wsadmin",
        "-conntype",
        conntype,
        "-configRoot",
        str(config_root),
        "-lang",
        "jython",
        "-interpreter",
        interpreter,
        "-f",
        script_path(job),
    ] + [str(a) for a in args]
    feed = {"stdin": subprocess.DEVNULL} if stdin is None else {"input": stdin}
    p = subprocess.run(cmd, cwd=cwd or ROOT, env=e, capture_output=True, text=True, timeout=timeout, **feed)
    return JobRun(p, args)


def run_plan(config, job, *args, interpreter=None, timeout=300):
    cmd = [sys.executable, "-m", "harness", "plan", "--config", str(config)]
    if interpreter:
        cmd += ["-interpreter", interpreter]
    cmd += ["--", script_path(job)] + [str(a) for a in args]
    return subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=timeout)


def copy_sample(dest):
    dst = os.path.join(str(dest), "config")
    shutil.copytree(SAMPLE_CONFIG, dst)
    return dst


def zip_dir(src, zip_path):
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for d, dirs, files in os.walk(src):
            dirs.sort()
            for f in sorted(files):
                p = os.path.join(d, f)
                zf.write(p, os.path.relpath(p, src))
    return zip_path


def snapshot(root):
    out = {}
    for d, _dirs, files in os.walk(str(root)):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, str(root)).replace(os.sep, "/")] = fh.read()
    return out


def grep_tree(root, names):
    """{relative path: [names found]} over every file of the tree: in its content (binary files included) or path."""
    out = {}
    for rel, data in snapshot(root).items():
        hit = [n for n in names if n.encode() in data or n in rel]
        if hit:
            out[rel] = hit
    return out


def changed_files(before, after):
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def without_ids(changes):
    """Changes without config ids (created objects get time-based ids)."""
    out = []
    for c in changes:
        c = dict(c)
        c.pop("id", None)
        out.append(c)
    return out


def adminconfig(config_root):
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from harness.scripting.adminconfig import AdminConfig

    return AdminConfig(str(config_root))


def prove_dry_run_apply_rerun(interpreter, config_root, job, *args, env=None, conntype="NONE"):
    """The proof every changing job owes (docs/internals.md "Adding a job"): `--dry-run` prints the changes and
    writes no byte; the run itself saves them and changes exactly what it reports (its changes, and files changed
    on disk); a rerun reports `"changed": false` and writes nothing.  Returns (dry, applied, rerun) for more checks."""
    before = snapshot(config_root)
    dry = run_job(interpreter, config_root, job, *(args + ("--dry-run",)), env=env, conntype=conntype)
    assert dry.rc == 0 and dry.result["dry_run"] is True, dry
    assert dry.result["changed"] is True and dry.result["saved"] is False and dry.result["changes"], dry
    assert snapshot(config_root) == before, "--dry-run wrote something: %s" % dry
    applied = run_job(interpreter, config_root, job, *args, env=env, conntype=conntype)
    assert applied.rc == 0 and applied.result["error"] is None, applied
    assert applied.result["changed"] is True and applied.result["saved"] is True, applied
    assert len(applied.result["changes"]) == len(dry.result["changes"]) == len(dry.change_lines), (dry, applied)
    assert without_ids(applied.result["changes"]) == without_ids(dry.result["changes"]), (dry, applied)
    middle = snapshot(config_root)
    assert changed_files(before, middle), "the run reported changes and wrote nothing: %s" % applied
    rerun = run_job(interpreter, config_root, job, *args, env=env, conntype=conntype)
    assert rerun.rc == 0 and rerun.result["changed"] is False and rerun.result["changes"] == [], rerun
    assert not rerun.change_lines and snapshot(config_root) == middle, rerun
    return dry, applied, rerun


def prove_read_only(interpreter, config_root, job, *args, exit_code=0, env=None, conntype="NONE"):
    """A report writes no byte and exits as documented; its result says it changed nothing."""
    before = snapshot(config_root)
    r = run_job(interpreter, config_root, job, *args, env=env, conntype=conntype)
    assert r.rc == exit_code, r
    assert snapshot(config_root) == before, "a read-only job wrote something: %s" % r
    if r.result is not None:  # (a --json report prints its document instead of the result line)
        assert r.result["changed"] is False and r.result["changes"] == [] and r.result["saved"] is False, r
    assert not r.change_lines, r
    return r
