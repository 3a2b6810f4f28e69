"""media_disable_tls (issue 6 item 1) through the launcher under both interpreters, on a copy of the generated
Sametime sample cell: dry run, apply, read back (AdminApp.view, AdminConfig.extract), rerun, --enable restoring
the pristine tree byte for byte, refusals."""

import os
import re
import sys
import types

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import INTERPRETERS, SAMPLE_CONFIG, changed_files, copy_sample, run_job, snapshot  # noqa: E402

from harness.adminapp import AdminApp  # noqa: E402
from harness.adminconfig import AdminConfig  # noqa: E402
from harness.repository.repository import Repository  # noqa: E402

JOB = "media_disable_tls"
CELL = "cells/stconsoleSSCCell1"
APP = "IBM Lotus SIP Registrar"
BND = CELL + "/applications/%s.ear/deployments/%s/META-INF/ibm-application-bnd.xmi" % (APP, APP)
STAV = CELL + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml"


@pytest.fixture
def cfg(tmp_path):
    return copy_sample(tmp_path)


def role_block(cfg, role="AllAuthenticatedUsers"):
    repo = Repository(cfg)
    text = AdminApp(types.SimpleNamespace(repository=repo, line_separator="\n")).view(APP, ["-MapRolesToUsers"])
    out, cur = {}, None
    for ln in text.splitlines():
        if ":  " in ln:
            k, v = ln.split(":  ", 1)
            if k == "Role":
                cur = v
            elif cur == role:
                out[k] = v
    return out


def stav_attrs(cfg, tmp_path):
    """{element: {attr: value}} of the extracted stavconfig.xml."""
    local = str(tmp_path / "stav-extract.xml")
    AdminConfig(cfg).extract(STAV, local)
    with open(local, encoding="utf-8") as f:
        text = re.sub(r"<!--.*?-->", "", f.read(), flags=re.S)
    out = {}
    for m in re.finditer(r"<(\w+)((?:\s+\w+=\"[^\"]*\")*)\s*/?>", text):
        out[m.group(1)] = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
    return out


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_disable_rerun_enable_restores_byte_for_byte(interpreter, cfg, tmp_path):
    pristine = snapshot(SAMPLE_CONFIG)
    assert snapshot(cfg) == pristine

    dry = run_job(interpreter, cfg, JOB, "--dry-run")
    assert dry.rc == 0, dry
    assert dry.result["dry_run"] is True and dry.result["changed"] is True and dry.result["saved"] is False
    assert len(dry.result["changes"]) == 6
    assert snapshot(cfg) == pristine, "--dry-run wrote something"

    real = run_job(interpreter, cfg, JOB)
    assert real.rc == 0, real
    assert real.result["changed"] is True and real.result["saved"] is True
    assert real.result["application"] == APP and real.result["server"] == "STMediaServer"
    assert real.result["sip_proxy_registrar_port"] == 5080 and real.result["conference_manager_port"] == 5063
    assert [c["type"] for c in real.result["changes"]] == ["RoleAssignment"] + ["StAVConfig"] * 5
    assert [c["type"] for c in real.result["changes"]] == [c["type"] for c in dry.result["changes"]]
    assert changed_files(pristine, snapshot(cfg)) == sorted([BND, STAV])

    # read back: the role through AdminApp.view, the media configuration through AdminConfig.extract
    b = role_block(cfg)
    assert b["Everyone?"] == "Yes" and b["All authenticated in application's realm?"] == "No"
    st = stav_attrs(cfg, tmp_path)
    assert st["SIPProxyRegistrar"]["port"] == "5080" and st["SIPProxyRegistrar"]["transport"] == "TCP"
    assert st["ConferenceManager"]["port"] == "5063" and st["ConferenceManager"]["transport"] == "TCP"
    assert st["ConferenceManager"]["srtpEncryption"] == "disabled"
    assert st["SIPProxyRegistrar"]["sessionExpires"] == "150"   # untouched

    after = snapshot(cfg)
    again = run_job(interpreter, cfg, JOB)
    assert again.rc == 0, again
    assert again.result["changed"] is False and again.result["changes"] == [] and again.result["saved"] is False
    assert snapshot(cfg) == after, "second run wrote something"

    dry_enable = run_job(interpreter, cfg, JOB, "--enable", "--dry-run")
    assert dry_enable.rc == 0 and len(dry_enable.result["changes"]) == 6, dry_enable
    assert snapshot(cfg) == after

    enable = run_job(interpreter, cfg, JOB, "--enable")
    assert enable.rc == 0, enable
    assert enable.result["changed"] is True and enable.result["mode"] == "enable"
    assert snapshot(cfg) == pristine, "--enable did not restore the original documents byte for byte: %s" % (
        changed_files(pristine, snapshot(cfg)),)

    enable2 = run_job(interpreter, cfg, JOB, "--enable")
    assert enable2.rc == 0 and enable2.result["changed"] is False, enable2
    assert snapshot(cfg) == pristine


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_unexpected_port_is_refused_and_nothing_changes(interpreter, cfg):
    path = os.path.join(cfg, STAV)
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data.replace(b'port="5081"', b'port="5099"'))
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, JOB)
    assert r.rc == 1, r
    assert "5099" in r.result["error"] and "refused" in r.result["error"]
    assert r.result["changed"] is False
    assert snapshot(cfg) == before   # the role was not changed either: everything is checked first


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_bad_app_role_and_document_options(interpreter, cfg):
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, JOB, "--app", "No Such App")
    assert r.rc == 1 and "No Such App is not installed" in r.result["error"], r
    r = run_job(interpreter, cfg, JOB, "--role", "nope")
    assert r.rc == 1 and "has no security role nope" in r.result["error"], r
    r = run_job(interpreter, cfg, JOB, "--document", CELL + "/nope.xml")
    assert r.rc == 1 and "does not exist" in r.result["error"], r
    os.remove(os.path.join(cfg, STAV))
    r = run_job(interpreter, cfg, JOB)
    assert r.rc == 1 and "stavconfig.xml" in r.result["error"], r
    after = snapshot(cfg)
    del before[STAV]
    assert after == before
