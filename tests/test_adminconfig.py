"""AdminConfig against a copy of the real WAS 8.5.5 cell: every method, exact strings, errors."""

import os

import pytest
from conftest import CELL, NODE, REAL_CONFIG, SERVER, SERVER_ID, snapshot

from harness.base.errors import InvalidConfigDataTypeException, ScriptingException
from harness.scripting.adminconfig import AdminConfig

VH = "default_host(%s|virtualhosts.xml#VirtualHost_1)" % CELL
JVM = "(%s|server.xml#JavaVirtualMachine_1183122130078)" % SERVER
EP_WC = "(%s|serverindex.xml#EndPoint_1183122129647)" % NODE


def read(root, rel):
    with open(os.path.join(root, rel), "rb") as f:
        return f.read()


# ------------------------------------------------------------------ list / getid
def test_list_type(ac):
    assert ac.list("Server") == SERVER_ID
    assert ac.list("Node") == "jennexNode01(%s|node.xml#Node_1)" % NODE


def test_list_is_sorted_and_line_separated(ac):
    ids = ac.list("HostAlias").split("\n")
    assert ids == sorted(ids)
    assert ids[0] == "(%s|virtualhosts.xml#HostAlias_1)" % CELL
    assert not ac.list("HostAlias").endswith("\n")


def test_list_scope(ac):
    assert ac.list("JavaVirtualMachine", SERVER_ID) == JVM
    aliases = ac.list("HostAlias", VH).splitlines()
    assert len(aliases) == 6
    assert "(%s|virtualhosts.xml#HostAlias_4)" % CELL not in aliases  # admin_host's


def test_list_scope_across_documents(ac):
    node = ac.getid("/Node:jennexNode01/")
    assert ac.list("Server", node) == SERVER_ID
    assert "WC_defaulthost(%s|serverindex.xml#NamedEndPoint_1183122129647)" % NODE in ac.list("NamedEndPoint", node).splitlines()


def test_list_pattern(ac):
    assert ac.list("Server", "server*") == SERVER_ID
    assert ac.list("Server", "*nomatch*") == ""
    assert ac.list("Server", ".*server1.*") == SERVER_ID


def test_list_unknown_type(ac):
    with pytest.raises(InvalidConfigDataTypeException) as e:
        ac.list("Foo")
    assert str(e.value) == (
        "com.ibm.websphere.management.exception.InvalidConfigDataTypeException: "
        "ADMG0007E: The configuration data type Foo is not valid."
    )
    assert e.value.message == "ADMG0007E: The configuration data type Foo is not valid."


def test_list_with_windows_line_separator(real_config):
    ac = AdminConfig(real_config, "\r\n")
    assert ac.list("HostAlias").count("\r\n") == 7


def test_getid_forms(ac):
    assert ac.getid("/Node:jennexNode01/Server:server1/") == SERVER_ID
    assert ac.getid("/Node:jennexNode01/Server:server1") == SERVER_ID
    assert ac.getid("/Server:server1/") == SERVER_ID
    assert ac.getid("/Cell:jennexNode01Cell/Node:jennexNode01/Server:server1/") == SERVER_ID
    assert ac.getid("/Cell:jennexNode01Cell/Security:/") == "(%s|security.xml#Security_1)" % CELL
    assert ac.getid("/Server:server1/JavaProcessDef:/JavaVirtualMachine:/") == JVM
    assert ac.getid("/Cell:jennexNode01Cell/VirtualHost:default_host/") == VH


def test_getid_display_attribute_serverentry(ac):
    ids = ac.getid("/Node:jennexNode01/ServerIndex:/ServerEntry:server1/").splitlines()
    assert "server1(%s|serverindex.xml#ServerEntry_1183122129640)" % NODE in ids


def test_getid_no_match_and_wrong_order(ac):
    assert ac.getid("/Server:nosuch/") == ""
    assert ac.getid("/Server:server1/Node:jennexNode01/") == ""


