"""ServerManagement / node commands: listServers, listNodes, showServerInfo (wsadmin-semantics.md §5.3
"Servers").  They read the cell through harness.scripting.admintask.cellfacts (typed objects, only the documents a question
needs: a node's serverindex.xml for server types, the start tag of each server.xml for server names)."""

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import CommandValidationException
from harness.config.configid import format_document_id, looks_like_id
from harness.scripting.admintask import cellfacts
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.formats import java_map
from harness.scripting.admintask.framework import command, command_group

command_group("ServerManagement", "Commands for managing servers.")
command_group("NodeGroupCommands", "Commands for managing nodes and node groups.")


# --------------------------------------------------------------------------------------------------
# commands
# --------------------------------------------------------------------------------------------------


@command(
    "listServers",
    "ServerManagement",
    params=[
        Param("serverType", description="The type of the servers to list (e.g. APPLICATION_SERVER)."),
        Param("nodeName", description="The name of the node whose servers are listed."),
    ],
    description="Lists the servers in the configuration (document-level Server configuration IDs).",
)
def list_servers(ctx, target, params):
    facts = cellfacts.of(ctx)
    want_type, want_node = params["serverType"], params["nodeName"]
    out = []
    for node_name, node in facts.nodes():
        if want_node and node_name != want_node:
            continue
        types = {}
        if want_type:
            for _host, servers in facts.server_index(node, endpoints=False):
                for name, server_type, _endpoints in servers:
                    types[name] = server_type  # a name twice: the last entry, as dict(facts.entries) had
        for name, docdir, filename in facts.server_names(node):
            if want_type and types.get(name) != want_type:
                continue
            # listServers answers document-level IDs [L] (wsadmin-semantics.md 12)
            out.append(format_document_id(name, docdir, filename))
    if want_node and facts.node(want_node) is None and S.LIST_SERVERS_UNKNOWN_NODE_RAISES:
        raise CommandValidationException(M.NODE_NOT_FOUND % want_node)
    return sorted(set(out))


@command(
    "listNodes",
    "NodeGroupCommands",
    params=[Param("nodeGroup", description="The name of the node group whose member nodes are listed.")],
    description="Lists the names of the nodes in the cell (or in a node group), sorted.",
)
def list_nodes(ctx, target, params):
    facts = cellfacts.of(ctx)
    group = params["nodeGroup"]
    if group:
        found = [g for g in facts.objects("NodeGroup") if facts.text(g, "name") == group]
        if not found:
            raise CommandValidationException(M.NODEGROUP_NOT_FOUND % group)
        names = [facts.text(m, "nodeName") for m in facts.children(found[0], "members")]
    else:
        names = facts.node_names()
    return sorted(set(n for n in names if n))


@command(
    "showServerInfo",
    "ServerManagement",
    target="required",
    target_description="The configuration ID of the server.",
    description="Shows the cell, node, server name, server type and product version of a server.",
)
def show_server_info(ctx, target, params):
    facts = cellfacts.of(ctx)
    if not looks_like_id(target):
        raise CommandValidationException(M.SERVER_INFO_NOT_SERVER % target)
    node_name, server = facts.server_location(target)
    if node_name is None:
        raise CommandValidationException(M.SERVER_INFO_NOT_SERVER % target)
    name = facts.text(server, "name")
    node = facts.node(node_name)
    meta = facts.node_metadata(node) if node is not None else {}
    entry = facts.entry(node, name) if node is not None else None
    values = {
        "cell": facts.cell_name(),
        "serverType": facts.text(entry, "serverType") if entry is not None else "",
        "com.ibm.websphere.baseProductVersion": meta.get("com.ibm.websphere.baseProductVersion"),
        "node": node_name,
        "server": name,
    }
    return java_map([(k, values[k]) for k in S.SHOW_SERVER_INFO_KEYS if values[k] is not None])
