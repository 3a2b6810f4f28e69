"""The configuration repository: a profile's ``config/`` directory seen as wsadmin sees it.

Documents are found through the tree (harness.config.repository.tree: directories listed when a lookup first needs
them) and parsed only when a query needs them (the metamodel tells which file names can hold a type).
Objects are (document, element) pairs; their containment spans documents through the directory layout
(cells/C/nodes/N/servers/S).
Everything a script changes stays in this workspace until ``save()``.
"""

import posixpath
import re
import time

from lxml import etree

from harness.base import messages as M
from harness.base.errors import MalformedDocumentError, NotAConfigRepositoryError
from harness.config import metamodel as _metamodel
from harness.config.configid import ConfigId, format_id
from harness.config.repository import journal
from harness.config.repository.document import Document
from harness.config.repository.lock import current_job
from harness.config.repository.tree import DirTree

XMI_NS = "http://www.omg.org/XMI"
XMI_ID = "{%s}id" % XMI_NS
XMI_TYPE = "{%s}type" % XMI_NS
XMI_WRAPPER = "{%s}XMI" % XMI_NS

# The document that owns a directory, by the name of the collection the directory sits in:
# its root object is the parent of every other document's roots in that directory.
MAIN_DOCUMENTS = {
    "cells": "cell.xml",
    "nodes": "node.xml",
    "servers": "server.xml",
    "clusters": "cluster.xml",
    "buses": "sib-bus.xml",
    "deployments": "deployment.xml",
    "coregroups": "coregroup.xml",
    "nodegroups": "nodegroup.xml",
}

# Types whose new instances get a directory of their own under the parent's directory.
OWN_DIRECTORY = {
    "Server": "servers",
    "ServerCluster": "clusters",
    "SIBus": "buses",
    "CoreGroup": "coregroups",
    "NodeGroup": "nodegroups",
    "Node": "nodes",
}

# File names that are never XMI configuration objects (still extractable as documents).
NON_XMI_FILES = {
    "wimconfig.xml",
    "fileRegistry.xml",
    "perftuners.xml",
    "WSSDistributedCache.xml",
    "bla.xml",
    "cu.xml",
    "cu-ref.xml",
    "controlOpDefs.xml",
}


def localname(tag):
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1]


class Obj(object):
    """A configuration object: an element of a document, with its resolved type."""

    __slots__ = ("doc", "elem", "type")

    def __init__(self, doc: Document, elem: etree._Element, type_: str):
        self.doc = doc
        self.elem = elem
        self.type = type_

    @property
    def xmiid(self):
        return self.elem.get(XMI_ID)

    @property
    def cid(self):
        return ConfigId(self.doc.docdir, self.doc.filename, self.xmiid)

    def __eq__(self, other):
        return isinstance(other, Obj) and self.doc is other.doc and self.elem is other.elem

    def __hash__(self):
        return hash((id(self.doc), id(self.elem)))

    def __repr__(self):
        return "Obj(%s#%s:%s)" % (self.doc.uri, self.xmiid, self.type)


