"""Files the jobs read and write themselves: whole-file bytes, and private temporary files.

A temporary file may hold a document with {xor} passwords or an LTPA key file, so only its owner may read it.
Under Jython (every real wsadmin) it is made with java.io.File.createTempFile and then closed to everybody but
the owner (Java 6, the JDK of WebSphere 7.0, has no POSIX permissions API; the file is empty until then);
under CPython (the harness) with tempfile.mkstemp, which creates it mode 0600.
"""

import os

from stwaslib.compat import IS_JYTHON

if IS_JYTHON:
    from java.io import File
else:
    import tempfile


def read_bytes(path):
    f = open(path, "rb")
    try:
        return f.read()
    finally:
        f.close()


def write_bytes(path, data):
    f = open(path, "wb")
    try:
        f.write(data)
    finally:
        f.close()


def private_temp_file(prefix="stwas-", suffix=".tmp", directory=None):
    """The path of a new, empty file that only the user can read and write (in directory, else the system's
    temporary directory). The caller removes it (remove_quietly)."""
    if IS_JYTHON:
        where = None
        if directory:
            where = File(directory)
        f = File.createTempFile(prefix, suffix, where)
        f.setReadable(0, 0)
        f.setWritable(0, 0)
        f.setReadable(1, 1)
        f.setWritable(1, 1)
        return f.getPath()
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=directory)
    os.close(fd)
    return path


def remove_quietly(path):
    """Remove a file if it is there; never raises."""
    if not path:
        return
    try:
        os.remove(path)
    except:  # noqa: E722  (OSError; Java exceptions under Jython)
        pass