def test_getid_segment_without_colon(ac):
    with pytest.raises(InvalidConfigDataTypeException) as e:
        ac.getid("/Node01Host01/")
    assert "ADMG0007E: The configuration data type Node01Host01 is not valid." in str(e.value)


# ------------------------------------------------------------------ show family
def test_show_exact(ac):
    assert ac.show(EP_WC) == "[host *]\n[port 9080]"
    assert ac.show(EP_WC, ["port"]) == "[port 9080]"
    assert ac.show(EP_WC, "port") == "[port 9080]"


def test_show_quotes_lists_and_defaults(ac):
    alias2 = "(%s|virtualhosts.xml#HostAlias_2)" % CELL
    assert ac.show(alias2) == "[hostname *]\n[port 80]"  # port omitted in the XML: model default
    out = ac.show(JVM).splitlines()
    assert "[classpath []]" in out
    assert "[genericJvmArguments []]" in out
    assert "[initialHeapSize 0]" in out
    assert out == sorted(out)


def test_show_ids_with_spaces_are_quoted(ac):
    ds = [i for i in ac.list("DataSource").splitlines() if i.startswith('"')]
    assert ds, "the real cell has DataSources whose names hold spaces"
    assert ds[0].endswith(')"')
    # a quoted ID is accepted back as it is
    assert ac.getObjectType(ds[0]) == "DataSource"


def test_show_masks_passwords(ac):
    reg = [i for i in ac.list("LDAPUserRegistry").splitlines()][0]
    assert "[serverPassword *****]" in ac.show(reg).splitlines()


def test_showall_expands_children(ac):
    out = ac.showall(JVM)
    assert "[systemProperties [[[name com.ibm.security.jgss.debug]\n[required false]\n[value off]] [[name " in out


def test_showattribute(ac):
    assert ac.showAttribute(EP_WC, "port") == "9080"
    assert ac.showAttribute(SERVER_ID, "name") == "server1"
    assert ac.showAttribute(JVM, "genericJvmArguments") == ""
    assert ac.showAttribute(JVM, "executableJarFileName") is None
    assert ac.showAttribute(JVM, "classpath") == "[]"
    assert ac.showAttribute(VH, "aliases").startswith("[(%s|virtualhosts.xml#HostAlias_1) " % CELL)
    assert ac.showAttribute(JVM, "debugMode") == "false"


def test_showattribute_unknown_attribute(ac):
    with pytest.raises(ScriptingException) as e:
        ac.showAttribute(EP_WC, "nosuch")
    assert 'WASX7080E: Invalid attributes for type "EndPoint" -- "nosuch".' in str(e.value)


def test_get_object_type_and_name(ac):
    assert ac.getObjectType(SERVER_ID) == "Server"
    assert ac.getObjectType(EP_WC) == "EndPoint"
    assert ac.getObjectName(SERVER_ID) == ""


# ------------------------------------------------------------------ errors on IDs
def test_incomplete_id(ac):
    with pytest.raises(ScriptingException) as e:
        ac.show("server1(cells/x|server.xml#Server_1")
    assert e.value.message == 'WASX7077E: Incomplete config id: need closing parenthesis in "server1(cells/x|server.xml#Server_1"'


@pytest.mark.parametrize("method", ["show", "showall", "getObjectType", "remove"])
def test_invalid_id(ac, method):
    with pytest.raises(ScriptingException) as e:
        getattr(ac, method)("")
    assert e.value.message == 'WASX7444E: Invalid parameter value "" for parameter "config id" on command "%s"' % method


def test_stale_id(ac):
    with pytest.raises(ScriptingException) as e:
        ac.showAttribute("(%s|server.xml#Nope_1)" % SERVER, "name")
    assert "WASX7444E" in e.value.message


def test_bare_id_form_accepted(ac):
    assert ac.getObjectType("(%s|server.xml#Server_1183122130078)" % SERVER) == "Server"
    assert ac.getObjectType('"%s"' % SERVER_ID) == "Server"


