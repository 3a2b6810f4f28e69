"""AdminTask result formatting (wsadmin-semantics.md §5.2).  Everything an AdminTask command returns
is one string:

- lists of IDs / names: entries joined by the line separator, no trailing separator, ``''`` for none;
- attribute-list records: ``[[k v] [k2 v2] ]`` (opening ``[[``, pairs separated by one space, closing
  ``" ]"``); an empty value renders ``[k ]``; one record per line;
- Java maps: ``{k=v, k2=v2}``; booleans ``'true'``/``'false'``; void ``''``.
"""

from collections.abc import Mapping

__all__ = [
    "DEFAULT_LINE_SEPARATOR",
    "RECORD_BRACKET_VALUES_WITH_SPACES",
    "attr_record",
    "java_bool",
    "java_list",
    "java_map",
    "line_separator",
    "lines",
    "record_value",
    "records",
    "to_result",
    "void",
]

DEFAULT_LINE_SEPARATOR = "\n"

# [L/U] inside a record, a value that contains whitespace is wrapped in brackets, like the real
# certificate records (`[issuedTo [CN=a, OU=b]]`, `[validity [Valid from ... .]]`) while values
# without whitespace are raw (`[fingerPrint 24:18:..]`).  Unverified for e.g. a description with
# spaces in listAuthDataEntries.
RECORD_BRACKET_VALUES_WITH_SPACES = True
# [V] WAS 8.5/9 record framing "[[k v] ... ]"; WAS 6.1/7 used "[ [k v] ... ]" (semantics §5.2).
RECORD_OPEN = "["
RECORD_OPEN_OLD = "[ "


def line_separator(ctx):
    """``ctx.line_separator`` when the context has one, else ``'\\n'``."""
    sep = getattr(ctx, "line_separator", None) if ctx is not None else None
    return sep if sep else DEFAULT_LINE_SEPARATOR


def lines(items, sep=DEFAULT_LINE_SEPARATOR):
    """Entries joined by ``sep`` (no trailing separator; ``''`` when empty)."""
    items = items if isinstance(items, (list, tuple)) else list(items)
    try:
        return sep.join(items)  # every entry a string: the common case, and a cell-wide report is long
    except TypeError:
        return sep.join(_text(x) for x in items)


def java_bool(b):
    return "true" if b else "false"


def void():
    return ""


def _text(v):
    if v is None:
        return "null"
    if v is True or v is False:
        return java_bool(v)
    return v if isinstance(v, str) else str(v)


def record_value(v, bracket_spaces=None):
    """A value inside an attribute-list record: list -> ``[a b]`` (items raw, not bracketed again
    [U]), pairs/mapping -> nested record ``[[k v] ]``, string with whitespace -> ``[text]`` (see
    RECORD_BRACKET_VALUES_WITH_SPACES), ``''`` -> ``''`` (so the pair renders ``[k ]``)."""
    if bracket_spaces is None:
        bracket_spaces = RECORD_BRACKET_VALUES_WITH_SPACES
    if isinstance(v, Mapping):
        return attr_record(v, bracket_spaces=bracket_spaces)
    if isinstance(v, (list, tuple)):
        return "[" + " ".join(record_value(x, False) for x in v) + "]"
    s = _text(v)
    if bracket_spaces and any(c.isspace() for c in s):
        return "[" + s + "]"
    return s


def _pairs(pairs):
    return list(pairs.items()) if isinstance(pairs, Mapping) else list(pairs)


def attr_record(pairs, bracket_spaces=None, old_style=False):
    """One record: ``[[k v] [k2 v2] ]`` from a mapping (insertion order) or ``(k, v)`` pairs.
    ``old_style`` gives the WAS 6.1/7 framing ``[ [k v] ... ]``; no pairs -> ``'[ ]'`` [U]."""
    items = ["[%s %s]" % (k, record_value(v, bracket_spaces)) for k, v in _pairs(pairs)]
    return (RECORD_OPEN_OLD if old_style else RECORD_OPEN) + " ".join(items) + " ]"


def records(rows, sep=DEFAULT_LINE_SEPARATOR, bracket_spaces=None):
    """One ``attr_record`` per line."""
    return lines([attr_record(r, bracket_spaces) for r in rows], sep)


def java_list(items):
    """Java ``List.toString()``: ``[a, b]``."""
    return "[" + ", ".join(_java_text(x) for x in items) + "]"


def _java_text(v):
    if isinstance(v, Mapping):
        return java_map(v)
    if isinstance(v, (list, tuple)):
        return java_list(v)
    return _text(v)


def java_map(pairs):
    """Java ``Map.toString()``: ``{k=v, k2=v2}`` (order as given), nested maps/lists rendered Java-style,
    ``None`` -> ``null``."""
    return "{" + ", ".join("%s=%s" % (_java_text(k), _java_text(v)) for k, v in _pairs(pairs)) + "}"


def to_result(value, sep=DEFAULT_LINE_SEPARATOR):
    """Normalise a command function's return value: ``None`` -> ``''``; bool -> ``'true'``/``'false'``;
    list/tuple -> lines; numbers -> ``str``; strings unchanged.  Mappings are rejected (a command must
    choose ``java_map`` or ``attr_record`` itself)."""
    if value is None:
        return ""
    if value is True or value is False:
        return java_bool(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return lines(value, sep)
    if isinstance(value, Mapping):
        raise TypeError("AdminTask command returned a mapping; format it with java_map or attr_record")
    return str(value)
