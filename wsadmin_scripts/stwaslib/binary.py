"""Bytes and text on three interpreters: UTF-8, Latin-1 and Base64 without codecs or the base64 module.

Bytes are `bytes` on CPython 3 and `str` (one character per byte) on Jython 2.1 and 2.7. Jython 2.1 has no
codecs at all (u'x'.encode('utf-8') raises LookupError), so UTF-8 is done by hand there; its strings are Java
strings, so a character beyond U+FFFF is a surrogate pair, as Java and JSON write it.
"""

import binascii

try:
    BYTES_TYPE = bytes  # CPython 3; on Jython 2.7 the same type as str
except NameError:
    BYTES_TYPE = type('')  # Jython 2.1

try:
    u'x'.encode('utf-8')
    HAS_CODECS = 1
except LookupError:
    HAS_CODECS = 0  # Jython 2.1

_BYTES_ARE_STR = BYTES_TYPE is type('')
try:
    char = unichr  # noqa: F821  (Jython 2.1 and 2.7)
except NameError:
    char = chr  # CPython 3


def byte_values(data):
    """The bytes of data as a list of ints 0..255."""
    if _BYTES_ARE_STR:
        out = []
        for c in data:
            out.append(ord(c) & 0xFF)
        return out
    return list(data)


def from_byte_values(values):
    """Bytes from a list of ints 0..255."""
    if _BYTES_ARE_STR:
        out = []
        for v in values:
            out.append(chr(v))
        return ''.join(out)
    return BYTES_TYPE(values)


def latin1_text(data):
    """Bytes as text, one character per byte (how the jobs read XML and properties files they edit in place)."""
    if type(data) is type(''):
        return data
    return data.decode('latin-1')


def latin1_bytes(text):
    if type(text) is BYTES_TYPE:
        return text
    return text.encode('latin-1')


def utf8_bytes(text):
    """The UTF-8 bytes of text (text that is already bytes, a Jython 2.7 str, is returned as it is)."""
    if HAS_CODECS:
        if type(text) is BYTES_TYPE:
            return text
        return text.encode('utf-8')
    out = []
    i, n = 0, len(text)
    while i < n:
        cp = ord(text[i])
        if 0xD800 <= cp < 0xDC00 and i + 1 < n and 0xDC00 <= ord(text[i + 1]) < 0xE000:
            cp = 0x10000 + ((cp - 0xD800) << 10) + (ord(text[i + 1]) - 0xDC00)
            i = i + 1
        if cp < 0x80:
            out.append(cp)
        elif cp < 0x800:
            out.extend([0xC0 | (cp >> 6), 0x80 | (cp & 0x3F)])
        elif cp < 0x10000:
            out.extend([0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)])
        else:
            out.extend([0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F),
                        0x80 | (cp & 0x3F)])
        i = i + 1
    return from_byte_values(out)


def utf8_text(data, errors='strict'):
    """The text of UTF-8 bytes; ValueError for invalid bytes unless errors is 'replace' (U+FFFD for each)."""
    if HAS_CODECS:
        if type(data) is not BYTES_TYPE:
            return data
        return data.decode('utf-8', errors)
    values = byte_values(data)
    out = []
    i, n = 0, len(values)
    while i < n:
        b = values[i]
        if b < 0x80:
            need, cp = 0, b
        elif 0xC2 <= b < 0xE0:
            need, cp = 1, b & 0x1F
        elif 0xE0 <= b < 0xF0:
            need, cp = 2, b & 0x0F
        elif 0xF0 <= b < 0xF5:
            need, cp = 3, b & 0x07
        else:
            need, cp = -1, 0
        ok = need >= 0 and i + need < n
        j = 1
        while ok and j <= need:
            c = values[i + j]
            if c & 0xC0 != 0x80:
                ok = 0
            else:
                cp = (cp << 6) | (c & 0x3F)
            j = j + 1
        if ok and ((need == 2 and (cp < 0x800 or 0xD800 <= cp < 0xE000)) or (need == 3 and
                                                                             (cp < 0x10000 or cp > 0x10FFFF))):
            ok = 0
        if not ok:
            if errors != 'replace':
                raise ValueError('invalid UTF-8 data')
            out.append(char(0xFFFD))
            i = i + 1
            continue
        if cp >= 0x10000:
            cp = cp - 0x10000
            out.append(char(0xD800 + (cp >> 10)) + char(0xDC00 + (cp & 0x3FF)))
        else:
            out.append(char(cp))
        i = i + need + 1
    return ''.join(out)


def os_text(value):
    """Text of a value from the environment: bytes on Jython 2.7 (decoded as UTF-8), already text on 2.1 (read
    through Java) and on 3."""
    if HAS_CODECS:
        return utf8_text(value)
    return value


def base64_text(data):
    """Base64 of bytes, as text without line breaks (2.1's b2a_base64 takes at most 57 bytes, one line, a call)."""
    out = []
    for i in range(0, len(data), 57):
        out.append(latin1_text(binascii.b2a_base64(data[i:i + 57])).strip())
    return ''.join(out)


def base64_bytes(text):
    """The bytes of Base64 text; raises binascii.Error for bad input (a string exception on 2.1: catch it with a
    bare except)."""
    return binascii.a2b_base64(latin1_bytes(text))
