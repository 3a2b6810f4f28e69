"""port_matrix (issue 4 item 5) through the launcher under both interpreters, on the Sametime sample cell."""

import csv
import io
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import JOB_INTERPRETERS, copy_sample, run_job, snapshot

COLUMNS = ["source", "destination", "destination_host", "port", "protocol", "purpose", "basis"]


@pytest.fixture
def cfg(tmp_path):
    return copy_sample(tmp_path)


def csv_rows(stdout):
    lines = [ln for ln in stdout.splitlines() if ln and not ln.startswith(("WASX", "STWAS-RESULT", "port matrix of cell"))]
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    assert rows[0] == COLUMNS
    return rows[1:]


def has(rows, src_part, dst_part, port, proto=None, host=None, basis=None):
    for r in rows:
        if (
            src_part in r[0]
            and dst_part in r[1]
            and r[3] == str(port)
            and (proto is None or r[4] == proto)
            and (host is None or r[2] == host)
            and (basis is None or r[6] == basis)
        ):
            return True
    return False


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_the_talks_rows_community_mux_and_audio_video(interpreter, cfg):
    # issue 13 item 8: Community -> System Console 9080/9443, Mux -> Community 1516, the NAT slides' A/V rows
    r = run_job(
        interpreter, cfg, "port_matrix", "--csv", "--community-host", "community.example.com", "--turn-host", "turn.example.com"
    )
    assert r.rc == 0, r
    rows = csv_rows(r.stdout)
    assert has(rows, "Community Server", "System Console STConsoleServer", 9080, "HTTP", "stconsole.example.com", "cell")
    assert has(rows, "Community Server", "System Console STConsoleServer", 9443, "HTTPS", basis="cell")
    assert has(rows, "Community Mux", "Community Server", 1516, "TCP", "community.example.com", "talk")
    assert has(rows, "A/V clients", "TURN server", 3478, "TURN/UDP", "turn.example.com", "talk")
    assert has(rows, "A/V clients", "TURN server", 3478, "TURN/TCP", "turn.example.com", "talk")
    assert has(rows, "A/V clients", "TURN server", "49152-65535", "UDP", basis="talk")
    assert has(rows, "A/V clients", "SIP Edge Proxy", 5080, "SIP/TCP", "(SIP Edge Proxy host: --sip-edge-host)", "talk")
    assert has(rows, "A/V clients", "SIP Edge Proxy", 5081, "SIP/TLS", basis="talk")
    media = "Media Manager STMediaServer (stmediaSTMSNode1) packet switcher"
    assert has(rows, "A/V clients", media, "42000-43000", "UDP", "stmedia.example.com", "talk")
    assert has(rows, "A/V clients", media, "46000-47000", "UDP", "stmedia.example.com", "talk")
    # what the cell knows is marked so: the servers' own endpoints
    assert has(rows, "Clients", "STMediaServer", 5081, "SIP/TLS", basis="cell")
    assert {row[6] for row in rows} == {"cell", "talk"}


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_csv_matrix_from_the_cell(interpreter, cfg):
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, "port_matrix", "--csv", "--db2-host", "db2.example.com", "--ldap-host", "ldap.example.com")
    assert r.rc == 0, r
    res = r.result
    assert res["job"] == "port_matrix" and res["changed"] is False and res["saved"] is False
    assert res["changes"] == [] and res["format"] == "csv"
    rows = csv_rows(r.stdout)
    assert rows == res["rows"]
    # SOAP to the deployment manager (8703) from every node agent, SOAP from the dmgr to node agents and servers
    assert has(rows, "Node agent (stproxySTPNode1)", "Deployment manager", 8703, "SOAP/HTTP(S)", "stconsole.example.com")
    assert has(rows, "Deployment manager", "Node agent (stmediaSTMSNode1)", 8878, "SOAP/HTTP(S)", "stmedia.example.com")
    assert has(rows, "Deployment manager", "STProxyServer", 8880, "SOAP/HTTP(S)")
    # HTTP/HTTPS of every server, the WebSphere proxy's 80/443, bootstrap, SIP
    for server in ("STProxyServer", "STMeetingServer", "STConsoleServer", "STMediaServer"):
        assert has(rows, "Clients", server, 9080, "HTTP") and has(rows, "Clients", server, 9443, "HTTPS")
        assert has(rows, "Deployment manager", server, 2809, "RMI/IIOP")
    assert has(rows, "Clients", "STMeetingHttpProxy", 80, "HTTP") and has(rows, "Clients", "STMeetingHttpProxy", 443)
    assert has(rows, "Clients", "STMediaServer", 5080, "SIP/TCP") and has(rows, "Clients", "STMediaServer", 5081, "SIP/TLS")
    # external DB2 and LDAP with the hosts given, default ports
    assert has(rows, "STConsoleServer", "DB2", 50000, host="db2.example.com")
    assert has(rows, "STMeetingServer", "DB2", 50000) and has(rows, "STProxyServer", "DB2", 50000)
    assert has(rows, "STMediaServer", "LDAP", 389, "LDAP", "ldap.example.com")
    assert has(rows, "Deployment manager", "LDAP", 389)
    assert snapshot(cfg) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_text_table_follows_the_config_and_options(interpreter, cfg):
    assert (
        run_job(
            interpreter,
            cfg,
            "set_server_ports",
            "--server",
            "STProxyServer",
            "--host",
            "chat.example.com",
            "--http-port",
            "80",
            "--https-port",
            "443",
        ).rc
        == 0
    )
    r = run_job(
        interpreter,
        cfg,
        "port_matrix",
        "--db2-port",
        "50001",
        "--ldap-host",
        "domino.example.com",
        "--ldap-port",
        "636",
        "--community-host",
        "community.example.com",
    )
    assert r.rc == 0, r
    assert r.result["format"] == "text"
    lines = r.stdout.splitlines()
    head = [i for i, ln in enumerate(lines) if ln.startswith("Source ")]
    assert head, r
    assert "Destination host" in lines[head[0]] and set(lines[head[0] + 1]) <= set("- ")
    rows = r.result["rows"]
    assert has(rows, "Clients", "STProxyServer", 80, "HTTP", "chat.example.com")
    assert has(rows, "Clients", "STProxyServer", 443, "HTTPS", "chat.example.com")
    assert not has(rows, "Clients", "STProxyServer", 9080)
    assert has(rows, "STProxyServer", "DB2", 50001)
    assert has(rows, "STMeetingServer", "LDAP", 636, "LDAPS", "domino.example.com")
    assert has(rows, "STProxyServer", "Community Server", 1516, host="community.example.com")
    assert has(rows, "STConsoleServer", "Community Server", 443)
    text = "\n".join(lines)
    assert "chat.example.com" in text and "community.example.com" in text


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_output_file(interpreter, cfg, tmp_path):
    out = tmp_path / "matrix.csv"
    r = run_job(interpreter, cfg, "port_matrix", "--csv", "--output", str(out))
    assert r.rc == 0, r
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == COLUMNS and rows[1:] == r.result["rows"]
    assert has(rows, "STConsoleServer", "DB2", 50000, host="(DB2 host: --db2-host)")


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize(
    "args,needle",
    [
        (("--db2-port", "0"), "'0'"),
        (("--ldap-port", "abc"), "'abc'"),
        (("--db2-host", "a b"), "a b"),
        (("--nonsense",), "--nonsense"),
    ],
    ids=["db2-port-0", "ldap-port-abc", "db2-host-blank", "bad-option"],
)
def test_bad_options(interpreter, cfg, args, needle):
    r = run_job(interpreter, cfg, "port_matrix", *args)
    assert r.rc != 0, r
    assert len(r.error_lines) == 1 and needle in r.error_lines[0], r
    assert r.result["error"]