def test_keyword_arguments_rejected(ac):
    with pytest.raises(TypeError) as e:
        ac.list(typename="Server")
    assert str(e.value) == "list(): takes no keyword arguments"


# ------------------------------------------------------------------ metadata
def test_types_attributes_parents_required_defaults(ac):
    assert ac.types("No.*") == "NoOpPolicy\nNode\nNodeAgent\nNodeGroup\nNodeGroupMember\nNonce\nNonceCaching"
    assert ac.attributes("HostAlias") == "hostname String\nport String"
    attrs = ac.attributes("Server").splitlines()
    assert attrs == sorted(attrs)
    assert "processDefinitions ProcessDef(JavaProcessDef, NamedJavaProcessDef, NamedProcessDef)*" in attrs
    assert ac.parents("HostAlias") == "VirtualHost"
    assert ac.parents("Server") == "DynamicCluster\nNode\nServerCluster"
    assert ac.parents("Cell").startswith("WASX7351I")
    assert ac.required("JavaVirtualMachine") == 'WASX7361I: No required attribute found for type "JavaVirtualMachine".'
    assert ac.required("Server").splitlines() == [
        "Attribute                       Type",
        "name                            String",
        "processDefinition               ProcessDef(JavaProcessDef, NamedJavaProcessDef, NamedProcessDef)",
    ]
    assert ac.defaults("HostAlias").splitlines() == [
        "Attribute                       Type                            Default",
        "hostname                        String",
        "port                            String                          80",
    ]


def test_reference_notation(ac):
    lines = ac.attributes("SSLConfig").splitlines()
    assert any(line.startswith("managementScope ManagementScope@") for line in lines)


# ------------------------------------------------------------------ modify / workspace
def test_modify_then_save_changes_one_line(ac, real_config):
    before = snapshot(real_config)
    assert ac.hasChanges() == 0
    assert ac.modify(EP_WC, [["port", 80]]) == ""
    assert ac.hasChanges() == 1
    assert ac.queryChanges() == (
        "WASX7146I: The following configuration files contain unsaved changes:\n%s|serverindex.xml" % NODE
    )
    assert snapshot(real_config) == before  # nothing on disk before save
    assert ac.save() == ""
    after = snapshot(real_config)
    changed = [k for k in after if after[k] != before[k]]
    assert changed == [os.path.join(*(NODE + "/serverindex.xml").split("/"))]
    old = before[changed[0]].decode().splitlines()
    new = after[changed[0]].decode().splitlines()
    diff = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(old) == len(new) and diff == [
        (
            '      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="9080"/>',
            '      <endPoint xmi:id="EndPoint_1183122129647" host="*" port="80"/>',
        )
    ]
    assert ac.queryChanges() == "WASX7241I: There are no unsaved changes in this workspace."


def test_modify_string_form(ac):
    ac.modify(EP_WC, '[[host "chat.example.com"] [port 443]]')
    assert ac.show(EP_WC) == "[host chat.example.com]\n[port 443]"


def test_modify_same_value_is_no_change(ac):
    ac.modify(EP_WC, [["port", "9080"]])
    alias2 = "(%s|virtualhosts.xml#HostAlias_2)" % CELL
    ac.modify(alias2, [["port", "80"]])  # absent attribute set to its default
    assert ac.hasChanges() == 0


def test_modify_bad_values_change_nothing(ac):
    with pytest.raises(ScriptingException) as e:
        ac.modify(EP_WC, [["port", "abc"]])
    assert 'NumberFormatException: For input string: "abc"' in str(e.value)
    with pytest.raises(ScriptingException):
        ac.modify(EP_WC, [["host", "x"], ["nosuch", "1"]])
    with pytest.raises(ScriptingException):
        ac.modify(JVM, [["debugMode", "maybe"]])
    assert ac.hasChanges() == 0


