"""The cell-wide save lock: an advisory lock file in the config root, held for a whole save.

``flock`` on ``<root>/.stwas-save.lock`` makes the conflict check and the writes of a save one step for
every harness process on the host (a process that dies loses its lock with it). The file exists only while
a save holds it: the holder writes who it is into it (pid, host, job, start time) so that a waiter that
gives up can name it, and unlinks it before letting go. A waiter that wins the lock on a file that was
unlinked meanwhile sees that the path no longer names its file and starts over, so two processes never
both hold "the" lock. A lock file left by a killed process is taken over by the next save or open.
"""

import errno
import fcntl
import json
import os
import socket
import sys
import time

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import SaveLockError

LOCK_NAME = ".stwas-save.lock"
POLL_SECONDS = 0.05


def lock_timeout():
    """S.SAVE_LOCK_TIMEOUT, or the seconds the operator gives in S.SAVE_LOCK_TIMEOUT_ENV."""
    value = os.environ.get(S.SAVE_LOCK_TIMEOUT_ENV)
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
    return S.SAVE_LOCK_TIMEOUT


def current_job():
    """The job this process runs, if known: the script after the launcher's -f (its name without .py)."""
    argv = sys.argv
    for i, a in enumerate(argv[:-1]):
        if a == "-f":
            return os.path.splitext(os.path.basename(argv[i + 1]))[0]
    return None


class CellLock(object):
    """``with CellLock(root, timeout):`` -- raises SaveLockError naming the holder after ``timeout`` seconds;
    OSError when the lock file cannot be created (e.g. the config root is not writable)."""

    def __init__(self, root, timeout=None, job=None):
        self.root = root
        self.path = os.path.join(root, LOCK_NAME)
        self.timeout = lock_timeout() if timeout is None else timeout
        self.job = job if job is not None else current_job()
        self._fd = None

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()

    def acquire(self, blocking=True):
        """Take the lock; with blocking False, return False at once if another process holds it."""
        deadline = time.monotonic() + self.timeout
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                os.close(fd)
                if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                if not blocking:
                    return False
                if time.monotonic() >= deadline:
                    raise SaveLockError(M.SAVE_LOCKED % (self.root, self.holder(), self.timeout)) from None
                time.sleep(POLL_SECONDS)
                continue
            if self._still_named(fd):
                break
            os.close(fd)  # the previous holder unlinked it between our open and our flock: try again
        self._fd = fd
        self._describe(fd)
        return True

    def release(self):
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if self._still_named(fd):
                os.unlink(self.path)
        except OSError:
            pass  # a lock file left behind is taken over by the next holder
        finally:
            os.close(fd)

    def holder(self):
        """Who holds the lock, as the holder wrote it: 'pid 123 on host h, job j, since 12:00:01'."""
        try:
            with open(self.path, "rb") as f:
                info = json.loads(f.read(4096).decode("utf-8") or "{}")
        except (OSError, ValueError):
            info = {}
        if not isinstance(info, dict) or not info.get("pid"):
            return "holder unknown"
        text = "pid %s on host %s" % (info.get("pid"), info.get("host", "?"))
        if info.get("job"):
            text += ", job %s" % info["job"]
        if info.get("since"):
            text += ", since %s" % info["since"]
        return text

    # ------------------------------------------------------------------ helpers
    def _open(self):
        flags = os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            return os.open(self.path, os.O_RDWR | flags, 0o644)
        except PermissionError:
            # another user's lock file: flock works on a read-only descriptor too
            return os.open(self.path, os.O_RDONLY | flags, 0o644)

    def _still_named(self, fd):
        try:
            st = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return False
        fst = os.fstat(fd)
        return (st.st_dev, st.st_ino) == (fst.st_dev, fst.st_ino)

    def _describe(self, fd):
        info = {"pid": os.getpid(), "host": socket.gethostname(), "job": self.job, "since": time.strftime("%Y-%m-%d %H:%M:%S")}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode("utf-8"), 0)
        except OSError:
            pass  # read-only descriptor: the lock holds, only the holder's name is missing
