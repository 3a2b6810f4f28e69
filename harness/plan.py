"""``python -m harness plan``: run a script against a throwaway copy of a config and show the diff.

The source (a config directory or a backupConfig zip) is never written: a directory is copied (linked
files and directories are copied as what they point to, so that nothing the script does reaches the
source through a link), a zip is unpacked member by member into a temporary directory after refusing
absolute paths, ``..`` segments, links and sizes beyond the limits of wsadmin_semantics (members,
total size, compression ratio). Secrets in the diff (``{xor}`` values, password attributes) are masked;
a binary document is summarised (sizes; the entries of a key store) instead of printed.
"""

import difflib
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile

from cryptography.hazmat.primitives import hashes
from lxml import etree

from . import keystore as K
from . import passwords, xorcodec
from . import wsadmin_semantics as S
from .repository.document import make_parser
from .repository.journal import protocol_files

# Files whose content is never printed as text (besides any file holding a NUL byte).
BINARY_SUFFIXES = (".p12", ".pfx", ".jks", ".jceks", ".kdb", ".sth", ".rdb", ".crl", ".ear", ".war", ".jar",
                   ".zip", ".class")
KEY_STORE_SUFFIXES = (".p12", ".pfx")
# A file larger than this is kept by its size and digest only (EARs in a backup), not in memory.
SNAPSHOT_INLINE_MAX = 16 * 1024 ** 2
CONFIG_ROOT_VAR = "${CONFIG_ROOT}/"


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
    """Unpack a backupConfig zip into dest, refusing members that would land outside it and zips beyond the
    limits (wsadmin_semantics PLAN_ZIP_*), before anything is written."""
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
        _check_limits(zip_path, members)
        left = S.PLAN_ZIP_MAX_BYTES
        for m in members:
            name = m.filename.replace("\\", "/")
            target = os.path.join(dest, name)
            if name.endswith("/"):
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            left = _copy_member(zf, m, target, left)


def _copy_member(zf, member, target, left):
    """Unpack one member, counting what is really written against the total limit (a header may lie)."""
    try:
        with zf.open(member) as src, open(target, "wb") as out:
            while True:
                chunk = src.read(1024 * 1024)
                if not chunk:
                    return left
                left -= len(chunk)
                if left < 0:
                    raise PlanError("plan: refusing zip member %r: the zip unpacks to more than %d bytes"
                                    % (member.filename, S.PLAN_ZIP_MAX_BYTES))
                out.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError) as e:
        raise PlanError("plan: zip member %r cannot be unpacked (%s)" % (member.filename, e)) from None


