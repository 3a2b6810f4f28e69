"""harness.scripting.admintask.cellfacts (issue 14, issue 15 item 2): the typed facts the AdminTask commands read answer what
AdminConfig answers, from only the documents a question needs, and follow the workspace's changes."""

import os
import shutil
import subprocess
import sys

import pytest
from paths import REAL_CONFIG, ROOT, SAMPLE_CONFIG

from harness.base import messages as M
from harness.base.errors import CommandValidationException
from harness.launcher.session import make_session
from harness.scripting.admintask import cellfacts

CELL = "cells/stconsoleSSCCell1"


def session(config):
    return make_session(config, "NONE", "\n")


@pytest.mark.parametrize("config", [SAMPLE_CONFIG, REAL_CONFIG])
def test_endpoint_rows_are_what_adminconfig_shows(config):
    s = session(config)
    ac, facts = s.objects["AdminConfig"], cellfacts.of(s)
    seen = 0
    for _name, node in facts.nodes():
        for _server, entry in facts.entries(node):
            rows = facts.endpoint_values(entry)
            shown = []
            for ne in ac.showAttribute(facts.id(entry), "specialEndpoints")[1:-1].split():
                ep = ac.showAttribute(ne, "endPoint")
                shown.append(
                    (
                        ac.showAttribute(ne, "endPointName"),
                        ac.showAttribute(ep, "host") if ep else "",
                        ac.showAttribute(ep, "port") if ep else "",
                    )
                )
            assert rows == shown
            seen += len(rows)
    assert seen >= 20


@pytest.mark.parametrize("config", [SAMPLE_CONFIG, REAL_CONFIG])
def test_server_names_from_start_tags_are_the_parsed_names(config):
    s = session(config)
    ac, facts = s.objects["AdminConfig"], cellfacts.of(s)
    from_tags = sorted("%s(%s|%s)" % x for _n, node in facts.nodes() for x in facts.server_names(node))
    parsed = sorted(i.split("#")[0] + ")" for i in ac.list("Server").splitlines())
    assert from_tags == parsed and len(parsed) >= 1


ODD_ROOTS = {
    "entity": b'<process:Server xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" '
    b'xmlns:process="http://www.ibm.com/websphere/appserver/schemas/5.0/process.xmi" xmi:id="Server_9" '
    b'name="A&amp;B&#x41;"/>',
    "single quotes and white space": b"<process:Server xmi:version='2.0' xmlns:xmi='http://www.omg.org/XMI' "
    b"xmlns:process='http://www.ibm.com/websphere/appserver/schemas/5.0/process.xmi'"
    b"\n   name = 'Odd\tName' xmi:id='Server_9'></process:Server>",
    "a > in a value": b'<process:Server xmlns:xmi="http://www.omg.org/XMI" description="a > b" '
    b'xmlns:process="http://www.ibm.com/websphere/appserver/schemas/5.0/process.xmi" '
    b'xmi:id="Server_9" name="Gt"/>',
    "wrapped": b'<xmi:XMI xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" '
    b'xmlns:process="http://www.ibm.com/websphere/appserver/schemas/5.0/process.xmi">'
    b'<process:Server xmi:id="Server_9" name="W1"/><process:Server xmi:id="Server_10" name="W2"/></xmi:XMI>',
}


@pytest.mark.parametrize("kind", sorted(ODD_ROOTS))
def test_an_odd_server_document_gives_the_name_a_parse_gives(tmp_path, kind):
    cfg = str(tmp_path / "config")
    shutil.copytree(SAMPLE_CONFIG, cfg)
    path = os.path.join(cfg, CELL, "nodes", "stproxySTPNode1", "servers", "STProxyServer", "server.xml")
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- odd -->\n' + ODD_ROOTS[kind] + b"\n")
    s = session(cfg)
    facts = cellfacts.of(s)
    from_tags = [x[0] for x in facts.server_names(facts.node("stproxySTPNode1"))]
    parsed = [
        i.split("(")[0].strip('"')
        for i in s.objects["AdminConfig"].list("Server", s.objects["AdminConfig"].getid("/Node:stproxySTPNode1/")).splitlines()
    ]
    assert sorted(from_tags) == sorted(parsed) and from_tags


@pytest.mark.parametrize("kind", ["entry", "server"])
def test_one_rule_for_a_server_by_name(kind):
    facts = cellfacts.of(session(SAMPLE_CONFIG))
    node, found = facts.find_server("STProxyServer", None, kind)
    assert node == "stproxySTPNode1" and found is not None
    with pytest.raises(CommandValidationException) as e:
        facts.find_server("nodeagent", None, kind)
    assert e.value.message.startswith('ADMG0251E: Server name "nodeagent" is not unique in the cell (nodes ')
    with pytest.raises(CommandValidationException) as e:
        facts.find_server("STProxyServer", "stmeetingSTMNode1", kind)
    assert e.value.message == M.SERVER_NOT_FOUND % ("STProxyServer", ' on node "stmeetingSTMNode1"')
    with pytest.raises(CommandValidationException) as e:
        facts.find_server("STProxyServer", "noSuchNode", kind)
    assert e.value.message == M.NODE_NOT_FOUND % "noSuchNode"


