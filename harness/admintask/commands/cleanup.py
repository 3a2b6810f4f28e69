"""Removing servers and nodes from the cell configuration: deleteServer (ServerManagement) and cleanupNode
(NodeGroupCommands / "removeNode"-equivalent clean-up on the deployment manager) — wsadmin-semantics.md
§5.3 "Servers", sametime-operations.md §9.

deleteServer -serverName S -nodeName N removes
  - the server's directory ``cells/C/nodes/N/servers/S/`` (every document in it: server.xml, variables.xml,
    sib-engines.xml, sib-service.xml, ... ) — AdminConfig.remove of the Server, the root of its directory;
  - its ServerEntry in ``nodes/N/serverindex.xml`` (with its endpoints and deployedApplications);
  - its CoreGroupServer entries in every ``coregroups/*/coregroup.xml``;
  - its ClusterMember entries in every ``clusters/*/cluster.xml``;
  - every ServerTarget naming it in ``applications/*/deployments/*/deployment.xml`` and the
    DeploymentTargetMappings that point at those targets;
  - every SIBusMember naming it in ``buses/*/sib-bus.xml`` [U];
  - the server-scoped (and endpoint-scoped) objects of ``security.xml``: ManagementScopes
    ``(cell):C:(node):N:(server):S[:...]`` and the key stores, key/trust managers, key sets, SSL configs
    and SSL config groups in those scopes [U].
cleanupNode -nodeName N does the same for every server of the node (node agent included) and then removes
  - the node's directory ``cells/C/nodes/N/`` (node.xml, serverindex.xml, variables.xml, key stores, ...);
  - its NodeGroupMember entries in every ``nodegroups/*/nodegroup.xml``;
  - the node-scoped objects of ``security.xml`` (scope ``(cell):C:(node):N`` and below) [U].
``removeNode`` is not an AdminTask command (it is removeNode.sh, run on the node).

Everything goes through the session's AdminConfig (workspace until save; reset undoes it).
The existing deleteSIBus (sib.py) removes a bus with its members and messaging engines.
"""

from harness import messages as M
from harness.configid import parse_id
from harness.errors import CommandValidationException

from ..args import Param
from ..framework import command
from .jvm import all_servers, node_names
from .servers import adminconfig, attr, id_lines, id_list, server_entries

# --------------------------------------------------------------------------------------------------
# [U] choices of this module, named.
# --------------------------------------------------------------------------------------------------
# [U] what deleteServer / cleanupNode return.
DELETE_SERVER_RESULT = ""
CLEANUP_NODE_RESULT = ""
# [U] deleteServer refuses node agents and deployment managers (they go with their node: cleanupNode),
# cleanupNode refuses the deployment manager's node.
PROTECTED_SERVER_TYPES = ("NODE_AGENT", "DEPLOYMENT_MANAGER")
# [U] applications that lose their last target stay installed (their deployment.xml keeps the
# deployedObject without targets): uninstalling is AdminApp's job.
# The security.xml types that carry a managementScope reference (from the metamodel).
SCOPED_TYPES = ("KeyStore", "KeyManager", "TrustManager", "KeySet", "KeySetGroup", "SSLConfig", "SSLConfigGroup")



def _cell_name(ac):
    cells = id_lines(ac.list("Cell"))
    return attr(ac, cells[0], "name") if cells else ""


def _remove_all(ac, ids):
    done = set()
    for i in ids:
        if i in done:
            continue
        done.add(i)
        ac.remove(i)


def _scoped_objects(ac, prefix):
    """ManagementScopes whose scopeName is prefix or below it, and the objects in those scopes."""
    scopes = []
    for ms in id_lines(ac.list("ManagementScope")):
        name = attr(ac, ms, "scopeName")
        if name == prefix or name.startswith(prefix + ":"):
            scopes.append(ms)
    if not scopes:
        return []
    keys = set(parse_id(s).xmiid for s in scopes)
    out = []
    for t in SCOPED_TYPES:
        for o in id_lines(ac.list(t)):
            ref = ac.showAttribute(o, "managementScope")
            if ref and parse_id(str(ref)).xmiid in keys and parse_id(str(ref)).uri == parse_id(o).uri:
                out.append(o)
    return out + scopes


