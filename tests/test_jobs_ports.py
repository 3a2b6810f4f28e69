"""set_server_ports (issue 4 item 2) and the job library contract, through the launcher under both interpreters,
on a copy of the generated Sametime sample cell; plus plan on a zip of the cell."""

import difflib
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import (
    JOB_INTERPRETERS,
    ROOT,
    SAMPLE_CONFIG,
    adminconfig,
    changed_files,
    copy_sample,
    run_job,
    run_plan,
    snapshot,
    without_ids,
    zip_dir,
)

CELL = "cells/stconsoleSSCCell1"
PROXY_INDEX = CELL + "/nodes/stproxySTPNode1/serverindex.xml"
MEETING_INDEX = CELL + "/nodes/stmeetingSTMNode1/serverindex.xml"
VHOSTS = CELL + "/virtualhosts.xml"
PROXY_80_443 = ("--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443")


@pytest.fixture
def cfg(tmp_path):
    return copy_sample(tmp_path)


def changed_lines(before, after):
    """(removed, added) lines of a text diff."""
    a = before.decode("utf-8").splitlines()
    b = after.decode("utf-8").splitlines()
    removed, added = [], []
    for ln in difflib.unified_diff(a, b, lineterm="", n=0):
        if ln.startswith("---") or ln.startswith("+++") or ln.startswith("@@"):
            continue
        if ln.startswith("-"):
            removed.append(ln[1:])
        elif ln.startswith("+"):
            added.append(ln[1:])
    return removed, added


def endpoint(ac, node, server, name):
    entry = ac.getid("/Node:%s/ServerIndex:/ServerEntry:%s/" % (node, server))
    for nep in ac.showAttribute(entry, "specialEndpoints")[1:-1].split():
        if ac.showAttribute(nep, "endPointName") == name:
            ep = ac.showAttribute(nep, "endPoint")
            return ac.showAttribute(ep, "host"), ac.showAttribute(ep, "port")
    return None


