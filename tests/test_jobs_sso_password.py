"""The jobs configure_sso.py and change_admin_password.py through the launcher, under both interpreters."""

import json
import os
import re
import subprocess
import sys

import jobs_helpers
import pytest
from conftest import ROOT, snapshot

from harness.config import xorcodec
from harness.launcher.session import make_session
from harness.was import fileregistry

CELL = "cells/stconsoleSSCCell1"
SSO = os.path.join(ROOT, "wsadmin_scripts", "configure_sso.py")
PASSWORD_JOB = os.path.join(ROOT, "wsadmin_scripts", "change_admin_password.py")
SENTINEL = "Zq7-Sentinel!pw#42"
DMGR_SOAP = "syncNode stconsole.example.com 8703"
MANAGED_NODES = ["stconsoleSSCNode1", "stmediaSTMSNode1", "stmeetingSTMNode1", "stproxySTPNode1"]
JOB_INTERPRETERS = jobs_helpers.JOB_INTERPRETERS


def run_job(config, interp, script, args, env=None, stdin=None):
    r = jobs_helpers.run_job(interp, config, script, *args, env=env, stdin=stdin)
    results = [ln for ln in r.stdout.splitlines() if ln.startswith("STWAS-RESULT ")]
    assert results, "no STWAS-RESULT line (rc %s)\nstdout:\n%s\nstderr:\n%s" % (r.rc, r.stdout, r.stderr)
    assert r.stdout.rstrip("\n").splitlines()[-1] == results[-1]
    return r.rc, r.stdout, r.stderr, json.loads(results[-1][len("STWAS-RESULT ") :])


def _task(config):
    s = make_session(config, "NONE", "\n")
    return s.objects["AdminTask"], s.objects["AdminConfig"]


def _server_password(config):
    with open(os.path.join(config, CELL, "security.xml"), encoding="utf-8") as f:
        xml = f.read()
    return re.search(r'xmi:id="WIMUserRegistry_1"[^>]* serverPassword="([^"]*)"', xml).group(1)


# ----------------------------------------------------------------------------------------------- configure_sso
SSO_ARGS = [
    "--enable",
    "--domains",
    ".example.local;.example.de",
    "--requires-ssl",
    "true",
    "--interoperable",
    "true",
    "--ltpa-timeout",
    "720",
]


@pytest.mark.parametrize("interp", JOB_INTERPRETERS)
def test_configure_sso_applies_reads_back_and_is_idempotent(sample_config, interp):
    rc, out, err, res = run_job(sample_config, interp, SSO, SSO_ARGS)
    assert rc == 0, out + err
    assert res["changed"] is True and res["saved"] is True and res["error"] is None
    assert {(c["type"], list(c["new"])[0]) for c in res["changes"]} == {
        ("SingleSignon", "requiresSSL"),
        ("SingleSignon", "domainName"),
        ("SingleSignon", "interoperable"),
        ("LTPA", "timeout"),
    }
    at, ac = _task(sample_config)
    sso = at.getSingleSignon()
    assert "[requiresSSL true]" in sso and "[domainName .example.local;.example.de]" in sso
    assert "[enabled true]" in sso and "[com.ibm.ws.security.ssoInteropModeEnabled true]" in sso
    assert at.getLTPATimeout() == "720"
    assert ac.showAttribute(ac.list("SingleSignon"), "domainName") == ".example.local;.example.de"

    before = snapshot(sample_config)
    rc, out, err, res = run_job(sample_config, interp, SSO, SSO_ARGS)
    assert rc == 0, out + err
    assert res["changed"] is False and res["changes"] == [] and res["saved"] is False
    assert snapshot(sample_config) == before


@pytest.mark.parametrize("interp", JOB_INTERPRETERS)
def test_configure_sso_dry_run_and_disable(sample_config, interp):
    before = snapshot(sample_config)
    rc, out, err, res = run_job(sample_config, interp, SSO, ["--disable", "--domains", "", "--dry-run"])
    assert rc == 0, out + err
    assert res["dry_run"] is True and res["changed"] is True and res["saved"] is False
    assert len(res["changes"]) == 2
    assert snapshot(sample_config) == before
    rc, out, err, res = run_job(sample_config, interp, SSO, ["--disable", "--domains", ""])
    assert rc == 0
    at, _ac = _task(sample_config)
    assert "[enabled false]" in at.getSingleSignon() and "[domainName ]" in at.getSingleSignon()


