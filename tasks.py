"""invoke tasks: the front door of stwas (see docs/remote.md).

    invoke plan JOB [--config DIR|ZIP] -- ARGS     what a job would change, offline (default: the bundled sample cell)
    invoke apply --host CELL JOB [--dry-run] -- ARGS
    invoke apply --hosts A,B JOB -- ARGS           the job on deployment managers over SSH (in parallel, one table),
                                                   after a backup of each (unless --no-backup)
    invoke snapshot --host CELL [--output ZIP]     backupConfig.sh -nostop there, download the zip
    invoke rollback --host CELL --backup ZIP       restoreConfig.sh with that zip there (asks first)
    invoke doctor [--host CELL | --config DIR|ZIP]  wsadmin_scripts/cell_doctor.py, remote or offline
    invoke test [--no-ssh] [--no-jython]           the whole test suite
    invoke lint                                    ruff check + format; the scripts: language check, vermin, 2.7/2.1 compiles

Cells (host, SSH port/user/key, profile path) are configured in invoke.yaml under ``stwas.cells``; another file can
be given with ``invoke -f FILE ...``. Everything after ``--`` goes to the job unchanged, except a password: an option
such as ``--password X`` is refused before anything runs (harness/remote/job_secrets.py says how to give it).
"""

import os
import shutil
import sys

from invoke import task
from invoke.exceptions import Exit

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "samples", "sametime", "config")
SCRIPTS = os.path.join(HERE, "wsadmin_scripts")
DOCTOR = "cell_doctor"

if HERE not in sys.path:  # `invoke -r /path/to/stwas` from anywhere: harness must import
    sys.path.insert(0, HERE)

# The tasks import harness.remote (fabric, paramiko) inside the functions that need it: `invoke --list`, `plan` and
# the help stay quick and work where fabric is not installed.


# ----------------------------------------------------------------------------------------------- helpers
def _job_path(job):
    """A job name (set_server_ports) or the path of a script."""
    if os.path.isfile(job):
        return os.path.abspath(job)
    name = job if job.endswith(".py") else job + ".py"
    path = os.path.join(SCRIPTS, name)
    if not os.path.isfile(path):
        have = sorted(f[:-3] for f in os.listdir(SCRIPTS) if f.endswith(".py")) if os.path.isdir(SCRIPTS) else []
        raise Exit("invoke: no job %r in %s (jobs: %s)" % (job, SCRIPTS, ", ".join(have) or "none yet"), code=2)
    return path


def _job_args(c):
    """The arguments after ``--``, exactly as given.

    invoke 2.2 parses ``--`` into Program.core.remainder, a single space-joined string that tasks cannot reach
    (and that loses the quoting of arguments with spaces), so the list is read from sys.argv. Callers that run
    tasks without a command line (an Executor in Python) can set ``stwas.args`` in the config instead.
    """
    argv = sys.argv
    if "--" in argv:
        return list(argv[argv.index("--") + 1 :])
    stwas = c.config.get("stwas", None) or {}
    return list(stwas.get("args", None) or [])


def _task_help(name):
    """`invoke plan --help`: invoke's parser gave --help to the task as its JOB argument, so show the task's help
    here (through the running invoke Program, which knows the task's options)."""
    from invoke.main import program  # the running invoke Program: only --help needs it

    if getattr(program, "parser", None) is not None and getattr(program, "collection", None) is not None:
        program.print_task_help(name)
    else:  # tasks run from Python without invoke's command line
        print("invoke %s: %s" % (name, " ".join((globals()[name].__doc__ or "").split())))
    raise Exit(code=0)


def _wants_help(job, name):
    if job in ("-h", "--help"):
        _task_help(name)


def _refuse_passwords(job, args, front, remote):
    """Exit 2, one line, when the job's arguments hold a password (before anything runs, local or remote)."""
    from harness.remote import job_secrets

    try:
        job_secrets.check(job, args, front=front, remote=remote)
    except job_secrets.RefusedArgument as e:
        raise Exit(str(e), code=2)


def _cells(c, host, hosts):
    from harness.remote import config as rconfig

    try:
        return rconfig.select(rconfig.load_cells(c.config), host=host, hosts=hosts)
    except rconfig.ConfigError as e:
        raise Exit("invoke: %s" % e, code=2)


