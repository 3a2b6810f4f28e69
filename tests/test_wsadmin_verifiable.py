"""wsadmin behaviour the harness pins, asked as scripts so that a real wsadmin can answer too (tests/verify.py).

Every test here runs its script through the harness; with STWAS_REAL_WSADMIN set (``invoke verify``) through
the real wsadmin instead, and the report says per point whether both answer alike.  The scripts run under
Jython 2.1, Jython 2.7 and CPython 3, and ask about the profile they run against without naming its cell.
"""

import pytest
from verify import answer

V = pytest.mark.wsadmin_verifiable

SERVER = "s = AdminConfig.list('Server').splitlines()[0]\n"


def error_of(call):
    """A script printing the exception a call raises, as `<fqcn>: <message>`."""
    return "import sys\ntry:\n    %s\n    print('no exception')\nexcept:\n    print(sys.exc_info()[1])\n" % call


@V(point="defaults(type): declaration order, inherited first; parallelStartEnabled true [semantics 12]")
def test_defaults_order():
    rows = answer("defaults-order", "print(AdminConfig.defaults('Server'))").splitlines()
    assert [r.split()[0] for r in rows[1:8]] == [
        "name",
        "clusterName",
        "modelId",
        "shortName",
        "uniqueId",
        "developmentMode",
        "parallelStartEnabled",
    ]
    assert rows[7].split() == ["parallelStartEnabled", "boolean", "true"]


@V(point="defaults(type): a row without default ends after the Type column [U, semantics 8 item 7]")
def test_defaults_padding():
    rows = answer("defaults-padding", "print(AdminConfig.defaults('HostAlias'))").splitlines()
    assert rows[1] == "hostname                        String"


@V(point="parents('Server') [semantics 12]")
def test_parents_server():
    assert answer("parents-server", "print(AdminConfig.parents('Server'))").split() == ["DynamicCluster", "Node", "ServerCluster"]


@V(point="attributes(type): alphabetical, subtype lists, * and @ [semantics 3.8]")
def test_attributes_notation():
    lines = answer("attributes-server", "print(AdminConfig.attributes('Server'))").splitlines()
    assert lines == sorted(lines)
    assert "processDefinitions ProcessDef(JavaProcessDef, NamedJavaProcessDef, NamedProcessDef)*" in lines
    assert "clusterName String" in lines


@V(point="types(pattern) [semantics 3.8]")
def test_types_pattern():
    assert answer("types-pattern", "print(AdminConfig.types('No.*'))").split()[:5] == [
        "NoOpPolicy",
        "Node",
        "NodeAgent",
        "NodeGroup",
        "NodeGroupMember",
    ]


@V(point="showAttribute(server, 'clusterName') of an unclustered server is None [semantics 12]")
def test_cluster_name_none():
    script = SERVER + "v = AdminConfig.showAttribute(s, 'clusterName')\nif v is None:\n    print('None')\nelse:\n    print(v)\n"
    assert answer("clusterName-none", script) == "None"


@V(point="showAttribute(server, 'serverType') [L, semantics 12]")
def test_server_type():
    assert answer("serverType", SERVER + "print(AdminConfig.showAttribute(s, 'serverType'))") in (
        "APPLICATION_SERVER",
        "DEPLOYMENT_MANAGER",
        "NODE_AGENT",
        "PROXY_SERVER",
    )


@V(point="list(type) of a valid type without objects is '' [semantics 2.1]")
def test_list_empty_type():
    assert answer("list-empty", "print(repr(AdminConfig.list('Library')))") in ("''", "u''")


@V(point="list('ServerEntry') leaves out systemapps.xml [L, semantics 12]")
def test_server_entries_without_systemapps():
    out = answer("serverentry-systemapps", "print(AdminConfig.list('ServerEntry'))").splitlines()
    assert out and not [e for e in out if "systemapps.xml" in e]


@V(point="show of an unset list attribute is [] ([libraries []]) [semantics 3.1]")
def test_show_empty_list():
    script = "c = AdminConfig.list('Classloader').splitlines()[0]\nprint(AdminConfig.showall(c))\n"
    assert "[libraries []]" in answer("libraries-empty", script).splitlines()


@V(point='showAttribute(None, ..) says "null" [semantics 12]')
def test_show_attribute_none():
    assert answer("showAttribute-null", error_of("AdminConfig.showAttribute(None, 'name')")) == (
        'com.ibm.ws.scripting.ScriptingException: WASX7444E: Invalid parameter value "null" for parameter '
        '"config id" on command "showAttribute"'
    )


@V(point="unknown type: ADMG0007E [semantics 4.2]")
def test_unknown_type():
    assert answer("unknown-type", error_of("AdminConfig.list('NoSuchType')")).endswith(
        "ADMG0007E: The configuration data type NoSuchType is not valid."
    )


@V(point="AdminControl in local mode [semantics 12]")
def test_admincontrol_local():
    assert answer("admincontrol-local", error_of("AdminControl.getType()")).endswith("AdminControl service not available")


@V(point="method help: WASX7061I layout [semantics 12]")
def test_method_help():
    lines = answer("help-attributes", "print(AdminConfig.help('attributes'))").splitlines()
    assert lines[0] == "WASX7061I: Method: attributes"
    assert lines[2].strip().startswith("Arguments:") and lines[4].strip().startswith("Description:")


@V(point="queryChanges without changes [semantics 3.9]")
def test_query_changes_none():
    assert (
        answer("queryChanges", "print(AdminConfig.queryChanges())")
        == "WASX7241I: There are no unsaved changes in this workspace."
    )


@V(point="AdminTask.listServers answers document-level IDs [L, semantics 12]")
def test_list_servers_document_ids():
    out = answer("listServers", "print(AdminTask.listServers())").splitlines()
    assert out and all(i.endswith("|server.xml)") and "#" not in i for i in out)


@V(point="document-level IDs are accepted by AdminConfig [L, issue 11]")
def test_document_level_id_accepted():
    script = "i = AdminTask.listServers().splitlines()[0]\nprint(AdminConfig.getObjectType(i))\n"
    assert answer("document-id", script) == "Server"


@V(point="AdminApp.list() leaves out system applications [L, semantics 12]")
def test_adminapp_list_without_system_apps():
    out = answer("adminapp-list", "print(AdminApp.list())").splitlines()
    assert "isclite" not in out and "commsvc" not in out


@V(point="getNodePlatformOS / getNodeBaseProductVersion [U]")
def test_node_metadata():
    script = (
        "n = AdminConfig.showAttribute(AdminConfig.list('Node').splitlines()[0], 'name')\n"
        "print(AdminTask.getNodePlatformOS('[-nodeName %s]' % n))\n"
        "print(AdminTask.getNodeBaseProductVersion('[-nodeName %s]' % n))\n"
    )
    os_name, version = answer("node-metadata", script).splitlines()
    assert os_name in ("linux", "windows", "aix", "solaris", "hpux", "os390", "os400")
    assert version.count(".") == 3


@V(point="list(type, scopeId) includes the scope object of that type [U, semantics 8 item 5]")
def test_list_scope_includes_self():
    assert answer("list-scope-self", SERVER + "print(AdminConfig.list('Server', s) == s)") in ("1", "True")
