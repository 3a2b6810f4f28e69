"""Run stwas jobs on deployment managers over SSH (fabric/paramiko): upload, wsadmin, snapshots, summaries.

One run of a job on one cell (run_job):
  1. connect (fabric Connection from the cell's config; unreachable host / refused login -> one-line error);
  2. check that <profile>/bin/wsadmin.sh exists and make a private directory ``mktemp -d <remote_tmp>/stwas.XXXXXXXX``
     (0700);
  3. SFTP-upload wsadmin_scripts/ into it (the job too, when it is a script outside wsadmin_scripts/);
  4. with credentials: write <dir>/soap.client.props over SFTP (the host's soap.client.props without its login lines,
     plus securityEnabled/loginUserid/loginPassword), chmod 0600 before writing, and give it to wsadmin as
     ``-javaoption -Dcom.ibm.SOAP.ConfigURL=file:<dir>/soap.client.props``; a job's own password (its variable
     set here, harness/remote/job_secrets.py) goes the same way into <dir>/job-password.<n>, given to the job
     with its file option;
  5. ``cd <dir> && trap 'cd / && rm -rf <dir>' EXIT && STWAS_SCRIPTS=<dir>/wsadmin_scripts && export STWAS_SCRIPTS
     && <profile>/bin/wsadmin.sh -lang jython -conntype SOAP -f <dir>/wsadmin_scripts/<job>.py ARGS...``, output
     streamed line by line through one secret scrubber (harness.launcher.passwords), prefixed by the cell name when several
     cells run at once;
  6. ``rm -rf <dir>`` whatever happened (the remote shell's trap removes it when wsadmin ends, even if the SSH
     connection is gone by then); the last ``STWAS-RESULT {json}`` line becomes the summary.

A password in the job's arguments is refused before anything connects (job_secrets.check). ``apply_job`` takes a
backup (``snapshot``) before the job; ``rollback`` restores one with restoreConfig.sh.
"""

import datetime
import json
import os
import shlex
import socket
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from harness.launcher import passwords
from harness.remote import backups, job_secrets
from harness.remote import credentials as creds_mod

RESULT_PREFIX = "STWAS-RESULT "
_NO_WSADMIN = "STWAS-NO-WSADMIN"
_NO_BACKUP = "STWAS-NO-BACKUPCONFIG"
_NO_RESTORE = "STWAS-NO-RESTORECONFIG"
_SKIP_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache"}
_SKIP_SUFFIXES = (".pyc", ".pyo", "$py.class")


class RemoteError(Exception):
    """A failure explained in one line (no traceback for the user)."""


class HostResult(object):
    """The outcome of one job on one cell."""

    def __init__(self, cell, job):
        self.cell = cell
        self.job = job
        self.ok = False
        self.exit_code = None
        self.message = ""
        self.result = None  # the STWAS-RESULT dict
        self.path = None  # snapshot: the local zip
        self.backup = None  # apply: the local zip of the backup taken before the job
        self.notes = []  # lines to show under the summary (rollback: what to do next)

    @property
    def findings_only(self):
        """A read-only check job (cell_doctor) that ran fine and exited non-zero because it found problems."""
        r = self.result or {}
        return (
            not self.ok
            and bool(r.get("findings"))
            and r.get("error") is None
            and (r.get("summary") or {}).get("exit_code", self.exit_code) == self.exit_code
        )

    @property
    def status(self):
        if self.findings_only:
            return "FINDINGS"
        if not self.ok:
            return "FAILED"
        if self.result is None:
            return "ok"
        if self.result.get("dry_run"):
            return "dry-run" if self.result.get("changes") else "unchanged"
        return "changed" if self.result.get("changed") else "unchanged"


# ----------------------------------------------------------------------------------------------- output
class LineWriter(object):
    """A file-like for invoke's out_stream/err_stream: whole lines, scrubbed of the run's secrets, optionally
    prefixed, one lock for all hosts."""

    _lock = threading.Lock()

    def __init__(self, stream, prefix="", scrubber=None):
        self.stream = stream
        self.prefix = prefix
        self.scrubber = scrubber or passwords.Scrubber()
        self._buf = ""

    def write(self, data):
        if not data:
            return
        self._buf += data
        if "\n" not in self._buf:
            return
        head, self._buf = self._buf.rsplit("\n", 1)
        text = "".join(self.prefix + self.scrubber.scrub(line) + "\n" for line in head.split("\n"))
        with self._lock:
            self.stream.write(text)
            self.stream.flush()

    def flush(self):
        pass

    def close(self):
        if self._buf:
            rest, self._buf = self._buf, ""
            with self._lock:
                self.stream.write(self.prefix + self.scrubber.scrub(rest) + "\n")
                self.stream.flush()