def aliases(ac, vh="default_host"):
    vid = ac.getid("/VirtualHost:%s/" % vh)
    out = []
    for a in ac.showAttribute(vid, "aliases")[1:-1].split():
        out.append((ac.showAttribute(a, "hostname"), ac.showAttribute(a, "port")))
    return out


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_proxy_to_80_443_dry_run_apply_and_rerun(interpreter, cfg):
    before = snapshot(cfg)

    dry = run_job(interpreter, cfg, "set_server_ports", *(PROXY_80_443 + ("--dry-run",)))
    assert dry.rc == 0, dry
    assert dry.last_line.startswith("STWAS-RESULT "), dry
    assert dry.result["job"] == "set_server_ports"
    assert dry.result["dry_run"] is True and dry.result["saved"] is False and dry.result["changed"] is True
    assert snapshot(cfg) == before, "--dry-run wrote something"

    real = run_job(interpreter, cfg, "set_server_ports", *PROXY_80_443)
    assert real.rc == 0, real
    r = real.result
    assert r["changed"] is True and r["saved"] is True and r["dry_run"] is False and r["error"] is None
    assert real.change_lines == dry.change_lines
    assert without_ids(r["changes"]) == without_ids(dry.result["changes"])
    assert "local mode: no node synchronisation" in real.stdout
    assert r["sync"]["mode"] == "local"

    # exactly the two endpoints and the two missing aliases
    mods = [c for c in r["changes"] if c["action"] == "modify"]
    assert sorted(c["target"] for c in mods) == [
        "STProxyServer@stproxySTPNode1 WC_defaulthost",
        "STProxyServer@stproxySTPNode1 WC_defaulthost_secure",
    ]
    by_target = dict((c["target"], c) for c in mods)
    assert by_target["STProxyServer@stproxySTPNode1 WC_defaulthost"]["old"] == {"host": "*", "port": "9080"}
    assert by_target["STProxyServer@stproxySTPNode1 WC_defaulthost"]["new"] == {"host": "chat.example.com", "port": "80"}
    assert by_target["STProxyServer@stproxySTPNode1 WC_defaulthost_secure"]["new"] == {"host": "chat.example.com", "port": "443"}
    creates = [c for c in r["changes"] if c["action"] == "create"]
    assert sorted((c["type"], c["target"], c["new"]["hostname"], c["new"]["port"]) for c in creates) == [
        ("HostAlias", "default_host", "chat.example.com", "443"),
        ("HostAlias", "default_host", "chat.example.com", "80"),
    ]
    assert len(r["changes"]) == 4

    after = snapshot(cfg)
    assert changed_files(before, after) == [PROXY_INDEX, VHOSTS]
    removed, added = changed_lines(before[PROXY_INDEX], after[PROXY_INDEX])
    assert len(removed) == 2 and len(added) == 2
    assert all("EndPoint_11831221296" in ln for ln in removed + added)
    removed, added = changed_lines(before[VHOSTS], after[VHOSTS])
    assert removed == [] and len(added) == 2

    ac = adminconfig(cfg)
    assert endpoint(ac, "stproxySTPNode1", "STProxyServer", "WC_defaulthost") == ("chat.example.com", "80")
    assert endpoint(ac, "stproxySTPNode1", "STProxyServer", "WC_defaulthost_secure") == ("chat.example.com", "443")
    al = aliases(ac)
    assert ("chat.example.com", "80") in al and ("chat.example.com", "443") in al
    assert len(al) == 8

    again = run_job(interpreter, cfg, "set_server_ports", *PROXY_80_443)
    assert again.rc == 0, again
    assert again.result["changed"] is False and again.result["changes"] == [] and again.result["saved"] is False
    assert again.change_lines == []
    assert snapshot(cfg) == after, "the second run wrote something"


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_meeting_onto_proxy_host_and_ports_is_refused(interpreter, cfg):
    first = run_job(interpreter, cfg, "set_server_ports", *PROXY_80_443)
    assert first.rc == 0, first
    before = snapshot(cfg)
    r = run_job(
        interpreter,
        cfg,
        "set_server_ports",
        "--server",
        "STMeetingServer",
        "--host",
        "chat.example.com",
        "--http-port",
        "80",
        "--https-port",
        "443",
    )
    assert r.rc != 0, r
    assert len(r.error_lines) == 1, r
    msg = r.error_lines[0]
    assert msg.startswith("ERROR: set_server_ports: ")
    assert "STMeetingServer" in msg and "STProxyServer" in msg
    assert r.result["error"] and r.result["changed"] is False and r.result["saved"] is False
    assert r.last_line.startswith("STWAS-RESULT ")
    assert snapshot(cfg) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_clash_with_a_wildcard_endpoint_on_the_proxy_host(interpreter, cfg):
    """STProxyServer listens on *:9080 of stproxy.example.com; STMeetingServer may not take that name and port."""
    before = snapshot(cfg)
    r = run_job(
        interpreter,
        cfg,
        "set_server_ports",
        "--server",
        "STMeetingServer",
        "--host",
        "stproxy.example.com",
        "--http-port",
        "9080",
    )
    assert r.rc != 0, r
    assert "STMeetingServer" in r.error_lines[0] and "STProxyServer" in r.error_lines[0]
    assert snapshot(cfg) == before


