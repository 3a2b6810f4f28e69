"""AdminTask commands (harness/scripting/admintask/commands): PortManagement, ServerManagement, SIBAdminCommands.

Sessions are built like the launcher builds them (harness.launcher.session.make_session) over private copies of
the Sametime sample cell and the real WAS 8.5.5 base config."""

import difflib
import os
import re

import pytest
from conftest import snapshot

from harness.base import messages as M
from harness.base.errors import CommandValidationException, ScriptingException
from harness.launcher.session import make_session

CELL = "stconsoleSSCCell1"
C = "cells/" + CELL
PROXY_NODE = "stproxySTPNode1"
PROXY_INDEX = os.path.join("cells", CELL, "nodes", PROXY_NODE, "serverindex.xml")


def srv(node, server, xmiid):
    return "%s(%s/nodes/%s/servers/%s|server.xml#%s)" % (server, C, node, server, xmiid)


CONSOLE = srv("stconsoleSSCNode1", "STConsoleServer", "Server_1183122130078")
MEDIA = srv("stmediaSTMSNode1", "STMediaServer", "Server_1183122130078")
HTTPPROXY = srv("stmeetingSTMNode1", "STMeetingHttpProxy", "Server_1165511735772")
MEETING = srv("stmeetingSTMNode1", "STMeetingServer", "Server_1183122130078")
PROXY = srv(PROXY_NODE, "STProxyServer", "Server_1183122130078")
DMGR = srv("DMgrNode", "dmgr", "Server_1")
AGENTS = [
    srv(n, "nodeagent", "Server_1120677326772")
    for n in ("stconsoleSSCNode1", "stmediaSTMSNode1", "stmeetingSTMNode1", PROXY_NODE)
]
NODES = ["DMgrNode", "stconsoleSSCNode1", "stmediaSTMSNode1", "stmeetingSTMNode1", PROXY_NODE]
BUS = "meeting_service_bus(%s/buses/meeting_service_bus|sib-bus.xml#SIBus_1367395200310)" % C

REAL_SERVER1 = "server1(cells/jennexNode01Cell/nodes/jennexNode01/servers/server1|server.xml#Server_1183122130078)"


def session(root, sep="\n"):
    s = make_session(root, "NONE", sep)
    return s.objects["AdminTask"], s.objects["AdminConfig"]


@pytest.fixture
def st(sample_config):
    at, ac = session(sample_config)
    return at, ac, sample_config


@pytest.fixture
def real(real_config):
    at, ac = session(real_config)
    return at, ac, real_config


def expected_ports(root, rel_index, server, node):
    """Independent oracle: the server's endpoints read from serverindex.xml with a regex."""
    with open(os.path.join(root, rel_index), encoding="utf-8") as f:
        text = f.read()
    block = re.search(r'<serverEntries [^>]*serverName="%s"[^>]*>(.*?)</serverEntries>' % re.escape(server), text, re.S).group(1)
    eps = re.findall(r'endPointName="([^"]+)">\s*<endPoint [^>]*host="([^"]*)" port="(\d+)"', block)
    return ["[[%s [ [host %s] [node %s] [port %s] [server %s] ]] ]" % (n, h, node, p, server) for n, h, p in eps]


def read(root, rel):
    with open(os.path.join(root, rel), "rb") as f:
        return f.read()


# ---------------------------------------------------------------------------------------------
# registration
# ---------------------------------------------------------------------------------------------


def test_commands_registered_in_groups():
    from harness.scripting.admintask import DEFAULT_REGISTRY as R

    groups = {
        n: R.get(n).group
        for n in (
            "listServerPorts",
            "modifyServerPort",
            "listServers",
            "listNodes",
            "showServerInfo",
            "listSIBuses",
            "showSIBus",
            "deleteSIBus",
        )
    }
    assert groups == {
        "listServerPorts": "PortManagement",
        "modifyServerPort": "PortManagement",
        "listServers": "ServerManagement",
        "listNodes": "NodeGroupCommands",
        "showServerInfo": "ServerManagement",
        "listSIBuses": "SIBAdminCommands",
        "showSIBus": "SIBAdminCommands",
        "deleteSIBus": "SIBAdminCommands",
    }
    assert [p.name for p in R.get("modifyServerPort").params] == [
        "nodeName",
        "endPointName",
        "host",
        "port",
        "modifyShared",
        "serverConfigObject",
    ]
    assert [p.name for p in R.get("listServerPorts").params] == ["nodeName"]
    assert [p.name for p in R.get("listServers").params] == ["serverType", "nodeName"]