class Repository(object):
    """root: a config directory (read and written in place), or tree: a harness.config.repository.tree tree (a
    plan's read-only source under its overlay)."""

    def __init__(self, root=None, mm=None, tree=None):
        self.tree = tree if tree is not None else DirTree(root)
        self.root = self.tree.root
        self.mm = mm or _metamodel.load()
        self.job = current_job()  # named in the cell lock while this workspace saves
        self._docs = {}  # uri -> Document (created lazily, parsed lazily)
        self._created = {}  # uri -> Document not on disk yet
        self._deleted = set()  # uris deleted in this workspace
        self._raw = {}  # uri -> bytes replacing a document (checkin / createDocument)
        self._read = {}  # uri -> bytes of a non-XML document as this workspace first read it
        self._base = {}  # uri -> digest (journal.ABSENT: no file) when the workspace first touched it
        self._types = {}  # id(doc) -> {elem: type}
        self._ids = {}  # id(doc) -> {xmiid: elem}
        self._flat = {}  # id(doc) -> (root, version, [(elem, type, end)] or None): see _objects_of
        self._may_hold = {}  # (scope, type) -> (generation, uris): see _holding
        self._roots = {}  # uri -> root element name of a document of unknown file name (or None)
        self._heads = {}  # uri -> (type, {attribute: value}) of a document's root start tag, or None
        self._doc_types = {}  # file name -> the types its documents can hold (None: unknown name)
        self.generation = 0  # changes whenever documents come, go or are dropped (see cellfacts)
        self._last_stamp = 0
        cells = self.tree.cell_names()
        if not cells:
            raise NotAConfigRepositoryError(M.NOT_A_CONFIG_ROOT % self.root)
        self.cell_name = cells[0]

    # ------------------------------------------------------------------ index
    def uris(self, scope="cells"):
        """Sorted uris of the workspace's documents in scope ('cells' or 'templates'); do not modify."""
        return self.uris_under(scope)

    def uris_under(self, d, confine=None):
        """Sorted uris of the workspace's documents under the directory d (e.g. 'cells/C/nodes/N'); confine:
        see tree.doc_uris. Cost: the documents under d, not the cell."""
        base = self.tree.doc_uris(d, confine)
        if not self._deleted and not self._created:
            return base
        prefix = d + "/"
        out = [u for u in base if u not in self._deleted]
        out.extend(u for u in self._created if u.startswith(prefix))
        return sorted(set(out))

    def doc(self, uri):
        """The workspace's document for uri, or None."""
        if uri in self._deleted:
            return None
        d = self._created.get(uri) or self._docs.get(uri)
        if d is not None:
            return d
        if not self.tree.isfile(uri):
            return None
        d = Document(self.root, uri, self.tree)
        self._docs[uri] = d
        return d

    def loaded_document(self, uri):
        """The workspace's document for uri when it has read (or made) it, else None."""
        if uri in self._deleted:
            return None
        d = self._created.get(uri) or self._docs.get(uri)
        return d if d is not None and d.loaded else None

    def read_document(self, uri):
        """The document for a look that changes nothing: the workspace's when it has read it, else one read for this
        look alone and not kept in the workspace (a cell-wide report reads every node's serverindex.xml and holds
        none of them: its memory is one document, not the cell). None when there is no such document."""
        d = self.loaded_document(uri)
        if d is not None:
            return d
        if uri in self._deleted or not self.tree.isfile(uri):
            return None
        return Document(self.root, uri, self.tree)

    # ------------------------------------------------------------- typing
    def is_xmi_document(self, uri):
        return uri.rsplit("/", 1)[-1] not in NON_XMI_FILES

    def top_elements(self, doc):
        root = doc.root
        if root.tag == XMI_WRAPPER:
            return [c for c in root if isinstance(c.tag, str) and c.get(XMI_ID) is not None]
        return [root]

    def _type_cache(self, doc):
        c = self._types.get(id(doc))
        if c is None or c.get("__root__") is not doc.root:
            c = {"__root__": doc.root}
            self._types[id(doc)] = c
        return c

    def type_of(self, doc, elem):
        cache = self._type_cache(doc)
        t = cache.get(elem)
        if t is not None:
            return t
        t = self._compute_type(doc, elem)
        cache[elem] = t
        return t

    def _compute_type(self, doc, elem):
        xt = elem.get(XMI_TYPE)
        if xt:
            return xt.rsplit(":", 1)[-1]
        parent = elem.getparent()
        if parent is None or parent.tag == XMI_WRAPPER:
            return localname(elem.tag)
        ptype = self.type_of(doc, parent)
        f = self.mm.feature(ptype, localname(elem.tag)) if ptype else None
        if f is None:
            return None
        return f.type

    def reach(self, t):
        """Types that instances of t (or its subtypes) can contain, transitively (the model's, kept per
        process)."""
        return self.mm.containable(t)

    def _doc_may_hold(self, uri, wanted):
        fname = uri.rsplit("/", 1)[-1]
        if fname in self._doc_types:
            types = self._doc_types[fname]
        elif fname in NON_XMI_FILES or fname in self.mm.hidden_documents:
            types = self._doc_types[fname] = frozenset()
        else:
            types = self.mm.types_for_document(fname)
            self._doc_types[fname] = frozenset(types) if types is not None else None
        if types is None:
            types = self._root_holds(uri)
            if types is None:
                return True
        return not types.isdisjoint(wanted)

    def _root_holds(self, uri):
        """The types a document of unknown file name can hold, judged by its root element's name read
        from the start of the file (not parsed): a malformed document that cannot hold what a lookup
        wants is never parsed by it. None: could hold anything (an xmi:XMI wrapper, or no root found)."""
        if uri not in self._roots:
            self._roots[uri] = _root_name(self.tree.head(uri, _HEAD_LIMIT))
        name = self._roots[uri]
        if name is None or localname_of(name) == "XMI":
            return None
        t = localname_of(name)
        if self.mm.type(t) is None:
            return set()
        return set(self.mm.subtypes(t)) | set(self.mm.containable_types(t))

    def root_names(self, uri, typename):
        """[(type, display name)] of the objects of typename (or a subtype) in the document uri, in document
        order. A root that is such an object and can hold no other one (a server.xml's Server) is read from
        its start tag, without parsing the document (a document the workspace has parsed answers from its
        tree); the rest from the parsed document."""
        wanted = set(self.mm.subtypes(typename))
        if not self._doc_may_hold(uri, wanted):
            return []
        d = self._created.get(uri) or self._docs.get(uri)
        if uri not in self._deleted and (d is None or not d.loaded):
            head = self._head(uri)
            if head is not None and head[0] in wanted and head[0] != "Deployment" and self.reach(head[0]).isdisjoint(wanted):
                attr = self.mm.display_attribute(head[0])
                return [(head[0], head[1].get(attr) or "" if attr else "")]  # display_name's rule
        return [(o.type, self.display_name(o)) for o in self.iter_objects(typename, uris=[uri])]

    def _head(self, uri):
        """(type, {attribute: value}) from the document's start tag, or None when that cannot be told there
        (see _root_start_tag)."""
        if uri not in self._heads:
            head = self.tree.head(uri, _HEAD_FIRST)  # most root start tags fit in the first block
            found = _root_start_tag(head)
            if found is None and head is not None and len(head) == _HEAD_FIRST:
                found = _root_start_tag(self.tree.head(uri, _HEAD_LIMIT))
            self._heads[uri] = found
        return self._heads[uri]

    def iter_objects(self, typename, scope="cells", uris=None, strict=True):
        """Every object whose type is typename or one of its subtypes, in the given documents."""
        wanted = set(self.mm.subtypes(typename))
        no_way = {}  # type -> its objects cannot contain a wanted one
        if uris is None:
            uris = self._holding(scope, typename, wanted)
        for uri in uris:
            if not self._doc_may_hold(uri, wanted):
                continue
            doc = self.doc(uri)
            if doc is None:
                continue
            try:
                tops = self.top_elements(doc)
            except Exception:
                if strict:
                    raise
                continue
            flat = self._objects_of(doc, tops)
            if flat is None:  # the first lookup in this document: a walk that prunes as it goes
                for el in tops:
                    for obj in self._walk(doc, el, wanted, no_way):
                        yield obj
                continue
            i, n = 0, len(flat)
            while i < n:
                elem, t, end = flat[i]
                if t in wanted:
                    yield Obj(doc, elem, t)
                prune = no_way.get(t)
                if prune is None:
                    prune = no_way[t] = self.reach(t).isdisjoint(wanted)
                i = end if prune else i + 1  # a subtree that cannot hold a wanted type is not looked into

    def _holding(self, scope, typename, wanted):
        """The documents of scope that may hold typename (kept while no document comes or goes)."""
        key = (scope, typename)
        got = self._may_hold.get(key)
        if got is None or got[0] != self.generation:
            got = self._may_hold[key] = (self.generation, [u for u in self.uris(scope) if self._doc_may_hold(u, wanted)])
        return got[1]

    def _walk(self, doc, elem, wanted, no_way):
        t = self.type_of(doc, elem)
        if t is None:
            return
        if t in wanted:
            yield Obj(doc, elem, t)
        prune = no_way.get(t)
        if prune is None:
            prune = no_way[t] = self.reach(t).isdisjoint(wanted)
        if prune:
            return
        for child in elem:
            if isinstance(child.tag, str) and child.get(XMI_ID) is not None:
                for o in self._walk(doc, child, wanted, no_way):
                    yield o

    def _objects_of(self, doc, tops):
        """The document's objects in preorder, [(element, type, end)], end being the position after the
        element's subtree (the walk's skip pointer): only elements with an xmi:id, under objects of a known
        type. Built at the second lookup in a document state (Document.version) -- the first one walks and
        prunes (None) -- and kept for every later lookup that reads the document (a list of every type)."""
        got = self._flat.get(id(doc))
        if got is None or got[0] is not doc.root or got[1] != doc.version:
            self._flat[id(doc)] = (doc.root, doc.version, None)
            return None
        if got[2] is not None:
            return got[2]
        out = []

        def visit(elem):
            t = self.type_of(doc, elem)
            if t is None:
                return
            at = len(out)
            out.append(None)
            for child in elem:
                if isinstance(child.tag, str) and child.get(XMI_ID) is not None:
                    visit(child)
            out[at] = (elem, t, len(out))

        for el in tops:
            visit(el)
        self._flat[id(doc)] = (doc.root, doc.version, out)
        return out

    # --------------------------------------------------------- resolution
    def resolve(self, cid):
        """The object for a ConfigId, or None."""
        doc = self.doc(cid.uri)
        if doc is None or not self.is_xmi_document(cid.uri):
            return None
        if cid.xmiid is None:  # a document-level ID names the document's (first) root object
            tops = self.top_elements(doc)
            elem = tops[0] if tops else None
        else:
            elem = self._id_index(doc).get(cid.xmiid)
        if elem is None:
            return None
        t = self.type_of(doc, elem)
        if t is None:
            return None
        return Obj(doc, elem, t)

    def _id_index(self, doc):
        idx = self._ids.get(id(doc))
        if idx is None or idx.get("__root__") is not doc.root:
            idx = {"__root__": doc.root}
            for el in doc.root.iter():
                if isinstance(el.tag, str):
                    i = el.get(XMI_ID)
                    if i is not None:
                        idx.setdefault(i, el)  # a duplicated id reads as its first object (edits are refused)
            self._ids[id(doc)] = idx
        return idx

    def resolve_ref(self, doc, token):
        """A reference as written in doc: a bare xmi:id, or an href "path/file.xml#id"."""
        if "#" in token:
            path, xmiid = token.split("#", 1)
            uri = posixpath.normpath(posixpath.join(doc.docdir, path)) if path else doc.uri
            target = self.doc(uri)
            if target is None:
                return None
        else:
            target, xmiid = doc, token
        try:
            elem = self.element_by_id(target, xmiid)
        except Exception:
            return None
        if elem is None:
            return None
        t = self.type_of(target, elem)
        return Obj(target, elem, t) if t else None

    def ref_token(self, from_doc, target):
        """How from_doc writes a reference to target: bare id in the same document, else an href."""
        if target.doc is from_doc:
            return target.xmiid
        rel = posixpath.relpath(target.doc.uri, from_doc.docdir or ".")
        return "%s#%s" % (rel, target.xmiid)

    def element_by_id(self, doc, xmiid):
        return self._id_index(doc).get(xmiid)

    def obj(self, doc, elem):
        return Obj(doc, elem, self.type_of(doc, elem))

    def display_name(self, obj):
        if obj.type == "Deployment" and obj.doc.filename == "deployment.xml":
            # a Deployment is named after its directory, the application's name [L]
            return obj.doc.docdir.rsplit("/", 1)[-1]
        attr = self.mm.display_attribute(obj.type)
        if not attr:
            return ""
        return obj.elem.get(attr) or ""

    def id_string(self, obj):
        return format_id(self.display_name(obj), obj.doc.docdir, obj.doc.filename, obj.xmiid)

    # ---------------------------------------------------------- containment
    def parent(self, obj):
        """The containing object: the enclosing element, else the owner of the document's directory."""
        p = obj.elem.getparent()
        while p is not None and p.tag != XMI_WRAPPER:
            if p.get(XMI_ID) is not None:
                return self.obj(obj.doc, p)
            p = p.getparent()
        return self.document_owner(obj.doc.uri)

    def document_owner(self, uri):
        parts = uri.split("/")
        docdir, fname = parts[:-1], parts[-1]
        if len(docdir) >= 2 and MAIN_DOCUMENTS.get(docdir[-2]) == fname:
            owner_dir = docdir[:-2]
            if len(docdir) >= 4 and docdir[-2] == "deployments" and docdir[-4] == "applications":
                owner_dir = docdir[:-4]
            return self._dir_owner(owner_dir)
        return self._dir_owner(docdir)

    def _dir_owner(self, docdir):
        while len(docdir) >= 2:
            main = MAIN_DOCUMENTS.get(docdir[-2])
            if main:
                uri = "/".join(docdir + [main])
                d = self.doc(uri)
                if d is not None:
                    try:
                        tops = self.top_elements(d)
                    except Exception:
                        tops = []
                    if tops:
                        return self.obj(d, tops[0])
            docdir = docdir[:-2]
        return None

    def validate_references(self):
        """Dangling same-document references in the loaded documents (validate())."""
        problems = []
        for uri, d in sorted(self._docs.items()):
            if not d.loaded or not self.is_xmi_document(uri):
                continue
            idx = self._id_index(d)
            for el in d.root.iter():
                if not isinstance(el.tag, str) or el.get(XMI_ID) is None:
                    continue
                t = self.type_of(d, el)
                if t is None:
                    continue
                for f in self.mm.features(t).values():
                    if f.reference and el.get(f.name):
                        for tok in el.get(f.name).split():
                            if "#" not in tok and tok not in idx:
                                problems.append(M.DANGLING_REFERENCE % (uri, el.get(XMI_ID), f.name, tok))
        return problems

    def ancestors(self, obj):
        out = []
        p = self.parent(obj)
        while p is not None:
            out.append(p)
            p = self.parent(p)
        return out

    def scope_uris(self, scope_obj, scope="cells"):
        """The documents that can hold objects contained under scope_obj: those under its directory when it
        owns one (the documents under the directory only, not a filter of the cell's), else its own."""
        uri = scope_obj.doc.uri
        parts = uri.split("/")
        tops = self.top_elements(scope_obj.doc)
        is_root = scope_obj.elem in tops and len(tops) == 1
        if is_root and len(parts) >= 3 and MAIN_DOCUMENTS.get(parts[-3]) == parts[-1]:
            if parts[-1] == "cell.xml":
                return self.uris(scope)
            return self.uris_under("/".join(parts[:-1]))
        # roots of other documents are children of a directory owner only
        return [uri]

    def within(self, scope_obj, typename):
        """The objects of typename (or a subtype) that scope_obj contains, and scope_obj itself when it is one
        (AdminConfig.list(type, scope) decides whether to keep it): contains() per document, not per object."""
        by_doc = {}
        for o in self.iter_objects(typename, uris=self.scope_uris(scope_obj)):
            if o == scope_obj:
                yield o
            elif o.doc is scope_obj.doc:
                if _is_under(o.elem, scope_obj.elem):
                    yield o
            else:
                inside = by_doc.get(o.doc.uri)
                if inside is None:
                    owner = self.document_owner(o.doc.uri)
                    inside = by_doc[o.doc.uri] = owner is not None and (owner == scope_obj or scope_obj in self.ancestors(owner))
                if inside:
                    yield o

    def contains(self, scope_obj, obj):
        if obj.doc is scope_obj.doc:
            p = obj.elem.getparent()
            while p is not None:
                if p is scope_obj.elem:
                    return True
                p = p.getparent()
        for a in self.ancestors(obj):
            if a == scope_obj:
                return True
        return False

    # ------------------------------------------------------------ ids/time
    def new_xmiid(self, typename, doc):
        now = int(time.time() * 1000)
        stamp = max(now, self._last_stamp + 1)
        idx = self._id_index(doc)
        while "%s_%d" % (typename, stamp) in idx:
            stamp += 1
        self._last_stamp = stamp
        return "%s_%d" % (typename, stamp)

    def register_element(self, doc, elem, typename):
        self._type_cache(doc)[elem] = typename
        i = elem.get(XMI_ID)
        if i is not None:
            self._id_index(doc)[i] = elem

    def forget_element(self, doc, elem):
        idx = self._id_index(doc)
        for el in elem.iter():
            if isinstance(el.tag, str):
                i = el.get(XMI_ID)
                if i is not None and idx.get(i) is el:
                    del idx[i]

    # ------------------------------------------------------------ documents
    def exists(self, uri):
        if uri in self._deleted:
            return False
        if uri in self._created or uri in self._raw:
            return True
        return self.tree.isfile(uri)

    def current_bytes(self, uri):
        if uri in self._raw:
            return self._raw[uri]
        d = self.doc(uri)
        if d is not None and self._is_xml_uri(uri):
            if d is self._created.get(uri) or (d.loaded and d.changed):
                return d.serialize()
            try:
                _ = d.root  # read through the Document, so that save() can see a later change on disk
                return d.original_bytes
            except MalformedDocumentError:
                pass  # still extractable as plain bytes, e.g. to repair it
        if uri in self._deleted:
            return None
        if uri not in self._read:
            # the first read is this workspace's copy (a key store, an LTPA file): later reads give the
            # same bytes, and save() refuses to overwrite it if the file changed on disk meanwhile
            if not self.tree.isfile(uri):
                return None
            data = self.tree.read(uri)
            self._read[uri] = data
            self._base.setdefault(uri, journal.digest(data))
        return self._read[uri]

    @staticmethod
    def _is_xml_uri(uri):
        return uri.endswith((".xml", ".xmi"))

    def _touch(self, uri):
        """Note what is on disk for uri when this workspace first touches it: a save that finds it changed
        since then (content digest, journal.ABSENT for no file) writes nothing."""
        if uri in self._base:
            return
        d = self._docs.get(uri)
        if d is not None and d.digest is not None:
            self._base[uri] = d.digest  # read earlier: what it was read as
        else:
            self._base[uri] = self.tree.digest(uri)

    def create_document(self, uri, data):
        self._touch(uri)
        self.generation += 1
        self._deleted.discard(uri)
        self._raw[uri] = data
        # the document as read stays in _docs: save() checks it for conflicts
        self._created.pop(uri, None)
        if self._is_xml_uri(uri):
            d = Document.from_bytes(self.root, uri, data, self.tree)
            self._created[uri] = d

    def replace_document(self, uri, data):
        self.create_document(uri, data)

    def new_document(self, uri, root_qname, nsmap, attrs, wrapper=False):
        self._touch(uri)
        self.generation += 1
        self._deleted.discard(uri)
        d = Document.new(self.root, uri, root_qname, nsmap, attrs, xmi_wrapper=wrapper, tree=self.tree)
        self._created[uri] = d
        return d

    def delete_document(self, uri):
        self._touch(uri)
        self.generation += 1
        self._created.pop(uri, None)
        self._raw.pop(uri, None)
        # the document as read stays in _docs: save() checks it for conflicts
        self._deleted.add(uri)

    def delete_tree(self, docdir):
        prefix = docdir.rstrip("/") + "/"
        for u in list(self.all_files_under(prefix)):
            self.delete_document(u)

    def all_files_under(self, prefix):
        """Every file under the directory prefix ('a/b/'): documents, key stores, properties ..."""
        out = set(self.tree.files_under(prefix.rstrip("/")))
        out.update(u for u in self._created if u.startswith(prefix))
        out.update(u for u in self._raw if u.startswith(prefix))
        return sorted(u for u in out if u not in self._deleted)

    # ------------------------------------------------------------ workspace
    def _pending(self):
        """{uri: new bytes, or None for a deletion} of every document this workspace changed; each
        changed document is serialised once, and one whose bytes equal its original is left out."""
        out = dict((uri, None) for uri in self._deleted)
        for uri, d in self._created.items():
            out[uri] = d.serialize()
        out.update(self._raw)
        for uri, d in self._docs.items():
            if uri not in out and d.loaded and d.changed:
                data = d.serialize()
                if data != d.original_bytes:
                    out[uri] = data
        return out

    def changed_uris(self):
        return sorted(self._pending())

    def has_changes(self):
        return bool(self.changed_uris())

    def reset(self):
        self.generation += 1
        self._docs.clear()
        self._created.clear()
        self._deleted.clear()
        self._raw.clear()
        self._read.clear()
        self._base.clear()
        self._types.clear()
        self._ids.clear()
        self._flat.clear()
        self._roots.clear()
        self._heads.clear()  # a save may have changed them

    def save(self, overwrite=False):
        """Write every changed document as one save (journal.commit: all or nothing, under the cell lock);
        unless overwrite, refuse all if any of them changed on disk since this workspace first touched it.
        Returns the uris written or deleted."""
        pending = self._pending()
        saved = []
        if pending:
            for uri in pending:
                self._touch(uri)
            saved = self.tree.commit(pending, dict((u, self._base[u]) for u in pending), check=not overwrite, job=self.job)
        self.reset()  # the tree lists again only the directories the save wrote into
        return saved


