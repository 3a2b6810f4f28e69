"""invoke apply / snapshot / plan / doctor over a real OpenSSH server on 127.0.0.1 (issue 7).

The "deployment managers" are directories behind one throwaway sshd (tests/sshd_fixture.py): each has a fake
bin/wsadmin.sh that runs the harness launcher in local mode against its own generated Sametime cell, and a fake
bin/backupConfig.sh. invoke runs as a subprocess, exactly as an admin types it.
"""

import hashlib
import json
import os
import re
import time
import zipfile

import pytest
from invoke_helpers import ROOT, SAMPLE, SENTINEL, USER, proxy_ports, run_invoke, tree_bytes
from sshd_fixture import FakeDmgr, free_port

PORTS_SCRIPT = os.path.join(ROOT, "wsadmin_scripts", "set_server_ports.py")
TINY_SCRIPT = os.path.join(ROOT, "tests", "remote", "tiny_set_ports.py")
HAVE_PORTS_JOB = os.path.isfile(PORTS_SCRIPT)
if HAVE_PORTS_JOB:  # the README's main job
    PORTS_ARGS = ["--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443"]
else:  # the tests' own stand-in (tests/remote/tiny_set_ports.py)
    PORTS_ARGS = [
        "--server",
        "STProxyServer",
        "--hostname",
        "chat.example.com",
        "--port",
        "WC_defaulthost=80",
        "--port",
        "WC_defaulthost_secure=443",
    ]
BAD_ARGS = ["--server", "NoSuchServer"] + PORTS_ARGS[2:]


def ports_job():
    """The real ports job once it exists, else the tests' own stand-in."""
    return "set_server_ports" if HAVE_PORTS_JOB else TINY_SCRIPT


# ----------------------------------------------------------------------------------------------- helpers
def assert_no_secret(run, sshd=None, hosts=()):
    for where, text in (("stdout", run.out), ("stderr", run.err), ("ps", run.ps), ("sshd log", sshd.read_log() if sshd else "")):
        assert SENTINEL not in text, "the password appears in %s" % where
    for h in hosts:
        for d, _dirs, files in os.walk(h.dir):
            if os.path.abspath(d).startswith(h.config):
                continue
            for f in files:
                with open(os.path.join(d, f), "rb") as fh:
                    assert SENTINEL.encode() not in fh.read(), "the password was left in %s" % os.path.join(d, f)


# ----------------------------------------------------------------------------------------------- fixtures
@pytest.fixture
def hosts(tmp_path, sshd, host_cell, monkeypatch):
    """Fake deployment managers a, b (good), nowsadmin (no bin/wsadmin.sh) and an invoke config naming them
    plus badkey (refused login) and down (nothing listens); returns (config_file, {name: FakeDmgr}). invoke runs
    in tmp_path, so the backups `apply` takes land in tmp_path/snapshots."""
    monkeypatch.chdir(tmp_path)
    made = {n: FakeDmgr.create(str(tmp_path / "hosts"), n, host_cell) for n in ("a", "b")}
    made["nowsadmin"] = FakeDmgr.create(str(tmp_path / "hosts"), "nowsadmin", host_cell, wsadmin=False)
    cells = {n: h.cell_config(sshd) for n, h in made.items()}
    cells["badkey"] = made["a"].cell_config(sshd, key_file=sshd.other_key)
    cells["down"] = made["a"].cell_config(sshd, port=free_port())
    cells["a-props"] = made["a"].cell_config(sshd, credentials="props")
    cfg = str(tmp_path / "stwas-test.json")  # invoke -f reads yaml, json or py; json needs no PyYAML here
    with open(cfg, "w") as f:
        json.dump({"stwas": {"cells": cells}}, f)
    return cfg, made


# ----------------------------------------------------------------------------------------------- offline
def test_plan_task_passes_the_remainder_to_the_job():
    """`invoke plan JOB -- ARGS` against the bundled sample cell: the README's main job as a diff."""
    before = tree_bytes(SAMPLE)
    r = run_invoke(["plan", ports_job(), "--interpreter", "cpython", "--"] + PORTS_ARGS)
    assert r.code == 0, r
    assert "+++ b/cells/" in r.out and 'port="80"' in r.out and 'port="443"' in r.out, r
    assert "STWAS-RESULT" in r.out
    assert tree_bytes(SAMPLE) == before


