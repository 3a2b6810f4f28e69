"""``python -m harness plan``: run a script against a config it can never write and show the diff.

The script runs as any wsadmin script does, in a launcher process (``python -m harness.wsadmin``) under the
chosen interpreter, with the launcher's harness-only option ``-planOverlay DIR``: the repository reads the
source -- a config directory, or a backupConfig zip read member by member (harness.config.repository.zipsource:
absolute paths, ``..`` segments, links and sizes beyond the limits of wsadmin_semantics are refused before
anything is read) -- and every save goes to DIR, a scratch overlay (harness.config.repository.tree.OverlayTree:
changed documents under their uri, deletions as whiteouts, the lock, journal and temp files of the save).
Nothing proportional to the cell is copied or read: the diff is made from the documents in the overlay and
their originals in the source. Secrets in the diff (``{xor}`` values, password attributes) are masked; a
binary document is summarised (sizes; the entries of a key store) instead of printed.
"""

import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

from lxml import etree

from harness.base import lazymodule
from harness.base import messages as M
from harness.config import xorcodec
from harness.config.repository import zipsource
from harness.config.repository.document import make_parser
from harness.config.repository.tree import DirSource, OverlayTree, is_config_root, overlay_changes
from harness.launcher import passwords

# Files whose content is never printed as text (besides any file holding a NUL byte).
BINARY_SUFFIXES = (".p12", ".pfx", ".jks", ".jceks", ".kdb", ".sth", ".rdb", ".crl", ".ear", ".war", ".jar", ".zip", ".class")
KEY_STORE_SUFFIXES = (".p12", ".pfx")
# A changed file larger than this is kept by its size and digest only (an EAR in a backup), not in memory.
SNAPSHOT_INLINE_MAX = 16 * 1024**2
CONFIG_ROOT_VAR = "${CONFIG_ROOT}/"


# Key stores need the cryptography package, which a plan without a key store never loads (it is the largest
# import of the harness): imported at the first key store (harness.base.lazymodule).
hashes = lazymodule.Module("cryptography.hazmat.primitives.hashes")
K = lazymodule.Module("harness.was.keystore")


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
        if os.path.basename(d) == "cells" and is_config_root(os.path.dirname(d)):
            return os.path.dirname(d)
    return None


class _Large(tuple):
    """A file too large to keep in memory: (size, sha256)."""


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
    for password in _passwords(rel, snap) + [K.DEFAULT_PASSWORD]:
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
    return found


def open_source(config):
    """The read-only source of a plan: a DirSource for a directory (the one under it that holds
    cells/<cell>/cell.xml), a checked ZipSource for a backupConfig zip; PlanError (one line) otherwise."""
    if not os.path.exists(config):
        raise PlanError("plan: %s does not exist" % config)
    if os.path.isdir(config):
        root = find_config_root(config)
        if root is None:
            raise PlanError("plan: " + M.NOT_A_CONFIG_ROOT % config)
        return DirSource(root)
    try:
        return zipsource.ZipSource(config)
    except zipsource.ZipSourceError as e:
        raise PlanError(str(e)) from None


def plan_changes(tree):
    """(before, after): {uri: bytes} of the documents the run changed (absent: no such document on that side),
    plus each cell's security.xml on both sides when a key store changed (its password opens the store)."""
    before, after = {}, {}
    changes = overlay_changes(tree)
    for uri, (a, b) in changes.items():
        if a is not None:
            before[uri] = _inline(a)
        if b is not None:
            after[uri] = _inline(b)
    if any(u.lower().endswith(KEY_STORE_SUFFIXES) for u in changes):
        for cell in tree.cell_names():
            uri = "cells/%s/security.xml" % cell
            for side, read in ((before, tree.source), (after, tree)):
                if uri not in side:
                    try:
                        side[uri] = read.read(uri)
                    except OSError:
                        pass
    return before, after


def _inline(data):
    if len(data) > SNAPSHOT_INLINE_MAX:
        return _Large((len(data), hashlib.sha256(data).hexdigest()))
    return data


def run(config, script, args, interpreter=None, out=sys.stdout, err=sys.stderr, read_only=False):
    """Run script against config (never written), print the script's output then the diff; return its exit code.

    read_only: the run is not meant to change anything (a check job such as cell_doctor, or a job's --help), so
    no closing line when nothing changed, and a warning under the diff when something did."""
    source = open_source(config)
    source_root = config if isinstance(source, zipsource.ZipSource) else source.root
    tmp = tempfile.mkdtemp(prefix="stwas-plan-")
    try:
        overlay = os.path.join(tmp, "overlay")
        cmd = [
            sys.executable,
            "-m",
            "harness.wsadmin",
            "-conntype",
            "NONE",
            "-configRoot",
            source_root,
            "-planOverlay",
            overlay,
            "-lang",
            "jython",
        ]
        if interpreter:
            cmd += ["-interpreter", interpreter]
        cmd += ["-f", script] + list(args)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        scrubber = passwords.Scrubber(passwords.job_password_values(os.environ))  # the job's own password
        out.write(scrubber.scrub(proc.stdout.decode("utf-8", "replace")))
        err.write(scrubber.scrub(proc.stderr.decode("utf-8", "replace")))
        before, after = plan_changes(OverlayTree(source, overlay))
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
        close = getattr(source, "close", None)
        if close is not None:
            close()
