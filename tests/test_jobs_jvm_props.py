"""set_jvm_args.py and set_custom_property.py on a generated Sametime cell, under both interpreters through the
launcher: the change read back through AdminConfig is what was asked, a second run changes nothing, --dry-run
writes nothing."""

import os
import re
import sys

import pytest
from jobs_helpers import JOB_INTERPRETERS, adminconfig, changed_files, run_job, snapshot

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "wsadmin_scripts"))
import set_jvm_args as J  # noqa: E402

MEETING_NODE = "stmeetingSTMNode1"
MEETING_XML = "cells/stconsoleSSCCell1/nodes/%s/servers/STMeetingServer/server.xml" % MEETING_NODE


def jvm_attr(root, node, server, name="genericJvmArguments"):
    ac = adminconfig(root)
    sid = ac.getid("/Node:%s/Server:%s/" % (node, server))
    return ac.showAttribute(ac.list("JavaVirtualMachine", sid).splitlines()[0], name)


def props(root, node, server, ctype, feature):
    ac = adminconfig(root)
    sid = ac.getid("/Node:%s/Server:%s/" % (node, server))
    parent = ac.list(ctype, sid).splitlines()[0]
    out = []
    for pid in re.findall(r"\S+\)", ac.showAttribute(parent, feature).strip("[]")):
        out.append((ac.showAttribute(pid, "name"), ac.showAttribute(pid, "value")))
    return out


# ----------------------------------------------------------------------------------- unit: merging


@pytest.mark.parametrize(
    "arg,key",
    [
        ("-Duser.language=en", "-Duser.language"),
        ("-Dflag", "-Dflag"),
        ("-Xmx512m", "-Xmx"),
        ("-Xms1g", "-Xms"),
        ("-XX:+UseParNewGC", "-XX:UseParNewGC"),
        ("-XX:-UseParNewGC", "-XX:UseParNewGC"),
        ("-XX:MaxPermSize=256m", "-XX:MaxPermSize"),
        ("-Xgcpolicy:gencon", "-Xgcpolicy"),
        ("-Xquickstart", "-Xquickstart"),
        ("-agentlib:jdwp=transport=dt_socket", "-agentlib:jdwp"),
        ("-javaagent:a.jar", "-javaagent:a.jar"),
        ('-Dx="a b"', "-Dx"),
    ],
)
def test_arg_key(arg, key):
    assert J.arg_key(arg) == key


def test_split_and_merge():
    cur = J.split_args('-Dclient.encoding.override=UTF-8  -Xmx512m -Dq="a b" -Duser.language=de')
    assert cur == ["-Dclient.encoding.override=UTF-8", "-Xmx512m", '-Dq="a b"', "-Duser.language=de"]
    out = J.merge(cur, ["-Duser.language=en", "-Duser.region=GB", "-Xmx1g"], ["-Dq"])
    assert out == ["-Dclient.encoding.override=UTF-8", "-Xmx1g", "-Duser.language=en", "-Duser.region=GB"]
    assert J.merge(out, ["-Duser.language=en"], []) == out
    assert J.language_args("en_GB") == ["-Duser.language=en", "-Duser.region=GB"]
    assert J.language_args("de") == ["-Duser.language=de"]


