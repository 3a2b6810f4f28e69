"""invoke tasks: plan offline, test, lint.

    invoke plan JOB -- ARGS     run a job against a snapshot (default: the bundled Sametime sample cell)
    invoke test                 the whole test suite
    invoke lint                 ruff for the harness, vermin and Jython compile for the scripts
"""

import os
import shutil
import sys

from invoke import task

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "samples", "sametime", "config")
SCRIPTS = os.path.join(HERE, "wsadmin_scripts")


def _job_path(job):
    if os.path.isfile(job):
        return job
    name = job if job.endswith(".py") else job + ".py"
    path = os.path.join(SCRIPTS, name)
    if not os.path.isfile(path):
        sys.exit("invoke: no job %r in %s" % (job, SCRIPTS))
    return path


@task(help={"job": "job name (e.g. set_server_ports) or script path",
            "config": "config directory or backupConfig zip (default: the bundled sample cell)",
            "interpreter": "cpython or jython (default: jython when on PATH)"})
def plan(c, job, config=SAMPLE, interpreter=None):
    """Show what a job would change, as a unified diff, without touching the source config."""
    args = list(c.config.get("remainder_args", None) or [])
    cmd = [sys.executable, "-m", "harness", "plan", "--config", config]
    if interpreter:
        cmd += ["-interpreter", interpreter]
    cmd += ["--", _job_path(job)] + args
    c.run(" ".join(_q(a) for a in cmd), pty=False)


@task
def test(c, jython=True):
    """Run the whole test suite."""
    c.run("%s -m pytest -q" % _q(sys.executable), pty=False)


@task
def lint(c):
    """ruff over the harness; vermin (2.7+) and a Jython compile over the scripts."""
    c.run("%s -m ruff check harness tests tasks.py" % _q(sys.executable))
    c.run("%s -m vermin -q --no-tips -t=2.7- --violations %s" % (_q(sys.executable), _q(SCRIPTS)))
    if shutil.which("jython"):
        c.run("jython -c \"import compileall,sys; sys.exit(not compileall.compile_dir(%r, quiet=1))\"" % SCRIPTS)


def _q(s):
    s = str(s)
    if s and all(ch.isalnum() or ch in "-_./=:," for ch in s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"
