"""``python -m harness plan``: run a script against a throwaway copy of a config and show the diff.

The source (a config directory or a backupConfig zip) is never written: a directory is copied, a zip is
unpacked member by member into a temporary directory after refusing absolute paths, ``..`` segments
and links. Secrets in the diff (``{xor}`` values, password attributes) are masked.
"""

import difflib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile

from harness import passwords


class PlanError(Exception):
    """A one-line error for the plan command."""


_SECRET_ATTR = re.compile(r'((?:[Pp]assword|storepass|keypass|bindPassword|serverPassword)="|\{xor\})([^"\s<]*)')


def mask_secrets(line):
    def repl(m):
        return m.group(1) + ("*****" if m.group(2) else "")
    return _SECRET_ATTR.sub(repl, line)


def find_config_root(base):
    """The directory under base that holds cells/<cell>/cell.xml."""
    for d, dirs, _files in os.walk(base):
        dirs.sort()
        if os.path.basename(d) == "cells":
            for c in sorted(dirs):
                if os.path.isfile(os.path.join(d, c, "cell.xml")):
                    return os.path.dirname(d)
    return None


def safe_extract(zip_path, dest):
    """Unpack a backupConfig zip into dest, refusing members that would land outside it."""
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as e:
        raise PlanError("plan: %s is not a readable zip file (%s)" % (zip_path, e))
    with zf:
        dest_real = os.path.realpath(dest)
        members = zf.infolist()
        for m in members:
            name = m.filename.replace("\\", "/")
            mode = (m.external_attr >> 16) & 0o170000
            if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/"):
                raise PlanError("plan: refusing zip member %r: it would be written outside the target directory"
                                % m.filename)
            if mode == stat.S_IFLNK:
                raise PlanError("plan: refusing zip member %r: symbolic links are not allowed" % m.filename)
            target = os.path.realpath(os.path.join(dest, name))
            if not (target == dest_real or target.startswith(dest_real + os.sep)):
                raise PlanError("plan: refusing zip member %r: it would be written outside the target directory"
                                % m.filename)
        for m in members:
            name = m.filename.replace("\\", "/")
            target = os.path.join(dest, name)
            if name.endswith("/"):
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(m) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)


def snapshot(root):
    out = {}
    for d, _dirs, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root).replace(os.sep, "/")] = fh.read()
    return out


def unified_diff(before, after):
    """A unified diff of two {relpath: bytes} snapshots, secrets masked."""
    lines = []
    for rel in sorted(set(before) | set(after)):
        a, b = before.get(rel), after.get(rel)
        if a == b:
            continue
        at = a.decode("utf-8", "replace").splitlines(True) if a is not None else []
        bt = b.decode("utf-8", "replace").splitlines(True) if b is not None else []
        fa = "a/%s" % rel if a is not None else "/dev/null"
        fb = "b/%s" % rel if b is not None else "/dev/null"
        for line in difflib.unified_diff(at, bt, fa, fb):
            if not line.endswith("\n"):
                line += "\n\\ No newline at end of file\n"
            lines.append(mask_secrets(line))
    return "".join(lines)


def prepare(config):
    """(tempdir, config_root_copy) for a directory or a zip."""
    if not os.path.exists(config):
        raise PlanError("plan: %s does not exist" % config)
    tmp = tempfile.mkdtemp(prefix="stwas-plan-")
    try:
        if os.path.isdir(config):
            src = find_config_root(config)
            if src is None:
                raise PlanError("plan: %s is not a WebSphere configuration directory (no cells/<cell>/cell.xml)"
                                % config)
            dst = os.path.join(tmp, "config")
            shutil.copytree(src, dst, symlinks=True)
            return tmp, dst
        safe_extract(config, os.path.join(tmp, "unpacked"))
        root = find_config_root(os.path.join(tmp, "unpacked"))
        if root is None:
            raise PlanError("plan: %s holds no WebSphere configuration (no cells/<cell>/cell.xml)" % config)
        return tmp, root
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def run(config, script, args, interpreter=None, out=sys.stdout, err=sys.stderr, read_only=False):
    """Run script against a copy of config, print the script's output then the diff; return its exit code.

    read_only: the run is not meant to change anything (a check job such as cell_doctor, or a job's --help), so
    no closing line when nothing changed, and a warning under the diff when something did."""
    tmp, root = prepare(config)
    try:
        before = snapshot(root)
        cmd = [sys.executable, "-m", "harness.wsadmin", "-conntype", "NONE", "-configRoot", root, "-lang", "jython"]
        if interpreter:
            cmd += ["-interpreter", interpreter]
        cmd += ["-f", script] + list(args)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        scrubber = passwords.Scrubber(passwords.job_password_values(os.environ))  # the job's own password
        out.write(scrubber.scrub(proc.stdout.decode("utf-8", "replace")))
        err.write(scrubber.scrub(proc.stderr.decode("utf-8", "replace")))
        after = snapshot(root)
        diff = unified_diff(before, after)
        if diff:
            out.write(diff)
            if read_only:
                out.write("plan: WARNING: a read-only run changed the configuration documents above\n")
        elif not read_only:
            out.write("plan: no configuration document changed\n")
        out.flush()
        return proc.returncode
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
