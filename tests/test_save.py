"""AdminConfig.save() through the one save path (harness/config/repository/journal.py, issue 12): conflicts by content
digest for every document a save writes or deletes, the cell lock, what is kept (mode, owner, line endings,
symlinks), a save that fails half-way, and the tidying of an interrupted save at the next open."""

import json
import os
import shutil
import signal
import stat
import subprocess
import sys

import pytest
from jobs_helpers import RESULT_PREFIX, _env, copy_sample, run_job, script_path, snapshot
from paths import ROOT

from harness.base.errors import SaveConflictError
from harness.config.repository import journal
from harness.config.repository.lock import LOCK_NAME
from harness.config.repository.repository import Repository
from harness.scripting.adminconfig import AdminConfig

CELL = "cells/stconsoleSSCCell1"
NODE = CELL + "/nodes/stproxySTPNode1"
SERVERINDEX = NODE + "/serverindex.xml"
VHOSTS = CELL + "/virtualhosts.xml"
KEY_P12 = CELL + "/key.p12"
EP_WC = "(%s|serverindex.xml#EndPoint_1183122129647)" % NODE
PORTS_JOB = ("--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443")


def path(cfg, uri):
    return os.path.join(cfg, *uri.split("/"))


def read(cfg, uri):
    with open(path(cfg, uri), "rb") as f:
        return f.read()


def write(cfg, uri, data):
    with open(path(cfg, uri), "wb") as f:
        f.write(data)


def leftovers(cfg):
    return [os.path.join(d, f) for d, _dirs, files in os.walk(cfg) for f in journal.protocol_files(files)]


@pytest.fixture
def cfg(tmp_path):
    return copy_sample(tmp_path)


# ---------------------------------------------------------------------------------------------- conflicts
def test_a_key_store_changed_by_another_process_is_not_overwritten(cfg, tmp_path):
    ac = AdminConfig(cfg)
    local = str(tmp_path / "ks")
    digest = ac.extract(KEY_P12, local)
    with open(local, "ab") as f:
        f.write(b"ours")
    ac.checkin(KEY_P12, local, digest)
    theirs = read(cfg, KEY_P12) + b"theirs"
    write(cfg, KEY_P12, theirs)  # another job saved the key store meanwhile
    with pytest.raises(SaveConflictError) as e:
        ac.save()
    assert e.value.message.startswith("ADMR0006E: The document %s was changed" % KEY_P12)
    assert read(cfg, KEY_P12) == theirs
    assert leftovers(cfg) == []


def test_a_non_xml_document_reads_the_same_bytes_all_workspace_long(cfg, tmp_path):
    repo = Repository(cfg)
    first = repo.current_bytes(KEY_P12)
    write(cfg, KEY_P12, b"changed meanwhile")
    assert repo.current_bytes(KEY_P12) == first


def test_deleting_a_document_another_process_changed_is_refused(cfg):
    ac = AdminConfig(cfg)
    uri = CELL + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml"
    ac.deleteDocument(uri)  # never read by content: its digest is taken now
    theirs = read(cfg, uri).replace(b"LTPA", b"Basic")
    write(cfg, uri, theirs)
    with pytest.raises(SaveConflictError) as e:
        ac.save()
    assert uri in e.value.message
    assert read(cfg, uri) == theirs


def test_creating_a_document_that_appeared_meanwhile_is_refused(cfg, tmp_path):
    ac = AdminConfig(cfg)
    uri = CELL + "/stwas-notes.txt"
    local = tmp_path / "notes"
    local.write_bytes(b"ours\n")
    ac.createDocument(uri, str(local))
    write(cfg, uri, b"theirs\n")
    with pytest.raises(SaveConflictError):
        ac.save()
    assert read(cfg, uri) == b"theirs\n"


