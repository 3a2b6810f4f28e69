"""The save protocol: every document of a save is written, or none is, and no update is lost.

``commit(root, changes, bases)`` is the one way the repository writes (docs/internals.md "Saving"):

1. take the cell lock (``lock.CellLock``) and finish any save a crash interrupted (``recover``);
2. conflict check: the sha256 of every document to write or delete, as it is on disk now, must equal the
   digest the workspace took when it first touched the document (``ABSENT`` for a document it creates);
   otherwise nothing is written (WebSphere's ``rollbackOnConflict``);
3. prepare: the journal ``<root>/.stwas-save.journal`` (state ``prepare``) names every temp and backup
   file; each new content goes to an exclusive temp file (O_EXCL|O_NOFOLLOW, a random name next to the
   file it replaces: ``.<name>.stwas-<hex>.tmp``) with the old file's mode and, when permitted, owner,
   fsynced; each existing file gets a backup hard link ``.<name>.stwas-<hex>.bak`` (a copy where links
   are refused); the directories are fsynced;
4. commit: the journal is rewritten with state ``commit`` (temp file, fsync, rename, fsync of the root):
   from here on the save is decided;
5. apply: rename every temp over its document (through a symlinked document to its target: the link
   stays a link), unlink every deleted document, fsync the directories;
6. finish: unlink the backups, remove the journal.

Recovery rule (``recover``, under the lock, at the next open or save): a ``prepare`` journal is rolled
back (temps and backups removed: no document was touched before the commit record); a ``commit`` journal
is rolled forward (every content is durable in its temp, so the renames are simply done again where a
temp is still there); a ``rollback`` journal (an in-process failure after the commit) is rolled back
from the backups. Every step is idempotent, so a crash during recovery is recovered the same way.
"""

import errno
import hashlib
import json
import os
import re
import secrets
import stat

from harness.base import messages as M
from harness.base.errors import ConfigServiceException, SaveConflictError, SaveFailedError
from harness.base.files import fsync_dir, write_all, write_atomically
from harness.config.repository import faults
from harness.config.repository.lock import LOCK_NAME, CellLock

JOURNAL_NAME = ".stwas-save.journal"
ABSENT = None  # the digest of a document that is not there
_DIRECTORY = "<directory>"
_UNREADABLE = "<unreadable>"  # the write or delete that follows reports why
_LEFTOVER = re.compile(r"^\..*\.stwas-[0-9a-f]+\.(tmp|bak)$")
_JOURNAL_VERSION = 1


def digest(data):
    return hashlib.sha256(data).hexdigest()


def disk_digest(path):
    """The digest of the file at path (through a symlink), ABSENT if there is none."""
    try:
        with open(path, "rb") as f:
            return digest(f.read())
    except FileNotFoundError:
        return ABSENT
    except IsADirectoryError:
        return _DIRECTORY
    except PermissionError:
        return _UNREADABLE


def is_leftover(name):
    """A temp or backup file name of this protocol (also the older ``.<doc>.stwas-<pid>.tmp``)."""
    return name.startswith(".") and _LEFTOVER.match(name) is not None


def protocol_files(names):
    """The names among names that belong to the save protocol (lock, journal, temps, backups)."""
    return [n for n in names if n in (LOCK_NAME, JOURNAL_NAME) or is_leftover(n)]


class _Entry(object):
    """One document of a save: op "write" (content to target) or "delete" (path removed)."""

    __slots__ = ("uri", "op", "path", "target", "tmp", "bak", "data")

    def __init__(self, uri, op, path, target, tmp=None, bak=None, data=None):
        self.uri, self.op, self.path, self.target, self.tmp, self.bak, self.data = (uri, op, path, target, tmp, bak, data)

    def record(self, root):
        return {
            "uri": self.uri,
            "op": self.op,
            "path": _rel(root, self.path),
            "target": _rel(root, self.target),
            "tmp": _rel(root, self.tmp),
            "bak": _rel(root, self.bak),
        }

    @classmethod
    def from_record(cls, root, r):
        return cls(
            r["uri"], r["op"], _abs(root, r["path"]), _abs(root, r["target"]), _abs(root, r.get("tmp")), _abs(root, r.get("bak"))
        )


# ---------------------------------------------------------------------------------------------- commit
def commit(root, changes, bases, check=True, job=None, timeout=None, current=None):
    """Write changes {uri: bytes, or None to delete} into root as one save; return the uris saved.

    bases {uri: digest or ABSENT}: what the workspace read of each document it saves; current(uri): its
    digest now (default: of the file under root; a plan's overlay tree answers for its source too).
    Raises SaveConflictError (check on and a document differs), SaveLockError, SaveFailedError (an I/O
    error: every document is as before).
    """
    faults.point("before-lock")
    try:
        lock = CellLock(root, timeout, job)
        lock.acquire()
    except OSError as e:
        raise SaveFailedError(M.SAVE_FAILED % ("the lock file " + os.path.join(root, LOCK_NAME), _why(e))) from None
    try:
        faults.point("after-lock")
        try:
            recover(root)
        except OSError as e:
            raise SaveFailedError(M.SAVE_RECOVERY_FAILED % (root, _why(e))) from None
        if check:
            _check(bases, current or (lambda uri: disk_digest(_path(root, uri))))
        return _write(root, changes, job)
    finally:
        lock.release()