def test_plan_task_unknown_job_is_a_clear_error():
    r = run_invoke(["plan", "no_such_job", "--", "--x"])
    assert r.code == 2 and "no job 'no_such_job'" in r.err, r


def test_doctor_task_runs_the_doctor_or_says_it_is_missing():
    r = run_invoke(["doctor", "--interpreter", "cpython"])
    if os.path.isfile(os.path.join(ROOT, "wsadmin_scripts", "cell_doctor.py")):
        assert "STWAS-RESULT" in r.out, r
    else:
        assert r.code == 2 and "cell_doctor.py does not exist yet" in r.err, r


def test_apply_without_host_or_with_unknown_cell(hosts):
    cfg, _ = hosts
    r = run_invoke(["apply", ports_job(), "--"] + PORTS_ARGS, cfg)
    assert r.code == 2 and "no deployment manager given" in r.err, r
    r = run_invoke(["apply", "--host", "nope", ports_job(), "--"] + PORTS_ARGS, cfg)
    assert r.code == 2 and "unknown cell 'nope'" in r.err, r


# ----------------------------------------------------------------------------------------------- over SSH
@pytest.mark.ssh
def test_apply_dry_run_then_apply_changes_the_cell(sshd, hosts):
    cfg, made = hosts
    a = made["a"]
    before = tree_bytes(a.config)
    old = proxy_ports(a.config)
    assert old["WC_defaulthost"][1] != "80"

    r = run_invoke(["apply", "--host", "a", "--dry-run", ports_job(), "--"] + PORTS_ARGS, cfg, sample_ps=True)
    assert r.code == 0, r
    assert tree_bytes(a.config) == before, "--dry-run changed the cell"
    assert "dry run: nothing saved" in r.out, r
    assert "WC_defaulthost" in r.out
    assert "harness.wsadmin" in r.ps, "the ps sampler never saw the running wsadmin"
    assert_no_secret(r, sshd, made.values())

    r = run_invoke(["apply", "--host", "a", ports_job(), "--"] + PORTS_ARGS, cfg, sample_ps=True)
    assert r.code == 0, r
    new = proxy_ports(a.config)
    assert new["WC_defaulthost"] == ("chat.example.com", "80") or new["WC_defaulthost"][1] == "80", new
    assert new["WC_defaulthost_secure"][1] == "443", new
    # streamed job output, then the readable summary of STWAS-RESULT
    assert "STWAS-RESULT {" in r.out
    summary = r.out[r.out.rindex("STWAS-RESULT") :]
    assert re.search(r"a \(127\.0\.0\.1\) \S+: \d+ change\(s\), saved", summary), r
    assert re.search(r"modify EndPoint \[[^\]]*WC_defaulthost\]: .*port '\d+' -> '80'", summary), r
    assert "harness.wsadmin" in r.ps
    assert_no_secret(r, sshd, made.values())

    # the credentials reached wsadmin through the 0600 props file, which is gone, like the whole work dir
    assert a.read_mark("pwsha") == hashlib.sha256(SENTINEL.encode()).hexdigest()
    assert a.read_mark("user") == USER
    assert a.read_mark("props").startswith(a.tmp + "/stwas.")
    assert os.listdir(a.tmp) == []
    assert "-conntype SOAP" in a.read_mark("options")

    # idempotent: a second run changes nothing
    r = run_invoke(["apply", "--host", "a", ports_job(), "--"] + PORTS_ARGS, cfg)
    assert r.code == 0 and "no changes" in r.out, r
    assert tree_bytes(a.config) == tree_bytes(a.config)


@pytest.mark.ssh
def test_credentials_props_mode_sends_none(sshd, hosts):
    cfg, made = hosts
    r = run_invoke(["apply", "--host", "a-props", "--dry-run", ports_job(), "--"] + PORTS_ARGS, cfg)
    assert r.code == 0, r
    assert made["a"].read_mark("pwsha") is None and made["a"].read_mark("props") is None
    # no credentials in the environment and no terminal: none sent either, and said so only for a lone user
    r = run_invoke(
        ["apply", "--host", "a", "--dry-run", ports_job(), "--"] + PORTS_ARGS, cfg, env={"STWAS_WSADMIN_PASSWORD": None}
    )
    assert r.code == 0, r
    assert "STWAS_WSADMIN_USER is set but no password" in r.err
    assert made["a"].read_mark("pwsha") is None