def test_plain_import_registers_commands():
    import harness.scripting.admintask as at_pkg

    assert at_pkg.DEFAULT_REGISTRY.get("listServerPorts") is not None
    assert "modifyServerPort" in dir(at_pkg.AdminTask(None))


# ---------------------------------------------------------------------------------------------
# listServers / listNodes / showServerInfo
# ---------------------------------------------------------------------------------------------


def doc_ids(ids):
    """listServers answers document-level IDs: the Server IDs without their #fragment."""
    return "\n".join(i.split("#")[0] + ")" for i in ids.splitlines())


def test_list_servers_all_and_filtered(st):
    at, _ac, _ = st
    assert at.listServers() == doc_ids("\n".join(sorted([CONSOLE, MEDIA, HTTPPROXY, MEETING, PROXY, DMGR] + AGENTS)))
    apps = "\n".join([CONSOLE, MEDIA, MEETING, PROXY])
    assert at.listServers("[-serverType APPLICATION_SERVER]") == doc_ids(apps)
    assert at.listServers("-serverType APPLICATION_SERVER") == doc_ids(apps)
    assert at.listServers(["-serverType", "APPLICATION_SERVER"]) == doc_ids(apps)
    assert at.listServers("[-serverType NODE_AGENT]") == doc_ids("\n".join(AGENTS))
    assert at.listServers("[-serverType PROXY_SERVER]") == doc_ids(HTTPPROXY)
    assert at.listServers("[-serverType DEPLOYMENT_MANAGER]") == doc_ids(DMGR)
    assert at.listServers("[-serverType APPLICATION_SERVER -nodeName %s]" % PROXY_NODE) == doc_ids(PROXY)
    assert at.listServers(["-nodeName stmeetingSTMNode1"]) == doc_ids("\n".join([HTTPPROXY, MEETING, AGENTS[2]]))
    assert at.listServers("[-nodeName noSuchNode]") == ""
    assert at.listServers("[-serverType WEB_SERVER]") == ""


def test_list_servers_real_and_windows_separator(real_config):
    at, _ac = session(real_config, "\r\n")
    assert at.listServers() == doc_ids(REAL_SERVER1)
    assert at.listServers("[-serverType APPLICATION_SERVER -nodeName jennexNode01]") == doc_ids(REAL_SERVER1)
    assert at.listNodes() == "jennexNode01"


def test_list_nodes(st):
    at, _ac, _ = st
    assert at.listNodes() == "\n".join(NODES)
    assert at.listNodes("[-nodeGroup DefaultNodeGroup]") == "\n".join(NODES)
    assert at.listNodes(["-nodeGroup", "DefaultNodeGroup"]) == "\n".join(NODES)
    with pytest.raises(CommandValidationException) as ei:
        at.listNodes("[-nodeGroup nope]")
    assert ei.value.message == M.NODEGROUP_NOT_FOUND % "nope"


def test_show_server_info(st, real):
    at, ac, _ = st
    assert at.showServerInfo(PROXY) == (
        "{cell=%s, serverType=APPLICATION_SERVER, "
        "com.ibm.websphere.baseProductVersion=8.5.5.9, node=%s, "
        "server=STProxyServer}" % (CELL, PROXY_NODE)
    )
    assert at.showServerInfo(ac.getid("/Node:DMgrNode/Server:dmgr/")) == (
        "{cell=%s, serverType=DEPLOYMENT_MANAGER, com.ibm.websphere.baseProductVersion=8.5.5.9, "
        "node=DMgrNode, server=dmgr}" % CELL
    )
    assert at.showServerInfo(HTTPPROXY).startswith("{cell=%s, serverType=PROXY_SERVER, " % CELL)
    rat, _rac, _ = real
    assert rat.showServerInfo(REAL_SERVER1) == (
        "{cell=jennexNode01Cell, serverType=APPLICATION_SERVER, com.ibm.websphere.baseProductVersion=8.5.5.9, "
        "node=jennexNode01, server=server1}"
    )


