"""AdminConfig over a Repository, answering like wsadmin's (wsadmin-semantics.md §1-4).

Every method takes positional arguments only and returns a string (several entries joined by the
line separator, no trailing separator), an int for the 1/0 queries, or None for an unset attribute.
"""

import hashlib
import os
import re
import stat
import tempfile

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import InvalidConfigDataTypeException, ScriptingException
from harness.config.attrinput import parse_attrs
from harness.config.configedit import Editor
from harness.config.configid import looks_like_id, parse_id
from harness.config.repository.document import Document
from harness.config.repository.repository import Repository
from harness.scripting.render import Renderer


def _positional(fn):
    def wrapper(*args, **kwargs):
        if kwargs:
            raise TypeError("%s(): takes no keyword arguments" % fn.__name__)
        return fn(*args)

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


# The directory collection each directory-owning type's documents live in (cells/C/nodes/N/servers/S).
DIRECTORY_OF_TYPE = {
    "Cell": "cells",
    "Node": "nodes",
    "Server": "servers",
    "ServerCluster": "clusters",
    "SIBus": "buses",
    "CoreGroup": "coregroups",
    "NodeGroup": "nodegroups",
}


def _server_type(repo, server):
    """Server.serverType: the serverType of the ServerEntry for this server in its node's serverindex.xml
    (APPLICATION_SERVER, DEPLOYMENT_MANAGER, NODE_AGENT, PROXY_SERVER, ...); None outside a node."""
    parts = server.doc.docdir.split("/")
    if len(parts) < 6 or parts[0] != "cells" or parts[2] != "nodes" or parts[4] != "servers":
        return None
    name = repo.display_name(server)
    uri = "/".join(parts[:4]) + "/serverindex.xml"
    for entry in repo.iter_objects("ServerEntry", uris=[uri]):
        if entry.elem.get("serverName") == name:
            return entry.elem.get("serverType")
    return None


def _node_host_name(repo, node):
    """Node.hostName: the hostName of the node's serverindex.xml ServerIndex (None without one)."""
    for index in repo.iter_objects("ServerIndex", uris=[node.doc.docdir + "/serverindex.xml"]):
        return index.elem.get("hostName")
    return None


# Attributes real wsadmin answers although the model does not declare them [L: wsadmin-semantics.md 12 for
# serverType; Node.hostName: wsadminlib's getNodeHostname reads it, issue 11].
PSEUDO_ATTRIBUTES = {("Server", "serverType"): _server_type, ("Node", "hostName"): _node_host_name}


class Digest(str):
    """The opaque digest extract() returns and checkin() takes back (a Java object in wsadmin)."""


def _names_arg(v):
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v]
    s = str(v).strip()
    if s.startswith("[") and s.endswith("]"):
        s = s[1:-1]
    return s.split()