def _check(bases, current):
    conflicts = [uri for uri in sorted(bases) if current(uri) != bases[uri]]
    if conflicts:
        raise SaveConflictError(M.SAVE_CONFLICT % ", ".join(conflicts))


def _write(root, changes, job):
    entries = []
    for uri in sorted(changes):
        path = _path(root, uri)
        data = changes[uri]
        if data is None:
            if os.path.lexists(path):
                entries.append(_Entry(uri, "delete", path, path))
            continue
        # a symlinked document is written through to its target: the link stays a link
        target = os.path.realpath(path) if os.path.islink(path) else path
        entries.append(_Entry(uri, "write", path, target, data=data))
    if not entries:
        return []
    for e in entries:
        d, name = os.path.split(e.target)
        token = secrets.token_hex(8)
        if e.op == "write":
            e.tmp = os.path.join(d, ".%s.stwas-%s.tmp" % (name, token))
        if os.path.lexists(e.target):
            e.bak = os.path.join(d, ".%s.stwas-%s.bak" % (name, token))
    dirs = _missing_dirs(e.target for e in entries if e.op == "write")
    current = entries[0]
    try:
        faults.point("after-check")
        _write_journal(root, "prepare", entries, dirs, job)
        faults.point("after-prepare")
        for d in dirs:
            os.mkdir(d)
        for i, e in enumerate(entries, 1):
            current = e
            if e.bak:
                _backup(e.target, e.bak)
            if e.tmp:
                _write_temp(e.tmp, e.data, e.target)
            faults.point("after-temp-%d" % i)
        _fsync_dirs(entries, dirs)
        faults.point("after-fsync")
        _write_journal(root, "commit", entries, dirs, job)
    except BaseException as err:
        _quietly(_roll_back_prepared, entries, dirs)
        _quietly(_remove_journal, root)
        _raise_failed(err, current)
    try:
        faults.point("after-commit")
        for i, e in enumerate(entries, 1):
            current = e
            if e.op == "write":
                os.replace(e.tmp, e.target)
            else:
                os.unlink(e.path)
            faults.point("after-rename-%d" % i)
        _fsync_dirs(entries, ())
        faults.point("after-dirsync")
    except BaseException as err:
        next_open = "finishes that save"  # while the journal still says "commit"
        try:
            _write_journal(root, "rollback", entries, dirs, job)
            next_open = "restores every document of that save"
            _roll_back_committed(entries, dirs)
            _remove_journal(root)
        except OSError as again:
            raise SaveFailedError(M.SAVE_ROLLBACK_FAILED % (current.uri, _why(err), _why(again), root, next_open)) from None
        _raise_failed(err, current)
    try:
        _drop_backups(root, entries)
        faults.point("after-cleanup")
        _remove_journal(root)
    except OSError:
        pass  # every document is saved; what is left is listed in the journal, and the next open removes it
    faults.point("after-finish")
    return [e.uri for e in entries]


def _drop_backups(root, entries):
    """The save is complete: drop the backups and the directories its deletions emptied."""
    for e in entries:
        _unlink(e.bak)
    for e in entries:
        if e.op == "delete":
            _prune_empty_dirs(os.path.dirname(e.path), root)


def _raise_failed(err, entry):
    if isinstance(err, OSError):
        raise SaveFailedError(M.SAVE_FAILED % (entry.uri, _why(err))) from None
    raise err


# ---------------------------------------------------------------------------------------------- recovery
def recover(root):
    """Finish or roll back a save that was interrupted (the caller holds the lock); True if there was one."""
    for name in os.listdir(root):
        if name.startswith(JOURNAL_NAME + ".") and is_leftover(name):
            _unlink(os.path.join(root, name))  # a journal that was never put in place
    path = os.path.join(root, JOURNAL_NAME)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        return False
    try:
        journal = json.loads(raw.decode("utf-8"))
        state = journal["state"]
        entries = [_Entry.from_record(root, r) for r in journal["entries"]]
        dirs = [_abs(root, d) for d in journal.get("dirs", [])]
    except (ValueError, KeyError, TypeError):
        raise ConfigServiceException(M.SAVE_JOURNAL_UNREADABLE % path) from None
    if state == "prepare":
        _roll_back_prepared(entries, dirs)
    elif state == "commit":
        _roll_forward(entries)
        _drop_backups(root, entries)
    elif state == "rollback":
        _roll_back_committed(entries, dirs)
    else:
        raise ConfigServiceException(M.SAVE_JOURNAL_UNREADABLE % path)
    _remove_journal(root)
    return True


