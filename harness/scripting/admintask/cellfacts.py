"""Typed facts of the cell a workspace holds: what the AdminTask commands ask (nodes, servers, endpoints, the
security document, key stores), answered from the repository's objects -- no configuration-ID text goes back
and forth -- and only from the documents a question needs.

    facts = cellfacts.of(ctx)                      # one per session (the AdminTask command context)
    facts.nodes()                                  # [(name, Node)] in AdminConfig.list('Node') order
    facts.entries(node)                            # [(serverName, ServerEntry)] of the node's serverindex.xml
    facts.server_index(node)                       # the same as plain values, the document not kept (cell-wide reads)
    facts.endpoints(entry)                         # [(endPointName, NamedEndPoint, EndPoint or None)]
    facts.find_server(name, node_name, "entry")    # the one rule for a server given by name (and node)
    facts.security(), facts.key_stores()           # the cell's security.xml, its key stores with their scopes
    facts.value(obj, "port"), facts.child(obj, "endPoint"), facts.ref(obj, "managementScope") ...
    facts.modify(obj, [("port", "80")]); facts.create("Property", obj, [...], "properties"); facts.remove(obj)

Objects are ``repository.Obj``; reads follow AdminConfig.showAttribute's rules (an absent attribute reads as
its model default, a contained or referenced object only counts with an xmi:id) without rendering text, and
passwords are not masked (the harness's own commands need them). Writes go through the session's Editor
(harness.config.configedit), the one AdminConfig.modify/create/remove use, so their semantics stay in one place.

Cost: a question about one server reads that node's documents; a cell-wide answer (every server's ports,
a name that must be unique in the cell) reads each node's documents once. What is indexed from documents
(the node list, the servers of a node, the key stores) is kept while no document of the workspace changes
(``Document.mutations`` and ``Repository.generation`` tell), so a job's repeated calls pay for it once.
The cell-wide answers over serverindex.xml (``server_index``) keep plain values, not the documents: a document
the workspace has not read is parsed for that read alone, so memory follows the answer, not the cell; and the
values of a document stay valid while that document does, whatever else changes.
"""

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import CommandValidationException, ScriptingException
from harness.config.configedit import Editor
from harness.config.configid import looks_like_id, parse_id
from harness.config.repository.document import Document
from harness.config.repository.repository import XMI_ID, XMI_TYPE, Obj
from harness.scripting.render import Renderer

SERVER_INDEX_FILE = "serverindex.xml"
_MISSING = object()


def of(ctx):
    """The session's facts (made at the first use): over ctx.repository, writing through the editor of
    ctx.adminconfig (AdminConfig's own)."""
    facts = getattr(ctx, "_cellfacts", None)
    if facts is None:
        ac = getattr(ctx, "adminconfig", None)
        if ac is None:
            ac = (getattr(ctx, "objects", None) or {}).get("AdminConfig")
        repo = getattr(ctx, "repository", None) or getattr(ac, "_repo", None)
        if repo is None:
            raise CommandValidationException(M.SERVICE_UNAVAILABLE)
        facts = CellFacts(repo, getattr(ac, "_edit", None))
        try:
            ctx._cellfacts = facts
        except AttributeError:
            pass  # a context that takes no attributes: facts made per command
    return facts


