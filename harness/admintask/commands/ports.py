"""PortManagement commands: listServerPorts, modifyServerPort, reportConfiguredPorts (wsadmin-semantics.md
§5.3 "Ports").

Ports live in ``cells/C/nodes/N/serverindex.xml``: ServerEntry(serverName, serverType) ->
specialEndpoints NamedEndPoint(endPointName) -> endPoint EndPoint(host, port).  All reads and writes go
through the session's AdminConfig object."""

from harness import messages as M
from harness import wsadmin_semantics as S
from harness.configid import looks_like_id, parse_id
from harness.errors import CommandValidationException

from ..args import Param
from ..framework import command, command_group
from .servers import SERVER_INDEX_FILE, adminconfig, attr, id_lines, id_list, nodes, server_entries, server_location

command_group("PortManagement", "Commands for managing the ports (end points) of servers.")


def find_server_entry(ac, server, node_name, command_name):
    """(nodeName, ServerEntryId) for a server name (or a Server config ID) and an optional node name.

    Raises for an unknown node, an unknown server and a server name that is not unique in the cell
    when no node is given."""
    if server and looks_like_id(server):
        node_of_id, name = server_location(ac, server)
        if node_of_id is None:
            raise CommandValidationException(M.SERVER_NOT_FOUND % (server, ""))
        if node_name and node_name != node_of_id:
            raise CommandValidationException(M.SERVER_NOT_FOUND % (name, ' on node "%s"' % node_name))
        server, node_name = name, node_of_id
    all_nodes = nodes(ac)
    if node_name and not any(n == node_name for n, _ in all_nodes):
        raise CommandValidationException(M.NODE_NOT_FOUND % node_name)
    hits = []
    for n, nid in all_nodes:
        if node_name and n != node_name:
            continue
        for name, entry in server_entries(ac, nid):
            if name == server:
                hits.append((n, entry))
    if not hits:
        where = ' on node "%s"' % node_name if node_name else ""
        raise CommandValidationException(M.SERVER_NOT_FOUND % (server, where))
    if len(hits) > 1:
        raise CommandValidationException(
            M.SERVER_AMBIGUOUS % (server, ", ".join(sorted(n for n, _ in hits))))
    return hits[0]


def endpoints(ac, entry):
    """[(endPointName, NamedEndPointId, EndPointId)] in serverindex.xml order."""
    out = []
    for ne in id_list(ac.showAttribute(entry, "specialEndpoints")):
        ep = attr(ac, ne, "endPoint")
        out.append((attr(ac, ne, "endPointName"), ne, ep or None))
    return out


@command("listServerPorts", "PortManagement", target="required",
         params=[Param("nodeName", description="The name of the node of the server; needed only when the "
                                                  "server name is not unique in the cell.")],
         target_description="The name of the server.",
         description="Displays the ports (named end points) of a server.")
def list_server_ports(ctx, target, params):
    ac = adminconfig(ctx)
    node, entry = find_server_entry(ac, target, params["nodeName"], "listServerPorts")
    server = attr(ac, entry, "serverName")
    out = []
    for name, _ne, ep in endpoints(ac, entry):
        host = attr(ac, ep, "host") if ep else ""
        port = attr(ac, ep, "port") if ep else ""
        out.append(S.LIST_SERVER_PORTS_LINE % {"name": name, "host": host, "node": node, "port": port,
                                               "server": server})
    return out


@command("modifyServerPort", "PortManagement", target="optional",
         params=[Param("nodeName", description="The name of the node of the server; needed only when the "
                                                  "server name is not unique in the cell."),
                 Param("endPointName", required=True, description="The name of the end point to modify."),
                 Param("host", description="The new host of the end point (default: unchanged)."),
                 Param("port", "Integer", required=True, description="The new port of the end point."),
                 Param("modifyShared", "Boolean", default="false",
                       description="Modify the port even when it is shared by several transport chains."),
                 Param("serverConfigObject", description="The configuration ID of the server (instead of the "
                                                            "target object).")],
         target_description="The name of the server.",
         description="Modifies the host and port of a named end point of a server.")
def modify_server_port(ctx, target, params):
    ac = adminconfig(ctx)
    server = target if target is not None else params["serverConfigObject"]
    if not server:
        raise CommandValidationException(M.PORTS_NO_SERVER)
    port = params["port"]
    lo, hi = S.MODIFY_SERVER_PORT_RANGE
    if not lo <= port <= hi:
        raise CommandValidationException(M.PORTS_BAD_PORT % (port, lo, hi))
    node, entry = find_server_entry(ac, server, params["nodeName"], "modifyServerPort")
    name = params["endPointName"]
    match = [(ne, ep) for ep_name, ne, ep in endpoints(ac, entry) if ep_name == name]
    if not match:
        raise CommandValidationException(
            M.PORTS_ENDPOINT_NOT_FOUND % (name, attr(ac, entry, "serverName"), node))
    ne, ep = match[0]
    changes = []
    host = params["host"]
    if ep is None:
        ac.create("EndPoint", ne, [["host", host if host is not None else "*"], ["port", str(port)]])
        return S.MODIFY_SERVER_PORT_RESULT
    if host is not None and host != attr(ac, ep, "host"):
        changes.append(["host", host])
    if str(port) != attr(ac, ep, "port"):
        changes.append(["port", str(port)])
    if changes:
        ac.modify(ep, changes)
    return S.MODIFY_SERVER_PORT_RESULT


@command("reportConfiguredPorts", "PortManagement",
         params=[Param("node", description="The name of the node whose ports are reported (default: every node "
                                              "of the cell).")],
         description="Reports the ports (named end points) configured for every server of the cell or of a node.")
def report_configured_ports(ctx, target, params):
    """Per server: S.REPORT_PORTS_HEADER, then S.REPORT_PORTS_LINE per NamedEndPoint (one scripting call
    for the caller; the harness reads every node's serverindex.xml through AdminConfig)."""
    ac = adminconfig(ctx)
    want = params["node"]
    all_nodes = nodes(ac)
    if want and not any(n == want for n, _ in all_nodes):
        raise CommandValidationException(M.NODE_NOT_FOUND % want)
    out = []
    for node, nid in all_nodes:
        if want and node != want:
            continue
        for si in id_lines(ac.list("ServerIndex", nid)):
            if parse_id(si).filename != SERVER_INDEX_FILE:
                continue
            host = attr(ac, si, "hostName")
            for entry in id_list(ac.showAttribute(si, "serverEntries")):
                if out:
                    out.append(S.REPORT_PORTS_SERVER_SEPARATOR)
                out.append(S.REPORT_PORTS_HEADER % {"server": attr(ac, entry, "serverName"), "node": node,
                                                    "host": host})
                for name, _ne, ep in endpoints(ac, entry):
                    line = S.REPORT_PORTS_LINE % {"name": name, "host": attr(ac, ep, "host") if ep else "",
                                                  "port": attr(ac, ep, "port") if ep else ""}
                    out.append(line.rstrip())
    return out