def recover_at_open(root, leftovers=()):
    """At the open of a cell: recover an interrupted save and remove temp files of ours, if no save is
    running now (else the running save, or the next one, does it). True if a document may have changed."""
    lock = CellLock(root, timeout=0)
    try:
        if not lock.acquire(blocking=False):
            return False
    except (OSError, ConfigServiceException):
        return False  # e.g. a reader without write access: the next save reports what it cannot finish
    try:
        changed = recover(root)
        for p in leftovers:
            _unlink(p)
        return changed
    except (OSError, ConfigServiceException):
        return False  # the next save retries under the lock and reports it
    finally:
        lock.release()


def _roll_back_prepared(entries, dirs):
    for e in entries:
        _unlink(e.tmp)
        _unlink(e.bak)
    _remove_dirs(dirs)


def _roll_forward(entries):
    for e in entries:
        if e.op == "write":
            if e.tmp and os.path.lexists(e.tmp):
                os.replace(e.tmp, e.target)
        elif os.path.lexists(e.path):
            os.unlink(e.path)
    _fsync_dirs(entries, ())


def _roll_back_committed(entries, dirs):
    for e in entries:
        original = e.target if e.op == "write" else e.path
        if e.bak and os.path.lexists(e.bak):
            os.replace(e.bak, original)
            _unlink(e.bak)  # rename() between two links of one file does nothing
        elif not e.bak and e.op == "write" and not os.path.lexists(e.tmp):
            _unlink(e.target)  # a new document whose temp was already renamed into place
        _unlink(e.tmp)
    _fsync_dirs(entries, ())
    _remove_dirs(dirs)


# ---------------------------------------------------------------------------------------------- files
def _write_journal(root, state, entries, dirs, job):
    data = json.dumps(
        {
            "version": _JOURNAL_VERSION,
            "state": state,
            "pid": os.getpid(),
            "job": job,
            "entries": [e.record(root) for e in entries],
            "dirs": [_rel(root, d) for d in dirs],
        },
        indent=1,
    ).encode("utf-8")
    write_atomically(os.path.join(root, JOURNAL_NAME), data)


def _remove_journal(root):
    _unlink(os.path.join(root, JOURNAL_NAME))
    fsync_dir(root)


def _write_temp(tmp, data, like):
    """data into a new exclusive file tmp, with the mode and (when permitted) the owner of the file like."""
    try:
        st = os.stat(like)
        mode, owner = stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode, owner = 0o666 & ~umask, None
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        write_all(fd, data)
        if owner is not None:
            _chown(fd, *owner)
        os.fchmod(fd, mode)  # after chown, which may clear set-id bits
        os.fsync(fd)
    finally:
        os.close(fd)


def _backup(src, bak):
    """bak: a second name for src (a hard link), or a copy where the file system refuses links."""
    try:
        os.link(src, bak, follow_symlinks=False)
        return
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    if os.path.islink(src):
        os.symlink(os.readlink(src), bak)
        return
    with open(src, "rb") as f:
        data = f.read()
    _write_temp(bak, data, src)


def _chown(fd, uid, gid):
    st = os.fstat(fd)
    if (st.st_uid, st.st_gid) == (uid, gid):
        return
    try:
        os.fchown(fd, uid, gid)
    except PermissionError:
        try:
            os.fchown(fd, -1, gid)  # a member of the group keeps at least the group
        except PermissionError:
            pass


def _missing_dirs(targets):
    """Directories to create, parents first."""
    out = []
    for t in sorted(set(os.path.dirname(t) for t in targets)):
        chain = []
        d = t
        while not os.path.isdir(d):
            chain.append(d)
            d = os.path.dirname(d)
        for d in reversed(chain):
            if d not in out:
                out.append(d)
    return out


def _remove_dirs(dirs):
    for d in reversed(dirs):
        try:
            os.rmdir(d)
        except OSError:
            pass


def _fsync_dirs(entries, dirs):
    todo = set(os.path.dirname(d) for d in dirs)
    for e in entries:
        todo.add(os.path.dirname(e.target))
        todo.add(os.path.dirname(e.path))
    for d in sorted(todo):
        fsync_dir(d)


def _prune_empty_dirs(d, stop):
    stop = os.path.abspath(stop)
    while os.path.abspath(d) != stop and not os.path.islink(d) and os.path.isdir(d) and not os.listdir(d):
        os.rmdir(d)
        d = os.path.dirname(d)


def _unlink(path):
    if not path:
        return
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _quietly(fn, *args):
    try:
        fn(*args)
    except OSError:
        pass  # what is left is listed in the journal or matched by is_leftover: the next open removes it


def _why(err):
    if isinstance(err, OSError):
        return err.strerror or str(err)
    return str(err)


def _path(root, uri):
    return os.path.join(root, *uri.split("/"))


def _rel(root, path):
    if path is None:
        return None
    prefix = root.rstrip(os.sep) + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else path


def _abs(root, path):
    if path is None:
        return None
    return path if os.path.isabs(path) else os.path.join(root, path)
