"""PortManagement commands: listServerPorts, modifyServerPort, reportConfiguredPorts (wsadmin-semantics.md
§5.3 "Ports").

Ports live in ``cells/C/nodes/N/serverindex.xml``: ServerEntry(serverName, serverType) ->
specialEndpoints NamedEndPoint(endPointName) -> endPoint EndPoint(host, port).  Read through
harness.scripting.admintask.cellfacts (a server's own node only, or each node once for the cell-wide report); written through
AdminConfig's editor."""

import re

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import CommandValidationException
from harness.config.configid import looks_like_id
from harness.scripting.admintask import cellfacts
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.framework import command, command_group

command_group("PortManagement", "Commands for managing the ports (end points) of servers.")

# S.REPORT_PORTS_LINE made positional, its fields being (name, host, port) in that order (tests/test_cellfacts.py
# holds it to the named format): the cell-wide report formats one line per endpoint of the cell, and a tuple formats
# in half the time of a dict
_LINE_BY_POSITION = re.sub(r"%\((\w+)\)", "%", S.REPORT_PORTS_LINE)


def find_server_entry(facts, server, node_name):
    """(nodeName, ServerEntry) for a server name (or a Server config ID) and an optional node name: the one
    rule of cellfacts.find_server over the servers of serverindex.xml."""
    if server and looks_like_id(server):
        node_of_id, obj = facts.server_location(server)
        if node_of_id is None:
            raise CommandValidationException(M.SERVER_NOT_FOUND % (server, ""))
        name = facts.text(obj, "name")
        if node_name and node_name != node_of_id:
            raise CommandValidationException(M.SERVER_NOT_FOUND % (name, cellfacts.server_where(node_name)))
        server, node_name = name, node_of_id
    return facts.find_server(server, node_name, "entry")


@command(
    "listServerPorts",
    "PortManagement",
    target="required",
    params=[
        Param(
            "nodeName",
            description="The name of the node of the server; needed only when the server name is not unique in the cell.",
        )
    ],
    target_description="The name of the server.",
    description="Displays the ports (named end points) of a server.",
)
def list_server_ports(ctx, target, params):
    facts = cellfacts.of(ctx)
    node, entry = find_server_entry(facts, target, params["nodeName"])
    server = facts.text(entry, "serverName")
    return [
        S.LIST_SERVER_PORTS_LINE % {"name": name, "host": host, "node": node, "port": port, "server": server}
        for name, host, port in facts.endpoint_values(entry)
    ]


@command(
    "modifyServerPort",
    "PortManagement",
    target="optional",
    params=[
        Param(
            "nodeName",
            description="The name of the node of the server; needed only when the server name is not unique in the cell.",
        ),
        Param("endPointName", required=True, description="The name of the end point to modify."),
        Param("host", description="The new host of the end point (default: unchanged)."),
        Param("port", "Integer", required=True, description="The new port of the end point."),
        Param(
            "modifyShared",
            "Boolean",
            default="false",
            description="Modify the port even when it is shared by several transport chains.",
        ),
        Param("serverConfigObject", description="The configuration ID of the server (instead of the target object)."),
    ],
    target_description="The name of the server.",
    description="Modifies the host and port of a named end point of a server.",
)
def modify_server_port(ctx, target, params):
    facts = cellfacts.of(ctx)
    server = target if target is not None else params["serverConfigObject"]
    if not server:
        raise CommandValidationException(M.PORTS_NO_SERVER)
    port = params["port"]
    lo, hi = S.MODIFY_SERVER_PORT_RANGE
    if not lo <= port <= hi:
        raise CommandValidationException(M.PORTS_BAD_PORT % (port, lo, hi))
    node, entry = find_server_entry(facts, server, params["nodeName"])
    name = params["endPointName"]
    match = [(ne, ep) for ep_name, ne, ep in facts.endpoints(entry) if ep_name == name]
    if not match:
        raise CommandValidationException(M.PORTS_ENDPOINT_NOT_FOUND % (name, facts.text(entry, "serverName"), node))
    ne, ep = match[0]
    host = params["host"]
    if ep is None:
        facts.create("EndPoint", ne, [("host", host if host is not None else "*"), ("port", str(port))])
        return S.MODIFY_SERVER_PORT_RESULT
    changes = []
    if host is not None and host != facts.text(ep, "host"):
        changes.append(("host", host))
    if str(port) != facts.text(ep, "port"):
        changes.append(("port", str(port)))
    if changes:
        facts.modify(ep, changes)
    return S.MODIFY_SERVER_PORT_RESULT


@command(
    "reportConfiguredPorts",
    "PortManagement",
    params=[Param("node", description="The name of the node whose ports are reported (default: every node of the cell).")],
    description="Reports the ports (named end points) configured for every server of the cell or of a node.",
)
def report_configured_ports(ctx, target, params):
    """Per server: S.REPORT_PORTS_HEADER, then S.REPORT_PORTS_LINE per NamedEndPoint (one scripting call
    for the caller; the harness reads each node's serverindex.xml once, cellfacts.server_index, and keeps none)."""
    facts = cellfacts.of(ctx)
    want = params["node"]
    if want and facts.node(want) is None:
        raise CommandValidationException(M.NODE_NOT_FOUND % want)
    out = []
    for node_name, node in facts.nodes():
        if want and node_name != want:
            continue
        for host, servers in facts.server_index(node):
            for server, _type, endpoints in servers:
                if out:
                    out.append(S.REPORT_PORTS_SERVER_SEPARATOR)
                out.append(S.REPORT_PORTS_HEADER % {"server": server, "node": node_name, "host": host})
                out.extend((_LINE_BY_POSITION % ep).rstrip() for ep in endpoints)
    return out