_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_HEAD_LIMIT = 65536
_HEAD_FIRST = 8192


def _root_name(head):
    """The root element's name from the start of an XML file (after the declaration, comments and PIs),
    or None when it is not found there (a DOCTYPE, no root within the head, an unreadable file: None)."""
    if head is None:
        return None
    pos = 0
    while True:
        lt = head.find(b"<", pos)
        if lt < 0:
            return None
        if head.startswith(b"<?", lt):
            end, skip = head.find(b"?>", lt), 2
        elif head.startswith(b"<!--", lt):
            end, skip = head.find(b"-->", lt), 3
        elif head.startswith(b"<!", lt):
            return None  # a DOCTYPE may declare anything: let the parser decide
        else:
            m = _ROOT_TAG.match(head, lt)
            end = head.find(b">", lt)
            if m is None or end < 0 or b"xmi:type" in head[lt:end]:
                return None  # the type is not the element name: let the parser decide
            return m.group(1).decode("ascii", "replace")
        if end < 0:
            return None
        pos = end + skip


_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_TAG_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _root_start_tag(head):
    """(type, {attribute: value}) of the root object from the head of a document: its start tag alone, parsed
    by lxml (the attributes as the document's parse gives them), or None when that cannot be told there: no root
    start tag within the head, a DOCTYPE, an xmi:XMI wrapper (the root is no object), an xmi:type, a '>'
    inside an attribute value (the caller parses the document then)."""
    name = _root_name(head)
    if name is None or localname_of(name) == "XMI":
        return None
    lt = head.find(b"<" + name.encode("ascii"))
    end = head.find(b">", lt)
    m = _ENCODING.match(head)
    try:
        tag = head[lt : end + 1].decode(m.group(1).decode("ascii") if m else "utf-8")
        elem = etree.fromstring(tag[:-1].rstrip().rstrip("/") + "/>", _TAG_PARSER)
    except (LookupError, UnicodeDecodeError, ValueError, etree.XMLSyntaxError):
        return None
    return localname_of(name), dict(elem.attrib)


def _is_under(elem, ancestor):
    p = elem.getparent()
    while p is not None:
        if p is ancestor:
            return True
        p = p.getparent()
    return False


def localname_of(qname):
    return qname.rsplit(":", 1)[-1]
