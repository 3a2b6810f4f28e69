"""The one atomic file writer, and the two steps it is made of that the save protocol (journal.py) uses too.

``write_atomically(path, data)``: a new private temp file next to path (``.<name>.stwas-<16 hex>.tmp``, the
name every leftover sweep knows), written in full, fsynced, renamed over path, the directory fsynced: a reader
sees the old file or the new one, never a part.
"""

import errno
import os
import secrets

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def fsync_dir(d):
    """fsync a directory (its entries are durable); a file system that cannot is let be."""
    try:
        fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    except OSError as e:
        if e.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    finally:
        os.close(fd)


def write_atomically(path, data):
    """Replace (or create) the file path with data (bytes), mode 0600, atomically and durably."""
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, "%s.stwas-%s.tmp" % (name if name.startswith(".") else "." + name, secrets.token_hex(8)))
    fd = os.open(tmp, _FLAGS, 0o600)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise
    fsync_dir(folder or ".")
