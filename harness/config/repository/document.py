"""One XML document of the configuration repository.

The document is read once (``original_bytes``), parsed lazily with a safe lxml parser
and changed only through the mutation API below, which records what changed.
``serialize()`` returns the original bytes when nothing changed; otherwise every
untouched element is copied verbatim from the original text, a changed start tag keeps
the raw text of its unchanged attributes, and new elements are written the way EMF
writes them (2-space indentation, one element per line, attributes on one line, ``/>``).

The original text is tokenized (``xmltokens``) only when the document is first
mutated, so read-only documents cost one lxml parse.
"""

import hashlib
import os
import re

from lxml import etree

from harness.base import messages as M
from harness.base.errors import AmbiguousObjectError, MalformedDocumentError
from harness.config.repository import xmltokens

__all__ = ["XMI_NS", "Document", "escape_attr", "escape_text", "make_parser"]

XMI_NS = "http://www.omg.org/XMI"
XMI_ID = "{%s}id" % XMI_NS
XML_NS = "http://www.w3.org/XML/1998/namespace"
_XMLNS_NS = "http://www.w3.org/2000/xmlns/"

_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

_ATTR_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#xA;", "\r": "&#xD;", "\t": "&#x9;"}
_ATTR_ESCAPE_RE = re.compile(r'[&<>"\n\r\t]')
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#xD;"}
_TEXT_ESCAPE_RE = re.compile(r"[&<>\r]")


def escape_attr(value):
    """EMF's escaping of an attribute value (hex character references for whitespace)."""
    return _ATTR_ESCAPE_RE.sub(lambda m: _ATTR_ESCAPES[m.group(0)], value)


def escape_text(value):
    """Escaping of element text."""
    return _TEXT_ESCAPE_RE.sub(lambda m: _TEXT_ESCAPES[m.group(0)], value)


