"""AdminTask argument parsing (wsadmin-semantics.md §5.1), in two phases.

1. ``tokenize(text)`` / ``tokenize_list(values, names)``: a generic tree of ``Tok`` leaves (str
   subclasses that remember whether they were quoted) and nested Python lists.
2. ``bind(nodes, signature)``: walks the tree with the command's declared parameters and steps and
   produces raw values (``str``, ``list`` of ``str``, rows, step dicts); ``coerce(parsed, signature)``
   then converts them to Python types (Boolean -> bool, Integer/Long -> int), fills defaults and
   checks required parameters.

``parse_args(args, signature)`` does the target/parameter split of the positional arguments plus
phases 1 and 2 and returns ``ParsedArgs(target, params, steps)`` with raw values.

Every message text the parser and the command framework raise is in the table below.
"""

import re

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import CommandValidationException, ScriptingException
from harness.config import brackets

__all__ = [
    "Param",
    "ParsedArgs",
    "Signature",
    "Step",
    "Tok",
    "bind",
    "coerce",
    "parse_args",
    "tokenize",
    "tokenize_list",
]

# --------------------------------------------------------------------------------------------------
# Messages.  [U] all of them (semantics §8 item 3): ADMF0002E's text is remembered from the field,
# WASX8009E is known to be the syntax-error id (text reconstructed), the rest are reconstructions.
# --------------------------------------------------------------------------------------------------
SYNTAX_UNTERMINATED_QUOTE = "closing quote %s not found"
SYNTAX_MISSING_CLOSE = 'expected "]" not found'
SYNTAX_UNEXPECTED_CLOSE = 'unexpected "]"'
SYNTAX_VALUE_WITHOUT_NAME = 'value "%s" is not preceded by a parameter name'
SYNTAX_STEP_VALUE = 'step "%s" needs a bracketed value'
SYNTAX_NESTED_LIST = 'parameter "%s" does not accept nested lists'
SYNTAX_BAD_ROW = 'step "%s": every row of the table must be a bracketed list of values'

# CommandValidationException
# [U] Jython's wording for a Java method called with too many arguments (TypeError).
MSG_TOO_MANY_ARGS = "%s(): expected 0-2 args; got %d"
MSG_BAD_ARG_TYPE = "%s(): expected a string or a list, got %s"

# [U] a single string argument is the target object unless it starts with "-" or "[" (or the command
# takes no target).
PARAM_STRING_PREFIXES = ("-", "[")
# [U] single quotes group like double quotes (seen in the wild, §5.1).
QUOTE_CHARS = "\"'"
# [U] a Boolean parameter given with an explicit empty value ("") is treated as not given, and so is
# "" for Integer/Long; a String parameter keeps "".
EMPTY_NON_STRING_IS_UNSET = True
# [U] a repeated parameter: the last occurrence wins.
LAST_DUPLICATE_WINS = True

_NAME_RE = re.compile(r"^-[A-Za-z_][\w.]*$")
_WS = brackets.WHITESPACE


class Tok(str):
    """A leaf of the argument tree.  ``kind``: 'word' (unquoted), 'quoted', or 'literal' (a whole
    list-form element).  Only 'word' and 'literal' tokens can be parameter names."""

    kind = "word"

    def __new__(cls, text, kind="word"):
        self = str.__new__(cls, text)
        self.kind = kind
        return self

    def __repr__(self):
        return "Tok(%s, %r)" % (str.__repr__(self), self.kind)


_SYNTAX_DETAIL = {
    brackets.UNEXPECTED_CLOSE: SYNTAX_UNEXPECTED_CLOSE,
    brackets.UNTERMINATED_QUOTE: SYNTAX_UNTERMINATED_QUOTE,
    brackets.MISSING_CLOSE: SYNTAX_MISSING_CLOSE,
}


def _syntax(text, detail):
    return ScriptingException(M.TASK_SYNTAX % (text, detail))


def _lex_error(text, reason, quote):
    detail = _SYNTAX_DETAIL[reason]
    return _syntax(text, detail % quote if quote else detail)


# --------------------------------------------------------------------------------------------------
# Phase 1: tokenizer
# --------------------------------------------------------------------------------------------------


def tokenize(text):
    """Tokenize an AdminTask parameter string into nested lists of ``Tok``.

    The lexical rules are ``harness.config.brackets``'s with both ``"`` and ``'`` as quotes (QUOTE_CHARS):
    whitespace separates; ``[``/``]`` nest; a token starting with a quote runs to the matching quote
    (``\\<quote>`` is a literal quote [U]; ``""`` is the empty string); text glued to a closing quote is
    appended to the token [U]; quotes inside an unquoted token are ordinary characters.
    """
    return brackets.parse(
        text,
        QUOTE_CHARS,
        lambda token, quoted: Tok(token, "quoted" if quoted else "word"),
        lambda reason, quote: _lex_error(text, reason, quote),
    )


