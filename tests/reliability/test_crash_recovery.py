"""A save killed (SIGKILL) or failing (an injected I/O error) at every step, then the next open of the cell:
every document is all-before or all-after, and no lock, journal, temp or backup file remains (issue 12).

The steps are the fault points of harness/config/repository/journal.py (STWAS_FAULT, test-only); the first test
checks that a save goes through exactly the steps the others kill it at, so a new step cannot go untested.
"""

import os
import shutil
import subprocess
import sys

import pytest
from paths import ROOT, SAMPLE_CONFIG

from harness.config.repository import journal
from harness.config.repository.repository import Repository

CELL = "cells/stconsoleSSCCell1"
SERVERINDEX = CELL + "/nodes/stproxySTPNode1/serverindex.xml"
VHOSTS = CELL + "/virtualhosts.xml"
NEW_DOC = CELL + "/stwas-notes.xml"
GONE_DOC = CELL + "/nodes/stmediaSTMSNode1/servers/STMediaServer/stavconfig.xml"
KEY_STORE = CELL + "/key.p12"

# The save of each variant, run in its own process (the one that gets killed).
SAVE = r"""
import sys
from harness.scripting.adminconfig import AdminConfig
from harness.base.errors import ScriptingException
root, variant, scratch = sys.argv[1:4]
ac = AdminConfig(root)
ac.modify("(%(si)s#EndPoint_1183122129647)" , [["port", "80"]])
ac.modify("(%(vh)s#HostAlias_8)", [["port", "8443"]])
if variant == "mixed":
    open(scratch + "/new.xml", "wb").write(b"<notes/>\n")
    ac.createDocument("%(new)s", scratch + "/new.xml")
    ac.deleteDocument("%(gone)s")
    digest = ac.extract("%(ks)s", scratch + "/ks")
    open(scratch + "/ks", "wb").write(b"not really a key store\n")
    ac.checkin("%(ks)s", scratch + "/ks", digest)
try:
    ac.save()
except ScriptingException as e:
    print(e.message)
    sys.exit(3)
""" % {
    "si": SERVERINDEX.replace("/serverindex.xml", "|serverindex.xml"),
    "vh": VHOSTS.replace("/virtualhosts.xml", "|virtualhosts.xml"),
    "new": NEW_DOC,
    "gone": GONE_DOC,
    "ks": KEY_STORE,
}

VARIANTS = {"two": 2, "mixed": 5}  # documents in the save


def steps(n):
    """The fault points of a save of n documents, in order."""
    return (
        ["before-lock", "after-lock", "after-check", "after-prepare"]
        + ["after-temp-%d" % i for i in range(1, n + 1)]
        + ["after-fsync", "after-commit"]
        + ["after-rename-%d" % i for i in range(1, n + 1)]
        + ["after-dirsync", "after-cleanup", "after-finish"]
    )


def cell(base, variant):
    """A fresh copy of the sample cell; in "mixed" virtualhosts.xml is a symlink to a file outside the tree."""
    root = os.path.join(str(base), "config")
    shutil.copytree(SAMPLE_CONFIG, root)
    outside = os.path.join(str(base), "outside")
    os.mkdir(outside)
    if variant == "mixed":
        vh = os.path.join(root, *VHOSTS.split("/"))
        shutil.move(vh, os.path.join(outside, "virtualhosts.xml"))
        os.symlink(os.path.join(outside, "virtualhosts.xml"), vh)
    scratch = os.path.join(str(base), "scratch")
    os.mkdir(scratch)
    return root, outside, scratch


def run_save(root, variant, scratch, fault=None):
    env = dict(os.environ, PYTHONPATH=ROOT)
    env.pop("STWAS_FAULT", None)
    if fault:
        env["STWAS_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-c", SAVE, root, variant, scratch], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def state(root, outside):
    """Every document's bytes (through links), and which documents are links."""
    out = {}
    for base in (root, outside):
        for d, _dirs, files in os.walk(base):
            for f in files:
                if journal.protocol_files([f]):
                    continue  # leftovers() answers for those
                p = os.path.join(d, f)
                with open(p, "rb") as fh:
                    out[os.path.relpath(p, os.path.dirname(root))] = (fh.read(), os.path.islink(p))
    return out