@pytest.mark.ssh
def test_snapshot_brings_back_a_zip_that_plan_accepts(sshd, hosts, tmp_path):
    cfg, made = hosts
    out = str(tmp_path / "snaps" / "a.zip")
    r = run_invoke(["snapshot", "--host", "a", "--output", out], cfg)
    assert r.code == 0, r
    assert zipfile.is_zipfile(out)
    with zipfile.ZipFile(out) as z:
        assert any(n.endswith("/cell.xml") for n in z.namelist())
    assert "snapshot a [" in r.err and "100%" in r.err, r.err  # the progress line
    assert "ADMU5002I" in r.out
    assert os.listdir(made["a"].tmp) == []
    r = run_invoke(["plan", ports_job(), "--config", out, "--interpreter", "cpython", "--"] + PORTS_ARGS)
    assert r.code == 0, r
    assert 'port="80"' in r.out and "+++ b/cells/" in r.out, r


@pytest.mark.ssh
def test_two_cells_in_parallel_one_table(sshd, hosts):
    cfg, made = hosts
    r = run_invoke(["apply", "--hosts", "a,b", ports_job(), "--"] + PORTS_ARGS, cfg, sample_ps=True)
    assert r.code == 0, r
    table = r.out[r.out.index("CELL ") :]
    assert re.search(r"^a\s+127\.0\.0\.1:\d+\s+\S+\s+changed\s+\d+\s+yes", table, re.M), table
    assert re.search(r"^b\s+127\.0\.0\.1:\d+\s+\S+\s+changed\s+\d+\s+yes", table, re.M), table
    assert "2 of 2 cell(s) ok" in table
    assert "[a] " in r.out and "[b] " in r.out  # streamed, prefixed per cell
    for h in (made["a"], made["b"]):
        assert proxy_ports(h.config)["WC_defaulthost"][1] == "80"
    assert_no_secret(r, sshd, made.values())


@pytest.mark.ssh
def test_broken_cells_fail_clearly_and_the_others_finish(sshd, hosts):
    cfg, made = hosts
    t0 = time.time()
    r = run_invoke(["apply", "--hosts", "nowsadmin,a,badkey,down", ports_job(), "--"] + PORTS_ARGS, cfg, sample_ps=True)
    assert r.code != 0, r
    assert time.time() - t0 < 120
    assert proxy_ports(made["a"].config)["WC_defaulthost"][1] == "80"
    table = r.out[r.out.index("CELL ") :]
    assert re.search(r"^a\s+.*changed", table, re.M), table
    assert re.search(r"^nowsadmin\s+.*FAILED\s+-\s+-\s+no wsadmin\.sh at \S+/bin/wsadmin\.sh", table, re.M), table
    assert re.search(r"^badkey\s+.*FAILED.*login refused for \S+ on 127\.0\.0\.1:\d+", table, re.M), table
    assert re.search(r"^down\s+.*FAILED.*cannot reach 127\.0\.0\.1:\d+", table, re.M), table
    assert "1 of 4 cell(s) ok, failed: nowsadmin, badkey, down" in table
    errs = [ln for ln in r.err.splitlines() if ln.startswith("stwas: ")]
    assert len(errs) == 3, r.err
    assert os.listdir(made["nowsadmin"].tmp) == []
    assert_no_secret(r, sshd, made.values())


@pytest.mark.ssh
def test_a_failing_job_gives_its_exit_code_and_error(sshd, hosts):
    cfg, made = hosts
    before = tree_bytes(made["b"].config)
    r = run_invoke(["apply", "--host", "b", ports_job(), "--"] + BAD_ARGS, cfg)
    assert r.code not in (0, None), r
    assert re.search(r"^stwas: b: job \S+ exited \d+: ", r.err, re.M), r
    assert "FAILED" in r.out
    assert tree_bytes(made["b"].config) == before


@pytest.mark.ssh
def test_a_job_outside_wsadmin_scripts_is_uploaded_next_to_stwaslib(sshd, hosts):
    cfg, made = hosts
    before = tree_bytes(made["b"].config)
    r = run_invoke(
        ["apply", "--host", "b", "--dry-run", TINY_SCRIPT, "--", "--server", "STProxyServer", "--port", "WC_defaulthost=81"], cfg
    )
    assert r.code == 0, r
    assert re.search(r"b \(127\.0\.0\.1\) tiny_set_ports: 1 change\(s\), dry run", r.out), r
    assert "port '9080' -> '81'" in r.out or "-> '81'" in r.out, r
    assert tree_bytes(made["b"].config) == before
    assert made["b"].read_mark("scripts").endswith("/wsadmin_scripts")