def _is_name(node, names=None):
    """A name-like token: unquoted ``-word``; with ``names``, also declared."""
    if not isinstance(node, Tok) or node.kind == "quoted" or not _NAME_RE.match(node):
        return False
    return names is None or node[1:] in names


def _scalar_text(obj):
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    return obj if isinstance(obj, str) else str(obj)


def tokenize_list(values, names=None, scalars=()):
    """Tokenize the Jython list form (``['-p1', 'v1', '-bus name', ['-step', 'x']]``).

    Each string element is one ``literal`` token, except that an element which itself holds several
    tokens is tokenized and spliced in (§5.1: ``['-bus %s' % name]`` works) when it starts with ``[``
    or with a parameter name (declared in ``names`` when given).  So ``['-description', 'A new bus']``
    keeps its value, and ``['-genericJvmArguments', '-Xms256m -Xmx512m']`` too (``-Xms256m`` is not a
    declared name).  The element after the name of a scalar parameter (``scalars``) is its value as it
    is (wsadmin_semantics.LIST_FORM_VALUE_IS_LITERAL): ``['-password', '[a b]']`` gives ``[a b]``.
    Nested lists become nested lists; numbers/bools are converted to text.
    """
    out = []
    value_next = False
    for element in values:
        if isinstance(element, (list, tuple)):
            out.append(tokenize_list(element, names, scalars))
            value_next = False
            continue
        s = _scalar_text(element)
        stripped = s.strip()
        if value_next and not (_NAME_RE.match(s) and (names is None or s[1:] in names)):
            out.append(Tok(s, "literal"))
            value_next = False
            continue
        value_next = S.LIST_FORM_VALUE_IS_LITERAL and _NAME_RE.match(s) is not None and s[1:] in scalars
        multi = any(c in _WS or c in "[]\"'" for c in stripped)
        if multi and stripped.startswith("["):
            out.extend(tokenize(s))
            continue
        if multi and stripped.startswith("-"):
            first = tokenize(s)
            if first and _is_name(first[0], names):
                out.extend(first)
                continue
        out.append(Tok(s, "literal"))
    return out


# --------------------------------------------------------------------------------------------------
# Signatures
# --------------------------------------------------------------------------------------------------

_INT_RANGES = {
    "integer": (-(2**31), 2**31 - 1),
    "int": (-(2**31), 2**31 - 1),
    "long": (-(2**63), 2**63 - 1),
    "short": (-(2**15), 2**15 - 1),
}
_BOOL_TYPES = ("boolean",)
_FLOAT_TYPES = ("float", "double")


class Param:
    """A declared parameter.  ``type``: 'String', 'Integer', 'Long', 'Boolean', 'Float', 'Double',
    'ObjectName' (any other name is treated like String), with suffix '[]' for a list and '[][]' for
    a table (list of rows)."""

    def __init__(self, name, type="String", required=False, default=None, description=""):
        self.name = name
        self.type = type
        self.required = required
        self.default = default
        self.description = description

    @property
    def base_type(self):
        t = self.type
        while t.endswith("[]"):
            t = t[:-2]
        return t

    @property
    def is_table(self):
        return self.type.endswith("[][]")

    @property
    def is_list(self):
        return self.type.endswith("[]") and not self.is_table

    @property
    def is_boolean(self):
        return self.base_type.lower() in _BOOL_TYPES and not self.type.endswith("[]")

    def __repr__(self):
        return "Param(%r, %r)" % (self.name, self.type)


class Step:
    """A declared step.  With ``table=True`` its value is a table ``[[c1 c2 ...] [...]]`` (rows of
    strings, e.g. MapRolesToUsers); otherwise it is a bracketed parameter list bound against
    ``params``.  ``columns`` (names) are only used by help."""

    def __init__(self, name, params=(), table=False, columns=(), required=False, description=""):
        self.name = name
        self.params = list(params)
        self.table = table
        self.columns = list(columns)
        self.required = required
        self.description = description

    def __repr__(self):
        return "Step(%r)" % (self.name,)


class Signature:
    """What the binder needs to know about a command."""

    def __init__(self, name, params=(), steps=(), target=None):
        if target not in (None, "required", "optional"):
            raise ValueError("target must be None, 'required' or 'optional'")
        self.name = name
        self.params = list(params)
        self.steps = list(steps)
        self.target = target
        self._params = {p.name: p for p in self.params}
        self._steps = {s.name: s for s in self.steps}
        clash = set(self._params) & set(self._steps)
        if clash or len(self._params) != len(self.params) or len(self._steps) != len(self.steps):
            raise ValueError("duplicate parameter/step names in %s" % name)

    def param(self, name):
        return self._params.get(name)

    def step(self, name):
        return self._steps.get(name)

    @property
    def names(self):
        return set(self._params) | set(self._steps)


