"""SHA-1 of bytes, as hex: java.security.MessageDigest under Jython (2.1 has no hashlib), hashlib under CPython."""

from stwaslib.compat import IS_JYTHON

if IS_JYTHON:
    from java.lang import String
    from java.security import MessageDigest
else:
    import hashlib


def sha1_hex(data):
    """Lower-case hex SHA-1 of data (bytes: a str of byte characters under Jython)."""
    if IS_JYTHON:
        digest = MessageDigest.getInstance("SHA-1").digest(String(data).getBytes("ISO-8859-1"))
        out = []
        for b in digest:
            out.append("%02x" % (b & 0xFF))
        return "".join(out)
    return hashlib.sha1(data).hexdigest()