BAD = {
    "unknown-server": (("--server", "STNoSuchServer", "--http-port", "80"), "STNoSuchServer"),
    "unknown-endpoint": (("--server", "STProxyServer", "--endpoint", "WC_nosuchhost=80"), "WC_nosuchhost"),
    "port-0": (("--server", "STProxyServer", "--http-port", "0"), "'0'"),
    "port-65536": (("--server", "STProxyServer", "--http-port", "65536"), "'65536'"),
    "port-abc": (("--server", "STProxyServer", "--http-port", "abc"), "'abc'"),
    "endpoint-port-abc": (("--server", "STProxyServer", "--endpoint", "WC_defaulthost=chat.example.com:abc"), "abc"),
    "unknown-node": (("--server", "STProxyServer", "--node", "nonode", "--http-port", "80"), "nonode"),
    "no-endpoints": (
        (
            "--server",
            "STProxyServer",
        ),
        "nothing to set",
    ),
    "bad-option": (("--server", "STProxyServer", "--http-prot", "80"), "--http-prot"),
}


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_fails_cleanly(interpreter, case, cfg):
    args, needle = BAD[case]
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, "set_server_ports", *args)
    assert r.rc != 0, r
    assert len(r.error_lines) == 1 and needle in r.error_lines[0], r
    assert r.result is not None and r.result["error"] and r.result["changed"] is False
    assert r.last_line.startswith("STWAS-RESULT ")
    assert "Traceback" not in r.stdout + r.stderr
    assert snapshot(cfg) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_existing_alias_is_not_added_again(interpreter, cfg):
    """default_host already has '*' without a port (= 80): only the endpoint changes."""
    r = run_job(interpreter, cfg, "set_server_ports", "--server", "STProxyServer", "--http-port", "80")
    assert r.rc == 0, r
    assert [(c["action"], c["type"]) for c in r.result["changes"]] == [("modify", "EndPoint")]
    assert r.result["changes"][0]["new"] == {"port": "80"}


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_help(interpreter, cfg):
    r = run_job(interpreter, cfg, "set_server_ports", "--help")
    assert r.rc == 0, r
    lines = [ln for ln in r.stdout.splitlines() if not ln.startswith("WASX")]
    assert lines[0] == (
        "Usage: set_server_ports.py --server NAME [--node NODE] [--host HOST] [--http-port P] "
        "[--https-port P] [--endpoint NAME=[HOST:]PORT]... [options]"
    )
    assert "  --dry-run             work out and print the changes, save nothing" in lines
    assert "  --server=SERVER       server name, e.g. STProxyServer" in lines
    assert "STWAS-RESULT" not in r.stdout


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_usage_errors_and_the_interpreter_in_the_result(interpreter, cfg):
    """Bad numbers, an unknown option, a repeated option: one ERROR line, exit 2, nothing written; the result line
    names the interpreter ("jython": Jython's version, or cpython-X.Y under the harness)."""
    before = snapshot(cfg)
    for args, error in (
        (["--http-port", "\u00b2"], "invalid port '\u00b2' for --http-port"),
        (["--https-port", "70000"], "invalid port '70000' for --https-port"),
        (["--bogus"], "no such option: --bogus"),
        (["--server", "a", "--server", "b"], "--server is given twice with different values"),
    ):
        r = run_job(interpreter, cfg, "set_server_ports", "--server", "STProxyServer", *args)
        assert r.rc == 2 and len(r.error_lines) == 1 and r.result["error"].startswith(error), r
        assert "Traceback" not in r.stdout + r.stderr
        if interpreter == "cpython":
            assert r.result["jython"] == "cpython-%d.%d" % sys.version_info[:2]
        else:
            assert r.result["jython"].startswith("2.")
    assert snapshot(cfg) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_stwaslib_found_next_to_the_script_from_another_directory(interpreter, cfg, tmp_path):
    """The job imports stwaslib from its own directory whatever the working directory is."""
    r = run_job(interpreter, cfg, "set_server_ports", *(PROXY_80_443 + ("--dry-run",)), cwd=str(tmp_path))
    assert r.rc == 0, r
    assert r.result["changed"] is True


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_stwaslib_found_through_stwas_scripts(interpreter, cfg, tmp_path):
    """A job copied away from stwaslib finds it through STWAS_SCRIPTS."""
    import shutil

    lone = tmp_path / "elsewhere"
    lone.mkdir()
    script = str(lone / "set_server_ports.py")
    shutil.copy(os.path.join(ROOT, "wsadmin_scripts", "set_server_ports.py"), script)
    r = run_job(interpreter, cfg, script, *(PROXY_80_443 + ("--dry-run",)), cwd=str(tmp_path))
    assert r.rc != 0 and "stwaslib not found" in r.stdout + r.stderr, r
    r = run_job(
        interpreter,
        cfg,
        script,
        *(PROXY_80_443 + ("--dry-run",)),
        cwd=str(tmp_path),
        env={"STWAS_SCRIPTS": os.path.join(ROOT, "wsadmin_scripts")},
    )
    assert r.rc == 0, r
    assert r.result["changed"] is True


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_plan_on_zip_shows_diff_and_leaves_zip_alone(interpreter, tmp_path):
    z = zip_dir(SAMPLE_CONFIG, str(tmp_path / "cell.zip"))
    with open(z, "rb") as f:
        zbytes = f.read()
    p = run_plan(z, "set_server_ports", *PROXY_80_443, interpreter=interpreter)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "serverindex.xml" in p.stdout and "virtualhosts.xml" in p.stdout
    assert '+      <endPoint xmi:id="EndPoint_1183122129647" host="chat.example.com" port="80"/>' in p.stdout
    with open(z, "rb") as f:
        assert f.read() == zbytes
    assert not os.path.exists(os.path.join(ROOT, "wsadmin_scripts", "stwaslib", "__pycache__"))


