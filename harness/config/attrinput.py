"""AdminConfig attribute input: the string form and the Jython list form (wsadmin-semantics.md §3.4).

``parse_attrs(value)`` turns the ``attrs`` argument of ``create`` / ``modify`` / ``createUsingTemplate``
into ``[(name, Value), ...]`` without looking at any metamodel.  A ``Value`` is one of

- ``Scalar(text)``            a single string (list-form ints/bools already converted to text);
- ``Pairs([(name, Value)])``  a bracketed list whose every element is ``[name value]``: one nested object;
- ``Items([Value, ...])``     any other bracketed list (list of objects, list of strings/IDs, ``[]``).

The caller decides what a value means from the attribute's type: ``as_string`` for scalars,
``as_string_list`` for ``String*`` and reference lists, ``as_object`` for one nested object,
``as_object_list`` for a list of child objects.  ``[]`` is ``Items([])``: "empty list" / "clear".

String-form lexical rules: ``harness.config.brackets`` with ``"`` as the only quote character (whitespace
separates, ``[``/``]`` nest, ``\\"`` is a literal quote inside quotes [U]); every other backslash is literal
[V: the list-form doubling quirk shows the parser does not collapse ``\\\\``]; ``(``, ``)``, ``|``, ``#``,
``,``, ``;``, ``=`` ... are ordinary characters, so unquoted config IDs are single tokens; IDs with spaces
arrive quoted.
"""

from harness.base import messages as M
from harness.base.errors import ScriptingException
from harness.config import brackets

__all__ = [
    "LIST_FORM_DOUBLES_BACKSLASH",
    "Items",
    "Pairs",
    "Scalar",
    "as_object",
    "as_object_list",
    "as_rows",
    "as_string",
    "as_string_list",
    "format_attrs",
    "format_value",
    "from_python",
    "is_empty_list",
    "is_items",
    "is_pairs",
    "is_scalar",
    "parse_attrs",
    "parse_value",
    "quote_if_needed",
]

# §3.4 quirk [V IBM doc]: wsadmin converts the Jython list form to its string representation before
# parsing it, so every backslash in a list-form string comes out doubled (value 'c\d' is stored as
# 'c\\d').  Strings given in the string form are taken verbatim.  Flip this to False to model a
# wsadmin that does not have the quirk.
LIST_FORM_DOUBLES_BACKSLASH = True

# [U] message ids/texts of attribute-string syntax errors (only WASX7122E's shape is known from the
# field; the others are reconstructed in the same family).  All raise ScriptingException.


# --------------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------------

class Scalar:
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    def __eq__(self, other):
        return isinstance(other, Scalar) and other.text == self.text

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(("Scalar", self.text))

    def __repr__(self):
        return "Scalar(%r)" % (self.text,)


class Pairs:
    """One nested object: ordered ``(name, Value)`` pairs (duplicates kept, in input order)."""

    __slots__ = ("pairs",)

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __eq__(self, other):
        return isinstance(other, Pairs) and other.pairs == self.pairs

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(("Pairs", tuple(self.pairs)))

    def __repr__(self):
        return "Pairs(%r)" % (self.pairs,)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)

    def names(self):
        return [n for n, _ in self.pairs]

    def get(self, name, default=None):
        """The last value given for ``name`` (later pairs win), or ``default``."""
        found = default
        for n, v in self.pairs:
            if n == name:
                found = v
        return found


