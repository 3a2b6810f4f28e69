"""A small JSON writer for the STWAS-RESULT line and the --json reports (no json module on Jython 2.1).

    jsonout.dumps({'job': 'x', 'changed': jsonout.TRUE})   -> '{"changed": true, "job": "x"}'

The output is byte for byte what CPython's json.dumps(obj, sort_keys=True) writes (ASCII only, \\uXXXX escapes,
', ' and ': ' separators), and with indent=N what json.dumps(obj, sort_keys=True, indent=N) writes on CPython 3
(',' at line ends). Values: text, int/long, None, lists/tuples, dicts with text keys, and booleans.

Booleans: Jython 2.1 has no True/False (a comparison gives 1 or 0), so a value that must be JSON true/false is
marked with TRUE/FALSE or boolean(x). A real bool (CPython, Jython 2.7) is written as true/false too.
"""

from stwaslib.compat import is_dict, is_int, is_sequence, is_text, sort_by


class _Boolean:
    """TRUE and FALSE: JSON true/false; truthy like 1 and 0, equal to each other only by identity."""

    def __init__(self, value):
        self.value = value

    def __nonzero__(self):  # Jython 2.x
        return self.value

    def __bool__(self):  # CPython 3
        return self.value == 1

    def __repr__(self):
        if self.value:
            return "TRUE"
        return "FALSE"


TRUE = _Boolean(1)
FALSE = _Boolean(0)
# bool on CPython and Jython 2.7; on 2.1 a comparison gives an int, and there is no bool type to look for
_REAL_BOOLEAN = type(1 == 1)
if _REAL_BOOLEAN is type(1):
    _REAL_BOOLEAN = None


def boolean(value):
    """TRUE or FALSE for any truth value."""
    if value:
        return TRUE
    return FALSE


def is_boolean(value):
    return isinstance(value, _Boolean) or (_REAL_BOOLEAN is not None and type(value) is _REAL_BOOLEAN)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _string(s):
    out = ['"']
    for c in s:
        e = _ESCAPES.get(c)
        if e is not None:
            out.append(e)
            continue
        n = ord(c)
        if 0x20 <= n < 0x7F:
            out.append(c)
        elif n > 0xFFFF:  # CPython 3: a character beyond the BMP is written as its UTF-16 surrogate pair
            n = n - 0x10000
            out.append("\\u%04x\\u%04x" % (0xD800 + (n >> 10), 0xDC00 + (n & 0x3FF)))
        else:
            out.append("\\u%04x" % n)
    out.append('"')
    return "".join(out)


def _write(value, out, indent, level):
    if value is None:
        out.append("null")
    elif is_boolean(value):
        if value:
            out.append("true")
        else:
            out.append("false")
    elif is_text(value):
        out.append(_string(value))
    elif is_int(value):
        out.append(str(value))  # str(): no 'L' after a long on Jython
    elif type(value) is type(0.5):
        out.append(repr(value))
    elif is_sequence(value):
        _container("[", "]", value, out, indent, level)
    elif is_dict(value):
        items = []
        for k in value.keys():
            if not is_text(k):
                raise TypeError("JSON object keys must be text, not %s" % (k,))
            items.append((k, value[k]))
        _container("{", "}", sort_by(items, _first), out, indent, level)
    else:
        raise TypeError("cannot write %s as JSON" % (type(value),))


def _first(pair):
    return pair[0]


def _container(opening, closing, items, out, indent, level):
    if not items:
        out.append(opening + closing)
        return
    out.append(opening)
    if indent is None:
        separator = ", "
    else:
        separator = ",\n" + " " * (indent * (level + 1))
        out.append("\n" + " " * (indent * (level + 1)))
    first = 1
    for item in items:
        if not first:
            out.append(separator)
        first = 0
        if opening == "{":
            out.append(_string(item[0]) + ": ")
            _write(item[1], out, indent, level + 1)
        else:
            _write(item, out, indent, level + 1)
    if indent is not None:
        out.append("\n" + " " * (indent * level))
    out.append(closing)


def dumps(value, indent=None):
    """The JSON text of value (see the module text)."""
    out = []
    _write(value, out, indent, 0)
    return "".join(out)
