"""Reading what AdminConfig returns: config ids, line-separated lists, `[a b]` lists and show/showall text.

Only the formats of wsadmin-semantics.md are relied on:
  - a config id is `name(docDir|docFile#xmiId)`, wrapped in double quotes when it contains whitespace (1.1, 1.3);
  - list/getid return one string, entries separated by the line separator (2.1);
  - showAttribute of a list returns `[id1 id2 ...]`, items with spaces quoted (3.1, 3.3);
  - show/showall return `[name value]` lines, nested objects as `[[a b] [c d]]`, lists of objects as
    `[[[a b]] [[a c]]]`, strings with spaces quoted, empty values `[]` (3.1, 3.2; the WAS 6 quoted-nested form
    `"[[a b]]"` is accepted too).
Common subset of Python 2.7 (Jython) and 3.
"""

import re

try:  # Python 2 / Jython 2.7
    _unicode = unicode  # noqa: F821
except NameError:  # Python 3
    _unicode = str


def text(value):
    """A scripting-object result as a plain str (Jython 2.7 returns unicode); non-ASCII stays unicode there."""
    if value is None:
        return None
    if isinstance(value, str):
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


_ID_RE = re.compile(r'^"?(.*)\(([^()|]*)\|([^()|#]*)#([^()]*)\)"?$')


class ConfigId(object):
    """The parts of a config id: display name, document directory, document file, xmi:id."""

    def __init__(self, cid):
        self.id = text(cid).strip()
        m = _ID_RE.match(self.id)
        if not m:
            raise ValueError('not a configuration id: %r' % (self.id,))
        self.name, self.doc_dir, self.doc_file, self.xmi_id = m.group(1), m.group(2), m.group(3), m.group(4)

    def path_value(self, kind):
        """The segment after `kind` in the document directory: path_value('nodes') -> node name."""
        parts = self.doc_dir.split('/')
        for i in range(len(parts) - 1):
            if parts[i] == kind:
                return parts[i + 1]
        return None

    def __repr__(self):
        return 'ConfigId(%r)' % (self.id,)


def split_id_list(value):
    """`[id1 "id 2" id3]` (showAttribute of a list) -> ['id1', 'id 2', 'id3']; '' / None / '[]' -> []."""
    value = text(value)
    if not value:
        return []
    value = value.strip()
    if value.startswith('[') and value.endswith(']'):
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
            out.append(value[i + 1:j])
            i = j + 1
            continue
        # an unquoted id runs to the closing parenthesis of its (doc|file#id) part
        j = value.find('#', i)
        j = value.find(')', j if j >= 0 else i)
        if j < 0:
            j = n - 1
        k = j + 1
        while k < n and not value[k].isspace():
            k += 1
        out.append(value[i:k])
        i = k
    return out


def _tokens(s):
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
        elif c == '[' or c == ']':
            yield c
            i += 1
        elif c == '"':
            j = s.find('"', i + 1)
            if j < 0:
                j = n
            yield ('"', s[i + 1:j])
            i = j + 1
        else:
            j = i
            while j < n and not s[j].isspace() and s[j] not in '[]':
                j += 1
            yield ('a', s[i:j])
            i = j


def parse_brackets(s):
    """Parse show/showall text into nested Python lists of strings (top level: a list of items)."""
    stack = [[]]
    for tok in _tokens(text(s) or ''):
        if tok == '[':
            stack.append([])
        elif tok == ']':
            if len(stack) > 1:
                done = stack.pop()
                stack[-1].append(done)
        else:
            kind, val = tok
            if kind == '"' and val.startswith('[') and val.endswith(']'):
                stack[-1].extend(parse_brackets(val))  # WAS 6 quoted nested block
            else:
                stack[-1].append(val)
    while len(stack) > 1:
        done = stack.pop()
        stack[-1].append(done)
    return stack[0]


def _is_record(v):
    return isinstance(v, list) and len(v) > 0 and isinstance(v[0], list) and len(v[0]) > 0 \
        and not isinstance(v[0][0], list)


def record(items):
    """A list of `[name value]` pairs -> dict name -> value (string, nested list or '' for `[]`)."""
    out = {}
    for pair in items:
        if not isinstance(pair, list) or not pair or isinstance(pair[0], list):
            continue
        if len(pair) == 1:
            val = ''
        elif len(pair) == 2:
            val = pair[1]
        else:
            val = ' '.join([p for p in pair[1:] if not isinstance(p, list)])
        if isinstance(val, list) and len(val) == 0:
            val = ''
        out[pair[0]] = val
    return out


def records(value):
    """A value holding one contained object or a list of them -> list of dicts."""
    if not value or not isinstance(value, list):
        return []
    if _is_record(value):
        return [record(value)]
    return [record(v) for v in value if isinstance(v, list)]


def parse_show(s):
    """show/showall text -> dict (see record)."""
    return record(parse_brackets(s))


def scalar(value):
    """A parsed value as a string ('' for empty / nested)."""
    if value is None or isinstance(value, list):
        return ''
    return value
