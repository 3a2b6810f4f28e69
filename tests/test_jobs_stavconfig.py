"""stavconfig (issue 13 item 1): show the entries of every stavconfig.xml copy with the differences, set entries in
every copy; under the three interpreters through the launcher, on copies of the Sametime sample."""

import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jobs_helpers import JOB_INTERPRETERS, changed_files, copy_sample, run_job, snapshot  # noqa: E402

JOB = "stavconfig"
CELL = "cells/stconsoleSSCCell1"
STAV_MEDIA = CELL + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml"
STAV_DMGR = CELL + "/nodes/DMgrNode/servers/dmgr/stavconfig.xml"


@pytest.fixture
def cfg(tmp_path):
    return copy_sample(tmp_path)


def edit(root, rel, old, new):
    p = os.path.join(root, rel)
    with open(p, "rb") as f:
        data = f.read()
    assert data.count(old) == 1, (rel, old)
    with open(p, "wb") as f:
        f.write(data.replace(old, new))


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_show_marks_the_entries_that_differ(interpreter, cfg):
    r = run_job(interpreter, cfg, JOB)
    assert r.rc == 0, r
    assert r.result["documents"] == [STAV_DMGR, STAV_MEDIA]
    assert r.result["differ"] == []
    assert "  ClientSIPRegisterRetryDelay      '120' in all" in r.stdout.splitlines()

    edit(cfg, STAV_MEDIA, b'name="ClientSIPRegisterRetryDelay" value="120"', b'name="ClientSIPRegisterRetryDelay" value="60"')
    edit(cfg, STAV_DMGR, b'  <configuration lastUpdated="1366790400000" name="SIPAuthenticationType" value="LTPA"/>\n', b"")
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, JOB)
    assert r.rc == 0, r
    assert r.result["differ"] == ["ClientSIPRegisterRetryDelay", "SIPAuthenticationType"]
    assert r.result["entries"]["SIPAuthenticationType"] == {STAV_DMGR: None, STAV_MEDIA: "LTPA"}
    lines = r.stdout.splitlines()
    assert "  ClientSIPRegisterRetryDelay      '120' [1], '60' [2]   DIFFERS" in lines
    assert "  SIPAuthenticationType            (missing) [1], 'LTPA' [2]   DIFFERS" in lines
    assert r.result["changed"] is False and snapshot(cfg) == before

    j = run_job(interpreter, cfg, JOB, "--json", "--name", "ClientSIPRegisterRetryDelay")
    assert j.rc == 0, j
    body = j.stdout[j.stdout.index("{\n") : j.stdout.index("\nSTWAS-RESULT")]
    assert json.loads(body) == {
        "differ": ["ClientSIPRegisterRetryDelay"],
        "documents": [STAV_DMGR, STAV_MEDIA],
        "entries": {"ClientSIPRegisterRetryDelay": {STAV_DMGR: "120", STAV_MEDIA: "60"}},
    }


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_set_in_every_copy_rerun_and_back(interpreter, cfg):
    pristine = snapshot(cfg)
    dry = run_job(interpreter, cfg, JOB, "--set", "ClientSIPRegisterRetryDelay=30", "--dry-run")
    assert dry.rc == 0 and dry.result["dry_run"] is True and len(dry.result["changes"]) == 2, dry
    assert snapshot(cfg) == pristine

    r = run_job(interpreter, cfg, JOB, "--set", "ClientSIPRegisterRetryDelay=30")
    assert r.rc == 0 and r.result["saved"] is True, r
    assert r.change_lines == dry.change_lines
    after = snapshot(cfg)
    assert changed_files(pristine, after) == [STAV_DMGR, STAV_MEDIA]
    for rel in (STAV_DMGR, STAV_MEDIA):
        assert after[rel] == pristine[rel].replace(
            b'name="ClientSIPRegisterRetryDelay" value="120"', b'name="ClientSIPRegisterRetryDelay" value="30"'
        )
    assert r.result["resynchronize"] == ["stmediaSTMSNode1"]
    assert r.result["restart"] == [
        {"step": 1, "what": "media components, together", "processes": ["STMediaServer@stmediaSTMSNode1"]}
    ]

    again = run_job(interpreter, cfg, JOB, "--set", "ClientSIPRegisterRetryDelay=30")
    assert again.rc == 0 and again.result["changed"] is False, again
    assert snapshot(cfg) == after
    back = run_job(interpreter, cfg, JOB, "--set", "ClientSIPRegisterRetryDelay=120")
    assert back.rc == 0 and back.result["changed"] is True, back
    assert snapshot(cfg) == pristine


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_set_keeps_a_media_disable_tls_mark(interpreter, cfg):
    assert run_job(interpreter, cfg, "media_disable_tls", "--sip-authentication-type", "None").rc == 0
    r = run_job(interpreter, cfg, JOB, "--set", "SIPAuthenticationType=Basic")
    assert r.rc == 0, r
    assert b'value="Basic"/><!-- media_disable_tls: was "LTPA" -->' in snapshot(cfg)[STAV_MEDIA]
    s = run_job(interpreter, cfg, JOB, "--name", "SIPAuthenticationType")
    assert "      [2] media_disable_tls changed it from 'LTPA'" in s.stdout.splitlines(), s


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize(
    "args,rc,needle",
    [
        (("--set", "NotThere=1"), 1, "has no entry NotThere"),
        (("--set", "SIPAuthenticationType=Kerberos"), 2, "takes Basic, LTPA, None"),
        (("--set", "x"), 2, "--set wants NAME=VALUE"),
        (("--set", "ClientSIPRegisterRetryDelay=1", "--json"), 2, "--name and --json are for showing"),
        (("--name", "a b"), 2, "--name wants an entry name"),
        (("--document", CELL + "/nope.xml"), 1, "does not exist"),
    ],
    ids=["missing-entry", "bad-value", "no-equals", "set-and-json", "bad-name", "no-document"],
)
def test_bad_input_changes_nothing(interpreter, cfg, args, rc, needle):
    before = snapshot(cfg)
    r = run_job(interpreter, cfg, JOB, *args)
    assert r.rc == rc, r
    assert len(r.error_lines) == 1 and needle in r.error_lines[0], r
    assert snapshot(cfg) == before


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_no_copy_found(interpreter, cfg):
    for rel in (STAV_DMGR, STAV_MEDIA):
        os.remove(os.path.join(cfg, rel))
    r = run_job(interpreter, cfg, JOB)
    assert r.rc == 1 and "no stavconfig.xml found" in r.result["error"], r
    assert "STMediaServer@stmediaSTMSNode1" in r.result["error"]


