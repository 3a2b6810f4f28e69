"""AdminTask commands of harness/scripting/admintask/commands/jvm.py (setGenericJVMArguments, showJVMProperties,
setJVMProperties, setJVMSystemProperties) and cleanup.py (deleteServer, cleanupNode), with deleteSIBus (sib.py),
over a generated Sametime cell (python -m harness fixture sametime)."""

import os
import re

import pytest
from jobs_helpers import grep_tree

from harness.base.errors import CommandValidationException, ScriptingException
from harness.launcher.session import make_session

CELL = "stconsoleSSCCell1"
C = "cells/" + CELL
MEETING_NODE = "stmeetingSTMNode1"
MEETING_NAMES = ("STMeetingServer", MEETING_NODE, "meeting_service_bus", "STMeetingHttpProxy")


def session(root):
    s = make_session(root, "NONE", "\n")
    return s.objects["AdminTask"], s.objects["AdminConfig"]


def jvm_args(ac, node, server):
    sid = ac.getid("/Node:%s/Server:%s/" % (node, server))
    return ac.showAttribute(ac.list("JavaVirtualMachine", sid).splitlines()[0], "genericJvmArguments")


def read(root, rel):
    with open(os.path.join(root, rel), "rb") as f:
        return f.read().decode("utf-8")


# ------------------------------------------------------------------------------------------- JVM


def test_show_jvm_property_returns_just_the_value(generated_cell):
    at, _ac = session(generated_cell)
    v = at.showJVMProperties("[-serverName STMeetingServer -nodeName %s -propertyName genericJvmArguments]" % MEETING_NODE)
    assert v == "-Dclient.encoding.override=UTF-8"


def test_show_jvm_properties_record(generated_cell):
    at, _ac = session(generated_cell)
    v = at.showJVMProperties("[-serverName STMeetingServer]")
    assert v.startswith("[[classpath ") and v.endswith(" ]")
    assert "[genericJvmArguments -Dclient.encoding.override=UTF-8]" in v


def test_set_generic_jvm_arguments_replaces_the_whole_value(generated_cell):
    at, ac = session(generated_cell)
    r = at.setGenericJVMArguments(
        [
            "-serverName",
            "STMeetingServer",
            "-nodeName",
            MEETING_NODE,
            "-genericJvmArguments",
            "-Duser.language=en -Duser.region=GB",
        ]
    )
    assert r == "true"
    assert jvm_args(ac, MEETING_NODE, "STMeetingServer") == "-Duser.language=en -Duser.region=GB"
    ac.save()
    xml = read(generated_cell, "%s/nodes/%s/servers/STMeetingServer/server.xml" % (C, MEETING_NODE))
    assert 'genericJvmArguments="-Duser.language=en -Duser.region=GB"' in xml
    assert "client.encoding.override" not in xml


def test_set_generic_jvm_arguments_single_dash_value_and_empty(generated_cell):
    at, ac = session(generated_cell)
    at.setGenericJVMArguments(["-serverName", "dmgr", "-genericJvmArguments", "-Xquickstart"])
    assert jvm_args(ac, "DMgrNode", "dmgr") == "-Xquickstart"
    at.setGenericJVMArguments('[-serverName dmgr -nodeName DMgrNode -genericJvmArguments ""]')
    assert (jvm_args(ac, "DMgrNode", "dmgr") or "") == ""


def test_set_generic_jvm_arguments_reset_discards(generated_cell):
    at, ac = session(generated_cell)
    before = read(generated_cell, "%s/nodes/%s/servers/STMeetingServer/server.xml" % (C, MEETING_NODE))
    at.setGenericJVMArguments(["-serverName", "STMeetingServer", "-genericJvmArguments", "-Xmx1g"])
    ac.reset()
    assert jvm_args(ac, MEETING_NODE, "STMeetingServer") == "-Dclient.encoding.override=UTF-8"
    assert read(generated_cell, "%s/nodes/%s/servers/STMeetingServer/server.xml" % (C, MEETING_NODE)) == before


def test_server_lookup_errors(generated_cell):
    at, _ac = session(generated_cell)
    with pytest.raises(CommandValidationException, match='ADMG0250E: Server "nope"'):
        at.showJVMProperties("[-serverName nope -propertyName genericJvmArguments]")
    with pytest.raises(CommandValidationException, match='ADMG0251E: Server name "nodeagent" is not unique'):
        at.showJVMProperties("[-serverName nodeagent -propertyName genericJvmArguments]")
    with pytest.raises(CommandValidationException, match="ADMG0263E"):
        at.showJVMProperties("[-nodeName %s]" % MEETING_NODE)
    with pytest.raises(CommandValidationException, match='ADMG0252E: Node "nonode"'):
        at.showJVMProperties("[-serverName STMeetingServer -nodeName nonode]")
    with pytest.raises(CommandValidationException, match="ADMG0261E"):
        at.showJVMProperties("[-serverName STMeetingServer -propertyName heap]")


def test_set_jvm_properties_subset(generated_cell):
    at, ac = session(generated_cell)
    at.setJVMProperties(
        "[-serverName STMediaServer -maximumHeapSize 2048 -initialHeapSize 512 -verboseModeGarbageCollection true]"
    )
    sid = ac.getid("/Server:STMediaServer/")
    jvm = ac.list("JavaVirtualMachine", sid)
    assert ac.showAttribute(jvm, "maximumHeapSize") == "2048"
    assert ac.showAttribute(jvm, "initialHeapSize") == "512"
    assert ac.showAttribute(jvm, "verboseModeGarbageCollection") == "true"
    assert at.showJVMProperties("[-serverName STMediaServer -propertyName maximumHeapSize]") == "2048"
    # untouched values stay
    assert (
        at.showJVMProperties("[-serverName STMediaServer -propertyName genericJvmArguments]")
        == "-Dclient.encoding.override=UTF-8"
    )


