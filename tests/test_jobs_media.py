"""media_disable_tls (issue 13 item 1) under the three interpreters through the launcher, on a copy of the Sametime
sample with several real-format stavconfig.xml copies (the generator's two plus a third one written differently):
the role always changes; --stav sets the named entries in every copy and nothing else; --enable restores the copies
byte for byte; without --stav the console steps are printed; refusals change nothing."""

import os
import sys
import types

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import JOB_INTERPRETERS, changed_files, copy_sample, run_job, run_plan, snapshot  # noqa: E402

from harness.config.repository.repository import Repository  # noqa: E402
from harness.scripting.adminapp import AdminApp  # noqa: E402

JOB = "media_disable_tls"
CELL = "cells/stconsoleSSCCell1"
APP = "IBM Lotus SIP Registrar"
BND = CELL + "/applications/%s.ear/deployments/%s/META-INF/ibm-application-bnd.xmi" % (APP, APP)
STAV_MEDIA = CELL + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml"
STAV_DMGR = CELL + "/nodes/DMgrNode/servers/dmgr/stavconfig.xml"
STAV_THIRD = CELL + "/nodes/stmediaSTMSNode1/servers/nodeagent/stavconfig.xml"
COPIES = sorted([STAV_DMGR, STAV_MEDIA, STAV_THIRD])
# An entry name the admin read from the own copy (the real SIP transport name is not public): the test puts it into
# every copy, as a real cell would have it.
ADMIN_NAME = "ExampleSIPTransport"
# the third copy: other quoting, tabs, an element with an end tag, another order and values
THIRD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<configurations>\n'
    b"\t<configuration lastUpdated='1226425838277' name='SIPAuthenticationType' value='LTPA'/>\n"
    b'\t<configuration name="ExampleSIPTransport" value="TLS" lastUpdated="1226425838299"></configuration>\n'
    b'\t<configuration lastUpdated="1226425838300" name="ClientSIPRegisterRetryDelay" value="90"/>\n'
    b"</configurations>\n"
)


def add_admin_entry(root, rel):
    p = os.path.join(root, rel)
    with open(p, "rb") as f:
        data = f.read()
    line = b'  <configuration lastUpdated="1366790400099" name="ExampleSIPTransport" value="TLS"/>\n'
    with open(p, "wb") as f:
        f.write(data.replace(b"</configurations>", line + b"</configurations>"))


@pytest.fixture
def cfg(tmp_path):
    root = copy_sample(tmp_path)
    for rel in (STAV_MEDIA, STAV_DMGR):
        add_admin_entry(root, rel)
    with open(os.path.join(root, STAV_THIRD), "wb") as f:
        f.write(THIRD)
    return root


def role_block(cfg, role="AllAuthenticatedUsers"):
    text = AdminApp(types.SimpleNamespace(repository=Repository(cfg), line_separator="\n")).view(APP, ["-MapRolesToUsers"])
    out, cur = {}, None
    for ln in text.splitlines():
        if ":  " in ln:
            k, v = ln.split(":  ", 1)
            if k == "Role":
                cur = v
            elif cur == role:
                out[k] = v
    return out