# ------------------------------------------------------------------------------------- set_jvm_args


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_jvm_args_talk_case(interpreter, generated_cell):
    before = snapshot(generated_cell)
    dry = run_job(
        interpreter, generated_cell, "set_jvm_args", "--server", "STMeetingServer", "--log-language", "en_GB", "--dry-run"
    )
    assert dry.rc == 0, dry
    assert dry.result["dry_run"] and len(dry.result["changes"]) == 1
    assert changed_files(before, snapshot(generated_cell)) == []

    r = run_job(interpreter, generated_cell, "set_jvm_args", "--server", "STMeetingServer", "--log-language", "en_GB")
    assert r.rc == 0, r
    assert r.result["saved"] and r.result["via"] == "AdminTask"
    want = "-Dclient.encoding.override=UTF-8 -Duser.language=en -Duser.region=GB"
    assert jvm_attr(generated_cell, MEETING_NODE, "STMeetingServer") == want
    assert r.result["changes"][0]["old"] == {"genericJvmArguments": "-Dclient.encoding.override=UTF-8"}
    assert changed_files(before, snapshot(generated_cell)) == [MEETING_XML]
    assert dry.change_lines == r.change_lines

    after = snapshot(generated_cell)
    again = run_job(interpreter, generated_cell, "set_jvm_args", "--server", "STMeetingServer", "--log-language", "en_GB")
    assert again.rc == 0 and again.result["changes"] == [] and not again.result["saved"], again
    assert changed_files(after, snapshot(generated_cell)) == []


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_jvm_args_replace_remove_several_servers(interpreter, generated_cell):
    r = run_job(
        interpreter,
        generated_cell,
        "set_jvm_args",
        "--server",
        "dmgr",
        "--server",
        "STMeetingServer",
        "--add=-Xmx1024m",
        "--add=-Duser.language=de",
    )
    assert r.rc == 0, r
    r = run_job(
        interpreter,
        generated_cell,
        "set_jvm_args",
        "--server",
        "dmgr",
        "--server",
        "STMeetingServer",
        "--add=-Duser.language=en",
        "--remove=-Xmx",
        "--add",
        '-Dsametime.note="a b"',
    )
    assert r.rc == 0, r
    assert jvm_attr(generated_cell, "DMgrNode", "dmgr") == '-Duser.language=en -Dsametime.note="a b"'
    assert (
        jvm_attr(generated_cell, MEETING_NODE, "STMeetingServer")
        == '-Dclient.encoding.override=UTF-8 -Duser.language=en -Dsametime.note="a b"'
    )
    # the other JVM attributes are untouched
    assert jvm_attr(generated_cell, MEETING_NODE, "STMeetingServer", "debugArgs").startswith("-agentlib:jdwp")


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_jvm_args_bad_input_changes_nothing(interpreter, generated_cell):
    before = snapshot(generated_cell)
    for args in (
        ["--server", "STMeetingServer"],
        ["--log-language", "en_GB"],
        ["--server", "STMeetingServer", "--add", "user.language=en"],
        ["--server", "STMeetingServer", "--add=-Da=1", "--remove=-Da"],
        ["--server", "STMeetingServer", "--log-language", "english"],
    ):
        r = run_job(interpreter, generated_cell, "set_jvm_args", *args)
        assert r.rc == 2 and r.error_lines, r
    r = run_job(interpreter, generated_cell, "set_jvm_args", "--server", "nodeagent", "--add=-Da=1")
    assert r.rc == 1 and "several nodes" in r.result["error"], r
    assert changed_files(before, snapshot(generated_cell)) == []


# ------------------------------------------------------------------------------- set_custom_property