def parse_result(stdout):
    """The dict of the last STWAS-RESULT line, or None."""
    for line in reversed((stdout or "").splitlines()):
        line = line.strip()
        if line.startswith(RESULT_PREFIX):
            try:
                value = json.loads(line[len(RESULT_PREFIX) :])
            except ValueError:
                return None
            return value if isinstance(value, dict) else None
    return None


def _error_line(stdout):
    for line in reversed((stdout or "").splitlines()):
        if line.startswith("ERROR:") or line.startswith("WASX7017E") or "Exception" in line[:80]:
            return line.strip()
    return None


# ----------------------------------------------------------------------------------------------- SSH
def connect(cell):
    """An open fabric Connection to the cell, or RemoteError with a clear reason."""
    # imported at the first connection: fabric and paramiko are large, and what never connects needs neither
    import paramiko
    from fabric import Connection

    kw = {"banner_timeout": cell.connect_timeout, "auth_timeout": cell.connect_timeout}
    if cell.key_file:
        if not os.path.isfile(cell.key_file):
            raise RemoteError("%s: SSH key file %s does not exist" % (cell.name, cell.key_file))
        kw.update(key_filename=cell.key_file, look_for_keys=False, allow_agent=False)
    conn = Connection(
        host=cell.host, user=cell.user, port=cell.port, connect_timeout=int(cell.connect_timeout), connect_kwargs=kw
    )
    client = conn.client
    if cell.host_key_check != "off":
        known = cell.known_hosts or os.path.expanduser("~/.ssh/known_hosts")
        if os.path.isfile(known):
            client.load_system_host_keys(known)  # never written back
        elif cell.known_hosts:
            raise RemoteError("%s: known_hosts file %s does not exist" % (cell.name, cell.known_hosts))
        client.set_missing_host_key_policy(
            paramiko.RejectPolicy() if cell.host_key_check == "strict" else paramiko.AutoAddPolicy()
        )
    else:
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    where = "%s:%d" % (cell.host, cell.port)
    try:
        conn.open()
    except paramiko.AuthenticationException:
        raise RemoteError(
            "%s: login refused for %s on %s (%s)"
            % (cell.name, conn.user, where, "key %s" % cell.key_file if cell.key_file else "agent/default keys")
        )
    except paramiko.BadHostKeyException:
        raise RemoteError("%s: the host key of %s does not match known_hosts: refusing to connect" % (cell.name, where))
    except (socket.timeout, TimeoutError):
        raise RemoteError("%s: cannot reach %s: timed out after %g s" % (cell.name, where, cell.connect_timeout))
    except paramiko.SSHException as e:
        msg = str(e)
        if "known_hosts" in msg:
            raise RemoteError("%s: %s is not in known_hosts (host_key_check: strict)" % (cell.name, where))
        raise RemoteError("%s: SSH error with %s: %s" % (cell.name, where, msg))
    except OSError as e:  # refused, no route, unknown name (NoValidConnectionsError is an OSError)
        inner = list(getattr(e, "errors", {}).values())  # NoValidConnectionsError: {address: OSError}
        reason = getattr(inner[0] if inner else e, "strerror", None) or str(e) or e.__class__.__name__
        if isinstance(e, socket.gaierror):
            reason = "unknown host name (%s)" % reason
        raise RemoteError("%s: cannot reach %s: %s" % (cell.name, where, reason))
    return conn


def _run(conn, command, hide=True, out=None, err=None, timeout=None):
    """Run a command; returns the invoke Result (never raises on a non-zero exit)."""
    kw = {"warn": True, "pty": False, "in_stream": False, "hide": hide}
    if out is not None:
        kw["out_stream"] = out
    if err is not None:
        kw["err_stream"] = err
    if timeout:
        kw["timeout"] = timeout
    return conn.run(command, **kw)