def test_modify_primitive_list_appends_and_clears(ac):
    ac.modify(JVM, [["classpath", ["/a.jar", "/b.jar"]]])
    assert ac.showAttribute(JVM, "classpath") == "/a.jar;/b.jar"
    ac.modify(JVM, [["classpath", "/c.jar"]])
    assert ac.showAttribute(JVM, "classpath") == "/a.jar;/b.jar;/c.jar"
    ac.modify(JVM, [["classpath", []]])
    assert ac.showAttribute(JVM, "classpath") == "[]"


def test_modify_nested_object_in_place(ac):
    ts = ac.list("TraceService", SERVER_ID)
    log = ac.showAttribute(ts, "traceLog")
    ac.modify(ts, [["traceLog", [["rolloverSize", "50"]]]])
    assert ac.showAttribute(ts, "traceLog") == log  # same object, modified in place
    assert ac.showAttribute(log, "rolloverSize") == "50"


def test_modify_list_of_objects_creates_children(ac):
    before = ac.list("Property", JVM).splitlines()
    ac.modify(
        JVM, [["systemProperties", [[["name", "user.language"], ["value", "en"]], [["name", "user.region"], ["value", "GB"]]]]]
    )
    after = ac.list("Property", JVM).splitlines()
    assert len(after) == len(before) + 2
    new = [i for i in after if i not in before]
    assert sorted(ac.showAttribute(i, "name") for i in new) == ["user.language", "user.region"]
    assert all(i.startswith("user.") for i in new)


def test_modify_reference(ac):
    sec = ac.getid("/Security:/")
    regs = ac.list("LDAPUserRegistry").splitlines()
    ac.modify(sec, [["activeUserRegistry", regs[0]]])
    assert ac.showAttribute(sec, "activeUserRegistry") == regs[0]


def test_unset_and_reset_attributes(ac):
    ac.modify(JVM, [["genericJvmArguments", "-Xfoo"], ["classpath", ["/a.jar"]]])
    ac.unsetAttributes(JVM, ["genericJvmArguments"])
    assert ac.showAttribute(JVM, "genericJvmArguments") is None
    assert ac.showAttribute(JVM, "executableJarFileName") is None
    ac.resetAttributes(JVM, [["classpath", ["/z.jar"]]])
    assert ac.showAttribute(JVM, "classpath") == "/z.jar"


def test_reset_discards_changes(ac, real_config):
    before = snapshot(real_config)
    ac.modify(EP_WC, [["port", 80]])
    assert ac.reset() == ""
    assert ac.hasChanges() == 0
    assert ac.showAttribute(EP_WC, "port") == "9080"
    ac.save()
    assert snapshot(real_config) == before


def test_save_conflict_writes_nothing(ac, real_config):
    ac.modify(EP_WC, [["port", 80]])
    vh_path = os.path.join(real_config, *CELL.split("/"), "virtualhosts.xml")
    alias = ac.create("HostAlias", VH, [["hostname", "chat.example.com"], ["port", "443"]])
    assert alias
    # another process saves virtualhosts.xml meanwhile
    with open(vh_path, "ab") as f:
        f.write(b"\n")
    before = snapshot(real_config)
    with pytest.raises(ScriptingException) as e:
        ac.save()
    assert "virtualhosts.xml" in str(e.value)
    assert snapshot(real_config) == before


# ------------------------------------------------------------------ create / remove
def test_create_host_alias(ac, real_config):
    new = ac.create("HostAlias", VH, [["hostname", "chat.example.com"], ["port", "443"]])
    assert new.startswith("(%s|virtualhosts.xml#HostAlias_" % CELL)
    assert ac.show(new) == "[hostname chat.example.com]\n[port 443]"
    assert new in ac.list("HostAlias", VH).splitlines()
    ac.save()
    text = read(real_config, CELL + "/virtualhosts.xml").decode()
    xmiid = new.split("#")[1][:-1]
    assert '    <aliases xmi:id="%s" hostname="chat.example.com" port="443"/>\n' % xmiid in text


def test_create_with_parent_attribute(ac):
    new = ac.create("Property", JVM, [["name", "a"], ["value", "b"]], "systemProperties")
    assert new.startswith("a(")
    assert ac.getObjectType(new) == "Property"
    with pytest.raises(ScriptingException):
        ac.create("Property", JVM, [["name", "a"]], "nosuch")