class ParsedArgs:
    def __init__(self, target=None, params=None, steps=None):
        self.target = target
        self.params = params if params is not None else {}
        self.steps = steps if steps is not None else {}

    def __eq__(self, other):
        return isinstance(other, ParsedArgs) and (self.target, self.params, self.steps) == (
            other.target,
            other.params,
            other.steps,
        )

    def __repr__(self):
        return "ParsedArgs(target=%r, params=%r, steps=%r)" % (self.target, self.params, self.steps)


# --------------------------------------------------------------------------------------------------
# Phase 2: binder
# --------------------------------------------------------------------------------------------------


def _render(node):
    """A node as text: a list is rendered with its brackets (used for nested lists in a scalar)."""
    if isinstance(node, list):
        return "[" + " ".join(_render(x) for x in node) + "]"
    return str(node)


def _value_for(node, param, source):
    if isinstance(node, list):
        if param.is_table:
            if node and all(not isinstance(x, list) for x in node):
                node = [node]  # [U] a single flat row given without the outer brackets
            rows = []
            for row in node:
                if not isinstance(row, list) or any(isinstance(x, list) for x in row):
                    raise _syntax(source, SYNTAX_NESTED_LIST % param.name)
                rows.append([str(x) for x in row])
            return rows
        if param.is_list:
            if any(isinstance(x, list) for x in node):
                raise _syntax(source, SYNTAX_NESTED_LIST % param.name)
            return [str(x) for x in node]
        # -description [A new bus] -> 'A new bus'
        return " ".join(_render(x) for x in node)
    text = str(node)
    if param.is_table:
        return [] if text == "" else [[text]]
    if param.is_list:
        return [] if text == "" else [text]  # [U] a scalar for a list parameter is a one-item list
    return text


def _step_value(node, step, sig, source):
    if not isinstance(node, list):
        raise _syntax(source, SYNTAX_STEP_VALUE % step.name)
    if step.table:
        if node and all(not isinstance(x, list) for x in node):
            node = [node]  # [U] a single row given without the outer brackets
        rows = []
        for row in node:
            if not isinstance(row, list) or any(isinstance(x, list) for x in row):
                raise _syntax(source, SYNTAX_BAD_ROW % step.name)
            rows.append([str(x) for x in row])
        return rows
    sub = Signature(sig.name, step.params)
    params, _ = _bind(node, sub, source)
    return params


def _bind(nodes, sig, source):
    params, steps = {}, {}
    names = sig.names
    i, n = 0, len(nodes)
    while i < n:
        node = nodes[i]
        if not _is_name(node):
            raise _syntax(source, SYNTAX_VALUE_WITHOUT_NAME % _render(node))
        name = node[1:]
        step = sig.step(name)
        param = sig.param(name)
        if step is not None:
            if i + 1 >= n:
                raise _syntax(source, SYNTAX_STEP_VALUE % name)
            steps[name] = _step_value(nodes[i + 1], step, sig, source)
            i += 2
            continue
        if param is None:
            raise CommandValidationException(M.TASK_INVALID_PARAM % (name, sig.name))
        nxt = nodes[i + 1] if i + 1 < n else None
        if param.is_boolean:
            no_value = nxt is None or _is_name(nxt)
        else:
            no_value = nxt is None or _is_name(nxt, names)
        if no_value:
            # -all -> 'true' (Boolean flag); -enabledCiphers ] -> '' (trailing empty value)
            if param.is_boolean:
                raw = "true"
            elif param.is_list or param.is_table:
                raw = []
            else:
                raw = ""
            i += 1
        else:
            raw = _value_for(nxt, param, source)
            i += 2
        if name in params and not LAST_DUPLICATE_WINS:
            continue
        params[name] = raw
    return params, steps


def bind(nodes, signature, source=""):
    """Bind a token tree to a signature: returns ``(params, steps)`` with raw (string) values.

    A tree that is exactly one bracketed list (``[-p1 v1 -p2 v2]``) is unwrapped first.
    """
    if len(nodes) == 1 and isinstance(nodes[0], list):
        nodes = nodes[0]
    return _bind(nodes, signature, source)


def _params_tree(arg, signature):
    if isinstance(arg, (list, tuple)):
        scalars = {p.name for p in signature.params if not (p.is_boolean or p.is_list or p.is_table)}
        return tokenize_list(arg, signature.names, scalars), repr(list(arg))
    return tokenize(arg), arg