def _q(s):
    return shlex.quote(str(s))


def make_workdir(conn, cell, check, missing_marker, what):
    """Check that `check` is executable there and make the private working directory; returns its path."""
    cmd = "test -x %s || { echo %s; exit 3; }; umask 077; mktemp -d %s/stwas.XXXXXXXX" % (
        _q(check),
        missing_marker,
        _q(cell.remote_tmp.rstrip("/") or "/"),
    )
    r = _run(conn, cmd)
    if missing_marker in r.stdout:
        raise RemoteError("%s: no %s at %s on %s (check stwas.cells.%s.profile)" % (cell.name, what, check, cell.host, cell.name))
    path = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
    if r.exited != 0 or not path.startswith("/"):
        raise RemoteError(
            "%s: cannot make a working directory under %s: %s"
            % (cell.name, cell.remote_tmp, (r.stderr or r.stdout).strip() or "exit %s" % r.exited)
        )
    return path


def remove_workdir(conn, path):
    if path and path.startswith("/") and "/stwas." in path:
        try:
            _run(conn, "rm -rf %s" % _q(path))
        except Exception:  # noqa: BLE001  (the connection may be gone; nothing else to do)
            pass


def upload_tree(sftp, local_dir, remote_dir):
    """Copy a directory tree over SFTP (no caches or compiled files); returns the number of files."""
    count = 0
    sftp.mkdir(remote_dir, 0o700)
    for d, dirs, files in os.walk(local_dir):
        dirs[:] = sorted(x for x in dirs if x not in _SKIP_DIRS)
        rel = os.path.relpath(d, local_dir)
        target = remote_dir if rel == "." else remote_dir + "/" + rel.replace(os.sep, "/")
        if rel != ".":
            sftp.mkdir(target, 0o700)
        for f in sorted(files):
            if f.endswith(_SKIP_SUFFIXES):
                continue
            sftp.put(os.path.join(d, f), target + "/" + f)
            count += 1
    return count


def write_private(sftp, path, text, encoding="latin-1"):
    """Create a file readable by its owner only (0600 before any content is written)."""
    f = sftp.open(path, "w")
    try:
        f.chmod(0o600)
        f.write(text.encode(encoding, "backslashreplace"))
    finally:
        f.close()


def _read_remote(sftp, path):
    try:
        with sftp.open(path, "r") as f:
            return f.read().decode("latin-1")
    except OSError:
        return None


# ----------------------------------------------------------------------------------------------- jobs
def wsadmin_command(cell, workdir, job_name, args, props_path=None):
    """The remote shell command line (paths and job arguments only: never a credential). The shell's EXIT trap
    removes the run directory (credential files included) as soon as wsadmin ends; stdin is /dev/null, so a
    credentials prompt fails at once instead of waiting for input that never comes."""
    scripts = workdir + "/wsadmin_scripts"
    argv = [cell.wsadmin, "-lang", "jython", "-conntype", "SOAP"]
    if cell.soap_host:
        argv += ["-host", cell.soap_host]
    if cell.soap_port:
        argv += ["-port", cell.soap_port]
    if props_path:
        argv += ["-javaoption", "-Dcom.ibm.SOAP.ConfigURL=file:" + props_path]
    argv += ["-f", scripts + "/" + job_name] + list(args)
    cleanup = "cd / && rm -rf %s" % _q(workdir)
    return "cd %s && trap %s EXIT && STWAS_SCRIPTS=%s && export STWAS_SCRIPTS && %s </dev/null" % (
        _q(workdir),
        _q(cleanup),
        _q(scripts),
        " ".join(_q(a) for a in argv),
    )


