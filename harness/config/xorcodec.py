"""WebSphere's ``{xor}`` password encoding (sametime-operations.md §12.2).

Every byte of the password is XORed with ``0x5F`` (``'_'``), the result is standard Base64 and the
prefix ``{xor}`` is put in front.  It is a masking, not encryption; WebSphere ships no decoder.

    encode("WebAS") == "{xor}CDo9Hgw="      decode("{xor}CDo9Hgw=") == "WebAS"
    encode("") == "{xor}"

The same algorithm for the job scripts (Jython 2.7 / CPython) is ``wsadmin_scripts/stwaslib/xor.py``.
"""

import base64
import binascii
import re

__all__ = ["PREFIX", "XOR_KEY", "TEXT_ENCODING", "XorDecodeError", "decode", "encode", "is_encoded"]

XOR_KEY = 0x5F
# [V] WAS writes the prefix in lower case in every real file; input is accepted in any case.
PREFIX = "{xor}"
# [U] characters outside ASCII: the UTF-8 bytes are XORed (unverified on a real WAS).
TEXT_ENCODING = "utf-8"

_PREFIX_RE = re.compile(r"^\{xor\}", re.IGNORECASE)


class XorDecodeError(ValueError):
    """The text after ``{xor}`` is not valid Base64 or does not decode to text."""


def _xor(data):
    return bytes(b ^ XOR_KEY for b in bytearray(data))


def is_encoded(value):
    """True when ``value`` carries the ``{xor}`` prefix (any case)."""
    return value is not None and bool(_PREFIX_RE.match(value))


def encode(password):
    """``{xor}`` + Base64 of the password's bytes XORed with 0x5F; ``''`` -> ``'{xor}'``.
    ``bytes`` are encoded as they are; text is encoded as UTF-8 first."""
    if password is None:
        raise TypeError("encode() needs a password, not None")
    data = password if isinstance(password, bytes) else password.encode(TEXT_ENCODING)
    return PREFIX + base64.b64encode(_xor(data)).decode("ascii")


def decode(value):
    """The clear text of an ``{xor}`` value (prefix in any case); a value without the prefix is
    returned unchanged (WebSphere accepts clear-text passwords in its files too)."""
    if value is None:
        raise TypeError("decode() needs a value, not None")
    m = _PREFIX_RE.match(value)
    if not m:
        return value
    body = value[m.end() :].strip()
    try:
        raw = base64.b64decode(body.encode("ascii"), validate=True)
        return _xor(raw).decode(TEXT_ENCODING)
    except (binascii.Error, ValueError, UnicodeError) as e:
        raise XorDecodeError("not a valid {xor} value (%s)" % e.__class__.__name__) from None
