"""`invoke apply` takes a backup first; `invoke rollback` restores one (issue 13 item 9), over the loopback sshd.

The fake deployment managers (tests/sshd_fixture.py) have bin/backupConfig.sh (zips profile/config) and
bin/restoreConfig.sh (moves config aside, unpacks the zip's config in its place, "stops" the servers unless -nostop).
"""

import json
import os
import pty
import re
import shutil
import zipfile

import pytest
from invoke_helpers import ROOT, proxy_ports, run_invoke, tree_bytes
from sshd_fixture import FakeDmgr

from harness.remote import backups

JOB = "set_server_ports"
ARGS = ["--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443"]

pytestmark = pytest.mark.skipif(
    not os.path.isfile(os.path.join(ROOT, "wsadmin_scripts", JOB + ".py")),
    reason="wsadmin_scripts/set_server_ports.py is missing",
)


@pytest.fixture
def cells(tmp_path, sshd, host_cell, monkeypatch):
    """Hosts a and other (another cell name) and an invoke config; invoke runs in tmp_path (snapshots/ there)."""
    monkeypatch.chdir(tmp_path)
    made = {"a": FakeDmgr.create(str(tmp_path / "hosts"), "a", host_cell)}
    other_src = str(tmp_path / "other-config")
    shutil.copytree(host_cell, other_src)
    cell_dir = os.path.join(other_src, "cells")
    (name,) = os.listdir(cell_dir)
    os.rename(os.path.join(cell_dir, name), os.path.join(cell_dir, "OtherCell"))
    cell_xml = os.path.join(cell_dir, "OtherCell", "cell.xml")
    with open(cell_xml, encoding="utf-8") as f:
        text = f.read()
    with open(cell_xml, "w", encoding="utf-8") as f:
        f.write(text.replace('name="%s"' % name, 'name="OtherCell"', 1))
    made["other"] = FakeDmgr.create(str(tmp_path / "hosts"), "other", other_src)
    cfg = str(tmp_path / "stwas-test.json")
    with open(cfg, "w") as f:
        json.dump({"stwas": {"cells": {n: h.cell_config(sshd) for n, h in made.items()}}}, f)
    return cfg, made, name


def snapshots(tmp_path):
    d = tmp_path / "snapshots"
    return sorted(str(p) for p in d.iterdir()) if d.is_dir() else []


# ----------------------------------------------------------------------------------------------- backup
@pytest.mark.ssh
def test_apply_takes_a_backup_first_and_rollback_restores_it(cells, tmp_path):
    cfg, made, cell_name = cells
    a = made["a"]
    before = tree_bytes(a.config)

    r = run_invoke(["apply", "--host", "a", JOB, "--"] + ARGS, cfg)
    assert r.code == 0, r
    (zip_path,) = snapshots(tmp_path)
    assert re.match(r"a-\d{8}-\d{6}\.zip$", os.path.basename(zip_path))
    with zipfile.ZipFile(zip_path) as z:  # the backup holds the cell as it was before the job
        assert (
            z.read("Dmgr01/config/" + next(k for k in before if k.endswith("serverindex.xml")))
            == before[next(k for k in before if k.endswith("serverindex.xml"))]
        )
    assert "ADMU5002I" in r.out and "snapshot a [" in r.err  # backupConfig's output and the download progress
    rel = os.path.relpath(zip_path, str(tmp_path))
    assert "backup taken before the job: %s (undo: invoke rollback --host a --backup %s)" % (rel, rel) in r.out, r
    assert proxy_ports(a.config)["WC_defaulthost"][1] == "80"
    assert tree_bytes(a.config) != before

    r = run_invoke(["rollback", "--host", "a", "--backup", rel, "--yes"], cfg)
    assert r.code == 0, r
    assert tree_bytes(a.config) == before, "the restored cell differs from the one backed up"
    assert os.path.isdir(a.config + ".old")  # restoreConfig moved the changed config aside
    assert a.read_mark("restore").endswith("nostop=0") and a.read_mark("stopped")
    assert "ADMU5506I" in r.out
    assert "a (127.0.0.1) rollback: restored %s (cell %s)" % (rel, cell_name) in r.out, r
    steps = r.out[r.out.index("next steps") :]
    assert "1. start the deployment manager (restoreConfig.sh stopped it): %s/bin/startManager.sh" % a.profile in steps
    nodes = re.search(r"synchronise every node with it: ([^.]+)\. .*syncNode\.sh (\S+) (\d+)", steps)
    assert nodes, steps
    assert nodes.group(1).split(", ") == [
        "stconsoleSSCNode1",
        "stmediaSTMSNode1",
        "stmeetingSTMNode1",
        "stproxySTPNode1",
    ]  # every node but the dmgr's (DMgrNode)
    assert nodes.group(3) == "8703" and "Full Resynchronize" in steps
    assert os.listdir(a.tmp) == []  # the uploaded zip went with the run directory


@pytest.mark.ssh
def test_no_backup_and_dry_run_take_none(cells, tmp_path):
    cfg, made, _ = cells
    r = run_invoke(["apply", "--host", "a", "--dry-run", JOB, "--"] + ARGS, cfg)
    assert r.code == 0 and "dry run: nothing saved" in r.out, r
    r = run_invoke(["apply", "--host", "a", "--no-backup", JOB, "--"] + ARGS, cfg)
    assert r.code == 0 and "saved" in r.out, r
    assert snapshots(tmp_path) == []
    assert "backup taken" not in r.out


