"""Changing configuration objects: modify, create, remove, unset (wsadmin-semantics.md §3.4-3.7).

Attribute input arrives in the one value shape documented in ``harness.config.attrinput``: a value is a
string, a non-empty list of (name, value) tuples (one nested object), or a list of values. Every change goes
through the Document API so unchanged bytes stay unchanged, and a value equal to the current one
(or to the model default when the attribute is absent) changes nothing.
"""

import copy

from lxml import etree

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import InvalidAttributeException, InvalidConfigDataTypeException, ScriptingException
from harness.config import xorcodec
from harness.config.configid import looks_like_id, parse_id
from harness.config.repository.repository import MAIN_DOCUMENTS, OWN_DIRECTORY, XMI_ID, XMI_TYPE, XMI_WRAPPER, Obj, localname


def is_pairs(v):
    """One nested object in attrinput's shape."""
    return isinstance(v, list) and len(v) > 0 and all(isinstance(x, tuple) and len(x) == 2 for x in v)


def is_list_of_pairs(v):
    return isinstance(v, list) and all(is_pairs(x) or x == [] for x in v) and len(v) > 0


def flatten_strings(v, split_semicolon=True):
    """A primitive or reference list value as a list of strings."""
    if isinstance(v, list):
        out = []
        for x in v:
            out.extend(flatten_strings(x, split_semicolon=False) if isinstance(x, list) else [str(x)])
        return out
    s = str(v)
    if s == "":
        return []
    if split_semicolon and ";" in s:
        return [p for p in s.split(";")]
    return [s]