class CellFacts(object):
    def __init__(self, repo, editor=None):
        self.repo = repo
        self.mm = repo.mm
        self.edit = editor if editor is not None else Editor(repo)
        self._render = Renderer(repo)
        self._memo = {}
        self._memo_key = None
        self._index_values = {}  # serverindex.xml uri -> (state, with endpoints, server_index value)

    # ------------------------------------------------------------------ memo
    def memo(self, key, build):
        """build() once while the workspace's documents stay as they are (module docstring)."""
        state = (self.repo.generation, Document.mutations)
        if state != self._memo_key:
            self._memo.clear()
            self._memo_key = state
        got = self._memo.get(key, _MISSING)
        if got is _MISSING:
            got = self._memo[key] = build()
        return got

    # ------------------------------------------------------------------ typed reads
    def feature(self, obj, name):
        return self.edit.feature(obj.type, name)

    def value(self, obj, name, default=None):
        """An attribute as showAttribute reads it (the model default when absent), unmasked; default if unset."""
        v = obj.elem.get(name)
        if v is None:
            v = self.feature(obj, name).default
        return default if v is None else v

    def text(self, obj, name):
        """value(), '' when unset (what the commands compare and print)."""
        return self.value(obj, name, "")

    def values(self, obj, name):
        """A primitive list attribute (String*)."""
        return self._render.prim_list(obj, self.feature(obj, name))

    def children(self, obj, name):
        """The contained objects of a feature (with an xmi:id, as showAttribute lists them), document order."""
        f = self.feature(obj, name)
        doc, out = obj.doc, []
        for c in obj.elem:
            tag = c.tag
            if isinstance(tag, str) and tag.rpartition("}")[2] == name and c.get(XMI_ID) is not None:
                out.append(Obj(doc, c, _typed(c, f.type)))  # the type without Repository.type_of's cache
        return out

    def child(self, obj, name):
        found = self.children(obj, name)
        return found[0] if found else None

    def refs(self, obj, name):
        return self._render.refs(obj, self.feature(obj, name))

    def ref(self, obj, name):
        found = self.refs(obj, name)
        return found[0] if found else None

    def id(self, obj):
        """The configuration ID of obj (for a command's answer)."""
        return self.repo.id_string(obj)

    def objects(self, typename, within=None):
        """The objects of typename (or a subtype) in AdminConfig.list order, in the cell or under within."""
        if within is None:
            return self.memo(("objects", typename), lambda: self._sorted(self.repo.iter_objects(typename)))
        return self._sorted(o for o in self.repo.within(within, typename) if o != within or S.LIST_SCOPE_INCLUDES_SELF)

    def _sorted(self, objs):
        return sorted(set(objs), key=self.repo.id_string)

    def resolve(self, config_id):
        """The object of a configuration ID string, or None."""
        try:
            return self.repo.resolve(parse_id(config_id))
        except Exception:
            return None

    # ------------------------------------------------------------------ writes (AdminConfig's editor)
    def modify(self, obj, pairs, replace_lists=False):
        """AdminConfig.modify (resetAttributes with replace_lists): pairs of (name, value), a value being a
        string, an Obj (a reference), a list of Objs, or [(name, value)] pairs for a contained object."""
        self.edit.modify(obj, list(pairs), replace_lists)

    def create(self, typename, parent, pairs, parent_attr=None):
        """AdminConfig.create; the new object."""
        return self.edit.create(typename, parent, list(pairs), parent_attr)

    def remove(self, obj):
        self.edit.remove(obj)

    def document_bytes(self, uri):
        """The workspace's bytes of a document (AdminConfig.extract without the file), None if there is none."""
        return self.repo.current_bytes(uri)

    # ------------------------------------------------------------------ cell and nodes
    def cell(self):
        """The cell: the root of cells/<cell>/cell.xml (the repository's cell)."""
        return self.memo("cell", lambda: next(iter(self.objects_in("cells/%s/cell.xml" % self.repo.cell_name, "Cell")), None))

    def cell_name(self):
        cell = self.cell()
        return self.text(cell, "name") if cell is not None else ""

    def cell_scope(self):
        return "(cell):%s" % self.cell_name()

    def nodes(self):
        """[(name, Node)] of the cell's node directories (cells/C/nodes/N/node.xml), in AdminConfig.list('Node')
        order: the node directories are listed, not every directory of the cell."""

        def build():
            cell_dir = self.cell().doc.docdir
            found = []
            for d in self.repo.tree.listing(cell_dir + "/nodes").dirs:
                found.extend(self.repo.iter_objects("Node", uris=["%s/nodes/%s/node.xml" % (cell_dir, d)]))
            return [(self.text(n, "name"), n) for n in self._sorted(found)]

        return self.memo("nodes", build)

    def node(self, name):
        for n, obj in self.nodes():
            if n == name:
                return obj
        return None

    def node_names(self):
        return [n for n, _obj in self.nodes()]

    def node_metadata(self, node):
        """The node's node-metadata.properties as a dict ({} when absent)."""
        data = self.repo.current_bytes("%s/%s" % (node.doc.docdir, S.NODE_METADATA_FILE))
        return read_properties(data.decode("iso-8859-1")) if data is not None else {}

    # ------------------------------------------------------------------ servers
    def server_indexes(self, node):
        """The ServerIndex objects of the node's serverindex.xml."""
        uri = "%s/%s" % (node.doc.docdir, SERVER_INDEX_FILE)
        return self.memo(("indexes", uri), lambda: self.objects_in(uri, "ServerIndex"))

    def server_index(self, node, endpoints=True):
        """[(hostName, [(serverName, serverType, [(endPointName, host, port)])])] of the ServerIndex objects of the
        node's serverindex.xml in AdminConfig.list order ('' for what is unset): plain values for the cell-wide
        answers (listServers' types, reportConfiguredPorts, a server looked for by name alone). A document the
        workspace has not read is read for this alone and not kept (Repository.read_document: a report over 5,000
        servers holds one serverindex.xml at a time, not the cell's); the values are kept while the document stays
        as it is, whatever else the workspace changes. endpoints=False: the endpoint lists may be None (listServers
        needs the types only, and reading the endpoints is most of the cost)."""
        uri = "%s/%s" % (node.doc.docdir, SERVER_INDEX_FILE)
        live = self.repo.loaded_document(uri)
        state = (self.repo.generation, live, live.version if live is not None else None)
        got = self._index_values.get(uri)
        if got is not None and got[0] == state and (got[1] or not endpoints):
            return got[2]
        doc = live if live is not None else self.repo.read_document(uri)
        value = self._read_server_index(doc, endpoints) if doc is not None else []
        self._index_values[uri] = (state, endpoints, value)
        return value

    def _read_server_index(self, doc, endpoints):
        wanted = self.mm.subtypes("ServerIndex")
        indexes = []
        for el in self.repo.top_elements(doc):
            t = _typed(el, el.tag.rpartition("}")[2])
            if t in wanted:
                indexes.append(Obj(doc, el, t))
        out = []
        for index in sorted(indexes, key=self.repo.id_string):
            servers = []
            for e in self.children(index, "serverEntries"):
                servers.append(
                    (self.text(e, "serverName"), self.text(e, "serverType"), self.endpoint_values(e) if endpoints else None)
                )
            out.append((self.text(index, "hostName"), servers))
        return out

    def objects_in(self, uri, typename):
        return self._sorted(self.repo.iter_objects(typename, uris=[uri]))

    def entries(self, node):
        """[(serverName, ServerEntry)] of the node's serverindex.xml, in document order."""

        def build():
            out = []
            for index in self.server_indexes(node):
                out.extend((self.text(e, "serverName"), e) for e in self.children(index, "serverEntries"))
            return out

        return self.memo(("entries", node.doc.uri), build)

    def entry(self, node, server_name):
        for name, e in self.entries(node):
            if name == server_name:
                return e
        return None

    def endpoints(self, entry):
        """[(endPointName, NamedEndPoint, EndPoint or None)] in serverindex.xml order."""
        out = []
        for ne in self.children(entry, "specialEndpoints"):
            out.append((self.text(ne, "endPointName"), ne, self.child(ne, "endPoint")))
        return out

    def endpoint_values(self, entry):
        """[(endPointName, host, port)] of a ServerEntry ('' for what is unset), in serverindex.xml order:
        what endpoints() and text() give, read from the elements without making an object of each (the
        cell-wide port report reads every endpoint of the cell: this loop is its cost)."""
        ne_type = self.mm.feature(entry.type, "specialEndpoints").type
        ep_type = self.mm.feature(ne_type, "endPoint").type
        name0, host0, port0 = (
            self._default(ne_type, "endPointName"),
            self._default(ep_type, "host"),
            self._default(ep_type, "port"),
        )
        out = []
        for ne in entry.elem:
            tag = ne.tag
            if tag.__class__ is not str or tag.rpartition("}")[2] != "specialEndpoints" or ne.get(XMI_ID) is None:
                continue
            if ne.get(XMI_TYPE) is not None:  # a subtype: its own defaults (never in a real cell)
                named = Obj(entry.doc, ne, _typed(ne, ne_type))
                ep = self.child(named, "endPoint")
                out.append(
                    (self.text(named, "endPointName"), self.text(ep, "host") if ep else "", self.text(ep, "port") if ep else "")
                )
                continue
            name = ne.get("endPointName", name0)
            for ep in ne:
                tag = ep.tag
                if tag.__class__ is str and tag.rpartition("}")[2] == "endPoint" and ep.get(XMI_ID) is not None:
                    if ep.get(XMI_TYPE) is not None:
                        obj = Obj(entry.doc, ep, _typed(ep, ep_type))
                        out.append((name, self.text(obj, "host"), self.text(obj, "port")))
                    else:
                        out.append((name, ep.get("host", host0), ep.get("port", port0)))
                    break
            else:
                out.append((name, "", ""))
        return out

    def _default(self, typename, name):
        f = self.mm.feature(typename, name)
        return "" if f is None or f.default is None else f.default

    def server_names(self, node):
        """[(name, docdir, filename)] of the Server objects in the documents under the node's directory
        (AdminConfig.list('Server', node)), the names read from each server.xml's start tag, in uri order."""

        def build():
            out = []
            for uri in self.repo.uris_under(node.doc.docdir):
                docdir, _, filename = uri.rpartition("/")
                out.extend((name, docdir, filename) for _t, name in self.repo.root_names(uri, "Server"))
            return out

        return self.memo(("servers", node.doc.docdir), build)

    def server(self, node_name, server_name):
        """The Server object of that name in the node's documents, or None (its document is parsed)."""
        node = self.node(node_name)
        if node is None:
            return None
        for name, docdir, filename in self.server_names(node):
            if name == server_name:
                for o in self.repo.iter_objects("Server", uris=["%s/%s" % (docdir, filename)]):
                    if self.repo.display_name(o) == server_name:
                        return o
        return None

    def find_server(self, name, node_name, kind):
        """(node name, object) of the server called name (on node_name, when given): the one rule of every
        command that takes a server by name. kind "entry": the servers of the nodes' serverindex.xml (the
        ServerEntry is answered), "server": the Server objects of the nodes' server.xml documents.

        CommandValidationException: ADMG0252E for an unknown node, ADMG0250E when there is no such server,
        ADMG0251E when the name is on several nodes and no node is given."""
        hits = [(n, x) for n, x in self.server_candidates(node_name, kind) if x[0] == name]
        if not hits:
            raise CommandValidationException(M.SERVER_NOT_FOUND % (name, server_where(node_name)))
        if len(hits) > 1:
            raise CommandValidationException(M.SERVER_AMBIGUOUS % (name, ", ".join(sorted(n for n, _ in hits))))
        node, (_name, found) = hits[0]
        if kind == "server":
            found = self.server(node, name)
        else:
            found = self.entry(self.node(node), name)
        return node, found

    def server_candidates(self, node_name, kind):
        """[(node name, (server name, None | (docdir, filename)))] of the nodes in scope (kind "entry": None, the
        entry is read by find_server for the one it finds); ADMG0252E for an unknown node_name."""
        nodes = self.nodes()
        if node_name and not any(n == node_name for n, _ in nodes):
            raise CommandValidationException(M.NODE_NOT_FOUND % node_name)
        out = []
        for n, node in nodes:
            if node_name and n != node_name:
                continue
            if kind == "entry":
                # names from server_index; find_server reads the ServerEntry of the one node that holds it
                out.extend((n, (s, None)) for _h, servers in self.server_index(node, False) for s, _t, _e in servers)
            else:
                out.extend((n, (s, (d, f))) for s, d, f in self.server_names(node) if f == "server.xml")
        return out

    def server_location(self, server_id):
        """(node name, Server) of a Server configuration ID in cells/C/nodes/N/servers/S/server.xml, else
        (None, None)."""
        if not looks_like_id(server_id):
            return None, None
        cid = parse_id(server_id, "showServerInfo", "serverId")
        parts = cid.docdir.split("/")
        if len(parts) < 6 or parts[2] != "nodes" or parts[4] != "servers" or cid.filename != "server.xml":
            return None, None
        obj = self.repo.resolve(cid)
        if obj is None:
            raise ScriptingException(M.INVALID_PARAM % (server_id, "config id", "getObjectType"))
        if obj.type != "Server":
            return None, None
        return parts[3], obj

    # ------------------------------------------------------------------ security.xml
    def security(self):
        """The cell's Security object (the cell directory's security.xml), None when there is none."""

        def build():
            found = self.objects_in("cells/%s/security.xml" % self.repo.cell_name, "Security")
            if not found:
                found = self.objects("Security")
            return found[0] if found else None

        return self.memo("security", build)

    def scope_of(self, obj):
        """The scopeName of obj's managementScope ('' without one)."""
        ms = self.ref(obj, "managementScope")
        return self.text(ms, "scopeName") if ms is not None else ""

    def management_scopes(self, sec=None):
        """[(scopeName, ManagementScope)] of the cell's security.xml."""
        sec = sec or self.security()
        return [(self.text(m, "scopeName"), m) for m in self.children(sec, "managementScopes")]

    def key_stores(self, sec=None):
        """[(name, scopeName, KeyStore)] in security.xml order."""
        sec = sec or self.security()
        return self.memo(
            ("keystores", id(sec.elem)),
            lambda: [(self.text(k, "name"), self.scope_of(k), k) for k in self.children(sec, "keyStores")],
        )


def _typed(elem, declared):
    """An element's type as Repository.type_of tells it (its xmi:type, else its feature's type)."""
    xt = elem.get(XMI_TYPE)
    return xt.rpartition(":")[2] if xt else declared


def server_where(node_name):
    """The ' on node "N"' of ADMG0250E."""
    return M.SERVER_ON_NODE % node_name if node_name else ""


def read_properties(text):
    """java.util.Properties-style parsing (enough for node-metadata.properties)."""
    props = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        for i, ch in enumerate(line):
            if ch in "=:":
                props[line[:i].strip()] = line[i + 1 :].strip()
                break
        else:
            props[line] = ""
    return props