def _report(results, table):
    """Print the readable summaries (and the table for several cells); Exit non-zero if any failed."""
    from harness.remote import runner

    sys.stdout.flush()
    print()
    for res in results:
        for line in runner.describe(res):
            print(line)
    if table or len(results) > 1:
        print()
        print(runner.summary_table(results))
    sys.stdout.flush()
    failed = [r for r in results if not r.ok]
    for r in failed:
        print("stwas: %s: %s" % (r.cell.name, r.message), file=sys.stderr)
    if failed:
        code = 1
        if len(results) == 1 and failed[0].exit_code not in (None, 0):
            code = failed[0].exit_code
        raise Exit(code=code)


def _remote_job(c, job_path, args, host, hosts, backup=False, yes=True, front="invoke apply"):
    """The job on every cell given; backup: a snapshot first (None: to snapshots/), False: none."""
    from harness.remote import confirm, credentials, job_secrets, runner

    _refuse_passwords(job_path, args, front, remote=True)
    cells = _cells(c, host, hosts)
    if not yes and confirm.on_terminal():
        lines = [
            "%s on %s:" % (front, ", ".join("%s (%s:%d)" % (x.name, x.host, x.port) for x in cells)),
            "  wsadmin.sh -f %s %s" % (os.path.basename(job_path), " ".join(_q(a) for a in args)),
            "  backup first: %s"
            % ("backupConfig.sh -nostop, downloaded to snapshots/" if backup is not False else "none (--no-backup)"),
        ]
        if not confirm.confirm(lines):
            raise Exit("%s: not confirmed: nothing was run" % front, code=1)
    creds = credentials.resolve(cells)
    secrets = job_secrets.to_send(job_path, args)

    def one(cell, prefix):
        return runner.apply_job(
            cell, job_path, args, creds[cell.name], SCRIPTS, backup_output=backup, prefix=prefix, secrets=secrets
        )

    _report(runner.run_many(cells, one), table=bool(hosts))


def _plan(c, job_path, config, interpreter, args, read_only=False):
    from invoke.exceptions import UnexpectedExit

    cmd = [sys.executable, "-m", "harness", "plan", "--config", config]
    if interpreter:
        cmd += ["-interpreter", interpreter]
    if read_only or "-h" in args or "--help" in args:  # a check job, or a job's help: nothing to change
        cmd += ["--read-only"]
    cmd += ["--", job_path] + list(args)
    try:
        c.run(" ".join(_q(a) for a in cmd), pty=False, env={"PYTHONPATH": _pythonpath()})
    except UnexpectedExit as e:
        raise Exit(code=e.result.exited or 1)


def _pythonpath():
    old = os.environ.get("PYTHONPATH")
    return HERE + (os.pathsep + old if old else "")