def run_job(cell, job_path, args, credentials, scripts_dir, out=None, err=None, prefix="", secrets=()):
    """Run one job on one cell; a HostResult (never raises).

    credentials: the wsadmin login (credentials.Credentials) or None; secrets: the job's passwords
    (job_secrets.to_send), each written to a 0600 file in the run directory and given with the job's file option.
    """
    job_name = os.path.basename(job_path)
    res = HostResult(cell, job_name[:-3] if job_name.endswith(".py") else job_name)
    scrubber = passwords.Scrubber([s.value for s in secrets] + ([credentials.password] if credentials else []))
    out_w = LineWriter(out or sys.stdout, prefix, scrubber)
    err_w = LineWriter(err or sys.stderr, prefix, scrubber)
    conn = None
    workdir = None
    try:
        job_secrets.check(job_name, args)  # before anything connects: a password never reaches a command line
        args = list(args)
        conn = connect(cell)
        workdir = make_workdir(conn, cell, cell.wsadmin, _NO_WSADMIN, "wsadmin.sh")
        sftp = conn.sftp()
        upload_tree(sftp, scripts_dir, workdir + "/wsadmin_scripts")
        if os.path.dirname(os.path.abspath(job_path)) != os.path.abspath(scripts_dir):
            sftp.put(job_path, workdir + "/wsadmin_scripts/" + job_name)
        for n, secret in enumerate(secrets, 1):
            path = "%s/job-password.%d" % (workdir, n)
            write_private(sftp, path, secret.value + "\n", encoding="utf-8")
            args += [secret.flag, path]
        props_path = None
        if credentials is not None:
            props_path = workdir + "/soap.client.props"
            base = _read_remote(sftp, cell.profile + "/properties/soap.client.props")
            write_private(sftp, props_path, creds_mod.soap_props(credentials, base))
        command = wsadmin_command(cell, workdir, job_name, args, props_path)
        try:
            r = _run(conn, command, hide=False, out=out_w, err=err_w, timeout=cell.command_timeout)
        finally:
            out_w.close()
            err_w.close()
        stdout, stderr = scrubber.scrub(r.stdout), scrubber.scrub(r.stderr)
        res.exit_code = r.exited
        res.result = parse_result(stdout)
        if res.findings_only:
            summ = res.result.get("summary") or {}
            res.message = "%s found %s error(s), %s warning(s)" % (res.job, summ.get("errors", "?"), summ.get("warnings", "?"))
        elif r.exited != 0:
            reason = (res.result or {}).get("error") or _error_line(stdout) or _error_line(stderr)
            res.message = "job %s exited %s%s" % (res.job, r.exited, ": " + reason if reason else "")
        elif res.result is None:
            res.message = "job %s printed no STWAS-RESULT line" % res.job
        else:
            res.ok = True
            res.message = ""
    except Exception as e:  # noqa: BLE001  (one host's failure must not stop the others)
        res.message = scrubber.scrub(_failure(cell, e, "wsadmin"))
    finally:
        _close(conn, workdir)
    return res


def apply_job(cell, job_path, args, credentials, scripts_dir, backup_output=None, out=None, err=None, prefix="", secrets=()):
    """A backup of the cell (snapshot to backup_output, the same as `invoke snapshot`), then the job; without a
    backup the job does not run. backup_output=False: no backup (--no-backup). A HostResult."""
    try:
        job_secrets.check(job_path, args)  # before the backup too: nothing connects for a refused password
    except job_secrets.RefusedArgument as e:
        res = HostResult(cell, job_secrets.job_name(job_path))
        res.message = str(e)
        return res
    if backup_output is False:
        return run_job(cell, job_path, args, credentials, scripts_dir, out=out, err=err, prefix=prefix, secrets=secrets)
    backup = snapshot(cell, backup_output, out=out, err=err, prefix=prefix)
    if not backup.ok:
        res = HostResult(cell, job_secrets.job_name(job_path))
        res.message = "%s: no backup, so the job did not run (--no-backup runs it without one)" % backup.message
        return res
    res = run_job(cell, job_path, args, credentials, scripts_dir, out=out, err=err, prefix=prefix, secrets=secrets)
    res.backup = backup.path
    return res


def run_many(cells, func):
    """func(cell, prefix) for every cell, in parallel threads; the HostResults in the cells' order."""
    if len(cells) == 1:
        return [func(cells[0], "")]
    width = max(len(c.name) for c in cells)
    with ThreadPoolExecutor(max_workers=min(len(cells), 8)) as pool:
        futures = [pool.submit(func, c, "[%s] " % c.name.ljust(width)) for c in cells]
        return [f.result() for f in futures]