def server_references(ac, node, server):
    """Ids outside the server's own directory that name the server (removed by deleteServer), in removal
    order: mappings before their targets, scoped objects before their scopes."""
    out = []
    for cgs in id_lines(ac.list("CoreGroupServer")):
        if attr(ac, cgs, "nodeName") == node and attr(ac, cgs, "serverName") == server:
            out.append(cgs)
    for cm in id_lines(ac.list("ClusterMember")):
        if attr(ac, cm, "nodeName") == node and attr(ac, cm, "memberName") == server:
            out.append(cm)
    targets = []
    for st in id_lines(ac.list("ServerTarget")):
        if attr(ac, st, "nodeName") == node and attr(ac, st, "name") == server:
            targets.append(st)
    if targets:
        keys = set((parse_id(t).uri, parse_id(t).xmiid) for t in targets)
        for m in id_lines(ac.list("DeploymentTargetMapping")):
            ref = ac.showAttribute(m, "target")
            if ref and (parse_id(str(ref)).uri, parse_id(str(ref)).xmiid) in keys:
                out.append(m)
        out += targets
    for bm in id_lines(ac.list("SIBusMember")):
        if attr(ac, bm, "node") == node and attr(ac, bm, "server") == server:
            out.append(bm)
    out += _scoped_objects(ac, "(cell):%s:(node):%s:(server):%s" % (_cell_name(ac), node, server))
    return out


def _server_id(ac, node, server):
    for n, s, sid in all_servers(ac):
        if n == node and s == server:
            return sid
    return None


def _entry(ac, node_id, server):
    for name, e in server_entries(ac, node_id):
        if name == server:
            return e
    return None


def _node_id(ac, node):
    for n in id_lines(ac.list("Node")):
        if attr(ac, n, "name") == node:
            return n
    return None


@command("deleteServer", "ServerManagement",
         params=[Param("serverName", required=True, description="The name of the server to delete."),
                 Param("nodeName", required=True, description="The name of the node of the server.")],
         description="Delete a server: its configuration directory, its server index entry, core group and "
                     "cluster membership, deployment targets and server-scoped security objects.")
def delete_server(ctx, target, params):
    ac = adminconfig(ctx)
    node, server = params["nodeName"], params["serverName"]
    nid = _node_id(ac, node)
    if nid is None:
        raise CommandValidationException(M.NODE_NOT_FOUND % node)
    sid = _server_id(ac, node, server)
    entry = _entry(ac, nid, server)
    if sid is None and entry is None:
        raise CommandValidationException(M.SERVER_NOT_FOUND % (server, ' on node "%s"' % node))
    stype = attr(ac, entry, "serverType") if entry else ""
    if stype in PROTECTED_SERVER_TYPES:
        raise CommandValidationException(M.PROTECTED_SERVER % (server, node, stype))
    _remove_all(ac, server_references(ac, node, server))
    if entry is not None:
        ac.remove(entry)
    if sid is not None:
        ac.remove(sid)  # the root of server.xml: the whole servers/<server>/ directory goes
    return DELETE_SERVER_RESULT


@command("cleanupNode", "NodeGroupCommands",
         params=[Param("nodeName", required=True, description="The name of the node to remove from the cell.")],
         description="Remove a node's configuration from the cell (the node directory, its servers' "
                     "references, node group membership and node-scoped security objects).")
def cleanup_node(ctx, target, params):
    ac = adminconfig(ctx)
    node = params["nodeName"]
    nid = _node_id(ac, node)
    if nid is None:
        if node not in node_names(ac):
            raise CommandValidationException(M.NODE_NOT_FOUND % node)
    servers = set(s for n, s, _sid in all_servers(ac) if n == node)
    for name, e in server_entries(ac, nid):
        if attr(ac, e, "serverType") == "DEPLOYMENT_MANAGER":
            raise CommandValidationException(M.DMGR_NODE % node)
        servers.add(name)
    refs = []
    for s in sorted(servers):
        refs += server_references(ac, node, s)
    for m in id_lines(ac.list("NodeGroupMember")):
        if attr(ac, m, "nodeName") == node:
            refs.append(m)
    refs += _scoped_objects(ac, "(cell):%s:(node):%s" % (_cell_name(ac), node))
    _remove_all(ac, refs)
    ac.remove(nid)  # the root of node.xml: the whole nodes/<node>/ directory goes
    return CLEANUP_NODE_RESULT


__all__ = ["cleanup_node", "delete_server", "server_references", "id_list"]
