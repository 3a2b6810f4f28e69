"""set_trace (issue 6 item 2) through the launcher under both interpreters, on a copy of the generated Sametime
sample cell: presets and strings, persistent (read back through AdminConfig), runtime (connected mode, TraceService
MBean), validation before anything is written, --reset, --dry-run, reruns."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import (  # noqa: E402
    JOB_INTERPRETERS,
    adminconfig,
    changed_files,
    copy_sample,
    run_job,
    snapshot,
)

JOB = "set_trace"
CELL = "cells/stconsoleSSCCell1"
PROXY_XML = CELL + "/nodes/stproxySTPNode1/servers/STProxyServer/server.xml"
LOGIN_DEBUG = (
    "*=info:com.ibm.websphere.security.*=finest:com.ibm.ws.security.*=finest:com.ibm.ws.wim.*=finest:"
    "com.ibm.wsspi.wim.*=finest:com.ibm.websphere.wim.*=finest:SASRas=finest"
)


@pytest.fixture
def cfg(tmp_path):
    return copy_sample(tmp_path)


def startup_spec(cfg, server="STProxyServer", node="stproxySTPNode1"):
    ac = adminconfig(cfg)
    ts = ac.list("TraceService", ac.getid("/Node:%s/Server:%s/" % (node, server)))
    return ac.showAttribute(ts, "startupTraceSpecification")


def run_connected(interpreter, cfg, *args):
    return run_job(interpreter, cfg, JOB, *args, conntype="SOAP")


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_preset_persistent_dry_run_apply_rerun_reset(interpreter, cfg):
    before = snapshot(cfg)
    assert startup_spec(cfg) == "*=info"

    dry = run_job(interpreter, cfg, JOB, "--server", "STProxyServer", "--preset", "login-debug", "--dry-run")
    assert dry.rc == 0, dry
    assert dry.result["dry_run"] is True and dry.result["changed"] is True and dry.result["saved"] is False
    assert snapshot(cfg) == before, "--dry-run wrote something"

    real = run_job(interpreter, cfg, JOB, "--server", "STProxyServer", "--preset", "login-debug")
    assert real.rc == 0, real
    assert real.result["changed"] is True and real.result["saved"] is True
    assert real.result["spec"] == LOGIN_DEBUG and real.result["preset"] == "login-debug"
    assert real.result["runtime_set"] is False
    assert any("-conntype SOAP" in w for w in real.result["warnings"])  # local mode: persistent only, and says so
    assert startup_spec(cfg) == LOGIN_DEBUG
    assert changed_files(before, snapshot(cfg)) == [PROXY_XML]

    after = snapshot(cfg)
    again = run_job(interpreter, cfg, JOB, "--server", "STProxyServer", "--spec", LOGIN_DEBUG, "--persistent")
    assert again.rc == 0, again
    assert again.result["changed"] is False and again.result["changes"] == []
    assert snapshot(cfg) == after, "second run wrote something"

    reset = run_job(interpreter, cfg, JOB, "--server", "STProxyServer", "--reset")
    assert reset.rc == 0 and reset.result["changed"] is True, reset
    assert startup_spec(cfg) == "*=info"
    assert snapshot(cfg) == before  # only the attribute value changed, and it is back
    reset2 = run_job(interpreter, cfg, JOB, "--server", "STProxyServer", "--reset")
    assert reset2.rc == 0 and reset2.result["changed"] is False, reset2


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize(
    "spec,needle",
    [
        (
            "com.ibm.ws.*=loud",
            "level 'loud' of com.ibm.ws.* is not one of: off fatal severe warning audit info config detail fine finer finest all",
        ),
        ("nonsense", "'nonsense' is not component=level and not a preset"),
    ],
)
def test_invalid_spec_rejected_without_change(interpreter, cfg, spec, needle):
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, JOB, "--server", "STProxyServer", "--spec", spec)
    assert r.rc == 2, r
    assert needle in r.result["error"], r.result["error"]
    assert r.error_lines and "invalid trace specification '%s'" % spec in r.error_lines[0]
    assert r.result["changed"] is False and r.result["changes"] == []
    assert snapshot(cfg) == before


@pytest.mark.parametrize(
    "spec,needle",
    [
        ("*=info::com.ibm.ws.*=all", "empty entry"),
        ("com ibm=all", "is not a component name"),
        ("*=info:*=all", "given twice"),
    ],
)
@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_more_invalid_specs(interpreter, cfg, spec, needle):
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, JOB, "--server", "STProxyServer", "--spec", spec)
    assert r.rc == 2 and needle in r.result["error"], r
    assert snapshot(cfg) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_usage_errors(interpreter, cfg):
    before = snapshot(cfg)
    for args, needle in (
        (["--server", "STProxyServer"], "exactly one of"),
        (["--server", "STProxyServer", "--reset", "--preset", "wim"], "exactly one of"),
        (["--server", "STProxyServer", "--preset", "loud"], "unknown preset"),
        (["--preset", "wim"], "--server is required"),
    ):
        r = run_job(interpreter, cfg, JOB, *args)
        assert r.rc == 2 and needle in r.result["error"], r
    r = run_job(interpreter, cfg, JOB, "--server", "NoSuchServer", "--reset")
    assert r.rc == 1 and "server NoSuchServer not found" in r.result["error"], r
    r = run_job(interpreter, cfg, JOB, "--server", "STProxyServer", "--reset", "--runtime")
    assert r.rc == 1 and "-conntype SOAP" in r.result["error"], r
    assert snapshot(cfg) == before
    r = run_job(interpreter, cfg, JOB, "--list-presets")
    assert r.rc == 0 and r.result["presets"]["login-debug"] == LOGIN_DEBUG, r


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_runtime_in_connected_mode(interpreter, cfg):
    before = snapshot(cfg)
    spec = "*=info:com.ibm.ws.sip.*=all"
    dry = run_connected(interpreter, cfg, "--server", "STMediaServer", "--runtime", "--spec", spec, "--dry-run")
    assert dry.rc == 0, dry
    assert dry.result["runtime"] == {"old": "*=info", "new": spec}
    assert [c["type"] for c in dry.result["changes"]] == ["TraceService MBean"]

    r = run_connected(interpreter, cfg, "--server", "STMediaServer", "--runtime", "--spec", spec)
    assert r.rc == 0, r
    assert r.result["runtime"] == {"old": "*=info", "new": spec} and r.result["runtime_set"] is True
    assert r.result["persistent_set"] is False and "persistent" not in r.result
    assert snapshot(cfg) == before, "a runtime-only trace change wrote the configuration"

    both = run_connected(interpreter, cfg, "--server", "STMediaServer", "--preset", "wim")
    assert both.rc == 0, both
    assert sorted(c["type"] for c in both.result["changes"]) == ["TraceService", "TraceService MBean"]
    assert startup_spec(cfg, "STMediaServer", "stmediaSTMSNode1") == both.result["spec"]
