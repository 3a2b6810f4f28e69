"""WebSphere's ``{xor}`` password encoding for the job scripts (Jython 2.7 and CPython 2.7/3).

Every byte is XORed with 0x5F, the result is Base64-encoded and prefixed with ``{xor}``
(sametime-operations.md 12.2); ``encode('') == '{xor}'``.  Text is encoded as UTF-8 first.
The harness has the same algorithm in ``harness/xorcodec.py``; the tests hold both to the same pairs.
"""

from __future__ import print_function

import base64
import re

XOR_KEY = 0x5F
PREFIX = '{xor}'

try:
    _TEXT = unicode  # noqa: F821  (Python 2 / Jython)
except NameError:
    _TEXT = str

_PREFIX_RE = re.compile(r'^\{xor\}', re.IGNORECASE)
_B64_RE = re.compile(r'^[A-Za-z0-9+/]*={0,2}$')


class XorError(ValueError):
    """Raised for a value that is not valid ``{xor}`` text.  The message never holds the value."""


def _xor(data):
    out = bytearray()
    for b in bytearray(data):
        out.append(b ^ XOR_KEY)
    return bytes(out)


def is_encoded(value):
    """True when value starts with ``{xor}`` (any case)."""
    return value is not None and _PREFIX_RE.match(value) is not None


def encode(password):
    """``{xor}`` + Base64(UTF-8 bytes XOR 0x5F)."""
    if password is None:
        raise XorError('no password to encode')
    if isinstance(password, _TEXT):
        data = password.encode('utf-8')
    else:
        data = password
    text = base64.b64encode(_xor(data))
    if not isinstance(text, str):
        text = text.decode('ascii')
    return PREFIX + text


def decode(value):
    """The clear text of an ``{xor}`` value; a value without the prefix is returned unchanged."""
    if value is None:
        raise XorError('no value to decode')
    m = _PREFIX_RE.match(value)
    if m is None:
        return value
    body = value[m.end():].strip()
    if len(body) % 4 != 0 or _B64_RE.match(body) is None:
        raise XorError('not a valid {xor} value')
    try:
        raw = base64.b64decode(body.encode('ascii'))
        return _xor(raw).decode('utf-8')
    except Exception:
        raise XorError('not a valid {xor} value')


def same_password(encoded, password):
    """True when the stored value (``{xor}`` or clear text) holds ``password``."""
    try:
        return decode(encoded) == password
    except XorError:
        return False
