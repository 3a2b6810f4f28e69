"""The federated repository's file registry (``cells/<cell>/fileRegistry.xml``): its password hash.

``<wim:password>`` holds base64(``"SHA-1:<salt>:<base64 digest>\\r\\n"``) [V format, sametime-operations.md 12.1:
a real fileRegistry.xml decodes to ``SHA-1:zfs20ybdv5in:uku372FQg58EqErZCtgGdIwo5DQ=\\r\\n``].
[U] the digest input (password then salt, UTF-8) and the salt alphabet: only the harness reads the hash back, and
the fixture generator and AdminTask.changeFileRegistryAccountPassword both write it through this module.

    hashed = password_hash("Sametime9", "zfs20ybdv5in")
    password_check(hashed, "Sametime9") is True
"""

import base64
import hashlib

__all__ = ["DIGEST", "SALT_LENGTH", "SALT_ALPHABET", "password_hash", "password_check"]

DIGEST = "SHA-1"
SALT_LENGTH = 12
SALT_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def password_hash(password, salt):
    """The <wim:password> text for password and salt."""
    digest = base64.b64encode(hashlib.sha1((password + salt).encode("utf-8")).digest()).decode("ascii")
    line = "%s:%s:%s\r\n" % (DIGEST, salt, digest)
    return base64.b64encode(line.encode("ascii")).decode("ascii")


def password_check(stored, password):
    """True when the stored <wim:password> text is the hash of password."""
    try:
        algo, salt, _digest = base64.b64decode(stored).decode("ascii").rstrip("\r\n").split(":", 2)
    except (ValueError, UnicodeError):
        return False
    return algo == DIGEST and password_hash(password, salt) == stored