def _q(s):
    s = str(s)
    if s and all(ch.isalnum() or ch in "-_./=:," for ch in s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


# ----------------------------------------------------------------------------------------------- tasks
@task(
    help={
        "job": "job name (e.g. set_server_ports) or script path",
        "config": "config directory or backupConfig zip (default: the bundled Sametime sample cell)",
        "interpreter": "cpython or jython (default: jython when on PATH)",
    }
)
def plan(c, job, config=SAMPLE, interpreter=None):
    """Show what a job would change, as a unified diff, without touching the source config. Job args after --
    (`invoke plan JOB -- --help`: the job's options)."""
    _wants_help(job, "plan")
    args = _job_args(c)
    _refuse_passwords(job, args, "invoke plan", remote=False)
    _plan(c, _job_path(job), config, interpreter, args)


@task(
    help={
        "job": "job name (e.g. set_server_ports) or script path",
        "host": "the cell (deployment manager) to run on, by its name in invoke.yaml",
        "hosts": "several cells, comma-separated: run in parallel, one summary table",
        "dry-run": "pass --dry-run to the job: work out and print the changes, save nothing (and take no backup)",
        "backup": "--no-backup: run the job without taking a backup first (default: backupConfig.sh -nostop on "
        "each cell, downloaded to snapshots/, as invoke snapshot does)",
        "yes": "do not ask for confirmation on a terminal",
    }
)
def apply(c, job, host=None, hosts=None, dry_run=False, backup=True, yes=False):
    """Run a job on deployment managers over SSH: a backup first, then upload wsadmin_scripts/ and run wsadmin.sh -f
    JOB ARGS (after --). `invoke plan JOB -- --help` shows the job's options."""
    _wants_help(job, "apply")
    path = _job_path(job)
    args = _job_args(c)
    if dry_run and "--dry-run" not in args:
        args.append("--dry-run")
    dry = "--dry-run" in args
    _remote_job(c, path, args, host, hosts, backup=None if backup and not dry else False, yes=yes or dry)


@task(
    help={
        "host": "the cell to back up, by its name in invoke.yaml",
        "hosts": "several cells, comma-separated (then --output is a directory)",
        "output": "where to write the zip (default: snapshots/<cell>-<time>.zip)",
    }
)
def snapshot(c, host=None, hosts=None, output=None):
    """backupConfig.sh <zip> -nostop on the deployment manager, then download the zip (for invoke plan --config)."""
    from harness.remote import runner

    cells = _cells(c, host, hosts)
    if len(cells) > 1 and output and not output.endswith(os.sep):
        output += os.sep

    def one(cell, prefix):
        return runner.snapshot(cell, output, prefix=prefix)

    results = runner.run_many(cells, one)
    _report(results, table=bool(hosts))
    for r in results:
        print("plan against it: invoke plan JOB --config %s -- ARGS" % _q(r.path))


@task(
    help={
        "host": "the cell to restore, by its name in invoke.yaml",
        "backup": "the backupConfig zip (from invoke snapshot, or the one invoke apply took before a job)",
        "no-stop": "pass -nostop: restoreConfig.sh leaves the servers running (then restart the deployment manager yourself)",
        "yes": "do not ask for confirmation (needed without a terminal)",
    }
)
def rollback(c, host=None, backup=None, no_stop=False, yes=False):
    """Restore a backupConfig zip on a deployment manager (restoreConfig.sh), after checking that it is a backup of
    that cell and asking; then says what to synchronise and restart."""
    from harness.remote import backups, confirm, runner

    if not host or "," in host:
        raise Exit("invoke rollback: give one cell with --host CELL", code=2)
    if not backup:
        raise Exit("invoke rollback: give the backup with --backup ZIP (invoke snapshot, or the zip invoke apply took)", code=2)
    try:
        backups.inspect(backup)
    except backups.BackupError as e:
        raise Exit("invoke rollback: refusing the backup: %s" % e, code=2)
    if not yes and not confirm.on_terminal():
        raise Exit("invoke rollback: no terminal to ask for confirmation: give --yes to restore without asking", code=2)
    cells = _cells(c, host, None)
    ask = (lambda lines: True) if yes else confirm.confirm
    _report([runner.rollback(cells[0], backup, ask, no_stop=no_stop)], table=False)


@task(
    help={
        "host": "run on this cell over SSH (by its name in invoke.yaml)",
        "hosts": "several cells, comma-separated",
        "config": "offline: a config directory or backupConfig zip (default: the bundled sample cell)",
        "interpreter": "offline: cpython or jython",
    }
)
def doctor(c, host=None, hosts=None, config=None, interpreter=None):
    """Check a cell for the usual Sametime/WebSphere problems (wsadmin_scripts/cell_doctor.py), remote or offline."""
    path = os.path.join(SCRIPTS, DOCTOR + ".py")
    if not os.path.isfile(path):
        raise Exit(
            "invoke doctor: %s does not exist yet (the cell doctor job is not written): nothing to run"
            % os.path.relpath(path, HERE),
            code=2,
        )
    args = _job_args(c)
    if host or hosts:
        if config:
            raise Exit("invoke doctor: give either --host/--hosts (remote) or --config (offline)", code=2)
        _remote_job(c, path, args, host, hosts, front="invoke doctor")  # read-only: no backup, no question
    else:
        _refuse_passwords(path, args, "invoke doctor", remote=False)
        _plan(c, path, config or SAMPLE, interpreter, args, read_only=True)


@task(
    help={
        "ssh": "run the SSH tests (they skip by themselves without /usr/sbin/sshd)",
        "jython": "run the tests that need a real Jython (2.7 or 2.1)",
        "k": "only tests matching this pytest -k expression",
    }
)
def test(c, ssh=True, jython=True, k=None):
    """Run the whole test suite (pytest, one worker per core, as tox does; arguments after -- go to pytest)."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-n", "auto"]
    skip = [m for m, on in (("ssh", ssh), ("jython", jython), ("jython21", jython)) if not on]
    if skip:
        cmd += ["-m", " and ".join("not " + m for m in skip)]
    if k:
        cmd += ["-k", k]
    cmd += _job_args(c)
    c.run(" ".join(_q(a) for a in cmd), pty=False)


# compiles every .py under the folders it is given, in the running Jython (2.1 or 2.7): tools/jython_compile.py
COMPILE_CHECK = os.path.join(HERE, "tools", "jython_compile.py")


@task
def lint(c):
    """ruff check and ruff format --check over the tree; over the scripts also: the language check (docs/script-language.md),
    vermin (2.7+), the Jython 2.7 and the Jython 2.1 compilers (in memory): every file of wsadmin_scripts/ must
    compile on the oldest wsadmin (WAS 7.0/8.5.5)."""
    from harness.launcher import interpreters  # like the other tasks: harness is importable once HERE is on sys.path

    scripts = [SCRIPTS, os.path.join(HERE, "tests", "remote")]
    scripts = " ".join(_q(s) for s in scripts if os.path.isdir(s))
    jobs = _q(SCRIPTS)  # what runs on a deployment manager: the 2.1 gate
    with c.cd(HERE):
        c.run("%s -m ruff check ." % _q(sys.executable), pty=False)  # the tree; pyproject names what it leaves out
        c.run("%s -m ruff format --check ." % _q(sys.executable), pty=False)
        # vermin has no __main__: its console script sits next to this interpreter (or on PATH)
        vermin = os.path.join(os.path.dirname(sys.executable), "vermin")
        vermin = vermin if os.path.isfile(vermin) else (shutil.which("vermin") or "vermin")
        c.run("%s -q --no-tips -t=2.7- --violations %s" % (_q(vermin), scripts), pty=False)
        # what compiles on 2.1 but fails there (or on 3) at run time: True, sorted, `key in dict`, ...
        c.run("%s tests/script_language.py %s" % (_q(sys.executable), jobs), pty=False)
        if shutil.which("jython"):
            c.run("jython %s %s" % (_q(COMPILE_CHECK), scripts), pty=False)
        else:
            print("lint: jython not on PATH: Jython 2.7 compile skipped (apt-get install jython)")
        try:
            jython21 = interpreters.jython21_launcher()
        except interpreters.InterpreterMissing as e:
            print("lint: Jython 2.1 compile skipped: %s" % e)
        else:
            c.run("%s %s %s" % (_q(jython21), _q(COMPILE_CHECK), jobs), pty=False)


@task(
    help={
        "wsadmin": "path of a real wsadmin.sh (of a WebSphere profile); default: env STWAS_REAL_WSADMIN",
        "report": "the report file to write (default: wsadmin-verify-report.md here)",
    }
)
def verify(c, wsadmin=None, report=None):
    """Run the tests that pin wsadmin behaviour against a real wsadmin; write the report to send back."""
    wsadmin = wsadmin or os.environ.get("STWAS_REAL_WSADMIN")
    if not wsadmin:
        raise Exit("verify: name a real wsadmin.sh with --wsadmin PATH (or env STWAS_REAL_WSADMIN)", code=2)
    report = os.path.abspath(report or os.path.join(HERE, "wsadmin-verify-report.md"))
    env = {"STWAS_REAL_WSADMIN": os.path.abspath(wsadmin), "STWAS_VERIFY_REPORT": report, "PYTHONPATH": _pythonpath()}
    with c.cd(HERE):
        c.run("%s -m pytest -q -p no:cacheprovider -m wsadmin_verifiable" % _q(sys.executable), env=env, pty=False, warn=True)
    print("verify: report written to %s (per point: 'matches', or the real answer next to ours)" % report)


@task(help={"check": "only check that docs/coverage.md is up to date"})
def coverage_doc(c, check=False):
    """Write docs/coverage.md: every scripting-object method the harness has, with its [V]/[L]/[U] status."""
    with c.cd(HERE):
        c.run(
            "%s tools/coverage_doc.py%s" % (_q(sys.executable), " --check" if check else ""),
            pty=False,
            env={"PYTHONPATH": _pythonpath()},
        )
