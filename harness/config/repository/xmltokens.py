"""Byte spans of an XML document, for byte-preserving rewrites.

``tokenize(text)`` scans the document text (already decoded) once and returns the
nodes *inside and including* the root element in document order, which is the
order of ``root.iter()`` in lxml (elements, comments, processing instructions and
unexpanded entity references).  Every node carries offsets into ``text``; start
tags carry the raw text of each attribute so that unchanged attributes can be
copied verbatim and changed ones rewritten in place.

This is not a validating parser: lxml decides whether a document is well formed.
The tokenizer only has to agree with lxml on well-formed input.
"""

import re

__all__ = ["PREDEFINED_ENTITIES", "Attr", "Node", "TokenizeError", "tokenize"]

PREDEFINED_ENTITIES = frozenset(["amp", "lt", "gt", "quot", "apos"])

_NEXT = re.compile(r"[<&]")
_NAME = re.compile(r"<([^\s/>]+)")
_ATTR = re.compile(r"""(\s+)([^\s=/>"']+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')""")
_TAG_CLOSE = re.compile(r"\s*(/?)>")
_END_TAG = re.compile(r"</([^\s>]+)\s*>")
_ENTITY_REF = re.compile(r"&([^#;\s&<][^;\s&<]*);")


class TokenizeError(ValueError):
    pass


class Attr:
    """One attribute (or namespace declaration) of a start tag.

    ``text[ws_start:end]`` is its raw text including the whitespace in front of it;
    ``text[ws_start:name_end]`` is whitespace plus name; ``value`` is the raw
    (still escaped) value between the quotes.
    """

    __slots__ = ("end", "name", "name_end", "quote", "value", "value_end", "value_start", "ws_start")

    def __init__(self, name, value, quote, ws_start, name_end, value_start, value_end, end):
        self.name = name
        self.value = value
        self.quote = quote
        self.ws_start = ws_start
        self.name_end = name_end
        self.value_start = value_start
        self.value_end = value_end
        self.end = end

    @property
    def is_xmlns(self):
        return self.name == "xmlns" or self.name.startswith("xmlns:")

    def __repr__(self):
        return f"Attr({self.name}={self.value!r} @{self.ws_start})"


class Node:
    """A node of the document.

    kind: 'element', 'comment', 'pi' or 'entity'.
    start/end: the start tag for elements (``text[start:end]``), the whole node otherwise.
    For elements: ``name`` (raw qualified name), ``name_end``, ``attrs`` (list of Attr),
    ``attrs_end`` (offset after the last attribute, where new attributes are inserted),
    ``self_closing``, ``close_start``/``close_end`` (the end tag; equal to ``end`` when
    self-closing), ``children`` (child nodes in order) and ``parent``.
    """

    __slots__ = (
        "attrs",
        "attrs_end",
        "children",
        "close_end",
        "close_start",
        "end",
        "kind",
        "name",
        "name_end",
        "parent",
        "self_closing",
        "start",
    )

    def __init__(self, kind, start, end, parent=None):
        self.kind = kind
        self.start = start
        self.end = end
        self.parent = parent
        self.name = None
        self.name_end = end
        self.attrs = []
        self.attrs_end = end
        self.self_closing = False
        self.close_start = end
        self.close_end = end
        self.children = []

    @property
    def outer_end(self):
        return self.close_end if self.kind == "element" else self.end

    @property
    def content_start(self):
        """Offset where the text before the first child starts."""
        return self.end

    @property
    def content_end(self):
        return self.close_start

    def __repr__(self):
        return f"Node({self.kind} {self.name} {self.start}-{self.outer_end})"


def _line(text, pos):
    return text.count("\n", 0, pos) + 1