def test_facts_follow_the_workspace(tmp_path):
    """What the facts keep is dropped when a document changes: the commands answer the workspace, not the disk."""
    cfg = str(tmp_path / "config")
    shutil.copytree(SAMPLE_CONFIG, cfg)
    s = session(cfg)
    ac, at = s.objects["AdminConfig"], s.objects["AdminTask"]
    assert "WC_defaulthost" in at.reportConfiguredPorts()
    ep = ac.showAttribute(
        ac.getid("/Node:stproxySTPNode1/ServerIndex:/ServerEntry:STProxyServer/NamedEndPoint:WC_defaulthost/"), "endPoint"
    )
    ac.modify(ep, [["port", "8123"]])
    assert "port 8123]" in at.listServerPorts("STProxyServer")
    assert [ln for ln in at.reportConfiguredPorts().splitlines() if ln.split()[-1:] == ["8123"]] == [
        "  %-38s %-30s 8123" % ("WC_defaulthost", "*")
    ]
    entry = ac.getid("/Node:stproxySTPNode1/ServerIndex:/ServerEntry:STProxyServer/")
    assert "STProxyServer(" not in at.listServers("[-serverType PROXY_SERVER]")
    ac.modify(entry, [["serverType", "PROXY_SERVER"]])
    assert "STProxyServer(" in at.listServers("[-serverType PROXY_SERVER]")
    ac.reset()
    assert "STProxyServer(" not in at.listServers("[-serverType PROXY_SERVER]")
    assert "port 8123]" not in at.listServerPorts("STProxyServer")


def test_cell_wide_answers_keep_no_server_index_and_survive_unrelated_changes(tmp_path, monkeypatch):
    """reportConfiguredPorts and listServers -serverType read every node's serverindex.xml and keep none of them in
    the workspace (issue 14: memory bounded by what is read, not by the cell); what they read is kept while that
    document stays as it is, so a change to another document reads nothing again."""
    cfg = str(tmp_path / "config")
    shutil.copytree(SAMPLE_CONFIG, cfg)
    s = session(cfg)
    ac, at, facts = s.objects["AdminConfig"], s.objects["AdminTask"], cellfacts.of(s)
    repo = ac._repo
    report = at.reportConfiguredPorts()
    at.listServers("[-serverType APPLICATION_SERVER]")
    uris = ["%s/serverindex.xml" % node.doc.docdir for _n, node in facts.nodes()]
    assert len(uris) >= 5 and [u for u in uris if repo.loaded_document(u) is not None] == []
    rows = []  # the same report from the workspace's objects
    for name, node in facts.nodes():
        for index in facts.server_indexes(node):
            for entry in facts.children(index, "serverEntries"):
                rows.append((name, facts.text(index, "hostName"), facts.text(entry, "serverName"), facts.endpoint_values(entry)))
    assert report.count("Port usage for server ") == len(rows) and all(
        ("Port usage for server %s on node %s (host %s):" % (srv, n, h)) in report for n, h, srv, _e in rows
    )
    assert sum(len(e) for _n, _h, _s, e in rows) == len([ln for ln in report.splitlines() if ln.startswith("  ")])

    reads = []
    monkeypatch.setattr(repo, "read_document", lambda uri: reads.append(uri))
    vh = ac.list("VirtualHost").splitlines()[0]
    ac.create("HostAlias", vh, [["hostname", "x.example.com"], ["port", "81"]])
    assert at.reportConfiguredPorts() == report and reads == []
    ep = ac.showAttribute(
        ac.getid("/Node:stproxySTPNode1/ServerIndex:/ServerEntry:STProxyServer/NamedEndPoint:WC_defaulthost/"), "endPoint"
    )
    ac.modify(ep, [["port", "8124"]])  # the proxy's serverindex.xml, now the workspace's: read from its objects
    assert "8124" in at.reportConfiguredPorts() and reads == []


def test_cryptography_is_imported_at_the_first_certificate_command():
    """A job that never touches a key store does not pay for the cryptography package at start."""
    code = (
        "import sys\nprint('before', 'cryptography' in sys.modules)\nAdminTask.listServers()\n"
        "print('servers', 'cryptography' in sys.modules)\n"
        "AdminTask.listPersonalCertificates('[-keyStoreName CellDefaultKeyStore]')\n"
        "print('certificates', 'cryptography' in sys.modules)\n"
    )
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "harness.wsadmin",
            "-conntype",
            "NONE",
            "-configRoot",
            SAMPLE_CONFIG,
            "-interpreter",
            "cpython",
            "-c",
            code,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.splitlines()[1:] == ["before False", "servers False", "certificates True"], p.stdout


def test_the_report_line_made_positional_is_the_same_line():
    from harness.base import wsadmin_semantics as S
    from harness.scripting.admintask.commands import ports

    assert ports._LINE_BY_POSITION is not None
    for row in [("WC_defaulthost", "*", "9080"), ("X" * 50, "", ""), ("BOOTSTRAP_ADDRESS", "h.example.com", "2809")]:
        assert ports._LINE_BY_POSITION % row == S.REPORT_PORTS_LINE % dict(zip(("name", "host", "port"), row))