@pytest.mark.ssh
def test_doctor_remote(sshd, hosts):
    if not os.path.isfile(os.path.join(ROOT, "wsadmin_scripts", "cell_doctor.py")):
        pytest.skip("wsadmin_scripts/cell_doctor.py is not written yet")
    cfg, made = hosts
    before = tree_bytes(made["a"].config)
    r = run_invoke(["doctor", "--hosts", "a,nowsadmin"], cfg)
    assert r.code != 0, r
    table = r.out[r.out.index("CELL ") :]
    assert re.search(r"^a\s+\S+\s+cell_doctor\s+(unchanged|FINDINGS)\s", table, re.M), table
    assert re.search(r"^nowsadmin\s+.*FAILED.*no wsadmin\.sh", table, re.M), table
    assert tree_bytes(made["a"].config) == before


# ----------------------------------------------------------------------------------------------- units
def test_soap_props_keeps_the_host_settings_and_escapes():
    from harness.remote.credentials import Credentials, soap_props

    c = Credentials("cn=wasadmin,o=acme", "p=a:s s\\w#\u00e9", "test")
    assert "p=a" not in repr(c) and "*****" in repr(c)
    text = soap_props(
        c,
        "com.ibm.SOAP.requestTimeout=600\ncom.ibm.SOAP.loginUserid=old\\\n  continued\n"
        "com.ibm.SOAP.loginPassword={xor}abc\n#com.ibm.SOAP.loginUserid=comment\n",
    )
    lines = text.splitlines()
    assert "com.ibm.SOAP.requestTimeout=600" in lines and "#com.ibm.SOAP.loginUserid=comment" in lines
    assert "  continued" not in lines and "com.ibm.SOAP.loginPassword={xor}abc" not in lines
    assert "com.ibm.SOAP.securityEnabled=true" in lines
    assert "com.ibm.SOAP.loginUserid=cn\\=wasadmin,o\\=acme" in lines
    assert "com.ibm.SOAP.loginPassword=p\\=a\\:s s\\\\w\\#\\u00E9" in lines


def test_resolve_credentials_without_a_terminal():
    from harness.remote.config import Cell
    from harness.remote.credentials import resolve

    class NoTty(object):
        def isatty(self):
            return False

    cells = [Cell("x", host="h"), Cell("y", host="h", credentials="props"), Cell("z", host="h", wsadmin_user="u")]
    got = resolve(cells, env={"STWAS_WSADMIN_USER": "admin", "STWAS_WSADMIN_PASSWORD": "pw"}, stdin=NoTty())
    assert (got["x"].user, got["x"].password) == ("admin", "pw") and got["y"] is None
    got = resolve(cells, env={"STWAS_WSADMIN_PASSWORD": "pw"}, stdin=NoTty())
    assert got["x"] is None and got["z"].user == "u"

    class Tty(NoTty):
        def isatty(self):
            return True

    asked = []
    got = resolve(
        cells,
        env={},
        stdin=Tty(),
        prompt_user=lambda t: asked.append(t) or "me",
        prompt_password=lambda t: asked.append(t) or "secret",
    )
    assert got["x"].password == "secret" and got["x"].source == "prompt" and got["z"].user == "u"
    assert len(asked) == 3  # one user + password for the unnamed user, one password for "u"


def test_parse_result_and_summary():
    from harness.remote.config import Cell
    from harness.remote.runner import HostResult, describe, parse_result, summary_table

    r = parse_result(
        'x\nSTWAS-RESULT {"job": "j", "changed": true, "saved": true, "dry_run": false, '
        '"changes": [{"action": "modify", "type": "EndPoint", "target": "S P", '
        '"old": {"port": "1"}, "new": {"port": "2"}}]}\n'
    )
    assert r["job"] == "j"
    res = HostResult(Cell("c1", host="h"), "j")
    res.ok, res.result = True, r
    bad = HostResult(Cell("c2", host="h2", port=2222), "j")
    bad.message = "cannot reach h2:2222: Connection refused"
    assert describe(res)[1].strip() == "modify EndPoint [S P]: port '1' -> '2'"
    table = summary_table([res, bad])
    assert re.search(r"^c2\s+h2:2222\s+j\s+FAILED\s+-\s+-\s+cannot reach", table, re.M)
    assert "FAILED" in table and "1 of 2 cell(s) ok, failed: c2" in table
    assert json.loads(json.dumps(r)) == r