def _check_limits(zip_path, members):
    """Refuse a zip whose members, declared sizes or compression ratios exceed the limits."""
    if len(members) > S.PLAN_ZIP_MAX_MEMBERS:
        raise PlanError("plan: refusing %s: %d members, more than the limit of %d"
                        % (zip_path, len(members), S.PLAN_ZIP_MAX_MEMBERS))
    total = sum(m.file_size for m in members)
    if total > S.PLAN_ZIP_MAX_BYTES:
        raise PlanError("plan: refusing %s: %d bytes uncompressed, more than the limit of %d"
                        % (zip_path, total, S.PLAN_ZIP_MAX_BYTES))
    for m in members:
        if _too_compressed(m.file_size, m.compress_size):
            raise PlanError("plan: refusing zip member %r: compressed %d:1, more than the limit of %d:1"
                            % (m.filename, m.file_size // max(m.compress_size, 1), S.PLAN_ZIP_MAX_RATIO))
    packed = sum(m.compress_size for m in members)
    if _too_compressed(total, packed):
        raise PlanError("plan: refusing %s: compressed %d:1 overall, more than the limit of %d:1"
                        % (zip_path, total // max(packed, 1), S.PLAN_ZIP_MAX_RATIO))


def _too_compressed(size, packed):
    return size >= S.PLAN_ZIP_RATIO_FLOOR and size > S.PLAN_ZIP_MAX_RATIO * max(packed, 1)


class _Large(tuple):
    """A file too large to keep in memory: (size, sha256)."""


def snapshot(root):
    """{relpath: bytes} of every file under root (a large one as _Large), the save protocol's files left out."""
    out = {}
    for d, _dirs, files in os.walk(root):
        for f in files:
            if protocol_files([f]):
                continue
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root).replace(os.sep, "/")
            if os.path.getsize(p) > SNAPSHOT_INLINE_MAX:
                h = hashlib.sha256()
                with open(p, "rb") as fh:
                    for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                        h.update(chunk)
                out[rel] = _Large((os.path.getsize(p), h.hexdigest()))
            else:
                with open(p, "rb") as fh:
                    out[rel] = fh.read()
    return out


def unified_diff(before, after):
    """A unified diff of two {relpath: bytes} snapshots, secrets masked; binary documents summarised."""
    lines = []
    for rel in sorted(set(before) | set(after)):
        a, b = before.get(rel), after.get(rel)
        if a == b:
            continue
        if _is_binary(rel, a) or _is_binary(rel, b):
            lines.append(binary_summary(rel, a, b, before, after))
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


def _is_binary(rel, data):
    if data is None:
        return False
    return isinstance(data, _Large) or rel.lower().endswith(BINARY_SUFFIXES) or b"\0" in data[:8192]


def _size(data):
    return data[0] if isinstance(data, _Large) else len(data)


def binary_summary(rel, a, b, before, after):
    """What changed in a binary document: its sizes and, for a key store that opens, its entries."""
    if a is None:
        head = "binary document %s added (%d bytes)" % (rel, _size(b))
    elif b is None:
        head = "binary document %s removed (%d bytes)" % (rel, _size(a))
    else:
        head = "binary document %s changed (%d -> %d bytes)" % (rel, _size(a), _size(b))
    if not rel.lower().endswith(KEY_STORE_SUFFIXES):
        return head + "\n"
    old = _entries(rel, a, before)
    new = _entries(rel, b, after)
    if (a is not None and old is None) or (b is not None and new is None):
        return head + " (a key store this plan cannot open)\n"
    old, new = old or {}, new or {}
    out = [head + "; key store entries:\n"]
    for key in sorted(set(old) | set(new)):
        o, n = old.get(key), new.get(key)
        if o == n:
            continue
        if o is None:
            out.append("  + %s (%s)\n" % (n[0], n[1]))
        elif n is None:
            out.append("  - %s (%s)\n" % (o[0], o[1]))
        else:
            out.append("  ~ %s (%s): %s\n" % (n[0], n[1], "certificate changed" if o[1] == n[1] else "was " + o[1]))
    if len(out) == 1:
        out.append("  (the same entries, written anew)\n")
    return "".join(out)


def _entries(rel, data, snap):
    """{folded alias: (alias, description, fingerprint)} of a key store, or None if it cannot be opened.

    The password is the one security.xml gives the key store at ${CONFIG_ROOT}/<rel> (as the harness's key
    store commands read it), else WebSphere's default."""
    if data is None or isinstance(data, _Large):
        return None
    for password in _passwords(rel, snap):
        try:
            store = K.KeyStore.load(data, password)
        except (K.KeyStoreError, ValueError, TypeError):
            continue
        out = {}
        for e in store.entries():
            kind = "personal certificate" if e.personal else "signer certificate"
            desc = "%s, %s" % (kind, e.cert.subject.rfc4514_string())
            out[e.alias.lower()] = (e.alias, desc, e.cert.fingerprint(hashes.SHA256()))
        return out
    return None


def _passwords(rel, snap):
    found = []
    location = CONFIG_ROOT_VAR + rel
    for name, data in snap.items():
        if not name.endswith("/security.xml") or not isinstance(data, bytes):
            continue
        try:
            root = etree.fromstring(data, make_parser())
        except etree.XMLSyntaxError:
            continue
        for el in root.iter():
            if isinstance(el.tag, str) and el.get("location") == location and el.get("password") is not None:
                try:
                    found.append(xorcodec.decode(el.get("password")))
                except ValueError:
                    pass
    return found + [K.DEFAULT_PASSWORD]


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
            try:
                # links are copied as what they point to: the script must not reach the source through one
                shutil.copytree(src, dst, symlinks=False, ignore_dangling_symlinks=True,
                                ignore=lambda _d, names: protocol_files(names))
            except (OSError, shutil.Error) as e:
                raise PlanError("plan: cannot copy %s (%s)" % (src, _first_error(e))) from None
            return tmp, dst
        safe_extract(config, os.path.join(tmp, "unpacked"))
        root = find_config_root(os.path.join(tmp, "unpacked"))
        if root is None:
            raise PlanError("plan: %s holds no WebSphere configuration (no cells/<cell>/cell.xml)" % config)
        return tmp, root
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _first_error(e):
    if isinstance(e, shutil.Error) and e.args and isinstance(e.args[0], list) and e.args[0]:
        return e.args[0][0][-1]
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e)


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
