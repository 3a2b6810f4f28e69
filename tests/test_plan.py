"""python -m harness plan: bad sources are refused with one line, nothing outside the temp dir is written."""

import os
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT, SAMPLE_CONFIG, snapshot

from harness import plan

PORT_JOB = "AdminConfig.modify(AdminConfig.list('EndPoint').splitlines()[0], [['port', '1234']])\nAdminConfig.save()\n"


def run_plan(args):
    p = subprocess.run([sys.executable, "-m", "harness", "plan"] + args, cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=300)
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
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, "/etc")
    with pytest.raises(plan.PlanError) as e:
        plan.safe_extract(z, str(tmp_path / "out"))
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
    assert "\n--- a/cells/" in out and "port=\"1234\"" in out
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
    assert plan.mask_secrets('  <x password="{xor}CDo9Hgw=" bindPassword="secret"/>\n') == \
        '  <x password="*****" bindPassword="*****"/>\n'