def test_show_server_info_without_metadata_and_errors(st):
    at, ac, root = st
    os.remove(os.path.join(root, C, "nodes", PROXY_NODE, "node-metadata.properties"))
    at, ac = session(root)
    assert at.showServerInfo(PROXY) == (
        "{cell=%s, serverType=APPLICATION_SERVER, node=%s, server=STProxyServer}" % (CELL, PROXY_NODE)
    )
    with pytest.raises(CommandValidationException):
        at.showServerInfo(ac.getid("/Node:%s/" % PROXY_NODE))
    with pytest.raises(CommandValidationException):
        at.showServerInfo("STProxyServer")
    with pytest.raises(CommandValidationException):
        at.showServerInfo()  # target required


# ---------------------------------------------------------------------------------------------
# listServerPorts
# ---------------------------------------------------------------------------------------------


def test_list_server_ports_exact(st):
    at, _ac, root = st
    out = at.listServerPorts("STProxyServer")
    lines = out.split("\n")
    assert lines == expected_ports(root, PROXY_INDEX, "STProxyServer", PROXY_NODE)
    assert len(lines) == 20
    assert lines[0] == (
        "[[BOOTSTRAP_ADDRESS [ [host stproxy.example.com] [node stproxySTPNode1] [port 2809] [server STProxyServer] ]] ]"
    )
    assert lines[7] == "[[WC_defaulthost [ [host *] [node stproxySTPNode1] [port 9080] [server STProxyServer] ]] ]"
    assert "[[IPC_CONNECTOR_ADDRESS [ [host ${LOCALHOST_NAME}] [node stproxySTPNode1] [port 9633]" in out
    assert not out.endswith("\n")
    # same result with -nodeName, bracketed or not, list form, and with the Server config ID as target
    assert at.listServerPorts("STProxyServer", "[-nodeName %s]" % PROXY_NODE) == out
    assert at.listServerPorts("STProxyServer", "-nodeName %s" % PROXY_NODE) == out
    assert at.listServerPorts("STProxyServer", ["-nodeName", PROXY_NODE]) == out
    assert at.listServerPorts(PROXY) == out


def test_list_server_ports_satisfies_quoted_parsers(st):
    at, _ac, _ = st
    lines = at.listServerPorts("STProxyServer").splitlines()
    # 2015 script (id 21263732871): endpoint name = line[2:line.find('[host ')-3]
    names = [line[2 : line.find("[host ") - 3] for line in lines]
    assert names[:3] == ["BOOTSTRAP_ADDRESS", "SOAP_CONNECTOR_ADDRESS", "ORB_LISTENER_ADDRESS"]
    # script id 45540596234: line 0 of SOAP-first output, '[ ' -> '[', strip the name prefix, host first
    soap = [line for line in lines if "SOAP_CONNECTOR_ADDRESS" in line][0]
    rest = soap.replace("[ ", "[")[len("[[SOAP_CONNECTOR_ADDRESS ") :]
    assert rest.startswith("[[host stproxy.example.com] [node stproxySTPNode1] [port 8880]")
    for line in lines:  # balanced brackets per line
        assert line.count("[") == line.count("]")


def test_list_server_ports_real_windows_separator(real_config):
    at, _ac = session(real_config, "\r\n")
    rel = os.path.join("cells", "jennexNode01Cell", "nodes", "jennexNode01", "serverindex.xml")
    out = at.listServerPorts("server1")
    assert out.split("\r\n") == expected_ports(real_config, rel, "server1", "jennexNode01")
    assert "\n" not in out.replace("\r\n", "")


