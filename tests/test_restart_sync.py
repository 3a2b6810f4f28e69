"""Every job's result says what its change needs (issue 13 item 9): `restart` (processes in order: deployment manager,
node agents, servers, the media components together), `sync` (node agents to synchronise, `needed`) and, with a web
server in the cell, the plug-in hint; declared once per job through the Job frame (stwaslib.restart)."""

import os

import pytest
from jobs_helpers import JOB_INTERPRETERS, run_job

CELL = "cells/stconsoleSSCCell1"
MANAGED = ["stconsoleSSCNode1", "stmediaSTMSNode1", "stmeetingSTMNode1", "stproxySTPNode1"]
AGENTS = ["nodeagent@%s" % n for n in MANAGED]


def restart_lines(r):
    return [ln for ln in r.stdout.splitlines() if ln.startswith(("RESTART ", "SYNC ", "PLUGIN "))]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_a_server_change_restarts_that_server_and_syncs_its_node(interpreter, sample_config):
    r = run_job(interpreter, sample_config, "set_server_ports", "--server", "STProxyServer", "--http-port", "9081", "--dry-run")
    assert r.rc == 0, r
    assert r.result["restart"] == [{"step": 1, "what": "servers", "processes": ["STProxyServer@stproxySTPNode1"]}]
    assert r.result["sync"] == {"mode": "dry run", "nodes": [], "failed": [], "needed": ["stproxySTPNode1"]}
    assert "plugin_cfg" not in r.result  # no web server in the sample cell
    assert restart_lines(r) == [
        "RESTART 1. servers: STProxyServer@stproxySTPNode1",
        "SYNC node agents to synchronise: stproxySTPNode1",
    ]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_a_security_change_restarts_dmgr_agents_servers_then_media_together(interpreter, sample_config):
    r = run_job(interpreter, sample_config, "configure_sso", "--enable", "--domains", ".example.com", "--ltpa-timeout", "720")
    assert r.rc == 0 and r.result["saved"], r
    assert r.result["restart"] == [
        {"step": 1, "what": "deployment manager", "processes": ["dmgr@DMgrNode"]},
        {"step": 2, "what": "node agents", "processes": AGENTS},
        {
            "step": 3,
            "what": "servers",
            "processes": [
                "STConsoleServer@stconsoleSSCNode1",
                "STMeetingHttpProxy@stmeetingSTMNode1",
                "STMeetingServer@stmeetingSTMNode1",
                "STProxyServer@stproxySTPNode1",
            ],
        },
        {"step": 4, "what": "media components, together", "processes": ["STMediaServer@stmediaSTMSNode1"]},
    ]
    assert r.result["sync"] == {"mode": "local", "nodes": [], "failed": [], "needed": MANAGED}
    lines = restart_lines(r)
    assert lines[0] == "RESTART 1. deployment manager: dmgr@DMgrNode"
    assert lines[-1] == "SYNC node agents to synchronise: " + ", ".join(MANAGED)
    # nothing changed: nothing to restart
    again = run_job(interpreter, sample_config, "configure_sso", "--enable", "--domains", ".example.com", "--ltpa-timeout", "720")
    assert again.result["restart"] == [] and again.result["sync"] is None and restart_lines(again) == []


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_removals_sync_the_remaining_nodes_only(interpreter, sample_config):
    r = run_job(interpreter, sample_config, "cleanup_stale", "--meeting", "--dry-run")
    assert r.rc == 0, r
    assert r.result["restart"] == []
    assert r.result["sync"]["needed"] == [n for n in MANAGED if n != "stmeetingSTMNode1"]


def test_read_only_jobs_need_nothing(sample_config):
    r = run_job("cpython", sample_config, "port_matrix")
    assert r.rc == 0 and r.result["restart"] == [] and r.result["sync"] is None, r


def add_web_server(config):
    """An IHS web server on its own unmanaged node (serverindex.xml entry of type WEB_SERVER)."""
    node = os.path.join(config, CELL, "nodes", "IHS_Node")
    os.makedirs(node)
    with open(os.path.join(node, "serverindex.xml"), "w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<serverindex:ServerIndex xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" '
            'xmlns:serverindex="http://www.ibm.com/websphere/appserver/schemas/5.0/serverindex.xmi" '
            'xmi:id="ServerIndex_1" hostName="ihs.example.com">\n'
            '  <serverEntries xmi:id="ServerEntry_1" serverName="webserver1" serverType="WEB_SERVER">\n'
            '    <specialEndpoints xmi:id="NamedEndPoint_1" endPointName="WEBSERVER_ADDRESS">\n'
            '      <endPoint xmi:id="EndPoint_1" host="ihs.example.com" port="80"/>\n'
            "    </specialEndpoints>\n"
            "  </serverEntries>\n"
            "</serverindex:ServerIndex>\n"
        )
    with open(os.path.join(node, "node.xml"), "w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<topology.node:Node xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" '
            'xmlns:topology.node="http://www.ibm.com/websphere/appserver/schemas/5.0/topology.node.xmi" '
            'xmi:id="Node_1" name="IHS_Node" hostName="ihs.example.com"/>\n'
        )


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_a_routing_change_with_ihs_in_front_asks_for_the_plugin(interpreter, sample_config):
    add_web_server(sample_config)
    r = run_job(interpreter, sample_config, "set_server_ports", "--server", "STProxyServer", "--http-port", "9081", "--dry-run")
    assert r.rc == 0, r
    assert r.result["plugin_cfg"]["web_servers"] == ["webserver1@IHS_Node"]
    assert "Generate Plug-in, then Propagate Plug-in" in r.result["plugin_cfg"]["hint"]
    assert restart_lines(r)[-1].startswith(
        "PLUGIN regenerate and propagate the web server plug-in (plugin-cfg.xml) of webserver1@IHS_Node"
    )
    # the web server is never in the restart list, its unmanaged node never synchronised
    assert r.result["restart"] == [{"step": 1, "what": "servers", "processes": ["STProxyServer@stproxySTPNode1"]}]
    # a change that moves no URL: no plug-in hint
    t = run_job(interpreter, sample_config, "set_jvm_args", "--server", "STProxyServer", "--log-language", "en_GB", "--dry-run")
    assert t.rc == 0 and "plugin_cfg" not in t.result, t


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_virtual_hosts_restart_every_server_and_media_restarts_together(interpreter, sample_config):
    r = run_job(
        interpreter,
        sample_config,
        "map_virtual_host",
        "--virtual-host",
        "meeting_host",
        "--create",
        "--add",
        "meeting.example.com:443",
        "--dry-run",
    )
    assert r.rc == 0, r
    assert [st["what"] for st in r.result["restart"]] == ["servers", "media components, together"]
    assert r.result["sync"]["needed"] == MANAGED
    m = run_job(interpreter, sample_config, "media_disable_tls", "--dry-run")
    assert m.rc == 0, m
    assert m.result["restart"] == [
        {"step": 1, "what": "media components, together", "processes": ["STMediaServer@stmediaSTMSNode1"]}
    ]
    assert m.result["sync"]["needed"] == ["stmediaSTMSNode1"]