def _check_arg(arg, signature):
    if not isinstance(arg, (str, list, tuple)):
        raise TypeError(MSG_BAD_ARG_TYPE % (signature.name, type(arg).__name__))


def parse_args(args, signature):
    """Split the positional arguments of an AdminTask call and bind them.

    ``()`` -> nothing; ``(params,)`` where params is a list, or a string that starts with ``-``/``[``
    (or any string when the command takes no target) -> parameters; any other single string -> the
    target; ``(target, params)`` -> both.  The target is passed through verbatim (quoted config IDs
    keep their quotes; ``harness.config.configid.parse_id`` accepts them).
    """
    args = tuple(args)
    if len(args) > 2:
        raise TypeError(MSG_TOO_MANY_ARGS % (signature.name, len(args)))
    for a in args:
        _check_arg(a, signature)
    target, params_arg = None, None
    if len(args) == 1:
        a = args[0]
        if (
            isinstance(a, str)
            and signature.target is not None
            and not a.lstrip().startswith(PARAM_STRING_PREFIXES)
            and a.strip() != ""
        ):
            target = a
        else:
            params_arg = a
    elif len(args) == 2:
        target, params_arg = args
        if not isinstance(target, str):
            raise TypeError(MSG_BAD_ARG_TYPE % (signature.name, type(target).__name__))
    if target is not None and signature.target is None:
        raise CommandValidationException(M.TASK_TARGET_NOT_ALLOWED % signature.name)
    params, steps = {}, {}
    if params_arg is not None:
        nodes, source = _params_tree(params_arg, signature)
        params, steps = bind(nodes, signature, source)
    return ParsedArgs(target, params, steps)


# --------------------------------------------------------------------------------------------------
# Type conversion, defaults, required checks
# --------------------------------------------------------------------------------------------------


def _convert_scalar(text, param, command):
    base = param.base_type.lower()
    if base in _BOOL_TYPES:
        low = text.lower()
        if low == "true":
            return True
        if low == "false":
            return False
        raise CommandValidationException(M.TASK_BAD_VALUE % (text, param.name, command, param.base_type))
    if base in _INT_RANGES:
        lo, hi = _INT_RANGES[base]
        try:
            v = int(text.strip(), 10)
        except ValueError:
            raise CommandValidationException(M.TASK_BAD_VALUE % (text, param.name, command, param.base_type))
        if not lo <= v <= hi:
            raise CommandValidationException(M.TASK_BAD_VALUE % (text, param.name, command, param.base_type))
        return v
    if base in _FLOAT_TYPES:
        try:
            return float(text)
        except ValueError:
            raise CommandValidationException(M.TASK_BAD_VALUE % (text, param.name, command, param.base_type))
    return text


def _is_string_type(param):
    return param.base_type.lower() not in _BOOL_TYPES + _FLOAT_TYPES + tuple(_INT_RANGES)


def _convert(raw, param, command):
    if param.is_table:
        return [list(r) for r in raw]
    if param.is_list:
        return [_convert_scalar(x, param, command) for x in raw]
    if raw == "" and EMPTY_NON_STRING_IS_UNSET and not _is_string_type(param):
        return None
    return _convert_scalar(raw, param, command)


def _default(param, command):
    d = param.default
    if isinstance(d, str) and not param.is_list and not param.is_table:
        return _convert(d, param, command)
    if isinstance(d, (list, tuple)):
        return list(d)
    return d


def _coerce_params(raw, declared, command):
    out = {}
    for p in declared:
        v = _convert(raw[p.name], p, command) if p.name in raw else None
        if v is None:
            v = _default(p, command)
        if v is None and p.required:
            raise CommandValidationException(M.TASK_REQUIRED_PARAM % (p.name, command))
        out[p.name] = v
    return out


def coerce(parsed, signature):
    """Typed values for the command function: one dict holding every declared parameter (``None``
    when absent and without default) and every declared step (``None`` when absent; a dict of typed
    step parameters, or a list of rows for a table step).  Checks the target mode and required
    parameters/steps."""
    name = signature.name
    if signature.target == "required" and parsed.target is None:
        raise CommandValidationException(M.TASK_TARGET_REQUIRED % name)
    values = _coerce_params(parsed.params, signature.params, name)
    for step in signature.steps:
        if step.name not in parsed.steps:
            if step.required:
                raise CommandValidationException(M.TASK_REQUIRED_STEP % (step.name, name))
            values[step.name] = None
        elif step.table:
            values[step.name] = [list(r) for r in parsed.steps[step.name]]
        else:
            values[step.name] = _coerce_params(parsed.steps[step.name], step.params, name)
    return values
