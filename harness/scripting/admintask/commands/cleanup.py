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

Read through harness.scripting.admintask.cellfacts, removed through AdminConfig's editor (workspace until save; reset undoes it).
The existing deleteSIBus (sib.py) removes a bus with its members and messaging engines.
"""

from harness.base import messages as M
from harness.base.errors import CommandValidationException
from harness.scripting.admintask import cellfacts
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.framework import command

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


def _remove_all(facts, objs):
    done = set()
    for o in objs:
        if o in done:
            continue
        done.add(o)
        facts.remove(o)


def _with(facts, typename, **values):
    """The objects of typename whose attributes have these values (a cell-wide question)."""
    return [o for o in facts.objects(typename) if all(facts.text(o, k) == v for k, v in values.items())]


def _scoped_objects(facts, prefix):
    """ManagementScopes whose scopeName is prefix or below it, and the objects in those scopes."""
    scopes = [
        ms
        for ms in facts.objects("ManagementScope")
        if facts.text(ms, "scopeName") == prefix or facts.text(ms, "scopeName").startswith(prefix + ":")
    ]
    if not scopes:
        return []
    keys = set(scopes)
    out = []
    for t in SCOPED_TYPES:
        for o in facts.objects(t):
            ms = facts.ref(o, "managementScope")
            if ms is not None and ms in keys and ms.doc is o.doc:
                out.append(o)
    return out + scopes


def server_references(facts, node, server):
    """Objects outside the server's own directory that name the server (removed by deleteServer), in removal
    order: mappings before their targets, scoped objects before their scopes."""
    out = _with(facts, "CoreGroupServer", nodeName=node, serverName=server)
    out += _with(facts, "ClusterMember", nodeName=node, memberName=server)
    targets = _with(facts, "ServerTarget", nodeName=node, name=server)
    if targets:
        keys = set(targets)
        out += [m for m in facts.objects("DeploymentTargetMapping") if facts.ref(m, "target") in keys]
        out += targets
    out += _with(facts, "SIBusMember", node=node, server=server)
    out += _scoped_objects(facts, "(cell):%s:(node):%s:(server):%s" % (facts.cell_name(), node, server))
    return out


@command(
    "deleteServer",
    "ServerManagement",
    params=[
        Param("serverName", required=True, description="The name of the server to delete."),
        Param("nodeName", required=True, description="The name of the node of the server."),
    ],
    description="Delete a server: its configuration directory, its server index entry, core group and "
    "cluster membership, deployment targets and server-scoped security objects.",
)
def delete_server(ctx, target, params):
    facts = cellfacts.of(ctx)
    node_name, server = params["nodeName"], params["serverName"]
    node = facts.node(node_name)
    if node is None:
        raise CommandValidationException(M.NODE_NOT_FOUND % node_name)
    obj = facts.server(node_name, server)
    entry = facts.entry(node, server)
    if obj is None and entry is None:
        raise CommandValidationException(M.SERVER_NOT_FOUND % (server, cellfacts.server_where(node_name)))
    stype = facts.text(entry, "serverType") if entry is not None else ""
    if stype in PROTECTED_SERVER_TYPES:
        raise CommandValidationException(M.PROTECTED_SERVER % (server, node_name, stype))
    _remove_all(facts, server_references(facts, node_name, server))
    if entry is not None:
        facts.remove(entry)
    if obj is not None:
        facts.remove(obj)  # the root of server.xml: the whole servers/<server>/ directory goes
    return DELETE_SERVER_RESULT


@command(
    "cleanupNode",
    "NodeGroupCommands",
    params=[Param("nodeName", required=True, description="The name of the node to remove from the cell.")],
    description="Remove a node's configuration from the cell (the node directory, its servers' "
    "references, node group membership and node-scoped security objects).",
)
def cleanup_node(ctx, target, params):
    facts = cellfacts.of(ctx)
    node_name = params["nodeName"]
    node = facts.node(node_name)
    if node is None:
        raise CommandValidationException(M.NODE_NOT_FOUND % node_name)
    servers = set(name for name, _d, filename in facts.server_names(node) if filename == "server.xml")
    for name, e in facts.entries(node):
        if facts.text(e, "serverType") == "DEPLOYMENT_MANAGER":
            raise CommandValidationException(M.DMGR_NODE % node_name)
        servers.add(name)
    refs = []
    for s in sorted(servers):
        refs += server_references(facts, node_name, s)
    refs += _with(facts, "NodeGroupMember", nodeName=node_name)
    refs += _scoped_objects(facts, "(cell):%s:(node):%s" % (facts.cell_name(), node_name))
    _remove_all(facts, refs)
    facts.remove(node)  # the root of node.xml: the whole nodes/<node>/ directory goes
    return CLEANUP_NODE_RESULT


__all__ = ["cleanup_node", "delete_server", "server_references"]