def test_create_ids_are_unique_and_timestamped(ac):
    a = ac.create("HostAlias", VH, [["hostname", "a"], ["port", "1"]])
    b = ac.create("HostAlias", VH, [["hostname", "b"], ["port", "2"]])
    na = int(a.split("_")[-1][:-1])
    nb = int(b.split("_")[-1][:-1])
    assert nb > na > 10**12


def test_create_virtual_host_top_level(ac, real_config):
    cell = ac.getid("/Cell:jennexNode01Cell/")
    vh = ac.create("VirtualHost", cell, [["name", "chat_host"]])
    assert vh.startswith("chat_host(%s|virtualhosts.xml#VirtualHost_" % CELL)
    ac.create("HostAlias", vh, [["hostname", "*"], ["port", "8443"]])
    ac.save()
    text = read(real_config, CELL + "/virtualhosts.xml").decode()
    assert '  <host:VirtualHost xmi:id="%s" name="chat_host">\n    <aliases ' % vh.split("#")[1][:-1] in text


def test_create_bad_parent(ac):
    with pytest.raises(ScriptingException) as e:
        ac.create("HostAlias", "", [["hostname", "x"]])
    assert e.value.message == 'WASX7444E: Invalid parameter value "" for parameter "parent config id" on command "create"'


def test_create_unknown_type(ac):
    with pytest.raises(InvalidConfigDataTypeException):
        ac.create("Nope", VH, [])


def test_remove(ac, real_config):
    aliases = ac.list("HostAlias", VH).splitlines()
    assert ac.remove(aliases[-1]) == ""
    assert ac.list("HostAlias", VH).splitlines() == aliases[:-1]
    ac.save()
    text = read(real_config, CELL + "/virtualhosts.xml").decode()
    assert aliases[-1].split("#")[1][:-1] not in text


def test_remove_stale(ac):
    alias = ac.list("HostAlias", VH).splitlines()[0]
    ac.remove(alias)
    with pytest.raises(ScriptingException) as e:
        ac.remove(alias)
    assert 'on command "remove"' in e.value.message


# ------------------------------------------------------------------ templates
def test_list_templates(ac):
    t = ac.listTemplates("Server").splitlines()
    assert "default(templates/servertypes/APPLICATION_SERVER/servers/default|server.xml#Server_1)" in t
    assert t == sorted(t)
    assert ac.listTemplates("Server", "APPLICATION_SERVER").count("\n") < len(t)


def test_create_using_template(ac, real_config):
    node = ac.getid("/Node:jennexNode01/")
    tmpl = "default(templates/servertypes/APPLICATION_SERVER/servers/default|server.xml#Server_1)"
    new = ac.createUsingTemplate("Server", node, [["name", "server2"]], tmpl)
    assert new == "server2(%s/servers/server2|server.xml#Server_1)" % NODE
    assert sorted(ac.list("Server").splitlines()) == sorted([SERVER_ID, new])
    ac.save()
    assert os.path.isfile(os.path.join(real_config, *(NODE + "/servers/server2/server.xml").split("/")))
    assert os.path.isfile(os.path.join(real_config, *(NODE + "/servers/server2/variables.xml").split("/")))


# ------------------------------------------------------------------ documents
def test_documents(ac, real_config, tmp_path):
    uri = NODE + "/serverindex.xml"
    assert ac.existsDocument(uri) == 1
    assert ac.existsDocument(NODE + "/nope.xml") == 0
    local = str(tmp_path / "si.xml")
    digest = ac.extract(uri, local)
    assert read(real_config, uri) == open(local, "rb").read()
    data = open(local, "rb").read().replace(b'port="9080"', b'port="9081"')
    open(local, "wb").write(data)
    assert ac.checkin(uri, local, digest) == ""
    assert ac.showAttribute(EP_WC, "port") == "9081"
    # a second checkin with the old digest is stale
    with pytest.raises(ScriptingException):
        ac.checkin(uri, local, digest)
    new_uri = CELL + "/stwas/extra.properties"
    open(local, "wb").write(b"a=b\n")
    assert ac.createDocument(new_uri, local) == ""
    with pytest.raises(ScriptingException):
        ac.createDocument(new_uri, local)
    assert ac.existsDocument(new_uri) == 1
    ac.save()
    assert read(real_config, new_uri) == b"a=b\n"
    assert b'port="9081"' in read(real_config, uri)
    assert ac.deleteDocument(new_uri) == ""
    assert ac.existsDocument(new_uri) == 0
    ac.save()
    assert not os.path.exists(os.path.join(real_config, *new_uri.split("/")))


