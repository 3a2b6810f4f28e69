"""Start tags of an XML document, read as text (no re, no XML parser on Jython 2.1's wsadmin).

    for tag in start_tags(text, 'userRegistries'):
        tag.get('serverId')                  # unescaped attribute value, or None
        tag.attr('port')                     # (name, raw value, value start, value end) for an edit in place

Enough for the documents the jobs read or patch (security.xml, wimconfig.xml, stavconfig.xml, application
bindings): start tags outside comments, CDATA sections, processing instructions and the doctype, attributes in
double or single quotes. Tag and attribute names may carry a prefix (`config:repositories`); `name` is the part
after the colon.
"""

from stwaslib.compat import is_word_char

_WHITESPACE = " \t\r\n"
_SKIPPED = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">"))
_ENTITIES = (
    ("&quot;", '"'),
    ("&apos;", "'"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&#xA;", "\n"),
    ("&#xD;", "\r"),
    ("&#x9;", "\t"),
    ("&#10;", "\n"),
    ("&#13;", "\r"),
    ("&#9;", "\t"),
    ("&amp;", "&"),
)


def _is_name_start(c):
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or c == "_"


def _is_name_char(c):
    return is_word_char(c) or c == "." or c == ":" or c == "-"


def unescape(value):
    """The text of an attribute value (the five XML entities and the character references WebSphere writes)."""
    if value is None or value.find("&") < 0:
        return value
    for entity, char in _ENTITIES:
        value = value.replace(entity, char)
    return value


class Tag:
    """One start tag: qname (as written), name (without prefix), attrs [(name, raw value, start, end)] with the
    value's offsets in the document, start and end offsets of the whole tag."""

    def __init__(self, qname, attrs, start, end):
        self.qname = qname
        self.name = qname.split(":")[-1]
        self.attrs = attrs
        self.start = start
        self.end = end

    def attr(self, name):
        for a in self.attrs:
            if a[0] == name:
                return a
        return None

    def get(self, name, default=None):
        a = self.attr(name)
        if a is None:
            return default
        return unescape(a[1])

    def values(self):
        """{attribute name: unescaped value}."""
        out = {}
        for a in self.attrs:
            out[a[0]] = unescape(a[1])
        return out


def _name_end(text, i):
    j = i
    while j < len(text) and _is_name_char(text[j]):
        j = j + 1
    return j


def _attributes(text, start, end):
    """[(name, value, value start, value end)] of the attributes between start and end."""
    out = []
    p = start
    while p < end - 1:
        if _WHITESPACE.find(text[p]) < 0 or not _is_name_start(text[p + 1]):
            p = p + 1
            continue
        name_end = _name_end(text, p + 1)
        q = name_end
        while q < end and _WHITESPACE.find(text[q]) >= 0:
            q = q + 1
        if q >= end or text[q] != "=":
            p = p + 1
            continue
        q = q + 1
        while q < end and _WHITESPACE.find(text[q]) >= 0:
            q = q + 1
        if q >= end or (text[q] != '"' and text[q] != "'"):
            p = p + 1
            continue
        close = text.find(text[q], q + 1)
        if close < 0 or close >= end:
            p = p + 1
            continue
        out.append((text[p + 1 : name_end], text[q + 1 : close], q + 1, close))
        p = close + 1
    return out


def start_tags(text, name=None):
    """Every start tag of text in document order (only those whose name, without prefix, is name)."""
    out = []
    i = 0
    while 1:
        i = text.find("<", i)
        if i < 0:
            return out
        skipped = 0
        for opening, closing in _SKIPPED:
            if text[i : i + len(opening)] == opening:
                j = text.find(closing, i + len(opening))
                if j < 0:
                    return out
                i = j + len(closing)
                skipped = 1
                break
        if skipped:
            continue
        if not _is_name_start(text[i + 1 : i + 2]):
            i = i + 1
            continue
        name_end = _name_end(text, i + 1)
        close = text.find(">", name_end)
        other = text.find("<", name_end)
        if close < 0:
            return out
        if 0 <= other < close:  # not a tag: '<' inside it
            i = i + 1
            continue
        tag = Tag(text[i + 1 : name_end], _attributes(text, name_end, close), i, close + 1)
        if name is None or tag.name == name:
            out.append(tag)
        i = close + 1


def element_content(text, tag):
    """The text between a start tag and its end tag (the first `</qname>` after it), or None."""
    j = text.find("</%s>" % tag.qname, tag.end)
    if j < 0:
        return None
    return text[tag.end : j]