# ----------------------------------------------------------------------------------------------- snapshots
class Progress(object):
    """A plain-text progress line on stderr: redrawn with \\r on a terminal, every 25 % otherwise."""

    def __init__(self, label, stream=None):
        self.label = label
        self.stream = stream or sys.stderr
        try:
            self.tty = self.stream.isatty()
        except (AttributeError, ValueError):
            self.tty = False
        self._last = -1

    @staticmethod
    def _size(n):
        for unit in ("B", "KiB", "MiB", "GiB"):
            if n < 1024 or unit == "GiB":
                return ("%d %s" % (n, unit)) if unit == "B" else ("%.1f %s" % (n, unit))
            n /= 1024.0

    def __call__(self, done, total):
        pct = int(done * 100 / total) if total else 100
        width = 30
        bar = "#" * (pct * width // 100) + "-" * (width - pct * width // 100)
        line = "%s [%s] %3d%% %s / %s" % (self.label, bar, pct, self._size(done), self._size(total))
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done >= total else ""))
            self.stream.flush()
        elif pct // 25 != self._last // 25 or (done >= total and self._last != 100):
            self.stream.write(line + "\n")
            self.stream.flush()
        self._last = pct


def _unique(path):
    """path, or path-2.zip, path-3.zip ... when it exists (two runs within one second never share a backup)."""
    if not os.path.exists(path):
        return path
    stem, ext = os.path.splitext(path)
    n = 2
    while os.path.exists("%s-%d%s" % (stem, n, ext)):
        n += 1
    return "%s-%d%s" % (stem, n, ext)


def snapshot(cell, output, out=None, err=None, prefix=""):
    """backupConfig.sh <zip> -nostop on the cell, download the zip to `output` (default snapshots/<cell>-<time>.zip;
    a directory: that name in it); a HostResult."""
    res = HostResult(cell, "snapshot")
    out_w = LineWriter(out or sys.stdout, prefix)
    err_w = LineWriter(err or sys.stderr, prefix)
    conn = None
    workdir = None
    part = None
    try:
        conn = connect(cell)
        workdir = make_workdir(conn, cell, cell.backup_config, _NO_BACKUP, "backupConfig.sh")
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        remote_zip = "%s/%s-%s.zip" % (workdir, cell.name, stamp)
        command = "cd %s && exec %s %s -nostop" % (_q(workdir), _q(cell.backup_config), _q(remote_zip))
        try:
            r = _run(conn, command, hide=False, out=out_w, err=err_w, timeout=cell.command_timeout)
        finally:
            out_w.close()
            err_w.close()
        res.exit_code = r.exited
        if r.exited != 0:
            raise RemoteError("%s: backupConfig.sh exited %s" % (cell.name, r.exited))
        sftp = conn.sftp()
        try:
            size = sftp.stat(remote_zip).st_size
        except OSError:
            raise RemoteError("%s: backupConfig.sh wrote no %s" % (cell.name, remote_zip))
        if not output:
            output = _unique(os.path.join("snapshots", "%s-%s.zip" % (cell.name, stamp)))
        elif output.endswith(os.sep) or os.path.isdir(output):
            output = _unique(os.path.join(output, "%s-%s.zip" % (cell.name, stamp)))
        os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
        part = output + ".part"
        progress = Progress("%ssnapshot %s" % (prefix, cell.name), err)
        progress(0, size)
        sftp.get(remote_zip, part, callback=progress)
        os.replace(part, output)
        part = None
        res.ok = True
        res.path = output
        res.message = "%s (%d bytes)" % (output, size)
    except Exception as e:  # noqa: BLE001  (one host's failure must not stop the others)
        res.message = _failure(cell, e, "backupConfig.sh")
    finally:
        if part and os.path.exists(part):
            os.remove(part)
        _close(conn, workdir)
    return res


# ----------------------------------------------------------------------------------------------- rollback
def host_cells(sftp, cell):
    """The cell names in the profile's config/cells on the host (directories that hold a cell.xml)."""
    base = cell.profile + "/config/cells"
    try:
        names = sftp.listdir(base)
    except OSError:
        return []
    out = []
    for name in sorted(names):
        try:
            sftp.stat("%s/%s/cell.xml" % (base, name))
        except OSError:
            continue
        out.append(name)
    return out


