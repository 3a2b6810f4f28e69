"""python -m harness plan: bad sources are refused with one line, nothing outside the temp dir is written."""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT, SAMPLE_CONFIG, snapshot
from jobs_helpers import INTERPRETERS
from jobs_helpers import run_plan as run_job_plan
from paths import REAL
from test_jobs_certificates import SENTINEL, make_wildcard
from test_save import without_root_privileges

from harness import plan
from harness.base import wsadmin_semantics as S

PORT_JOB = "AdminConfig.modify(AdminConfig.list('EndPoint').splitlines()[0], [['port', '1234']])\nAdminConfig.save()\n"


def run_plan(args):
    p = subprocess.run(
        [sys.executable, "-m", "harness", "plan"] + args,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def zip_of(config, path, extra=None):
    with zipfile.ZipFile(path, "w") as z:
        for d, _dirs, files in os.walk(config):
            for f in files:
                full = os.path.join(d, f)
                z.write(full, os.path.join("Dmgr01", "config", os.path.relpath(full, config)))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


@pytest.fixture
def job(tmp_path):
    p = tmp_path / "job.py"
    p.write_text(PORT_JOB)
    return str(p)


@pytest.mark.parametrize("member", ["../evil.txt", "Dmgr01/../../evil.txt", "/tmp/evil.txt", "C:/evil.txt"])
def test_zip_with_escaping_member_is_refused(tmp_path, job, member):
    z = zip_of(SAMPLE_CONFIG, str(tmp_path / "cfg.zip"), {member: b"x"})
    before = open(z, "rb").read()
    rc, out, err = run_plan(["--config", z, "-interpreter", "cpython", "--", job])
    assert rc == 2
    assert err.strip().startswith("plan: refusing zip member")
    assert len(err.strip().splitlines()) == 1
    assert open(z, "rb").read() == before
    assert not (tmp_path / "evil.txt").exists()
    assert not os.path.exists("/tmp/evil.txt")


def test_zip_with_symlink_member_is_refused(tmp_path):
    z = str(tmp_path / "link.zip")
    with zipfile.ZipFile(z, "w") as zf:
        info = zipfile.ZipInfo("config/cells/link")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc")
    with pytest.raises(plan.PlanError) as e:
        plan.open_source(z)
    assert "symbolic link" in str(e.value)


def test_not_a_zip_and_not_a_config(tmp_path, job):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    rc, out, err = run_plan(["--config", str(bad), "--", job])
    assert rc == 2 and "not a readable zip file" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    rc, out, err = run_plan(["--config", str(empty), "--", job])
    assert rc == 2 and "is not a WebSphere configuration directory" in err
    rc, out, err = run_plan(["--config", str(tmp_path / "missing"), "--", job])
    assert rc == 2 and "does not exist" in err


def test_plan_on_zip_diffs_and_leaves_source(tmp_path, job):
    z = zip_of(SAMPLE_CONFIG, str(tmp_path / "cfg.zip"))
    before = open(z, "rb").read()
    rc, out, err = run_plan(["--config", z, "-interpreter", "cpython", "--", job])
    assert rc == 0, err
    assert "\n--- a/cells/" in out and 'port="1234"' in out
    assert open(z, "rb").read() == before


def test_plan_on_directory_leaves_source(job):
    before = snapshot(SAMPLE_CONFIG)
    rc, out, err = run_plan(["--config", SAMPLE_CONFIG, "-interpreter", "cpython", "--", job])
    assert rc == 0, err
    assert "+++ b/cells/" in out
    assert snapshot(SAMPLE_CONFIG) == before


def test_plan_passes_the_scripts_exit_code(tmp_path):
    p = tmp_path / "fail.py"
    p.write_text("import sys\nsys.exit(7)\n")
    rc, out, err = run_plan(["--config", SAMPLE_CONFIG, "-interpreter", "cpython", "--", str(p)])
    assert rc == 7
    assert "plan: no configuration document changed" in out


def test_secrets_are_masked_in_the_diff():
    assert (
        plan.mask_secrets('  <x password="{xor}CDo9Hgw=" bindPassword="secret"/>\n')
        == '  <x password="*****" bindPassword="*****"/>\n'
    )


# ---------------------------------------------------------------- issue 12: zip limits, binary documents
def bomb_zip(path, size=64 * 1024**2):
    """The sample cell plus one member of `size` zeros (about 1000:1 deflated)."""
    zip_of(SAMPLE_CONFIG, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("Dmgr01/config/cells/bomb.bin", "w") as out:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                out.write(chunk)
    return path


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path, job):
    z = bomb_zip(str(tmp_path / "bomb.zip"))
    before = open(z, "rb").read()
    rc, out, err = run_plan(["--config", z, "-interpreter", "cpython", "--", job])
    assert rc == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("plan: refusing zip member 'Dmgr01/config/cells/bomb.bin': compressed "), err
    assert lines[0].endswith(":1, more than the limit of %d:1" % S.PLAN_ZIP_MAX_RATIO)
    assert "Traceback" not in out + err and open(z, "rb").read() == before


@pytest.mark.parametrize(
    "limit,value,text",
    [
        ("PLAN_ZIP_MAX_MEMBERS", 10, "members, more than the limit of 10"),
        ("PLAN_ZIP_MAX_BYTES", 1000, "bytes uncompressed, more than the limit of 1000"),
    ],
)
def test_zip_limits_on_members_and_size(tmp_path, monkeypatch, limit, value, text):
    z = zip_of(SAMPLE_CONFIG, str(tmp_path / "cfg.zip"))
    monkeypatch.setattr(S, limit, value)
    with pytest.raises(plan.PlanError) as e:
        plan.open_source(z)
    assert str(e.value).startswith("plan: refusing %s: " % z) and str(e.value).endswith(text)


def test_a_real_backup_of_a_cell_is_within_the_limits(tmp_path):
    """The real WAS profile (templates and all) and the sample cell unpack; their ratios are far from the limit."""
    for src in (REAL, SAMPLE_CONFIG):
        z = zip_of(src, str(tmp_path / "real.zip"))
        with zipfile.ZipFile(z) as zf:
            worst = max(m.file_size / max(m.compress_size, 1) for m in zf.infolist())
        assert worst * 5 < S.PLAN_ZIP_MAX_RATIO
        plan.open_source(z).close()


def test_plan_names_the_key_store_entries_a_job_adds(tmp_path):
    p12 = tmp_path / "wildcard.p12"
    make_wildcard(p12)
    pw = tmp_path / "pw"
    pw.write_text(SENTINEL + "\n")
    r = run_job_plan(
        SAMPLE_CONFIG,
        "import_certificate",
        "--key-file",
        str(p12),
        "--key-file-password-file",
        str(pw),
        "--alias",
        "GlobalKey",
        interpreter="cpython",
    )
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    head = [ln for ln in lines if ln.startswith("binary document ")]
    # the personal certificate in the key store, its (self-signed) issuer in the trust store
    assert len(head) == 2 and head[0].startswith("binary document cells/stconsoleSSCCell1/key.p12 changed (")
    assert head[1].startswith("binary document cells/stconsoleSSCCell1/trust.p12 changed (")
    assert head[0].endswith(" bytes); key store entries:") and head[1].endswith(" bytes); key store entries:")
    assert lines[lines.index(head[0]) + 1] == "  + GlobalKey (personal certificate, CN=*.example.com)"
    assert lines[lines.index(head[1]) + 1] == "  + globalkey_signer_1 (signer certificate, CN=*.example.com)"
    assert "\ufffd" not in r.stdout and "\0" not in r.stdout and SENTINEL not in r.stdout + r.stderr


def test_binary_summaries():
    assert plan.binary_summary("a/x.jar", b"abc", b"abcd", {}, {}) == "binary document a/x.jar changed (3 -> 4 bytes)\n"
    assert plan.binary_summary("a/x.bin", None, b"\0\1", {}, {}) == "binary document a/x.bin added (2 bytes)\n"
    assert plan.binary_summary("a/t.p12", b"\0junk", b"\0junk!", {}, {}) == (
        "binary document a/t.p12 changed (5 -> 6 bytes) (a key store this plan cannot open)\n"
    )
    assert plan.unified_diff({"x.bin": b"\0a"}, {"x.bin": b"\0b"}) == "binary document x.bin changed (2 -> 2 bytes)\n"


# ---------------------------------------------------------------- issue 14: an overlay over a source that is never written
PORTS = ("--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443")
CELL = "cells/stconsoleSSCCell1"


def tree_state(root):
    """Every name under root: a file's bytes, a link's target, a directory's mtime (a name created and removed
    again changes it)."""
    out = {}
    for d, dirs, files in os.walk(root):
        out[d] = ("dir", os.stat(d).st_mtime_ns)
        for name in files + [x for x in dirs if os.path.islink(os.path.join(d, x))]:
            p = os.path.join(d, name)
            if os.path.islink(p):
                out[p] = ("link", os.readlink(p))
            else:
                with open(p, "rb") as f:
                    out[p] = ("file", f.read())
    return out


def chmod_tree(root, dir_mode, file_mode):
    for d, _dirs, files in os.walk(root):
        os.chmod(d, dir_mode)
        for f in files:
            os.chmod(os.path.join(d, f), file_mode)


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_a_read_only_source_is_never_written(tmp_path, interpreter):
    """Lock, journal and temp files of the save go to the overlay: not one name or byte of the source changes,
    even where the source could be written (as root without setpriv, mode 555 does not stop a write)."""
    src = str(tmp_path / "config")
    shutil.copytree(SAMPLE_CONFIG, src)
    chmod_tree(src, 0o555, 0o444)
    prefix = without_root_privileges() or []
    try:
        before = tree_state(src)
        cmd = (
            prefix
            + [
                sys.executable,
                "-m",
                "harness",
                "plan",
                "--config",
                src,
                "-interpreter",
                interpreter,
                "--",
                os.path.join(ROOT, "wsadmin_scripts", "set_server_ports.py"),
            ]
            + list(PORTS)
        )
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
        assert p.returncode == 0, p.stdout + p.stderr
        assert "+++ b/%s/nodes/stproxySTPNode1/serverindex.xml" % CELL in p.stdout
        assert "+++ b/%s/virtualhosts.xml" % CELL in p.stdout
        assert '"saved": true' in p.stdout
        assert tree_state(src) == before
    finally:
        chmod_tree(src, 0o755, 0o644)


def test_a_linked_document_of_the_source_is_never_written_through(tmp_path):
    src = str(tmp_path / "config")
    shutil.copytree(SAMPLE_CONFIG, src)
    outside = tmp_path / "outside"
    outside.mkdir()
    vhosts = os.path.join(src, CELL, "virtualhosts.xml")
    shutil.move(vhosts, str(outside / "virtualhosts.xml"))
    os.symlink(str(outside / "virtualhosts.xml"), vhosts)
    before, outside_before = tree_state(src), tree_state(str(outside))
    r = run_job_plan(src, "set_server_ports", *PORTS, interpreter="cpython")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "+++ b/%s/virtualhosts.xml" % CELL in r.stdout and 'hostname="chat.example.com" port="443"' in r.stdout
    assert tree_state(src) == before and tree_state(str(outside)) == outside_before


def test_a_zip_is_read_member_by_member(tmp_path):
    """A member the job never reads is never unpacked: a corrupt one (its CRC does not match) does not stop the
    plan, and the plan reads through a zip as through a directory."""
    z = zip_of(SAMPLE_CONFIG, str(tmp_path / "cfg.zip"), {"Dmgr01/config/%s/unused.bin" % CELL: b"x" * 4096})
    with zipfile.ZipFile(z) as zf:
        info = zf.getinfo("Dmgr01/config/%s/unused.bin" % CELL)
        assert info.compress_type == zipfile.ZIP_STORED
    data = bytearray(open(z, "rb").read())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 100] ^= 0xFF  # the stored bytes no longer match the CRC
    open(z, "wb").write(bytes(data))
    with zipfile.ZipFile(z) as zf, pytest.raises(zipfile.BadZipFile):
        zf.read("Dmgr01/config/%s/unused.bin" % CELL)
    r = run_job_plan(z, "set_server_ports", *PORTS, interpreter="cpython")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "+++ b/%s/nodes/stproxySTPNode1/serverindex.xml" % CELL in r.stdout
    assert r.stdout.count("\n+++ b/") == 2