def test_list_server_ports_errors(st):
    at, _ac, _ = st
    with pytest.raises(CommandValidationException) as ei:
        at.listServerPorts("nodeagent")
    assert ei.value.message == M.SERVER_AMBIGUOUS % (
        "nodeagent",
        "stconsoleSSCNode1, stmediaSTMSNode1, stmeetingSTMNode1, stproxySTPNode1",
    )
    assert at.listServerPorts("nodeagent", "[-nodeName %s]" % PROXY_NODE).splitlines()[0] == (
        "[[BOOTSTRAP_ADDRESS [ [host stproxy.example.com] [node stproxySTPNode1] [port 2810] [server nodeagent] ]] ]"
    )
    with pytest.raises(CommandValidationException) as ei:
        at.listServerPorts("noSuchServer")
    assert ei.value.message == 'ADMG0250E: Server "noSuchServer" is not found.'
    assert str(ei.value).startswith("com.ibm.websphere.management.cmdframework.CommandValidationException: ADMG0250E")
    with pytest.raises(CommandValidationException) as ei:
        at.listServerPorts("STProxyServer", "[-nodeName stmeetingSTMNode1]")
    assert ei.value.message == 'ADMG0250E: Server "STProxyServer" is not found on node "stmeetingSTMNode1".'
    with pytest.raises(CommandValidationException) as ei:
        at.listServerPorts("STProxyServer", "[-nodeName noSuchNode]")
    assert ei.value.message == M.NODE_NOT_FOUND % "noSuchNode"
    with pytest.raises(CommandValidationException):
        at.listServerPorts()  # target required
    with pytest.raises(CommandValidationException):
        at.listServerPorts("STProxyServer", "[-bogus x]")


# ---------------------------------------------------------------------------------------------
# modifyServerPort
# ---------------------------------------------------------------------------------------------


def _diff(before, after):
    return [
        d
        for d in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
        if not d.startswith(("---", "+++", "@@"))
    ]


def test_modify_server_port_changes_exactly_that_line(st):
    at, ac, root = st
    before = snapshot(root)
    r = at.modifyServerPort(
        "STProxyServer", "[-nodeName %s -endPointName WC_defaulthost -host * -port 80 -modifyShared true]" % PROXY_NODE
    )
    assert r == ""
    assert snapshot(root) == before  # nothing on disk before save
    assert ac.save() == ""
    after = snapshot(root)
    assert [k for k in after if after[k] != before[k]] == [PROXY_INDEX]
    assert set(after) == set(before)
    assert _diff(before[PROXY_INDEX], after[PROXY_INDEX]) == [
        '-      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
        '+      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="80"/>',
    ]
    # a fresh session sees the change
    at2, _ = session(root)
    assert (
        "[[WC_defaulthost [ [host *] [node stproxySTPNode1] [port 80] [server STProxyServer] ]] ]"
        in at2.listServerPorts("STProxyServer").splitlines()
    )


def test_modify_server_port_list_form_host_kept_and_changed(st):
    at, ac, root = st
    before = read(root, PROXY_INDEX)
    assert at.modifyServerPort("STProxyServer", ["-endPointName", "SOAP_CONNECTOR_ADDRESS", "-port", "8881"]) == ""
    assert at.modifyServerPort("STProxyServer", ["-endPointName WC_adminhost -host admin.example.com -port 9061"]) == ""
    line = [x for x in at.listServerPorts("STProxyServer").splitlines() if "SOAP_CONNECTOR_ADDRESS" in x][0]
    assert line == (
        "[[SOAP_CONNECTOR_ADDRESS [ [host stproxy.example.com] [node stproxySTPNode1] [port 8881] [server STProxyServer] ]] ]"
    )
    ac.save()
    assert _diff(before, read(root, PROXY_INDEX)) == [
        '-      <endPoint xmi:id="EndPoint_1183122129641" host="stproxy.example.com" port="8880"/>',
        '+      <endPoint xmi:id="EndPoint_1183122129641" host="stproxy.example.com" port="8881"/>',
        '-      <endPoint xmi:id="EndPoint_1183122129646" host="*" port="9060"/>',
        '+      <endPoint xmi:id="EndPoint_1183122129646" host="admin.example.com" port="9061"/>',
    ]


def test_modify_server_port_same_value_is_no_change(st):
    at, ac, _ = st
    at.modifyServerPort("STProxyServer", "[-endPointName WC_defaulthost -host * -port 9080]")
    assert ac.hasChanges() == 0


def test_modify_server_port_server_config_object(st):
    at, ac, _ = st
    assert at.modifyServerPort("[-serverConfigObject %s -endPointName WC_defaulthost -port 81]" % PROXY) == ""
    assert "[port 81]" in [x for x in at.listServerPorts("STProxyServer").splitlines() if "WC_defaulthost " in x][0]