@pytest.mark.parametrize("args", [[], ["--requires-ssl", "maybe"], ["--ltpa-timeout", "0"], ["--bogus"]])
@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_configure_sso_usage_errors_write_nothing(interpreter, sample_config, args):
    before = snapshot(sample_config)
    rc, out, err, res = run_job(sample_config, interpreter, SSO, args)
    assert rc == 2 and res["error"] and res["changed"] is False
    assert "ERROR: configure_sso:" in out
    assert snapshot(sample_config) == before


# -------------------------------------------------------------------------------------- change_admin_password
def _assert_no_secret(*texts):
    enc = xorcodec.encode(SENTINEL)
    for t in texts:
        assert SENTINEL not in t
        assert enc[len("{xor}") :] not in t


@pytest.mark.parametrize("interp", JOB_INTERPRETERS)
def test_change_admin_password_from_env(sample_config, interp):
    env = {"STWAS_NEW_PASSWORD": SENTINEL}
    rc, out, err, res = run_job(sample_config, interp, PASSWORD_JOB, [], env=env)
    assert rc == 0, out + err
    _assert_no_secret(out, err)
    assert res["changed"] is True and res["saved"] is True
    # security.xml, then wasadmin in the sample's file registry (its DB2 auth aliases are db2admin's)
    assert [c["type"] for c in res["changes"]] == ["WIMUserRegistry", "PersonAccount"]
    assert res["changes"][0]["new"] == {"serverPassword": "*****"}
    # read back: the {xor} form in security.xml decodes to the new password; AdminConfig masks it
    stored = _server_password(sample_config)
    assert stored.startswith("{xor}") and xorcodec.decode(stored) == SENTINEL
    _at, ac = _task(sample_config)
    assert ac.showAttribute(ac.list("WIMUserRegistry"), "serverPassword") == "*****"
    # syncNode for every managed node, with the dmgr's SOAP host and port
    assert [c["node"] for c in res["sync_commands"]] == MANAGED_NODES
    assert {c["command"] for c in res["sync_commands"]} == {DMGR_SOAP}
    for n in MANAGED_NODES:
        assert re.search(r"^SYNCNODE %s \([^)]+\): %s$" % (n, DMGR_SOAP), out, re.M)
    assert res["file_registry"] == "changed"
    with open(os.path.join(sample_config, CELL, "fileRegistry.xml"), encoding="utf-8") as f:
        hashed = re.findall(r"<wim:password>([^<]*)</wim:password>", f.read())
    assert len(hashed) == 1 and fileregistry.password_check(hashed[0], SENTINEL)

    before = snapshot(sample_config)
    rc, out, err, res = run_job(sample_config, interp, PASSWORD_JOB, [], env=env)
    assert rc == 0
    assert res["changed"] is False and res["changes"] == [] and "sync_commands" not in res
    assert snapshot(sample_config) == before
    _assert_no_secret(out, err)


@pytest.mark.parametrize("interp", JOB_INTERPRETERS)
def test_change_admin_password_stdin_file_and_dry_run(sample_config, tmp_path, interp):
    before = snapshot(sample_config)
    rc, out, err, res = run_job(sample_config, interp, PASSWORD_JOB, ["--password-stdin", "--dry-run"], stdin=SENTINEL + "\n")
    assert rc == 0, out + err
    assert res["dry_run"] is True and res["changed"] is True and res["saved"] is False
    assert snapshot(sample_config) == before
    _assert_no_secret(out, err)

    pwfile = tmp_path / "pw.txt"
    pwfile.write_text(SENTINEL + "\r\n")
    rc, out, err, res = run_job(sample_config, interp, PASSWORD_JOB, ["--password-file", str(pwfile)])
    assert rc == 0, out + err
    assert xorcodec.decode(_server_password(sample_config)) == SENTINEL
    _assert_no_secret(out, err)