DOCUMENTS_JOB = """
import os, tempfile
gone = '%(cell)s/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml'
new = '%(cell)s/stwas-plan-test.xml'
local = os.path.join(tempfile.mkdtemp(), 'x.xml')
open(local, 'w').write('<a/>\\n')
AdminConfig.deleteDocument(gone)
AdminConfig.createDocument(new, local)
AdminConfig.save()
print('after the first save: %%d %%d' %% (AdminConfig.existsDocument(gone), AdminConfig.existsDocument(new)))
open(local, 'w').write('<b/>\\n')
AdminConfig.createDocument(gone, local)
AdminConfig.save()
print('after the second save: %%d' %% AdminConfig.existsDocument(gone))
""" % {"cell": CELL}


def test_deleted_and_created_documents_through_the_overlay(tmp_path):
    """A deletion is a whiteout in the overlay: later reads see it gone, a re-created document comes back with
    its new content, and the diff compares it with the source."""
    script = tmp_path / "docs.py"
    script.write_text(DOCUMENTS_JOB)
    stav = "%s/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml" % CELL
    before = snapshot(SAMPLE_CONFIG)
    rc, out, err = run_plan(["--config", SAMPLE_CONFIG, "-interpreter", "cpython", "--", str(script)])
    assert rc == 0, out + err
    assert "after the first save: 0 1" in out and "after the second save: 1" in out
    assert "--- /dev/null\n+++ b/%s/stwas-plan-test.xml\n@@ -0,0 +1 @@\n+<a/>\n" % CELL in out
    assert "--- a/%s\n+++ b/%s\n" % (stav, stav) in out and "\n+<b/>\n" in out
    assert snapshot(SAMPLE_CONFIG) == before