def leftovers(root, outside):
    found = []
    for base in (root, outside):
        for d, _dirs, files in os.walk(base):
            found.extend(os.path.join(d, f) for f in journal.protocol_files(files))
    return found


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """{variant: (before, after, traced steps)} from one undisturbed save per variant."""
    out = {}
    for variant in VARIANTS:
        base = tmp_path_factory.mktemp(variant)
        root, outside, scratch = cell(base, variant)
        before = state(root, outside)
        trace = os.path.join(str(base), "trace")
        r = run_save(root, variant, scratch, "*:trace=" + trace)
        assert r.returncode == 0, r.stdout + r.stderr
        with open(trace) as f:
            traced = f.read().split()
        after = state(root, outside)
        assert after != before and not leftovers(root, outside)
        out[variant] = (before, after, traced)
    return out


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_save_goes_through_every_step_tested_here(expected, variant):
    before, after, traced = expected[variant]
    assert traced == steps(VARIANTS[variant])
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and k.startswith("config/"))
    assert len(changed) == VARIANTS[variant]
    if variant == "mixed":  # the symlinked document was written through its link, which stays a link
        assert after["config/" + VHOSTS][1] is True
        assert after["outside/virtualhosts.xml"][0] == after["config/" + VHOSTS][0]


KILLS = [(v, s) for v in sorted(VARIANTS) for s in steps(VARIANTS[v])]


@pytest.mark.parametrize("variant,step", KILLS, ids=["%s-%s" % k for k in KILLS])
def test_sigkill_at_every_step_then_open(tmp_path, expected, variant, step):
    before, after, _ = expected[variant]
    root, outside, scratch = cell(tmp_path, variant)
    r = run_save(root, variant, scratch, step + ":kill")
    assert r.returncode == -9, r.stdout + r.stderr
    Repository(root)  # the next open finishes or rolls back the interrupted save
    got = state(root, outside)
    committed = steps(VARIANTS[variant]).index(step) >= steps(VARIANTS[variant]).index("after-commit")
    assert got == (after if committed else before)
    assert leftovers(root, outside) == []


FAILS = [
    (v, s)
    for v in sorted(VARIANTS)
    for s in steps(VARIANTS[v])
    if s not in ("before-lock", "after-lock", "after-cleanup", "after-finish")
]


@pytest.mark.parametrize("variant,step", FAILS, ids=["%s-%s" % k for k in FAILS])
def test_io_error_at_every_step_leaves_every_document_as_before(tmp_path, expected, variant, step):
    before, _, _ = expected[variant]
    root, outside, scratch = cell(tmp_path, variant)
    r = run_save(root, variant, scratch, step + ":fail")
    assert r.returncode == 3, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ADMR0011E: The configuration was not saved: cannot write ")
    assert lines[0].endswith("; no document was changed.")
    assert "Traceback" not in r.stderr
    assert state(root, outside) == before
    assert leftovers(root, outside) == []  # undone in the process itself, before any next open


def test_a_failing_cleanup_still_saves_and_the_next_open_tidies_up(tmp_path, expected):
    _, after, _ = expected["mixed"]
    root, outside, scratch = cell(tmp_path, "mixed")
    r = run_save(root, "mixed", scratch, "after-cleanup:fail")
    assert r.returncode == 0, r.stdout + r.stderr
    assert state(root, outside) == after
    assert [os.path.basename(p) for p in leftovers(root, outside)] == [journal.JOURNAL_NAME]
    Repository(root)
    assert state(root, outside) == after and leftovers(root, outside) == []