# ---------------------------------------------------------------------------------------------- map_virtual_host


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_map_virtual_host_create_add_remove_idempotent(interpreter, cfg):
    before = snapshot(cfg)
    args = ("--virtual-host", "meeting_host", "--create", "--add", "meeting.example.com:80", "--add", "meeting.example.com:443")
    r = run_job(interpreter, cfg, "map_virtual_host", *args)
    assert r.rc == 0, r
    assert [(c["action"], c["type"]) for c in r.result["changes"]] == [
        ("create", "VirtualHost"),
        ("create", "HostAlias"),
        ("create", "HostAlias"),
    ]
    after = snapshot(cfg)
    assert changed_files(before, after) == [VHOSTS]
    ac = adminconfig(cfg)
    assert aliases(ac, "meeting_host") == [("meeting.example.com", "80"), ("meeting.example.com", "443")]

    again = run_job(interpreter, cfg, "map_virtual_host", *args)
    assert again.rc == 0 and again.result["changed"] is False, again
    assert snapshot(cfg) == after

    rm = run_job(
        interpreter,
        cfg,
        "map_virtual_host",
        "--virtual-host",
        "meeting_host",
        "--remove",
        "meeting.example.com:443",
        "--remove",
        "nothere.example.com:80",
    )
    assert rm.rc == 0, rm
    assert [(c["action"], c["old"]) for c in rm.result["changes"]] == [
        ("remove", {"hostname": "meeting.example.com", "port": "443"})
    ]
    assert aliases(adminconfig(cfg), "meeting_host") == [("meeting.example.com", "80")]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_map_virtual_host_missing_port_means_80(interpreter, cfg):
    """default_host's '*' alias has no port attribute: removing *:80 removes it."""
    r = run_job(interpreter, cfg, "map_virtual_host", "--virtual-host", "default_host", "--remove", "*:80", "--dry-run")
    assert r.rc == 0, r
    assert [c["old"] for c in r.result["changes"]] == [{"hostname": "*", "port": "80"}]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize(
    "args,needle",
    [
        (("--virtual-host", "nohost", "--add", "a.example.com:80"), "--create"),
        (("--virtual-host", "admin_host", "--remove", "*:9060"), "--force"),
        (("--virtual-host", "default_host", "--add", "a.example.com"), "HOST:PORT"),
        (("--virtual-host", "default_host", "--add", "a.example.com:0"), "'0'"),
        (("--virtual-host", "default_host"), "nothing to do"),
    ],
    ids=["missing-vhost", "admin-host", "no-port", "port-0", "nothing"],
)
def test_map_virtual_host_refusals(interpreter, cfg, args, needle):
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, "map_virtual_host", *args)
    assert r.rc != 0, r
    assert len(r.error_lines) == 1 and needle in r.error_lines[0], r
    assert snapshot(cfg) == before


