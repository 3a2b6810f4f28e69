"""AdminConfig attribute input: the string form and the Jython list form (wsadmin-semantics.md §3.4).

``parse_attrs(value)`` turns the ``attrs`` argument of ``create`` / ``modify`` / ``createUsingTemplate``
into a list of ``(name, value)`` tuples without looking at any metamodel.  THE attribute-input value shape
(the one ``harness.config.configedit`` works on, and the one AdminTask commands hand it) is plain Python:

- a ``str``: a single value (list-form numbers and booleans already converted to text);
- a non-empty ``list`` of ``(name, value)`` *tuples*: one nested object, a bracketed list whose every
  element is ``[name value]`` (duplicate names kept, in input order);
- a ``list`` of values: any other bracketed list (a list of objects, of strings or IDs, and ``[]``,
  which means "empty list" / "clear").

Tuples mark pairs and lists mark brackets, so the two lists never look alike.  The caller decides what a
value means from the attribute's type (a reading of ``[[a b] [c d]]`` as an object or as rows is its call).

String-form lexical rules: ``harness.config.brackets`` with ``"`` as the only quote character (whitespace
separates, ``[``/``]`` nest, ``\\"`` is a literal quote inside quotes [U]); every other backslash is literal
[V: the list-form doubling quirk shows the parser does not collapse ``\\\\``]; ``(``, ``)``, ``|``, ``#``,
``,``, ``;``, ``=`` ... are ordinary characters, so unquoted config IDs are single tokens; IDs with spaces
arrive quoted.
"""

from harness.base import messages as M
from harness.base.errors import ScriptingException
from harness.config import brackets

__all__ = ["LIST_FORM_DOUBLES_BACKSLASH", "parse_attrs"]

# §3.4 quirk [V IBM doc]: wsadmin converts the Jython list form to its string representation before
# parsing it, so every backslash in a list-form string comes out doubled (value 'c\d' is stored as
# 'c\\d').  Strings given in the string form are taken verbatim.  Flip this to False to model a
# wsadmin that does not have the quirk.
LIST_FORM_DOUBLES_BACKSLASH = True

# [U] message ids/texts of attribute-string syntax errors: harness/base/messages.py (ATTR_*).
_SYNTAX_MESSAGES = {
    brackets.UNEXPECTED_CLOSE: M.ATTR_UNEXPECTED_CLOSE,
    brackets.UNTERMINATED_QUOTE: M.ATTR_UNTERMINATED_QUOTE,
    brackets.MISSING_CLOSE: M.ATTR_EXPECTED_CLOSE,
}


def parse_attrs(value):
    """Parse AdminConfig attribute input into ``[(name, value), ...]`` in the shape above.

    ``value``: the string form, the list form (list/tuple of ``[name, value]``), ``''`` or ``[]``
    (no attributes), or ``None`` (treated like ``[]`` [U]).  Syntax errors raise ScriptingException.
    """
    if value is None:
        return []
    if isinstance(value, str):
        return _parse_string(value)
    if isinstance(value, (list, tuple)):
        return _parse_list(value)
    raise ScriptingException(M.ATTR_BAD_INPUT_TYPE % (value,))


# --------------------------------------------------------------------------------------------------
# String form
# --------------------------------------------------------------------------------------------------


def _parse_string(text):
    # the bracket tree: str leaves and Python lists for brackets
    nodes = brackets.parse(
        text, '"', lambda token, _quoted: token, lambda reason, _quote: ScriptingException(_SYNTAX_MESSAGES[reason] % text)
    )
    if not nodes:
        return []
    top = nodes[0]
    if not isinstance(top, list):
        raise ScriptingException(M.ATTR_EXPECTED_OPEN % text)
    if len(nodes) > 1:
        raise ScriptingException(M.ATTR_TRAILING_TEXT % " ".join(_render(x) for x in nodes[1:]))
    for element in top:
        if not _is_pair_node(element):
            raise ScriptingException(M.ATTR_BAD_PAIR % _render(element))
    return [(element[0], _classify(element[1])) for element in top]


def _is_pair_node(node):
    return isinstance(node, list) and len(node) == 2 and isinstance(node[0], str)


def _classify(node):
    if isinstance(node, str):
        return node
    if node and all(_is_pair_node(e) for e in node):
        return [(e[0], _classify(e[1])) for e in node]
    return [_classify(e) for e in node]


# --------------------------------------------------------------------------------------------------
# List form
# --------------------------------------------------------------------------------------------------


def _parse_list(value):
    dbl = LIST_FORM_DOUBLES_BACKSLASH
    for element in value:
        if not _is_py_pair(element):
            raise ScriptingException(M.ATTR_BAD_PAIR % _render(_from_python(element, False)))
    return [(_text(element[0], dbl), _from_python(element[1], dbl)) for element in value]


def _is_py_pair(e):
    return isinstance(e, (list, tuple)) and len(e) == 2 and isinstance(e[0], str)


def _from_python(obj, double_backslash):
    """One list-form value (str, number, bool, list, tuple) in the shape above."""
    if isinstance(obj, (list, tuple)):
        if obj and all(_is_py_pair(e) for e in obj):
            return [(_text(e[0], double_backslash), _from_python(e[1], double_backslash)) for e in obj]
        return [_from_python(e, double_backslash) for e in obj]
    return _text(obj, double_backslash)


def _text(obj, double_backslash):
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    s = obj if isinstance(obj, str) else str(obj)
    if double_backslash:
        s = s.replace("\\", "\\\\")
    return s


# --------------------------------------------------------------------------------------------------
# Rendering, for the error messages: a value (or a bracket node) back in the string form
# --------------------------------------------------------------------------------------------------


def _render(v):
    if isinstance(v, str):
        return _quote_for_input(v)
    return "[" + " ".join(_render(x) for x in v) + "]"


def _quote_for_input(s):
    if s == "":
        return '""'
    if any(c.isspace() for c in s) or "[" in s or "]" in s or s.startswith('"'):
        return '"%s"' % s.replace('"', '\\"')
    return s