@pytest.mark.ssh
def test_a_failed_backup_stops_the_job(cells, tmp_path):
    cfg, made, _ = cells
    a = made["a"]
    with open(os.path.join(a.profile, "bin", "backupConfig.sh"), "w") as f:
        f.write("#!/bin/bash\necho 'ADMU0111E: Program exiting with error: disk full'\nexit 1\n")
    before = tree_bytes(a.config)
    r = run_invoke(["apply", "--host", "a", JOB, "--"] + ARGS, cfg)
    assert r.code == 1, r
    assert "stwas: a: backupConfig.sh exited 1: no backup, so the job did not run (--no-backup runs it without one)" in r.err, r
    assert tree_bytes(a.config) == before and a.read_mark("scripts") is None  # wsadmin never ran
    assert snapshots(tmp_path) == [] and os.listdir(a.tmp) == []


# ----------------------------------------------------------------------------------------------- rollback refusals
@pytest.mark.ssh
def test_rollback_refuses_what_is_not_a_backup_of_that_cell(cells, tmp_path, sshd):
    cfg, made, _ = cells
    a = made["a"]
    r = run_invoke(["snapshot", "--host", "other", "--output", "other.zip"], cfg)
    assert r.code == 0, r
    before = tree_bytes(a.config)

    r = run_invoke(["rollback", "--host", "a", "--backup", "other.zip", "--yes"], cfg)
    assert r.code == 1, r
    assert re.search(
        r"^stwas: a: other\.zip is a backup of the cell OtherCell, but the profile \S+ on 127\.0\.0\.1 "
        r"holds \w+: refusing to restore it there$",
        r.err,
        re.M,
    ), r
    assert a.read_mark("restore") is None and tree_bytes(a.config) == before and os.listdir(a.tmp) == []

    (tmp_path / "notes.txt").write_text("not a zip\n")
    with zipfile.ZipFile(str(tmp_path / "empty.zip"), "w") as z:
        z.writestr("config/readme.txt", "no cell here")
    with zipfile.ZipFile(str(tmp_path / "evil.zip"), "w") as z:
        z.writestr("config/cells/c/cell.xml", '<Cell name="c"/>')
        z.writestr("../../etc/cron.d/x", "boom")
    logins = sshd.read_log().count("Accepted publickey")
    for name, why in (
        ("notes.txt", "notes.txt is not a zip file (a backupConfig.sh zip is expected)"),
        ("missing.zip", "missing.zip does not exist"),
        ("empty.zip", "empty.zip holds no cells/<cell>/cell.xml: not a backupConfig zip of a WebSphere configuration"),
        ("evil.zip", "evil.zip holds a member outside its directory (../../etc/cron.d/x): not a backupConfig zip"),
    ):
        r = run_invoke(["rollback", "--host", "a", "--backup", name, "--yes"], cfg)
        assert r.code == 2, r
        assert r.err.strip().splitlines() == ["invoke rollback: refusing the backup: " + why], r
    assert sshd.read_log().count("Accepted publickey") == logins  # refused before connecting
    assert a.read_mark("restore") is None and tree_bytes(a.config) == before


@pytest.mark.ssh
def test_rollback_asks_and_no_means_nothing_restored(cells, tmp_path):
    cfg, made, _ = cells
    a = made["a"]
    r = run_invoke(["snapshot", "--host", "a", "--output", "a.zip"], cfg)
    assert r.code == 0, r
    # without a terminal and without --yes: refused before connecting
    r = run_invoke(["rollback", "--host", "a", "--backup", "a.zip"], cfg)
    assert r.code == 2 and "no terminal to ask for confirmation: give --yes" in r.err, r
    # on a terminal: the same block as apply's, then "Go on? [y/N]"; "n" restores nothing
    master, slave = pty.openpty()
    try:
        os.write(master, b"n\n")
        r = run_invoke(["rollback", "--host", "a", "--backup", "a.zip", "--no-stop"], cfg, stdin=slave)
    finally:
        os.close(slave)
        os.close(master)
    assert r.code == 1, r
    assert "rollback on a (127.0.0.1:" in r.out and "restoreConfig.sh a.zip -nostop" in r.out, r
    assert "Go on? [y/N]" in r.out
    assert "stwas: a: not confirmed: nothing was restored" in r.err
    assert a.read_mark("restore") is None and os.listdir(a.tmp) == []


@pytest.mark.ssh
def test_rollback_no_stop_passes_nostop_and_says_to_restart(cells, tmp_path):
    cfg, made, _ = cells
    a = made["a"]
    assert run_invoke(["snapshot", "--host", "a", "--output", "a.zip"], cfg).code == 0
    r = run_invoke(["rollback", "--host", "a", "--backup", "a.zip", "--no-stop", "--yes"], cfg)
    assert r.code == 0, r
    assert a.read_mark("restore").endswith("nostop=1") and a.read_mark("stopped") is None
    assert "restart the deployment manager so that it serves the restored configuration" in r.out


# ----------------------------------------------------------------------------------------------- offline
def test_inspect_reads_cell_nodes_and_dmgr(tmp_path):
    src = os.path.join(ROOT, "samples", "sametime", "config")
    zpath = str(tmp_path / "b.zip")
    with zipfile.ZipFile(zpath, "w") as z:
        for d, _dirs, files in os.walk(src):
            for f in files:
                p = os.path.join(d, f)
                z.write(p, "Dmgr01/config/" + os.path.relpath(p, src))
    info = backups.inspect(zpath)
    assert info.cell == "stconsoleSSCCell1" and info.root == "Dmgr01/config/"
    assert info.dmgr_node and info.dmgr_node in info.nodes and info.dmgr_node not in info.other_nodes
    assert info.dmgr_soap and info.dmgr_soap[1] == "8703"
    # two cells, a damaged member
    with zipfile.ZipFile(zpath, "a") as z:
        z.writestr("Dmgr01/config/cells/second/cell.xml", '<Cell name="second"/>')
    with pytest.raises(backups.BackupError, match="holds more than one configuration"):
        backups.inspect(zpath)