# ---------------------------------------------------------------------------------------------- library, in-process

sys.path.insert(0, os.path.join(ROOT, "wsadmin_scripts"))
import stwaslib  # noqa: E402
from stwaslib import configtext, topology  # noqa: E402


def test_configtext_parsing():
    cid = configtext.ConfigId('"DB2 Universal JDBC Driver Provider (XA)(cells/c/nodes/n|resources.xml#JDBCProvider_1)"')
    assert cid.name == "DB2 Universal JDBC Driver Provider (XA)" and cid.path_value("nodes") == "n"
    assert cid.doc_file == "resources.xml" and cid.xmi_id == "JDBCProvider_1"
    assert configtext.split_id_list('[a(cells/c|x.xml#A_1) "b c(cells/c|x.xml#B_1)" (cells/c|x.xml#C_1)]') == [
        "a(cells/c|x.xml#A_1)",
        "b c(cells/c|x.xml#B_1)",
        "(cells/c|x.xml#C_1)",
    ]
    assert configtext.split_id_list("[]") == [] and configtext.split_id_list(None) == []
    rec = configtext.parse_show(
        "[endPointRefs []]\n[hostName h]\n[serverEntries [[[serverName s1]\n"
        "[specialEndpoints [[[endPoint [[host *]\n[port 9080]]]\n[endPointName WC]]]]] "
        '[[deployedApplications "A b.ear/deployments/A b"]\n[serverName s2]]]]'
    )
    assert rec["hostName"] == "h" and rec["endPointRefs"] == ""
    entries = configtext.records(rec["serverEntries"])
    assert [e["serverName"] for e in entries] == ["s1", "s2"]
    eps = configtext.records(entries[0]["specialEndpoints"])
    assert eps[0]["endPointName"] == "WC"
    assert configtext.records(eps[0]["endPoint"]) == [{"host": "*", "port": "9080"}]
    assert entries[1]["deployedApplications"] == "A b.ear/deployments/A b"
    # WAS 6 quoted nested form
    old = configtext.parse_show('[connectionPool "[[agedTimeout 0]\n[maxConnections 10]]"]')
    assert configtext.records(old["connectionPool"]) == [{"agedTimeout": "0", "maxConnections": "10"}]


def _ep(node, node_host, server, name, host, port):
    s = topology.Server(node, node_host, server, "APPLICATION_SERVER", [])
    e = topology.Endpoint(s, name, host, port)
    s.endpoints.append(e)
    return e


def test_clash_rule():
    a = _ep("n1", "h1.example.com", "A", "WC", "*", 80)
    assert topology.endpoints_clash(a, _ep("n1", "h1.example.com", "B", "WC", "x.example.com", 80))  # same node, *
    assert not topology.endpoints_clash(a, _ep("n1", "h1.example.com", "B", "WC", "*", 81))  # other port
    assert not topology.endpoints_clash(a, _ep("n2", "h2.example.com", "B", "WC", "*", 80))  # other machine
    assert topology.endpoints_clash(a, _ep("n2", "h2.example.com", "B", "WC", "h1.example.com", 80))  # a's name
    assert topology.endpoints_clash(a, _ep("n3", "H1.example.com", "B", "WC", "*", 80))  # node on same host
    c = _ep("n1", "h1.example.com", "C", "WC", "chat.example.com", 443)
    assert topology.endpoints_clash(c, _ep("n2", "h2.example.com", "D", "WC", "chat.example.com", 443))
    assert not topology.endpoints_clash(c, _ep("n1", "h1.example.com", "D", "WC", "meeting.example.com", 443))
    for bad in ("0", "65536", "abc", "", "-1", "8.0", None):
        assert topology.valid_port(bad) is None
    assert topology.valid_port("65535") == 65535 and topology.valid_port("1") == 1