# ---------------------------------------------------------------------------------------------- library, in-process

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "wsadmin_scripts"))
from stwaslib import stavconfig  # noqa: E402


def test_entries_marks_and_escapes():
    raw = 'a--b&amp;"c'
    text = (
        '<configurations>\n  <!-- <configuration name="Commented" value="x"/> -->\n'
        "  <configuration lastUpdated='1' name='Q' value='"
        + raw.replace('"', "&quot;")
        + "'/>"
        + stavconfig.MARK_PREFIX
        + stavconfig.mark("old--value&")
        + stavconfig.MARK_SUFFIX
        + "\n"
        '  <configuration name="NoValue"/>\n</configurations>\n'
    )
    assert "--value" not in stavconfig.mark("old--value&")
    entries = stavconfig.entries(text)
    assert [e.name for e in entries] == ["Q", "NoValue"]
    q = entries[0]
    assert q.quote == "'" and q.value == 'a--b&"c' and q.was == "old--value&" and q.last_updated == "1"
    assert text[q.mark_end - len(stavconfig.MARK_SUFFIX) : q.mark_end] == stavconfig.MARK_SUFFIX
    assert entries[1].raw is None and entries[1].was is None
    assert stavconfig.escape("it's <\"&", "'") == 'it&apos;s &lt;"&amp;'
    assert stavconfig.escape("it's <\"&") == "it's &lt;&quot;&amp;"
    assert stavconfig.apply_edits("0123456789", [(1, 2, "a"), (5, 7, "bcd")]) == "0a234bcd789"
    assert stavconfig.settings(["A=1", "A=1", "B="], "--set") == [("A", "1"), ("B", "")]