class AdminConfig(object):
    def __init__(self, repository, line_separator="\n"):
        if not isinstance(repository, Repository):
            repository = Repository(repository)
        self._repo = repository
        self._mm = repository.mm
        self._sep = line_separator
        self._render = Renderer(repository)
        self._render.sep = line_separator
        self._edit = Editor(repository)
        self._resolved = {}  # ID string -> object (see _obj)
        self._resolved_state = None
        self._save_mode = "rollbackOnConflict"
        self._validation_level = "HIGHEST"
        self._cross_doc = "true"

    # ------------------------------------------------------------- helpers
    def _join(self, items):
        return self._sep.join(items)

    def _type(self, name):
        name = str(name)
        if self._mm.type(name) is None:
            raise InvalidConfigDataTypeException(M.INVALID_TYPE % name)
        return name

    def _obj(self, config_id, command, param="config id"):
        if config_id is None or str(config_id).strip() == "":
            raise ScriptingException(M.INVALID_PARAM % (M.NULL_ARGUMENT if config_id is None else config_id, param, command))
        # a script hands the same IDs back again and again: each is parsed and resolved once while the
        # workspace's documents stay as they are
        state = (self._repo.generation, Document.mutations)
        if state != self._resolved_state:
            self._resolved.clear()
            self._resolved_state = state
        text = str(config_id)
        obj = self._resolved.get(text)
        if obj is None:
            obj = self._repo.resolve(parse_id(config_id, command, param))
            if obj is None:
                raise ScriptingException(M.INVALID_PARAM % (config_id, param, command))
            self._resolved[text] = obj
        return obj

    def _ids(self, objs):
        return sorted(set(self._repo.id_string(o) for o in objs))

    # ------------------------------------------------------------- listing
    @_positional
    def list(self, typename, scope_or_pattern=None):
        """list(type) | list(type, scopeId) | list(type, pattern)"""
        t = self._type(typename)
        if scope_or_pattern is None or str(scope_or_pattern) == "":
            return self._join(self._ids(self._repo.iter_objects(t)))
        arg = str(scope_or_pattern)
        if looks_like_id(arg):
            scope = self._obj(arg, "list")
            objs = [o for o in self._repo.within(scope, t) if o != scope or S.LIST_SCOPE_INCLUDES_SELF]
            return self._join(self._ids(objs))
        rx = _pattern(arg)
        return self._join([i for i in self._ids(self._repo.iter_objects(t)) if rx.fullmatch(i.strip('"')) or rx.fullmatch(i)])

    @_positional
    def getid(self, path):
        """getid('/Type:name/Type:name/') -> matching IDs, line-separated; '' for none."""
        segs = _parse_containment(str(path))
        for t, _n in segs:
            self._type(t)
        last_t, last_n = segs[-1]
        out = []
        for o in self._repo.iter_objects(last_t, uris=self._getid_uris(segs)):
            if last_n and self._repo.display_name(o) != last_n:
                continue
            if len(segs) > 1 and not self._ancestors_match(o, segs[:-1]):
                continue
            out.append(o)
        return self._join(self._ids(out))

    def _getid_uris(self, segs):
        """Documents that can hold a match: a named Cell/Node/Server/... segment confines the search to that
        object's directory (WebSphere names those directories after the objects: cells/C/nodes/N/servers/S,
        cells/C/clusters/X ...), and only those directories are listed."""
        named = [(DIRECTORY_OF_TYPE[t], n) for t, n in segs if n and t in DIRECTORY_OF_TYPE]
        if not named:
            return None
        parts = ["/%s/%s/" % (d, n) for d, n in named]
        found = []
        for d in self._named_directories(dict(named)) if len(dict(named)) == len(named) else ["cells"]:
            found.extend(self._repo.uris_under(d))
        return [u for u in sorted(set(found)) if all(p in "/" + u for p in parts)]

    def _named_directories(self, want):
        """The directories of the named objects (want: {collection: name}) in WebSphere's layout."""
        tree = self._repo.tree
        cells = [want["cells"]] if "cells" in want else tree.listing("cells").dirs
        rest = dict((k, v) for k, v in want.items() if k != "cells")
        out = []
        for c in cells:
            base = "cells/" + c
            if not rest:
                out.append(base)
            elif set(rest) <= {"nodes", "servers"}:
                nodes = [rest["nodes"]] if "nodes" in rest else tree.listing(base + "/nodes").dirs
                for n in nodes:
                    out.append("%s/nodes/%s" % (base, n) + ("/servers/%s" % rest["servers"] if "servers" in rest else ""))
            elif len(rest) == 1:
                ((coll, name),) = rest.items()
                out.append("%s/%s/%s" % (base, coll, name))
            else:
                out.append(base)  # another combination: every document of the cell is looked at
        return out

    def _ancestors_match(self, obj, segs):
        chain = list(reversed(self._repo.ancestors(obj)))  # outermost first
        i = 0
        for a in chain:
            if i >= len(segs):
                break
            t, n = segs[i]
            if self._mm.is_a(a.type, t) and (not n or self._repo.display_name(a) == n):
                i += 1
        return i == len(segs)

    @_positional
    def listTemplates(self, typename, pattern=None):  # noqa: N802
        t = self._type(typename)
        ids = self._ids(self._repo.iter_objects(t, scope="templates", strict=False))
        if pattern:
            p = str(pattern)
            ids = [i for i in ids if p in i]
        return self._join(ids)

    # ------------------------------------------------------------- reading
    @_positional
    def show(self, config_id, attrs=None):
        obj = self._obj(config_id, "show")
        names = _names_arg(attrs)
        return self._render.show(obj, names, expand=False, sep=self._sep)

    @_positional
    def showall(self, config_id, attrs=None):
        obj = self._obj(config_id, "showall")
        names = _names_arg(attrs)
        return self._render.show(obj, names, expand=True, sep=self._sep)

    @_positional
    def showAttribute(self, config_id, name):  # noqa: N802
        obj = self._obj(config_id, "showAttribute")
        pseudo = PSEUDO_ATTRIBUTES.get((obj.type, str(name)))
        if pseudo is not None:
            return pseudo(self._repo, obj)
        f = self._edit.feature(obj.type, str(name))
        return self._render.attribute(obj, f)

    @_positional
    def getObjectType(self, config_id):  # noqa: N802
        return self._obj(config_id, "getObjectType").type

    @_positional
    def getObjectName(self, config_id):  # noqa: N802
        self._obj(config_id, "getObjectName")
        return ""  # no running MBean in local mode

    @_positional
    def parents(self, typename):
        t = self._type(typename)
        names = self._mm.parents(t)
        if not names:
            return M.NO_PARENTS % t
        return self._join(names)

    @_positional
    def types(self, pattern=None):
        names = self._mm.types()
        if pattern:
            rx = _pattern(str(pattern))
            names = [n for n in names if rx.fullmatch(n)]
        return self._join(sorted(names))

    @_positional
    def attributes(self, typename):
        t = self._type(typename)
        feats = self._mm.features(t)
        return self._join("%s %s" % (n, self._type_notation(feats[n])) for n in sorted(feats))

    def _type_notation(self, f):
        """`String`, `ENUM(A, B)`, `Server@`, `Property*`, `ProcessDef(JavaProcessDef, ...)*` (semantics 3.8)."""
        if f.type == "ENUM":
            s = "ENUM(%s)" % ", ".join(f.values or [])
        else:
            s = f.type
            if f.containment or f.reference:
                subs = sorted(
                    x for x in self._mm.subtypes(f.type) if x != f.type and ":" not in x and not self._mm.type(x).abstract
                )
                if subs:
                    s = "%s(%s)" % (s, ", ".join(subs))
        if f.reference:
            s += "@"
        if f.many:
            s += "*"
        return s

    def _declared(self, t):
        """The type's features in wsadmin's defaults()/required() order (S.DEFAULTS_ORDER)."""
        feats = list(self._mm.features(t).values())
        if S.DEFAULTS_ORDER == "attributes-first":
            return [f for f in feats if f.is_primitive] + [f for f in feats if not f.is_primitive]
        return feats

    @_positional
    def defaults(self, typename):
        t = self._type(typename)
        rows = ["%-32s%-32s%s" % ("Attribute", "Type", "Default")]
        for f in self._declared(t):
            tn = self._type_notation(f)
            if f.default is not None and f.kind == "attr":
                rows.append("%-32s%-32s%s" % (f.name, tn, f.default))
            else:
                rows.append(("%-32s%-32s" % (f.name, tn)) if S.DEFAULTS_TRAILING_PADDING else ("%-32s%s" % (f.name, tn)))
        return self._join(rows)

    @_positional
    def required(self, typename):
        t = self._type(typename)
        req = [f for f in self._declared(t) if self._mm.is_required(t, f)]
        if not req:
            return M.NO_REQUIRED % t
        return self._join(["%-32s%s" % ("Attribute", "Type")] + ["%-32s%s" % (f.name, self._type_notation(f)) for f in req])

    # ------------------------------------------------------------- writing
    @_positional
    def modify(self, config_id, attrs):
        obj = self._obj(config_id, "modify")
        self._edit.modify(obj, parse_attrs(attrs))
        return ""

    @_positional
    def resetAttributes(self, config_id, attrs):  # noqa: N802
        obj = self._obj(config_id, "resetAttributes")
        self._edit.modify(obj, parse_attrs(attrs), replace_lists=True)
        return ""

    @_positional
    def unsetAttributes(self, config_id, names):  # noqa: N802
        obj = self._obj(config_id, "unsetAttributes")
        self._edit.unset(obj, _names_arg(names) or [])
        return ""

    @_positional
    def create(self, typename, parent_id, attrs, parent_attr=None):
        t = self._type(typename)
        parent = self._obj(parent_id, "create", "parent config id")
        obj = self._edit.create(t, parent, parse_attrs(attrs), parent_attr and str(parent_attr))
        return self._repo.id_string(obj)

    @_positional
    def createUsingTemplate(self, typename, parent_id, attrs, *rest):  # noqa: N802
        """createUsingTemplate(type, parent, attrs, templateId) or (type, parent, attrs, parentAttr, templateId)"""
        t = self._type(typename)
        parent = self._obj(parent_id, "createUsingTemplate", "parent config id")
        if len(rest) == 1:
            parent_attr, template_id = None, rest[0]
        elif len(rest) == 2:
            parent_attr, template_id = rest
        else:
            raise TypeError("createUsingTemplate(): takes 4 or 5 arguments")
        tmpl = self._obj(template_id, "createUsingTemplate", "template config id")
        obj = self._edit.create_from_template(t, parent, parse_attrs(attrs), parent_attr and str(parent_attr), tmpl)
        return self._repo.id_string(obj)

    @_positional
    def remove(self, config_id):
        obj = self._obj(config_id, "remove")
        self._edit.remove(obj)
        return ""

    # ------------------------------------------------------------- workspace
    @_positional
    def hasChanges(self):  # noqa: N802
        return 1 if self._repo.has_changes() else 0

    @_positional
    def queryChanges(self):  # noqa: N802
        uris = self._repo.changed_uris()
        if not uris:
            return M.NO_CHANGES
        lines = [M.CHANGES_HEADER]
        for u in uris:
            d, _, f = u.rpartition("/")
            lines.append("%s%s|%s" % (S.QUERY_CHANGES_INDENT, d, f))
        return self._join(lines)

    @_positional
    def save(self):
        self._repo.save(overwrite=self._save_mode == "overwriteOnConflict")
        return ""

    @_positional
    def reset(self):
        self._repo.reset()
        return ""

    @_positional
    def getSaveMode(self):  # noqa: N802
        return self._save_mode

    @_positional
    def setSaveMode(self, mode):  # noqa: N802
        if str(mode) not in M.SAVE_MODES:
            raise ScriptingException(M.BAD_SAVE_MODE % mode)
        self._save_mode = str(mode)
        return ""

    @_positional
    def validate(self, config_id=None):
        if config_id is not None:
            self._obj(config_id, "validate")
        problems = self._repo.validate_references()
        log, f = _open_validation_log()
        with f:
            for p in problems:
                f.write(p + "\n")
        lines = [M.VALIDATION_LOGGED % (log, len(problems))]
        if problems:
            lines.append(M.VALIDATION_SEVERITY % (2, len(problems)))
        return self._join(lines)

    @_positional
    def getValidationLevel(self):  # noqa: N802
        return M.VALIDATION_LEVEL % self._validation_level

    @_positional
    def setValidationLevel(self, level):  # noqa: N802
        self._validation_level = str(level).upper()
        return M.VALIDATION_LEVEL % self._validation_level

    @_positional
    def getCrossDocumentValidationEnabled(self):  # noqa: N802
        return M.CROSS_DOC_VALIDATION % self._cross_doc

    @_positional
    def setCrossDocumentValidationEnabled(self, flag):  # noqa: N802
        self._cross_doc = "true" if str(flag).lower() == "true" else "false"
        return M.CROSS_DOC_VALIDATION % self._cross_doc

    # ------------------------------------------------------------- documents
    @_positional
    def existsDocument(self, uri):  # noqa: N802
        return 1 if self._repo.exists(_check_uri(uri)) else 0

    @_positional
    def extract(self, uri, local_file):
        uri = _check_uri(uri)
        data = self._repo.current_bytes(uri)
        if data is None:
            raise ScriptingException(M.DOCUMENT_NOT_FOUND % uri)
        with open(str(local_file), "wb") as f:
            f.write(data)
        return Digest("%s#%s" % (uri, hashlib.sha256(data).hexdigest()))

    @_positional
    def checkin(self, uri, local_file, digest):
        uri = _check_uri(uri)
        current = self._repo.current_bytes(uri)
        if current is None:
            raise ScriptingException(M.DOCUMENT_NOT_FOUND % uri)
        d = str(digest)
        if d != "%s#%s" % (uri, hashlib.sha256(current).hexdigest()):
            raise ScriptingException(M.STALE_DIGEST % uri)
        data = _read_local(local_file)
        if data != current:
            self._repo.replace_document(uri, data)
        return ""

    @_positional
    def createDocument(self, uri, local_file):  # noqa: N802
        uri = _check_uri(uri)
        if self._repo.exists(uri):
            raise ScriptingException(M.DOCUMENT_EXISTS % uri)
        self._repo.create_document(uri, _read_local(local_file))
        return ""

    @_positional
    def deleteDocument(self, uri):  # noqa: N802
        uri = _check_uri(uri)
        if not self._repo.exists(uri):
            raise ScriptingException(M.DOCUMENT_NOT_FOUND % uri)
        self._repo.delete_document(uri)
        return ""

    @_positional
    def help(self, method=None):
        if method is None:
            return M.object_help(M.ADMINCONFIG_METHODS, "AdminConfig", self._sep)
        return M.method_help(M.ADMINCONFIG_METHODS, str(method), "AdminConfig", self._sep)