class _FakeConfig:
    def __init__(self):
        self.saved = self.resets = 0
        self.values = {"(c|x.xml#A_1)": {"password": "{xor}Lz4sLCgwLTs=", "user": "u"}}

    def showAttribute(self, cid, name):
        return self.values[cid].get(name)

    def modify(self, cid, attrs):
        for k, v in attrs:
            self.values[cid][k] = v

    def save(self):
        self.saved += 1

    def reset(self):
        self.resets += 1


class _FakeControl:
    def __init__(self):
        self.invoked = []

    def getType(self):
        return "SOAP"

    def queryNames(self, q):
        assert q == "type=NodeSync,*"
        return (
            "WebSphere:name=nodeSync,process=nodeagent,node=n1,type=NodeSync\n"
            "WebSphere:name=nodeSync,process=nodeagent,type=NodeSync,node=n2"
        )

    def invoke(self, name, op):
        self.invoked.append((name, op))
        return "false" if "node=n2" in name else "true"


def _run(capsys, main, argv, scope):
    job = stwaslib.Job("unit", scope)
    code = 0
    try:
        job.run(main, argv)
    except SystemExit as e:
        code = e.code
    out = capsys.readouterr().out
    last = out.strip().splitlines()[-1]
    assert last.startswith("STWAS-RESULT ")
    import json

    return code, out, json.loads(last[len("STWAS-RESULT ") :])


def test_job_masks_passwords_syncs_nodes_and_reports_sync_failure(capsys):
    cfg, ctl = _FakeConfig(), _FakeControl()

    def main(job, opts):
        job.ensure("(c|x.xml#A_1)", "JAASAuthData", "a", [("password", "{xor}newsecret"), ("user", "u")])

    code, out, res = _run(capsys, main, [], {"AdminConfig": cfg, "AdminControl": ctl})
    assert "Lz4sLCgwLTs" not in out and "newsecret" not in out
    assert res["changes"][0]["old"] == {"password": "*****"} and res["changes"][0]["new"] == {"password": "*****"}
    assert cfg.saved == 1 and [op for _n, op in ctl.invoked] == ["sync", "sync"]
    assert res["sync"] == {"mode": "connected", "nodes": ["n1"], "failed": ["n2"]}
    assert code == stwaslib.EXIT_SYNC and res["saved"] is True and "n2" in res["error"]


def test_job_error_resets_and_exits_nonzero(capsys):
    cfg = _FakeConfig()

    def main(job, opts):
        job.ensure("(c|x.xml#A_1)", "JAASAuthData", "a", [("user", "v")])
        raise RuntimeError("boom password=hunter2")

    code, out, res = _run(capsys, main, [], {"AdminConfig": cfg})
    assert code == stwaslib.EXIT_ERROR and cfg.resets == 1 and cfg.saved == 0
    assert "hunter2" not in out
    errors = [ln for ln in out.splitlines() if ln.startswith("ERROR: ")]
    assert errors == ["ERROR: unit: RuntimeError: boom password=*****"]
    assert res["changed"] is False and res["changes"] == [] and len(res["discarded"]) == 1


def test_job_dry_run_resets_and_local_mode(capsys):
    cfg = _FakeConfig()

    def main(job, opts):
        job.ensure("(c|x.xml#A_1)", "JAASAuthData", "a", [("user", "v")])

    code, out, res = _run(capsys, main, ["--dry-run"], {"AdminConfig": cfg})
    assert code == 0 and cfg.saved == 0 and cfg.resets == 1
    assert res["dry_run"] is True and res["changed"] is True and res["saved"] is False

    cfg2 = _FakeConfig()
    code, out, res = _run(capsys, main, [], {"AdminConfig": cfg2, "AdminControl": None})
    assert code == 0 and cfg2.saved == 1 and "local mode: no node synchronisation" in out
    assert res["sync"]["mode"] == "local"


