"""cleanup_stale.py on a generated Sametime cell, under both interpreters through the launcher: STMeetingServer,
its node agent and node, and the meeting bus go; afterwards AdminConfig.list and AdminTask.listSIBuses no longer
show them and no document names them; refusals; --dry-run writes nothing; a second run changes nothing."""

import pytest
from jobs_helpers import JOB_INTERPRETERS, adminconfig, changed_files, grep_tree, run_job, snapshot

from harness.launcher.session import make_session

MEETING_NODE = "stmeetingSTMNode1"
NAMES = ("STMeetingServer", MEETING_NODE, "meeting_service_bus", "STMeetingHttpProxy")


def assert_gone(root, names=NAMES):
    s = make_session(root, "NONE", "\n")
    ac, at = s.objects["AdminConfig"], s.objects["AdminTask"]
    for t in (
        "Server",
        "Node",
        "ServerEntry",
        "SIBus",
        "SIBusMember",
        "SIBMessagingEngine",
        "CoreGroupServer",
        "NodeGroupMember",
        "ServerTarget",
        "ManagementScope",
        "KeyStore",
    ):
        listed = ac.list(t)
        for n in names:
            assert n not in listed, (t, n)
    assert at.listSIBuses() == ""
    assert grep_tree(root, names) == {}


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_meeting_on_the_shipped_sample_and_the_console_side(interpreter, sample_config):
    # issue 13 item 7: STMeetingHttpProxy lives on the Meeting node (a normal Sametime 9 layout)
    before = snapshot(sample_config)
    r = run_job(interpreter, sample_config, "cleanup_stale", "--meeting", "--dry-run")
    assert r.rc == 0, r
    assert [c["type"] + " " + c["target"] for c in r.result["changes"]] == [
        "SIBus meeting_service_bus",
        "Server STMeetingServer@%s" % MEETING_NODE,
        "Server STMeetingHttpProxy@%s" % MEETING_NODE,
        "Node %s" % MEETING_NODE,
    ]
    assert r.result["forced_servers"] == []
    assert snapshot(sample_config) == before
    console = [ln for ln in r.stdout.splitlines() if ln.startswith("CONSOLE ")]
    assert len(console) == len(r.result["console_steps"]) == 6, r
    assert "SSCPassword=" in console[1] and "console.properties" in console[1]
    assert console[2].startswith("CONSOLE [ ] 3. run <WebSphere root>/STSCServerCell/console/updateStaleEntry.sh -uninstall")
    assert "server type [3] Sametime Meeting Server" in console[2] and "host name stmeeting.example.com" in console[2]
    assert "restart the System Console" in console[3] and "delete it" in console[4]
    assert "remove SSCPassword" in console[5]
    # the plan is printed before any change, the console side too
    out = r.stdout.splitlines()
    assert out.index(console[-1]) < out.index(r.change_lines[0])


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_meeting_server_with_node_refused_naming_the_proxy(interpreter, generated_cell):
    before = snapshot(generated_cell)
    r = run_job(
        interpreter, generated_cell, "cleanup_stale", "--server", "STMeetingServer", "--with-node", "--bus", "meeting_service_bus"
    )
    assert r.rc == 1, r
    assert "STMeetingHttpProxy" in r.result["error"] and "--force" in r.result["error"]
    assert [ln for ln in r.stdout.splitlines() if ln.startswith("PLAN delete bus meeting_service_bus")]
    assert r.result["changes"] == [] and not r.result["saved"]
    assert changed_files(before, snapshot(generated_cell)) == []


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_meeting_removes_servers_node_agent_node_and_bus(interpreter, generated_cell):
    before = snapshot(generated_cell)
    dry = run_job(interpreter, generated_cell, "cleanup_stale", "--meeting", "--dry-run")
    assert dry.rc == 0 and dry.result["dry_run"], dry
    assert [c["type"] for c in dry.result["changes"]] == ["SIBus", "Server", "Server", "Node"]
    assert changed_files(before, snapshot(generated_cell)) == []

    r = run_job(interpreter, generated_cell, "cleanup_stale", "--meeting")
    assert r.rc == 0 and r.result["saved"], r
    assert r.change_lines == dry.change_lines
    plan = [ln for ln in r.stdout.splitlines() if ln.startswith("PLAN ")]
    first_change = r.stdout.splitlines().index(r.change_lines[0])
    assert len(plan) == 4 and all(r.stdout.splitlines().index(p) < first_change for p in plan)
    assert r.result["buses"] == ["meeting_service_bus"]
    assert r.result["servers"] == ["STMeetingServer@%s" % MEETING_NODE, "STMeetingHttpProxy@%s" % MEETING_NODE]
    assert r.result["nodes"] == [MEETING_NODE]
    assert r.result["forced_servers"] == []
    assert r.result["orphaned_applications"] == ["IBM Lotus Sametime Meeting Server"]
    assert_gone(generated_cell)
    # the rest of the cell is still there
    ac = adminconfig(generated_cell)
    assert len(ac.list("Server").splitlines()) == 7
    assert ac.getid("/Server:STProxyServer/") and ac.getid("/Server:STMediaServer/")

    after = snapshot(generated_cell)
    again = run_job(interpreter, generated_cell, "cleanup_stale", "--meeting")
    assert again.rc == 0 and again.result["changes"] == [] and not again.result["saved"], again
    assert "server STMeetingServer" in again.result["already_gone"]
    # the Console's plan may outlive the servers: its steps are still printed
    assert [ln for ln in again.stdout.splitlines() if ln.startswith("CONSOLE ") and "updateStaleEntry" in ln]
    assert changed_files(after, snapshot(generated_cell)) == []


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_proxy_first_then_meeting_without_force(interpreter, generated_cell):
    r = run_job(interpreter, generated_cell, "cleanup_stale", "--server", "STMeetingHttpProxy")
    assert r.rc == 0 and [c["type"] for c in r.result["changes"]] == ["Server"], r
    r = run_job(interpreter, generated_cell, "cleanup_stale", "--meeting")
    assert r.rc == 0 and [c["type"] for c in r.result["changes"]] == ["SIBus", "Server", "Node"], r
    assert r.result["forced_servers"] == []
    assert_gone(generated_cell)


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_explicit_options(interpreter, generated_cell):
    r = run_job(interpreter, generated_cell, "cleanup_stale", "--bus", "meeting_service_bus")
    assert r.rc == 0, r
    assert_gone(generated_cell, ("meeting_service_bus",))
    r = run_job(interpreter, generated_cell, "cleanup_stale", "--remove-node", MEETING_NODE, "--force")
    assert r.rc == 0 and [c["type"] for c in r.result["changes"]] == ["Node"], r
    assert_gone(generated_cell)


@pytest.mark.parametrize("interpreter", JOB_INTERPRETERS)
def test_refusals_change_nothing(interpreter, generated_cell):
    before = snapshot(generated_cell)
    cases = [
        (["--server", "dmgr"], "deployment manager"),
        (["--remove-node", "DMgrNode", "--force"], "deployment manager"),
        (["--server", "nodeagent", "--node", MEETING_NODE], "node agent"),
        (["--server", "nodeagent"], "several nodes"),
        (["--remove-node", "stproxySTPNode1"], "STProxyServer"),
    ]
    for args, why in cases:
        r = run_job(interpreter, generated_cell, "cleanup_stale", *args)
        assert r.rc == 1 and why in r.result["error"], (args, r)
    r = run_job(interpreter, generated_cell, "cleanup_stale")
    assert r.rc == 2, r
    assert changed_files(before, snapshot(generated_cell)) == []
