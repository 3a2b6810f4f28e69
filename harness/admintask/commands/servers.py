"""ServerManagement / node commands: listServers, listNodes, showServerInfo (wsadmin-semantics.md §5.3
"Servers").  Everything goes through the session's AdminConfig object, so the config semantics stay
in harness.adminconfig.  Also holds the small topology helpers shared by ports.py and sib.py."""

import os
import shutil
import tempfile

from harness import messages as M
from harness import wsadmin_semantics as S
from harness.configid import format_document_id, looks_like_id, parse_id
from harness.errors import CommandValidationException

from ..args import Param
from ..formats import java_map
from ..framework import command, command_group

SERVER_INDEX_FILE = "serverindex.xml"

command_group("ServerManagement", "Commands for managing servers.")
command_group("NodeGroupCommands", "Commands for managing nodes and node groups.")


# --------------------------------------------------------------------------------------------------
# helpers over the AdminConfig public API
# --------------------------------------------------------------------------------------------------

def adminconfig(ctx):
    """The session's AdminConfig object (``ctx.adminconfig``, else ``ctx.objects['AdminConfig']``)."""
    ac = getattr(ctx, "adminconfig", None)
    if ac is None:
        ac = getattr(ctx, "objects", {}).get("AdminConfig")
    if ac is None:
        raise CommandValidationException(M.SERVICE_UNAVAILABLE)
    return ac


def id_lines(text):
    """IDs of a line-separated AdminConfig result."""
    return [x for x in str(text).splitlines() if x.strip()]


def id_list(text):
    """Items of an AdminConfig list value ``[a b "c d(..)"]`` (quotes kept, as wsadmin returns them)."""
    s = str(text).strip()
    if s.startswith("[") and s.endswith("]"):
        s = s[1:-1]
    out, buf, quoted = [], [], False
    for ch in s:
        if ch == '"':
            quoted = not quoted
            buf.append(ch)
        elif ch.isspace() and not quoted:
            if buf:
                out.append("".join(buf))
                buf = []
        else:
            buf.append(ch)
    if buf:
        out.append("".join(buf))
    return out


def attr(ac, config_id, name):
    v = ac.showAttribute(config_id, name)
    return "" if v is None else str(v)


def cell_name(ac):
    cells = id_lines(ac.list("Cell"))
    return attr(ac, cells[0], "name") if cells else ""


def nodes(ac):
    """[(nodeName, nodeId)] in list() order."""
    return [(attr(ac, n, "name"), n) for n in id_lines(ac.list("Node"))]


def node_by_name(ac, name):
    for n, nid in nodes(ac):
        if n == name:
            return nid
    return None


def server_entries(ac, node_id):
    """[(serverName, ServerEntryId)] of the node's serverindex.xml, in document order (only the
    ServerIndex of serverindex.xml: systemapps.xml holds a ServerIndex with ServerEntry objects too)."""
    out = []
    for si in id_lines(ac.list("ServerIndex", node_id)):
        if parse_id(si).filename != SERVER_INDEX_FILE:
            continue
        out += [(attr(ac, e, "serverName"), e) for e in id_list(ac.showAttribute(si, "serverEntries"))]
    return out


def server_type(ac, node_id, server_name):
    for name, e in server_entries(ac, node_id):
        if name == server_name:
            return attr(ac, e, "serverType")
    return None


def server_location(ac, server_id):
    """(nodeName, serverName) of a Server config ID (the node from its document directory
    cells/C/nodes/N/servers/S)."""
    cid = parse_id(server_id, "showServerInfo", "serverId")
    parts = cid.docdir.split("/")
    if len(parts) < 6 or parts[2] != "nodes" or parts[4] != "servers" or cid.filename != "server.xml":
        return None, None
    if ac.getObjectType(server_id) != "Server":
        return None, None
    return parts[3], attr(ac, server_id, "name")