def changed_lines(before, after):
    """[(old line, new line)] of a document whose lines were changed in place (same number of lines)."""
    a, b = before.decode().splitlines(), after.decode().splitlines()
    assert len(a) == len(b)
    return [(x, y) for x, y in zip(a, b) if x != y]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_stav_in_every_copy_then_enable_restores_byte_for_byte(interpreter, cfg):
    pristine = snapshot(cfg)
    args = ("--stav", "SIPAuthenticationType=None", "--stav", "%s=TCP" % ADMIN_NAME)

    dry = run_job(interpreter, cfg, JOB, "--dry-run", *args)
    assert dry.rc == 0, dry
    assert dry.result["dry_run"] is True and dry.result["changed"] is True and dry.result["saved"] is False
    assert snapshot(cfg) == pristine, "--dry-run wrote something"
    assert sorted(dry.result["documents"]) == COPIES

    real = run_job(interpreter, cfg, JOB, *args)
    assert real.rc == 0, real
    assert real.change_lines == dry.change_lines
    assert [c["type"] for c in real.result["changes"]] == ["RoleAssignment"] + ["StAVConfig"] * 6
    assert real.result["stav"] == {"SIPAuthenticationType": "None", ADMIN_NAME: "TCP"}
    after = snapshot(cfg)
    assert changed_files(pristine, after) == sorted([BND] + COPIES)
    # exactly the named entries, in every copy, and nothing else
    for rel in COPIES:
        lines = changed_lines(pristine[rel], after[rel])
        assert len(lines) == 2, (rel, lines)
        for old, _new in lines:
            assert ('name="%s"' % ADMIN_NAME in old) or ("SIPAuthenticationType" in old), (rel, old)
    assert changed_lines(pristine[STAV_THIRD], after[STAV_THIRD]) == [
        (
            "\t<configuration lastUpdated='1226425838277' name='SIPAuthenticationType' value='LTPA'/>",
            "\t<configuration lastUpdated='1226425838277' name='SIPAuthenticationType' value='None'/>"
            '<!-- media_disable_tls: was "LTPA" -->',
        ),
        (
            '\t<configuration name="ExampleSIPTransport" value="TLS" lastUpdated="1226425838299"></configuration>',
            '\t<configuration name="ExampleSIPTransport" value="TCP" lastUpdated="1226425838299">'
            '<!-- media_disable_tls: was "TLS" --></configuration>',
        ),
    ]
    b = role_block(cfg)
    assert b["Everyone?"] == "Yes" and b["All authenticated in application's realm?"] == "No"
    # node agents first (the third copy sits in the node agent's directory), then the servers
    assert real.result["restart"] == [
        {"step": 1, "what": "media components, together", "processes": ["STMediaServer@stmediaSTMSNode1"]}
    ]
    assert real.result["resynchronize"] == ["stmediaSTMSNode1"]  # the dmgr's own copy needs no node sync

    again = run_job(interpreter, cfg, JOB, *args)
    assert again.rc == 0 and again.result["changed"] is False and again.result["changes"] == [], again
    assert snapshot(cfg) == after

    # a second value for an entry keeps the value from before the first run in the mark
    other = run_job(interpreter, cfg, JOB, "--sip-authentication-type", "Basic")
    assert other.rc == 0 and len(other.result["changes"]) == 3, other
    assert b'value="Basic"/><!-- media_disable_tls: was "LTPA" -->' in snapshot(cfg)[STAV_MEDIA]

    enable = run_job(interpreter, cfg, JOB, "--enable")
    assert enable.rc == 0, enable
    assert enable.result["mode"] == "enable" and enable.result["changed"] is True
    assert snapshot(cfg) == pristine, "--enable did not restore the copies byte for byte: %s" % (
        changed_files(pristine, snapshot(cfg)),
    )
    enable2 = run_job(interpreter, cfg, JOB, "--enable")
    assert enable2.rc == 0 and enable2.result["changed"] is False, enable2


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_without_stav_the_role_changes_and_the_console_steps_are_printed(interpreter, cfg):
    pristine = snapshot(cfg)
    r = run_job(interpreter, cfg, JOB)
    assert r.rc == 0, r
    assert [c["type"] for c in r.result["changes"]] == ["RoleAssignment"]
    assert changed_files(pristine, snapshot(cfg)) == [BND]
    steps = r.result["console_steps"]
    assert len(steps) == 4
    assert "SIP Proxy/Registrar: Port 5080, Transport protocol TCP (instead of 5081, TLS" in steps[0]
    assert "Conference Manager: port 5063 (instead of 5062" in steps[1]
    assert steps[2].endswith("SRTP encryption: Disable")
    assert [ln for ln in r.stdout.splitlines() if ln.startswith("CONSOLE ")] == [
        "CONSOLE [ ] %d. %s" % (i + 1, s) for i, s in enumerate(steps)
    ]
    assert "not public" in r.stdout
    back = run_job(interpreter, cfg, JOB, "--enable")
    assert back.rc == 0 and back.result["console_steps"][2].endswith("SRTP encryption: Enable"), back
    assert "Port 5081, Transport protocol TLS" in back.result["console_steps"][0]
    assert snapshot(cfg) == pristine


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_a_copy_without_the_entry_refuses_everything(interpreter, cfg):
    with open(os.path.join(cfg, STAV_THIRD), "wb") as f:
        f.write(THIRD.replace(b"ExampleSIPTransport", b"SomethingElse"))
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, JOB, "--stav", "%s=TCP" % ADMIN_NAME)
    assert r.rc == 1, r
    assert r.result["error"].startswith("%s has no entry %s" % (STAV_THIRD, ADMIN_NAME)), r.result["error"]
    assert r.result["changed"] is False and r.result["changes"] == []
    assert snapshot(cfg) == before  # the role was not changed either: everything is checked first


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize(
    "args,rc,needle",
    [
        (("--stav", "no-equals"), 2, "--stav wants NAME=VALUE"),
        (("--stav", "bad name=x"), 2, "--stav wants NAME=VALUE"),
        (("--stav", "SIPAuthenticationType=Kerberos"), 2, "SIPAuthenticationType takes Basic, LTPA, None"),
        (("--stav", "A=1", "--stav", "A=2"), 2, "given twice"),
        (("--sip-authentication-type", "Kerberos"), 2, "--sip-authentication-type"),
        (("--app", "No Such App"), 1, "No Such App is not installed"),
        (("--role", "nope"), 1, "has no security role nope"),
        (("--document", CELL + "/nope.xml", "--stav", "A=1"), 1, "does not exist"),
        (("--server", "NoSuchServer"), 1, "NoSuchServer not found"),
    ],
    ids=["no-equals", "bad-name", "bad-auth-value", "twice", "bad-choice", "app", "role", "document", "server"],
)
def test_bad_input_changes_nothing(interpreter, cfg, args, rc, needle):
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, JOB, *args)
    assert r.rc == rc, r
    assert len(r.error_lines) == 1 and needle in r.error_lines[0], r
    assert snapshot(cfg) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_no_copy_at_all(interpreter, cfg):
    for rel in COPIES:
        os.remove(os.path.join(cfg, rel))
    r = run_job(interpreter, cfg, JOB, "--stav", "SIPAuthenticationType=None")
    assert r.rc == 1 and "no stavconfig.xml found" in r.result["error"], r
    r = run_job(interpreter, cfg, JOB, "--dry-run")  # the role alone still works
    assert r.rc == 0 and [c["type"] for c in r.result["changes"]] == ["RoleAssignment"], r
    assert r.result["documents"] == []


