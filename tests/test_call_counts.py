"""Issue 4: the issue-4 jobs make the same number of scripting calls whatever the size of the cell.

Counts come from the launcher (env STWAS_CALL_COUNTS=FILE, harness/launcher/session.py); the cells from
`python -m harness fixture sametime` at two sizes.  Also: AdminTask.reportConfiguredPorts, which gives the jobs
the cell-wide port view in one call, and the jobs' fallback to one showall per node when it is missing.
tools/bench_jobs.py prints the same comparison for every job on the 1,000-server cell.
"""

import json
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import INTERPRETERS, ROOT, SAMPLE_CONFIG, SCRIPTS, _env, require, snapshot  # noqa: E402

SMALL = ("--nodes", "1")
MEDIUM = ("--nodes", "6", "--servers-per-node", "3")

ISSUE4_JOBS = {
    "set_server_ports": (
        "--server",
        "STProxyServer",
        "--host",
        "chat.example.com",
        "--http-port",
        "80",
        "--https-port",
        "443",
        "--dry-run",
    ),
    "map_virtual_host": ("--virtual-host", "meeting_host", "--create", "--add", "meeting.example.com:80", "--dry-run"),
    "https_redirect": ("--url", "https://meeting.example.com:443/stmeetings", "--dry-run"),
    "port_matrix": ("--csv", "--db2-host", "db2.example.com", "--ldap-host", "ldap.example.com"),
}

# Hides AdminTask.reportConfiguredPorts from the job (as on a WAS without the command); run as a -profile.
NO_REPORT_PROFILE = """
class _WithoutReport(object):
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        if name == 'reportConfiguredPorts':
            raise AttributeError(name)
        return getattr(self._target, name)


AdminTask = _WithoutReport(AdminTask)
"""