def test_set_jvm_system_properties_creates_then_updates(generated_cell):
    at, ac = session(generated_cell)
    args = "[-serverName STMeetingServer -propertyName meetingroomcenter.useUUIDBasedURL -propertyValue %s]"
    at.setJVMSystemProperties(args % "false")
    at.setJVMSystemProperties(args % "true")
    ac.save()
    xml = read(generated_cell, "%s/nodes/%s/servers/STMeetingServer/server.xml" % (C, MEETING_NODE))
    found = re.findall(r'<systemProperties [^>]*name="meetingroomcenter.useUUIDBasedURL"[^>]*>', xml)
    assert len(found) == 1 and 'value="true"' in found[0]


# --------------------------------------------------------------------------------------- cleanup


def test_delete_server_removes_directory_entry_and_references(generated_cell):
    at, ac = session(generated_cell)
    assert at.deleteServer("[-serverName STMeetingServer -nodeName %s]" % MEETING_NODE) == ""
    ac.save()
    assert not os.path.exists(os.path.join(generated_cell, C, "nodes", MEETING_NODE, "servers", "STMeetingServer"))
    assert "STMeetingServer" not in ac.list("Server")
    assert 'serverName="STMeetingServer"' not in read(generated_cell, "%s/nodes/%s/serverindex.xml" % (C, MEETING_NODE))
    assert 'serverName="STMeetingServer"' not in read(generated_cell, C + "/coregroups/DefaultCoreGroup/coregroup.xml")
    dep = read(
        generated_cell,
        C + "/applications/IBM Lotus Sametime Meeting Server.ear/deployments/IBM Lotus Sametime Meeting Server/deployment.xml",
    )
    assert "ServerTarget" not in dep and "targetMappings" not in dep
    # bus membership goes too; the bus itself stays (deleteSIBus is separate)
    assert "STMeetingServer" not in read(generated_cell, C + "/buses/meeting_service_bus/sib-bus.xml")
    # the other servers of the node are untouched
    assert "STMeetingHttpProxy" in ac.list("Server")
    # everything still resolves
    assert grep_tree(generated_cell, ["STMeetingServer"]) == {}


def test_delete_server_refusals(generated_cell):
    at, ac = session(generated_cell)
    with pytest.raises(CommandValidationException, match="ADMG0270E.*NODE_AGENT"):
        at.deleteServer("[-serverName nodeagent -nodeName %s]" % MEETING_NODE)
    with pytest.raises(CommandValidationException, match="ADMG0270E.*DEPLOYMENT_MANAGER"):
        at.deleteServer("[-serverName dmgr -nodeName DMgrNode]")
    with pytest.raises(CommandValidationException, match="ADMG0250E"):
        at.deleteServer("[-serverName nope -nodeName %s]" % MEETING_NODE)
    with pytest.raises(CommandValidationException, match="ADMG0252E"):
        at.deleteServer("[-serverName STMeetingServer -nodeName nonode]")
    with pytest.raises(ScriptingException, match="ADMF0002E"):
        at.deleteServer("[-serverName STMeetingServer]")
    assert ac.hasChanges() == 0


def test_cleanup_node_removes_every_trace(generated_cell):
    at, ac = session(generated_cell)
    at.deleteSIBus("[-bus meeting_service_bus]")
    assert at.cleanupNode("[-nodeName %s]" % MEETING_NODE) == ""
    ac.save()
    ac2 = session(generated_cell)[1]
    at2 = session(generated_cell)[0]
    for t in (
        "Server",
        "Node",
        "ServerEntry",
        "CoreGroupServer",
        "NodeGroupMember",
        "SIBus",
        "SIBusMember",
        "SIBMessagingEngine",
        "ServerTarget",
        "KeyStore",
        "ManagementScope",
        "SSLConfig",
    ):
        listed = ac2.list(t)
        for n in MEETING_NAMES:
            assert n not in listed, (t, n)
    assert at2.listSIBuses() == ""
    assert not os.path.exists(os.path.join(generated_cell, C, "nodes", MEETING_NODE))
    assert grep_tree(generated_cell, MEETING_NAMES) == {}
    # the other nodes are all still there
    assert sorted(at2.listNodes().splitlines()) == ["DMgrNode", "stconsoleSSCNode1", "stmediaSTMSNode1", "stproxySTPNode1"]


def test_cleanup_node_refuses_the_dmgr_node(generated_cell):
    at, ac = session(generated_cell)
    with pytest.raises(CommandValidationException, match="ADMG0271E"):
        at.cleanupNode("[-nodeName DMgrNode]")
    with pytest.raises(CommandValidationException, match="ADMG0252E"):
        at.cleanupNode("[-nodeName nonode]")
    assert ac.hasChanges() == 0


def test_cleanup_in_workspace_until_save(generated_cell):
    at, ac = session(generated_cell)
    at.cleanupNode("[-nodeName %s]" % MEETING_NODE)
    assert MEETING_NODE not in ac.list("Node")
    ac.reset()
    assert MEETING_NODE in ac.list("Node")
    assert os.path.isdir(os.path.join(generated_cell, C, "nodes", MEETING_NODE))


def test_commands_have_help(generated_cell):
    at, _ac = session(generated_cell)
    for name in (
        "setGenericJVMArguments",
        "showJVMProperties",
        "setJVMProperties",
        "setJVMSystemProperties",
        "deleteServer",
        "cleanupNode",
    ):
        assert "WASX8006I" in at.help(name)