def _skip_doctype(text, pos):
    """pos points at '<!DOCTYPE'; return the offset after its closing '>'."""
    i = pos + 9
    n = len(text)
    depth = 0
    while i < n:
        c = text[i]
        if c in "\"'":
            j = text.find(c, i + 1)
            if j < 0:
                break
            i = j + 1
            continue
        if depth and text.startswith("<!--", i):
            j = text.find("-->", i + 4)
            if j < 0:
                break
            i = j + 3
            continue
        if depth and text.startswith("<?", i):
            j = text.find("?>", i + 2)
            if j < 0:
                break
            i = j + 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == ">" and depth <= 0:
            return i + 1
        i += 1
    raise TokenizeError(f"unterminated DOCTYPE at line {_line(text, pos)}")


def _skip_to(text, pos, marker, what):
    j = text.find(marker, pos)
    if j < 0:
        raise TokenizeError(f"unterminated {what} at line {_line(text, pos)}")
    return j + len(marker)


def _start_tag(text, pos, parent):
    m = _NAME.match(text, pos)
    if not m:
        raise TokenizeError(f"bad start tag at line {_line(text, pos)}")
    node = Node("element", pos, pos, parent)
    node.name = m.group(1)
    node.name_end = i = m.end()
    attrs = node.attrs
    while True:
        am = _ATTR.match(text, i)
        if am:
            dq = am.group(4)
            if dq is not None:
                value, quote, vstart, vend = dq, '"', am.start(4), am.end(4)
            else:
                value, quote, vstart, vend = am.group(5), "'", am.start(5), am.end(5)
            attrs.append(Attr(am.group(2), value, quote, am.start(1), am.end(2), vstart, vend, am.end()))
            i = am.end()
            continue
        cm = _TAG_CLOSE.match(text, i)
        if not cm:
            raise TokenizeError(f"bad start tag <{node.name} at line {_line(text, pos)}")
        node.attrs_end = i
        node.end = cm.end()
        node.self_closing = bool(cm.group(1))
        if node.self_closing:
            node.close_start = node.close_end = node.end
        return node


def tokenize(text):
    """Return (root, nodes): the root element Node and all nodes of the root subtree in document order."""
    nodes = []
    stack = []
    root = None
    pos = 0
    n = len(text)
    while pos < n:
        m = _NEXT.search(text, pos)
        if not m:
            break
        i = m.start()
        if text[i] == "&":
            em = _ENTITY_REF.match(text, i)
            if stack and em and em.group(1) not in PREDEFINED_ENTITIES:
                node = Node("entity", i, em.end(), stack[-1])
                stack[-1].children.append(node)
                nodes.append(node)
                pos = em.end()
            else:
                pos = i + 1
            continue
        if text.startswith("<!--", i):
            end = _skip_to(text, i + 4, "-->", "comment")
            if stack:
                node = Node("comment", i, end, stack[-1])
                stack[-1].children.append(node)
                nodes.append(node)
            pos = end
        elif text.startswith("<![CDATA[", i):
            pos = _skip_to(text, i + 9, "]]>", "CDATA section")
        elif text.startswith("<?", i):
            end = _skip_to(text, i + 2, "?>", "processing instruction")
            if stack:
                node = Node("pi", i, end, stack[-1])
                stack[-1].children.append(node)
                nodes.append(node)
            pos = end
        elif text.startswith("<!", i):
            if stack or root is not None:
                raise TokenizeError(f"unexpected markup declaration at line {_line(text, i)}")
            pos = _skip_doctype(text, i)
        elif text.startswith("</", i):
            em = _END_TAG.match(text, i)
            if not em or not stack or stack[-1].name != em.group(1):
                raise TokenizeError(f"mismatched end tag at line {_line(text, i)}")
            node = stack.pop()
            node.close_start = i
            node.close_end = pos = em.end()
        else:
            if not stack and root is not None:
                raise TokenizeError(f"content after the root element at line {_line(text, i)}")
            node = _start_tag(text, i, stack[-1] if stack else None)
            if stack:
                stack[-1].children.append(node)
            else:
                root = node
            nodes.append(node)
            pos = node.end
            if not node.self_closing:
                stack.append(node)
    if stack:
        raise TokenizeError(f"unclosed element <{stack[-1].name}>")
    if root is None:
        raise TokenizeError("no root element")
    return root, nodes
