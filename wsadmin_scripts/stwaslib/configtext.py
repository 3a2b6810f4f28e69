"""Reading what AdminConfig returns: config ids, line-separated lists, `[a b]` lists and show/showall text.

Only the formats of wsadmin-semantics.md are relied on:
  - a config id is `name(docDir|docFile#xmiId)`, wrapped in double quotes when it contains whitespace (1.1, 1.3);
    AdminTask.listServers gives `name(docDir|server.xml)`, the document without the fragment;
  - list/getid return one string, entries separated by the line separator (2.1);
  - showAttribute of a list returns `[id1 id2 ...]`, items with spaces quoted (3.1, 3.3);
  - show/showall return `[name value]` lines, nested objects as `[[a b] [c d]]`, lists of objects as
    `[[[a b]] [[a c]]]`, strings with spaces quoted, empty values `[]` (3.1, 3.2; the WAS 6 quoted-nested form
    `"[[a b]]"` is accepted too).
Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

from stwaslib.compat import contains, is_list

try:  # Jython 2.1 and 2.7
    _unicode = unicode  # noqa: F821
except NameError:  # CPython 3
    _unicode = str
_STR = type("")


def text(value):
    """A scripting-object result as a plain str (Jython 2.7 returns unicode); non-ASCII stays unicode there."""
    if value is None:
        return None
    if type(value) is _STR:
        return value
    try:
        return str(value)
    except UnicodeError:
        return _unicode(value)


def lines(value):
    """Split a line-separated wsadmin result into non-empty, stripped entries ('' -> [])."""
    value = text(value)
    if not value:
        return []
    out = []
    for ln in value.splitlines():
        ln = ln.strip()
        if ln:
            out.append(ln)
    return out


def parse_id(cid):
    """(display name, document directory, document file, xmi:id) of `name(docDir|docFile#xmiId)`, optionally in
    double quotes; None when it is not one. The parenthesised part holds no parentheses; the directory no '|', the
    file no '|' or '#'. AdminTask.listServers names a server by its document alone, `name(docDir|server.xml)`:
    xmi:id None."""
    s = cid
    if s[:1] == '"':
        s = s[1:]
    if s[-1:] == '"':
        s = s[:-1]
    if s[-1:] != ")":
        return None
    i = s.rfind("(")
    if i < 0:
        return None
    inner = s[i + 1 : -1]
    bar = inner.find("|")
    if contains(inner, ")") or bar < 0:
        return None
    rest = inner[bar + 1 :]
    hash_at = rest.find("#")
    if hash_at < 0:
        if not rest or contains(rest, "|"):
            return None
        return s[:i], inner[:bar], rest, None
    if contains(rest[:hash_at], "|"):
        return None
    return s[:i], inner[:bar], rest[:hash_at], rest[hash_at + 1 :]


class ConfigId:
    """The parts of a config id: display name, document directory, document file, xmi:id."""

    def __init__(self, cid):
        self.id = text(cid).strip()
        parts = parse_id(self.id)
        if parts is None:
            raise ValueError("not a configuration id: '%s'" % (self.id,))
        self.name, self.doc_dir, self.doc_file, self.xmi_id = parts

    def path_value(self, kind):
        """The segment after `kind` in the document directory: path_value('nodes') -> node name."""
        parts = self.doc_dir.split("/")
        for i in range(len(parts) - 1):
            if parts[i] == kind:
                return parts[i + 1]
        return None

    def __repr__(self):
        return "ConfigId('%s')" % (self.id,)


def split_id_list(value):
    """`[id1 "id 2" id3]` (showAttribute of a list) -> ['id1', 'id 2', 'id3']; '' / None / '[]' -> []."""
    value = text(value)
    if not value:
        return []
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    out = []
    i, n = 0, len(value)
    while i < n:
        c = value[i]
        if c.isspace():
            i += 1
            continue
        if c == '"':
            j = value.find('"', i + 1)
            if j < 0:
                j = n
            out.append(value[i + 1 : j])
            i = j + 1
            continue
        # an unquoted id runs to the closing parenthesis of its (doc|file#id) part
        j = value.find("#", i)
        if j < 0:
            j = i
        j = value.find(")", j)
        if j < 0:
            j = n - 1
        k = j + 1
        while k < n and not value[k].isspace():
            k += 1
        out.append(value[i:k])
        i = k
    return out


def _tokens(s):
    """'[' and ']', ('"', quoted text) and ('a', bare word) tokens of show/showall text."""
    out = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isspace():
            i = i + 1
        elif c == "[" or c == "]":
            out.append(c)
            i = i + 1
        elif c == '"':
            j = s.find('"', i + 1)
            if j < 0:
                j = n
            out.append(('"', s[i + 1 : j]))
            i = j + 1
        else:
            j = i
            while j < n and not s[j].isspace() and s[j] != "[" and s[j] != "]":
                j = j + 1
            out.append(("a", s[i:j]))
            i = j
    return out


def parse_brackets(s):
    """Parse show/showall text into nested Python lists of strings (top level: a list of items)."""
    stack = [[]]
    for tok in _tokens(text(s) or ""):
        if tok == "[":
            stack.append([])
        elif tok == "]":
            if len(stack) > 1:
                done = stack.pop()
                stack[-1].append(done)
        else:
            kind, val = tok
            if kind == '"' and val[:1] == "[" and val[-1:] == "]":
                stack[-1].extend(parse_brackets(val))  # WAS 6 quoted nested block
            else:
                stack[-1].append(val)
    while len(stack) > 1:
        done = stack.pop()
        stack[-1].append(done)
    return stack[0]


def _is_record(v):
    return is_list(v) and len(v) > 0 and is_list(v[0]) and len(v[0]) > 0 and not is_list(v[0][0])


def record(items):
    """A list of `[name value]` pairs -> dict name -> value (string, nested list or '' for `[]`)."""
    out = {}
    for pair in items:
        if not is_list(pair) or not pair or is_list(pair[0]):
            continue
        if len(pair) == 1:
            val = ""
        elif len(pair) == 2:
            val = pair[1]
        else:
            val = " ".join([p for p in pair[1:] if not is_list(p)])
        if is_list(val) and len(val) == 0:
            val = ""
        out[pair[0]] = val
    return out


def records(value):
    """A value holding one contained object or a list of them -> list of dicts."""
    if not value or not is_list(value):
        return []
    if _is_record(value):
        return [record(value)]
    return [record(v) for v in value if is_list(v)]


def parse_show(s):
    """show/showall text -> dict (see record)."""
    return record(parse_brackets(s))


def scalar(value):
    """A parsed value as a string ('' for empty / nested)."""
    if value is None or is_list(value):
        return ""
    return value