SCOPES = [
    ("webcontainer", "WebContainer", "properties"),
    ("jvm", "JavaVirtualMachine", "systemProperties"),
    ("server", "ApplicationServer", "properties"),
]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
@pytest.mark.parametrize("scope,ctype,feature", SCOPES, ids=[s[0] for s in SCOPES])
def test_custom_property_created_updated_never_duplicated(interpreter, scope, ctype, feature, generated_cell):
    key = "com.ibm.ws.webcontainer.invokefilterscompatibility"
    before = snapshot(generated_cell)
    dry = run_job(
        interpreter,
        generated_cell,
        "set_custom_property",
        "--server",
        "STMeetingServer",
        "--scope",
        scope,
        "--property",
        key + "=true",
        "--dry-run",
    )
    assert dry.rc == 0 and len(dry.result["changes"]) == 1, dry
    assert changed_files(before, snapshot(generated_cell)) == []

    r = run_job(
        interpreter,
        generated_cell,
        "set_custom_property",
        "--server",
        "STMeetingServer",
        "--scope",
        scope,
        "--property",
        key + "=true",
    )
    assert r.rc == 0 and r.result["saved"], r
    assert [p for p in props(generated_cell, MEETING_NODE, "STMeetingServer", ctype, feature) if p[0] == key] == [(key, "true")]
    assert changed_files(before, snapshot(generated_cell)) == [MEETING_XML]

    after = snapshot(generated_cell)
    again = run_job(
        interpreter,
        generated_cell,
        "set_custom_property",
        "--server",
        "STMeetingServer",
        "--scope",
        scope,
        "--property",
        key + "=true",
    )
    assert again.rc == 0 and again.result["changes"] == [], again
    assert changed_files(after, snapshot(generated_cell)) == []

    upd = run_job(
        interpreter,
        generated_cell,
        "set_custom_property",
        "--server",
        "STMeetingServer",
        "--scope",
        scope,
        "--property",
        key + "=false",
    )
    assert upd.rc == 0 and [c["action"] for c in upd.result["changes"]] == ["modify"], upd
    assert [p for p in props(generated_cell, MEETING_NODE, "STMeetingServer", ctype, feature) if p[0] == key] == [(key, "false")]


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_meeting_server_keys_are_a_console_checklist_not_a_jvm_property(interpreter, generated_cell):
    # issue 13 item 5: meetingroomcenter.* is Meeting Server configuration kept by the System Console
    key = "meetingroomcenter.useUUIDBasedURL"
    before = snapshot(generated_cell)
    for args in ([], ["--server", "STMeetingServer", "--scope", "jvm"]):
        r = run_job(interpreter, generated_cell, "set_custom_property", "--property", key + "=true", *args)
        assert r.rc == 0 and r.result["changed"] is False and r.result["changes"] == [], r
        assert r.result["warnings"] == [
            "%s is Meeting Server configuration kept by the Sametime System Console, "
            "not a WebSphere custom property (one would have no effect): nothing "
            "written; set it in the System Console (steps below)" % key
        ], r
        console = [ln for ln in r.stdout.splitlines() if ln.startswith("CONSOLE ")]
        assert len(console) == len(r.result["console_steps"]) >= 5, r
        assert console[0].startswith("CONSOLE [ ] 1. log in to the Sametime System Console")
        assert [ln for ln in console if "Sametime Meeting Servers" in ln]
        assert [ln for ln in console if "set %s to true" % key in ln]
        assert changed_files(before, snapshot(generated_cell)) == []
    # mixed with a real custom property: that one is written, the key is not
    r = run_job(
        interpreter,
        generated_cell,
        "set_custom_property",
        "--server",
        "STMeetingServer",
        "--scope",
        "jvm",
        "--property",
        key + "=true",
        "--property",
        "user.timezone=UTC",
    )
    assert r.rc == 0 and [c["target"] for c in r.result["changes"]] == [
        "STMeetingServer@%s JavaVirtualMachine user.timezone" % MEETING_NODE
    ], r
    assert [
        p[0]
        for p in props(generated_cell, MEETING_NODE, "STMeetingServer", "JavaVirtualMachine", "systemProperties")
        if p[0] == key
    ] == []


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_custom_property_duplicates_collapsed_and_remove(interpreter, generated_cell):
    path = os.path.join(generated_cell, MEETING_XML)
    with open(path, "rb") as f:
        xml = f.read().decode("utf-8")
    wc = re.search(r'<components xmi:type="applicationserver.webcontainer:WebContainer"[^>]*>', xml)
    dup = (
        '\n      <properties xmi:id="Property_dup1" name="httpsIndicatorHeader" value="a"/>'
        '\n      <properties xmi:id="Property_dup2" name="httpsIndicatorHeader" value="b"/>'
    )
    xml = xml[: wc.end()] + dup + xml[wc.end() :]
    with open(path, "wb") as f:
        f.write(xml.encode("utf-8"))
    r = run_job(
        interpreter,
        generated_cell,
        "set_custom_property",
        "--server",
        "STMeetingServer",
        "--scope",
        "webcontainer",
        "--property",
        "httpsIndicatorHeader=$WSIS",
    )
    assert r.rc == 0, r
    assert sorted(c["action"] for c in r.result["changes"]) == ["modify", "remove"]
    assert [
        p
        for p in props(generated_cell, MEETING_NODE, "STMeetingServer", "WebContainer", "properties")
        if p[0] == "httpsIndicatorHeader"
    ] == [("httpsIndicatorHeader", "$WSIS")]
    r = run_job(
        interpreter,
        generated_cell,
        "set_custom_property",
        "--server",
        "STMeetingServer",
        "--scope",
        "webcontainer",
        "--remove",
        "httpsIndicatorHeader",
    )
    assert r.rc == 0 and [c["action"] for c in r.result["changes"]] == ["remove"], r
    assert [
        p
        for p in props(generated_cell, MEETING_NODE, "STMeetingServer", "WebContainer", "properties")
        if p[0] == "httpsIndicatorHeader"
    ] == []


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_custom_property_refusals(interpreter, generated_cell):
    before = snapshot(generated_cell)
    r = run_job(
        interpreter,
        generated_cell,
        "set_custom_property",
        "--server",
        "STMeetingHttpProxy",
        "--scope",
        "server",
        "--property",
        "a=b",
    )
    assert r.rc == 1 and "no ApplicationServer" in r.result["error"], r
    for args in (
        ["--server", "STMeetingServer", "--property", "a=b"],
        ["--server", "STMeetingServer", "--scope", "jvm", "--property", "ab"],
        ["--server", "STMeetingServer", "--scope", "jvm"],
        ["--server", "STMeetingServer", "--scope", "jvm", "--property", "a=b", "--remove", "a"],
    ):
        r = run_job(interpreter, generated_cell, "set_custom_property", *args)
        assert r.rc == 2, r
    assert changed_files(before, snapshot(generated_cell)) == []