def test_a_same_size_rewrite_within_one_timestamp_is_a_conflict(cfg):
    ac = AdminConfig(cfg)
    ac.modify(EP_WC, [["port", "80"]])
    st = os.stat(path(cfg, SERVERINDEX))
    theirs = read(cfg, SERVERINDEX).replace(b'port="9443"', b'port="9444"')
    write(cfg, SERVERINDEX, theirs)
    os.utime(path(cfg, SERVERINDEX), ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path(cfg, SERVERINDEX)).st_size == st.st_size
    with pytest.raises(SaveConflictError):
        ac.save()
    assert read(cfg, SERVERINDEX) == theirs


def test_overwrite_on_conflict_mode_writes_anyway(cfg):
    ac = AdminConfig(cfg)
    ac.setSaveMode("overwriteOnConflict")
    ac.modify(EP_WC, [["port", "80"]])
    write(cfg, SERVERINDEX, read(cfg, SERVERINDEX).replace(b'port="9443"', b'port="9444"'))
    ac.save()
    data = read(cfg, SERVERINDEX)
    assert b'port="80"' in data and b'port="9444"' not in data


def test_save_returns_exactly_what_it_wrote(cfg, tmp_path):
    repo = Repository(cfg)
    ac = AdminConfig(repo)
    ac.modify(EP_WC, [["port", "80"]])
    ac.modify(EP_WC, [["port", "9080"]])  # back to what it was: nothing to write for it
    ac.deleteDocument(CELL + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml")
    before = snapshot(cfg)
    assert repo.save() == [CELL + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml"]
    after = snapshot(cfg)
    assert sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)) == [
        CELL + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml"
    ]


# ---------------------------------------------------------------------------------------------- kept as it was
def test_mode_owner_line_endings_and_symlinks_are_kept(cfg, tmp_path):
    si = path(cfg, SERVERINDEX)
    write(cfg, SERVERINDEX, read(cfg, SERVERINDEX).replace(b"\n", b"\r\n"))
    os.chmod(si, 0o640)
    owner = (os.getuid(), os.getgid())
    if os.geteuid() == 0:
        owner = (1234, 2345)
        os.chown(si, *owner)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.move(path(cfg, VHOSTS), str(outside / "virtualhosts.xml"))
    os.symlink(str(outside / "virtualhosts.xml"), path(cfg, VHOSTS))
    r = run_job("cpython", cfg, "set_server_ports", *PORTS_JOB)
    assert r.rc == 0 and r.result["saved"], r
    st = os.stat(si)
    assert stat.S_IMODE(st.st_mode) == 0o640 and (st.st_uid, st.st_gid) == owner
    data = read(cfg, SERVERINDEX)
    assert b'host="chat.example.com" port="80"' in data
    assert data.count(b"\n") == data.count(b"\r\n")  # every line, old and new, ends with CRLF
    assert os.path.islink(path(cfg, VHOSTS))  # written through the link
    assert b'hostname="chat.example.com" port="443"' in (outside / "virtualhosts.xml").read_bytes()
    assert leftovers(cfg) == [] and os.listdir(str(outside)) == ["virtualhosts.xml"]


# ---------------------------------------------------------------------------------------------- the cell lock
HOLDER = r"""
import sys, time
from harness.config.repository.lock import CellLock
lock = CellLock(sys.argv[1], job="holder-job")
lock.acquire()
print("locked", flush=True)
time.sleep(60)
"""


def hold_lock(cfg):
    p = subprocess.Popen(
        [sys.executable, "-c", HOLDER, cfg], env=dict(os.environ, PYTHONPATH=ROOT), stdout=subprocess.PIPE, text=True
    )
    assert p.stdout.readline().strip() == "locked"
    return p


