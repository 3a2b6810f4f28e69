"""WebSphere configuration metamodel: the type table (types.json) and its loader.

types.json is data (bootstrapped by tools/extract_metamodel.py, see there); this module only reads it.
No lxml at runtime; the file is loaded once per process (`load()` is a cached singleton).
"""
import collections
import json
import os
import threading

__all__ = ['load', 'Metamodel', 'EType', 'Feature', 'PRIMITIVE_TYPES', 'TYPES_JSON']

TYPES_JSON = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'types.json')
PRIMITIVE_TYPES = frozenset(['String', 'int', 'long', 'boolean', 'Integer', 'Boolean', 'ENUM'])


class Feature(object):
    """One structural feature (attribute, primitive list, reference or containment) of a type."""
    __slots__ = ('name', 'type', 'many', 'containment', 'reference', 'default', 'values', 'required', 'password',
                 'owner')

    def __init__(self, d, owner):
        self.name = d['name']
        self.type = d['type']
        self.many = bool(d.get('many', False))
        self.containment = bool(d.get('containment', False))
        self.reference = bool(d.get('reference', False))
        self.default = d.get('default')
        self.values = tuple(d.get('values') or ())
        self.required = bool(d.get('required', False))
        self.password = bool(d.get('password', False))
        self.owner = owner

    @property
    def kind(self):
        """'attr' | 'list' (primitive many) | 'ref' | 'reflist' | 'child' | 'children'."""
        if self.containment:
            return 'children' if self.many else 'child'
        if self.reference:
            return 'reflist' if self.many else 'ref'
        return 'list' if self.many else 'attr'

    @property
    def is_primitive(self):
        return self.type in PRIMITIVE_TYPES and not self.reference and not self.containment

    def __repr__(self):
        return 'Feature(%s.%s: %s%s%s)' % (self.owner, self.name, self.type, '@' if self.reference else '',
                                           '*' if self.many else '')


class EType(object):
    __slots__ = ('name', 'package', 'abstract', 'supertypes', 'display', 'document', 'own_features')

    def __init__(self, name, d):
        self.name = name
        self.package = d.get('package')
        self.abstract = bool(d.get('abstract', False))
        self.supertypes = tuple(d.get('supertypes') or ())
        self.display = d.get('display')
        self.document = d.get('document')
        self.own_features = tuple(Feature(a, name) for a in d.get('attributes') or ())

    def __repr__(self):
        return 'EType(%s)' % self.name


class Metamodel(object):
    def __init__(self, data):
        self.packages = dict(data.get('packages') or {})
        self._uri_prefix = {u: p for p, u in self.packages.items()}
        for u, p in (data.get('uri_aliases') or {}).items():
            self._uri_prefix.setdefault(u, p)
        self.documents = {fn: list(ts) for fn, ts in (data.get('documents') or {}).items()}
        self._types = {n: EType(n, d) for n, d in (data.get('types') or {}).items()}
        self._sorted = sorted(self._types)
        self._features = {}
        self._subtypes = None
        self._closure = {}
        self._parents = None
        self._containable = {}
        self._doc_types = {}

    # ------------------------------------------------------------------ packages
    def prefix_for_uri(self, uri):
        return self._uri_prefix.get(uri)

    def uri_for_prefix(self, prefix):
        return self.packages.get(prefix)

    # ------------------------------------------------------------------ types
    def type(self, name):
        return self._types.get(name)

    def types(self):
        return list(self._sorted)

    def __contains__(self, name):
        return name in self._types

    def supertypes_closure(self, name):
        """All (transitive) supertypes of name, nearest first, without name itself."""
        r = self._closure.get(name)
        if r is None:
            out = []
            t = self._types.get(name)
            todo = list(t.supertypes) if t else []
            while todo:
                s = todo.pop(0)
                if s in out or s == name:
                    continue
                out.append(s)
                st = self._types.get(s)
                if st:
                    todo.extend(st.supertypes)
            r = self._closure[name] = tuple(out)
        return list(r)

    def _subtype_map(self):
        if self._subtypes is None:
            m = collections.defaultdict(set)
            for n in self._types:
                m[n].add(n)
                for s in self.supertypes_closure(n):
                    m[s].add(n)
            self._subtypes = {k: frozenset(v) for k, v in m.items()}
        return self._subtypes

    def subtypes(self, name):
        """Set of name and all its (transitive) subtypes; empty set for unknown names."""
        return set(self._subtype_map().get(name, ()))

    def is_a(self, t, base):
        return t == base or base in self.supertypes_closure(t)

    # ------------------------------------------------------------------ features
    def features(self, typename):
        """OrderedDict name -> Feature, inherited features first (most general supertype first)."""
        r = self._features.get(typename)
        if r is None:
            r = collections.OrderedDict()
            t = self._types.get(typename)
            if t is not None:
                order = []

                def visit(n, seen):
                    et = self._types.get(n)
                    if et is None or n in seen:
                        return
                    seen.add(n)
                    for s in et.supertypes:
                        visit(s, seen)
                    order.append(et)
                visit(typename, set())
                for et in order:
                    for f in et.own_features:
                        if f.name not in r:
                            r[f.name] = f
            self._features[typename] = r
        return collections.OrderedDict(r)

    def feature(self, typename, name):
        self.features(typename)
        return self._features[typename].get(name)

    # ------------------------------------------------------------------ documents / containment
    def root_types(self, filename):
        return list(self.documents.get(filename, ()))

    def _parent_map(self):
        if self._parents is None:
            m = collections.defaultdict(set)
            for n in self._types:
                for f in self.features(n).values():
                    if f.containment:
                        for sub in self.subtypes(f.type):
                            m[sub].add(n)
            self._parents = {k: frozenset(v) for k, v in m.items()}
        return self._parents

    def parents(self, typename):
        """Sorted names of the types having a containment feature that can hold typename.

        A container counts when it declares or inherits such a feature; abstract containers are omitted."""
        return sorted(p for p in self._parent_map().get(typename, ()) if not self._types[p].abstract)

    def containable_types(self, typename):
        """All concrete and abstract types reachable from typename by containment (not incl. itself
        unless it can contain itself)."""
        r = self._containable.get(typename)
        if r is None:
            out = set()
            todo = [typename]
            seen = set()
            while todo:
                n = todo.pop()
                if n in seen:
                    continue
                seen.add(n)
                for sub in self.subtypes(n):
                    for f in self.features(sub).values():
                        if f.containment:
                            for t in self.subtypes(f.type):
                                if t not in out:
                                    out.add(t)
                                    todo.append(t)
            r = self._containable[typename] = frozenset(out)
        return set(r)

    def types_for_document(self, filename):
        """Types that can occur in documents of this file name (roots and everything they can contain);
        None if the file name is unknown (meaning: could hold anything)."""
        if filename not in self.documents:
            return None
        r = self._doc_types.get(filename)
        if r is None:
            out = set()
            for root in self.documents[filename]:
                out |= self.subtypes(root)
                out |= self.containable_types(root)
            r = self._doc_types[filename] = frozenset(out)
        return set(r)

    def display_attribute(self, typename):
        t = self._types.get(typename)
        return t.display if t else None


_lock = threading.Lock()
_instance = None


def load(path=None):
    """Return the Metamodel singleton (or a fresh one for an explicit path)."""
    global _instance
    if path is not None:
        with open(path, encoding='utf-8') as fh:
            return Metamodel(json.load(fh))
    if _instance is None:
        with _lock:
            if _instance is None:
                with open(TYPES_JSON, encoding='utf-8') as fh:
                    _instance = Metamodel(json.load(fh))
    return _instance