def make_parser():
    """A parser that never fetches, loads or expands anything external."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        dtd_validation=False,
        attribute_defaults=False,
    )


def _kind(node):
    if isinstance(node, etree._Comment):
        return "comment"
    if isinstance(node, etree._ProcessingInstruction):
        return "pi"
    if isinstance(node, etree._Entity):
        return "entity"
    return "element"


_REF_RE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_REF_NAMES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _ref(m):
    r = m.group(1)
    if r.startswith("#x"):
        return chr(int("0" + r[1:], 0))  # "#xA" -> "0xA"
    if r.startswith("#"):
        return chr(int(r[1:]))
    return _REF_NAMES[r]


def _decode(raw, attr):
    """The value lxml gives for raw attribute/text content, or None if it cannot be told here."""
    if attr:
        raw = raw.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    elif "<" in raw or "\r" in raw:
        return None
    if "&" not in raw:
        return raw
    out = _REF_RE.sub(_ref, raw)
    if "&" in _REF_RE.sub("", raw):
        return None
    return out


def _is_blank(s):
    return s is None or not s.strip()


def _indent(depth):
    return "\n" + "  " * depth


class _Info:
    """What the pristine document looked like for one lxml node."""

    __slots__ = ("attr_keys", "orig_attrs", "orig_tail", "orig_text", "raw_tail", "raw_text", "tok")

    def __init__(self, tok):
        self.tok = tok
        self.attr_keys = None
        self.orig_attrs = None
        self.orig_text = None
        self.raw_text = None
        self.orig_tail = None
        self.raw_tail = None


class Document:
    """A repository document at ``root_dir/uri``, or read through ``tree`` (harness.config.repository.tree: a
    directory, or a plan's source under its overlay): ``tree.read(uri)``, ``tree.describe(uri)``."""

    # Mutations of any document in this process: what is indexed from documents (harness.scripting.admintask.cellfacts) is still
    # valid while this number and the repository's generation are unchanged.
    mutations = 0

    def __init__(self, root_dir, uri, tree=None):
        self.root_dir = os.path.abspath(root_dir) if tree is None else root_dir
        self.uri = uri.replace(os.sep, "/").lstrip("/")
        self._tree_ref = tree
        self.path = tree.describe(self.uri) if tree is not None else os.path.join(self.root_dir, *self.uri.split("/"))
        self.docdir, _, self.filename = self.uri.rpartition("/")
        self.is_new = False
        self.version = 0  # mutations of this document (what is indexed from its tree is valid while equal)
        self._clear()

    def _clear(self):
        self.original_bytes = None
        self.digest = None  # sha256 of the bytes read from disk (None: not read, or not from disk)
        self.encoding = "utf-8"
        self.newline = "\n"  # how new lines are written: as the document's first line ends
        self._duplicates = None  # xmi:id -> [elements] for ids that occur more than once (see _prepare)
        self._tree = None
        self._text = None
        self._root_tok = None
        self._info = None
        self._dirty = set()
        self._collapse = set()
        self._list_memory = {}  # (element, tag) -> primitive list as first read (see set_text_list)
        self._ns_extra = {}  # prefix -> uri declared through ensure_namespace
        self._ns_pending = []  # (prefix, uri) not yet in the original root start tag

    def __repr__(self):
        return f"Document({self.uri!r})"

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_bytes(cls, root_dir, uri, data, tree=None):
        """A document that is not on disk yet (or replaces it), with the given content."""
        doc = cls(root_dir, uri, tree)
        doc._set_original(bytes(data), False)
        doc._parse()
        doc.is_new = True
        doc._prepare()  # so that direct lxml changes of the new root are still noticed by serialize()
        return doc

    @classmethod
    def new(cls, root_dir, uri, root_tag_qname, nsmap_ordered, attrs, xmi_wrapper=False, tree=None):
        """A new XMI document holding one object (``root_tag_qname`` with ``attrs``).

        ``nsmap_ordered``: ordered (prefix, uri) pairs or a dict; ``xmlns:xmi`` is always declared first.
        ``attrs``: ordered (name, value) pairs or a dict; names are ``prefix:local``, ``{uri}local`` or plain;
        None values are left out. With ``xmi_wrapper`` the object sits inside ``<xmi:XMI xmi:version="2.0">``
        (``root_tag_qname`` None gives an empty wrapper).
        """
        pairs = list(nsmap_ordered.items()) if isinstance(nsmap_ordered, dict) else list(nsmap_ordered or ())
        ns = [("xmi", XMI_NS)] + [(p, u) for p, u in pairs if p != "xmi"]
        by_uri = {}
        for p, u in ns:
            by_uri.setdefault(u, p)

        def qname(name):
            if name.startswith("{"):
                u, _, local = name[1:].partition("}")
                if u == XML_NS:
                    return "xml:" + local
                if u not in by_uri:
                    raise ValueError(f"namespace {u} is not declared for the new document {uri}")
                return f"{by_uri[u]}:{local}" if by_uri[u] else local
            return name

        decls = "".join(f' xmlns:{p}="{escape_attr(u)}"' for p, u in ns)
        items = attrs.items() if isinstance(attrs, dict) else (attrs or ())
        attr_text = "".join(f' {qname(k)}="{escape_attr(str(v))}"' for k, v in items if v is not None)
        if not xmi_wrapper:
            body = f'<{qname(root_tag_qname)} xmi:version="2.0"{decls}{attr_text}/>\n'
        elif root_tag_qname:
            body = f'<xmi:XMI xmi:version="2.0"{decls}>\n  <{qname(root_tag_qname)}{attr_text}/>\n</xmi:XMI>\n'
        else:
            body = f'<xmi:XMI xmi:version="2.0"{decls}/>\n'
        data = ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")
        return cls.from_bytes(root_dir, uri, data, tree)

    # ------------------------------------------------------------------ loading
    @property
    def loaded(self):
        return self._tree is not None

    @property
    def tree(self):
        if self._tree is None:
            self._load()
        return self._tree

    @property
    def root(self):
        return self.tree.getroot()

    def _set_original(self, data, from_disk):
        self.original_bytes = data
        first = data.find(b"\n")
        self.newline = "\r\n" if first > 0 and data[first - 1 : first] == b"\r" else "\n"
        m = _ENCODING_RE.match(data)
        self.encoding = m.group(1).decode("ascii").lower() if m else "utf-8"
        try:
            "".encode(self.encoding)
        except LookupError:
            self.encoding = "utf-8"
        self.digest = hashlib.sha256(data).hexdigest() if from_disk else None
        self._text = None
        self._root_tok = None
        self._info = None

    def _read(self):
        if self._tree_ref is not None:
            return self._tree_ref.read(self.uri)
        with open(self.path, "rb") as f:
            return f.read()

    def _load(self):
        self._set_original(self._read(), True)
        self._parse()

    def _parse(self):
        try:
            root = etree.fromstring(self.original_bytes, make_parser())
        except etree.XMLSyntaxError as e:
            line = e.lineno if e.lineno is not None else (e.position[0] if e.position else 0)
            msg = (e.msg or str(e)).replace("\r", " ").replace("\n", " ").strip()
            raise MalformedDocumentError(f"{self.path}:{line}: {msg}")
        self._tree = root.getroottree()

    @property
    def text(self):
        """The original document as str."""
        if self._text is None:
            if self.original_bytes is None:
                self._load()
            self._text = self.original_bytes.decode(self.encoding)
        return self._text

    # ------------------------------------------------------------------ namespaces and names
    def prefixes(self):
        """prefix -> uri for the namespaces declared on the root (plus ensure_namespace ones)."""
        m = {p: u for p, u in self.root.nsmap.items() if p is not None}
        m.update(self._ns_extra)
        return m

    def _uri_prefixes(self):
        out = {}
        root = self.root
        for p, u in root.nsmap.items():
            if p is not None:
                out.setdefault(u, p)
        for p, u in self._ns_extra.items():
            out.setdefault(u, p)
        return out

    def _resolve(self, name):
        """'prefix:local' or '{uri}local' or 'local' -> lxml (Clark) name."""
        if name.startswith("{") or ":" not in name:
            return name
        p, _, local = name.partition(":")
        if p == "xml":
            return f"{{{XML_NS}}}{local}"
        uri = self.prefixes().get(p)
        if uri is None:
            raise ValueError(f"namespace prefix {p!r} is not declared in {self.uri}")
        return f"{{{uri}}}{local}"

    def _qname(self, key, attr):
        if not key.startswith("{"):
            return key
        uri, _, local = key[1:].partition("}")
        if uri == XML_NS:
            return "xml:" + local
        p = self._uri_prefixes().get(uri)
        if p is None:
            if not attr and self.root.nsmap.get(None) == uri:
                return local
            raise ValueError(f"namespace {uri} is not declared in {self.uri} (use ensure_namespace)")
        return f"{p}:{local}"

    def make_element(self, tag, attrs=None):
        """A new element for this document. tag/attr names: 'prefix:local', '{uri}local' or plain.

        ``attrs`` is an ordered list of (name, value) pairs (or a dict); None values are skipped.
        """
        key = self._resolve(tag)
        self._qname(key, False)  # fails early for undeclared namespaces
        nsmap = dict(self.prefixes())
        el = etree.Element(key, nsmap=nsmap)
        items = attrs.items() if isinstance(attrs, dict) else (attrs or ())
        for k, v in items:
            if v is not None:
                ak = self._resolve(k)
                self._qname(ak, True)
                el.set(ak, str(v))
        return el

    # ------------------------------------------------------------------ span map
    def _prepare(self):
        """Record the pristine state (spans, values) before the first mutation (every mutation calls this)."""
        Document.mutations += 1
        self.version += 1
        if self._info is not None:
            return
        root = self.root
        text = self.text
        try:
            root_tok, toks = xmltokens.tokenize(text)
        except xmltokens.TokenizeError as e:
            raise MalformedDocumentError(f"{self.path}:0: {e}")
        nodes = list(root.iter())
        if len(nodes) != len(toks):
            raise MalformedDocumentError(f"{self.path}:0: tokenizer found {len(toks)} nodes, lxml {len(nodes)}")
        prefixes = self.prefixes()
        info = {}
        ids = {}
        for n, tok in zip(nodes, toks):
            kind = _kind(n)
            if kind != tok.kind:
                line = text.count("\n", 0, tok.start) + 1
                raise MalformedDocumentError(f"{self.path}:{line}: tokenizer out of step ({tok.kind} vs {kind})")
            i = _Info(tok)
            info[n] = i
            if kind != "element":
                continue
            xmiid = n.get(XMI_ID)
            if xmiid is not None:
                ids.setdefault(xmiid, []).append(n)
            if tok.name.rpartition(":")[2] != etree.QName(n).localname:
                line = text.count("\n", 0, tok.start) + 1
                raise MalformedDocumentError(f"{self.path}:{line}: tokenizer out of step (<{tok.name}> vs {n.tag})")
            cur = dict(n.attrib)
            orig = {}
            keys = []
            for a in tok.attrs:
                if a.is_xmlns:
                    keys.append(None)
                    continue
                name = a.name
                if ":" in name:
                    p, _, local = name.partition(":")
                    if p == "xml":
                        uri = XML_NS
                    else:
                        uri = prefixes.get(p) or n.nsmap.get(p)
                    name = f"{{{uri}}}{local}"
                value = _decode(a.value, True)
                if value is None:
                    value = cur.get(name)
                if value != cur.get(name):
                    self._dirty.add(n)  # changed directly in lxml before the first API mutation
                orig[name] = value
                keys.append(name)
            i.attr_keys = keys
            i.orig_attrs = orig
            if set(cur) - set(orig):
                self._dirty.add(n)
            i.orig_text = n.text
            if not tok.self_closing:
                first = tok.children[0].start if tok.children else tok.close_start
                i.raw_text = text[tok.end : first]
                value = _decode(i.raw_text, False)
                if value is not None and value != (n.text or ""):
                    i.orig_text = value
                    self._dirty.add(n)
            elif n.text:
                self._dirty.add(n)
            if len(n) != len(tok.children):
                self._dirty.add(n)
        for n, tok in zip(nodes, toks):
            if tok.kind != "element" or not tok.children:
                continue
            kids = tok.children
            for idx, child in enumerate(n):
                if idx >= len(kids):
                    break
                ci = info[child]
                end = kids[idx + 1].start if idx + 1 < len(kids) else tok.close_start
                ci.raw_tail = text[kids[idx].outer_end : end]
                ci.orig_tail = child.tail
                value = _decode(ci.raw_tail, False)
                if value is not None and value != (child.tail or ""):
                    ci.orig_tail = value
                    self._dirty.add(n)
        self._root_tok = root_tok
        self._info = info
        self._duplicates = {k: v for k, v in ids.items() if len(v) > 1}

    def _editable(self, el):
        """Refuse to change an object whose xmi:id is not unique here: which one the caller meant is unknown."""
        xmiid = el.get(XMI_ID) if self._duplicates else None
        if xmiid is not None and xmiid in self._duplicates:
            places = " and ".join("%s:%s" % (self.path, e.sourceline) for e in self._duplicates[xmiid])
            raise AmbiguousObjectError(M.AMBIGUOUS_OBJECT % (xmiid, places))

    # ------------------------------------------------------------------ state
    @property
    def changed(self):
        return bool(self.is_new or self._dirty or self._ns_pending)

    def touch(self, el):
        """Mark el as changed (its start tag and content are rebuilt; the bytes stay the same if nothing differs)."""
        self._prepare()
        self._dirty.add(el)

    def reset(self):
        """Forget the parsed tree and every change; the next access reads the file again."""
        self.is_new = False
        self._clear()

    def disk_changed(self):
        """True if the file on disk is no longer what this document was read from (by content digest: a
        rewrite of the same size within one timestamp tick is a change too)."""
        try:
            data = self._read()
        except FileNotFoundError:
            return self.digest is not None
        except OSError:
            return True
        if self.digest is None:
            return self.is_new
        return hashlib.sha256(data).hexdigest() != self.digest

    # ------------------------------------------------------------------ mutations
    def set_attr(self, el, name, value):
        """Set (value str) or remove (value None) an attribute. Returns True if something changed."""
        key = self._resolve(name)
        if key == "xmlns" or key.startswith(("xmlns:", f"{{{_XMLNS_NS}}}")):
            raise ValueError("namespace declarations are changed with ensure_namespace")
        if value is not None and not isinstance(value, str):
            value = str(value)
        cur = el.get(key)
        if cur == value:
            return False
        if value is not None:
            self._qname(key, True)
        self._prepare()
        self._editable(el)
        if value is None:
            del el.attrib[key]
        else:
            el.set(key, value)
        self._dirty.add(el)
        return True

    def set_text_list(self, el, tag, values, index=None):
        """Replace the primitive list held as repeated <tag>text</tag> children. Returns True if changed.

        index: lxml position for the first item when the list is empty (default: the end).
        A list set back to the values it had when the document was read gets its original elements
        and whitespace back, so clear-then-set (wsadmin's way to replace a list) leaves no trace.
        """
        key = self._resolve(tag)
        values = ["" if v is None else str(v) for v in values]
        items = [c for c in el if c.tag == key]
        if [c.text or "" for c in items] == values:
            return False
        self._prepare()
        self._editable(el)
        memory = self._list_memory
        snap = memory.get((el, key))
        if snap is None:
            snap = (list(el), el.text, [c.tail for c in el], items, [c.text for c in items])
            memory[(el, key)] = snap
        elif self._restore_list(el, key, values, snap):
            return True
        for c, v in zip(items, values):
            if (c.text or "") != v:
                c.text = v
                self._dirty.add(c)
        for c in items[len(values) :]:
            self.remove(c)
        if len(values) > len(items):
            pos = el.index(items[-1]) + 1 if items else (len(el) if index is None else min(index, len(el)))
            for v in values[len(items) :]:
                new = self.make_element(key)
                new.text = v
                self.insert_child(el, pos, new)
                pos += 1
        return True

    def _restore_list(self, el, key, values, snap):
        children, text, tails, items, texts = snap
        if values != [t or "" for t in texts]:
            return False
        if [c for c in el if c.tag != key] != [c for c in children if c.tag != key]:
            return False
        for c in list(el):
            el.remove(c)
        el.text = text
        for c, t in zip(children, tails):
            c.tail = t
            el.append(c)
        for c, t in zip(items, texts):
            c.text = t
            self._dirty.discard(c)
        self._collapse.discard(el)
        self._dirty.add(el)
        return True

    def append_child(self, parent, el):
        self.insert_child(parent, None, el)

    def insert_child(self, parent, index, el):
        """Insert el at lxml position index among parent's child nodes, as ``parent.insert(index, el)``
        (None or past the end: append)."""
        if el.getparent() is not None:
            raise ValueError("element is already in a document; remove it first")
        self._prepare()
        self._editable(parent)
        depth = sum(1 for _ in parent.iterancestors())
        self._canonicalize(el, depth + 1)
        n = len(parent)
        if index is not None and index < 0:
            index = max(0, n + index)
        if n == 0:
            if _is_blank(parent.text):
                parent.text = _indent(depth + 1)
            el.tail = _indent(depth)
            parent.append(el)
        elif index is None or index >= n:
            last = parent[-1]
            if _is_blank(last.tail):
                el.tail = last.tail if last.tail else _indent(depth)
                last.tail = _indent(depth + 1)
            else:
                el.tail = _indent(depth)
            parent.append(el)
        else:
            el.tail = _indent(depth + 1)
            parent.insert(index, el)
        self._collapse.discard(parent)
        self._dirty.add(parent)

    def _canonicalize(self, el, depth):
        """EMF whitespace inside a new subtree (elements that were not in the original document)."""
        if self._info is not None and el in self._info:
            return
        kids = list(el)
        if not kids:
            return
        if _is_blank(el.text):
            el.text = _indent(depth + 1)
        for i, c in enumerate(kids):
            if _is_blank(c.tail):
                c.tail = _indent(depth + 1) if i + 1 < len(kids) else _indent(depth)
            if isinstance(c.tag, str):
                self._canonicalize(c, depth + 1)

    def remove(self, el):
        """Remove el and its subtree; the remaining siblings keep their indentation."""
        parent = el.getparent()
        if parent is None:
            raise ValueError(f"cannot remove the root element of {self.uri}")
        self._prepare()
        self._editable(el)
        prev = el.getprevious()
        tail = el.tail
        if el.getnext() is None:
            # el was last: the whitespace before it becomes the indentation of the end tag
            if prev is not None:
                if _is_blank(prev.tail):
                    prev.tail = tail
            elif _is_blank(parent.text):
                parent.text = tail
        elif not _is_blank(tail):
            # mixed content: keep the text
            if prev is not None:
                prev.tail = (prev.tail or "") + tail.strip()
            else:
                parent.text = (parent.text or "") + tail.strip()
        parent.remove(el)
        if len(parent) == 0 and _is_blank(parent.text):
            parent.text = None
            self._collapse.add(parent)
        self._dirty.add(parent)

    def ensure_namespace(self, prefix, uri):
        """Declare xmlns:prefix=uri on the root unless it is declared. Returns True if added."""
        have = self.prefixes().get(prefix)
        if have == uri:
            return False
        if have is not None:
            raise ValueError(f"prefix {prefix} is already bound to {have} in {self.uri}")
        self._prepare()
        self._ns_extra[prefix] = uri
        self._ns_pending.append((prefix, uri))
        self._dirty.add(self.root)
        return True

    # ------------------------------------------------------------------ serialization
    def serialize(self):
        """The document as bytes: the original bytes if nothing changed, else a minimal rewrite."""
        if self.original_bytes is None:
            self._load()
        if self._info is not None:
            self._sweep()
        if not self._dirty and not self._ns_pending:
            return self.original_bytes
        self._prepare()
        hot = set()
        for el in self._dirty:
            while el is not None and el not in hot:
                hot.add(el)
                el = el.getparent()
        text = self.text
        root_tok = self._root_tok
        out = [text[: root_tok.start]]
        self._emit(self.root, out, hot)
        out.append(text[root_tok.close_end :])
        return "".join(out).encode(self.encoding, "xmlcharrefreplace")

    def _sweep(self):
        """Notice changes made directly through lxml after the span map was taken (safety net)."""
        info = self._info
        dirty = self._dirty
        for el in self.root.iter():
            i = info.get(el)
            if i is None:
                parent = el.getparent()
                if parent is not None and parent not in dirty and parent in info:
                    dirty.add(parent)
                continue
            if i.tok.kind != "element" or el in dirty:
                continue
            if dict(el.attrib) != i.orig_attrs or (el.text or "") != (i.orig_text or "") or len(el) != len(i.tok.children):
                dirty.add(el)
                continue
            for c in el:
                ci = info.get(c)
                if ci is None or (c.tail or "") != (ci.orig_tail or ""):
                    dirty.add(el)
                    break

    def _piece(self, cur, orig, raw):
        if raw is not None and cur == orig:
            return raw
        return self._new_text(cur) if cur else ""

    def _new_text(self, value):
        """Text or whitespace that is not copied from the original: escaped, lines ended as the document's."""
        out = escape_text(value)
        return out.replace("\n", self.newline) if self.newline != "\n" else out

    def _emit(self, node, out, hot):
        info = self._info.get(node)
        if info is not None and node not in hot:
            tok = info.tok
            out.append(self._text[tok.start : tok.outer_end])
            return
        if not isinstance(node.tag, str):
            out.append(etree.tostring(node, with_tail=False, encoding="unicode"))
            return
        if info is None:
            self._emit_new(node, out, hot)
            return
        tok = info.tok
        text = self._text
        has_content = len(node) > 0 or bool(node.text)
        if tok.self_closing:
            open_ = has_content
        else:
            open_ = has_content or node not in self._collapse
        # start tag
        out.append(text[tok.start : tok.name_end])
        pieces = []
        seen = set()
        for a, key in zip(tok.attrs, info.attr_keys):
            if key is None:
                pieces.append((a.name, text[a.ws_start : a.end]))
                continue
            seen.add(key)
            cur = node.get(key)
            if cur is None:
                continue
            if cur == info.orig_attrs.get(key):
                pieces.append((a.name, text[a.ws_start : a.end]))
            else:
                pieces.append((a.name, f'{text[a.ws_start : a.name_end]}="{escape_attr(cur)}"'))
        if node is self.root and self._ns_pending:
            self._insert_ns(pieces)
        out.extend(p for _, p in pieces)
        for key, value in node.attrib.items():
            if key not in seen:
                out.append(f' {self._qname(key, True)}="{escape_attr(value)}"')
        close = text[tok.attrs_end : tok.end]
        if tok.self_closing and open_:
            close = close[:-2] + ">"
        elif not tok.self_closing and not open_:
            close = close[:-1] + "/>"
        out.append(close)
        if not open_:
            return
        out.append(self._piece(node.text, info.orig_text, info.raw_text))
        for child in node:
            self._emit(child, out, hot)
            ci = self._info.get(child)
            if ci is not None:
                out.append(self._piece(child.tail, ci.orig_tail, ci.raw_tail))
            elif child.tail:
                out.append(self._new_text(child.tail))
        if tok.self_closing:
            out.append(f"</{tok.name}>")
        else:
            out.append(text[tok.close_start : tok.close_end])

    def _insert_ns(self, pieces):
        for prefix, uri in sorted(self._ns_pending):
            decl = f' xmlns:{prefix}="{escape_attr(uri)}"'
            pos = None
            last_ns = None
            for i, (name, _) in enumerate(pieces):
                if name.startswith("xmlns:"):
                    last_ns = i
                    p = name[6:]
                    if p != "xmi" and p > prefix and pos is None:
                        pos = i
            if pos is None:
                pos = last_ns + 1 if last_ns is not None else len(pieces)
            pieces.insert(pos, ("xmlns:" + prefix, decl))

    def _emit_new(self, node, out, hot):
        qn = self._qname(node.tag, False)
        out.append("<" + qn)
        for key, value in node.attrib.items():
            out.append(f' {self._qname(key, True)}="{escape_attr(value)}"')
        if len(node) == 0 and node.text is None:
            out.append("/>")
            return
        out.append(">")
        if node.text:
            out.append(self._new_text(node.text))
        for child in node:
            self._emit(child, out, hot)
            if child.tail:
                out.append(self._new_text(child.tail))
        out.append(f"</{qn}>")