@pytest.mark.parametrize("uri", ["../etc/passwd", "/etc/passwd", "cells/../../x"])
def test_document_uri_outside_repository(ac, uri, tmp_path):
    with pytest.raises(ScriptingException):
        ac.extract(uri, str(tmp_path / "x"))


def test_validate_and_modes(ac):
    assert ac.validate().startswith("WASX7193I: Validation results are logged in ")
    assert ac.getSaveMode() == "rollbackOnConflict"
    ac.setSaveMode("overwriteOnConflict")
    assert ac.getSaveMode() == "overwriteOnConflict"
    with pytest.raises(ScriptingException):
        ac.setSaveMode("bogus")
    assert ac.getCrossDocumentValidationEnabled() == "WASX7188I: Cross-document validation enablement set to true"


def test_read_only_attribute(ac):
    cell = ac.getid("/Cell:jennexNode01Cell/")
    with pytest.raises(ScriptingException) as e:
        ac.modify(cell, [["name", "other"]])
    assert "ADMG0014E" in e.value.message


def test_source_fixture_untouched():
    # the shared fixture itself is never written by these tests
    assert os.path.isfile(os.path.join(REAL_CONFIG, "cells", "jennexNode01Cell", "cell.xml"))


def test_create_top_level_objects_in_new_documents(real_config):
    os.remove(os.path.join(real_config, *CELL.split("/"), "virtualhosts.xml"))
    ac = AdminConfig(real_config)
    vh = ac.create("VirtualHost", ac.getid("/Cell:jennexNode01Cell/"), [["name", "chat_host"]])
    alias = ac.create("HostAlias", vh, [["hostname", "*"], ["port", "443"]])
    srv = ac.create("Server", ac.getid("/Node:jennexNode01/"), [["name", "srv2"]])
    assert srv.startswith("srv2(%s/servers/srv2|server.xml#Server_" % NODE)
    ac.save()
    text = read(real_config, CELL + "/virtualhosts.xml").decode()
    assert text == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xmi:XMI xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" '
        'xmlns:host="http://www.ibm.com/websphere/appserver/schemas/5.0/host.xmi">\n'
        '  <host:VirtualHost xmi:id="%s" name="chat_host">\n'
        '    <aliases xmi:id="%s" hostname="*" port="443"/>\n'
        "  </host:VirtualHost>\n"
        "</xmi:XMI>\n" % (vh.split("#")[1][:-1], alias.split("#")[1][:-1])
    )
    ac2 = AdminConfig(real_config)
    assert ac2.getid("/Node:jennexNode01/Server:srv2/") == srv


def test_checkin_conflicts_with_another_writer(ac, real_config, tmp_path):
    uri = NODE + "/serverindex.xml"
    local = str(tmp_path / "si.xml")
    digest = ac.extract(uri, local)
    open(local, "ab").write(b"\n")
    ac.checkin(uri, local, digest)
    path = os.path.join(real_config, *uri.split("/"))
    open(path, "ab").write(b"\n\n")  # another process saves the document meanwhile
    before = snapshot(real_config)
    with pytest.raises(ScriptingException) as e:
        ac.save()
    assert "serverindex.xml" in e.value.message
    assert snapshot(real_config) == before