def rollback(cell, backup_path, confirm, no_stop=False, out=None, err=None):
    """restoreConfig.sh with a local backupConfig zip on the cell; a HostResult whose notes say what to do next.

    Checked before anything changes: the zip is a backup of one cell (backups.inspect, before connecting), the
    host's profile holds that cell, and confirm(lines) -> bool accepts what will happen. Then the zip is uploaded
    into the run's private directory and ``restoreConfig.sh <zip> [-nostop]`` runs there, output streamed."""
    res = HostResult(cell, "rollback")
    out_w = LineWriter(out or sys.stdout)
    err_w = LineWriter(err or sys.stderr)
    conn = None
    workdir = None
    restore = cell.profile + "/bin/restoreConfig.sh"
    try:
        info = backups.inspect(backup_path)
        conn = connect(cell)
        workdir = make_workdir(conn, cell, restore, _NO_RESTORE, "restoreConfig.sh")
        sftp = conn.sftp()
        there = host_cells(sftp, cell)
        if info.cell not in there:
            raise RemoteError(
                "%s: %s is a backup of the cell %s, but the profile %s on %s holds %s: refusing to "
                "restore it there" % (cell.name, backup_path, info.cell, cell.profile, cell.host, ", ".join(there) or "no cell")
            )
        lines = [
            "rollback on %s (%s:%d), profile %s:" % (cell.name, cell.host, cell.port, cell.profile),
            "  restore %s: cell %s, %d files, nodes %s" % (backup_path, info.cell, info.files, ", ".join(info.nodes) or "none"),
            "  %s/bin/restoreConfig.sh %s%s" % (cell.profile, os.path.basename(backup_path), " -nostop" if no_stop else ""),
            "  (%s, moves the current config directory aside and unpacks the backup in its place)"
            % ("the servers keep running" if no_stop else "it stops the deployment manager first"),
        ]
        if not confirm(lines):
            raise RemoteError("%s: not confirmed: nothing was restored" % cell.name)
        remote_zip = "%s/%s" % (workdir, os.path.basename(backup_path))
        size = os.path.getsize(backup_path)
        progress = Progress("upload %s" % cell.name, err)
        progress(0, size)
        sftp.put(backup_path, remote_zip, callback=progress)
        command = "cd %s && exec %s %s%s </dev/null" % (
            _q(workdir),
            _q(restore),
            _q(remote_zip),
            " -nostop" if no_stop else "",
        )  # a prompt fails at once
        try:
            r = _run(conn, command, hide=False, out=out_w, err=err_w, timeout=cell.command_timeout)
        finally:
            out_w.close()
            err_w.close()
        res.exit_code = r.exited
        if r.exited != 0:
            raise RemoteError(
                "%s: restoreConfig.sh exited %s%s"
                % (cell.name, r.exited, ": " + _error_line(r.stdout) if _error_line(r.stdout) else "")
            )
        res.ok = True
        res.path = backup_path
        res.message = "restored %s (cell %s)" % (backup_path, info.cell)
        res.notes = ["next steps (restoreConfig.sh synchronises and restarts nothing):"] + [
            "  " + line for line in backups.next_steps(cell, info, stopped=not no_stop)
        ]
    except backups.BackupError as e:
        res.message = "refusing the backup: %s" % e
    except Exception as e:  # noqa: BLE001  (one line for the user, never a traceback)
        res.message = _failure(cell, e, "restoreConfig.sh")
    finally:
        _close(conn, workdir)
    return res


def _failure(cell, e, what):
    """One line for a cell's failure: our own RemoteError without the cell prefix, else the exception."""
    if isinstance(e, job_secrets.RefusedArgument):
        return str(e)
    if isinstance(e, RemoteError):
        return str(e).split(": ", 1)[1] if str(e).startswith(cell.name + ": ") else str(e)
    if e.__class__.__name__ == "CommandTimedOut":
        return "%s did not finish within %g s" % (what, cell.command_timeout)
    return "%s: %s" % (e.__class__.__name__, " ".join(str(e).split()) or "no details")


def _close(conn, workdir):
    """Remove the private run directory on the host and close the connection, whatever happened."""
    if conn is None:
        return
    remove_workdir(conn, workdir)
    try:
        conn.close()
    except Exception:  # noqa: BLE001
        pass


# ----------------------------------------------------------------------------------------------- summaries
def _value(v):
    if v is None:
        return "(unset)"
    if isinstance(v, (list, tuple)):
        return "'%s'" % ";".join(str(x) for x in v)
    return "'%s'" % (v,)