@pytest.mark.parametrize("args", [["--password", SENTINEL], ["--password=" + SENTINEL], ["--new-password", SENTINEL]])
@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_change_admin_password_refuses_command_line_password(interpreter, sample_config, args):
    before = snapshot(sample_config)
    rc, out, err, res = run_job(sample_config, interpreter, PASSWORD_JOB, args, env={"STWAS_NEW_PASSWORD": "x"})
    assert rc == 2
    assert "refusing --password" in res["error"] and "--password-file" in res["error"]
    assert snapshot(sample_config) == before
    # the job never repeats it (wsadmin's own WASX7303I echo of the arguments is why it is refused)
    body = "\n".join(ln for ln in out.splitlines() if not ln.startswith("WASX7303I"))
    _assert_no_secret(body, err)


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_change_admin_password_without_password(interpreter, sample_config):
    env = dict(os.environ)
    env.pop("STWAS_NEW_PASSWORD", None)
    rc, out, err, res = run_job(sample_config, interpreter, PASSWORD_JOB, [], env={"STWAS_NEW_PASSWORD": ""})
    assert rc == 2 and "STWAS_NEW_PASSWORD" in res["error"]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_change_admin_password_with_file_registry(interpreter, sample_config):
    from test_security_commands import FILE_REGISTRY

    from harness.scripting.admintask.commands.security import file_registry_check

    path = os.path.join(sample_config, CELL, "fileRegistry.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(FILE_REGISTRY)
    env = {"STWAS_NEW_PASSWORD": SENTINEL}
    rc, out, err, res = run_job(sample_config, interpreter, PASSWORD_JOB, [], env=env)
    assert rc == 0, out + err
    assert res["file_registry"] == "changed"
    assert [c["type"] for c in res["changes"]] == ["WIMUserRegistry", "PersonAccount"]
    with open(path, encoding="utf-8") as f:
        stored = re.findall(r"<wim:password>([^<]*)</wim:password>", f.read())[0]
    assert file_registry_check(stored, SENTINEL)
    _assert_no_secret(out, err)
    before = snapshot(sample_config)
    rc, out, err, res = run_job(sample_config, interpreter, PASSWORD_JOB, [], env=env)
    assert res["changed"] is False and res["file_registry"] == "unchanged"
    assert snapshot(sample_config) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_plan_diff_masks_the_new_password(interpreter, sample_config):
    e = dict(os.environ)
    e.setdefault("PYTHONPATH", ROOT)
    e["STWAS_NEW_PASSWORD"] = SENTINEL
    before = snapshot(sample_config)
    p = subprocess.run(
        [sys.executable, "-m", "harness", "plan", "--config", sample_config, "-interpreter", interpreter, "--", PASSWORD_JOB],
        cwd=ROOT,
        env=e,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    out, err = p.stdout.decode(), p.stderr.decode()
    assert p.returncode == 0, out + err
    assert "+++ b/%s/security.xml" % CELL in out
    plus = [ln for ln in out.splitlines() if ln.startswith("+  <userRegistries")]
    assert plus and 'serverPassword="*****"' in plus[0]
    _assert_no_secret(out, err)
    assert xorcodec.encode(SENTINEL) not in out
    assert snapshot(sample_config) == before  # plan never touches the source


# one password for every store: security.xml gets exactly what fileRegistry.xml gets (issue 12: brackets were
# eaten on the way to changeFileRegistryAccountPassword, so the admin was locked out of one of them)
ODD_PASSWORDS = ["[Summer2024]", 'say "hi" [x]', "it's a pass", "{xor}CDo9Hgw=", "a]b[c", "-Xmx512m"]


def _both_stores_hold(config, password):
    from harness.scripting.admintask.commands.security import file_registry_check

    assert xorcodec.decode(_server_password(config)) == password
    with open(os.path.join(config, CELL, "fileRegistry.xml"), encoding="utf-8") as f:
        stored = re.findall(r"<wim:password>([^<]*)</wim:password>", f.read())[0]
    assert file_registry_check(stored, password)
    stripped = password.strip("[]")
    if stripped != password:
        assert not file_registry_check(stored, stripped)


@pytest.mark.parametrize("password", ODD_PASSWORDS)
def test_change_admin_password_stores_the_same_password_everywhere(sample_config, password):
    from test_security_commands import FILE_REGISTRY

    with open(os.path.join(sample_config, CELL, "fileRegistry.xml"), "w", encoding="utf-8") as f:
        f.write(FILE_REGISTRY)
    rc, out, err, res = run_job(sample_config, "cpython", PASSWORD_JOB, [], env={"STWAS_NEW_PASSWORD": password})
    assert rc == 0, out + err
    assert res["file_registry"] == "changed"
    _both_stores_hold(sample_config, password)
    assert password not in out + err


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_change_admin_password_brackets_on_every_interpreter(interpreter, sample_config, tmp_path):
    from test_security_commands import FILE_REGISTRY

    with open(os.path.join(sample_config, CELL, "fileRegistry.xml"), "w", encoding="utf-8") as f:
        f.write(FILE_REGISTRY)
    pwfile = tmp_path / "pw.txt"
    pwfile.write_text("[Summer 2024]\n")
    rc, out, err, res = run_job(sample_config, interpreter, PASSWORD_JOB, ["--password-file", str(pwfile)])
    assert rc == 0, out + err
    _both_stores_hold(sample_config, "[Summer 2024]")