def fixture_cell(root, *size):
    subprocess.run(
        [sys.executable, "-m", "harness", "fixture", "sametime", str(root)] + list(size),
        cwd=ROOT,
        env=_env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return str(root)


@pytest.fixture(scope="module")
def cells(tmp_path_factory):
    base = tmp_path_factory.mktemp("cells")
    return {"small": fixture_cell(base / "small", *SMALL), "medium": fixture_cell(base / "medium", *MEDIUM)}


def counted(interpreter, config_root, tmp_path, script_args=None, commands=None, profile=None, label="run"):
    """(CompletedProcess, counts) of one launcher run with STWAS_CALL_COUNTS."""
    require(interpreter)
    counts_file = tmp_path / ("%s.counts.json" % label)
    env = _env()
    env["STWAS_CALL_COUNTS"] = str(counts_file)
    cmd = [
        sys.executable,
        "-m",
        "harness.wsadmin",
        "-conntype",
        "NONE",
        "-configRoot",
        str(config_root),
        "-interpreter",
        interpreter,
    ]
    if profile:
        cmd += ["-profile", profile]
    if commands:
        for c in commands:
            cmd += ["-c", c]
    else:
        cmd += ["-f"] + list(script_args)
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert counts_file.exists(), p
    with open(str(counts_file)) as f:
        return p, json.load(f)


def job_counts(config_root, tmp_path, job, label, profile=None):
    p, counts = counted(
        "cpython",
        config_root,
        tmp_path,
        [os.path.join(SCRIPTS, job + ".py")] + list(ISSUE4_JOBS[job]),
        profile=profile,
        label=label,
    )
    assert p.returncode == 0, (p.stdout, p.stderr)
    return p, counts


# --------------------------------------------------------------------------------------------------------------
# the launcher's call counting
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_launcher_counts_every_scripting_call(interpreter, tmp_path):
    p, counts = counted(
        interpreter,
        SAMPLE_CONFIG,
        tmp_path,
        commands=[
            "AdminConfig.list('Node')",
            "AdminConfig.list('Server')",
            "AdminTask.listNodes()",
            "AdminApp.list()",
        ],
    )
    assert p.returncode == 0, p
    assert counts == {"AdminApp.list": 1, "AdminConfig.list": 2, "AdminTask.listNodes": 1, "total": 4}


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_a_failing_call_is_counted_too(interpreter, tmp_path):
    p, counts = counted(
        interpreter,
        SAMPLE_CONFIG,
        tmp_path,
        commands=[
            "AdminConfig.showAttribute('nope(cells/x|cell.xml#Cell_1)', 'name')",
        ],
    )
    assert counts == {"AdminConfig.showAttribute": 1, "total": 1}


def test_internal_calls_of_a_command_are_not_counted(tmp_path):
    p, counts = counted("cpython", SAMPLE_CONFIG, tmp_path, commands=["AdminTask.reportConfiguredPorts()"])
    assert p.returncode == 0, p
    assert counts == {"AdminTask.reportConfiguredPorts": 1, "total": 1}


# --------------------------------------------------------------------------------------------------------------
# the issue-4 jobs: same counts on a small and a medium cell
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("job", sorted(ISSUE4_JOBS))
def test_issue4_job_call_count_does_not_grow(job, cells, tmp_path):
    before = snapshot(cells["medium"])
    _p, small = job_counts(cells["small"], tmp_path, job, "small")
    _p, medium = job_counts(cells["medium"], tmp_path, job, "medium")
    assert small == medium
    assert medium["total"] < 50  # https_redirect is the largest: 42, with the web modules' virtual hosts
    assert snapshot(cells["medium"]) == before


@pytest.mark.parametrize("job", ["set_server_ports", "port_matrix"])
def test_the_port_view_is_one_report_call(job, cells, tmp_path):
    _p, counts = job_counts(cells["medium"], tmp_path, job, "medium")
    assert counts.get("AdminTask.reportConfiguredPorts") == 1
    assert "AdminConfig.showall" not in counts or job == "set_server_ports"  # its showall: virtual host aliases
    assert counts.get("AdminConfig.showall", 0) <= 2


def test_without_report_command_port_matrix_falls_back_to_serverindex(cells, tmp_path):
    profile = tmp_path / "no_report.py"
    profile.write_text(NO_REPORT_PROFILE)
    p_new, new = job_counts(cells["medium"], tmp_path, "port_matrix", "new")
    p_old, old = job_counts(cells["medium"], tmp_path, "port_matrix", "old", profile=str(profile))
    assert p_new.stdout == p_old.stdout  # the same table either way
    assert "AdminTask.reportConfiguredPorts" not in old
    nodes = os.listdir(os.path.join(cells["medium"], "cells", "stconsoleSSCCell1", "nodes"))
    assert old["AdminConfig.showall"] == len(nodes)  # the old cost: one showall per node


def test_without_report_command_the_clash_check_still_works(cells, tmp_path):
    profile = tmp_path / "no_report.py"
    profile.write_text(NO_REPORT_PROFILE)
    # STMeetingServer onto port 80 of its node, where the WebSphere proxy STMeetingHttpProxy listens on '*'
    args = [os.path.join(SCRIPTS, "set_server_ports.py"), "--server", "STMeetingServer", "--http-port", "80", "--dry-run"]
    for prof, label in ((None, "new"), (str(profile), "old")):
        p, _counts = counted("cpython", SAMPLE_CONFIG, tmp_path, args, profile=prof, label=label)
        assert p.returncode != 0, p
        err = [ln for ln in p.stdout.splitlines() if ln.startswith("ERROR: ")]
        assert err and "STMeetingServer" in err[0] and "STMeetingHttpProxy" in err[0], p.stdout


# --------------------------------------------------------------------------------------------------------------
# AdminTask.reportConfiguredPorts
# --------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def admintask():
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from harness.launcher.session import make_session

    session = make_session(SAMPLE_CONFIG, line_separator="\n")
    yield session.objects["AdminTask"]
    session.close()


def test_report_configured_ports_of_one_node(admintask):
    from harness.base import wsadmin_semantics as S

    out = admintask.reportConfiguredPorts("[-node stproxySTPNode1]").split("\n")
    headers = [ln for ln in out if ln.startswith("Port usage")]
    assert headers == [
        S.REPORT_PORTS_HEADER % {"server": "nodeagent", "node": "stproxySTPNode1", "host": "stproxy.example.com"},
        S.REPORT_PORTS_HEADER % {"server": "STProxyServer", "node": "stproxySTPNode1", "host": "stproxy.example.com"},
    ]
    assert headers[1] == "Port usage for server STProxyServer on node stproxySTPNode1 (host stproxy.example.com):"
    i = out.index(headers[1])
    body = out[i + 1 :]
    assert ["WC_defaulthost", "*", "9080"] in [ln.split() for ln in body]
    assert ["BOOTSTRAP_ADDRESS", "stproxy.example.com", "2809"] in [ln.split() for ln in body]
    # every endpoint of listServerPorts, in the same order, with the same host and port
    listed = admintask.listServerPorts("STProxyServer").split("\n")
    assert len(body) == len(listed)
    for ln, rec in zip(body, listed):
        name, host, port = ln.split()
        assert rec.startswith("[[%s [ [host %s] " % (name, host)) and "[port %s]" % port in rec
    # a blank line between servers, endpoint lines indented
    assert out[i - 1] == S.REPORT_PORTS_SERVER_SEPARATOR
    assert all(ln.startswith("  ") for ln in body)


def test_report_configured_ports_of_the_cell(admintask):
    out = admintask.reportConfiguredPorts().split("\n")
    headers = [ln for ln in out if ln.startswith("Port usage for server ")]
    assert len(headers) == 10  # dmgr, 4 node agents, 5 servers of the sample cell
    assert headers[0] == "Port usage for server dmgr on node DMgrNode (host stconsole.example.com):"
    assert "Port usage for server STMeetingHttpProxy on node stmeetingSTMNode1 (host stmeeting.example.com):" in out
    assert ["PROXY_HTTP_ADDRESS", "*", "80"] in [ln.split() for ln in out]


def test_report_configured_ports_unknown_node(admintask):
    from harness.base.errors import JavaException

    with pytest.raises(JavaException) as e:
        admintask.reportConfiguredPorts("[-node noSuchNode]")
    assert "noSuchNode" in str(e.value)


def test_report_is_understood_by_the_job_library(admintask):
    sys.path.insert(0, SCRIPTS)
    try:
        from stwaslib import topology
    finally:
        sys.path.remove(SCRIPTS)
    report = admintask.reportConfiguredPorts()
    parsed = [(s, n, h, topology.endpoint_lines(report[a:b])) for s, n, h, a, b in topology.port_report_servers(report)]
    servers = dict(((s, n), (h, eps)) for s, n, h, eps in parsed)
    host, eps = servers[("STMediaServer", "stmediaSTMSNode1")]
    assert host == "stmedia.example.com"
    assert ("SIP_ProxyRegHOST", "*", "5080") in eps and ("WC_defaulthost_secure", "*", "9443") in eps
    assert topology.port_report_servers("something else entirely") is None
    assert topology.port_report_servers("") == []


def test_bench_jobs_tool_on_tiny_cells():
    p = subprocess.run(
        [
            sys.executable,
            os.path.join(ROOT, "tools", "bench_jobs.py"),
            "--small",
            "0x1",
            "--large",
            "2x2",
            "--job",
            "port_matrix",
            "--job",
            "map_virtual_host",
        ],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert p.returncode == 0, p
    rows = [ln.split("|") for ln in p.stdout.splitlines() if ln.startswith(("port_matrix", "map_virtual_host"))]
    assert len(rows) == 2 and all(r[4].strip() == "yes" for r in rows), p.stdout
    assert "PASS" in p.stdout


# --------------------------------------------------------------------------------------------------------------
# issue 14 item 4: certificate_report and cell_doctor, constant too
# --------------------------------------------------------------------------------------------------------------
READ_JOBS = {
    "certificate_report": (("--today", "2026-01-01"), (0, 1)),
    "cell_doctor": (("--today", "2026-01-01", "--json"), (0, 1, 2)),
}


@pytest.mark.parametrize("job", sorted(READ_JOBS))
def test_certificate_report_and_cell_doctor_are_constant(job, cells, tmp_path):
    args, ok = READ_JOBS[job]
    counts = {}
    for size in ("small", "medium"):
        p, c = counted("cpython", cells[size], tmp_path, [os.path.join(SCRIPTS, job + ".py")] + list(args), label=size)
        assert p.returncode in ok, (p.stdout, p.stderr)
        counts[size] = c
    assert counts["small"] == counts["medium"]
    assert counts["medium"]["total"] < 100


def test_all_stores_reads_the_nodes_without_applications_too(cells, tmp_path):
    script = os.path.join(SCRIPTS, "certificate_report.py")
    p, default = counted("cpython", cells["medium"], tmp_path, [script, "--today", "2026-01-01"], label="default")
    p_all, every = counted("cpython", cells["medium"], tmp_path, [script, "--today", "2026-01-01", "--all-stores"], label="all")
    res = [
        json.loads(ln[len("STWAS-RESULT ") :]) for ln in (p.stdout + p_all.stdout).splitlines() if ln.startswith("STWAS-RESULT ")
    ]
    # the medium cell's six filler nodes run no application: their two stores each are read only with --all-stores
    assert res[0]["skipped_stores"] == 12 and res[1]["skipped_stores"] == 0
    assert "12 key store(s) of nodes that run no application not read (--all-stores reads them)" in p.stdout
    assert len(res[1]["certificates"]) > len(res[0]["certificates"])
    assert every["AdminTask.listPersonalCertificates"] == default["AdminTask.listPersonalCertificates"] + 12


def test_doctor_trace_of_servers_without_applications_with_trace_all_servers(tmp_path):
    cell = fixture_cell(tmp_path / "cell", *SMALL)
    node = os.path.join(cell, "cells", "stconsoleSSCCell1", "nodes", "stapp001Node1", "servers", "STAppServer01")
    with open(os.path.join(node, "server.xml"), encoding="utf-8") as f:
        xml = f.read()
    with open(os.path.join(node, "server.xml"), "w", encoding="utf-8") as f:
        f.write(xml.replace('startupTraceSpecification="*=info"', 'startupTraceSpecification="*=all"', 1))
    script = os.path.join(SCRIPTS, "cell_doctor.py")
    runs = {}
    for label, extra in (("default", []), ("all", ["--trace-all-servers"])):
        p, counts = counted("cpython", cell, tmp_path, [script, "--only", "trace-level"] + extra, label=label)
        res = [json.loads(ln[len("STWAS-RESULT ") :]) for ln in p.stdout.splitlines() if ln.startswith("STWAS-RESULT")]
        runs[label] = (res[0], counts)
    default, every = runs["default"][0], runs["all"][0]
    assert default["findings"] == [] and [n for n in default["notes"] if "without applications not checked" in n]
    assert [f["subject"] for f in every["findings"]] == ["STAppServer01@stapp001Node1"]