def test_modify_server_port_real(real):
    at, ac, root = real
    rel = os.path.join("cells", "jennexNode01Cell", "nodes", "jennexNode01", "serverindex.xml")
    before = read(root, rel)
    at.modifyServerPort("server1", "[-nodeName jennexNode01 -endPointName WC_defaulthost -port 9081]")
    ac.save()
    assert _diff(before, read(root, rel)) == [
        '-      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
        '+      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9081"/>',
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (("noSuchServer", "[-endPointName WC_defaulthost -port 80]"), 'ADMG0250E: Server "noSuchServer" is not found.'),
        (("nodeagent", "[-endPointName WC_defaulthost -port 80]"), None),
        (
            ("STProxyServer", "[-endPointName NO_SUCH_ENDPOINT -port 80]"),
            'ADMG0253E: End point "NO_SUCH_ENDPOINT" is not found for server "STProxyServer" on node "stproxySTPNode1".',
        ),
        (
            ("STProxyServer", "[-endPointName WC_defaulthost -port abc]"),
            'ADMF0012E: Invalid value "abc" for parameter port of command modifyServerPort; expected type Integer.',
        ),
        (
            ("STProxyServer", "[-endPointName WC_defaulthost -port 70000]"),
            'ADMG0254E: Port "70000" is not valid; specify a port number from 0 to 65535.',
        ),
        (
            ("STProxyServer", "[-endPointName WC_defaulthost -port -1]"),
            'ADMG0254E: Port "-1" is not valid; specify a port number from 0 to 65535.',
        ),
        (
            ("STProxyServer", "[-endPointName WC_defaulthost]"),
            "ADMF0002E: Required parameter port is not found for command modifyServerPort.",
        ),
        (
            ("STProxyServer", "[-port 80]"),
            "ADMF0002E: Required parameter endPointName is not found for command modifyServerPort.",
        ),
        (("[-endPointName WC_defaulthost -port 80]",), M.PORTS_NO_SERVER),
    ],
)
def test_modify_server_port_errors(st, args, message):
    at, ac, _ = st
    with pytest.raises(CommandValidationException) as ei:
        at.modifyServerPort(*args)
    if message is not None:
        assert ei.value.message == message
    assert ac.hasChanges() == 0


# ---------------------------------------------------------------------------------------------
# SIB
# ---------------------------------------------------------------------------------------------


def test_list_sibuses(st, real):
    at, ac, _ = st
    assert at.listSIBuses() == BUS
    assert ac.showAttribute(at.listSIBuses(), "name") == "meeting_service_bus"
    rat, _rac, _ = real
    assert rat.listSIBuses() == ""


def test_show_sibus(st):
    at, _ac, _ = st
    expected = (
        "{bootstrapMemberPolicy=SIBSERVICE_ENABLED, configurationReloadEnabled=true, "
        "description=Sametime Meeting Server service integration bus, discardMsgsAfterQueueDeletion=false, "
        "highMessageThreshold=50000, interEngineAuthAlias=, mediationsAuthAlias=, name=meeting_service_bus, "
        "protocol=InboundBasicMessaging, secure=false, securityGroupCacheTimeout=120, usePermittedChains=ALL, "
        "useServerIdForMediations=false, uuid=6072CFB9DC54DCF6}"
    )
    assert at.showSIBus("[-bus meeting_service_bus]") == expected
    assert at.showSIBus(["-bus", "meeting_service_bus"]) == expected
    with pytest.raises(CommandValidationException) as ei:
        at.showSIBus("[-bus nope]")
    assert ei.value.message == M.SIBUS_NOT_FOUND % "nope"
    with pytest.raises(CommandValidationException):
        at.showSIBus()