def read_properties(text):
    """java.util.Properties-style parsing (enough for node-metadata.properties)."""
    props = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        for i, ch in enumerate(line):
            if ch in "=:":
                props[line[:i].strip()] = line[i + 1:].strip()
                break
        else:
            props[line] = ""
    return props


def node_metadata(ac, node_id):
    """The node's node-metadata.properties as a dict ({} when absent), read with AdminConfig.extract."""
    docdir = parse_id(node_id).docdir
    uri = "%s/%s" % (docdir, S.NODE_METADATA_FILE)
    if not ac.existsDocument(uri):
        return {}
    tmp = tempfile.mkdtemp(prefix="stwas-meta-")
    try:
        path = os.path.join(tmp, S.NODE_METADATA_FILE)
        ac.extract(uri, path)
        with open(path, "rb") as f:
            return read_properties(f.read().decode("iso-8859-1"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------------------
# commands
# --------------------------------------------------------------------------------------------------

@command("listServers", "ServerManagement",
         params=[Param("serverType", description="The type of the servers to list (e.g. APPLICATION_SERVER)."),
                 Param("nodeName", description="The name of the node whose servers are listed.")],
         description="Lists the servers in the configuration (document-level Server configuration IDs).")
def list_servers(ctx, target, params):
    ac = adminconfig(ctx)
    want_type, want_node = params["serverType"], params["nodeName"]
    out = []
    for node, nid in nodes(ac):
        if want_node and node != want_node:
            continue
        types = dict(server_entries(ac, nid))
        for sid in id_lines(ac.list("Server", nid)):
            if want_type:
                entry = types.get(attr(ac, sid, "name"))
                if entry is None or attr(ac, entry, "serverType") != want_type:
                    continue
            cid = parse_id(sid)   # listServers answers document-level IDs [L] (wsadmin-semantics.md 12)
            out.append(format_document_id(attr(ac, sid, "name"), cid.docdir, cid.filename))
    if want_node and not any(n == want_node for n, _ in nodes(ac)) and S.LIST_SERVERS_UNKNOWN_NODE_RAISES:
        raise CommandValidationException(M.NODE_NOT_FOUND % want_node)
    return sorted(set(out))


@command("listNodes", "NodeGroupCommands",
         params=[Param("nodeGroup", description="The name of the node group whose member nodes are listed.")],
         description="Lists the names of the nodes in the cell (or in a node group), sorted.")
def list_nodes(ctx, target, params):
    ac = adminconfig(ctx)
    group = params["nodeGroup"]
    if group:
        gid = None
        for g in id_lines(ac.list("NodeGroup")):
            if attr(ac, g, "name") == group:
                gid = g
                break
        if gid is None:
            raise CommandValidationException(M.NODEGROUP_NOT_FOUND % group)
        names = [attr(ac, m, "nodeName") for m in id_list(ac.showAttribute(gid, "members"))]
    else:
        names = [n for n, _ in nodes(ac)]
    return sorted(set(n for n in names if n))


@command("showServerInfo", "ServerManagement", target="required",
         target_description="The configuration ID of the server.",
         description="Shows the cell, node, server name, server type and product version of a server.")
def show_server_info(ctx, target, params):
    ac = adminconfig(ctx)
    if not looks_like_id(target):
        raise CommandValidationException(M.SERVER_INFO_NOT_SERVER % target)
    node, server = server_location(ac, target)
    if node is None:
        raise CommandValidationException(M.SERVER_INFO_NOT_SERVER % target)
    nid = node_by_name(ac, node)
    meta = node_metadata(ac, nid) if nid else {}
    values = {
        "cell": cell_name(ac),
        "serverType": (server_type(ac, nid, server) if nid else None) or "",
        "com.ibm.websphere.baseProductVersion": meta.get("com.ibm.websphere.baseProductVersion"),
        "node": node,
        "server": server,
    }
    return java_map([(k, values[k]) for k in S.SHOW_SERVER_INFO_KEYS if values[k] is not None])