class Items:
    """A bracketed list that is not a list of pairs (possibly empty)."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = list(items)

    def __eq__(self, other):
        return isinstance(other, Items) and other.items == self.items

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(("Items", tuple(self.items)))

    def __repr__(self):
        return "Items(%r)" % (self.items,)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def is_scalar(v):
    return isinstance(v, Scalar)


def is_pairs(v):
    return isinstance(v, Pairs)


def is_items(v):
    return isinstance(v, Items)


def is_empty_list(v):
    return (isinstance(v, Items) and not v.items) or (isinstance(v, Pairs) and not v.pairs)


# --------------------------------------------------------------------------------------------------
# String form
# --------------------------------------------------------------------------------------------------

_SYNTAX_MESSAGES = {
    brackets.UNEXPECTED_CLOSE: M.ATTR_UNEXPECTED_CLOSE,
    brackets.UNTERMINATED_QUOTE: M.ATTR_UNTERMINATED_QUOTE,
    brackets.MISSING_CLOSE: M.ATTR_EXPECTED_CLOSE,
}


def _tokenize_tree(text):
    """Parse ``text`` into a list of top-level nodes: ``Scalar`` leaves and Python lists (quote: ``"`` only)."""
    return brackets.parse(text, '"', lambda token, _quoted: Scalar(token),
                          lambda reason, _quote: ScriptingException(_SYNTAX_MESSAGES[reason] % text))


def _is_pair_node(node):
    return isinstance(node, list) and len(node) == 2 and isinstance(node[0], Scalar)


def _classify(node):
    if isinstance(node, Scalar):
        return node
    if node and all(_is_pair_node(e) for e in node):
        return Pairs([(e[0].text, _classify(e[1])) for e in node])
    return Items([_classify(e) for e in node])


def _render_node(node):
    if isinstance(node, Scalar):
        return _quote_for_input(node.text)
    return "[" + " ".join(_render_node(e) for e in node) + "]"


def _parse_string(text):
    nodes = _tokenize_tree(text)
    if not nodes:
        return []
    top = nodes[0]
    if not isinstance(top, list):
        raise ScriptingException(M.ATTR_EXPECTED_OPEN % text)
    if len(nodes) > 1:
        raise ScriptingException(M.ATTR_TRAILING_TEXT % " ".join(_render_node(x) for x in nodes[1:]))
    out = []
    for element in top:
        if not _is_pair_node(element):
            raise ScriptingException(M.ATTR_BAD_PAIR % _render_node(element))
        out.append((element[0].text, _classify(element[1])))
    return out


def parse_value(text):
    """Parse one value in string form (``abc``, ``"a b"``, ``[a b]``, ``[[k v]]``) into a Value."""
    nodes = _tokenize_tree(text)
    if not nodes:
        return Scalar("")
    if len(nodes) > 1:
        raise ScriptingException(M.ATTR_TRAILING_TEXT % " ".join(_render_node(x) for x in nodes[1:]))
    return _classify(nodes[0])


# --------------------------------------------------------------------------------------------------
# List form
# --------------------------------------------------------------------------------------------------

def _text(obj, double_backslash):
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    s = obj if isinstance(obj, str) else str(obj)
    if double_backslash:
        s = s.replace("\\", "\\\\")
    return s


def _is_py_pair(e):
    return isinstance(e, (list, tuple)) and len(e) == 2 and isinstance(e[0], str)


def from_python(obj, double_backslash=None):
    """Convert one list-form value (str, number, bool, list, tuple, or a Value) into a Value."""
    if double_backslash is None:
        double_backslash = LIST_FORM_DOUBLES_BACKSLASH
    if isinstance(obj, (Scalar, Pairs, Items)):
        return obj
    if isinstance(obj, (list, tuple)):
        if obj and all(_is_py_pair(e) for e in obj):
            return Pairs([(_text(e[0], double_backslash), from_python(e[1], double_backslash)) for e in obj])
        return Items([from_python(e, double_backslash) for e in obj])
    return Scalar(_text(obj, double_backslash))


def _parse_list(value):
    dbl = LIST_FORM_DOUBLES_BACKSLASH
    out = []
    for element in value:
        if not _is_py_pair(element):
            raise ScriptingException(M.ATTR_BAD_PAIR % (format_value(from_python(element, False)),))
        out.append((_text(element[0], dbl), from_python(element[1], dbl)))
    return out


def parse_attrs(value):
    """Parse AdminConfig attribute input into ``[(name, Value), ...]``.

    ``value``: the string form, the list form (list/tuple of ``[name, value]``), ``''`` or ``[]``
    (no attributes), or ``None`` (treated like ``[]`` [U]).
    """
    if value is None:
        return []
    if isinstance(value, str):
        return _parse_string(value)
    if isinstance(value, (list, tuple)):
        return _parse_list(value)
    raise ScriptingException(M.ATTR_BAD_INPUT_TYPE % (value,))


# --------------------------------------------------------------------------------------------------
# Interpretation helpers (the caller picks one from the metamodel type)
# --------------------------------------------------------------------------------------------------

def _show(v):
    return format_value(v) if isinstance(v, (Scalar, Pairs, Items)) else repr(v)


def as_string(v):
    """The text of a scalar value; a list value raises (M.ATTR_NOT_A_STRING)."""
    if isinstance(v, Scalar):
        return v.text
    if isinstance(v, str):
        return v
    raise ScriptingException(M.ATTR_NOT_A_STRING % _show(v))


def _split_semicolons(s):
    return [p for p in s.split(";") if p != ""]


def as_string_list(v):
    """A ``String*`` or reference-list value as a list of strings.

    Accepts a ``Scalar``/str with ``;``-separated items (``'a.jar;b.jar'``, ``''`` -> ``[]``; empty
    items dropped [U]), a scalar that is itself a bracketed list in string form (``'[a b]'`` [U]),
    ``Items`` of scalars, a Python list/tuple of strings, or ``None`` (-> ``[]``).  Items of a list are
    not split on ``;`` [U].
    """
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        v = from_python(v, False)
        if isinstance(v, Pairs):
            raise ScriptingException(M.ATTR_NOT_A_LIST % format_value(v))
    if isinstance(v, str):
        v = Scalar(v)
    if isinstance(v, Scalar):
        text = v.text.strip()
        if text.startswith("[") and text.endswith("]"):
            return as_string_list(parse_value(text))
        return _split_semicolons(v.text)
    if isinstance(v, Items):
        out = []
        for item in v.items:
            if not isinstance(item, Scalar):
                raise ScriptingException(M.ATTR_NOT_A_LIST % format_value(v))
            out.append(item.text)
        return out
    raise ScriptingException(M.ATTR_NOT_A_LIST % _show(v))


def as_object(v):
    """One nested object: ``Pairs``; ``[]`` -> empty ``Pairs``; anything else raises."""
    if isinstance(v, (list, tuple)):
        v = from_python(v)
    if isinstance(v, Pairs):
        return v
    if isinstance(v, Items) and not v.items:
        return Pairs([])
    raise ScriptingException(M.ATTR_NOT_AN_OBJECT % _show(v))


def as_object_list(v):
    """A list of child objects as a list of ``Pairs``.

    ``Items`` whose elements are objects (``[[[k v]] [[k v2]]]``) -> one Pairs each; ``[]`` -> ``[]``;
    a single object given without the outer list (``[[k v] [k2 v2]]``) -> ``[Pairs]`` [U]; an empty
    element ``[]`` inside the list is an object without attributes.
    """
    if isinstance(v, (list, tuple)):
        v = from_python(v)
    if isinstance(v, Pairs):
        return [v]
    if isinstance(v, Items):
        out = []
        for item in v.items:
            if isinstance(item, Pairs):
                out.append(item)
            elif isinstance(item, Items) and not item.items:
                out.append(Pairs([]))
            else:
                raise ScriptingException(M.ATTR_NOT_AN_OBJECT % format_value(item))
        return out
    raise ScriptingException(M.ATTR_NOT_AN_OBJECT % _show(v))


def as_rows(v):
    """A list value as nested Python lists of strings (undoes the Pairs reading of ``[[a b] [c d]]``)."""
    if isinstance(v, Scalar):
        return v.text
    if isinstance(v, Pairs):
        return [[n, as_rows(x)] for n, x in v.pairs]
    if isinstance(v, Items):
        return [as_rows(x) for x in v.items]
    raise ScriptingException(M.ATTR_NOT_A_LIST % _show(v))


# --------------------------------------------------------------------------------------------------
# Reverse direction
# --------------------------------------------------------------------------------------------------

def quote_if_needed(s):
    """``"s"`` iff ``s`` contains whitespace (show()/ID quoting rule, §1.3/§3.1); ``''`` is returned
    unchanged (callers render empty strings themselves: ``[]`` in show, ``""`` in input)."""
    if any(c.isspace() for c in s):
        return '"%s"' % s
    return s


def _quote_for_input(s):
    if s == "":
        return '""'
    if any(c.isspace() for c in s) or "[" in s or "]" in s or s.startswith('"'):
        return '"%s"' % s.replace('"', '\\"')
    return s


def format_value(v):
    """Render a Value back into the string form so that ``parse_value(format_value(v)) == v``."""
    if isinstance(v, Scalar):
        return _quote_for_input(v.text)
    if isinstance(v, Pairs):
        return "[" + " ".join("[%s %s]" % (_quote_for_input(n), format_value(x)) for n, x in v.pairs) + "]"
    if isinstance(v, Items):
        return "[" + " ".join(format_value(x) for x in v.items) + "]"
    raise TypeError("not an attribute value: %r" % (v,))


def format_attrs(pairs):
    """Render ``[(name, Value), ...]`` as an attribute string accepted by ``parse_attrs``."""
    return "[" + " ".join("[%s %s]" % (_quote_for_input(n), format_value(v)) for n, v in pairs) + "]"