@pytest.mark.parametrize(
    "form",
    ["[-bus meeting_service_bus]", ["-bus meeting_service_bus"], ["-bus", "meeting_service_bus"], "-bus meeting_service_bus"],
)
def test_delete_sibus(st, form):
    at, ac, root = st
    before = snapshot(root)
    assert at.deleteSIBus(form) == ""
    assert at.listSIBuses() == ""
    assert ac.list("SIBMessagingEngine") == ""
    assert ac.list("SIBusMember") == ""
    ac.save()
    after = snapshot(root)
    bus_file = os.path.join("cells", CELL, "buses", "meeting_service_bus", "sib-bus.xml")
    engines = os.path.join("cells", CELL, "nodes", "stmeetingSTMNode1", "servers", "STMeetingServer", "sib-engines.xml")
    assert bus_file in before and bus_file not in after
    assert not os.path.exists(os.path.join(root, "cells", CELL, "buses", "meeting_service_bus"))
    assert set(before) - set(after) == {bus_file}
    assert [k for k in after if after[k] != before[k]] == [engines]
    assert b"SIBMessagingEngine" not in after[engines]
    # the SIB service of the member server is left as it was
    sib_service = os.path.join("cells", CELL, "nodes", "stmeetingSTMNode1", "servers", "STMeetingServer", "sib-service.xml")
    assert after[sib_service] == before[sib_service]
    # a fresh session agrees
    at2, ac2 = session(root)
    assert at2.listSIBuses() == ""
    assert ac2.list("SIBMessagingEngine") == ""


def test_delete_sibus_unknown(st):
    at, ac, _ = st
    with pytest.raises(ScriptingException) as ei:
        at.deleteSIBus("[-bus noSuchBus]")
    assert ei.value.message == M.SIBUS_NOT_FOUND % "noSuchBus"
    assert ac.hasChanges() == 0
    with pytest.raises(CommandValidationException) as ei:
        at.deleteSIBus()
    assert ei.value.message == "ADMF0002E: Required parameter bus is not found for command deleteSIBus."


def test_through_the_launcher_script(sample_config):
    """A -c run of the real launcher uses the same registry."""
    from conftest import run_wsadmin

    rc, out, err = run_wsadmin(
        [
            "-conntype",
            "NONE",
            "-configRoot",
            sample_config,
            "-lang",
            "jython",
            "-c",
            "print(AdminTask.listServerPorts('STProxyServer').splitlines()[7])",
        ],
        env={"STWAS_INTERPRETER": "cpython"},
    )
    assert rc == 0, out + err
    assert "[[WC_defaulthost [ [host *] [node stproxySTPNode1] [port 9080] [server STProxyServer] ]] ]" in out


# ---------------------------------------------------------------------------------------------
# ManagedObjectMetadata: getNodePlatformOS, getNodeBaseProductVersion (node-metadata.properties)
# ---------------------------------------------------------------------------------------------


def test_node_metadata_commands(real, st):
    at, _ac, _ = real
    assert at.getNodePlatformOS("[-nodeName jennexNode01]") == "linux"
    assert at.getNodeBaseProductVersion("-nodeName jennexNode01") == "8.5.5.9"
    at, _ac, _ = st
    assert at.getNodePlatformOS(["-nodeName", "stproxySTPNode1"]) == "linux"
    assert at.getNodeBaseProductVersion("[-nodeName DMgrNode]") == "8.5.5.9"
    with pytest.raises(CommandValidationException) as ei:
        at.getNodePlatformOS("[-nodeName noSuchNode]")
    assert ei.value.message == 'ADMG0252E: Node "noSuchNode" is not found.'
    with pytest.raises(CommandValidationException) as ei:
        at.getNodeBaseProductVersion()
    assert ei.value.message == "ADMF0002E: Required parameter nodeName is not found for command getNodeBaseProductVersion."


# ---------------------------------------------------------------------------------------------
# createApplicationServer / createProxyServer (from the cell's server templates)
# ---------------------------------------------------------------------------------------------


def test_create_application_server_from_the_template(real):
    at, ac, cfg = real
    before = snapshot(cfg)
    sid = at.createApplicationServer("jennexNode01", "[-name server2 -templateName default]")
    assert sid == "server2(cells/jennexNode01Cell/nodes/jennexNode01/servers/server2|server.xml#Server_1)"
    assert snapshot(cfg) == before  # nothing written before save()
    assert ac.showAttribute(sid, "serverType") == "APPLICATION_SERVER"
    assert ac.getid("/Node:jennexNode01/Server:server2/") == sid
    ports = {line.split()[0].strip("["): line for line in at.listServerPorts("server2").splitlines()}
    # genUniquePorts: the template's ports, moved past those server1 uses
    assert "[port 9081]" in ports["WC_defaulthost"] and "[host *]" in ports["WC_defaulthost"]
    assert "[port 8881]" in ports["SOAP_CONNECTOR_ADDRESS"] and "[host jennex]" in ports["SOAP_CONNECTOR_ADDRESS"]
    assert len(ports) == 20
    ac.save()
    after = snapshot(cfg)
    new = sorted(u for u in after if u not in before)
    assert "cells/jennexNode01Cell/nodes/jennexNode01/servers/server2/server.xml" in new
    assert len(new) == 14  # the template directory's documents
    changed = sorted(u for u in before if before[u] != after[u])
    assert changed == ["cells/jennexNode01Cell/nodes/jennexNode01/serverindex.xml"]


