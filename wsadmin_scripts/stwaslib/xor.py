"""WebSphere's ``{xor}`` password encoding for the job scripts.

Every byte is XORed with 0x5F, the result is Base64-encoded and prefixed with ``{xor}``
(sametime-operations.md 12.2); ``encode('') == '{xor}'``.  Text is encoded as UTF-8 first.
The harness has the same algorithm in ``harness/xorcodec.py``; the tests hold both to the same pairs.
"""

from stwaslib.binary import base64_bytes, base64_text, byte_values, from_byte_values, utf8_bytes, utf8_text

XOR_KEY = 0x5F
PREFIX = "{xor}"
_BASE64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


class XorError(ValueError):
    """Raised for a value that is not valid ``{xor}`` text.  The message never holds the value."""


def _xor(data):
    out = []
    for b in byte_values(data):
        out.append(b ^ XOR_KEY)
    return from_byte_values(out)


def is_encoded(value):
    """True when value starts with ``{xor}`` (any case)."""
    return value is not None and value[: len(PREFIX)].lower() == PREFIX


def _is_base64(body):
    """Base64 characters, then at most two '=', in groups of four."""
    if len(body) % 4 != 0:
        return 0
    n = len(body)
    while n > 0 and n > len(body) - 2 and body[n - 1] == "=":
        n = n - 1
    for c in body[:n]:
        if _BASE64_CHARS.find(c) < 0:
            return 0
    return 1


def encode(password):
    """``{xor}`` + Base64(UTF-8 bytes XOR 0x5F)."""
    if password is None:
        raise XorError("no password to encode")
    return PREFIX + base64_text(_xor(utf8_bytes(password)))


def decode(value):
    """The clear text of an ``{xor}`` value; a value without the prefix is returned unchanged."""
    if value is None:
        raise XorError("no value to decode")
    if not is_encoded(value):
        return value
    body = value[len(PREFIX) :].strip()
    if not _is_base64(body):
        raise XorError("not a valid {xor} value")
    try:
        return utf8_text(_xor(base64_bytes(body)))
    except:  # noqa: E722  binascii.Error is no Exception subclass on every interpreter
        raise XorError("not a valid {xor} value")


def same_password(encoded, password):
    """True when the stored value (``{xor}`` or clear text) holds ``password``."""
    try:
        return decode(encoded) == password
    except XorError:
        return 0