def test_a_save_waits_for_the_lock_then_names_its_holder(cfg):
    holder = hold_lock(cfg)
    try:
        before = {k: v for k, v in snapshot(cfg).items() if k != LOCK_NAME}
        r = run_job("cpython", cfg, "set_server_ports", *PORTS_JOB, env={"STWAS_SAVE_LOCK_TIMEOUT": "0.5"})
        assert r.rc != 0 and r.result["saved"] is False, r
        assert len(r.error_lines) == 1, r
        line = r.error_lines[0]
        assert "ADMR0010E: The configuration repository %s is locked by another save (pid %d on host " % (cfg, holder.pid) in line
        assert ", job holder-job, since " in line and "within 0.5 seconds; nothing was saved." in line
        assert "Traceback" not in r.stdout + r.stderr
        assert {k: v for k, v in snapshot(cfg).items() if k != LOCK_NAME} == before
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # the holder died with its lock: the next save takes the lock file over and removes it
    r = run_job("cpython", cfg, "set_server_ports", *PORTS_JOB)
    assert r.rc == 0 and r.result["saved"], r
    assert leftovers(cfg) == []


def test_the_open_leaves_a_running_saves_files_alone(cfg):
    tmp = path(cfg, NODE + "/.serverindex.xml.stwas-0123456789abcdef.tmp")
    write(cfg, NODE + "/.serverindex.xml.stwas-0123456789abcdef.tmp", b"a save in progress")
    holder = hold_lock(cfg)
    try:
        Repository(cfg)
        assert os.path.exists(tmp)  # the lock is held: not ours to remove
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    Repository(cfg)
    assert leftovers(cfg) == []


def test_the_open_removes_temp_files_an_older_save_left(cfg):
    old = [
        NODE + "/.serverindex.xml.stwas-4242.tmp",  # the harness's former name
        CELL + "/.virtualhosts.xml.stwas-00aa11bb22cc33dd.bak",
        ".stwas-save.journal.stwas-00aa11bb22cc33dd.tmp",
    ]
    for uri in old:
        write(cfg, uri, b"x")
    before = {k: v for k, v in snapshot(cfg).items() if k not in old}
    Repository(cfg)
    assert leftovers(cfg) == []
    assert snapshot(cfg) == before


# ---------------------------------------------------------------------------------------------- half-way failure
def without_root_privileges():
    """A command prefix under which directory permissions hold: as root, drop the capabilities that override
    them (root ignores a mode 555 directory otherwise); None if that is not possible here."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"] if setpriv else None


def test_a_save_failing_on_its_second_directory_changes_nothing(cfg):
    prefix = without_root_privileges()
    if prefix is None:
        pytest.skip("running as root without setpriv: a read-only directory cannot be made to refuse root")
    # serverindex.xml (nodes/stproxySTPNode1/) is written first, virtualhosts.xml (the cell directory) second
    os.chmod(path(cfg, CELL), 0o555)
    try:
        before = snapshot(cfg)
        cmd = (
            prefix
            + [
                sys.executable,
                "-m",
                "harness.wsadmin",
                "-conntype",
                "NONE",
                "-configRoot",
                cfg,
                "-lang",
                "jython",
                "-interpreter",
                "cpython",
                "-f",
                script_path("set_server_ports"),
            ]
            + list(PORTS_JOB)
        )
        p = subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    finally:
        os.chmod(path(cfg, CELL), 0o755)
    assert p.returncode != 0, p.stdout + p.stderr
    errors = [ln for ln in p.stdout.splitlines() if ln.startswith("ERROR: ")]
    assert len(errors) == 1, p.stdout
    assert errors[0].endswith(
        "ADMR0011E: The configuration was not saved: cannot write %s (Permission denied); no document was changed." % VHOSTS
    ), errors[0]
    result = json.loads([ln for ln in p.stdout.splitlines() if ln.startswith(RESULT_PREFIX)][0][len(RESULT_PREFIX) :])
    assert result["saved"] is False
    assert not [ln for ln in p.stdout.splitlines() if ln.startswith("saved")]
    assert "Traceback" not in p.stdout + p.stderr
    assert snapshot(cfg) == before
    assert leftovers(cfg) == []