def test_plan_shows_exactly_the_entries_and_the_role():
    p = run_plan(
        os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "samples", "sametime", "config"),
        JOB,
        "--stav",
        "SIPAuthenticationType=None",
        interpreter="cpython",
    )
    assert p.returncode == 0, p.stdout + p.stderr
    minus = [ln for ln in p.stdout.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln for ln in p.stdout.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert len(minus) == len(plus) == 3
    assert sum(1 for ln in minus if 'name="SIPAuthenticationType" value="LTPA"/>' in ln) == 2
    assert sum(1 for ln in plus if 'value="None"/><!-- media_disable_tls: was "LTPA" -->' in ln) == 2
    assert [ln for ln in plus if "applicationbnd:Everyone" in ln]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_enable_with_stav_sets_the_value_and_drops_the_mark(interpreter, cfg):
    pristine = snapshot(cfg)
    assert run_job(interpreter, cfg, JOB, "--stav", "%s=TCP" % ADMIN_NAME).rc == 0
    # back to TLS, but with a value of the admin's choosing instead of the one before
    r = run_job(interpreter, cfg, JOB, "--enable", "--stav", "%s=TLS-1.2" % ADMIN_NAME)
    assert r.rc == 0, r
    after = snapshot(cfg)
    for rel in COPIES:
        assert b"media_disable_tls: was" not in after[rel], rel
        assert after[rel] == pristine[rel].replace(
            b'"ExampleSIPTransport" value="TLS"', b'"ExampleSIPTransport" value="TLS-1.2"'
        ), rel
    assert changed_files(pristine, after) == COPIES  # the role is back as it was
