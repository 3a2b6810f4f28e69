"""How AdminConfig shows values: show, showall, showAttribute (wsadmin-semantics.md §3.1-3.3)."""

from harness.config.configid import format_id  # noqa: F401  (re-exported for callers)
from harness.config.repository.repository import XMI_ID, localname

# Password-like attributes are shown masked [L: §3.1; width U].
MASK = "*****"


def quote(s):
    """A scalar as show() prints it: "" -> [], whitespace -> "...", else raw."""
    if s == "":
        return "[]"
    if any(c.isspace() for c in s):
        return '"%s"' % s
    return s


class Renderer(object):
    def __init__(self, repo):
        self.repo = repo
        self.mm = repo.mm

    # ------------------------------------------------------------ raw values
    def scalar(self, obj, f):
        """The effective scalar value (XML attribute, else model default), or None."""
        v = obj.elem.get(f.name)
        if v is None:
            v = f.default
        return v

    def prim_list(self, obj, f):
        return [c.text or "" for c in obj.elem if localname(c.tag) == f.name]

    def children(self, obj, f):
        out = []
        for c in obj.elem:
            if isinstance(c.tag, str) and localname(c.tag) == f.name and c.get(XMI_ID) is not None:
                out.append(self.repo.obj(obj.doc, c))
        return out

    def refs(self, obj, f):
        """Referenced objects (IDREFs in the attribute, or child elements with href)."""
        out = []
        raw = obj.elem.get(f.name)
        if raw is not None:
            for token in raw.split():
                t = self.repo.resolve_ref(obj.doc, token)
                if t is not None:
                    out.append(t)
        else:
            for c in obj.elem:
                if isinstance(c.tag, str) and localname(c.tag) == f.name and c.get("href"):
                    t = self.repo.resolve_ref(obj.doc, c.get("href"))
                    if t is not None:
                        out.append(t)
        return out

    # --------------------------------------------------------------- show
    def show_items(self, obj, names=None, expand=False):
        """(name, rendered) pairs in attribute-name order for show/showall."""
        feats = self.mm.features(obj.type)
        items = []
        for name in sorted(feats):
            if names is not None and name not in names:
                continue
            r = self.render_feature(obj, feats[name], expand)
            if r is not None:
                items.append((name, r))
        return items

    def show(self, obj, names=None, expand=False, sep="\n"):
        return sep.join("[%s %s]" % (n, v) for n, v in self.show_items(obj, names, expand))

    def render_feature(self, obj, f, expand):
        kind = f.kind
        if kind == "attr":
            v = self.scalar(obj, f)
            if v is None:
                return None
            if f.password:
                return MASK
            return quote(v)
        if kind == "list":
            vals = self.prim_list(obj, f)
            if not vals:
                return "[]"
            return quote(";".join(vals))
        if kind == "ref":
            ts = self.refs(obj, f)
            return self.repo.id_string(ts[0]) if ts else None
        if kind == "reflist":
            return "[%s]" % " ".join(self.repo.id_string(t) for t in self.refs(obj, f))
        if kind == "child":
            cs = self.children(obj, f)
            if not cs:
                return None
            return self.nested(cs[0]) if expand else self.repo.id_string(cs[0])
        if kind == "children":
            cs = self.children(obj, f)
            if expand:
                return "[%s]" % " ".join(self.nested(c) for c in cs)
            return "[%s]" % " ".join(self.repo.id_string(c) for c in cs)
        return None

    def nested(self, obj):
        return "[%s]" % self.show(obj, expand=True, sep=self.sep)

    sep = "\n"

    # -------------------------------------------------------- showAttribute
    def attribute(self, obj, f):
        """showAttribute: the bare value (no quotes), None when unset."""
        kind = f.kind
        if kind == "attr":
            v = self.scalar(obj, f)
            if v is not None and f.password:
                return MASK
            return v
        if kind == "list":
            vals = self.prim_list(obj, f)
            return ";".join(vals) if vals else "[]"
        if kind == "ref":
            ts = self.refs(obj, f)
            return self.repo.id_string(ts[0]) if ts else None
        if kind == "reflist":
            return "[%s]" % " ".join(self.repo.id_string(t) for t in self.refs(obj, f))
        if kind == "child":
            cs = self.children(obj, f)
            return self.repo.id_string(cs[0]) if cs else None
        if kind == "children":
            return "[%s]" % " ".join(self.repo.id_string(c) for c in self.children(obj, f))
        return None