class _ReportJob:
    """What topology.Cell asks of a job, answered from a made-up port report."""

    def __init__(self, report):
        self.AdminTask = self
        self.report = report

    def reportConfiguredPorts(self):
        return self.report

    def list(self, _type):
        return []


def _made_up_report(rnd, servers):
    hosts = ["*", "${LOCALHOST_NAME}", "h1.example.com", "H2.Example.com", "chat.example.com", "n3", "CHAT.example.com"]
    nodes = [("n1", "h1.example.com"), ("n2", "h2.example.com"), ("n3", ""), ("n4", "h1.example.com"), ("n5", "x.example.com")]
    parts = []
    for i in range(servers):
        node, node_host = rnd.choice(nodes)
        lines = ["Port usage for server S%d on node %s (host %s):" % (i, node, node_host)]
        for k in range(rnd.randint(0, 4)):
            lines.append("  %-38s %-30s %s" % ("E%d" % k, rnd.choice(hosts), rnd.choice(["80", "443", "080", "9080"])))
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def test_clash_check_reads_only_the_servers_near_and_finds_what_the_whole_cell_gives():
    """Cell.clashes parses the endpoint lines of the servers on the machine or naming the host only (issue 14): on
    made-up reports it finds the same pairs as the rule applied to every endpoint of the cell."""
    import random

    rnd = random.Random(14)
    compared = found = 0
    for _round in range(150):
        cell = topology.Cell(_ReportJob(_made_up_report(rnd, rnd.randint(1, 12))))
        with_eps = [s for s in cell.servers if s.endpoints]
        if not with_eps:
            continue
        srv = rnd.choice(with_eps)
        changed = rnd.sample(srv.endpoints, rnd.randint(1, len(srv.endpoints)))
        for ep in changed:
            ep.host, ep.port = rnd.choice(["*", "chat.example.com", "H1.example.com", "n3"]), rnd.choice([80, 443])
        every = [(a, b) for a in changed for b in cell.all_endpoints() if b is not a and topology.endpoints_clash(a, b)]
        assert cell.clashes(changed) == every
        compared += 1
        found += len(every)
    assert compared > 100 and found > 50


def test_the_port_report_is_read_by_server_and_lines_on_demand():
    report = (
        "Port usage for server A on node n1 (host h1):\n  WC_defaulthost  *  9080\n  BOOT h1 2809\n\n"
        "Port usage for server B on node n2 (host ):\n  ONLYHOST h2\n  ONLYPORT 80\n  NOTHING\n"
    )
    found = topology.port_report_servers(report)
    assert [(s, n, h) for s, n, h, _a, _b in found] == [("A", "n1", "h1"), ("B", "n2", "")]
    assert [topology.endpoint_lines(report[a:b]) for _s, _n, _h, a, b in found] == [
        [("WC_defaulthost", "*", "9080"), ("BOOT", "h1", "2809")],
        [("ONLYHOST", "h2", ""), ("ONLYPORT", "", "80"), ("NOTHING", "", "")],
    ]
    assert topology.port_report_servers("WC_defaulthost * 9080\n" + report) is None  # a line before any server
    assert topology.port_report_servers("Port usage for server A (host h1):\n") is None  # no node in the header
    assert topology.port_report_servers(" \n") == [] and topology.port_report_servers("") == []
    cell = topology.Cell(_ReportJob(report))
    a, b = cell.servers
    assert b.machine() == "n2" and a.machine() == "h1"
    assert [e.port for e in a.endpoints] == [9080, 2809] and a.endpoints is a.endpoints