class Editor(object):
    def __init__(self, repo):
        self.repo = repo
        self.mm = repo.mm

    # ------------------------------------------------------------- checks
    def feature(self, typename, name):
        f = self.mm.feature(typename, name)
        if f is None:
            raise InvalidAttributeException(M.INVALID_ATTRIBUTES % (typename, name))
        return f

    def check_scalar(self, typename, f, value):
        v = value
        if isinstance(v, bool):
            v = "true" if v else "false"
        v = str(v)
        t = f.type
        if t in ("int", "long", "Integer", "short", "Long", "Short"):
            try:
                int(v.strip())
            except ValueError:
                raise ScriptingException(M.BAD_NUMBER % v)
            v = v.strip()
        elif t in ("boolean", "Boolean"):
            if v.lower() not in ("true", "false"):
                raise ScriptingException(M.BAD_ENUM % (v, f.name, typename, "true, false"))
            v = v.lower()
        elif t == "ENUM" and f.values:
            if v not in f.values:
                raise ScriptingException(M.BAD_ENUM % (v, f.name, typename, ", ".join(f.values)))
        return v

    # ------------------------------------------------------------- modify
    def modify(self, obj, attrs, replace_lists=False):
        """Apply parsed attributes to an existing object; lists append unless replace_lists."""
        # validate everything first so a bad attribute changes nothing
        for name, _v in attrs:
            self.feature(obj.type, name)
            if (obj.type, name) in S.READ_ONLY_ATTRIBUTES and obj.elem.get(name) != str(_v):
                raise ScriptingException(M.READ_ONLY_ATTRIBUTE % (name, obj.type))
        for name, value in attrs:
            self.set_feature(obj, self.feature(obj.type, name), value, replace_lists)

    def set_feature(self, obj, f, value, replace_lists=False):
        doc, el = obj.doc, obj.elem
        kind = f.kind
        if kind == "attr":
            if isinstance(value, list):
                if value == []:
                    value = ""
                else:
                    raise ScriptingException(M.INVALID_ATTRIBUTES % (obj.type, f.name))
            v = self.check_scalar(obj.type, f, value)
            if f.password and S.ENCODE_PASSWORDS and v and not v.lower().startswith("{xor}"):
                v = xorcodec.encode(v)
            current = el.get(f.name)
            if current is None and S.DEFAULT_VALUE_IS_UNSET and f.default is not None and v == f.default:
                return
            doc.set_attr(el, f.name, v)
        elif kind == "list":
            new = flatten_strings(value)
            cur = [c.text or "" for c in el if localname(c.tag) == f.name]
            if value == [] or value == "":
                new_list = []
            elif replace_lists:
                new_list = new
            else:
                new_list = cur + new
            doc.set_text_list(el, f.name, new_list, self.insert_index(obj, f))
        elif kind in ("ref", "reflist"):
            targets = [self.resolve_target(t) for t in self.ref_tokens(value)]
            tokens = [self.repo.ref_token(doc, t) for t in targets]
            if kind == "ref":
                if not tokens:
                    doc.set_attr(el, f.name, None)
                else:
                    doc.set_attr(el, f.name, tokens[-1])
            else:
                cur = (el.get(f.name) or "").split()
                if value == [] or value == "":
                    new_tokens = []
                elif replace_lists:
                    new_tokens = tokens
                else:
                    new_tokens = cur + [t for t in tokens if t not in cur]
                doc.set_attr(el, f.name, " ".join(new_tokens) if new_tokens else None)
        elif kind == "child":
            existing = [c for c in el if isinstance(c.tag, str) and localname(c.tag) == f.name]
            if value == [] or value == "":
                return
            if isinstance(value, str) and looks_like_id(value):
                raise ScriptingException(M.INVALID_ATTRIBUTES % (obj.type, f.name))
            if not is_pairs(value):
                raise ScriptingException(M.INVALID_ATTRIBUTES % (obj.type, f.name))
            if existing:
                self.modify(self.repo.obj(doc, existing[0]), value, replace_lists)
            else:
                self.add_child(obj, f, self.concrete_type(f, value), value)
        elif kind == "children":
            if value == [] or value == "":
                for c in [c for c in el if isinstance(c.tag, str) and localname(c.tag) == f.name]:
                    self.repo.forget_element(doc, c)
                    doc.remove(c)
                return
            items = value if is_list_of_pairs(value) else ([value] if is_pairs(value) else None)
            if items is None:
                raise ScriptingException(M.INVALID_ATTRIBUTES % (obj.type, f.name))
            if replace_lists:
                self.set_feature(obj, f, [], True)
            for item in items:
                self.add_child(obj, f, self.concrete_type(f, item), item)

    def ref_tokens(self, value):
        """The targets of a reference value: ID strings, or objects (the AdminTask cell facts hand Obj in: no text)."""
        if isinstance(value, Obj):
            return [value]
        if isinstance(value, list):
            if value and all(isinstance(x, Obj) for x in value):
                return list(value)
            return [str(x) for x in flatten_strings(value, split_semicolon=False)]
        s = str(value).strip()
        if s == "":
            return []
        return [s]

    def resolve_target(self, text):
        if isinstance(text, Obj):
            return text
        cid = parse_id(text, "modify")
        t = self.repo.resolve(cid)
        if t is None:
            raise ScriptingException(M.REFERENCE_NOT_FOUND % (text, "config id", "modify"))
        return t

    def concrete_type(self, f, pairs):
        t = f.type
        et = self.mm.type(t)
        if et is not None and et.abstract:
            raise ScriptingException(M.ABSTRACT_TYPE % t)
        return t

    # ------------------------------------------------------------- create
    def add_child(self, parent, f, typename, attrs, template_elem=None):
        """Create a new contained object of typename in parent's feature f, apply attrs."""
        doc = parent.doc
        el = self.new_element(doc, f.name, f.type, typename, template_elem)
        attrs = attrs or []
        for name, _v in attrs:
            self.feature(typename, name)
        self._prefill(typename, el, attrs)
        # insert after the last existing child of the same feature, else in feature order
        doc.insert_child(parent.elem, self.insert_index(parent, f), el)
        self.register_subtree(doc, el)
        obj = self.repo.obj(doc, el)
        self.modify(obj, [(n, v) for n, v in attrs if self.feature(typename, n).kind not in ("attr",)])
        return obj

    def _prefill(self, typename, el, attrs):
        """Scalar attributes of a new element, written in model order (as EMF does)."""
        feats = self.mm.features(typename)
        values = {}
        for name, v in attrs:
            f = feats[name]
            if f.kind == "attr":
                if isinstance(v, list) and v == []:
                    v = ""
                v = self.check_scalar(typename, f, v)
                if f.password and S.ENCODE_PASSWORDS and v and not v.lower().startswith("{xor}"):
                    v = xorcodec.encode(v)
                values[name] = v
        for name in feats:
            if name in values:
                el.set(name, values[name])

    def insert_index(self, parent, f):
        """Position for a new child of feature f: after the last existing one of f, else after the
        children of features that precede f in the model, else at the end."""
        elems = [c for c in parent.elem if isinstance(c.tag, str)]
        last = None
        for i, c in enumerate(parent.elem):
            if isinstance(c.tag, str) and localname(c.tag) == f.name:
                last = i
        if last is not None:
            return last + 1
        order = list(self.mm.features(parent.type))
        try:
            pos = order.index(f.name)
        except ValueError:
            return len(parent.elem)
        before = set(order[:pos])
        idx = 0
        for i, c in enumerate(parent.elem):
            if isinstance(c.tag, str) and localname(c.tag) in before:
                idx = i + 1
        if idx == 0 and elems:
            # no earlier feature present: go before the first later feature
            after = set(order[pos + 1 :])
            for i, c in enumerate(parent.elem):
                if isinstance(c.tag, str) and localname(c.tag) in after:
                    return i
            return len(parent.elem)
        return idx

    def new_element(self, doc, tag, declared_type, typename, template_elem=None):
        if template_elem is not None:
            el = copy.deepcopy(template_elem)
            el.tag = tag
            self.renew_ids(doc, el)
        else:
            el = etree.Element(tag)
            if typename != declared_type:
                el.set(XMI_TYPE, self.qualified(doc, typename))
            el.set(XMI_ID, self.repo.new_xmiid(typename, doc))
        if typename != declared_type and el.get(XMI_TYPE) is None:
            el.set(XMI_TYPE, self.qualified(doc, typename))
        return self.reorder_xmi(el)

    @staticmethod
    def reorder_xmi(el):
        """xmi:type before xmi:id before every feature (EMF order)."""
        items = list(el.attrib.items())
        head = [(k, v) for k, v in items if k == XMI_TYPE] + [(k, v) for k, v in items if k == XMI_ID]
        rest = [(k, v) for k, v in items if k not in (XMI_TYPE, XMI_ID)]
        el.attrib.clear()
        for k, v in head + rest:
            el.set(k, v)
        return el

    def renew_ids(self, doc, root):
        """Fresh xmi:ids for a copied subtree, with the references inside it remapped."""
        mapping = {}
        for e in root.iter():
            if isinstance(e.tag, str) and e.get(XMI_ID) is not None:
                old = e.get(XMI_ID)
                prefix = old.rsplit("_", 1)[0] if "_" in old else old
                xt = e.get(XMI_TYPE)
                tname = xt.rsplit(":", 1)[-1] if xt else prefix
                new = self.repo.new_xmiid(tname, doc)
                mapping[old] = new
                e.set(XMI_ID, new)
        for e in root.iter():
            if not isinstance(e.tag, str):
                continue
            for k, v in list(e.attrib.items()):
                if k in (XMI_ID, XMI_TYPE):
                    continue
                toks = v.split()
                if toks and all(t in mapping for t in toks):
                    e.set(k, " ".join(mapping[t] for t in toks))

    def qualified(self, doc, typename):
        et = self.mm.type(typename)
        prefix = et.package if et is not None else None
        if not prefix:
            return typename
        uri = self.mm.uri_for_prefix(prefix)
        if uri:
            doc.ensure_namespace(prefix, uri)
        return "%s:%s" % (prefix, typename)

    def register_subtree(self, doc, el):
        for e in el.iter():
            if isinstance(e.tag, str) and e.get(XMI_ID) is not None:
                self.repo.register_element(doc, e, self.repo.type_of(doc, e))

    def create(self, typename, parent, attrs, parent_attr=None, template=None):
        if self.mm.type(typename) is None:
            raise InvalidConfigDataTypeException(M.INVALID_TYPE % typename)
        et = self.mm.type(typename)
        if et.abstract:
            raise ScriptingException(M.ABSTRACT_TYPE % typename)
        for name, _v in attrs:
            self.feature(typename, name)
        feats = self.mm.features(parent.type)
        if parent_attr:
            f = feats.get(parent_attr)
            if f is None or not f.containment:
                raise InvalidAttributeException(M.INVALID_ATTRIBUTES % (parent.type, parent_attr))
            if not self.mm.is_a(typename, f.type):
                raise ScriptingException(M.NOT_CONTAINED % (parent_attr, parent.type, typename))
            return self.add_child(parent, f, typename, attrs, template)
        candidates = [f for f in feats.values() if f.containment and self.mm.is_a(typename, f.type)]
        if len(candidates) > 1:
            exact = [f for f in candidates if f.type == typename]
            candidates = exact if len(exact) == 1 else candidates
        if len(candidates) == 1:
            return self.add_child(parent, candidates[0], typename, attrs, template)
        if len(candidates) > 1:
            raise ScriptingException(M.AMBIGUOUS_PARENT % (typename, ", ".join(sorted(f.name for f in candidates)), parent.type))
        if et.document:
            return self.create_in_document(typename, parent, attrs, template)
        raise ScriptingException(M.NO_PARENT_FEATURE % (typename, parent.type))

    def create_in_document(self, typename, parent, attrs, template=None):
        """A new top-level object: in its own directory (Server), or in the parent's directory's
        document of that type (VirtualHost in virtualhosts.xml)."""
        et = self.mm.type(typename)
        values = dict((n, v) for n, v in attrs)
        docdir = parent.doc.docdir
        coll = OWN_DIRECTORY.get(typename)
        if coll:
            name = values.get("name")
            if not name or isinstance(name, list):
                raise ScriptingException(M.INVALID_ATTRIBUTES % (typename, "name"))
            docdir = "%s/%s/%s" % (docdir, coll, name)
        uri = "%s/%s" % (docdir, et.document)
        prefix = et.package
        ns_uri = self.mm.uri_for_prefix(prefix)
        doc = self.repo.doc(uri)
        if template is not None:
            template = copy.deepcopy(template)
            template.tag = "{%s}%s" % (ns_uri, typename)
            if template.get(XMI_TYPE) is not None:
                del template.attrib[XMI_TYPE]
        if doc is None:
            wrapped = typename in S.WRAPPED_DOCUMENT_TYPES
            doc = self.repo.new_document(
                uri, None if wrapped else "%s:%s" % (prefix, typename), [(prefix, ns_uri)], [], wrapper=wrapped
            )
            if typename in S.WRAPPED_DOCUMENT_TYPES:
                el = self._top_element(doc, typename, prefix, ns_uri)
                doc.append_child(doc.root, el)
            else:
                el = doc.root
                el.set(XMI_ID, self.repo.new_xmiid(typename, doc))
        else:
            if doc.root.tag != XMI_WRAPPER:
                raise ScriptingException(M.NO_PARENT_FEATURE % (typename, parent.type))
            doc.ensure_namespace(prefix, ns_uri)
            if template is not None:
                el = template
                self.renew_ids(doc, el)
            else:
                el = self._top_element(doc, typename, prefix, ns_uri)
            self._prefill(typename, el, attrs)
            doc.append_child(doc.root, el)
            self.register_subtree(doc, el)
            obj = Obj(doc, el, typename)
            self.modify(obj, [(n, v) for n, v in attrs if self.feature(typename, n).kind != "attr"])
            return obj
        self.repo.register_element(doc, el, typename)
        obj = Obj(doc, el, typename)
        self.modify(obj, attrs)
        return obj

    def _top_element(self, doc, typename, prefix, ns_uri):
        el = etree.Element("{%s}%s" % (ns_uri, typename), nsmap={prefix: ns_uri})
        el.set(XMI_ID, self.repo.new_xmiid(typename, doc))
        return el

    # ------------------------------------------------------------- templates
    def create_from_template(self, typename, parent, attrs, parent_attr, tmpl):
        """createUsingTemplate: a whole-directory template (a server) is copied file by file, keeping
        the template's ids as WebSphere does; an object template is deep-copied with fresh ids."""
        if not self.mm.is_a(tmpl.type, typename):
            raise ScriptingException(M.INVALID_PARAM % (self.repo.id_string(tmpl), "template config id", "createUsingTemplate"))
        for name, _v in attrs:
            self.feature(typename, name)
        tdoc = tmpl.doc
        parts = tdoc.docdir.split("/")
        coll = OWN_DIRECTORY.get(typename)
        if coll and tmpl.elem is tdoc.root and len(parts) >= 2 and MAIN_DOCUMENTS.get(parts[-2]) == tdoc.filename:
            name = dict(attrs).get("name")
            if not name or isinstance(name, list):
                raise ScriptingException(M.INVALID_ATTRIBUTES % (typename, "name"))
            newdir = "%s/%s/%s" % (parent.doc.docdir, coll, name)
            if self.repo.exists("%s/%s" % (newdir, tdoc.filename)):
                raise ScriptingException(M.DOCUMENT_EXISTS % ("%s/%s" % (newdir, tdoc.filename)))
            prefix = tdoc.docdir + "/"
            for u in self.repo.all_files_under(prefix):
                data = self.repo.current_bytes(u)
                self.repo.create_document(newdir + "/" + u[len(prefix) :], data)
            doc = self.repo.doc("%s/%s" % (newdir, tdoc.filename))
            obj = self.repo.obj(doc, doc.root)
            self.modify(obj, attrs)
            return obj
        elem = _clean_copy(tmpl.elem)
        feats = self.mm.features(parent.type)
        if parent_attr:
            f = feats.get(parent_attr)
            if f is None or not f.containment:
                raise InvalidAttributeException(M.INVALID_ATTRIBUTES % (parent.type, parent_attr))
            return self.add_child(parent, f, typename, attrs, elem)
        candidates = [f for f in feats.values() if f.containment and self.mm.is_a(typename, f.type)]
        if len(candidates) == 1:
            return self.add_child(parent, candidates[0], typename, attrs, elem)
        et = self.mm.type(typename)
        if not candidates and et.document:
            return self.create_in_document(typename, parent, attrs, elem)
        raise ScriptingException(M.NO_PARENT_FEATURE % (typename, parent.type))

    # ------------------------------------------------------------- remove
    def remove(self, obj):
        doc = obj.doc
        tops = self.repo.top_elements(doc)
        if obj.elem is doc.root or (obj.elem in tops and len(tops) == 1 and doc.root.tag != XMI_WRAPPER):
            # the document's root: the document goes, and with a directory-owning document its directory
            fname = doc.filename
            parts = doc.docdir.split("/")
            if len(parts) >= 2 and MAIN_DOCUMENTS.get(parts[-2]) == fname:
                self.repo.delete_tree(doc.docdir)
            else:
                self.repo.delete_document(doc.uri)
            return
        self.repo.forget_element(doc, obj.elem)
        doc.remove(obj.elem)

    # ------------------------------------------------------------- unset
    def unset(self, obj, names):
        for n in names:
            self.feature(obj.type, n)
        for n in names:
            f = self.feature(obj.type, n)
            if f.kind in ("attr", "ref", "reflist"):
                obj.doc.set_attr(obj.elem, f.name, None)
            elif f.kind == "list":
                obj.doc.set_text_list(obj.elem, f.name, [])
            else:
                for c in [c for c in obj.elem if isinstance(c.tag, str) and localname(c.tag) == f.name]:
                    self.repo.forget_element(obj.doc, c)
                    obj.doc.remove(c)


def _clean_copy(elem):
    """A detached copy without the template's formatting whitespace."""
    el = copy.deepcopy(elem)
    for e in el.iter():
        if e.text is not None and not e.text.strip():
            e.text = None
        if e.tail is not None and not e.tail.strip():
            e.tail = None
    el.tail = None
    return el