# ------------------------------------------------------------------ the whole model (issue 11)
def test_defaults_in_declaration_order_inherited_first(ac):
    rows = ac.defaults("Server").splitlines()
    assert rows[0] == "Attribute                       Type                            Default"
    assert [r.split()[0] for r in rows[1:8]] == [
        "name",
        "clusterName",
        "modelId",
        "shortName",
        "uniqueId",
        "developmentMode",
        "parallelStartEnabled",
    ]
    assert rows[6] == "developmentMode                 boolean                         false"
    assert rows[7] == "parallelStartEnabled            boolean                         true"
    assert rows[1] == "name                            String"


def test_parents_and_subtype_lists(ac):
    assert ac.parents("Server") == "DynamicCluster\nNode\nServerCluster"
    assert "JavaProcessDef" in ac.parents("JavaVirtualMachine").splitlines()
    assert (
        "processDefinitions ProcessDef(JavaProcessDef, NamedJavaProcessDef, NamedProcessDef)*"
        in ac.attributes("Server").splitlines()
    )
    assert "libraries LibraryRef*" in ac.attributes("Classloader").splitlines()
    assert ac.attributes("Library")  # a type the real cell has no object of


def test_attributes_the_sample_lacked(ac):
    """Attributes and types real scripts use that the old sample-inferred model did not know."""
    server = ac.list("Server")
    assert ac.showAttribute(server, "clusterName") is None
    assert ac.showAttribute(server, "serverType") == "APPLICATION_SERVER"
    node = ac.list("Node")
    assert ac.showAttribute(node, "hostName") == "jennex"
    assert ac.list("DynamicCluster") == ""
    assert ac.list("Library") == ""
    ds = ac.list("DataSource").splitlines()[0]
    assert ac.showAttribute(ds, "authDataAlias") is None or isinstance(ac.showAttribute(ds, "authDataAlias"), str)
    assert ac.showAttribute(server, "processDefinitions").startswith("[(cells/")


def test_show_of_unset_attributes_over_the_whole_model(ac):
    loaders = [c for c in ac.list("Classloader").splitlines() if "DefaultApplication" in c]
    assert loaders
    shown = ac.showall(loaders[0]).splitlines()
    assert "[libraries []]" in shown
    assert "[mode PARENT_FIRST]" in shown
    server_lines = ac.show(ac.list("Server")).splitlines()
    assert "[parallelStartEnabled true]" in server_lines or any(
        line.startswith("[parallelStartEnabled ") for line in server_lines
    )
    assert "[customServices []]" in server_lines
    assert not any(line.startswith("[clusterName ") for line in server_lines)  # unset string: omitted


def test_server_entries_of_systemapps_are_hidden(ac):
    entries = ac.list("ServerEntry").splitlines()
    assert entries == ["server1(%s|serverindex.xml#ServerEntry_1183122129640)" % NODE]
    assert all("systemapps.xml" not in e for e in ac.getid("/ServerEntry:/").splitlines())


def test_document_level_ids_are_accepted(ac):
    doc_id = "server1(%s|server.xml)" % SERVER
    assert ac.getObjectType(doc_id) == "Server"
    assert ac.showAttribute(doc_id, "name") == "server1"
    assert ac.show(doc_id) == ac.show(SERVER_ID)
    assert ac.list("JavaVirtualMachine", doc_id) == ac.list("JavaVirtualMachine", SERVER_ID)


def test_show_attribute_of_none_says_null(ac):
    with pytest.raises(ScriptingException) as ei:
        ac.showAttribute(None, "name")
    assert ei.value.message == 'WASX7444E: Invalid parameter value "null" for parameter "config id" on command "showAttribute"'


def test_method_help_layout(ac):
    lines = ac.help("attributes").splitlines()
    assert lines[:4] == ["WASX7061I: Method: attributes", "", "\tArguments: object type", ""]
    assert lines[4].startswith("\tDescription: Displays all the possible attributes")
    assert ac.help().splitlines()[0] == "WASX7053I: The following functions are supported by AdminConfig:"
    assert "WASX7xxxI" not in ac.help()