def _open_validation_log():
    """(path, text file) for validate()'s log: $TMPDIR/wsadmin.valout when it is this user's own plain file
    (never followed through a symlink, never another user's file or a second name of one), else a new
    private file next to it."""
    path = os.path.join(tempfile.gettempdir(), S.VALIDATION_LOG_NAME)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError:
        fd = None  # e.g. ELOOP: a symlink planted at that name
    if fd is not None:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and st.st_nlink == 1:
            os.ftruncate(fd, 0)
            return path, os.fdopen(fd, "w")
        os.close(fd)
    fd, path = tempfile.mkstemp(prefix=S.VALIDATION_LOG_NAME + ".")
    return path, os.fdopen(fd, "w")


def _check_uri(uri):
    u = str(uri).strip()
    if not u or u.startswith("/") or ".." in u.split("/") or "\\" in u:
        raise ScriptingException(M.INVALID_PARAM % (uri, "document uri", "document"))
    return u


def _read_local(path):
    try:
        with open(str(path), "rb") as f:
            return f.read()
    except (IOError, OSError):
        raise ScriptingException(M.FILE_NOT_FOUND % path)


def _pattern(p):
    """A list/types pattern: '*' wildcards, or a Java-style regex if it already looks like one."""
    if re.search(r"\.\*|\\|\[|\]|\^|\$|\+|\?|\{|\}", p):
        return re.compile(p)
    return re.compile(".*".join(re.escape(part) for part in p.split("*")))


def _parse_containment(path):
    p = path.strip()
    if not p.startswith("/"):
        raise ScriptingException(M.BAD_GETID_PATH % path)
    segs = []
    for seg in [s for s in p.strip("/").split("/") if s != ""]:
        if ":" not in seg:
            raise InvalidConfigDataTypeException(M.INVALID_TYPE % seg)
        t, n = seg.split(":", 1)
        segs.append((t, n))
    if not segs:
        raise ScriptingException(M.BAD_GETID_PATH % path)
    return segs