def describe_change(ch):
    """One readable line for a change record of stwaslib.Job."""
    if not isinstance(ch, dict):
        return str(ch)
    head = "%s %s [%s]" % (ch.get("action", "?"), ch.get("type", "?"), ch.get("target", "?"))
    old, new = ch.get("old"), ch.get("new")
    if isinstance(old, dict) or isinstance(new, dict):
        old, new = old or {}, new or {}
        parts = []
        for k in sorted(set(old) | set(new)):
            if ch.get("action") == "create":
                parts.append("%s=%s" % (k, _value(new.get(k))))
            elif ch.get("action") == "remove":
                parts.append("%s=%s" % (k, _value(old.get(k))))
            else:
                parts.append("%s %s -> %s" % (k, _value(old.get(k)), _value(new.get(k))))
        return head + (": " + ", ".join(parts) if parts else "")
    if old is not None or new is not None:
        return head + ": %s -> %s" % (_value(old), _value(new))
    return head


def describe(res):
    """The readable summary of one HostResult (a list of lines)."""
    r = res.result
    title = "%s (%s) %s" % (res.cell.name, res.cell.host, res.job)
    if res.findings_only:
        lines = ["%s: FINDINGS: %s" % (title, res.message)]
    elif not res.ok:
        lines = ["%s: FAILED: %s" % (title, res.message)]
    elif r is None:
        lines = ["%s: %s" % (title, res.message or "ok")]
    else:
        changes = r.get("changes") or []
        if r.get("dry_run"):
            state = ("%d change(s), dry run: nothing saved" % len(changes)) if changes else "no changes (dry run)"
        elif r.get("changed"):
            state = "%d change(s)%s" % (len(changes), ", saved" if r.get("saved") else ", NOT saved")
        else:
            state = "no changes: the configuration already matches"
        lines = ["%s: %s" % (title, state)]
    if r:
        for ch in r.get("changes") or []:
            lines.append("    " + describe_change(ch))
        for ch in r.get("discarded") or []:
            lines.append("    discarded: " + describe_change(ch))
        sync = r.get("sync")
        if isinstance(sync, dict) and sync.get("mode") == "connected":
            lines.append(
                "    node sync: %s%s"
                % (
                    ", ".join(sync.get("nodes") or []) or "no node agents",
                    "; FAILED: " + ", ".join(sync["failed"]) if sync.get("failed") else "",
                )
            )
        for f in r.get("findings") or []:
            if isinstance(f, dict):
                lines.append(
                    "    %s %s: %s: %s"
                    % (str(f.get("severity", "?")).upper(), f.get("check", "?"), f.get("subject", ""), f.get("message", ""))
                )
                if f.get("fix"):
                    lines.append("        fix: %s" % f["fix"])
        for w in r.get("warnings") or []:
            lines.append("    warning: %s" % w)
    if res.backup:
        lines.append(
            "    backup taken before the job: %s (undo: invoke rollback --host %s --backup %s)"
            % (res.backup, res.cell.name, _q(res.backup))
        )
    lines.extend(res.notes)
    return lines


def summary_table(results):
    """One table for several cells: cell, host, job, status, changes, saved, message."""
    head = ("CELL", "HOST", "JOB", "STATUS", "CHANGES", "SAVED", "MESSAGE")
    rows = []
    for res in results:
        r = res.result or {}
        n = len(r.get("changes") or []) if res.result is not None else None
        saved = ("yes" if r.get("saved") else "no") if res.result is not None else "-"
        msg = res.message if not res.ok else (res.path or ("backup " + res.backup if res.backup else ""))
        rows.append(
            (
                res.cell.name,
                "%s:%d" % (res.cell.host, res.cell.port),
                res.job,
                res.status,
                "-" if n is None else str(n),
                saved,
                msg,
            )
        )
    widths = [max(len(str(row[i])) for row in rows + [head]) for i in range(len(head) - 1)]
    out = []
    for row in [head] + rows:
        out.append("  ".join(str(v).ljust(widths[i]) for i, v in enumerate(row[:-1])) + "  " + row[-1])
    failed = [r for r in results if not r.ok]
    out.append(
        "%d of %d cell(s) ok%s"
        % (len(results) - len(failed), len(results), ", failed: " + ", ".join(r.cell.name for r in failed) if failed else "")
    )
    return "\n".join(line.rstrip() for line in out)