def test_create_server_errors(real):
    at, ac, cfg = real
    before = snapshot(cfg)
    cases = [
        (("jennexNode01", "[-name server1]"), 'ADMG0259E: Server "server1" already exists on node "jennexNode01".'),
        (("noSuchNode", "[-name s]"), 'ADMG0252E: Node "noSuchNode" is not found.'),
        (
            ("jennexNode01", "[-name s -templateName nope]"),
            'ADMG0264E: The server template "nope" of server type APPLICATION_SERVER is not found in the configuration.',
        ),
    ]
    for args, msg in cases:
        with pytest.raises(CommandValidationException) as ei:
            at.createApplicationServer(*args)
        assert ei.value.message == msg
    with pytest.raises(CommandValidationException) as ei:
        at.createProxyServer("jennexNode01", "[-name proxy1]")
    assert "proxy_server_foundation" in ei.value.message and "PROXY_SERVER" in ei.value.message
    with pytest.raises(CommandValidationException) as ei:
        at.createApplicationServer("jennexNode01")
    assert ei.value.message == "ADMF0002E: Required parameter name is not found for command createApplicationServer."
    assert ac.hasChanges() == 0
    assert snapshot(cfg) == before


def test_create_proxy_server_from_a_proxy_template(real):
    """A cell that has a PROXY_SERVER template (here: the application server template copied as one)."""
    import shutil

    at, ac, cfg = real
    src = os.path.join(cfg, "templates", "servertypes", "APPLICATION_SERVER")
    dst = os.path.join(cfg, "templates", "servertypes", "PROXY_SERVER")
    os.makedirs(os.path.join(dst, "servers"))
    shutil.copytree(os.path.join(src, "servers", "default"), os.path.join(dst, "servers", "proxy_server_foundation"))
    with open(os.path.join(src, "serverindex.xml"), encoding="utf-8") as f:
        text = f.read().replace('serverName="default"', 'serverName="proxy_server_foundation"', 1)
    with open(os.path.join(dst, "serverindex.xml"), "w", encoding="utf-8") as f:
        f.write(text)
    at, ac = session(cfg)
    sid = at.createProxyServer("jennexNode01", "[-name proxy1]")
    assert sid.startswith("proxy1(cells/jennexNode01Cell/nodes/jennexNode01/servers/proxy1|server.xml#")
    assert ac.showAttribute(sid, "serverType") == "PROXY_SERVER"


# ---------------------------------------------------------------------------------------------
# getCertificateChain
# ---------------------------------------------------------------------------------------------


def test_get_certificate_chain(st):
    at, _ac, _ = st
    out = at.getCertificateChain(
        "[-certificateAlias default -keyStoreName NodeDefaultKeyStore "
        "-keyStoreScope (cell):stconsoleSSCCell1:(node):stproxySTPNode1]"
    ).splitlines()
    assert len(out) == 2
    assert out[0].startswith("[[alias default] [version 3] [size 2048] [serialNumber ")
    assert out[0].endswith("[index 0] ]") and out[1].endswith("[index 1] ]")
    assert "[issuedTo [CN=stproxy.example.com, OU=stconsoleSSCCell1, OU=stproxySTPNode1, O=IBM, C=US]]" in out[0]
    assert "[issuedTo [CN=stconsole.example.com, OU=Root Certificate," in out[1]
    with pytest.raises(CommandValidationException) as ei:
        at.getCertificateChain(
            "[-certificateAlias nope -keyStoreName NodeDefaultKeyStore "
            "-keyStoreScope (cell):stconsoleSSCCell1:(node):stproxySTPNode1]"
        )
    assert ei.value.message.startswith("CWPKI0648E: ")
